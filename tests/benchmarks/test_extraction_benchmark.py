"""benchmarks/extraction.py on a two-document split: its table, JSON and rates."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.paths import REPO_ROOT

DEV = REPO_ROOT / "corpus" / "eval" / "dev"


def _run(eval_dir: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "benchmarks" / "extraction.py"), "--split", "dev",
         "--eval-dir", str(eval_dir), *args],
        capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_the_benchmark_reports_wall_and_cpu_rates(tmp_path: Path) -> None:
    split = tmp_path / "dev"
    split.mkdir()
    for document in sorted(DEV.glob("*.md"))[:2]:
        shutil.copy(document, split)
        shutil.copy(document.with_name(document.stem + ".gold.yaml"), split)
    result = json.loads(_run(tmp_path, "--json"))
    [scored] = result["splits"]
    assert len(scored["documents"]) == 2
    assert scored["totals"]["hold_total"] >= 16
    assert 0 < scored["extract_cpu_seconds"] < 60
    assert scored["batch"]["documents"] == 2 and scored["batch"]["extract_cpu_seconds"] > 0
    text = _run(tmp_path, "--totals-only", "--no-batch")
    header = text.splitlines()[0]
    assert header.split("|")[-2].strip() == "extract docs/CPU-s"
    total = next(line for line in text.splitlines() if "total (2 documents)" in line)
    assert float(total.split("|")[-2]) > 0
