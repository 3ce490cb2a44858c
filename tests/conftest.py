"""Shared fixtures: real stores, the user's seed article, the CLI as a subprocess.

Tests that read ../shared (the user's seed article, the W3C manifests, LUBM: kept
outside the repository, ``CONFLICT_KG_SHARED_DIR`` points elsewhere) are marked
``needs_shared``: explicitly, or here and in directory conftests for the fixtures
that read it (``seed_path``; ``seed`` in tests/ingest, ``corpus`` in tests/server and
tests/server/search). Without ../shared they are skipped, and the run says so at the
top and at the bottom; with ``CONFLICT_KG_REQUIRE_SHARED=1`` (CI) a missing
../shared is an error before anything runs.

Store-backed fixtures run on each backend, embedded pyoxigraph and Virtuoso 7
over HTTP (``BACKENDS``; the test ids say which, e.g. ``[virtuoso]``): the
``virtuoso`` fixture starts one Virtuoso per test session (per xdist worker) on
loopback with a temporary database (``tests/support/virtuoso.py``), and
:func:`backend_store` opens an empty store on either backend.
"""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from conflict_kg.namespaces import DataNamespace
from conflict_kg.settings import load_settings
from conflict_kg.store import GraphStore, OxigraphStore, open_configured_store
from tests.support.paths import LUBM, SEED, SHARED, W3C_SUITE

if TYPE_CHECKING:
    from tests.support.virtuoso import Virtuoso

__all__ = ["LUBM", "SEED", "SHARED", "W3C_SUITE"]  # re-exported: tests import them from here
CLI = [sys.executable, "-m", "conflict_kg.cli"]
BASE = "https://w3id.org/conflict-kg/"
BACKENDS = ("oxigraph", "virtuoso")


# --- ../shared ---------------------------------------------------------------------------

SHARED_WHAT = "../shared (the user's seed article, W3C manifests, LUBM)"
REQUIRE_SHARED = "CONFLICT_KG_REQUIRE_SHARED"
# What the marked tests read; any of them missing and they are all left out.
SHARED_MISSING = [p for p in (SEED, W3C_SUITE, LUBM) if not p.exists()]
needs_shared = pytest.mark.needs_shared


def mark_if_it_uses(item: pytest.Item, fixture: str) -> None:
    """Mark ``item`` ``needs_shared`` if it uses ``fixture`` (directly or through other
    fixtures): for the ``pytest_itemcollected`` of a conftest whose ``fixture`` reads
    ../shared (that hook is only called for the tests under the conftest's folder)."""
    if fixture in getattr(item, "fixturenames", ()):
        item.add_marker(needs_shared)


def _missing_shared_text() -> str:
    if not SHARED.is_dir():
        return f"{SHARED_WHAT} not found at {SHARED}"
    missing = ", ".join(str(p.relative_to(SHARED)) for p in SHARED_MISSING)
    return f"{SHARED_WHAT} incomplete at {SHARED} (missing {missing})"


# Why the marked tests are skipped: also how the summary finds them among the skips.
SHARED_SKIP_REASON = f"{_missing_shared_text()}; set CONFLICT_KG_SHARED_DIR"


def pytest_configure(config: pytest.Config) -> None:
    if SHARED_MISSING and os.environ.get(REQUIRE_SHARED, "") not in ("", "0"):
        raise pytest.UsageError(
            f"{_missing_shared_text()}, and {REQUIRE_SHARED}={os.environ[REQUIRE_SHARED]} "
            "forbids skipping the tests that need it: set CONFLICT_KG_SHARED_DIR to it")


def _top_note() -> str:
    return (f"NOTE: {_missing_shared_text()}: the tests marked needs_shared are skipped; "
            f"set CONFLICT_KG_SHARED_DIR ({REQUIRE_SHARED}=1 makes this an error)")


def pytest_report_header(config: pytest.Config) -> str | None:
    return _top_note() if SHARED_MISSING else None


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    """The note at the top when there is no header to carry it (``-q``, ``--no-header``);
    by the controller only, under xdist."""
    config = session.config
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if (SHARED_MISSING and reporter is not None and not hasattr(config, "workerinput")
            and (not reporter.showheader or reporter.no_header)):
        reporter.write_line(_top_note(), yellow=True)


def pytest_itemcollected(item: pytest.Item) -> None:
    mark_if_it_uses(item, "seed_path")  # (before -m selects by markers)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not SHARED_MISSING:
        return
    skip = pytest.mark.skip(reason=SHARED_SKIP_REASON)
    for item in items:
        if item.get_closest_marker("needs_shared") is not None:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, exitstatus: int,
                            config: pytest.Config) -> None:
    if not SHARED_MISSING or config.option.collectonly:
        return
    # Counted from the reports (under xdist the workers skip, the controller prints).
    left_out = sum(1 for report in terminalreporter.stats.get("skipped", [])
                   if SHARED_SKIP_REASON in str(getattr(report, "longrepr", "")))
    terminalreporter.write_sep("=", "../shared", yellow=True, bold=True)
    terminalreporter.write_line(
        f"{left_out} tests left out: {_missing_shared_text()}; set CONFLICT_KG_SHARED_DIR "
        f"({REQUIRE_SHARED}=1 makes this an error)", yellow=True)


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


