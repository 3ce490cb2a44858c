"""The consistency page shows the checks report, escaped, without writing to the store."""

from __future__ import annotations

import json
import re

import pyoxigraph as ox
import pytest

from conflict_kg import ingest
from conflict_kg.namespaces import ONTOLOGY, RDF, DataNamespace
from conflict_kg.server import create_app
from conflict_kg.settings import load_settings
from conflict_kg.store import GraphStore
from tests.conftest import SEED, get_when_ready

pytestmark = pytest.mark.needs_shared  # the seed article

BASE = "https://w3id.org/conflict-kg/"


def test_checks_page_shows_every_finding_escaped_and_writes_nothing(fresh_store: GraphStore):
    from conflict_kg.checks import check, render_report

    store = fresh_store
    ns = DataNamespace(BASE)
    ingest.run([SEED], store, ns)
    planted = ox.NamedNode(ns.resource("event", "planted"))
    store.add_to_graph(ns.curated_graph("planted"), [
        ox.Triple(planted, ox.NamedNode(RDF + "type"), ox.NamedNode(ONTOLOGY + "Shootdown")),
        ox.Triple(planted, ox.NamedNode(ONTOLOGY + "date"), ox.Literal("<b>yesterday</b>")),
    ])
    expected = json.loads(render_report(check(store, ns, reason_first=False), "json"))
    assert any(f["resource"] == planted.value for f in expected["findings"])
    before = store.count()

    app = create_app(load_settings({"store": ":memory:"}, environ={}), store=store)
    # The report is computed in the background: 202 (and no findings) until it is done.
    response = get_when_ready(app.test_client(), "/checks")
    assert response.status_code == 200
    page = response.get_data(as_text=True)

    assert store.count() == before, "GET /checks must not write"
    rows = re.findall(r"<tr>\s*<td><span class=\"badge badge-(\w+)\">", page)
    assert len(rows) == len(expected["findings"])
    assert 'href="/id/event/planted"' in page
    assert "&lt;b&gt;yesterday&lt;/b&gt;" in page and "<b>yesterday" not in page
    for info in expected["checks"]:
        assert f'id="check-{info["id"]}"' in page
