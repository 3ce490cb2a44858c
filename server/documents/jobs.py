"""Background ingest jobs: a large upload is answered 202 with a status URL.

``POST /documents`` with more than ``background_ingest_bytes`` of files does not
ingest in the request thread: the job holds the uploaded bytes in memory (never
written to disk) and is queued, and the answer is ``202 Accepted`` with ``Location:
/documents/jobs/<id>``.  One thread runs the jobs, one at a time, in the order
they came; at most ``max_ingest_jobs`` wait or run at once, and an upload beyond
that gets 503 with ``Retry-After``.  ``GET /documents/jobs/<id>`` (with the token)
answers JSON: ``state`` is ``queued``, ``running``, ``done`` or ``failed``; when
done it carries what the synchronous answer would have (``documents``, ``document``,
``errors``, ``triples``, ``summary``, ``inferences``), when failed an ``error``.
The last ``KEEP_FINISHED`` finished jobs are remembered (in memory: a restart
forgets them).
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Flask

log = logging.getLogger(__name__)

KEEP_FINISHED = 100
ACTIVE = ("queued", "running")

# One upload: (file name as sent, content).
Upload = tuple[str, bytes]
# (uploads, defaults) -> (HTTP status of the synchronous answer, body)
Work = Callable[[list[Upload], dict[str, Any] | None], tuple[int, dict[str, Any]]]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass
class Job:
    id: str
    uploads: list[Upload]  # dropped when the job ends
    defaults: dict[str, Any] | None
    bytes: int
    state: str = "queued"
    created: str = field(default_factory=_now)
    started: str | None = None
    finished: str | None = None
    result: dict[str, Any] | None = None
    error: str | None = None

    def status(self) -> dict[str, Any]:
        body: dict[str, Any] = {"id": self.id, "state": self.state, "bytes": self.bytes,
                                "created": self.created, "started": self.started,
                                "finished": self.finished}
        if self.result is not None:
            body.update(self.result)
            documents = self.result.get("documents") or []
            if documents:
                body["document"] = documents[0]["iri"]
        if self.error is not None:
            body["error"] = self.error
        return body


class IngestJobs:
    """The queue of background ingest jobs of one app, and the thread that runs them."""

    def __init__(self, app: Flask, work: Work, max_jobs: int) -> None:
        self._app = app
        self._work = work
        self.max_jobs = max_jobs
        self._lock = threading.Lock()
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._queue: queue.Queue[Job] = queue.Queue()
        self._thread: threading.Thread | None = None

    def submit(self, uploads: list[Upload], defaults: dict[str, Any] | None,
               size: int) -> Job | None:
        """Queue a job for ``uploads``; None when ``max_jobs`` are active."""
        with self._lock:
            if sum(1 for j in self._jobs.values() if j.state in ACTIVE) >= self.max_jobs:
                return None
            job = Job(secrets.token_urlsafe(16), uploads, defaults, size)
            self._jobs[job.id] = job
            self._prune()
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="ingest-jobs",
                                                daemon=True)
                self._thread.start()
        self._queue.put(job)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def active(self) -> int:
        with self._lock:
            return sum(1 for j in self._jobs.values() if j.state in ACTIVE)

    def _prune(self) -> None:
        finished = [k for k, j in self._jobs.items() if j.state not in ACTIVE]
        for key in finished[: max(0, len(finished) - KEEP_FINISHED)]:
            del self._jobs[key]

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            with self._lock:
                job.state, job.started = "running", _now()
            result: dict[str, Any] | None = None
            try:
                with self._app.app_context():
                    status, result = self._work(job.uploads, job.defaults)
                error = (None if status < 400 else
                         result.get("detail") or result.get("title") or f"HTTP {status}")
            except Exception as exc:  # noqa: BLE001 - the job's error, the thread goes on
                log.exception("ingest job %s failed", job.id)
                error = f"{type(exc).__name__}: {exc}"
            job.uploads = []  # a finished job is remembered: not its bytes
            with self._lock:  # what a client sees changes at once, finished time included
                job.result, job.error = result, error
                job.state = "failed" if error is not None else "done"
                job.finished = _now()
                self._prune()
            self._queue.task_done()

    def wait(self, timeout: float | None = None) -> bool:
        """Whether every queued job has finished (tests and shutdown)."""
        done = threading.Event()

        def joined() -> None:
            self._queue.join()
            done.set()

        threading.Thread(target=joined, daemon=True).start()
        return done.wait(timeout)
