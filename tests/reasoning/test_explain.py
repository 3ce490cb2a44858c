"""Explanations: the rule and premises of an inferred triple, down to asserted sentences."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from conflict_kg.namespaces import DataNamespace
from conflict_kg.reasoning import Explanation, explain, reason
from conflict_kg.reasoning.explain import parse_term
from conflict_kg.store import OxigraphStore

NS = DataNamespace("http://example.org/")
T = "http://example.org/t#"
SYNTHETIC = Path(__file__).parent / "data" / "synthetic.ttl"


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    store = OxigraphStore.in_memory()
    store.load_file(SYNTHETIC, NS.document_graph("s"))
    evidence = (
        f"<{T}vks> <https://w3id.org/conflict-kg/ontology#evidence> <{T}m> . "
        f"<{T}m> <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf> "
        '"The air force flew the Il-20." .'
    )
    store.add_to_graph(NS.document_graph("e"), [
        ox.Triple(q.subject, q.predicate, q.object)
        for q in ox.parse(evidence.encode(), format=ox.RdfFormat.TURTLE)
    ])
    reason(store, NS)
    return store


def leaves(e: Explanation) -> list[Explanation]:
    if not e.premises:
        return [e]
    return [leaf for p in e.premises for leaf in leaves(p)]


@pytest.mark.parametrize(
    ("s", "p", "o", "rule"),
    [
        ("usa", "a", "Triple", "cls-int1"),
        ("il20", "regionOf", "middleEast", "prp-spo2"),
        ("russia", "blames", "israel", "eq-rep-s"),
        ("syrianAD", "a", "Shooter2", "cls-svf1"),
        ("il20", "a", "Materiel", "cax-sco"),
        ("vks", "a", "Agent", None),
    ],
)
def test_inferred_triples_bottom_out_in_asserted_ones(
    store: OxigraphStore, s: str, p: str, o: str, rule: str | None
) -> None:
    e = explain(store, NS, f"<{T}{s}>", "a" if p == "a" else f"<{T}{p}>", f"<{T}{o}>")
    assert e.found and not e.asserted
    if rule:
        assert e.rule == rule
    assert all(leaf.asserted for leaf in leaves(e)), e.render()


def test_asserted_triple_names_its_graph_and_sentence(store: OxigraphStore) -> None:
    e = explain(store, NS, f"<{T}vks>", f"<{T}pilots>", f"<{T}il20>")
    assert e.asserted_in == [NS.document_graph("s")]
    assert e.sentences == ["The air force flew the Il-20."]
    assert e.rule is None


def test_sentences_reach_the_explanation_of_an_inference(store: OxigraphStore) -> None:
    e = explain(store, NS, f"<{T}vks>", "a", f"<{T}Agent>")
    text = e.render()
    assert "The air force flew the Il-20." in text
    assert "asserted in" in text


def test_missing_triple(store: OxigraphStore) -> None:
    e = explain(store, NS, f"<{T}il20>", "a", f"<{T}Submarine>")
    assert not e.found
    assert "not in the graph" in e.render()


def test_parse_term() -> None:
    assert parse_term("a") == ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    assert parse_term("ck:State") == ox.NamedNode("https://w3id.org/conflict-kg/ontology#State")
    assert parse_term("https://x.org/a") == ox.NamedNode("https://x.org/a")
    assert parse_term('"15"^^xsd:decimal') == ox.Literal(
        "15", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))
