"""Bodies sent to the real server process: exact size limits for every transfer
encoding, RDF/XML without DTDs, one graph per graph-store write, clean 4xx answers.

Each test is a reproduction from the hardening issue (items 4, 6, 12) and fails on
the code before it: a chunked body was cut at the limit and stored, a DTD's entities
were expanded, a failing CREATE GRAPH was a 500, invalid UTF-8 in a form was read as
U+FFFD."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.security.conftest import EX, TOKEN, Served, serve

pytestmark = pytest.mark.slow

LIMIT = 2000  # the small server's max_request_bytes
WRITE = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/n-triples"}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from serve(tmp_path_factory.mktemp("small"), "--max-request-bytes", str(LIMIT))


@pytest.fixture(scope="module")
def default(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from serve(tmp_path_factory.mktemp("default"))  # max_request_bytes 10,000,000


def ntriples(size: int, graph_tag: str = "") -> bytes:
    """N-Triples of exactly ``size`` bytes (>= 100): lines of 100 bytes, the last longer."""
    lines = []
    total, i = 0, 0
    while total < size:
        head, tail = f'<{EX}s{graph_tag}{i}> <{EX}p> "', '" .\n'
        length = 100 if size - total >= 200 else size - total
        line = head + "x" * (length - len(head) - len(tail)) + tail
        lines.append(line)
        total += len(line)
        i += 1
    data = "".join(lines).encode()
    assert len(data) == size, (len(data), size)
    return data


def send(served: Served, method: str, path: str, body: bytes, headers: dict[str, str], *,
         chunked: bool) -> tuple[int, bytes]:
    """One request over a fresh connection; a chunked body goes in 64 KB chunks."""
    conn = http.client.HTTPConnection("127.0.0.1", int(served.base.rsplit(":", 1)[1]),
                                      timeout=120)
    try:
        if chunked:
            pieces = (body[i:i + 65536] for i in range(0, len(body), 65536))
            try:
                conn.request(method, path, body=pieces, headers=headers, encode_chunked=True)
            except OSError:
                pass  # the server answered and closed before the rest was sent
        else:
            conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def graph_exists(served: Served, graph: str) -> bool:
    status, _ = served.request(f"/store?graph={graph}", headers={"Accept": "application/n-triples"})
    assert status in (200, 404)
    return status == 200


def test_twelve_megabytes_chunked_are_refused_and_nothing_is_stored(default: Served) -> None:
    """The issue's reproduction: 12 MB of N-Triples, chunked, against the 10 MB limit."""
    body = ntriples(12_000_000, "big")
    graph = f"{EX}chunked-12mb"
    status, answer = send(default, "PUT", f"/store?graph={graph}", body, WRITE, chunked=True)
    assert status == 413, answer[:300]
    assert b"max_request_bytes" in answer
    assert not graph_exists(default, graph)
    assert default.alive()


@pytest.mark.parametrize("chunked", [True, False], ids=["chunked", "content-length"])
def test_the_limit_is_exact(small: Served, chunked: bool) -> None:
    at = f"{EX}at-limit-{chunked}"
    over = f"{EX}over-limit-{chunked}"
    status, answer = send(small, "PUT", f"/store?graph={at}", ntriples(LIMIT), WRITE,
                          chunked=chunked)
    assert status == 201, answer
    status, answer = send(small, "PUT", f"/store?graph={over}", ntriples(LIMIT + 1), WRITE,
                          chunked=chunked)
    assert status == 413, answer
    assert json.loads(answer)["status"] == 413
    assert graph_exists(small, at) and not graph_exists(small, over)


def test_chunked_query_over_the_limit_is_413(small: Served) -> None:
    query = ("ASK { ?s ?p ?o } #" + "x" * LIMIT).encode()
    status, _ = send(small, "POST", "/sparql", query,
                     {"Content-Type": "application/sparql-query"}, chunked=True)
    assert status == 413


ENTITY_XML = b"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [<!ENTITY word "expanded">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><e:p>&word;</e:p></rdf:Description>
</rdf:RDF>"""
PLAIN_XML = ENTITY_XML.replace(b'<!DOCTYPE rdf:RDF [<!ENTITY word "expanded">]>\n', b"").replace(
    b"&word;", b"plain")


def test_rdf_xml_with_a_dtd_is_refused_before_parsing(default: Served) -> None:
    graph = f"{EX}xml-dtd"
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/rdf+xml"}
    status, answer = default.request(f"/store?graph={graph}", ENTITY_XML, headers, "PUT")
    assert status == 400, answer
    assert b"DOCTYPE" in answer
    assert not graph_exists(default, graph)
    status, answer = default.request(f"/store?graph={graph}", PLAIN_XML, headers, "PUT")
    assert status == 201, answer  # RDF/XML itself is welcome


def test_load_refuses_rdf_xml_with_a_dtd(tmp_path: Path) -> None:
    evil = tmp_path / "evil.rdf"
    evil.write_bytes(ENTITY_XML)
    store = tmp_path / "store"
    result = run_cli("load", "--store", str(store), "--graph", f"{EX}evil", str(evil))
    assert result.returncode == 1
    assert "DOCTYPE" in result.stderr
    listed = run_cli("query", "--store", str(store), "--format", "json",
                     f"ASK {{ GRAPH <{EX}evil> {{ ?s ?p ?o }} }}")
    assert json.loads(listed.stdout)["boolean"] is False


def test_a_graph_store_body_that_names_graphs_is_refused(default: Served) -> None:
    graph = f"{EX}gsp-quads"
    body = f'<{EX}a> <{EX}p> "x" <{EX}elsewhere> .\n'.encode()
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/n-quads"}
    status, _ = default.request(f"/store?graph={graph}", body, headers, "PUT")
    assert status == 400
    assert not graph_exists(default, graph) and not graph_exists(default, f"{EX}elsewhere")


def test_create_graph_that_exists_is_a_client_error(default: Served) -> None:
    status, body = default.update(f"CREATE GRAPH <{EX}g>")  # loaded by the fixture
    assert status == 409, body
    assert "already exists" in json.loads(body)["error"]
    status, body = default.update(f"DROP GRAPH <{EX}never-there>")
    assert status == 409, body


@pytest.mark.parametrize("body", [b"query=ASK%7B%3Fs%20%3Fp%20%22%FF%22%7D",
                                  b"query=ASK{?s ?p \"\xff\xfe\"}"],
                         ids=["percent-encoded", "raw-bytes"])
def test_form_body_with_invalid_utf8_is_400(default: Served, body: bytes) -> None:
    status, answer = default.request(
        "/sparql", body, {"Content-Type": "application/x-www-form-urlencoded",
                          "Accept": "application/sparql-results+json"})
    assert status == 400, answer
    assert b"UTF-8" in answer


def test_query_string_with_invalid_utf8_is_400(default: Served) -> None:
    status, answer = default.request("/sparql?query=ASK%7B%3Fs%20%3Fp%20%22%FF%22%7D")
    assert status == 400, answer
