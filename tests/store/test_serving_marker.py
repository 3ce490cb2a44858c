"""The address a server leaves beside its store, and what a refused command says."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conflict_kg.store import serving


def test_a_live_server_is_named(tmp_path: Path):
    serving.mark(tmp_path, "http://127.0.0.1:8123/")
    found = serving.serving(tmp_path)
    assert found is not None
    assert (found.url, found.pid, found.sparql) == (
        "http://127.0.0.1:8123/", os.getpid(), "http://127.0.0.1:8123/sparql")
    serving.unmark(tmp_path)
    assert serving.serving(tmp_path) is None


def test_a_killed_server_is_not_named(tmp_path: Path):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    (tmp_path / serving.MARKER).write_text(json.dumps(
        {"url": "http://127.0.0.1:8123/", "pid": int(gone.stdout)}))
    assert serving.serving(tmp_path) is None


def test_another_process_marker_is_kept(tmp_path: Path):
    """unmark only removes this process's own address (a second server's stays)."""
    (tmp_path / serving.MARKER).write_text(json.dumps({"url": "http://x/", "pid": 1}))
    serving.unmark(tmp_path)
    assert (tmp_path / serving.MARKER).exists()


def test_garbage_is_no_server(tmp_path: Path):
    (tmp_path / serving.MARKER).write_text("{not json")
    assert serving.serving(tmp_path) is None
