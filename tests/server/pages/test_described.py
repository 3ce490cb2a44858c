"""The HTML page of a resource asks only whether it has a description (``described``)
and whether it is a document, instead of reading its whole description: the answers
agree with :func:`describe` over subjects, objects, the default graph and unknown IRIs."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from conflict_kg.namespaces import ONTOLOGY, RDF
from conflict_kg.server.linked_data.describe import describe, described, is_document
from conflict_kg.store import OxigraphStore

BASE = "https://example.org/kg/id/"


def _n(path: str) -> ox.NamedNode:
    return ox.NamedNode(BASE + path)


def _store() -> OxigraphStore:
    store = OxigraphStore.in_memory()
    store.add_to_graph("https://example.org/kg/graph/document/d1", [
        ox.Triple(_n("document/d1"), ox.NamedNode(RDF + "type"),
                  ox.NamedNode(ONTOLOGY + "Document")),
        ox.Triple(_n("event/e1"), ox.NamedNode(ONTOLOGY + "agent"), _n("state/object-only")),
    ])
    store.update(f"INSERT DATA {{ <{BASE}state/default-only> <{BASE}p> <{BASE}o> }}")
    return store


@pytest.mark.parametrize("path", ["document/d1", "event/e1", "state/object-only",
                                  "state/default-only", "state/unknown"])
def test_described_agrees_with_the_description(path: str):
    store = _store()
    assert described(store, BASE + path) == bool(describe(store, BASE + path))


def test_a_document_is_told_by_its_type():
    store = _store()
    assert is_document(store, BASE + "document/d1")
    assert not is_document(store, BASE + "event/e1")
    assert not described(store, "not an iri")
