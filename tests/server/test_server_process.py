"""Real clients against the real server process, started from the CLI, once per
backend: ``serve --store <directory>`` and ``serve --store <Virtuoso's /sparql>``."""

from __future__ import annotations

import json
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from tests.conftest import BACKENDS, backend_store, embedded_only, run_cli, serving
from tests.support.server import AUTH, TOKEN

pytestmark = pytest.mark.slow

EX = "http://example.org/"
GRAPH = EX + "g"
N = 300  # 300**4 rows in the four-way cross join: that query would run for many minutes


class Server:
    def __init__(self, proc: subprocess.Popen[str], port: int, log: Path) -> None:
        self.proc = proc
        self.log = log  # its output: a file, as a pipe nobody reads would fill and block it
        self.base = f"http://127.0.0.1:{port}"
        self.sparql = self.base + "/sparql"

    def get(self, path: str, **params: str) -> tuple[int, dict[str, str], bytes]:
        url = self.base + path + ("?" + urllib.parse.urlencode(params) if params else "")
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()


@pytest.fixture(scope="module", params=BACKENDS)
def server(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("served")
    data = tmp / "data.nt"
    data.write_text("".join(f'<{EX}e{i}> <{EX}p> "{i}" .\n' for i in range(N)), encoding="utf-8")
    with backend_store(request, request.param, holder=__name__):
        if request.param == "virtuoso":
            remote = request.getfixturevalue("virtuoso")
            flags = ["--store", remote.sparql, "--store-graph-store-url", remote.graph_store]
        else:
            flags = ["--store", str(tmp / "store")]
        yield from _serve(flags, data, tmp / "server.log")


def _serve(flags: list[str], data: Path, log: Path) -> Iterator[Server]:
    result = run_cli("load", *flags, "--graph", GRAPH, str(data))
    assert result.returncode == 0, result.stderr
    with serving([*flags, "--update-token", TOKEN, "--query-timeout", "2", "--threads", "8",
                  # reasoning over the bundled ontology on disk takes minutes: not this
                  # suite's subject
                  "--reason-on-write", "false"], log) as running:
        yield Server(running.proc, running.port, log)


SELECT = f"SELECT ?s ?o {{ ?s <{EX}p> ?o }} ORDER BY ?s LIMIT 3"
ASK = f"ASK {{ <{EX}e1> ?p ?o }}"
CONSTRUCT = f"CONSTRUCT {{ ?s <{EX}q> ?o }} WHERE {{ ?s <{EX}p> ?o }} LIMIT 3"


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select(server, fmt):
    client = SPARQLWrapper(server.sparql)
    client.setQuery(SELECT)
    client.setReturnFormat(fmt)
    result = client.query()
    converted = result.convert()
    if fmt == JSON:
        assert len(converted["results"]["bindings"]) == 3
    elif fmt == XML:
        assert len(converted.getElementsByTagName("result")) == 3
    else:
        text = converted.decode() if isinstance(converted, bytes) else converted
        assert len(text.strip().splitlines()) == 4  # header + 3 rows


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_sparqlwrapper_ask(server, fmt):
    client = SPARQLWrapper(server.sparql)
    client.setQuery(ASK)
    client.setReturnFormat(fmt)
    converted = client.query().convert()
    if fmt == JSON:
        assert converted["boolean"] is True
    else:
        assert converted.getElementsByTagName("boolean")[0].firstChild.data == "true"


@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, JSONLD, XML])
def test_sparqlwrapper_construct(server, fmt):
    client = SPARQLWrapper(server.sparql)
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(fmt)
    converted = client.query().convert()
    graph = converted if isinstance(converted, rdflib.Graph) else rdflib.Graph().parse(
        data=converted, format={TURTLE: "turtle", N3: "turtle", JSONLD: "json-ld"}.get(fmt, "xml"))
    assert len(graph) == 3


def test_sparqlwrapper_post(server):
    client = SPARQLWrapper(server.sparql)
    client.setMethod("POST")
    client.setQuery(SELECT)
    client.setReturnFormat(JSON)
    assert len(client.query().convert()["results"]["bindings"]) == 3


