"""The result cache: repeated queries are answered from it, and never after a write.

The cache is on only when the app opened its embedded store itself, so these
tests build apps from settings (``store: ':memory:'``) instead of handing one
in; the rest of the suite hands stores in and runs with the cache off.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from conflict_kg.server import create_app
from conflict_kg.server.sparql.cache import ENTRY_OVERHEAD, CachedAnswer, ResultCache
from conflict_kg.settings import load_settings
from tests.support.server import AUTH, TOKEN, make_app

EX = "http://example.org/"
G = EX + "g"
COUNT = f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{G}> {{ ?s ?p ?o }} }}"


def owned_app(**overrides: Any) -> Flask:
    values: dict[str, Any] = {"store": ":memory:", "update_token": TOKEN,
                              "reason_on_write": False}
    values.update(overrides)
    return create_app(load_settings(values, environ={}))


@pytest.fixture
def client() -> FlaskClient:
    client = owned_app().test_client()
    put = client.put(f"/store?graph={G}", data=f"<{EX}a> <{EX}p> 1 .",
                     content_type="text/turtle", headers=AUTH)
    assert put.status_code in (201, 204), put.data
    return client


def ask(client: FlaskClient, query: str = COUNT, **headers: str) -> Any:
    response = client.get("/sparql", query_string={"query": query},
                          headers={"Accept": "application/sparql-results+json", **headers})
    assert response.status_code == 200, response.data
    return response


def count(client: FlaskClient) -> int:
    return int(ask(client).json["results"]["bindings"][0]["n"]["value"])


def metric(client: FlaskClient, outcome: str) -> int:
    text = client.get("/metrics").data.decode()
    line = next(x for x in text.splitlines()
                if x.startswith(f'conflict_kg_result_cache_requests_total{{outcome="{outcome}"}}'))
    return int(line.rsplit(" ", 1)[1])


def test_a_repeated_query_is_answered_from_the_cache(client):
    first, second = ask(client), ask(client)
    assert first.headers["X-Result-Cache"] == "miss"
    assert second.headers["X-Result-Cache"] == "hit"
    assert second.data == first.data
    assert second.mimetype == "application/sparql-results+json"
    assert second.headers["Vary"] == "Accept"
    assert metric(client, "hit") == 1 and metric(client, "miss") == 1


def _sparql_update(client: FlaskClient) -> None:
    response = client.post("/sparql", data={"update": f"INSERT DATA {{ GRAPH <{G}> {{ "
                                                      f"<{EX}b> <{EX}p> 2 }} }}"}, headers=AUTH)
    assert response.status_code == 204, response.data


def _update_endpoint(client: FlaskClient) -> None:
    response = client.post("/update", data=f"DELETE WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}",
                           content_type="application/sparql-update", headers=AUTH)
    assert response.status_code == 204, response.data


def _store_put(client: FlaskClient) -> None:
    response = client.put(f"/store?graph={G}", data=f"<{EX}x> <{EX}p> 1 . <{EX}y> <{EX}p> 2 .",
                          content_type="text/turtle", headers=AUTH)
    assert response.status_code in (200, 204), response.data


def _store_post(client: FlaskClient) -> None:
    response = client.post(f"/store?graph={G}", data=f"<{EX}c> <{EX}p> 3 .",
                           content_type="text/turtle", headers=AUTH)
    assert response.status_code in (200, 204), response.data


def _store_delete(client: FlaskClient) -> None:
    assert client.delete(f"/store?graph={G}", headers=AUTH).status_code == 204


WRITES = {"sparql-update": (_sparql_update, 2), "update-endpoint": (_update_endpoint, 0),
          "store-put": (_store_put, 2), "store-post": (_store_post, 2),
          "store-delete": (_store_delete, 0)}


@pytest.mark.parametrize("write", WRITES, ids=str)
def test_every_write_path_makes_the_next_answer_fresh(client, write):
    do, expected = WRITES[write]
    assert count(client) == 1 and count(client) == 1  # the second one is a hit
    do(client)
    response = ask(client)
    assert response.headers["X-Result-Cache"] == "miss"
    assert int(response.json["results"]["bindings"][0]["n"]["value"]) == expected


def test_documents_api_writes_make_the_next_answer_fresh(client, seed_path):
    in_documents = ("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } "
                    "FILTER(CONTAINS(STR(?g), '/graph/document/')) }")

    def triples() -> int:
        return int(ask(client, in_documents).json["results"]["bindings"][0]["n"]["value"])

    assert triples() == 0 and triples() == 0
    with seed_path.open("rb") as f:
        posted = client.post("/documents", headers=AUTH, data={"file": (f, seed_path.name)},
                             content_type="multipart/form-data")
    assert posted.status_code == 201, posted.data
    assert triples() > 0
    assert triples() > 0  # now from the cache
    doc_id = posted.json["documents"][0]["graph"].rsplit("/", 1)[1]
    assert client.delete(f"/documents/{doc_id}", headers=AUTH).status_code == 204
    assert triples() == 0


def test_format_and_dataset_are_part_of_the_key(client):
    as_json = ask(client)
    as_csv = client.get("/sparql", query_string={"query": COUNT}, headers={"Accept": "text/csv"})
    assert as_csv.headers["X-Result-Cache"] == "miss"
    assert as_csv.mimetype == "text/csv" and as_csv.data.decode().split() == ["n", "1"]
    assert ask(client).data == as_json.data
    every = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    union = client.get("/sparql", query_string={"query": every})
    empty = client.get("/sparql", query_string={"query": every,
                                                "default-graph-uri": EX + "nothing"})
    assert empty.headers["X-Result-Cache"] == "miss"
    assert union.json["results"]["bindings"][0]["n"]["value"] == "1"
    assert empty.json["results"]["bindings"][0]["n"]["value"] == "0"


@pytest.mark.parametrize("query", [
    'SELECT (NOW() AS ?t) {}',
    'SELECT (rand() AS ?r) {}',
    'SELECT (STRUUID() AS ?u) {}',
    f'CONSTRUCT {{ ?s <{EX}id> ?b }} WHERE {{ ?s ?p ?o BIND(BNODE() AS ?b) }}',
])
def test_queries_whose_value_changes_per_evaluation_are_not_cached(client, query):
    for _ in range(2):
        response = client.get("/sparql", query_string={"query": query})
        assert response.status_code == 200 and "X-Result-Cache" not in response.headers
    assert metric(client, "hit") == 0


def test_no_cache_and_no_store_request_directives(client):
    ask(client)
    assert ask(client, **{"Cache-Control": "no-cache"}).headers["X-Result-Cache"] == "miss"
    assert ask(client, Pragma="no-cache").headers["X-Result-Cache"] == "miss"
    assert ask(client).headers["X-Result-Cache"] == "hit"
    other = f"ASK {{ GRAPH <{G}> {{ ?s ?p ?o }} }}"
    unkept = ask(client, other, **{"Cache-Control": "max-age=0, no-store"})
    assert "X-Result-Cache" not in unkept.headers
    assert ask(client, other).headers["X-Result-Cache"] == "miss"  # the no-store one was not kept


def test_large_streamed_answers_are_not_kept():
    client = owned_app().test_client()
    triples = "".join(f'<{EX}s{i}> <{EX}p> "{"x" * 200} {i}" .\n' for i in range(3000))
    assert client.put(f"/store?graph={G}", data=triples, content_type="application/n-triples",
                      headers=AUTH).status_code in (201, 204)
    query = f"SELECT ?s ?o {{ ?s <{EX}p> ?o }}"
    for _ in range(2):
        response = client.get("/sparql", query_string={"query": query})
        assert len(response.json["results"]["bindings"]) == 3000
        assert "X-Result-Cache" not in response.headers


def test_off_when_the_store_is_handed_in_or_the_setting_is_zero(memory_store):
    handed = make_app(memory_store).test_client()
    zero = owned_app(result_cache_mb=0).test_client()
    for client in (handed, zero):
        for _ in range(2):
            response = client.get("/sparql", query_string={"query": "ASK {}"})
            assert response.status_code == 200 and "X-Result-Cache" not in response.headers
        assert metric(client, "hit") == 0 and metric(client, "miss") == 0


def test_answers_are_fresh_while_writes_and_reads_interleave():
    """Readers never see fewer triples than a write that finished before they asked."""
    # Three readers on one address: no per-client limit (it would answer 429).
    app = owned_app(threads=8, max_queries_per_client=0)
    writer, readers = app.test_client(), [app.test_client() for _ in range(3)]
    finished = [0]  # inserts acknowledged so far
    errors: list[str] = []

    def write() -> None:
        for i in range(40):
            insert = f"INSERT DATA {{ GRAPH <{G}> {{ <{EX}n{i}> <{EX}p> {i} }} }}"
            response = writer.post("/update", headers=AUTH, data=insert,
                                   content_type="application/sparql-update")
            if response.status_code != 204:
                errors.append(f"insert {i}: {response.status_code}")
            finished[0] = i + 1

    def read(client: FlaskClient) -> None:
        while finished[0] < 40 and not errors:
            floor = finished[0]
            seen = count(client)
            if seen < floor:
                errors.append(f"stale answer: {seen} triples after {floor} acknowledged inserts")

    threads = [threading.Thread(target=write)] + [
        threading.Thread(target=read, args=(c,)) for c in readers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors[:3]
    assert count(readers[0]) == 40


# --- the cache on its own ---------------------------------------------------------


def answer(size: int) -> CachedAnswer:
    return CachedAnswer(b"x" * size, "text/plain", ())


ENTRY = 100 + 1 + ENTRY_OVERHEAD  # a 100-byte answer under a one-letter key


def test_least_recently_used_answers_go_first_and_bytes_stay_within_the_limit():
    cache = ResultCache(max_bytes=3 * ENTRY)
    for key in "abc":
        assert cache.put(key, 0, answer(100))
    assert cache.get("a", 0) is not None  # a is now the most recent
    assert cache.put("d", 0, answer(100))
    assert cache.get("b", 0) is None and cache.get("a", 0) is not None
    assert cache.bytes == 3 * ENTRY and len(cache) == 3 and cache.evictions == 1
    assert not cache.put("huge", 0, answer(3 * ENTRY))
    assert cache.bytes <= cache.max_bytes


def test_long_query_texts_count_against_the_limit():
    """Tiny answers under megabyte keys (POST queries) must not grow memory past the limit."""
    cache = ResultCache(max_bytes=1_000_000)
    for i in range(20):
        cache.put((f"ASK {{ {'?s ?p ?o . ' * 30_000} }} # {i}", "application/json"), 0, answer(50))
    assert cache.bytes <= cache.max_bytes
    assert len(cache) == 3  # each entry holds ~300 KB of query text


def test_an_answer_from_before_a_write_is_refused_and_a_write_empties_the_cache():
    cache = ResultCache(max_bytes=1000)
    assert cache.put("q", 1, answer(10))
    assert cache.get("q", 2) is None  # generation 2: a write happened
    assert len(cache) == 0 and cache.bytes == 0
    assert not cache.put("q", 1, answer(10))  # evaluated before that write: stale
    assert cache.get("q", 2) is None
    assert cache.put("q", 2, answer(10)) and cache.get("q", 2) is not None


def test_replacing_an_entry_keeps_the_byte_count_right():
    cache = ResultCache(max_bytes=1000)
    cache.put("q", 0, answer(100))
    cache.put("q", 0, answer(40))
    assert cache.bytes == 40 + 1 + ENTRY_OVERHEAD and len(cache) == 1


def test_a_cached_answer_keeps_its_etag_and_answers_if_none_match(client):
    miss, hit = ask(client), ask(client)
    assert hit.headers["X-Result-Cache"] == "hit"
    assert hit.headers["ETag"] == miss.headers["ETag"]
    again = client.get("/sparql", query_string={"query": COUNT},
                       headers={"Accept": "application/sparql-results+json",
                                "If-None-Match": hit.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
