"""Bound parameters written into the WHERE group as terms (conflict_kg/store/inline_terms.py):
only variable tokens change, shapes whose scoping differs are refused, and on a real store
the answers equal pyoxigraph's own substitutions."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from conflict_kg.query_catalog import library
from conflict_kg.store import OxigraphStore
from conflict_kg.store.inline_terms import inline_terms
from conflict_kg.store.set_union import distinct_solutions
from conflict_kg.store.sparql_text import tokenize

EX = "http://example.org/"
E = ox.NamedNode(EX + "e")


def test_only_variable_tokens_of_the_where_group_change():
    query = ("SELECT ?e ?end ('?e' AS ?s) { ?e <http://ex/p?e> ?end . $e ?q \"?e\" # ?e\n"
             "FILTER(?e != ?end) } ORDER BY ?e")
    out = inline_terms(query, {"e": E})
    assert out is not None
    assert out.startswith("SELECT ?e ?end ('?e' AS ?s) {")  # the projection keeps ?e
    assert out.count(f"<{EX}e>") == 4  # ?e twice, $e, FILTER's ?e, and the BIND
    assert "<http://ex/p?e>" in out and '"?e"' in out and "# ?e" in out and "?end" in out
    assert out.rstrip().endswith("ORDER BY ?e")
    assert f"BIND(<{EX}e> AS ?e)" in out


@pytest.mark.parametrize("query", [
    "SELECT ?x { ?e ?p ?x MINUS { ?x ?q ?e } }",
    "SELECT ?x { ?e ?p ?x { SELECT ?e { ?e ?q ?r } } }",
    "SELECT ?x { VALUES ?e { <http://a/b> } ?e ?p ?x }",
    "SELECT ?x { VALUES (?k ?e) { (1 <http://a/b>) } ?e ?p ?x }",
    # a VALUES block that meets the variable in no pattern: pyoxigraph's join order
    # then starts from the block's pattern
    "SELECT ?x ?v { ?x a ?e . VALUES ?p { <http://a/p> } ?x ?p ?v }",
    "SELECT ?x { OPTIONAL { ?e ?p ?x } FILTER(BOUND(?e)) }",
    "SELECT ?x { SERVICE <http://a/sparql> { ?e ?p ?x } }",
    "SELECT ?x { ?s ?p ?x BIND(?s AS ?e) }",
    "SELECT (1 AS ?e) ?x { ?s ?p ?x }",
    "CONSTRUCT { ?e ?p ?x } WHERE { ?e ?p ?x }",
])
def test_shapes_whose_scoping_differs_are_left_to_a_substitution(query):
    assert inline_terms(query, {"e": E}) is None


def test_a_blank_node_value_is_never_written_as_text():
    assert inline_terms("SELECT ?x { ?e ?p ?x }", {"e": ox.BlankNode("b1")}) is None


def test_literals_keep_their_language_and_datatype():
    out = inline_terms("ASK { ?s ?p ?l }", {"l": ox.Literal("Ab \"c\"\n}", language="en-gb")})
    assert out is not None and '"Ab \\"c\\"\\n}"@en-gb ' in out
    typed = ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    out = inline_terms("ASK { ?s ?p ?n }", {"n": typed})
    assert out is not None and '"3"^^<http://www.w3.org/2001/XMLSchema#integer> ' in out


def _rows(results) -> list[tuple]:
    names = [v.value for v in results.variables]
    return sorted(tuple(str(row[n]) if row[n] is not None else None for n in names)
                  for row in results)


@pytest.fixture
def small_store() -> OxigraphStore:
    store = OxigraphStore.in_memory()
    p, q = ox.NamedNode(EX + "p"), ox.NamedNode(EX + "q")
    store.replace_graph(EX + "g1", [ox.Triple(E, p, ox.Literal("a", language="en")),
                                    ox.Triple(ox.NamedNode(EX + "f"), q, E)])
    store.replace_graph(EX + "g2", [ox.Triple(E, p, ox.Literal("a", language="en")),
                                    ox.Triple(E, q, ox.NamedNode(EX + "f"))])
    return store


@pytest.mark.parametrize("query", [
    "SELECT ?e ?o { ?e ?p ?o }",
    "SELECT ?g ?e ?o { GRAPH ?g { ?e ?p ?o } }",
    "SELECT ?e ?o (COUNT(*) AS ?n) { ?e ?p ?o } GROUP BY ?e ?o ORDER BY ?e",
    "SELECT ?s ?e { ?s ?p ?o OPTIONAL { ?e ?q ?s } FILTER(?s != ?e) }",
    "SELECT ?e ?x { ?e ?p ?x MINUS { ?x ?q ?y } }",
    "SELECT * { ?s ?q ?e }",
    "SELECT ?e ?x { { ?e ?p ?x } UNION { ?x ?q ?e } }",
])
def test_answers_equal_a_substitution(small_store, query):
    inlined = inline_terms(query, {"e": E})
    assert inlined is not None
    raw = small_store.raw
    for union in (True, False):
        substituted = raw.query(query, substitutions={ox.Variable("e"): E},
                                use_default_graph_as_union=union)
        assert _rows(raw.query(inlined, use_default_graph_as_union=union)) == _rows(substituted)
    # And through the wrapper (inlined, then made a set) against the substitution as a set.
    assert _rows(small_store.query(query, substitutions={"e": E})) == _rows(
        raw.query(distinct_solutions(query), substitutions={ox.Variable("e"): E},
                  use_default_graph_as_union=True))


def test_a_literal_where_only_an_iri_may_stand_falls_back_to_the_substitution(small_store):
    # GRAPH "x" does not parse: the wrapper substitutes instead, with the same (empty) answer.
    rows = list(small_store.query("SELECT ?g { GRAPH ?g { ?s ?p ?o } }",
                                  substitutions={"g": ox.Literal("x")}))
    assert rows == []


def test_every_analyst_query_without_values_is_written_with_its_terms():
    """The fast path holds for the library's queries that have no VALUES block (one
    that falls back is planned as if its parameters were unbound), and for those whose
    block meets the parameter in one pattern (actor-timeline: its roles); the others
    are substituted, as measured faster for them."""
    written = 0
    for name, query in library().items():
        values = query.bindings(query.example_values())
        has_values = any(t.keyword == "VALUES" for t in tokenize(query.sparql))
        inlined = inline_terms(query.sparql, values)
        if name == "actor-timeline":
            assert inlined is not None and "?item ?role <" in inlined
        else:
            assert (inlined is None) == (has_values and bool(values)), name
        written += inlined is not None and bool(values)
    assert written >= 5


def test_a_values_block_that_meets_the_term_in_a_pattern_is_written_in():
    e = ox.NamedNode("http://a/e")
    query = ("SELECT ?s ?k ?e WHERE { VALUES (?k ?p) { ('one' <http://a/p>) ('two' <http://a/q>) } "
             "?s ?p ?e . }")
    inlined = inline_terms(query, {"e": e})
    assert inlined is not None and "?s ?p <http://a/e>" in inlined
    store = ox.Store()
    for p in ("p", "q", "r"):
        store.add(ox.Quad(ox.NamedNode(f"http://a/s{p}"), ox.NamedNode(f"http://a/{p}"), e,
                          ox.DefaultGraph()))
    rows = lambda found: sorted((r["s"].value, r["k"].value) for r in found)  # noqa: E731
    assert rows(store.query(inlined)) == rows(store.query(
        query, substitutions={ox.Variable("e"): e})) == [
        ("http://a/sp", "one"), ("http://a/sq", "two")]