def test_rdflib_sparqlstore_and_update_store(server):
    store = SPARQLStore(server.sparql)
    rows = list(store.query(SELECT))
    assert len(rows) == 3
    updater = SPARQLUpdateStore(server.sparql, server.sparql, headers=dict(AUTH))
    updater.update(f'INSERT DATA {{ GRAPH <{EX}rdflib> {{ <{EX}x> <{EX}y> "from rdflib" }} }}')
    answer = store.query(f'ASK {{ GRAPH <{EX}rdflib> {{ <{EX}x> <{EX}y> "from rdflib" }} }}')
    assert answer.askAnswer is True
    graph = rdflib.Graph(store=SPARQLUpdateStore(server.sparql, server.sparql,
                                                 headers=dict(AUTH)),
                         identifier=rdflib.URIRef(f"{EX}rdflib"))
    graph.add((rdflib.URIRef(f"{EX}x"), rdflib.URIRef(f"{EX}y"), rdflib.Literal("second")))
    assert len(list(store.query(f"SELECT * {{ GRAPH <{EX}rdflib> {{ ?s ?p ?o }} }}"))) == 2


def _curl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["curl", "-sS", "--max-time", "30", *args], capture_output=True,
                          text=True, timeout=60, check=False)


def test_curl(server):
    out = _curl("-H", "Accept: text/csv", "--data-urlencode", f"query={SELECT}",
                "-G", server.sparql)
    assert out.stdout.splitlines()[0] == "s,o"
    out = _curl("-o", "/dev/null", "-w", "%{http_code}", "-X", "POST",
                "-H", "Content-Type: application/sparql-update",
                "--data-binary", f"CLEAR GRAPH <{GRAPH}>", server.sparql)
    assert out.stdout == "401"
    out = _curl("-H", "Accept: application/n-triples", f"{server.base}/store?graph={GRAPH}")
    assert len(out.stdout.splitlines()) == N  # the refused update changed nothing
    out = _curl("-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT",
                "-H", f"Authorization: Bearer {TOKEN}", "-H", "Content-Type: text/turtle",
                "--data-binary", f"<{EX}a> <{EX}b> <{EX}c> .",
                f"{server.base}/store?graph={EX}curl")
    assert out.stdout == "201"
    out = _curl("-H", "Accept: application/n-triples", f"{server.base}/store?graph={EX}curl")
    assert out.stdout.strip() == f"<{EX}a> <{EX}b> <{EX}c> ."
    out = _curl("-o", "/dev/null", "-w", "%{http_code}", "-H", "Accept: image/png",
                "--data-urlencode", f"query={SELECT}", "-G", server.sparql)
    assert out.stdout == "406"


def test_result_cache_in_the_served_process(server, request):
    """The served embedded store caches repeated answers, and a write makes them fresh;
    on a remote store (others may write it) nothing is cached."""
    graph = f"{EX}cached"
    query = f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"

    def count() -> tuple[int, str | None]:
        status, headers, body = server.get("/sparql", query=query)
        assert status == 200, body
        return (int(json.loads(body)["results"]["bindings"][0]["n"]["value"]),
                headers.get("X-Result-Cache"))

    embedded = "oxigraph" in request.node.callspec.id
    assert count() == (0, "miss" if embedded else None)
    assert count() == (0, "hit" if embedded else None)
    out = _curl("-o", "/dev/null", "-w", "%{http_code}", "-X", "POST",
                "-H", f"Authorization: Bearer {TOKEN}", "-H", "Content-Type: text/turtle",
                "--data-binary", f"<{EX}a> <{EX}b> <{EX}c> .", f"{server.base}/store?graph={graph}")
    assert out.stdout in ("201", "204")
    assert count() == (1, "miss" if embedded else None)


def _ask_request(i: int) -> bytes:
    query = urllib.parse.urlencode({"query": f"ASK {{ <{EX}e{i}> ?p ?o }}"})
    return (f"GET /sparql?{query} HTTP/1.1\r\nHost: x\r\n"
            "Accept: application/sparql-results+json\r\n\r\n").encode()


