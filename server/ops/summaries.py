"""Expensive read-only summaries of the whole store (the checks report, instance
counts), computed off the request threads, at most one at a time per kind,
and kept until the next write.

On a large store these take from seconds to minutes (the checks: ten minutes
at 10M triples). Computed in the request thread, every page view would pin a
server thread and a core for that long, and a few reloads would take the whole
service. Here a request starts the computation if none runs, waits for it a
few seconds (small stores: the page is as before), and otherwise gets what
there is: the last result, marked as older than the latest write, or nothing
yet; the page says so and the client asks again later.

A computation given a ``CheckJob`` (the checks) says which step it is at and
can be cancelled; a cancelled one is not started again for the same store
generation until asked (``restart``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask

from conflict_kg.checks.job import Cancelled, CheckJob
from conflict_kg.server import state
from conflict_kg.server.http.protocol import write_lock

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Summary:
    value: Any  # None while the first computation runs
    fresh: bool  # computed after the latest write
    computing_since: float | None  # time.time() of the running computation, if any
    error: str | None = None  # the last computation failed
    step: str | None = None  # what the running computation is doing, if it says
    cancelled: bool = False  # the last run for this generation was cancelled


@dataclass
class _Slot:
    value: Any = None
    generation: int = -1  # of value
    running: threading.Event | None = None
    started: float = 0.0
    error: str | None = None
    job: CheckJob | None = None  # of the running computation
    cancelled: int | None = None  # the generation whose run was cancelled


class Summaries:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._slots: dict[str, _Slot] = {}

    def get(self, key: str, compute: Callable[[], Any], generation: int,
            wait: float, job: CheckJob | None = None, restart: bool = False) -> Summary:
        """The summary ``key`` as of ``generation`` if it is ready within ``wait``
        seconds; else the last one (not fresh) or none, while it is computed.

        ``job``: the one ``compute`` reports to, kept if this call starts it.
        After a cancel nothing starts for that generation unless ``restart``.
        """
        with self._lock:
            slot = self._slots.setdefault(key, _Slot())
            if slot.generation == generation:
                return Summary(slot.value, True, None)
            done = slot.running
            if done is None:
                if slot.cancelled == generation and not restart:
                    return Summary(slot.value, False, None, slot.error, cancelled=True)
                done = self._start(key, slot, compute, generation, job)
        done.wait(wait)
        with self._lock:
            if slot.generation == generation:
                return Summary(slot.value, True, None)
            since = slot.started if slot.running is not None else None
            step = slot.job.current if since is not None and slot.job is not None else None
            return Summary(slot.value, False, since, slot.error, step,
                           slot.cancelled == generation and since is None)

    def cancel(self, key: str) -> bool:
        """Ask the running computation of ``key`` to stop; False if none runs or it
        cannot be cancelled.  It stops at its next step."""
        with self._lock:
            slot = self._slots.get(key)
            if slot is None or slot.running is None or slot.job is None:
                return False
            slot.job.cancel()
            return True

    def _start(self, key: str, slot: _Slot, compute: Callable[[], Any],
               generation: int, job: CheckJob | None) -> threading.Event:
        done = threading.Event()
        slot.running, slot.started, slot.job = done, time.time(), job

        def run() -> None:
            value: Any = None
            error: str | None = None
            cancelled = False
            try:
                value = compute()
            except Cancelled:
                cancelled = True
                error = "cancelled"
                log.info("computing the %s summary was cancelled", key)
            except Exception as exc:  # reported on the page; the service goes on
                log.exception("computing the %s summary failed", key)
                error = f"{type(exc).__name__}: {exc}"
            with self._lock:
                if error is None:
                    slot.value, slot.generation = value, generation
                slot.error = error
                slot.cancelled = generation if cancelled else None
                slot.running = slot.job = None
            done.set()

        threading.Thread(target=run, name=f"summary-{key}", daemon=True).start()
        return done


def summary(key: str, compute: Callable[[], Any], wait: float, job: CheckJob | None = None,
            restart: bool = False) -> Summary:
    """:meth:`Summaries.get` for this app, at the store's current generation."""
    return state.current().summaries.get(key, compute, write_lock().generation, wait,
                                          job=job, restart=restart)


def cancel(key: str) -> bool:
    """:meth:`Summaries.cancel` for this app."""
    return state.current().summaries.cancel(key)


def init_app(app: Flask) -> None:
    state.of(app).summaries = Summaries()
