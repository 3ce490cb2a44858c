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
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask

from conflict_kg.server import state
from conflict_kg.server.protocol import write_lock

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Summary:
    value: Any  # None while the first computation runs
    fresh: bool  # computed after the latest write
    computing_since: float | None  # time.time() of the running computation, if any
    error: str | None = None  # the last computation failed


@dataclass
class _Slot:
    value: Any = None
    generation: int = -1  # of value
    running: threading.Event | None = None
    started: float = 0.0
    error: str | None = None


class Summaries:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._slots: dict[str, _Slot] = {}

    def get(self, key: str, compute: Callable[[], Any], generation: int,
            wait: float) -> Summary:
        """The summary ``key`` as of ``generation`` if it is ready within ``wait``
        seconds; else the last one (not fresh) or none, while it is computed."""
        with self._lock:
            slot = self._slots.setdefault(key, _Slot())
            if slot.generation == generation:
                return Summary(slot.value, True, None)
            done = slot.running
            if done is None:
                done = self._start(key, slot, compute, generation)
        done.wait(wait)
        with self._lock:
            if slot.generation == generation:
                return Summary(slot.value, True, None)
            since = slot.started if slot.running is not None else None
            return Summary(slot.value, False, since, slot.error)

    def _start(self, key: str, slot: _Slot, compute: Callable[[], Any],
               generation: int) -> threading.Event:
        done = threading.Event()
        slot.running, slot.started = done, time.time()

        def run() -> None:
            value: Any = None
            error: str | None = None
            try:
                value = compute()
            except Exception as exc:  # reported on the page; the service goes on
                log.exception("computing the %s summary failed", key)
                error = f"{type(exc).__name__}: {exc}"
            with self._lock:
                if error is None:
                    slot.value, slot.generation = value, generation
                slot.error = error
                slot.running = None
            done.set()

        threading.Thread(target=run, name=f"summary-{key}", daemon=True).start()
        return done


def summary(key: str, compute: Callable[[], Any], wait: float) -> Summary:
    """:meth:`Summaries.get` for this app, at the store's current generation."""
    return state.current().summaries.get(key, compute, write_lock().generation, wait)


def init_app(app: Flask) -> None:
    state.of(app).summaries = Summaries()
