"""The VALUES block a rule's data atom gets from a small delta (reasoning/sparql.py):
built once per atom shape and from the triples of the atom's predicate only, it must
be the block of every matching triple, in the atom's own variable names."""

from __future__ import annotations

import pyoxigraph as ox

from conflict_kg.namespaces import RDF, RDFS
from conflict_kg.reasoning.sparql import DeltaValues, values_for

EX = "http://example.org/"
TYPE = ox.NamedNode(RDF + "type")
SUB = ox.NamedNode(RDFS + "subClassOf")


def _n(name: str) -> ox.NamedNode:
    return ox.NamedNode(EX + name)


DELTA = [
    ox.Triple(_n("a"), TYPE, _n("C")),
    ox.Triple(_n("b"), TYPE, _n("D")),
    ox.Triple(_n("C"), SUB, _n("D")),
    ox.Triple(_n("a"), _n("knows"), _n("a")),
    ox.Triple(_n("a"), _n("knows"), _n("b")),
]


def test_each_atom_gets_the_rows_of_its_matches_in_its_own_names() -> None:
    values = DeltaValues(DELTA)
    assert values.for_atom("?x a ?c") == (
        f"VALUES (?x ?c) {{ (<{EX}a> <{EX}C>) (<{EX}b> <{EX}D>) }}")
    # the same shape under other names: the same rows, the other header
    assert values.for_atom("?s a ?t") == (
        f"VALUES (?s ?t) {{ (<{EX}a> <{EX}C>) (<{EX}b> <{EX}D>) }}")
    assert values.for_atom("?c rdfs:subClassOf ?d") == f"VALUES (?c ?d) {{ (<{EX}C> <{EX}D>) }}"
    # a repeated variable matches only where both places agree
    assert values.for_atom("?x ?p ?x") == f"VALUES (?x ?p) {{ (<{EX}a> <{EX}knows>) }}"
    # a variable predicate reads every triple
    assert values.for_atom("?x ?p ?y").count("(<") == len(DELTA)
    assert values.for_atom("?x owl:sameAs ?y") == ""  # nothing can match
    assert values.for_atom("?x ?p") is None  # not a simple pattern


def test_a_blank_node_or_too_many_rows_give_no_block() -> None:
    blank = [*DELTA, ox.Triple(ox.BlankNode(), TYPE, _n("C"))]
    assert DeltaValues(blank).for_atom("?x a ?c") is None
    assert DeltaValues(blank).for_atom("?c rdfs:subClassOf ?d") is not None
    assert DeltaValues(DELTA, limit=1).for_atom("?x a ?c") is None
    assert values_for("?x a ?c", DELTA, limit=2) is not None
