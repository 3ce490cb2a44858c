"""Untrusted text (document text, titles, labels, IRIs, query values) never reaches HTML raw."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from conflict_kg import ingest
from conflict_kg.namespaces import ONTOLOGY, RDFS, DataNamespace
from conflict_kg.server import create_app
from conflict_kg.settings import load_settings
from tests.conftest import BACKENDS, backend_store, get_when_ready

BASE = "https://w3id.org/conflict-kg/"

HOSTILE_DOC = """---
id: hostile-2018-09-20
title: "Russia <script>alert(\\"title\\")</script> & 'quoted' \\"news\\""
publisher: <b>Evil</b> "Press"
published: 2018-09-20
language: en
---
Russia announced an agreement with Turkey on "<script>alert('body')</script>" terms & more.

Turkey said "it's <img src=x onerror=alert(1)> fine" & Russia agreed.
"""

RAW_MARKERS = ("<script>alert", "<img src=x", "<svg onload", 'href="javascript:', "<b>Evil")


@pytest.fixture(scope="module", params=BACKENDS)
def hostile_client(request, tmp_path_factory):
    with backend_store(request, request.param, holder=__name__) as store:
        yield _hostile_client(store, tmp_path_factory)


def _hostile_client(store, tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.md").write_text(HOSTILE_DOC, encoding="utf-8")
    ns = DataNamespace(BASE)
    report = ingest.run([folder / "hostile.md"], store, ns)
    assert report.ok, report.errors
    evil = ox.NamedNode(ns.resource("organisation", "evil"))
    russia = ox.NamedNode(ns.resource("state", "russia"))
    store.add_to_graph(ns.curated_graph("hostile"), [
        ox.Triple(evil, ox.NamedNode(RDFS + "label"), ox.Literal('<svg onload=alert(1)>"x"')),
        ox.Triple(evil, ox.NamedNode(ONTOLOGY + "supports"), russia),
        ox.Triple(russia, ox.NamedNode(RDFS + "seeAlso"), ox.NamedNode("javascript:alert(1)")),
    ])
    app = create_app(load_settings({"store": ":memory:"}, environ={}), store=store)
    return app.test_client()


def _agreement_path(client) -> str:
    text = client.get("/id/state/russia").get_data(as_text=True)
    start = text.index('href="/id/agreement/') + len('href="')
    return text[start:text.index('"', start)]


def pages(client) -> list[str]:
    return [
        "/",
        "/id/document/hostile-2018-09-20",
        "/id/state/russia",
        "/id/state/turkey",
        "/id/organisation/evil",
        _agreement_path(client),
        "/queries/source-sentences?subject=" + BASE + _agreement_path(client)[1:],
        "/queries/mentioned-together",
        "/queries/agreement-parties?agreement=" + BASE + _agreement_path(client)[1:],
        "/queries/officials?person=%3Cscript%3Ealert(1)%3C/script%3E",
        "/queries",
        "/checks",
        "/browse",
        "/browse?class=https://w3id.org/conflict-kg/ontology%23Document",
        "/browse?class=https://w3id.org/conflict-kg/ontology%23Organisation",
        "/network",
        "/network?focus=" + BASE + "id/organisation/evil",
        "/network?focus=%3Cscript%3Ealert(1)%3C/script%3E",
        "/contested",
    ]


def test_hostile_text_is_escaped_on_every_page(hostile_client):
    checked = 0
    for path in pages(hostile_client):
        # Complete pages (the checks report, class counts: computed in the background).
        response = get_when_ready(hostile_client, path, headers={"Accept": "text/html"})
        assert response.status_code in (200, 400), path
        assert response.mimetype == "text/html", path
        body = response.get_data(as_text=True)
        for marker in RAW_MARKERS:
            assert marker not in body, f"{marker!r} unescaped on {path}"
        checked += 1
    assert checked == len(pages(hostile_client))


def test_document_page_shows_the_text_escaped(hostile_client):
    body = hostile_client.get("/id/document/hostile-2018-09-20").get_data(as_text=True)
    assert "&lt;script&gt;alert(" in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert "&amp; more" in body
    # the title with quotes, escaped in text and attribute positions alike
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in body
    # the mentions are still highlighted and linked
    assert 'class="mention"' in body and 'href="/id/state/russia"' in body


def test_sentence_with_markup_is_escaped_where_a_fact_cites_it(hostile_client):
    body = hostile_client.get(_agreement_path(hostile_client)).get_data(as_text=True)
    assert "according to" in body
    assert "&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;" in body


def test_hostile_label_is_escaped_in_the_neighbourhood_picture(hostile_client):
    body = hostile_client.get("/id/organisation/evil").get_data(as_text=True)
    svg = body[body.index("<svg"):body.index("</svg>")]
    assert "&lt;svg onload=alert(1)&gt;" in svg  # the centre's label
    assert svg.count("<svg") == 1
    russia = hostile_client.get("/id/state/russia").get_data(as_text=True)
    assert 'href="javascript:' not in russia


def test_query_values_are_never_spliced_into_sparql(hostile_client):
    injected = "https://x.example/a> } ; DROP ALL ; SELECT * { ?s ?p ?o"
    response = hostile_client.get("/queries/officials", query_string={"person": injected},
                                  headers={"Accept": "application/json"})
    assert response.status_code == 400  # not an IRI: refused before any query runs
    fine = hostile_client.get("/queries/mentioned-together",
                              query_string={"entity": BASE + "id/state/russia"},
                              headers={"Accept": "application/sparql-results+json"})
    assert fine.status_code == 200
    assert fine.json["results"]["bindings"], "the store is intact and answers"
