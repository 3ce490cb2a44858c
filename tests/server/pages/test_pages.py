"""Entity, document and ontology pages: what an analyst sees."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from conflict_kg.namespaces import ONTOLOGY, RDF
from conflict_kg.server import create_app
from conflict_kg.settings import load_settings
from tests.support.corpus import BASE, html, local


def test_entity_page_labels_types_and_facts(client):
    page = html(client, "/id/state/russia")
    assert "<h1>Russia</h1>" in page
    assert "Russian Federation" in page  # alternative label
    assert "sovereign state" in page  # asserted type, by its label
    # the agreement Russia is party to, linked, with its source sentence
    assert 'href="/id/agreement/russia/turkey/2018-09"' in page
    assert "according to" in page and "demilitarized zone" in page
    assert "<svg" in page and 'class="node centre"' in page


def test_timeline_says_which_events_did_not_happen(client):
    # The seed's joint patrols are announced ("will be patrolled"): future, not done.
    page = html(client, "/id/armed-force/turkish-armed-forces")
    entry = re.search(r'<li><span class="date">[^<]*</span>[^\n]*patrol[^\n]*</li>', page)
    assert entry is not None, page[:2000]
    assert 'class="factuality"' in entry.group() and "future" in entry.group()
    # the shootdown happened: no factuality note beside it
    russia = html(client, "/id/state/syria")
    shootdown = re.search(r'<li><span class="date">2018-09-17</span>[^\n]*shootdown[^\n]*</li>',
                          russia)
    assert shootdown is not None and 'class="factuality"' not in shootdown.group()


def test_fact_links_lead_to_the_other_entity_and_back(client):
    page = html(client, "/id/agreement/russia/turkey/2018-09")
    assert 'href="/id/state/turkey"' in page and 'href="/id/state/russia"' in page
    assert re.search(r'href="/id/document/il20-sochi-2018-09-18#char=\d+,\d+"', page)
    turkey = html(client, "/id/state/turkey")
    assert 'href="/id/agreement/russia/turkey/2018-09"' in turkey


def test_document_page_highlights_mentions(client):
    page = html(client, "/id/document/il20-sochi-2018-09-18")
    mentions = re.findall(r'<a class="mention" id="char=(\d+),(\d+)" href="([^"]+)"', page)
    assert len(mentions) > 20
    assert any(href == "/id/state/russia" for _, _, href in mentions)
    # sentence anchors exist for the fact sentences the entity pages link to
    assert re.search(r'<span class="anchor" id="char=\d+,\d+"></span>', page)
    assert "Facts extracted from this document" in page
    assert 'href="/id/agreement/russia/turkey/2018-09"' in page


def test_document_text_is_reassembled_exactly(corpus, client):
    store, _ = corpus
    doc = ox.NamedNode(BASE + "id/document/il20-sochi-2018-09-18")
    text = next(iter(store.query(
        "SELECT * WHERE { ?d <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core"
        "#isString> ?t }", substitutions={"d": doc})))["t"].value
    page = html(client, "/id/document/il20-sochi-2018-09-18")
    body = page[page.index('<div class="doc-text">') + len('<div class="doc-text">'):]
    body = body[: body.index("</div>")]
    plain = re.sub(r"<[^>]+>", "", body)
    import html as html_lib

    assert html_lib.unescape(plain) == text


def test_claims_grouped_by_stance_and_timeline(client, iris):
    page = html(client, local(iris["shootdown"]))
    stances = re.findall(r'<div class="stance">\s*<h3>([^<]+)</h3>', page)
    assert "blames" in stances and "denies" in stances
    assert "Russia blamed Israel" in page and "Israel denied responsibility" in page
    russia = html(client, "/id/state/russia")
    timeline = russia[russia.index('<ol class="timeline">'):]
    timeline = timeline[: timeline.index("</ol>")]
    dates = re.findall(r'<span class="date">([^<]+)</span>', timeline)
    assert dates == sorted(dates) and "2018-09-17" in dates and "2018-10-02" in dates


def test_inferred_types_are_marked(corpus):
    store, _ = corpus
    app = create_app(load_settings({"store": ":memory:"}, environ={}), store=store)
    client = app.test_client()
    russia = ox.NamedNode(BASE + "id/state/russia")
    inferred = BASE + "graph/inferred"
    agent = ox.Triple(russia, ox.NamedNode(RDF + "type"), ox.NamedNode(ONTOLOGY + "Agent"))
    # The corpus is shared by the session: put back only what this test added (dropping
    # the inferred graph took the closure from the named-query tests that ran after it).
    had = bool(store.query(f"ASK {{ GRAPH <{inferred}> {{ {agent} }} }}"))
    store.add_to_graph(inferred, [agent])
    try:
        page = html(client, "/id/state/russia")
    finally:
        if not had:
            store.update(f"DELETE DATA {{ GRAPH <{inferred}> {{ {agent} }} }}")
    types = page[page.index('<p class="types">'):]
    types = types[: types.index("</p>")]
    agent = types[types.index(">agent<") - 200: types.index(">agent<") + 200]
    assert "type-inferred" in agent and "badge-inferred" in agent
    state = types[types.index(">sovereign state<") - 120: types.index(">sovereign state<")]
    assert "type-inferred" not in state


@pytest.mark.parametrize(("path", "term", "words"), [
    ("/ontology", "Agreement", "instance"),
    ("/ontology/agreements", "party", "used"),
])
def test_ontology_pages_document_terms(client, path, term, words):
    page = html(client, path)
    section = page[page.index(f'id="{term}"'):]
    section = section[: section.index("</section>")]
    assert f"ck:{term}" in section and words in section
    assert not re.search(r"(used 0 times|0 instances)", section)


def test_query_ui_serves_yasgui_locally(client):
    page = html(client, "/")
    assert 'src="/assets/yasgui/yasgui.min.js"' in page
    assert "cdn" not in page.lower() and "unpkg" not in page.lower()
    assets = client.get("/assets/yasgui/yasgui.min.js")
    assert assets.status_code == 200 and len(assets.data) > 100_000
    assert client.get("/assets/yasgui/../../package.json").status_code == 404
    library = re.search(r'<script type="application/json" id="ck-queries">(.*?)</script>', page,
                        re.S)
    assert library and "agreement-parties" in library.group(1)


def test_checks_page_renders(client):
    page = html(client, "/checks")
    assert "Consistency checks" in page


def test_browse_classes_and_instances(client):
    page = html(client, "/browse")
    assert "sovereign state" in page
    state_class = "https://w3id.org/conflict-kg/ontology#State"
    states = client.get("/browse", query_string={"class": state_class})
    body = states.get_data(as_text=True)
    assert states.status_code == 200
    assert 'href="/id/state/russia"' in body and 'href="/id/state/turkey"' in body
    assert client.get("/browse", query_string={"class": "not an iri"}).status_code == 404


def test_html_pages_link_their_twins(client):
    page = html(client, "/id/state/russia")
    assert '<link rel="alternate" type="text/turtle" href="/id/state/russia.ttl">' in page
    jsonld = '<link rel="alternate" type="application/ld+json" href="/id/state/russia.jsonld">'
    assert jsonld in page


def test_mentioned_in_links_each_document_to_its_first_mention(client, corpus):
    """The "mentioned in" list: each document's "first" link is the entity's mention
    with the least begin offset in that document (read here from the store)."""
    store, _ = corpus
    page = html(client, "/id/state/russia")
    section = page[page.index('<ul class="mentioned-in">'):]
    section = section[:section.index("</ul>")]
    links = re.findall(r'href="(/id/document/[^"#]+)#char=(\d+),\d+">first</a>', section)
    assert len(links) >= 2, section
    query = """SELECT ?b WHERE {
      ?m <http://www.w3.org/2005/11/its/rdf#taIdentRef> ?e ;
         <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#referenceContext> ?doc ;
         <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex> ?b }"""
    for doc_path, begin in links:
        doc = ox.NamedNode(BASE + doc_path[1:])
        begins = [int(r["b"].value) for r in store.query(query, substitutions={
            "e": ox.NamedNode(BASE + "id/state/russia"), "doc": doc})]
        assert begins and int(begin) == min(begins), (doc_path, begin, sorted(begins)[:3])