def _read_response(reader) -> tuple[int, bytes]:  # type: ignore[no-untyped-def]
    status = int(reader.readline().split()[1])
    length = 0
    while (line := reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return status, reader.read(length)


def test_kept_alive_and_pipelined_requests_are_all_answered(server):
    """The worker serves a connection's next request on the same thread when it
    follows at once (server/gunicorn_worker.py): pipelined requests, and more
    busy connections than threads (8), must each get their own answer."""
    import socket

    with socket.create_connection(("127.0.0.1", int(server.base.rsplit(":", 1)[1])),
                                  timeout=30) as sock:
        sock.sendall(_ask_request(1) + _ask_request(N + 5))  # two requests in one write
        reader = sock.makefile("rb")
        answers = [_read_response(reader) for _ in range(2)]
    assert [(status, json.loads(body)["boolean"]) for status, body in answers] == [
        (200, True), (200, False)]

    failures: list[object] = []

    def client(k: int) -> None:
        try:
            with socket.create_connection(
                    ("127.0.0.1", int(server.base.rsplit(":", 1)[1])), timeout=30) as sock:
                reader = sock.makefile("rb")
                for j in range(15):
                    i = (k * 15 + j) % (2 * N)  # half of them exist
                    # 503 beyond max_concurrent_queries (4), 429 beyond
                    # max_queries_per_client (2; all 20 share 127.0.0.1): retry
                    for _ in range(200):
                        sock.sendall(_ask_request(i))
                        status, body = _read_response(reader)
                        if status not in (429, 503):
                            break
                        time.sleep(0.02)
                    if status != 200 or json.loads(body)["boolean"] != (i < N):
                        failures.append((k, j, status, body))
        except OSError as exc:
            failures.append((k, exc))

    threads = [threading.Thread(target=client, args=(k,)) for k in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not failures


def test_ingest_with_server_flag(server, seed_path):
    result = run_cli("--update-token", TOKEN, "ingest", "--server", server.base, str(seed_path))
    assert result.returncode == 0, result.stderr
    assert "ingested" in result.stdout or "unchanged" in result.stdout
    refused = run_cli("--update-token", "wrong", "ingest", "--server", server.base,
                      str(seed_path))
    assert refused.returncode == 1 and "token" in refused.stderr


def _process_start(server: Server) -> str:
    _, _, body = server.get("/metrics")
    line = next(x for x in body.decode().splitlines() if x.startswith("process_start_time"))
    return line.split()[1]


@embedded_only("the subject is an evaluation stuck inside pyoxigraph, in the server's own "
               "process, which only recycling the worker ends; on a remote engine the query "
               "runs in the engine, which the server cannot stop (Virtuoso would go on "
               "counting this 8.1e9-row join for about a minute)", fixture="server")
def test_long_query_times_out_while_others_are_served(server):
    """The acceptance bound: timeout (2 s) plus one second.  Then the stuck
    evaluation is ended by recycling the worker, and the service goes on."""
    started_at = _process_start(server)
    long_query = ("SELECT (COUNT(*) AS ?n) "
                  "{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    outcome: dict[str, object] = {}

    def run_long() -> None:
        t0 = time.monotonic()
        outcome["answer"] = server.get("/sparql", query=long_query)
        outcome["seconds"] = time.monotonic() - t0

    thread = threading.Thread(target=run_long)
    thread.start()
    time.sleep(0.3)
    # A text no request sent before: evaluated, not answered from the result cache.
    status, _, body = server.get("/sparql", query=f"{ASK} # {time.time_ns()}")
    small_answered_while_long_ran = thread.is_alive()
    thread.join(timeout=30)
    assert status == 200 and json.loads(body)["boolean"] is True
    assert small_answered_while_long_ran
    long_status, _, long_body = outcome["answer"]  # type: ignore[misc]
    assert long_status == 503
    assert "timed out" in json.loads(long_body)["error"]
    assert outcome["seconds"] < 2 + 1
    # The evaluation is stuck inside one store step; the worker is recycled.
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline:
        try:
            if _process_start(server) != started_at:
                break
        except (OSError, StopIteration):
            pass
        time.sleep(0.5)
    else:
        raise AssertionError("the worker holding the runaway query was not recycled")
    status, _, body = server.get("/sparql", query=ASK)
    assert status == 200 and json.loads(body)["boolean"] is True
