"""The checks page on a store with many findings: paged per check, computed in the
background, an older report shown (and said to be older) while a fresh one runs."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from conflict_kg.bundled import ensure_bundled
from conflict_kg.namespaces import ONTOLOGY, RDF, DataNamespace
from conflict_kg.server import create_app
from conflict_kg.server.pages import routes
from conflict_kg.server.pages.checks import PER_PAGE
from conflict_kg.settings import load_settings
from conflict_kg.store import OxigraphStore
from tests.conftest import get_when_ready
from tests.support.server import AUTH, TOKEN

BASE = "https://w3id.org/conflict-kg/"
PLANTED = PER_PAGE + 37
ROW = re.compile(r"<tr>\s*<td><span class=\"badge badge-(\w+)\">")


def planted_store() -> OxigraphStore:
    """PLANTED events, each with a date that is not a date: one finding each, same check."""
    store = OxigraphStore.in_memory()
    ns = DataNamespace(BASE)
    triples = []
    for i in range(PLANTED):
        event = ox.NamedNode(ns.resource("event", f"planted-{i:04d}"))
        triples += [
            ox.Triple(event, ox.NamedNode(RDF + "type"), ox.NamedNode(ONTOLOGY + "Shootdown")),
            ox.Triple(event, ox.NamedNode(ONTOLOGY + "date"), ox.Literal(f"day {i}"))]
    store.add_to_graph(ns.curated_graph("planted"), triples)
    ensure_bundled(store, ns)  # the ontology, for its pages
    return store


@pytest.fixture
def client():
    app = create_app(load_settings({"store": ":memory:", "update_token": TOKEN,
                                    "reason_on_write": False}, environ={}),
                     store=planted_store())
    return app.test_client()


def the_check(page: str) -> str:
    """The id of the check with the planted findings (the one with more than a page)."""
    match = re.search(r'id="check-([^"]+)">\s*<h2>[^<]*<small><code>[^<]*</code>[^<]*· '
                      rf'{PLANTED} findings', page)
    assert match, "no check reports every planted event"
    return match.group(1)


def test_each_check_shows_one_page_and_links_to_the_rest(client):
    first = get_when_ready(client, "/checks")  # 202 while the report runs in the background
    assert first.status_code == 200
    page = first.get_data(as_text=True)
    check = the_check(page)
    section = page[page.index(f'id="check-{check}"'):]
    section = section[:section.index("</section>")]
    assert len(ROW.findall(section)) == PER_PAGE
    assert "next 37 of 37 more" in section
    rest = client.get("/checks", query_string={"check": check, "offset": PER_PAGE})
    text = rest.get_data(as_text=True)
    assert rest.status_code == 200 and len(ROW.findall(text)) == 37
    assert f"Findings {PER_PAGE + 1}–{PLANTED} of {PLANTED}" in text
    assert 'rel="prev"' in text and 'rel="next"' not in text
    assert text.count('<section class="check') == 1  # that check only
    beyond = client.get("/checks", query_string={"check": check, "offset": 10 * PLANTED})
    assert len(ROW.findall(beyond.get_data(as_text=True))) == 37  # the last page, not nothing


def test_bad_paging_parameters(client):
    assert client.get("/checks?offset=minus").status_code == 400
    # Which checks there are is known once the report is done (202 until then).
    assert get_when_ready(client, "/checks?check=no-such-check").status_code == 404


def test_a_long_run_answers_at_once_and_an_older_report_is_marked(client, monkeypatch):
    monkeypatch.setattr(routes, "CHECKS_WAIT_SECONDS", 0.0)
    first = client.get("/checks")
    assert first.status_code == 202 and first.headers["Retry-After"] == "5"
    text = first.get_data(as_text=True)
    assert 'id="checks-running"' in text and '<meta http-equiv="refresh" content="5">' in text
    page = get_when_ready(client, "/checks")
    assert page.status_code == 200 and 'id="checks-stale"' not in page.get_data(as_text=True)
    put = client.put("/store?graph=http://example.org/more", headers=AUTH,
                     content_type="text/turtle", data="<http://a> <http://b> 1 .")
    assert put.status_code == 201
    stale = client.get("/checks")
    assert stale.status_code == 200
    assert 'id="checks-stale"' in stale.get_data(as_text=True)
    assert len(ROW.findall(stale.get_data(as_text=True))) >= PER_PAGE  # the older report


def test_ontology_and_browse_counts_are_computed_in_the_background(client, monkeypatch):
    monkeypatch.setattr(routes, "COUNTS_WAIT_SECONDS", 0.0)
    shootdown = f"{BASE}ontology#Shootdown"
    first = client.get("/browse").get_data(as_text=True)
    assert 'class="note counts-pending"' in first and shootdown not in first
    page = get_when_ready(client, "/browse").get_data(as_text=True)
    row = re.search(r'title="' + re.escape(shootdown) + r'">[^<]*</a></td><td><a [^>]*>(\d+)<',
                    page)
    assert row and int(row.group(1)) == PLANTED, page[:2000]
    monkeypatch.setattr(routes, "COUNTS_WAIT_SECONDS", 0.0)
    ontology = client.get("/ontology", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'class="note counts-pending"' in ontology  # the term counts: a summary of their own
    assert "instances</a> in the graph" not in ontology  # the terms are there, without counts
    assert 'id="Shootdown"' in ontology or "#Shootdown" in ontology
    ontology = get_when_ready(client, "/ontology",
                              headers={"Accept": "text/html"}).get_data(as_text=True)
    assert f"{PLANTED} instances</a> in the graph" in ontology
