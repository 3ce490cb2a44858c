"""prp-fp and prp-ifp's naive step, bound to the nodes with two distinct values, derives
what the whole join derives (and a value repeated in many graphs derives nothing)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from conflict_kg.namespaces import OWL, RDF
from conflict_kg.reasoning import functional, reason
from conflict_kg.reasoning.rules import DATA_RULES
from conflict_kg.store import OxigraphStore
from tests.reasoning.synthetic import NS

EX = "http://example.org/ex#"
A, SAME = ox.NamedNode(RDF + "type"), ox.NamedNode(OWL + "sameAs")


def _n(name: str) -> ox.NamedNode:
    return ox.NamedNode(EX + name)


def _store() -> OxigraphStore:
    store = OxigraphStore.in_memory()
    store.replace_graph(NS.ontology_graph, [
        ox.Triple(_n("fp"), A, ox.NamedNode(OWL + "FunctionalProperty")),
        ox.Triple(_n("ifp"), A, ox.NamedNode(OWL + "InverseFunctionalProperty")),
    ])
    for i in range(6):  # one value repeated in six graphs, a second one in one of them
        triples = [ox.Triple(_n("x"), _n("fp"), _n("a")), ox.Triple(_n("z"), _n("fp"), _n("c")),
                   ox.Triple(_n("k1"), _n("ifp"), _n("key"))]
        if i == 3:
            triples += [ox.Triple(_n("x"), _n("fp"), _n("b")),
                        ox.Triple(_n("k2"), _n("ifp"), _n("key"))]
        store.replace_graph(NS.document_graph(f"d{i}"), triples)
    return store


def _inferred(store: OxigraphStore) -> set[str]:
    node = ox.NamedNode(NS.inferred_graph)
    return {str(q.triple) for q in store.raw.quads_for_pattern(None, None, None, node)}


def test_bound_naive_step_derives_what_the_whole_join_derives(
        monkeypatch: pytest.MonkeyPatch) -> None:
    bound = _store()
    reason(bound, NS)
    with monkeypatch.context() as patch:
        patch.setattr(functional, "_SHARED", {})  # every rule run whole
        whole = _store()
        reason(whole, NS)
    assert _inferred(bound) == _inferred(whole)
    assert str(ox.Triple(_n("a"), SAME, _n("b"))) in _inferred(bound)
    assert str(ox.Triple(_n("k1"), SAME, _n("k2"))) in _inferred(bound)
    assert not [t for t in _inferred(bound) if f"<{EX}c>" in t]


def test_only_nodes_with_two_distinct_values_are_bound() -> None:
    store = _store()
    fp = next(r for r in DATA_RULES if r.name == "prp-fp")
    blocks = functional.bound_groups(fp, store.query)
    assert blocks is not None
    assert list(blocks) == [f"VALUES (?x ?p) {{ (<{EX}x> <{EX}fp>) }}"]
    other = next(r for r in DATA_RULES if r.name == "cax-sco")
    assert functional.bound_groups(other, store.query) is None
