"""Progress of an ingest: a one-line bar on a terminal, a log line every few seconds otherwise.

A document counts as done when it is written (``ingested``), skipped as
``unchanged`` or failed (``error``); ``extracted`` documents wait for their
batch to be written and are shown apart, so the bar never reads 1600/1600
while documents are still being written.

>>> import io
>>> out = io.StringIO()
>>> bar = ProgressBar(total=4, stream=out, force=True)
>>> for origin, status in (("a", "extracted"), ("b", "extracted"), ("c", "error"),
...                        ("d", "unchanged")):
...     bar(origin, status)
>>> bar.done
2
>>> bar("a", "ingested"); bar("b", "ingested"); bar.close()
>>> out.getvalue().splitlines()[-1].split("] ")[1].split("  ")[0]
'4/4 documents written or skipped'
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from typing import TextIO

_WIDTH = 30
_FINAL = ("ingested", "unchanged", "error")


class ProgressBar:
    """Callable as ``on_document(origin, status)``; reports on stderr.

    On a terminal (or with ``force``) it redraws ``[#####.....] n/total`` in place;
    otherwise it writes one line every ``interval`` seconds (nothing for a run
    shorter than that), so a log of a long batch shows that it moves.
    """

    def __init__(self, total: int | None = None, stream: TextIO | None = None,
                 force: bool = False, interval: float = 10.0) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.terminal = force or self.stream.isatty()
        self.interval = interval
        self.counts: Counter[str] = Counter()  # final statuses, one per document
        self._waiting: set[str] = set()  # extracted, not yet written
        self.started = time.monotonic()
        self._last_draw = self.started

    def __call__(self, origin: str, status: str) -> None:
        if status == "extracted":
            self._waiting.add(origin)
        else:
            self._waiting.discard(origin)
            if status in _FINAL:
                self.counts[status] += 1
        now = time.monotonic()
        if self.terminal and (now - self._last_draw > 0.1 or self.done == self.total):
            self._draw(now)
        elif not self.terminal and now - self._last_draw >= self.interval:
            self._log(now)

    @property
    def done(self) -> int:
        """Documents finished with: written, unchanged or failed."""
        return sum(self.counts.values())

    def _summary(self, now: float) -> str:
        rate = self.done / max(now - self.started, 1e-6)
        of = f"/{self.total}" if self.total else ""
        details = [f"{n} {s}" for s, n in sorted(self.counts.items()) if s != "ingested"]
        if self._waiting:
            details.append(f"{len(self._waiting)} extracted awaiting write")
        detail = ", ".join(details)
        return f"{self.done}{of} documents written or skipped  {detail}  {rate:.1f}/s"

    def _draw(self, now: float) -> None:
        if self.total:
            filled = min(_WIDTH, _WIDTH * self.done // max(self.total, 1))
            head = f"[{'#' * filled}{'.' * (_WIDTH - filled)}] "
        else:
            head = "[] "
        self.stream.write(f"\r{head}{self._summary(now)} ")
        self.stream.flush()
        self._last_draw = now

    def _log(self, now: float) -> None:
        self.stream.write(f"ingest: {self._summary(now)}\n")
        self.stream.flush()
        self._last_draw = now

    def close(self) -> None:
        if self.terminal and self.done:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
