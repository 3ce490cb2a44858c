"""Conditional GET: complete read responses carry a strong ETag; sending it back in
If-None-Match gives 304 with no body until the representation changes."""

from __future__ import annotations

from tests.conftest import BASE
from tests.support.server import AUTH

G = "http://example.org/g"
ENTITY = BASE + "id/test/tag-entity"
QUERY = f"SELECT ?o {{ GRAPH <{G}> {{ <{ENTITY}> ?p ?o }} }}"


def put(client, label: str) -> None:
    response = client.put(f"/store?graph={G}", headers=AUTH, content_type="text/turtle",
                          data=f'<{ENTITY}> <http://www.w3.org/2000/01/rdf-schema#label> '
                               f'"{label}" .')
    assert response.status_code in (201, 204), response.data


def get(client, path: str, etag: str | None = None, **kwargs):  # type: ignore[no-untyped-def]
    headers = dict(kwargs.pop("headers", {}))
    if etag:
        headers["If-None-Match"] = etag
    return client.get(path, headers=headers, **kwargs)


def test_a_query_answer_is_not_sent_again_while_it_is_unchanged(client):
    put(client, "first")
    first = get(client, "/sparql", query_string={"query": QUERY})
    tag = first.headers["ETag"]
    assert first.status_code == 200 and tag.startswith('"')
    assert first.headers["Cache-Control"] == "no-cache"  # kept copies are revalidated
    again = get(client, "/sparql", tag, query_string={"query": QUERY})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == tag
    as_csv = get(client, "/sparql", tag, query_string={"query": QUERY},
                 headers={"Accept": "text/csv"})
    assert as_csv.status_code == 200 and as_csv.headers["ETag"] != tag
    put(client, "second")
    changed = get(client, "/sparql", tag, query_string={"query": QUERY})
    assert changed.status_code == 200 and b"second" in changed.data
    assert changed.headers["ETag"] != tag


def test_graph_store_and_resource_representations(client):
    put(client, "a label")
    for path, accept in ((f"/store?graph={G}", "application/n-triples"),
                         ("/id/test/tag-entity", "text/turtle"),
                         ("/id/test/tag-entity", "text/html"),
                         ("/.well-known/void", "text/turtle"),
                         ("/sparql", "application/n-triples")):  # the Service Description
        first = get(client, path, headers={"Accept": accept})
        assert first.status_code == 200, (path, accept, first.status_code)
        tag = first.headers["ETag"]
        again = get(client, path, tag, headers={"Accept": accept})
        assert again.status_code == 304 and again.data == b"", (path, accept)
        assert get(client, path, '"other"', headers={"Accept": accept}).status_code == 200


def test_writes_errors_and_post_queries_carry_no_tag(client):
    put(client, "x")
    posted = client.post("/sparql", data={"query": QUERY})
    assert posted.status_code == 200 and "ETag" not in posted.headers
    bad = client.get("/sparql", query_string={"query": "SELECT {"})
    assert bad.status_code == 400 and "ETag" not in bad.headers
    written = client.post(f"/store?graph={G}", headers=AUTH, content_type="text/turtle",
                          data="<http://a> <http://b> 1 .")
    assert written.status_code in (200, 204) and "ETag" not in written.headers


def test_streamed_answers_carry_no_tag(client):
    triples = "".join(f'<http://example.org/s{i}> <http://example.org/p> "{"y" * 200}" .\n'
                      for i in range(2000))
    assert client.put(f"/store?graph={G}", headers=AUTH, content_type="application/n-triples",
                      data=triples).status_code in (201, 204)
    response = client.get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o }"})
    assert response.status_code == 200 and "Content-Length" not in response.headers
    assert "ETag" not in response.headers
