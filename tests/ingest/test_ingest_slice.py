"""The thin slice: the seed article in, the Sochi agreement's parties out."""

from __future__ import annotations

import pyoxigraph as ox

from conflict_kg import ingest
from conflict_kg.ingest.sources import split_front_matter
from conflict_kg.namespaces import PREFIXES
from conflict_kg.resources import demo_corpus_dir

PARTIES = "".join(f"PREFIX {p}: <{i}>\n" for p, i in PREFIXES.items()) + """
SELECT DISTINCT ?party ?label WHERE {
  ?agreement a ck:Agreement ; ck:party ?party ; ck:evidence ?m .
  ?m ck:sentence/nif:anchorOf ?sentence .
  FILTER(CONTAINS(LCASE(?sentence), "demilitarized zone"))
  ?party skos:prefLabel ?label .
} ORDER BY ?label
"""


def test_seed_agreement_parties_are_russia_and_turkey(memory_store, ns, seed_path):
    report = ingest.run([seed_path], memory_store, ns)
    assert report.ok and len(report.ingested) == 1
    rows = [(r["party"].value, r["label"].value) for r in memory_store.query(PARTIES)]
    assert rows == [
        (ns.resource("state", "russia"), "Russia"),
        (ns.resource("state", "turkey"), "Turkey"),
    ]


def test_the_place_an_agreement_is_about_is_not_a_party(memory_store, ns, seed_path):
    ingest.run([seed_path], memory_store, ns)
    syria = ox.NamedNode(ns.resource("state", "syria"))
    assert not memory_store.query(
        "ASK { ?a <https://w3id.org/conflict-kg/ontology#party> ?syria }",
        substitutions={"syria": syria},
    )


def test_each_document_gets_its_own_graph_with_metadata(memory_store, ns, seed_path):
    ingest.run([seed_path], memory_store, ns)
    graph = ns.document_graph("il20-sochi-2018-09-18")
    assert graph in memory_store.graphs()
    rows = list(memory_store.query(
        "SELECT ?issued ?title { GRAPH ?g { ?d <http://purl.org/dc/terms/issued> ?issued ; "
        "<http://purl.org/dc/terms/title> ?title } }",
        union_default_graph=False,
        named_graphs=[graph],
    ))
    assert len(rows) == 1
    assert rows[0]["issued"].value == "2018-09-18"
    assert rows[0]["title"].value


def test_mentions_carry_exact_text_and_offsets(memory_store, ns, seed_path):
    ingest.run([seed_path], memory_store, ns)
    _, body, _ = split_front_matter(seed_path.read_text(encoding="utf-8"), "seed")
    rows = list(memory_store.query(
        "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> "
        "SELECT ?m ?text ?b ?e { ?m nif:anchorOf ?text ; nif:beginIndex ?b ; nif:endIndex ?e }"
    ))
    assert len(rows) > 20
    for row in rows:
        begin, end = int(row["b"].value), int(row["e"].value)
        assert body[begin:end] == row["text"].value
        assert row["m"].value.endswith(f"#char={begin},{end}")


def test_reingesting_the_same_document_changes_nothing(memory_store, ns, seed_path):
    ingest.run([seed_path], memory_store, ns)
    before = memory_store.count()
    report = ingest.run([seed_path], memory_store, ns)
    assert report.unchanged and not report.ingested
    assert memory_store.count() == before


def test_changed_document_replaces_its_graph(memory_store, ns, tmp_path):
    doc = tmp_path / "d.md"
    doc.write_text("---\npublished: 2018-06-05\n---\nTurkey reached an agreement with Russia.\n",
                   encoding="utf-8")
    ingest.run([doc], memory_store, ns)
    graph = ns.document_graph("d")
    assert memory_store.query(
        "ASK { GRAPH ?g { ?a <https://w3id.org/conflict-kg/ontology#party> ?p } }",
        substitutions={"g": ox.NamedNode(graph)},
    )
    doc.write_text("---\npublished: 2018-06-05\n---\nNothing happened in Syria.\n",
                   encoding="utf-8")
    report = ingest.run([doc], memory_store, ns)
    assert report.ingested
    assert not memory_store.query(
        "ASK { ?a <https://w3id.org/conflict-kg/ontology#party> ?p }"
    )


def test_demo_corpus_ingests_cleanly_with_a_differently_worded_agreement(memory_store, ns):
    report = ingest.run([demo_corpus_dir()], memory_store, ns)
    assert report.ok, report.errors
    assert len(report.ingested) >= 3
    rows = memory_store.query(
        "SELECT ?p { ?a a ?kind ; <https://w3id.org/conflict-kg/ontology#party> ?p . "
        "?kind <http://www.w3.org/2000/01/rdf-schema#subClassOf>* "
        "<https://w3id.org/conflict-kg/ontology#Agreement> }"  # a roadmap is an agreement
    )
    parties = {r["p"].value for r in rows}
    assert ns.resource("state", "turkey") in parties


def test_another_base_iri_moves_reference_individuals_too(memory_store, seed_path):
    from conflict_kg.namespaces import DataNamespace

    other = DataNamespace("http://localhost:8000/")
    ingest.run([seed_path], memory_store, other)
    rows = [r["party"].value for r in memory_store.query(PARTIES)]
    assert rows == [other.resource("state", "russia"), other.resource("state", "turkey")]
