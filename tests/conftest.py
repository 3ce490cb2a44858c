"""Shared fixtures: real stores, the user's seed article, the CLI as a subprocess.

Store-backed fixtures run on each backend, embedded pyoxigraph and Virtuoso 7
over HTTP (``BACKENDS``; the test ids say which, e.g. ``[virtuoso]``): the
``virtuoso`` fixture starts one Virtuoso per test session (per xdist worker) on
loopback with a temporary database (``tests/store/virtuoso.py``), and
:func:`backend_store` opens an empty store on either backend.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conflict_kg.namespaces import DataNamespace
from conflict_kg.settings import load_settings
from conflict_kg.store import GraphStore, OxigraphStore, open_configured_store
from tests.paths import REPO_ROOT

if TYPE_CHECKING:
    from tests.store.virtuoso import Virtuoso

SHARED = Path(os.environ.get("CONFLICT_KG_SHARED_DIR", REPO_ROOT.parent / "shared"))
SEED = SHARED / "corpus" / "seed" / "il20-sochi-2018-09-18.md"
CLI = [sys.executable, "-m", "conflict_kg.cli"]
BASE = "https://w3id.org/conflict-kg/"
BACKENDS = ("oxigraph", "virtuoso")


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


# --- both backends -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """Virtuoso 7 on loopback with a temporary database, for the whole session."""
    from tests.store.virtuoso import running_virtuoso

    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


def remote_store(server: Virtuoso, base: str = BASE) -> GraphStore:
    """The store a deployment configured with ``--store <Virtuoso's /sparql>`` opens."""
    settings = load_settings(
        {"store": server.sparql, "store_graph_store_url": server.graph_store, "base_iri": base},
        environ={},
    )
    return open_configured_store(settings)


@contextmanager
def backend_store(request: pytest.FixtureRequest, backend: str, *, holder: str | None = None,
                  base: str = BASE) -> Iterator[GraphStore]:
    """An empty store on ``backend`` ("oxigraph": in memory; "virtuoso": the session's
    server, cleared before and after).

    One Virtuoso serves a whole worker, so a store on it is only empty if nothing
    else holds it: a module-scoped fixture passes ``holder`` (its name) and keeps
    the server for the module; a store asked for meanwhile is an error, not a
    silent wipe of that module's data (give such a test a module of its own).
    """
    if backend == "oxigraph":
        store = OxigraphStore.in_memory()
        try:
            yield store
        finally:
            store.close()
        return
    assert backend == "virtuoso", backend
    server: Virtuoso = request.getfixturevalue("virtuoso")
    assert server.held_by is None, (
        f"Virtuoso is held by {server.held_by} for its module: a test that needs an "
        f"empty store of its own belongs in another module ({request.node.nodeid})")
    server.clear()
    server.held_by = holder
    try:
        yield remote_store(server, base)
    finally:
        server.held_by = None
        server.clear()


@pytest.fixture(params=BACKENDS)
def fresh_store(request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    """An empty store, once per backend."""
    with backend_store(request, request.param) as store:
        yield store


def backend_of(request: pytest.FixtureRequest) -> str | None:
    """The backend a parametrised test runs on ("oxigraph", "virtuoso"), if any."""
    callspec = getattr(request.node, "callspec", None)
    for value in (callspec.params.values() if callspec else ()):
        if isinstance(value, str) and value in BACKENDS:
            return value
    return None


def xfail_on_virtuoso(request: pytest.FixtureRequest, reason: str) -> None:
    """A Virtuoso 7 evaluation bug the test meets: strict xfail there (the reason is
    the exact cause, also in docs/scaling.md); the test must pass on the embedded store."""
    if backend_of(request) == "virtuoso":
        request.applymarker(pytest.mark.xfail(strict=True, reason=reason))


def embedded_only(reason: str, fixture: str = "fresh_store") -> pytest.MarkDecorator:
    """Run a test on the embedded store only (``fixture``: the parametrised store fixture).

    For what does not exist on a remote engine, never for what should work there:
    ``reason`` says which (docs/scaling.md lists them)."""
    assert reason
    return pytest.mark.parametrize(fixture, ["oxigraph"], indirect=True)
