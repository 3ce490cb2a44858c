"""The store interface contract, held by every backend."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest

from conflict_kg import ingest
from conflict_kg.namespaces import DataNamespace
from conflict_kg.store import StoreError
from conflict_kg.store.oxigraph import STAGING_PREFIX
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


def test_a_graph_under_any_iri_is_data(any_store):
    """Not only graphs under <base>graph/: a client of the server may PUT any graph.
    The engine's own graphs (Virtuoso's virtrdf: and others) stay out."""
    other = EX + "any/graph"
    any_store.replace_graph(other, [t("a", ox.Literal("1"))])
    any_store.update(f"INSERT DATA {{ GRAPH <{EX}g2> {{ <{EX}b> <{EX}p> 2 }} }}")
    assert any_store.graphs() == [other, EX + "g2"]
    assert len(list(any_store.query("SELECT * { ?s ?p ?o }"))) == 2
    assert {r["g"].value for r in any_store.query("SELECT ?g { GRAPH ?g { ?s ?p ?o } }")} == {
        other, EX + "g2"}
    assert any_store.drop_graph(other) and any_store.graphs() == [EX + "g2"]


def _bnode_triples(n: int) -> list[ox.Triple]:
    shared = ox.BlankNode()
    return [ox.Triple(shared, ox.NamedNode(EX + "p"), ox.Literal(str(i), datatype=XSD_INT))
            for i in range(n)] + [ox.Triple(ox.NamedNode(EX + "x"), ox.NamedNode(EX + "q"),
                                            shared)]


def test_add_many_triples_with_a_blank_node(any_store):
    # Virtuoso 7 refuses INSERT DATA of 5,000 triples (SP030) and blank nodes in it (SP031).
    any_store.add_to_graph(G1, _bnode_triples(6_000))
    any_store.add_to_graph(G1, [t("a", ox.Literal("more"))])
    assert any_store.count(G1) == 6_002
    rows = list(any_store.query(f"SELECT (COUNT(*) AS ?n) {{ <{EX}x> <{EX}q> ?b . "
                                f"?b <{EX}p> ?v }}"))
    assert int(rows[0]["n"].value) == 6_000  # one blank node throughout


def test_insert_data_with_blank_nodes(any_store):
    any_store.update(f"PREFIX e: <{EX}> INSERT DATA {{ GRAPH <{G1}> {{ e:x e:q _:b . "
                     f"_:b e:p '_:not a node' . e:y e:q [ e:p 2 ] }} }} ; "
                     f"INSERT DATA {{ GRAPH <{G2}> {{ e:z e:p 3 }} }}")
    rows = any_store.query(f"SELECT ?s ?v {{ ?s <{EX}q> ?b . ?b <{EX}p> ?v }} ORDER BY ?s")
    assert [(r["s"].value, r["v"].value) for r in rows] == [(EX + "x", "_:not a node"),
                                                            (EX + "y", "2")]
    assert any_store.count(G2) == 1


def test_virtuoso_without_a_graph_store_endpoint(virtuoso):
    """INSERT DATA in batches every engine takes (Virtuoso 7: fewer than 5,000 triples)."""
    from conflict_kg.store import RemoteEndpoints, RemoteStore

    store = RemoteStore(RemoteEndpoints(query=virtuoso.sparql, update=virtuoso.sparql),
                        BASE + "graph/")
    virtuoso.clear()
    try:
        store.add_to_graph(G1, [t(f"s{i}", ox.Literal(str(i))) for i in range(6_000)])
        store.replace_graph(G2, _bnode_triples(10))
        assert (store.count(G1), store.count(G2)) == (6_000, 11)
    finally:
        virtuoso.clear()


def test_graph_copy_move_and_unbounded_drop(any_store):
    """SPARQL ADD / MOVE semantics, and the non-atomic drop and add, on every backend."""
    a, b, c = (f"{BASE}graph/{name}" for name in "abc")
    p = ox.NamedNode(f"{BASE}p")
    triples = [ox.Triple(ox.NamedNode(f"{BASE}s{i}"), p, ox.Literal(str(i))) for i in range(30)]
    any_store.add_to_graph(a, triples, atomic=False)
    any_store.replace_graph(b, triples[:5] + [ox.Triple(p, p, p)])
    any_store.copy_graph(a, b)  # ADD keeps what the target had
    assert any_store.count(a) == 30 and any_store.count(b) == 31
    any_store.move_graph(a, c)  # MOVE replaces the target and drops the source
    assert any_store.count(c) == 30 and a not in any_store.graphs()
    any_store.move_graph(c, b)
    assert any_store.count(b) == 30 and c not in any_store.graphs()
    assert any_store.drop_graph(b, atomic=False) is True
    assert b not in any_store.graphs()
    assert any_store.drop_graph(b, atomic=False) is False


def test_drop_empties_a_staging_graph_that_graphs_hides(any_store):
    """The reasoner's scratch graphs are hidden from graphs() but must still be dropped:
    on Virtuoso a drop that asked graphs() first left them in place, and reasoning ran on."""
    scratch = STAGING_PREFIX + "contract-scratch"
    p = ox.NamedNode(f"{BASE}p")
    any_store.add_to_graph(scratch, [ox.Triple(p, p, ox.Literal("x"))])
    assert scratch not in any_store.graphs() and any_store.count(scratch) == 1
    assert any_store.drop_graph(scratch) is True
    assert any_store.count(scratch) == 0
    assert any_store.drop_graph(scratch) is False
