"""Pages over a store of their own, on each backend (not the module-scoped corpus:
on Virtuoso one server holds a worker's data, so these tests have a module apart)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib

from conflict_kg import ingest
from conflict_kg.namespaces import ONTOLOGY, DataNamespace
from conflict_kg.server import create_app
from conflict_kg.settings import load_settings
from conflict_kg.store import GraphStore
from tests.conftest import BACKENDS, SEED, backend_store
from tests.linked_data.conftest import BASE
from tests.linked_data.test_pages import html


def test_hub_page_is_bounded(fresh_store: GraphStore):
    from conflict_kg.server.pages_entity import MAX_FACT_ROWS

    store = fresh_store
    hub = ox.NamedNode(BASE + "id/state/hub")
    supports = ox.NamedNode(ONTOLOGY + "supports")
    extra = 30
    store.add_to_graph(BASE + "graph/curated/hub", [
        ox.Triple(ox.NamedNode(f"{BASE}id/organisation/o{i}"), supports, hub)
        for i in range(MAX_FACT_ROWS + extra)
    ])
    app = create_app(load_settings({"store": ":memory:"}, environ={}), store=store)
    page = html(app.test_client(), "/id/state/hub")
    assert page.count('<tr class="fact') == MAX_FACT_ROWS
    assert f"{extra} more fact rows are not shown" in page


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
