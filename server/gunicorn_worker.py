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

Request heads are read by the event loop, not by threads
(:mod:`conflict_kg.server.http.request_reading`): idle, slow or trickling clients
hold no thread, and a client that does not send its request within
``request_read_timeout`` seconds is disconnected.
"""

from __future__ import annotations

import select
import selectors
import time
from functools import partial
from typing import Any

from gunicorn.workers.gthread import TConn, ThreadWorker

from conflict_kg.server.http.request_reading import (
    HEAD_END,
    PendingRequest,
    TimedReads,
    head_is_waiting,
)
from conflict_kg.server.ops.stacks import use_deep_stacks

FOLLOW_UP_WAIT = 0.005  # seconds; a parked thread costs no CPU (select releases the GIL)
MAX_IN_A_ROW = 100  # then the connection queues behind the others once


DEFAULT_READ_TIMEOUT = 10.0
DEFAULT_MAX_BODY = 10_000_000


class FollowUpThreadWorker(ThreadWorker):  # type: ignore[misc]
    def init_process(self) -> None:
        use_deep_stacks()  # request threads run updates on the store: see stacks
        settings = getattr(self.app, "_settings", None)  # server.wsgi's application
        self.read_timeout = float(getattr(settings, "request_read_timeout", DEFAULT_READ_TIMEOUT))
        self.max_body = int(getattr(settings, "max_request_bytes", DEFAULT_MAX_BODY))
        self.reading: dict[int, PendingRequest] = {}
        super().init_process()  # runs the event loop

    # --- the event loop reads requests ------------------------------------------------

    def accept(self, listener: Any) -> None:
        if self.cfg.is_ssl:  # the TLS handshake belongs to a thread, as in gthread
            super().accept(listener)
            return
        try:
            sock, client = listener.accept()
        except (BlockingIOError, InterruptedError, ConnectionAbortedError):
            return
        self.nr_conns += 1
        conn = TConn(self.cfg, sock, client, listener.getsockname())  # non-blocking
        self._read_request(conn, time.monotonic() + self.read_timeout)

    def on_client_socket_readable(self, conn: Any, client: Any) -> None:
        """A kept-alive connection has bytes: read its next request here first."""
        if self.cfg.is_ssl:
            super().on_client_socket_readable(conn, client)
            return
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        pending = self._read_request(conn, time.monotonic() + self.read_timeout)
        if pending is not None:
            self._on_request_bytes(pending, conn.sock)

    def _read_request(self, conn: Any, deadline: float) -> PendingRequest | None:
        pending = PendingRequest(conn, deadline)
        try:
            self.poller.register(conn.sock, selectors.EVENT_READ,
                                 partial(self._on_request_bytes, pending))
        except (OSError, ValueError, KeyError):
            self.nr_conns -= 1
            conn.close()
            return None
        self.reading[id(conn)] = pending
        return pending

    def _on_request_bytes(self, pending: PendingRequest, sock: Any) -> None:
        ready = pending.receive()
        if ready is False:
            return
        self._stop_reading(pending)
        if ready is None:  # the client went away
            self.nr_conns -= 1
            pending.conn.close()
            return
        pending.conn.data_ready = True  # no wait for a first byte in handle()
        pending.conn.prefetched = bytes(pending.buffer)
        self.enqueue_req(pending.conn)

    def _stop_reading(self, pending: PendingRequest) -> None:
        self.reading.pop(id(pending.conn), None)
        try:
            self.poller.unregister(pending.conn.sock)
        except (OSError, ValueError, KeyError):
            pass

    def murder_pending(self) -> None:
        super().murder_pending()
        now = time.monotonic()
        for pending in [p for p in self.reading.values() if p.deadline <= now]:
            self._stop_reading(pending)  # too slow: the request never came whole
            self.nr_conns -= 1
            pending.conn.close()

    # --- threads ----------------------------------------------------------------------

    def handle(self, conn: Any) -> Any:
        prefetched = getattr(conn, "prefetched", None)
        if prefetched is not None:
            conn.prefetched = None
            conn.init()  # the parser, reading from the socket once the bytes are used
            conn.parser.unreader.unread(prefetched)
        keep = None
        for _ in range(MAX_IN_A_ROW):
            self._bound_reads(conn)
            keep = super().handle(conn)
            if keep is not True or not self.alive or not self._follow_up_ready(conn):
                return keep
        return keep

    def _bound_reads(self, conn: Any) -> None:
        """Whatever this thread still reads from the client, it reads against a clock."""
        if conn.parser is None or not hasattr(conn.parser, "unreader"):
            return
        unreader = conn.parser.unreader
        if not hasattr(unreader, "sock"):
            return
        if not isinstance(unreader.sock, TimedReads):
            unreader.sock = TimedReads(unreader.sock, self.read_timeout)
        unreader.sock.arm(self.max_body)

    def _follow_up_ready(self, conn: Any) -> bool:
        if HEAD_END in conn.parser.unreader.buf.getvalue():
            return True  # the body drain read the next request already
        waiting = getattr(self.tpool, "_work_queue", None)  # ThreadPoolExecutor's own queue
        if waiting is None or not waiting.empty():
            return False  # another connection waits for a thread (or we cannot tell): take turns
        try:
            readable, _, _ = select.select([conn.sock], [], [], FOLLOW_UP_WAIT)
        except (OSError, ValueError):
            return False
        # Only a whole head is served here; a partial one is read by the event loop.
        return bool(readable) and head_is_waiting(conn.sock)
