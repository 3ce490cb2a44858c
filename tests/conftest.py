"""Shared fixtures: real stores, the user's seed article, the CLI as a subprocess."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conflict_kg.namespaces import DataNamespace
from conflict_kg.resources import PROJECT_ROOT
from conflict_kg.store import OxigraphStore

SHARED = Path(os.environ.get("CONFLICT_KG_SHARED_DIR", PROJECT_ROOT.parent / "shared"))
SEED = SHARED / "corpus" / "seed" / "il20-sochi-2018-09-18.md"
CLI = [sys.executable, "-m", "conflict_kg.cli"]


@pytest.fixture
def ns() -> DataNamespace:
    return DataNamespace("https://w3id.org/conflict-kg/")


@pytest.fixture
def memory_store() -> OxigraphStore:
    return OxigraphStore.in_memory()


@pytest.fixture
def seed_path() -> Path:
    assert SEED.is_file(), f"the user's seed article is missing at {SEED}"
    return SEED


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


def run_cli(*args: str, store: Path | None = None, check: bool = False,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``conflict-kg`` in a real subprocess."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("CONFLICT_KG_")}
    full_env.update(env or {})
    argv = [*CLI, *args] if store is None else [*CLI, "--store", str(store), *args]
    return subprocess.run(argv, capture_output=True, text=True, env=full_env, check=check,
                          timeout=300)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for_server(url: str, proc: subprocess.Popen[str], timeout: float = 60.0) -> None:
    """Poll ``url`` until the server started as ``proc`` answers, or fail with its output."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited early: {proc.communicate()}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"server did not answer at {url}")


@pytest.fixture
def cli() -> Iterator[object]:
    yield run_cli
