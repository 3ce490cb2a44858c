"""An unlabelled resource is named by its most specific labelled ontology type
(server/pages/data.py ``Linker._specific_type``), over invented classes."""

from __future__ import annotations

import pyoxigraph as ox

from conflict_kg.namespaces import ONTOLOGY, DataNamespace
from conflict_kg.server.http.iris import IriMapper
from conflict_kg.server.pages.data import Linker
from conflict_kg.store import OxigraphStore

BASE = "https://example.org/kg/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SUB = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def _c(name: str) -> ox.NamedNode:
    return ox.NamedNode(ONTOLOGY + name)


def _linker(triples: list[ox.Triple]) -> Linker:
    store = OxigraphStore.in_memory()
    store.add_to_graph(BASE + "graph/test", triples)
    return Linker(store, DataNamespace(BASE), IriMapper(BASE))


def test_the_most_specific_labelled_type_names_the_resource():
    x = ox.NamedNode(BASE + "id/event/e1")
    linker = _linker([
        ox.Triple(_c("Attack"), LABEL, ox.Literal("attack")),
        ox.Triple(_c("Airstrike"), LABEL, ox.Literal("airstrike")),
        ox.Triple(_c("Airstrike"), SUB, _c("Attack")),
        ox.Triple(x, RDF_TYPE, _c("Attack")),
        ox.Triple(x, RDF_TYPE, _c("Airstrike")),
        ox.Triple(x, RDF_TYPE, _c("Zeta")),  # unlabelled: not a name
        ox.Triple(x, RDF_TYPE, ox.NamedNode("http://example.org/other#Thing")),
    ])
    assert linker.label(x.value) == "airstrike e1"


def test_a_type_with_an_unlabelled_subtype_is_not_the_most_specific():
    x = ox.NamedNode(BASE + "id/event/e2")
    linker = _linker([
        ox.Triple(_c("Attack"), LABEL, ox.Literal("attack")),
        ox.Triple(_c("Raid"), SUB, _c("Attack")),  # Raid has no label
        ox.Triple(x, RDF_TYPE, _c("Attack")),
        ox.Triple(x, RDF_TYPE, _c("Raid")),
    ])
    assert linker.label(x.value) == "event e2"  # the IRI's kind, as before


def test_an_anonymous_subclass_among_the_types_counts_as_more_specific():
    x, anonymous = ox.NamedNode(BASE + "id/event/e3"), ox.BlankNode("restriction")
    linker = _linker([
        ox.Triple(_c("Missile"), LABEL, ox.Literal("missile")),
        ox.Triple(anonymous, SUB, _c("Missile")),
        ox.Triple(x, RDF_TYPE, _c("Missile")),
        ox.Triple(x, RDF_TYPE, anonymous),
    ])
    assert linker.label(x.value) == "event e3"