def run_cli(*args: str, store: Path | str | None = None, check: bool = False,
            env: dict[str, str] | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run ``conflict-kg`` in a real subprocess, killed after ``timeout`` seconds."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("CONFLICT_KG_")}
    full_env.update(env or {})
    argv = [*CLI, *args] if store is None else [*CLI, "--store", str(store), *args]
    return subprocess.run(argv, capture_output=True, text=True, env=full_env, check=check,
                          timeout=timeout)


def _ephemeral_ports() -> range:
    """The kernel's range for bind(0) and for the source ports of outgoing connections."""
    try:
        low, high = map(int, Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split())
    except (OSError, ValueError):
        low, high = 32768, 60999
    return range(low, high + 1)


def free_ports(count: int) -> list[int]:
    """``count`` distinct loopback ports nothing is bound to, for a server started next.

    Chosen at random below the ephemeral range: a port from bind(0) is only free until
    the next outgoing connection on the machine (the suite makes thousands) takes it as
    its source port, or another process's bind(0) gets it again. Still, nothing holds
    the ports until the server binds them: a server that finds one taken is started
    again on new ones (as :func:`tests.support.virtuoso.running_virtuoso` does).
    """
    ephemeral = _ephemeral_ports()
    candidates = range(10_000, ephemeral.start) if ephemeral.start > 11_000 else range(0)
    choose = random.SystemRandom()  # not the seedable global generator: workers differ
    held: list[socket.socket] = []
    try:
        for _ in range(1000):
            if len(held) == count:
                break
            sock = socket.socket()
            try:
                sock.bind(("127.0.0.1", choose.choice(candidates) if candidates else 0))
            except OSError:
                sock.close()
                continue
            held.append(sock)
        assert len(held) == count, f"no {count} free ports found"
        return [int(sock.getsockname()[1]) for sock in held]
    finally:
        for sock in held:
            sock.close()


def free_port() -> int:
    return free_ports(1)[0]


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


@dataclass
class ServerProcess:
    """``conflict-kg serve`` running on loopback; its output goes to ``log`` (a file: a
    pipe nobody reads would fill and block it)."""

    proc: subprocess.Popen[str]
    base: str
    log: Path

    @property
    def port(self) -> int:
        return int(self.base.rsplit(":", 1)[1])


@contextmanager
def serving(args: Sequence[str], log: Path, *, env: dict[str, str] | None = None,
            timeout: float = 60.0) -> Iterator[ServerProcess]:
    """Start ``conflict-kg serve ARGS --port <free port>``, wait for /healthz, yield it,
    and stop it (terminate, then kill after 15 s) whatever the test did."""
    port = free_port()
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("CONFLICT_KG_")}
    full_env.update(env or {})
    with log.open("w") as output:
        proc = subprocess.Popen([*CLI, "serve", *args, "--port", str(port)], stdout=output,
                                stderr=subprocess.STDOUT, text=True, env=full_env)
    server = ServerProcess(proc, f"http://127.0.0.1:{port}", log)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"server exited: {log.read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(server.base + "/healthz", timeout=1):
                    break
            except OSError:
                assert time.monotonic() < deadline, "server did not come up"
                time.sleep(0.2)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# How long a test waits for what a page computes in the background (server.summaries:
# the checks report, instance counts, the store's size). The service answers at once
# when it is not ready (the checks page with 202 and Retry-After, the others without
# their counts), which is right under load; a test waits for the finished page.
BACKGROUND_SECONDS = 180.0


def _summaries_ready(response: Any) -> bool:
    return response.status_code != 202 and b'class="note counts-pending"' not in response.data


def get_when_ready(client: Any, path: str, *, ready: Callable[[Any], bool] | None = None,
                   timeout: float = BACKGROUND_SECONDS, **kwargs: Any) -> Any:
    """``client.get(path, **kwargs)`` again until ``ready(response)`` (by default: its
    background summaries are done: no 202, no counts pending), for at most ``timeout``
    seconds. Each request itself waits a few seconds for them (``*_WAIT_SECONDS``)."""
    check = ready or _summaries_ready
    deadline = time.monotonic() + timeout
    while True:
        response = client.get(path, **kwargs)
        if check(response):
            return response
        assert time.monotonic() < deadline, (
            f"GET {path} still not ready after {timeout:.0f} s: {response.status_code} "
            f"{response.get_data(as_text=True)[:2000]}")
        time.sleep(0.2)


@pytest.fixture
def cli() -> Iterator[object]:
    yield run_cli


# --- both backends -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """Virtuoso 7 on loopback with a temporary database, for the whole session."""
    from tests.support.virtuoso import running_virtuoso

    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


@pytest.fixture(scope="session")
def corpus_virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """A second Virtuoso for the read-only corpus built once per session (per worker):
    building it takes minutes on Virtuoso, so it is not rebuilt per module, and it
    never holds the ``virtuoso`` fixture's server that other tests empty."""
    from tests.support.virtuoso import running_virtuoso

    with running_virtuoso(tmp_path_factory.mktemp("corpus-virtuoso")) as server:
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


# The seed's parties of agreements with their labels (CLI, app and server-process tests).
PARTIES_QUERY = """
PREFIX ck: <https://w3id.org/conflict-kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?party ?label WHERE { ?a a ck:Agreement ; ck:party ?party .
  ?party skos:prefLabel ?label } ORDER BY ?label
"""
