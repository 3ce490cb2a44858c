"""Ingest progress counts documents written, and shows itself in logs too."""

from __future__ import annotations

import io

from ingest.progress import ProgressBar


class _Log(io.StringIO):
    def isatty(self) -> bool:  # a log file or a pipe, not a terminal
        return False


def test_extracted_documents_are_not_done_until_written() -> None:
    bar = ProgressBar(total=3, stream=io.StringIO(), force=True)
    for origin in ("a", "b", "c"):
        bar(origin, "extracted")
    assert bar.done == 0
    bar("a", "ingested")
    bar("b", "error")  # refused by --strict after extraction: counted once
    assert bar.done == 2
    bar("c", "ingested")
    assert bar.done == 3


def test_a_log_gets_a_line_per_interval_and_no_carriage_returns() -> None:
    log = _Log()
    bar = ProgressBar(total=2, stream=log, interval=0.0)
    bar("a", "extracted")
    bar("a", "ingested")
    bar("b", "error")
    bar.close()
    lines = log.getvalue().splitlines()
    assert "\r" not in log.getvalue()
    assert lines[0].startswith("ingest: 0/2 documents written or skipped")
    assert "1 extracted awaiting write" in lines[0]
    assert lines[-1].startswith("ingest: 2/2 documents written or skipped  1 error")


def test_a_log_stays_quiet_within_the_interval() -> None:
    log = _Log()
    bar = ProgressBar(total=2, stream=log, interval=3600.0)
    bar("a", "ingested")
    bar.close()
    assert log.getvalue() == ""
