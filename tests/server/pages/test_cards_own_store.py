"""Contested tolls and hostile labels on the cards, /contested and /network, on a store of
their own: two invented wire reports of one strike with different tolls, and a curated
claim whose claimant's label is markup."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from conflict_kg import ingest
from conflict_kg.namespaces import ONTOLOGY, RDF, RDFS, DataNamespace
from conflict_kg.server import create_app
from conflict_kg.settings import load_settings
from tests.conftest import BACKENDS, BASE, backend_store

REPORTS = {
    "toll-a-2019-03-05": ("Strike on market kills eight", "Syrian government aircraft struck a "
                          "market in Maarat al-Numan on Monday, killing eight civilians."),
    "toll-b-2019-03-05": ("Strike toll rises to twelve", "Syrian government aircraft struck a "
                          "market in Maarat al-Numan on Monday, killing twelve civilians."),
}
STRIKE = "/id/event/air-strike/2019-03-04/syria"
HOSTILE = '<script>alert("n")</script>'


@pytest.fixture(scope="module", params=BACKENDS)
def client(request, tmp_path_factory):
    with backend_store(request, request.param, holder=__name__) as store:
        folder = tmp_path_factory.mktemp("tolls")
        for stem, (title, text) in REPORTS.items():
            (folder / f"{stem}.md").write_text(
                f"---\nid: {stem}\ntitle: {title}\npublisher: Test Wire\npublished: 2019-03-05\n"
                f"language: en\n---\n{text}\n", encoding="utf-8")
        ns = DataNamespace(BASE)
        report = ingest.run([folder], store, ns)
        assert report.ok, report.errors
        evil = ox.NamedNode(ns.resource("organisation", "evil"))
        claim = ox.NamedNode(ns.resource("claim", "curated", "evil-1"))
        ck = ONTOLOGY
        store.add_to_graph(ns.curated_graph("hostile"), [
            ox.Triple(evil, ox.NamedNode(RDFS + "label"), ox.Literal(HOSTILE)),
            ox.Triple(claim, ox.NamedNode(RDF + "type"), ox.NamedNode(ck + "Claim")),
            ox.Triple(claim, ox.NamedNode(ck + "stance"), ox.NamedNode(ck + "blames")),
            ox.Triple(claim, ox.NamedNode(ck + "claimant"), evil),
            ox.Triple(claim, ox.NamedNode(ck + "target"),
                      ox.NamedNode(ns.resource("state", "syria"))),
            ox.Triple(claim, ox.NamedNode(ck + "about"), ox.NamedNode(BASE + STRIKE[1:])),
        ])
        app = create_app(load_settings({"store": ":memory:"}, environ={}), store=store)
        yield app.test_client()


def test_event_card_shows_both_tolls_with_their_sources(client):
    page = client.get(STRIKE).get_data(as_text=True)
    card = page[page.index('class="card event-card"'):]
    dispute = card[card.index("Sources disagree: deaths"):]
    assert "8 civilians" in dispute and "12 civilians" in dispute
    assert "Strike on market kills eight" in dispute and "Strike toll rises to twelve" in dispute
    assert "killing eight civilians" in dispute and "killing twelve civilians" in dispute


def test_contested_lists_the_toll_once_per_figure(client):
    page = client.get("/contested").get_data(as_text=True)
    figures = page[page.index("contested-figures"):page.index("contested-denials")]
    assert figures.count('class="contested contested-figure"') == 1
    assert figures.count('class="figure-value"') == 2


def test_hostile_label_is_escaped_in_network_and_cards(client):
    for path in ("/network", "/contested", STRIKE, "/id/organisation/evil",
                 "/network?focus=" + BASE + "id/organisation/evil"):
        body = client.get(path).get_data(as_text=True)
        assert "<script>alert(" not in body, path
    network = client.get("/network").get_data(as_text=True)
    assert "\\u003cscript\\u003ealert" in network  # in the JSON data block, escaped
    assert "&lt;script&gt;alert(" in network  # in the edge table
    data = client.get("/network.json").json
    assert any(n["label"] == HOSTILE for n in data["nodes"])  # JSON keeps the text as text
