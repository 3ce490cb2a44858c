"""A one-line progress display for batches, shown only on a terminal.

>>> import io
>>> out = io.StringIO()
>>> bar = ProgressBar(total=4, stream=out, force=True)
>>> for status in ("extracted", "extracted", "ingested", "ingested", "error", "unchanged"):
...     bar("doc", status)
>>> bar.close()
>>> out.getvalue().splitlines()[-1].split("] ")[1].split("  ")[0]
'4/4 documents'
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from typing import TextIO

_WIDTH = 30


class ProgressBar:
    """Callable as ``on_document(origin, status)``; draws ``[#####.....] n/total`` on stderr."""

    def __init__(self, total: int | None = None, stream: TextIO | None = None,
                 force: bool = False) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.enabled = force or self.stream.isatty()
        self.counts: Counter[str] = Counter()
        self.started = time.monotonic()
        self._last_draw = 0.0

    def __call__(self, origin: str, status: str) -> None:
        self.counts[status] += 1
        now = time.monotonic()
        if self.enabled and (now - self._last_draw > 0.1 or self.done == self.total):
            self._draw(now)
            self._last_draw = now

    @property
    def done(self) -> int:
        """Documents finished with: extracted (written at the end of their batch),
        unchanged or failed."""
        return self.counts["extracted"] + self.counts["unchanged"] + self.counts["error"]

    def _draw(self, now: float) -> None:
        rate = self.done / max(now - self.started, 1e-6)
        if self.total:
            filled = min(_WIDTH, _WIDTH * self.done // max(self.total, 1))
            head = f"[{'#' * filled}{'.' * (_WIDTH - filled)}] {self.done}/{self.total} documents"
        else:
            head = f"[{self.done} documents]"
        detail = ", ".join(f"{n} {s}" for s, n in sorted(self.counts.items())
                           if s != "extracted")
        self.stream.write(f"\r{head}  {detail}  {rate:.1f}/s ")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.done:
            if time.monotonic() - self._last_draw > 0.1:
                self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
