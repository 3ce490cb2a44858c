"""A resource's label is read one label property at a time (the property in the pattern,
so the store reads the resource's labels, not all its triples), and is the label the
earlier ``?x ?p ?l FILTER(?p IN …)`` lookup gave: over syndicated copies, a label only a
document graph holds, and a document label that differs from the reference one."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from conflict_kg.namespaces import DCTERMS, RDFS, SKOS, DataNamespace
from conflict_kg.server.http.iris import IriMapper
from conflict_kg.server.pages import data
from conflict_kg.server.pages.data import Linker
from conflict_kg.store import OxigraphStore

BASE = "https://example.org/kg/"
NS = DataNamespace(BASE)
PREF, LABEL, TITLE = (ox.NamedNode(p) for p in (SKOS + "prefLabel", RDFS + "label",
                                                 DCTERMS + "title"))
# The lookup as it was before: every triple of the resource, filtered by property.
EARLIER = """SELECT * WHERE { ?x ?p ?l . FILTER(isLiteral(?l))
  FILTER(?p IN (<http://www.w3.org/2004/02/skos/core#prefLabel>,
                <http://www.w3.org/2000/01/rdf-schema#label>,
                <http://purl.org/dc/terms/title>)) }"""


def _id(path: str) -> ox.NamedNode:
    return ox.NamedNode(BASE + "id/" + path)


STATE, FORCES = _id("state/ruritania"), _id("armed-forces/ruritania")
ONLY_DOCUMENT, TITLED = _id("person/ann-example"), _id("document/d1")
TAGGED, UNLABELLED = _id("place/tagged"), _id("place/unnamed")
DEFAULT_GRAPH = _id("place/in-the-default-graph")
RESOURCES = [STATE, FORCES, ONLY_DOCUMENT, TITLED, TAGGED, UNLABELLED, DEFAULT_GRAPH]


def _store() -> OxigraphStore:
    store = OxigraphStore.in_memory()
    lit = ox.Literal
    store.add_to_graph(NS.reference_graph, [
        ox.Triple(STATE, PREF, lit("Ruritania", language="en")),
        ox.Triple(STATE, LABEL, lit("Ruritania", language="en")),
        ox.Triple(STATE, ox.NamedNode(BASE + "ontology#seat"), _id("place/strelsau")),
    ])
    for n in range(12):  # a wire story and its syndicated copies: a copy of each label
        store.add_to_graph(f"{BASE}graph/document/d{n}", [
            ox.Triple(FORCES, PREF, lit("armed forces of Ruritania", language="en")),
            ox.Triple(FORCES, LABEL, lit("armed forces of Ruritania", language="en")),
            ox.Triple(FORCES, ox.NamedNode(BASE + "ontology#partyTo"), _id(f"event/e{n}")),
            ox.Triple(STATE, ox.NamedNode(BASE + "ontology#partyTo"), _id(f"event/e{n}")),
        ])
    store.add_to_graph(f"{BASE}graph/document/d3", [
        # a document naming the state otherwise than the reference data
        ox.Triple(STATE, LABEL, lit("Kingdom of Ruritania", language="en")),
        ox.Triple(STATE, LABEL, lit("Aaa Ruritanien", language="de")),
        # labels only a document graph holds, and a title
        ox.Triple(ONLY_DOCUMENT, LABEL, lit("Ann Example")),
        ox.Triple(ONLY_DOCUMENT, LABEL, lit("A. Example", language="fr")),
        ox.Triple(TITLED, TITLE, lit("Troops cross the border")),
        ox.Triple(TAGGED, PREF, lit("Zeta", language="en-GB")),
        ox.Triple(TAGGED, LABEL, lit("Beta")),
        ox.Triple(TAGGED, LABEL, _id("place/not-a-literal")),
    ])
    store.add_to_graph(f"{BASE}graph/document/d4", [
        ox.Triple(STATE, PREF, lit("Ruritania", language="en")),  # the reference's, again
        ox.Triple(UNLABELLED, ox.NamedNode(BASE + "ontology#near"), STATE),
    ])
    store.update(f'INSERT DATA {{ {DEFAULT_GRAPH} {LABEL} "Default" }}')
    return store


def _rows(store: OxigraphStore, text: str, iri: ox.NamedNode) -> set[tuple[str, str]]:
    return {(str(row["p"]), str(row["l"]))
            for row in store.query(text, substitutions={"x": iri})}


@pytest.mark.parametrize("iri", RESOURCES, ids=lambda n: n.value.rsplit("/", 2)[-2])
def test_the_lookup_finds_the_labels_the_earlier_one_found(iri: ox.NamedNode):
    store = _store()
    assert _rows(store, data._LABELS, iri) == _rows(store, EARLIER, iri)


# 0: every lookup is a query; 5: the twelve copies of a name go to the query; 32: read
# from the quads.
@pytest.mark.parametrize("copies", [0, 5, 32])
def test_the_labels_are_those_of_the_earlier_lookup(monkeypatch: pytest.MonkeyPatch,
                                                     copies: int):
    store = _store()
    mapper = IriMapper(BASE)
    monkeypatch.setattr(data, "NATIVE_LABEL_COPIES", copies)
    now = {iri.value: Linker(store, NS, mapper).label(iri.value) for iri in RESOURCES}
    monkeypatch.setattr(data, "_LABELS", EARLIER)
    monkeypatch.setattr(data, "NATIVE_LABEL_COPIES", 0)
    before = {iri.value: Linker(store, NS, mapper).label(iri.value) for iri in RESOURCES}
    assert now == before
    # what the cases are there for: the store holds each of them
    assert now[STATE.value] == "Ruritania"  # prefLabel beats the document's rdfs:label
    assert now[FORCES.value] == "armed forces of Ruritania"
    assert now[ONLY_DOCUMENT.value] == "Ann Example"
    assert now[TITLED.value] == "Troops cross the border"
    assert now[TAGGED.value] == "Zeta"  # a prefLabel, even tagged en-GB, beats rdfs:label
    assert now[UNLABELLED.value] == "place unnamed"
    assert now[DEFAULT_GRAPH.value] == "Default"


def test_many_copies_are_left_to_the_query():
    store = _store()
    assert data._few_labels(store.native_quads(), FORCES) is not None
    assert len(data._few_labels(store.native_quads(), FORCES) or ()) == 2
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(data, "NATIVE_LABEL_COPIES", 5)
        assert data._few_labels(store.native_quads(), FORCES) is None


def test_each_copy_counts_once():
    rows = list(_store().query(data._LABELS, substitutions={"x": FORCES}))
    assert len(rows) == 2  # twelve graphs say it, twice each
