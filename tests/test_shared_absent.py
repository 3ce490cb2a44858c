"""A fresh clone without ../shared: the tests that need it are skipped and the run says
so at the top and at the bottom; with ``CONFLICT_KG_REQUIRE_SHARED=1`` (CI) the run
fails at once instead. Checked on a few small modules run by pytest in a subprocess
with ``CONFLICT_KG_SHARED_DIR`` pointing at an empty folder."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.support.paths import REPO_ROOT

# Unmarked unit tests (5), tests whose fixture reads the seed (6: seed_path), and a
# module whose parameters come from LUBM at collection (3, marked).
MODULES = ["tests/server/ops/test_summaries.py", "tests/ingest/test_ingest_slice.py",
           "tests/reasoning/test_lubm.py"]
WHAT = "../shared (the user's seed article, W3C manifests, LUBM)"


def _pytest(shared: Path, **env: str) -> subprocess.CompletedProcess[str]:
    # None of ours (CI's CONFLICT_KG_REQUIRE_SHARED), none of the outer run's pytest.
    environ = {k: v for k, v in os.environ.items()
               if not k.startswith(("CONFLICT_KG_", "PYTEST_"))}
    environ.update(CONFLICT_KG_SHARED_DIR=str(shared), **env)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "0", "-q", *MODULES],
        cwd=REPO_ROOT, env=environ, capture_output=True, text=True, timeout=300)


def test_without_shared_the_marked_tests_are_skipped_and_the_run_says_so(tmp_path: Path):
    result = _pytest(tmp_path)
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    counts = dict((kind, int(n)) for n, kind in re.findall(r"(\d+) (passed|skipped|failed)", out))
    assert counts == {"passed": 5, "skipped": 9}, out
    top = out.index("NOTE: " + WHAT)
    bottom = out.index(f"9 tests left out: {WHAT} incomplete at {tmp_path}")
    assert top < out.index("[100%]") < bottom, out
    assert out.count("NOTE: ") == 1 and out.count("tests left out") == 1, out
    assert "set CONFLICT_KG_SHARED_DIR" in out[bottom:]
    assert "CONFLICT_KG_REQUIRE_SHARED=1" in out[top:]


def test_required_shared_missing_fails_the_run_at_once(tmp_path: Path):
    result = _pytest(tmp_path / "absent", CONFLICT_KG_REQUIRE_SHARED="1")
    assert result.returncode != 0
    message = result.stderr.strip()
    assert message.startswith(f"ERROR: {WHAT} not found at {tmp_path / 'absent'}"), message
    assert "CONFLICT_KG_REQUIRE_SHARED=1" in message and "CONFLICT_KG_SHARED_DIR" in message
    assert "passed" not in result.stdout and "skipped" not in result.stdout
