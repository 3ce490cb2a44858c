"""The same documents, ingested into each backend, give the same answers."""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from conflict_kg import ingest
from conflict_kg.namespaces import DataNamespace
from conflict_kg.resources import demo_corpus_dir
from conflict_kg.settings import load_settings
from conflict_kg.store import GraphStore, OxigraphStore, open_configured_store
from tests.conftest import SEED
from tests.store.comparing import rows
from tests.store.conftest import BASE, _clear_remote

pytestmark = pytest.mark.needs_shared  # both stores hold the seed article

NS = DataNamespace(BASE)


def _ingested(store: GraphStore) -> GraphStore:
    report = ingest.run([SEED, demo_corpus_dir()], store, NS)
    assert report.ok, report.errors
    return store


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    return _ingested(OxigraphStore.open(tmp_path_factory.mktemp("embedded") / "store"))


@pytest.fixture(scope="module")
def remote(virtuoso) -> Iterator[GraphStore]:
    settings = load_settings(
        {"store": virtuoso.sparql, "store_graph_store_url": virtuoso.graph_store,
         "base_iri": BASE},
        environ={},
    )
    store = open_configured_store(settings)
    _clear_remote(store)
    yield _ingested(store)
    _clear_remote(store)




def test_same_graphs_and_counts(embedded, remote):
    assert remote.graphs() == embedded.graphs()
    for graph in embedded.graphs():
        assert remote.count(graph) == embedded.count(graph), graph


def test_bound_parameters_select_the_same_rows(embedded, remote):
    """Values bound at the top of the WHERE group act like a substitution on both engines."""
    query = """
    PREFIX ck: <https://w3id.org/conflict-kg/ontology#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?target ?claim ?claimant ?label WHERE {
      ?claim a ck:Claim ; ck:target ?target ; ck:claimant ?claimant .
      OPTIONAL { ?claimant rdfs:label ?label FILTER(?target != ?claimant) }
    }"""
    bindings = {"target": ox.NamedNode(NS.resource("state", "israel"))}
    expected = rows(embedded, query, bindings)
    assert expected, "no claim targets Israel in the seed: the comparison would be vacuous"
    assert rows(remote, query, bindings) == expected
