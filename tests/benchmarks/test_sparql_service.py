"""benchmarks/sparql_service.py still runs end to end and every system agrees on every
answer count (tiny data, one-second cells; its timings are not asserted)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.support.paths import REPO_ROOT

pytestmark = pytest.mark.slow


def test_sparql_service_benchmark_prints_its_tables():
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONFLICT_KG_")}
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "benchmarks" / "sparql_service.py"),
         "--size", "3000", "--requests", "3", "--seconds", "1",
         "--throughput-queries", "ask,class-10", "--load-generator", "python"],
        capture_output=True, text=True, timeout=300, env=env, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert ("| query | answers | pyoxigraph | conflict-kg | conflict-kg cached | "
            "rdflib-endpoint |") in out
    assert "DIFFER" not in out, out
    # measured once the server's start-up work (the search index) is done
    assert "# conflict-kg: start-up work (search index) ended after" in out
    cpu = out[out.index("## server CPU per request"):].split("\n\n")[0].splitlines()
    assert cpu[1] == "| query | conflict-kg | conflict-kg cached | rdflib-endpoint |", cpu
    assert any(line.startswith("| class-10 | ") and "nan" not in line for line in cpu), cpu
    rows = [line for line in out.splitlines() if line.startswith("| class-10 |")]
    assert rows and rows[0].split("|")[2].strip() == "10"  # LIMIT 10, on every system
    assert "endpoint overhead (p50, conflict-kg, cache off, minus pyoxigraph)" in out
    for query in ("ask", "class-10"):
        assert f"## throughput, query '{query}'" in out
    assert "## HTTP stack floor" in out
    floor = out[out.index("## HTTP stack floor"):].splitlines()
    assert any(line.startswith("| 16 |") and line.endswith("x |") for line in floor), floor


def test_feed_benchmark_prints_its_table(tmp_path):
    """benchmarks/feed.py at a tiny N: every view answers 200 and the table has a row for
    each stage and view (timings are not asserted); --reuse times the kept stores again."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONFLICT_KG_")}

    def run(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, str(REPO_ROOT / "benchmarks" / "feed.py"),
             "--documents", "4,6", "--repeat", "1", *args],
            capture_output=True, text=True, timeout=900, env=env, check=False)
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    out = run("--keep", str(tmp_path))
    assert "| stage / view | N=4 | N=6 | ratio 6/4 |" in out
    for view in ("entity page, hub state", "entity page, leaf", "document page",
                 "query agreement-parties", "checks page"):
        assert f"  {view}: /" in out and f"| {view}, p50 / p95 ms |" in out, view
    statuses = [line for line in out.splitlines() if line.startswith("  ") and " -> " in line]
    assert statuses and all(" -> 200," in line for line in statuses), statuses
    again = run("--reuse", str(tmp_path), "--no-check")
    assert "N=6 (kept)" in again and "| entity page, hub state, p50 / p95 ms |" in again
    assert "| ingest (s) |" not in again  # nothing was built
