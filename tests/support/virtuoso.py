"""Start Virtuoso Open Source 7 on loopback with a temporary database, for tests."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {d}
CheckpointInterval = 60

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
MaxClientConnections = 10
ServerThreads = 10

[SPARQL]
ResultSetMaxRows = 1000000
; The tests compare answers, not speed: an unparameterised analyst query ran past
; 120 s on a loaded 2-core machine (docs/scaling.md); the stores' own timeouts still apply.
MaxQueryExecutionTime = 900
"""


_ALL_GRAPHS = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


@dataclass
class Virtuoso:
    sparql: str
    graph_store: str
    # The graphs Virtuoso holds of its own (virtrdf:, ldp:, ...), read right after start.
    system_graphs: frozenset[str] = frozenset()
    # Who holds the database for a whole module (a corpus fixture), if anyone.
    held_by: str | None = field(default=None, compare=False)

    def graphs(self) -> set[str]:
        """Every graph on the engine, whatever its IRI (no dataset is sent)."""
        url = self.sparql + "?" + urllib.parse.urlencode(
            {"query": _ALL_GRAPHS, "format": "application/sparql-results+json"})
        with urllib.request.urlopen(url, timeout=60) as response:
            bindings = json.load(response)["results"]["bindings"]
        return {b["g"]["value"] for b in bindings if "g" in b}

    def clear(self) -> None:
        """Drop every graph but the engine's own: what tests wrote under any IRI,
        and the reasoner's scratch graphs (the union a deployment sees is by prefix,
        but reasoning reads every graph on the engine, so nothing may be left over)."""
        for graph in sorted(self.graphs() - self.system_graphs):
            body = urllib.parse.urlencode({"update": f"DROP SILENT GRAPH <{graph}>"}).encode()
            urllib.request.urlopen(urllib.request.Request(self.sparql, data=body),
                                   timeout=60).close()


START_ATTEMPTS = 3  # starts on fresh ports after a port clash
START_SECONDS = 180.0  # a fresh database starts in seconds; far slower on a loaded machine
# What virtuoso-t logs before it exits when a port it was given is taken.
PORT_CLASH = ("Failed to start listening", "Failed HTTP listen", "Address already in use")


class _StartFailed(Exception):
    def __init__(self, message: str, log: str) -> None:
        super().__init__(f"{message}\n{log}")
        self.port_clash = any(marker in log for marker in PORT_CLASH)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    proc.wait()


def _start(server: str, isql: str, workdir: Path,
           sql_port: int, http_port: int) -> tuple[subprocess.Popen[bytes], Virtuoso]:
    """Start virtuoso-t on a new database in ``workdir``; the process and the server once
    it answers SPARQL, or :class:`_StartFailed` (with its log) if it exits or is late."""
    workdir.mkdir(parents=True, exist_ok=True)
    ini = workdir / "virtuoso.ini"
    ini.write_text(_INI.format(d=workdir, sql_port=sql_port, http_port=http_port))
    log_path = workdir / "stdout.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen([server, "+foreground", "+configfile", str(ini)], cwd=workdir,
                                stdout=log, stderr=subprocess.STDOUT)

    def failed(message: str) -> _StartFailed:
        _stop(proc)
        return _StartFailed(f"virtuoso-t (SQL port {sql_port}, HTTP port {http_port}) "
                            f"{message}", log_path.read_text(errors="replace"))

    base = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            if proc.poll() is not None:
                raise failed(f"exited at start-up ({proc.returncode})")
            try:
                urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D", timeout=5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise failed(f"did not answer within {START_SECONDS:.0f} s") from None
                time.sleep(0.5)
        # The anonymous SPARQL user may write: the database is throw-away and on loopback.
        grant = subprocess.run([isql, str(sql_port), "dba", "dba",
                                'exec=grant SPARQL_UPDATE to "SPARQL";'],
                               capture_output=True, timeout=120)
        # What answered must be this process (not another server on a port it lost).
        if proc.poll() is not None:
            raise failed(f"exited at start-up ({proc.returncode})")
        if grant.returncode != 0:
            raise failed(f"refused the grant: {grant.stdout!r} {grant.stderr!r}")
        started = Virtuoso(sparql=base + "/sparql", graph_store=base + "/sparql-graph-crud")
        started.system_graphs = frozenset(started.graphs())
    except BaseException:
        _stop(proc)
        raise
    return proc, started


@contextmanager
def running_virtuoso(workdir: Path) -> Iterator[Virtuoso]:
    """Virtuoso on two free loopback ports, each attempt on a new database in a folder of
    ``workdir``. Nothing holds a free port until the server binds it, so another process
    may take it first (virtuoso-t then exits at start-up): that is retried on new ports,
    at most ``START_ATTEMPTS`` times; any other failure is reported with the server's log."""
    from tests.conftest import free_ports  # tests.conftest imports this module

    server = shutil.which("virtuoso-t")
    isql = shutil.which("isql-vt") or shutil.which("isql")
    assert server and isql, "virtuoso-opensource is not installed (make virtuoso installs it)"
    clashes: list[str] = []
    for attempt in range(1, START_ATTEMPTS + 1):
        sql_port, http_port = free_ports(2)
        try:
            proc, started = _start(server, isql, workdir / f"db-{attempt}", sql_port, http_port)
        except _StartFailed as failure:
            if not failure.port_clash:
                raise AssertionError(str(failure)) from None
            clashes.append(str(failure))
            continue
        try:
            yield started
        finally:
            _stop(proc)
        return
    raise AssertionError(f"Virtuoso found a port taken in each of {START_ATTEMPTS} attempts:\n"
                         + "\n".join(clashes))
