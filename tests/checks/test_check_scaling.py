"""Checks scale with distinct facts, not with copies of a story."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from conflict_kg.checks import check
from conflict_kg.checks.sparql import parse_check, run_check
from conflict_kg.namespaces import DataNamespace
from conflict_kg.store import OxigraphStore

NS = DataNamespace("http://example.org/")
CK = "https://w3id.org/conflict-kg/ontology#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def _copies(store: OxigraphStore, copies: int, label: str, cls: str) -> None:
    """One event minted by each of ``copies`` documents, all with the same label."""
    for n in range(copies):
        event = ox.NamedNode(f"http://example.org/id/event/{label}-{n}")
        store.add_to_graph(NS.document_graph(f"copy-{n}"), [
            ox.Triple(event, RDF_TYPE, ox.NamedNode(CK + cls)),
            ox.Triple(event, LABEL, ox.Literal(label.replace("-", " ")))])


def test_syndicated_copies_are_one_duplicate_cluster() -> None:
    store = OxigraphStore.in_memory()
    _copies(store, 40, "strike-on-the-port", "AirStrike")
    _copies(store, 3, "border-clash", "Attack")
    found = check(store, NS, layers=["sparql"]).by_check("sparql:probable-duplicates")
    # One finding per cluster (40 copies gave 780 pairwise findings before).
    assert len(found) == 2
    by_size = sorted(found, key=lambda f: f.message)
    assert by_size[0].message.startswith("one of 3 resources of class Attack")
    assert by_size[1].message.startswith("one of 40 resources of class AirStrike")
    assert by_size[1].resource == "http://example.org/id/event/strike-on-the-port-0"
    assert len(by_size[1].message) < 500  # the member list is cut, not the cluster


def test_a_for_each_check_runs_once_per_binding_and_reports_a_fault_once(
        tmp_path: Path) -> None:
    path = tmp_path / "loud-labels.rq"
    path.write_text(
        "#+ title: Loud labels\n#+ description: labels in a listed property\n"
        "#+ severity: info\n"
        "#+ for_each: >\n"
        "#+   SELECT ?p WHERE { VALUES ?p { rdfs:label rdfs:comment skos:prefLabel } }\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "SELECT ?resource ?message WHERE { ?resource ?p ?text . FILTER(UCASE(?text) = ?text)\n"
        "  BIND(\"shouts\" AS ?message) }\n", encoding="utf-8")
    store = OxigraphStore.in_memory()
    loud = ox.NamedNode("http://example.org/loud")
    store.add_to_graph(NS.document_graph("d"), [
        ox.Triple(loud, LABEL, ox.Literal("HEY")),
        ox.Triple(loud, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment"),
                  ox.Literal("HEY")),
        ox.Triple(ox.NamedNode("http://example.org/quiet"), LABEL, ox.Literal("hey")),
        ox.Triple(ox.NamedNode("http://example.org/other"),
                  ox.NamedNode("http://example.org/unlisted"), ox.Literal("HEY")),
    ])
    findings = list(run_check(store, NS, parse_check(path)))
    assert [(f.resource, f.message) for f in findings] == [("http://example.org/loud", "shouts")]


def test_copies_of_two_tolls_are_one_conflict_with_source_counts() -> None:
    store = OxigraphStore.in_memory()
    event = ox.NamedNode("http://example.org/id/event/raid")
    deaths = ox.NamedNode(CK + "deaths")
    store.add_to_graph(NS.ontology_graph, [ox.Triple(
        deaths, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subPropertyOf"),
        ox.NamedNode(CK + "quantity"))])
    for n in range(50):
        toll = ox.NamedNode(f"http://example.org/id/quantity/raid-deaths-{n}")
        store.add_to_graph(NS.document_graph(f"copy-{n:02d}"), [
            ox.Triple(event, deaths, toll),
            ox.Triple(toll, ox.NamedNode(CK + "value"), ox.Literal("15" if n < 30 else "20",
                      datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))])
    found = check(store, NS, layers=["sparql"]).by_check("sparql:conflicting-counts")
    # One finding for the pair of figures (the report nodes gave 600 pairs before).
    assert len(found) == 1, [f.message for f in found]
    message = found[0].message
    assert "15 (30 sources, e.g. " in message and "20 (20 sources, e.g. " in message
    assert NS.document_graph("copy-00") in message and NS.document_graph("copy-30") in message
