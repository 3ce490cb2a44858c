"""A run of the checks as a job: what part it is at, and a way to stop it.

The checks take seconds to minutes on a large store; the server runs them in
the background (the ``/checks`` page).  ``check`` calls ``step`` before each
rule, shape and query: the job records what is running and, once ``cancel``
has been called from another thread, ``step`` raises ``Cancelled`` so the run
ends at the next step (a step already running finishes first).
"""

from __future__ import annotations

import threading


class Cancelled(Exception):
    """The run was cancelled before it finished."""


class CheckJob:
    def __init__(self) -> None:
        self._cancelled = threading.Event()
        self.current = ""  # the step running, e.g. "shacl: PositionShape"
        self.steps = 0  # steps started

    def step(self, label: str) -> None:
        if self._cancelled.is_set():
            raise Cancelled(f"cancelled before {label}")
        self.current = label
        self.steps += 1

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()
