"""The remote store's HTTP transport: requests, error mapping, result parsing.

Against a loopback server that answers what each test tells it to; the store
semantics over it are tested on Virtuoso (test_contract and the backend suites).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pyoxigraph as ox
import pytest

from conflict_kg.store import RemoteEndpoints, RemoteStore, StoreError
from conflict_kg.store.connector import SparqlConnector, normalise_json


class Engine:
    """What the loopback server answers, and what it was sent."""

    def __init__(self) -> None:
        self.status = 200
        self.content_type = "application/sparql-results+json"
        self.body = b'{"head": {"vars": []}, "results": {"bindings": []}}'
        self.requests: list[tuple[str, str, dict[str, str], bytes]] = []


@pytest.fixture
def engine() -> Iterator[tuple[Engine, str]]:
    state = Engine()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            state.requests.append((self.command, self.path, dict(self.headers),
                                   self.rfile.read(length)))
            self.send_response(state.status)
            self.send_header("Content-Type", state.content_type)
            self.send_header("Content-Length", str(len(state.body)))
            self.end_headers()
            self.wfile.write(state.body)

        do_POST = do_PUT = _answer

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _endpoints(url: str, **more: str) -> RemoteEndpoints:
    return RemoteEndpoints(query=url + "/sparql", update=url + "/update", timeout=5, **more)


def test_a_400_is_the_engine_refusing_the_text(engine: tuple[Engine, str]) -> None:
    state, url = engine
    state.status, state.content_type, state.body = 400, "text/plain", b"SP030: bad query\n"
    with pytest.raises(SyntaxError, match="rejected the request: SP030: bad query"):
        SparqlConnector(_endpoints(url)).update("CLEAR ALL")


def test_other_failures_are_store_errors_naming_the_url(engine: tuple[Engine, str]) -> None:
    state, url = engine
    state.status, state.content_type, state.body = 503, "text/plain", b"busy"
    with pytest.raises(StoreError, match=r"/sparql answered 503: busy"):
        SparqlConnector(_endpoints(url)).select_json("SELECT * {}")


def test_an_unreachable_engine_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot reach"):
        SparqlConnector(_endpoints("http://127.0.0.1:9")).update("CLEAR ALL")


def test_a_query_is_a_form_post_and_its_json_answer_pyoxigraph_results(
        engine: tuple[Engine, str]) -> None:
    state, url = engine
    state.body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [
        {"x": {"type": "typed-literal", "value": "1",
               "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}).encode()
    rows = list(SparqlConnector(_endpoints(url)).query(
        [("query", "SELECT ?x {}"), ("default-graph-uri", "urn:g")], graph_result=False))
    assert rows[0]["x"] == ox.Literal("1", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer"))
    method, path, headers, body = state.requests[0]
    assert (method, path) == ("POST", "/sparql")
    assert headers["Accept"] == "application/sparql-results+json"
    assert parse_qs(body.decode()) == {"query": ["SELECT ?x {}"], "default-graph-uri": ["urn:g"]}


def test_a_graph_answer_comes_back_as_triples(engine: tuple[Engine, str]) -> None:
    state, url = engine
    state.content_type, state.body = "application/n-triples", b"<urn:s> <urn:p> <urn:o> .\n"
    triples = list(SparqlConnector(_endpoints(url)).query(
        [("query", "CONSTRUCT WHERE { ?s ?p ?o }")], graph_result=True))
    assert triples == [ox.Triple(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"),
                                 ox.NamedNode("urn:o"))]
    assert state.requests[0][2]["Accept"] == "application/n-triples"


def test_an_unexpected_content_type_is_a_store_error(engine: tuple[Engine, str]) -> None:
    state, url = engine
    state.content_type, state.body = "text/html", b"<html></html>"
    with pytest.raises(StoreError, match="unexpected type text/html"):
        SparqlConnector(_endpoints(url)).query([("query", "ASK {}")], graph_result=False)


def test_the_graph_store_protocol_puts_a_graph(engine: tuple[Engine, str]) -> None:
    state, url = engine
    connector = SparqlConnector(_endpoints(url, graph_store=url + "/store?x=1"))
    assert connector.has_graph_store
    connector.put_graph("urn:g", b"<urn:s> <urn:p> <urn:o> .\n")
    method, path, headers, body = state.requests[0]
    assert (method, path) == ("PUT", "/store?x=1&graph=urn%3Ag")
    assert headers["Content-Type"] == "application/n-triples"
    assert body == b"<urn:s> <urn:p> <urn:o> .\n"


def test_the_store_writes_through_the_graph_store_when_there_is_one(
        engine: tuple[Engine, str]) -> None:
    state, url = engine
    store = RemoteStore(_endpoints(url, graph_store=url + "/store"), "urn:graph/")
    triple = ox.Triple(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o"))
    store.replace_graph("urn:g", [triple])
    store.add_to_graph("urn:g", [triple])
    assert [(r[0], r[1]) for r in state.requests] == [
        ("PUT", "/store?graph=urn%3Ag"), ("POST", "/store?graph=urn%3Ag")]


def test_virtuoso_json_is_normalised() -> None:
    assert normalise_json({"head": {"vars": ["__ASK_RETVAL"]}, "results": {"bindings": [
        {"__ASK_RETVAL": {"type": "literal", "value": "1"}}]}}) == {"head": {}, "boolean": True}
    payload = normalise_json({"head": {"vars": ["b"], "link": []}, "results": {"bindings": [
        {"b": {"type": "bnode", "value": "nodeID://b1"}}]}})
    assert payload == {"head": {"vars": ["b"]}, "results": {"bindings": [
        {"b": {"type": "bnode", "value": "b1"}}]}}
