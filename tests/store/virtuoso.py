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
MaxQueryExecutionTime = 120
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


@contextmanager
def running_virtuoso(workdir: Path) -> Iterator[Virtuoso]:
    from tests.conftest import free_port  # tests.conftest imports this module

    server = shutil.which("virtuoso-t")
    isql = shutil.which("isql-vt") or shutil.which("isql")
    assert server and isql, "virtuoso-opensource is not installed (make virtuoso installs it)"
    workdir.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = workdir / "virtuoso.ini"
    ini.write_text(_INI.format(d=workdir, sql_port=sql_port, http_port=http_port))
    log = (workdir / "stdout.log").open("wb")
    proc = subprocess.Popen([server, "+foreground", "+configfile", str(ini)], cwd=workdir,
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, (workdir / "stdout.log").read_text(errors="replace")
            try:
                urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D", timeout=2).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "Virtuoso did not start within 60 s"
                time.sleep(0.5)
        # The anonymous SPARQL user may write: the database is throw-away and on loopback.
        subprocess.run([isql, str(sql_port), "dba", "dba",
                        'exec=grant SPARQL_UPDATE to "SPARQL";'],
                       check=True, capture_output=True, timeout=60)
        started = Virtuoso(sparql=base + "/sparql", graph_store=base + "/sparql-graph-crud")
        started.system_graphs = frozenset(started.graphs())
        yield started
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
