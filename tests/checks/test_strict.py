"""A change that would add an error finding is refused and leaves the store as it was."""

from __future__ import annotations

import pyoxigraph as ox

from conflict_kg.checks.strict import apply_if_consistent
from conflict_kg.namespaces import DataNamespace
from conflict_kg.reasoning import reason
from conflict_kg.store import OxigraphStore

NS = DataNamespace("http://example.org/")
CK = "https://w3id.org/conflict-kg/ontology#"
A = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def t(s: str, p: ox.NamedNode, o: str) -> ox.Triple:
    return ox.Triple(ox.NamedNode("http://example.org/" + s), p, ox.NamedNode(o))


def snapshot(store: OxigraphStore) -> set[ox.Quad]:
    return set(store.raw.quads_for_pattern(None, None, None, None))


def base_store() -> OxigraphStore:
    store = OxigraphStore.in_memory()
    disjoint = (
        f"[] a <http://www.w3.org/2002/07/owl#AllDisjointClasses> ; "
        f"<http://www.w3.org/2002/07/owl#members> ( <{CK}Agent> <{CK}Place> ) . "
        f"<{CK}State> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <{CK}Agent> ."
    )
    store.add_to_graph(NS.ontology_graph, [
        ox.Triple(q.subject, q.predicate, q.object)
        for q in ox.parse(disjoint.encode(), format=ox.RdfFormat.TURTLE)
    ])
    store.replace_graph(NS.document_graph("d1"), [t("syria", A, CK + "State")])
    reason(store, NS)
    return store


def test_consistent_change_is_kept() -> None:
    store = base_store()
    kept, errors = apply_if_consistent(
        store, NS, {NS.document_graph("d2"): [t("idlib", A, CK + "Place")]})
    assert kept and errors == []
    assert NS.document_graph("d2") in store.graphs()


def test_change_adding_an_error_is_refused_and_undone() -> None:
    store = base_store()
    before = snapshot(store)
    kept, errors = apply_if_consistent(
        store, NS, {NS.document_graph("d2"): [t("syria", A, CK + "Place")]})
    assert not kept
    assert [f.check for f in errors] == ["owl:cax-adc"]
    assert snapshot(store) == before
