"""gunicorn's threaded worker, minus two thread hand-offs per kept-alive request.

In the stock ``gthread`` worker every request on a kept-alive connection goes
worker thread -> main thread (the connection is put back in the poller) ->
poller wakes on the next request -> worker thread again.  Each hand-off is a
thread wake-up, and the main loop's Python work (futures, pipe, selector
registration) holds the one GIL that request handling needs too.

:class:`FollowUpThreadWorker` lets the thread that answered a request serve
the same connection's next request itself when that request is already there
or follows within :data:`FOLLOW_UP_WAIT` (a client sending one query after
another), and no other connection is waiting for a thread.  Otherwise the
connection goes back to the poller exactly as before, so idle keep-alive
connections still hold no thread and a busy client cannot starve the others
for long (:data:`MAX_IN_A_ROW`).
"""

from __future__ import annotations

import select
from typing import Any

from gunicorn.workers.gthread import ThreadWorker

from conflict_kg.server.stacks import use_deep_stacks

FOLLOW_UP_WAIT = 0.005  # seconds; a parked thread costs no CPU (select releases the GIL)
MAX_IN_A_ROW = 100  # then the connection queues behind the others once


class FollowUpThreadWorker(ThreadWorker):  # type: ignore[misc]
    def init_process(self) -> None:
        use_deep_stacks()  # request threads run updates on the store: see stacks
        super().init_process()

    def handle(self, conn: Any) -> Any:
        for _ in range(MAX_IN_A_ROW):
            keep = super().handle(conn)
            if keep is not True or not self.alive or not self._follow_up_ready(conn):
                return keep
        return keep

    def _follow_up_ready(self, conn: Any) -> bool:
        if conn.parser.unreader.buf.getvalue():
            return True  # the body drain read the next request already
        waiting = getattr(self.tpool, "_work_queue", None)  # ThreadPoolExecutor's own queue
        if waiting is None or not waiting.empty():
            return False  # another connection waits for a thread (or we cannot tell): take turns
        try:
            readable, _, _ = select.select([conn.sock], [], [], FOLLOW_UP_WAIT)
        except (OSError, ValueError):
            return False
        return bool(readable)
