"""The label index follows writes: a document ingested over the documents API is
found at once, and gone once deleted; a hostile label written over the graph store
protocol is shown escaped."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from conflict_kg.bundled import ensure_bundled
from conflict_kg.namespaces import ITSRDF, RDFS, DataNamespace
from conflict_kg.store import OxigraphStore
from tests.conftest import BASE
from tests.support.server import AUTH, make_app

JSON = {"Accept": "application/json"}
# Written for this test: a made-up agreement between two reference states.
DOCUMENT = b"""---
title: Border talks
published: 2021-03-04
---
Armenia and Azerbaijan signed a ceasefire agreement in Moscow on 3 March 2021,
officials of both governments said.
"""
_MINTED = f"""SELECT ?e ?l WHERE {{ GRAPH ?g {{ ?e <{RDFS}label> ?l }}
  FILTER(STRSTARTS(STR(?e), "{BASE}id/")) FILTER NOT EXISTS {{ GRAPH ?r {{ ?e ?p ?o }}
  FILTER(?r != ?g && !CONTAINS(STR(?r), "/graph/inferred")) }} }}"""
_NAMED = f"SELECT DISTINCT ?e WHERE {{ GRAPH ?g {{ ?m <{ITSRDF}taIdentRef> ?e }} }}"


@pytest.fixture
def client():  # type: ignore[no-untyped-def]
    store = OxigraphStore.in_memory()
    ensure_bundled(store, DataNamespace(BASE))
    yield make_app(store, reason_on_write=False).test_client()
    store.close()


def _hits(client, q: str) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    response = client.get("/search", query_string={"q": q, "limit": 100}, headers=JSON)
    assert response.status_code == 200, response.data
    return {h["iri"]: h for h in response.json["results"]}


def _select(client, query: str, graph: str) -> list[dict]:  # type: ignore[no-untyped-def]
    response = client.get("/sparql", query_string={"query": query.replace("?g", f"<{graph}>")},
                          headers={"Accept": "application/sparql-results+json"})
    return list(response.json["results"]["bindings"])


def test_an_ingested_document_is_found_and_gone_once_deleted(client):
    before = _hits(client, "armenia")  # builds the index before the write
    response = client.post("/documents?name=border-talks.md", data=DOCUMENT, headers={
        **AUTH, "Content-Type": "text/markdown"})
    assert response.status_code == 201, response.data
    graph = response.json["documents"][0]["graph"]
    minted = _select(client, _MINTED, graph)
    assert minted, "the document minted no labelled entity"
    for row in minted:
        iri, label = row["e"]["value"], row["l"]["value"]
        assert iri in _hits(client, label), label
    named = {row["e"]["value"] for row in _select(client, _NAMED, graph)}
    after = _hits(client, "armenia")
    grew = [i for i in named & set(after) if after[i]["mentions"] > before[i]["mentions"]]
    assert grew, "mention counts did not follow the ingest"

    assert client.delete("/documents/" + graph.rsplit("/", 1)[1], headers=AUTH).status_code == 204
    for row in minted:
        assert row["e"]["value"] not in _hits(client, row["l"]["value"])
    assert {i: h["mentions"] for i, h in _hits(client, "armenia").items()} == \
        {i: h["mentions"] for i, h in before.items()}


def test_a_hostile_label_is_escaped_and_found(client):
    _hits(client, "zed")
    graph = BASE + "graph/curated/hostile"
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> Zedekiah'
    body = ox.serialize([ox.Triple(ox.NamedNode(BASE + "id/person/hostile"),
                                   ox.NamedNode(RDFS + "label"), ox.Literal(hostile))],
                        format=ox.RdfFormat.N_TRIPLES)
    response = client.put(f"/store?graph={graph}", data=body,
                          headers={**AUTH, "Content-Type": "application/n-triples"})
    assert response.status_code in (201, 204), response.data
    hits = _hits(client, "zedek")
    assert hits[BASE + "id/person/hostile"]["label"] == hostile  # JSON: the text as it is
    page = client.get("/search", query_string={"q": "zedek"}).data.decode()
    main = page.split("<main>", 1)[1]
    assert "<script>alert" not in main and "<img" not in main
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in main
    # and a SPARQL Update that deletes it takes it out
    update = f"DELETE WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    assert client.post("/sparql", data={"update": update}, headers=AUTH).status_code == 204
    assert BASE + "id/person/hostile" not in _hits(client, "zedek")
