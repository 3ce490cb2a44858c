"""Incremental reasoning equals full recomputation after any adds and removes."""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflict_kg.reasoning import reason, reason_incremental, replace_and_reason
from conflict_kg.store import OxigraphStore
from tests.reasoning.synthetic import ABOX, NS, TBOX, inferred_quads


def new_store() -> OxigraphStore:
    store = OxigraphStore.in_memory()
    store.replace_graph(NS.ontology_graph, TBOX)
    reason(store, NS)
    return store


def test_pool_is_meaningful() -> None:
    assert len(TBOX) > 40 and len(ABOX) > 30


def test_add_then_remove_restores_the_previous_closure() -> None:
    store = new_store()
    before = inferred_quads(store)
    doc = NS.document_graph("d1")
    report = replace_and_reason(store, NS, {doc: ABOX})
    assert report.fallback is None
    assert len(inferred_quads(store)) > len(before)
    replace_and_reason(store, NS, {doc: None})
    assert inferred_quads(store) == before


def test_adding_a_graph_derives_its_consequences() -> None:
    store = new_store()
    doc = NS.document_graph("d1")
    store.replace_graph(doc, ABOX)
    incremental = reason_incremental(store, NS, added=[doc])
    got = inferred_quads(store)
    reason(store, NS)
    assert got == inferred_quads(store)
    assert incremental.inferred is None and incremental.fallback is None
    assert len(got) > 0


def test_tbox_change_falls_back_to_full_recomputation() -> None:
    store = new_store()
    doc = NS.document_graph("d1")
    tweak = ox.Triple(
        ox.NamedNode("http://example.org/t#Plane"),
        ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf"),
        ox.NamedNode("http://example.org/t#Flying"),
    )
    report = replace_and_reason(store, NS, {doc: [*ABOX, tweak]})
    assert report.fallback is not None
    got = inferred_quads(store)
    reason(store, NS)
    assert got == inferred_quads(store)


operations = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=2),  # which document
        st.one_of(st.none(), st.sets(st.integers(0, len(ABOX) - 1), max_size=12)),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations)
def test_random_adds_and_removes_equal_full_recomputation(
    ops: list[tuple[int, set[int] | None]],
) -> None:
    incremental, full = new_store(), new_store()
    for doc_number, members in ops:
        doc = NS.document_graph(f"d{doc_number}")
        content = None if members is None else [ABOX[i] for i in sorted(members)]
        replace_and_reason(incremental, NS, {doc: content})
        if content is None:
            full.drop_graph(doc)
        else:
            full.replace_graph(doc, content)
        reason(full, NS)
        assert inferred_quads(incremental) == inferred_quads(full)


def _t(s: str, p: str, o: str) -> ox.Triple:
    t = "http://example.org/t#"
    p = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" if p == "a" else t + p
    return ox.Triple(ox.NamedNode(t + s), ox.NamedNode(p), ox.NamedNode(t + o))


def test_inference_with_another_derivation_survives_removal() -> None:
    """il20 is an Aircraft both as a Plane (doc 1) and as what vks pilots (doc 2)."""
    store = new_store()
    d1, d2 = NS.document_graph("d1"), NS.document_graph("d2")
    replace_and_reason(store, NS, {d1: [_t("il20", "a", "Plane")]})
    replace_and_reason(store, NS, {d2: [_t("vks", "pilots", "il20")]})
    replace_and_reason(store, NS, {d1: None})
    got = inferred_quads(store)
    assert ox.Quad(*_t("il20", "a", "Aircraft"), ox.NamedNode(NS.inferred_graph)) in got
    reason(store, NS)
    assert got == inferred_quads(store)


def test_inference_resting_only_on_a_removed_graph_disappears() -> None:
    store = new_store()
    d1, d2 = NS.document_graph("d1"), NS.document_graph("d2")
    replace_and_reason(store, NS, {d1: [_t("il20", "a", "Plane")]})
    replace_and_reason(store, NS, {d2: [_t("hmeimim", "partOf", "latakia")]})
    replace_and_reason(store, NS, {d1: None})
    got = inferred_quads(store)
    assert ox.Quad(*_t("il20", "a", "Aircraft"), ox.NamedNode(NS.inferred_graph)) not in got
    assert ox.Quad(*_t("latakia", "hasPart", "hmeimim"), ox.NamedNode(NS.inferred_graph)) in got
