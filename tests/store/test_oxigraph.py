from __future__ import annotations

import io

import pyoxigraph as ox
import pytest

from conflict_kg.store import OxigraphStore, StoreError, StoreLockedError, open_store

EX = "http://example.org/"


def triple(s: str, o: str) -> ox.Triple:
    return ox.Triple(ox.NamedNode(EX + s), ox.NamedNode(EX + "p"), ox.Literal(o))


def test_replace_graph_replaces_only_that_graph(memory_store):
    memory_store.replace_graph(EX + "g1", [triple("a", "1"), triple("b", "2")])
    memory_store.replace_graph(EX + "g2", [triple("c", "3")])
    memory_store.replace_graph(EX + "g1", [triple("z", "9")])
    assert memory_store.count(EX + "g1") == 1
    assert memory_store.count(EX + "g2") == 1
    assert memory_store.graphs() == [EX + "g1", EX + "g2"]


def test_union_default_graph_and_graph_clause(memory_store):
    memory_store.replace_graph(EX + "g1", [triple("a", "1")])
    memory_store.replace_graph(EX + "g2", [triple("b", "2")])
    assert len(list(memory_store.query("SELECT * { ?s ?p ?o }"))) == 2
    rows = memory_store.query("SELECT ?g { GRAPH ?g { ?s ?p '2' } }")
    assert [r["g"].value for r in rows] == [EX + "g2"]


def test_substitutions_bind_values_without_string_building(memory_store):
    memory_store.replace_graph(EX + "g", [triple("a", "x\" } ; DROP ALL #")])
    rows = memory_store.query(
        "SELECT ?s ?o { ?s ?p ?o }", substitutions={"o": ox.Literal("x\" } ; DROP ALL #")}
    )
    assert [r["s"].value for r in rows] == [EX + "a"]


def test_drop_graph_reports_existence(memory_store):
    memory_store.replace_graph(EX + "g", [triple("a", "1")])
    assert memory_store.drop_graph(EX + "g") is True
    assert memory_store.drop_graph(EX + "g") is False
    assert memory_store.count() == 0


def test_dump_whole_store_as_nquads_and_one_graph_as_turtle(memory_store):
    memory_store.replace_graph(EX + "g", [triple("a", "1")])
    out = io.BytesIO()
    memory_store.dump(out, ox.RdfFormat.N_QUADS)
    assert f"<{EX}g>" in out.getvalue().decode()
    out = io.BytesIO()
    memory_store.dump(out, ox.RdfFormat.TURTLE, graph=EX + "g")
    assert '"1"' in out.getvalue().decode()
    with pytest.raises(StoreError):
        memory_store.dump(io.BytesIO(), ox.RdfFormat.TURTLE)


def test_load_file_replaces_graph_and_rejects_bad_syntax(memory_store, tmp_path):
    good = tmp_path / "a.ttl"
    good.write_text(f"<{EX}a> <{EX}p> 'one', 'two' .", encoding="utf-8")
    assert memory_store.load_file(good, EX + "g") == 2
    assert memory_store.load_file(good, EX + "g") == 2
    assert memory_store.count(EX + "g") == 2
    bad = tmp_path / "b.ttl"
    bad.write_text(f"<{EX}a> <{EX}p> .", encoding="utf-8")
    with pytest.raises(StoreError, match="b.ttl"):
        memory_store.load_file(bad, EX + "g")
    assert memory_store.count(EX + "g") == 2


def test_invalid_graph_iri_is_a_store_error(memory_store):
    with pytest.raises(StoreError, match="not a valid IRI"):
        memory_store.replace_graph("not an iri", [])


def test_on_disk_store_persists_and_second_open_is_refused(tmp_path):
    path = tmp_path / "store"
    store = open_store(str(path))
    store.replace_graph(EX + "g", [triple("a", "1")])
    with pytest.raises(StoreLockedError, match="--server"):
        OxigraphStore.open(path)
    store.close()
    del store
    reopened = OxigraphStore.open(path)
    assert reopened.count(EX + "g") == 1


def test_load_owl_rdfxml_resolves_relative_iris_against_the_file(memory_store, tmp_path):
    owl = tmp_path / "tiny.owl"
    owl.write_text(
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns:owl="http://www.w3.org/2002/07/owl#">\n'
        '  <owl:Ontology rdf:about=""/>\n</rdf:RDF>\n',
        encoding="utf-8",
    )
    assert memory_store.load_file(owl, EX + "g") == 1
    rows = list(memory_store.query("SELECT ?s { ?s a <http://www.w3.org/2002/07/owl#Ontology> }"))
    assert [r["s"].value for r in rows] == [owl.resolve().as_uri()]
