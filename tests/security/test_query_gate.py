"""Hostile SPARQL against the real server process: no outbound call, no crash.

Each reproduction of the hardening issue is sent to ``conflict-kg serve`` on
loopback. Outbound: a listener on another loopback port stands for a service on
the server's network and must never be reached. Crash: the serving process must
be the same after the request (its start time in ``/metrics``), and a good
query sent meanwhile must be answered.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator

import pytest

from tests.security.conftest import Listener, Served, serve

pytestmark = pytest.mark.slow

GOOD = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, listener: Listener) -> Iterator[Served]:
    # An allow-list naming another endpoint: the tricks must not reach the listener either.
    yield from serve(tmp_path_factory.mktemp("gate"), "--federation-allow",
                     "http://127.0.0.1:9/allowed/sparql")


def _process_start(served: Served) -> str:
    status, body = served.request("/metrics")
    assert status == 200
    found = re.search(rb"^process_start_time_seconds (\S+)$", body, re.M)
    assert found, body[:500]
    return found.group(1).decode()


def ssrf_queries(target: str) -> list[str]:
    """The issue's reproductions, and their relatives."""
    host_path = target.removeprefix("http://")
    return [
        # a \u escape inside an IRI made the old check read the rest as a comment
        f"SELECT ?s {{ BIND(<http://a/\\u0041#> AS ?q) SERVICE <{target}> {{ ?s ?p ?o }} }}",
        # PN_CHARS the old tokenizer did not know, then an escaped '#' in a local name
        f"PREFIX e: <http://e/> SELECT ?s {{ ?x e:a\u00b7\\# ?y . SERVICE <{target}> "
        "{ ?s ?p ?o } }",
        f"PREFIX e: <http://e/> SELECT ?s {{ ?x e:a\u0300\\# ?y . SERVICE <{target}> "
        "{ ?s ?p ?o } }",
        f"PREFIX e: <http://e/> SELECT ?s {{ ?x e:a\u203f\\# ?y . SERVICE <{target}> "
        "{ ?s ?p ?o } }",
        # the keyword itself escaped, and mixed case
        f"SELECT ?s {{ \\u0053ERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT ?s {{ sErViCe SILENT <{target}> {{ ?s ?p ?o }} }}",
        # the endpoint through a prefix, through BASE, and escaped
        f"PREFIX r: <http://{host_path.rsplit('/', 1)[0]}/> SELECT ?s {{ SERVICE r:sparql "
        "{ ?s ?p ?o } }",
        f"BASE <http://{host_path.rsplit('/', 1)[0]}/> SELECT ?s {{ SERVICE <sparql> "
        "{ ?s ?p ?o } }",
        "SELECT ?s { SERVICE <" + "".join(f"\\u{ord(c):04X}" for c in target)
        + "> { ?s ?p ?o } }",
        # a variable endpoint
        f"SELECT ?s {{ BIND(<{target}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    ]


@pytest.mark.parametrize("index", range(len(ssrf_queries("http://x/sparql"))))
def test_service_tricks_are_refused_and_nothing_is_called(
        served: Served, listener: Listener, index: int) -> None:
    query = ssrf_queries(listener.url)[index]
    before = listener.connections
    status, body = served.query(query)
    assert status == 400, (status, body[:300], query)
    assert b"leaked.example" not in body
    assert listener.connections == before, query


def test_load_tricks_are_refused_even_with_the_token(served: Served, listener: Listener) -> None:
    before = listener.connections
    for update in (f"LOAD <{listener.url}>",
                   f"LOAD <http://a/\\u0041#> ; LOAD <{listener.url}>",
                   "\\u004COAD <" + listener.url + ">",
                   f"PREFIX e: <http://e/> INSERT DATA {{ <http://a> e:b\u00b7\\# 1 }} ; "
                   f"LOAD SILENT <{listener.url}> INTO GRAPH <http://g>"):
        status, body = served.update(update)
        assert status == 400, (status, body[:300], update)
    assert listener.connections == before


CRASHERS = {
    "2,500 nested braces": "ASK" + "{" * 2500 + "?s ?p ?o" + "}" * 2500,
    "5,000 nested parentheses": "ASK { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
    "3,000 nested OPTIONALs": "ASK { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * 3000 + "}" * 3000
                              + "}",
    "400,000 FILTERs (9.5 MB)": "ASK { ?s ?p ?o " + "FILTER(?o != 1) " * 400_000 + "}",
    "20,000 negations": "ASK { FILTER(" + "!" * 20000 + "true) }",
    "800 nested blank nodes": "ASK { ?s <http://p> " + "[ <http://p> " * 800 + "1"
                              + " ]" * 800 + " }",
    "1,000 triple patterns": "ASK { " + " ".join(f"?s{i} <http://p> ?o{i} ." for i in
                                                 range(1000)) + " }",
}


