"""benchmarks/scale.py --documents runs the realistic feed (benchmarks/feed.py) as one command."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks import feed, scale


def _result(n: int) -> dict[str, Any]:
    return {"stages": {"ingest (s)": n / 10, "reason peak RSS (MB)": 100.0 + n},
            "views": {"entity page, hub state": [10.0, 12.0]}}


def test_documents_runs_the_feed_stages_only(monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    calls: list[tuple[Any, ...]] = []

    def run_staged(sizes: list[int], seed: int, repeat: int, checks: bool,
                   keep: Path | None = None) -> dict[int, dict[str, Any]]:
        calls.append((sizes, seed, repeat, checks, keep))
        return {n: _result(n) for n in sizes}

    monkeypatch.setattr(feed, "run_staged", run_staged)
    monkeypatch.setattr(scale, "run_ingest", lambda *a: pytest.fail("synthetic stage ran"))
    monkeypatch.setattr(scale, "run_graph", lambda *a: pytest.fail("synthetic stage ran"))
    written: dict[str, str] = {}
    monkeypatch.setattr(scale, "write_head", lambda path, text: written.update(text=text))
    assert scale.main(["--documents", "100,1000", "--repeat", "3", "--no-check"]) == 0
    assert calls == [([100, 1000], 7, 3, False, None)]
    text = written["text"]
    assert "`python benchmarks/scale.py --documents 100,1000 --repeat 3 --no-check`" in text
    assert "| reason peak RSS (MB) | 200.0 | 1100.0 | 5.5x |" in text
    assert "N=1,000" in text


def test_synthetic_stages_still_run_without_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[str] = []
    monkeypatch.setattr(feed, "run_staged", lambda *a, **k: pytest.fail("feed ran"))
    monkeypatch.setattr(scale, "run_ingest", lambda articles, *a: ran.append(f"a{articles}"))
    monkeypatch.setattr(scale, "run_graph", lambda size, *a: ran.append(f"s{size}"))
    assert scale.main(["--no-write"]) == 0
    assert ran == ["a1000", "s100000", "s1000000"]
