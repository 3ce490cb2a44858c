"""benchmarks/search.py still runs end to end and prints its table (tiny sizes; its
timings are not asserted: speed is measured, never tested)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.support.paths import REPO_ROOT

pytestmark = pytest.mark.slow


def test_search_benchmark_prints_its_table():
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONFLICT_KG_")}
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "benchmarks" / "search.py"), "--documents", "20,40",
         "--repeat", "12", "--events", "2"],
        capture_output=True, text=True, timeout=300, env=env, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [line for line in done.stdout.splitlines() if line.startswith(("| 20 |", "| 40 |"))]
    assert len(rows) == 2, done.stdout
    # more documents, more entities in the index
    entities = [int(row.split("|")[3].replace(",", "")) for row in rows]
    assert entities[1] > entities[0]
