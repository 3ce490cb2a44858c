"""The union default graph is a set (RDF merge); named graphs keep every source.

On each backend: pyoxigraph and Virtuoso both evaluate a union of graphs as a bag,
so these fail without conflict_kg.store.set_union.
"""

from __future__ import annotations

import pyoxigraph as ox

from conflict_kg.namespaces import ONTOLOGY, RDF, RDFS
from conflict_kg.query_catalog import library
from tests.store.conftest import BASE

DOC1, DOC2 = BASE + "graph/document/one", BASE + "graph/document/two"
EX = "http://example.org/"


def n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def test_a_fact_two_documents_report_counts_once_in_the_default_graph(any_store):
    shared = ox.Triple(n(EX + "a"), n(EX + "p"), n(EX + "b"))
    any_store.replace_graph(DOC1, [shared, ox.Triple(n(EX + "a"), n(EX + "p"), n(EX + "c"))])
    any_store.replace_graph(DOC2, [shared])
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert [int(r["n"].value) for r in any_store.query(count)] == [2]
    rows = [r["o"].value for r in any_store.query("SELECT ?o WHERE { ?s ?p ?o }")]
    assert sorted(rows) == [EX + "b", EX + "c"]
    # A bound value (the ?s substitution) still narrows the pattern.
    bound = any_store.query("SELECT ?o WHERE { ?s ?p ?o }", substitutions={"s": n(EX + "a")})
    assert sorted(r["o"].value for r in bound) == [EX + "b", EX + "c"]
    # Per source, the fact is there twice: provenance is kept.
    per_graph = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert [int(r["n"].value) for r in any_store.query(per_graph)] == [3]


def test_agreement_parties_lists_each_party_once_with_its_sources(any_store):
    agreement = n(BASE + "id/agreement/x/y/2020-01")
    x, y = n(BASE + "id/state/x"), n(BASE + "id/state/y")
    report = [
        ox.Triple(agreement, n(RDF + "type"), n(ONTOLOGY + "Agreement")),
        ox.Triple(agreement, n(RDFS + "label"), ox.Literal("the X-Y accord")),
        ox.Triple(agreement, n(ONTOLOGY + "party"), x),
        ox.Triple(agreement, n(ONTOLOGY + "party"), y),
    ]
    any_store.replace_graph(DOC1, report)
    any_store.replace_graph(DOC2, report[:3])  # the second document names one party
    query = library()["agreement-parties"]
    rows = [{k: r[k].value for k in ("item", "relation", "sources")}
            for r in any_store.query(query.sparql, substitutions={"agreement": agreement})]
    assert sorted(rows, key=lambda r: r["item"]) == [
        {"item": x.value, "relation": "party", "sources": "2"},
        {"item": y.value, "relation": "party", "sources": "1"},
    ]
