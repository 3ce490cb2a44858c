"""The store interface contract, held by every backend."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest

import ingest
from conflict_kg.namespaces import DataNamespace
from conflict_kg.store import StoreError
from tests.store.conftest import BASE

G1, G2 = BASE + "graph/curated/one", BASE + "graph/curated/two"
EX = "http://example.org/"
XSD_INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def t(s: str, o: ox.Literal | ox.NamedNode) -> ox.Triple:
    return ox.Triple(ox.NamedNode(EX + s), ox.NamedNode(EX + "p"), o)


def test_replace_count_and_list_graphs(any_store):
    any_store.replace_graph(G1, [t("a", ox.Literal("1")), t("b", ox.Literal("2"))])
    any_store.replace_graph(G2, [t("c", ox.Literal("3"))])
    any_store.replace_graph(G1, [t("z", ox.Literal("9"))])
    assert any_store.graphs() == [G1, G2]
    assert (any_store.count(G1), any_store.count(G2), any_store.count()) == (1, 1, 2)


def test_literals_round_trip_by_value(any_store):
    values = [
        ox.Literal("quote \" and newline\n", language="en"),
        ox.Literal("42", datatype=XSD_INT),
        ox.Literal("Erdoğan"),
    ]
    any_store.replace_graph(G1, [t(f"s{i}", v) for i, v in enumerate(values)])
    got = {row["o"] for row in any_store.query("SELECT ?o { ?s ?p ?o }")}
    assert got == set(values)


def test_union_default_graph_and_graph_clause(any_store):
    any_store.replace_graph(G1, [t("a", ox.Literal("1"))])
    any_store.replace_graph(G2, [t("b", ox.Literal("2"))])
    assert len(list(any_store.query("SELECT * { ?s ?p ?o }"))) == 2
    rows = any_store.query("SELECT ?g { GRAPH ?g { ?s ?p '2' } }")
    assert [r["g"].value for r in rows] == [G2]
    only = any_store.query("SELECT ?s { ?s ?p ?o }", default_graph=[G1])
    assert [r["s"].value for r in only] == [EX + "a"]


def test_substitutions_are_values_not_text(any_store):
    tricky = ox.Literal('x" } ; DROP ALL ; #')
    any_store.replace_graph(G1, [t("a", tricky), t("b", ox.Literal("other"))])
    rows = any_store.query("SELECT ?s ?o { ?s ?p ?o }", substitutions={"o": tricky})
    assert [r["s"].value for r in rows] == [EX + "a"]
    assert any_store.count() == 2


def test_ask_and_construct(any_store):
    any_store.replace_graph(G1, [t("a", ox.Literal("1"))])
    assert bool(any_store.query("ASK { ?s ?p '1' }")) is True
    assert bool(any_store.query("ASK { ?s ?p 'nope' }")) is False
    triples = list(any_store.query("CONSTRUCT WHERE { ?s ?p ?o }"))
    assert triples == [t("a", ox.Literal("1"))]


def test_update_drop_and_dump(any_store):
    any_store.update(f"INSERT DATA {{ GRAPH <{G1}> {{ <{EX}a> <{EX}p> 'u' }} }}")
    assert any_store.count(G1) == 1
    out = io.BytesIO()
    any_store.dump(out, ox.RdfFormat.N_QUADS)
    assert f"<{G1}>" in out.getvalue().decode()
    assert any_store.drop_graph(G1) is True
    assert any_store.drop_graph(G1) is False
    assert any_store.count() == 0


def test_malformed_query_is_a_syntax_error(any_store):
    with pytest.raises(SyntaxError):
        any_store.query("SELECT WHERE {")


def test_load_file_rejects_bad_syntax_and_keeps_the_graph(any_store, tmp_path):
    good = tmp_path / "a.ttl"
    good.write_text(f"<{EX}a> <{EX}p> 'one', 'two' .", encoding="utf-8")
    assert any_store.load_file(good, G1) == 2
    bad = tmp_path / "b.ttl"
    bad.write_text(f"<{EX}a> <{EX}p> .", encoding="utf-8")
    with pytest.raises(StoreError):
        any_store.load_file(bad, G1)
    assert any_store.count(G1) == 2


@pytest.mark.slow
def test_seed_ingest_gives_the_same_answer_on_every_backend(any_store, seed_path):
    ns = DataNamespace(BASE)
    report = ingest.run([seed_path], any_store, ns)
    assert report.ok, report.errors
    rows = any_store.query(
        "PREFIX ck: <https://w3id.org/conflict-kg/ontology#> "
        "SELECT DISTINCT ?p { ?a a ck:Agreement ; ck:party ?p } ORDER BY ?p"
    )
    assert [r["p"].value for r in rows] == [
        ns.resource("state", "russia"), ns.resource("state", "turkey")]
    before = any_store.count()
    assert ingest.run([seed_path], any_store, ns).unchanged
    assert any_store.count() == before
