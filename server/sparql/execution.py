"""Bounded, deadline-checked evaluation of SPARQL queries in worker threads.

pyoxigraph has no query timeout, releases the GIL while it evaluates, and
hands out lazy result iterators that must stay on the thread that made them.
So each evaluation runs on its own worker thread, which both evaluates and
serializes, pushing byte chunks through a small queue (bounded memory:
backpressure stops the worker when the client reads slowly).  The request
thread waits for the first chunks until the deadline:

* the deadline passes before the response has started: the client gets a
  clear timeout error (503) and the worker is told to stop;
* the deadline passes while streaming: the worker stops at its next row and the
  connection is closed without the final chunk, so no client mistakes a cut
  stream for a whole one.

A worker stops at its next row or chunk once told to.  One stuck inside a
single evaluation step of the store (an aggregate over a huge join, say)
cannot be interrupted from Python: it keeps its concurrency slot until it
ends, so such queries can never hold more than ``max_concurrent_queries``
cores, and after a grace period :attr:`QueryRunner.on_runaway` is called (the
production server then recycles its worker process, which ends the thread).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from conflict_kg.server.ops.stacks import start_deep_thread

log = logging.getLogger(__name__)

__all__ = ["Busy", "ClientLimit", "Execution", "QueryRunner", "QueryTimeout"]

_CHUNK_QUEUE = 64
_BACKOFF = 0.005  # a producer ahead of its reader by _CHUNK_QUEUE chunks polls this often


class Busy(Exception):
    """No evaluation slot came free before the queue deadline (``503``)."""

    status = 503


class ClientLimit(Busy):
    """This client already runs its share of the slots (``429``)."""

    status = 429


class QueryTimeout(Exception):
    """The query ran past its deadline."""


class Cancelled(Exception):
    """The consumer went away (client disconnected, or timeout)."""


@dataclass
class _End:
    error: BaseException | None = None
    tail: bytes = b""  # the last bytes, handed over with the end: one wake-up for small results


_FLUSH_BYTES = 64 * 1024


@dataclass
class Execution:
    """One evaluation: the producer side (``write``/``check``) runs on the worker."""

    deadline: float
    max_rows: int
    timeout: float
    truncated: bool = False
    # C-level queue (no Python Condition per put/get): a small result is one
    # put and one get.  Backpressure on large ones: see write().
    _queue: queue.SimpleQueue[bytes | _End] = field(default_factory=queue.SimpleQueue)
    cancelled: bool = False  # set by the consumer; a plain flag (read between rows)
    thread: threading.Thread | None = None
    _pending: list[bytes] = field(default_factory=list)
    _pending_bytes: int = 0
    finished: threading.Event = field(default_factory=threading.Event)

    # -- producer side (worker thread) --------------------------------------

    def check(self) -> None:
        """Raise if the evaluation must stop (called between rows)."""
        if self.cancelled:
            raise Cancelled()
        if time.monotonic() > self.deadline:
            raise QueryTimeout(self.timeout_message)

    def write(self, data: bytes) -> None:
        self._pending.append(data)
        self._pending_bytes += len(data)
        if self._pending_bytes < _FLUSH_BYTES:
            return
        chunk = b"".join(self._pending)
        self._pending.clear()
        self._pending_bytes = 0
        while self._queue.qsize() >= _CHUNK_QUEUE:  # the client reads slowly: wait for it
            self.check()
            time.sleep(_BACKOFF)
        self.check()
        self._queue.put(chunk)

    def _finish(self, error: BaseException | None) -> None:
        end = _End(error, b"" if error is not None else b"".join(self._pending))
        self._pending.clear()
        if not self.cancelled:
            self._queue.put(end)

    # -- consumer side (request thread) -------------------------------------

    @property
    def timeout_message(self) -> str:
        return (f"query timed out: it ran longer than the {self.timeout:g} s limit "
                "(query_timeout); add LIMIT or make the pattern more selective")

    def cancel(self) -> None:
        self.cancelled = True

    def first(self, buffer_bytes: int) -> tuple[list[bytes], bool]:
        """Chunks until ``buffer_bytes`` are buffered or the result ends.

        Returns the chunks and whether the result is complete; raises the
        worker's error, or :class:`QueryTimeout`.
        """
        chunks: list[bytes] = []
        size = 0
        while size < buffer_bytes:
            item = self._get()
            if isinstance(item, _End):
                if item.error is not None:
                    raise item.error
                if item.tail:
                    chunks.append(item.tail)
                return chunks, True
            chunks.append(item)
            size += len(item)
        return chunks, False

    def rest(self) -> Iterator[bytes]:
        """The remaining chunks; raises if the result cannot be completed."""
        try:
            while True:
                item = self._get()
                if isinstance(item, _End):
                    if item.error is not None:
                        raise item.error
                    if item.tail:
                        yield item.tail
                    return
                yield item
        finally:
            self.cancel()

    def _get(self) -> bytes | _End:
        while True:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                self.cancel()
                raise QueryTimeout(self.timeout_message)
            try:
                return self._queue.get(timeout=min(remaining, 1.0))
            except queue.Empty:
                continue


Producer = Callable[[Execution], None]


class QueryRunner:
    """At most ``slots`` evaluations at once, on a pool of as many daemon threads
    (started on first use; a thread stuck in a runaway evaluation keeps its slot).

    Admission is fair between clients: one client (``start(client=…)``, the
    caller's address) holds at most ``per_client`` slots (0: no such limit) and
    is refused at once beyond (:class:`ClientLimit`), so a few slow queries of
    one client never lock the others out.  When every slot is taken, a request
    waits up to ``queue_seconds`` for one (first come, first served) before
    :class:`Busy`.
    """

    def __init__(self, slots: int, timeout: float, max_rows: int, grace: float | None = None,
                 per_client: int = 0, queue_seconds: float = 0.0):
        self.slots = max(slots, 1)
        self.timeout = timeout
        self.max_rows = max_rows
        self.grace = timeout if grace is None else grace
        self.per_client = max(per_client, 0)
        self.queue_seconds = max(queue_seconds, 0.0)
        self.on_runaway: Callable[[], None] | None = None
        self._lock = threading.Lock()
        self._slot_freed = threading.Condition(self._lock)
        self._running = 0
        self._by_client: dict[str, int] = {}
        self._share_waiters = 0  # requests queued for their client's share, not a slot
        self._abandoned: list[tuple[Execution, float]] = []
        self._jobs: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._workers: list[threading.Thread] = []
        self._watchdog: threading.Thread | None = None
        self._runaway_reported = False

    @property
    def running(self) -> int:
        return self._running

    @property
    def abandoned(self) -> int:
        with self._lock:
            self._abandoned = [(e, at) for e, at in self._abandoned
                               if not e.finished.is_set()]
            return len(self._abandoned)

    def _ensure_workers(self) -> None:
        with self._lock:
            self._workers = [t for t in self._workers if t.is_alive()]
            while len(self._workers) < self.slots:
                # The store parses and evaluates on this thread: a deep stack (see stacks).
                self._workers.append(start_deep_thread(self._work_loop, "sparql-eval"))

    def _work_loop(self) -> None:
        while True:
            job = self._jobs.get()
            job()

    def _admit(self, client: str | None, queue_share: bool = False) -> None:
        """Take a slot for ``client`` (under the lock), waiting in the queue if need be.

        ``queue_share``: a client over its share waits in the queue for one of its
        own evaluations to end (as for a free slot) instead of a 429 at once.
        """
        def over_share() -> bool:
            return (client is not None and self.per_client > 0
                    and self._by_client.get(client, 0) >= self.per_client)

        def share_refused() -> ClientLimit:
            return ClientLimit(f"this client already runs {self.per_client} queries "
                               "(max_queries_per_client); wait for one to end")

        if over_share() and not queue_share:
            raise share_refused()
        if self._running >= self.slots or over_share():
            give_up = time.monotonic() + self.queue_seconds
            while self._running >= self.slots or (queue_share and over_share()):
                remaining = give_up - time.monotonic()
                if remaining <= 0:
                    if self._running < self.slots:
                        raise share_refused()
                    raise Busy(f"{self.slots} queries are already running "
                               "(max_concurrent_queries) and none ended within "
                               f"{self.queue_seconds:g} s (query_queue_seconds); "
                               "try again shortly")
                waits_for_share = queue_share and over_share()
                self._share_waiters += waits_for_share
                try:
                    self._slot_freed.wait(remaining)
                finally:
                    self._share_waiters -= waits_for_share
            if over_share():
                raise share_refused()
        self._running += 1
        if client is not None:
            self._by_client[client] = self._by_client.get(client, 0) + 1

    def _release(self, client: str | None) -> None:
        with self._lock:
            self._running -= 1
            if client is not None:
                left = self._by_client.get(client, 1) - 1
                if left > 0:
                    self._by_client[client] = left
                else:
                    self._by_client.pop(client, None)
            if self._share_waiters:  # the one woken first need not be the one let in
                self._slot_freed.notify_all()
            else:  # first come, first served among those waiting for a slot
                self._slot_freed.notify()

    def start(self, produce: Producer, *, max_rows: int | None = None,
              timeout: float | None = None, client: str | None = None,
              queue_share: bool = False) -> Execution:
        """Start ``produce`` on a worker for ``client`` (its address, if known).

        Raises :class:`ClientLimit` when the client holds its share of the slots
        (with ``queue_share``: when it still does after the queue deadline),
        :class:`Busy` when no slot came free within the queue deadline.
        """
        with self._lock:  # the slot count: a counter under a C lock, cheaper than a Semaphore
            self._admit(client, queue_share)
        timeout = self.timeout if timeout is None else timeout
        execution = Execution(
            deadline=time.monotonic() + timeout,
            max_rows=self.max_rows if max_rows is None else max_rows,
            timeout=timeout,
        )

        def job() -> None:
            execution.thread = threading.current_thread()
            error: BaseException | None = None
            try:
                produce(execution)
            except Cancelled:
                error = Cancelled()
            except BaseException as exc:  # handed to the request thread
                log.debug("evaluation failed", exc_info=True)
                # The traceback's frames hold pyoxigraph results, which must be
                # dropped on this thread: hand over the exception without them.
                error = exc.with_traceback(None)
                error.__context__ = error.__cause__ = None
            finally:
                execution.finished.set()
                self._release(client)
            if not isinstance(error, Cancelled):
                execution._finish(error)

        if len(self._workers) < self.slots:  # workers never end: started once
            self._ensure_workers()
        self._jobs.put(job)
        return execution

    def abandon(self, execution: Execution) -> None:
        """The client gave up on ``execution``: watch that its worker ends."""
        execution.cancel()
        if execution.finished.is_set():
            return
        with self._lock:
            self._abandoned.append((execution, time.monotonic()))
            if self._watchdog is None:
                self._watchdog = threading.Thread(
                    target=self._watch, name="sparql-watchdog", daemon=True)
                self._watchdog.start()

    def _watch(self) -> None:
        while True:
            time.sleep(0.5)
            now = time.monotonic()
            with self._lock:
                self._abandoned = [(e, at) for e, at in self._abandoned
                                   if not e.finished.is_set()]
                stuck = [e for e, at in self._abandoned if now - at > self.grace]
            if stuck and not self._runaway_reported:
                self._runaway_reported = True
                log.error("%d timed-out queries still evaluating %.0f s after their deadline",
                          len(stuck), self.grace)
                if self.on_runaway is not None:
                    self.on_runaway()
