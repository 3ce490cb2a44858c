"""Pages over a store of their own, on each backend (not the module-scoped corpus:
on Virtuoso one server holds a worker's data, so these tests have a module apart)."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
import rdflib

from conflict_kg import ingest
from conflict_kg.namespaces import ONTOLOGY, DataNamespace
from conflict_kg.server import create_app
from conflict_kg.settings import load_settings
from conflict_kg.store import GraphStore
from tests.conftest import BACKENDS, SEED, backend_store
from tests.support.corpus import BASE, html


def test_hub_page_is_paged(fresh_store: GraphStore):
    from conflict_kg.server.pages.entity import SECTION_SIZE

    store = fresh_store
    hub = ox.NamedNode(BASE + "id/state/hub")
    supports = ox.NamedNode(ONTOLOGY + "supports")
    extra = 30
    store.add_to_graph(BASE + "graph/curated/hub", [
        ox.Triple(ox.NamedNode(f"{BASE}id/organisation/o{i:03d}"), supports, hub)
        for i in range(SECTION_SIZE + extra)
    ])
    client = create_app(load_settings({"store": ":memory:"}, environ={}),
                        store=store).test_client()
    first = html(client, "/id/state/hub")
    assert first.count('<tr class="fact') == SECTION_SIZE
    assert f"1–{SECTION_SIZE} of {SECTION_SIZE + extra}" in first
    more = re.search(r'<a rel="next" class="more" href="([^"]+)"', first)
    assert more is not None and f"referred={SECTION_SIZE}" in more.group(1)
    second = html(client, "/id/state/hub" + more.group(1).replace("&amp;", "&"))
    assert second.count('<tr class="fact') == extra
    assert 'rel="prev"' in second and 'rel="next"' not in second
    # The two pages together show every fact once.
    shown = set(re.findall(r"organisation/o(\d{3})", first)) | set(
        re.findall(r"organisation/o(\d{3})", second))
    assert len(shown) == SECTION_SIZE + extra


def test_a_fact_many_documents_repeat_is_one_row_with_its_sources_capped(
        fresh_store: GraphStore):
    from conflict_kg.server.pages.entity import MAX_SOURCES

    store = fresh_store
    fact = ox.Triple(ox.NamedNode(BASE + "id/state/a"), ox.NamedNode(ONTOLOGY + "supports"),
                     ox.NamedNode(BASE + "id/state/b"))
    for i in range(MAX_SOURCES + 3):
        store.add_to_graph(f"{BASE}graph/curated/copy{i}", [fact])
    client = create_app(load_settings({"store": ":memory:"}, environ={}),
                        store=store).test_client()
    page = html(client, "/id/state/a")
    assert page.count('<tr class="fact') == 1
    assert page.count('class="source source-curated"') == MAX_SOURCES
    assert "and more sources" in page


def test_a_page_past_the_query_deadline_answers_503(fresh_store: GraphStore):
    store = fresh_store
    hub = ox.NamedNode(BASE + "id/state/hub")
    store.add_to_graph(BASE + "graph/curated/hub", [
        ox.Triple(ox.NamedNode(f"{BASE}id/organisation/o{i}"),
                  ox.NamedNode(ONTOLOGY + "supports"), hub) for i in range(200)])
    # A remote store keeps evaluating after the deadline, holding the client's
    # slots: no per-client share here, so each page meets the deadline, not the share.
    settings = load_settings({"store": ":memory:", "query_timeout": 0.000001,
                              "max_queries_per_client": 0}, environ={})
    client = create_app(settings, store=store).test_client()
    browse = "/browse?class=" + ONTOLOGY + "State"
    for path in ("/id/state/hub", "/id/state/hub.ttl", "/", browse):
        response = client.get(path)
        assert response.status_code == 503, path
        assert "took too long" in response.get_data(as_text=True)
        assert response.headers["Retry-After"]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.needs_shared
def test_paths_map_under_the_configured_base(request: pytest.FixtureRequest, backend: str):
    base = "http://localhost:8000/kg/"
    with backend_store(request, backend, base=base) as store:
        ingest.run([SEED], store, DataNamespace(base))
        app = create_app(load_settings({"store": ":memory:", "base_iri": base}, environ={}),
                         store=store)
        client = app.test_client()
        g = rdflib.Graph().parse(data=client.get("/id/state/russia.nt").data, format="nt")
        assert (rdflib.URIRef(base + "id/state/russia"), None, None) in g
        assert client.get("/id/state/russia").status_code == 200