@pytest.mark.parametrize("name", list(CRASHERS))
def test_crashing_queries_get_400_and_the_process_lives(served: Served, name: str) -> None:
    started = _process_start(served)
    answers: list[int] = []

    def good_query() -> None:
        for _ in range(5):
            answers.append(served.query(GOOD)[0])

    neighbour = threading.Thread(target=good_query)
    neighbour.start()
    status, body = served.query(CRASHERS[name], timeout=120)
    neighbour.join(60)
    assert status == 400, (name, status, body[:300])
    assert b"limit" in body
    assert served.alive() and _process_start(served) == started, name
    assert answers == [200] * 5


def test_the_same_query_as_get_is_refused_too(served: Served) -> None:
    import urllib.parse

    started = _process_start(served)
    deep = "ASK" + "{" * 100 + "?s ?p ?o" + "}" * 100
    status, body = served.request("/sparql?" + urllib.parse.urlencode({"query": deep}))
    assert status == 400 and b"max_query_depth" in body
    # The 5 KB GET: past gunicorn's request-line limit it is a 414 before any parse.
    status, _ = served.request("/sparql?" + urllib.parse.urlencode(
        {"query": "ASK" + "{" * 2500 + "?s ?p ?o" + "}" * 2500}))
    assert status in (400, 414)
    assert served.alive() and _process_start(served) == started


@pytest.fixture(scope="module")
def unbounded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Limits lifted: only the deep thread stacks stand between a deep query and SIGSEGV."""
    yield from serve(tmp_path_factory.mktemp("unbounded"), "--max-query-depth", "1000000",
                     "--max-query-patterns", "100000000", "--max-query-bytes", "100000000")


@pytest.mark.parametrize("name", ["2,500 nested braces", "5,000 nested parentheses",
                                  "20,000 negations"])
def test_deep_stacks_survive_what_the_limits_would_have_refused(
        unbounded: Served, name: str) -> None:
    started = _process_start(unbounded)
    status, body = unbounded.query(CRASHERS[name], timeout=120)
    assert status == 200, (name, status, body[:300])
    assert isinstance(json.loads(body)["boolean"], bool)
    assert unbounded.alive() and _process_start(unbounded) == started
    status, _ = unbounded.update("INSERT DATA { GRAPH <http://g> { <http://a> <http://b> "
                                 + "(" * 2500 + "1" + ")" * 2500 + " } }")
    assert status == 204
    assert unbounded.alive() and _process_start(unbounded) == started


def test_limits_are_documented() -> None:
    from tests.support.paths import REPO_ROOT

    docs = (REPO_ROOT / "docs" / "sparql-service.md").read_text(encoding="utf-8")
    section = docs[docs.index("## Limits and security"):]
    for setting in ("max_query_bytes", "max_query_depth", "max_query_patterns",
                    "max_request_bytes", "query_timeout", "federation_allow"):
        assert f"`{setting}`" in section, setting
