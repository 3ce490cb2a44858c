"""Labels and event fields read in batches (server/pages/data.py ``prefetch_labels``,
events.py ``preload_items``) name every resource exactly as one lookup each does."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from conflict_kg.namespaces import ONTOLOGY, DataNamespace
from conflict_kg.server.http.iris import IriMapper
from conflict_kg.server.pages import data
from conflict_kg.server.pages.data import Linker
from conflict_kg.server.pages.events import Hierarchy, _Collector, _fields
from conflict_kg.store import OxigraphStore

BASE = "https://example.org/kg/"
SKOS_PREF = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
TITLE = ox.NamedNode("http://purl.org/dc/terms/title")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _x(name: str) -> ox.NamedNode:
    return ox.NamedNode(BASE + "id/thing/" + name)


# Each resource with labels whose ranking matters: skos:prefLabel before rdfs:label and
# dcterms:title, English or no language before others, then the least text.
LABELLED = {
    "a": [(RDFS_LABEL, ox.Literal("Alpha label")), (SKOS_PREF, ox.Literal("Alpha", language="en"))],
    "b": [(SKOS_PREF, ox.Literal("Béta", language="fr")), (RDFS_LABEL, ox.Literal("Beta"))],
    "c": [(SKOS_PREF, ox.Literal("Zed")), (SKOS_PREF, ox.Literal("Cee"))],
    "d": [(TITLE, ox.Literal("A document"))],
    "e": [(RDFS_LABEL, ox.Literal("Eh", language="de")), (RDFS_LABEL, ox.Literal("E"))],
}


def _store(copies: int = 2) -> OxigraphStore:
    """The labels in ``copies`` graphs, as syndicated copies of a story repeat them."""
    store = OxigraphStore.in_memory()
    for n in range(copies):
        store.add_to_graph(BASE + f"graph/document/d{n}", [
            ox.Triple(_x(name), p, o) for name, labels in LABELLED.items() for p, o in labels])
    return store


def _linker(store: OxigraphStore) -> Linker:
    return Linker(store, DataNamespace(BASE), IriMapper(BASE))


def test_a_batch_gives_the_labels_one_lookup_each_gives():
    store = _store()
    names = [*LABELLED, "unlabelled"]
    one_each = {n: _linker(store).label(_x(n).value) for n in names}
    batched = _linker(store)
    batched.prefetch_labels(_x(n) for n in names)
    assert {n: batched.label(_x(n).value) for n in names} == one_each
    assert one_each["a"] == "Alpha" and one_each["b"] == "Béta" and one_each["c"] == "Cee"
    assert one_each["d"] == "A document" and one_each["e"] == "E"


def test_batches_split_at_the_batch_size(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(data, "LABEL_BATCH", 2)
    store = _store()
    linker = _linker(store)
    asked: list[str] = []
    original = store.query

    def counting(text: str, *args: object, **kwargs: object) -> object:
        asked.append(text)
        return original(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "query", counting)
    linker.prefetch_labels(_x(n) for n in LABELLED)
    assert len(asked) == 3  # five resources, two a query
    assert [linker.label(_x(n).value) for n in LABELLED] == ["Alpha", "Béta", "Cee",
                                                             "A document", "E"]
    assert len(asked) == 3  # all read: no further lookup


def test_an_unlabelled_resource_read_in_a_batch_is_not_looked_up_again(
        monkeypatch: pytest.MonkeyPatch):
    store = _store()
    linker = _linker(store)
    linker.prefetch_labels([_x("a"), _x("nothing")])
    asked: list[str] = []
    original = store.query
    monkeypatch.setattr(store, "query", lambda text, *a, **k: asked.append(text) or original(
        text, *a, **k))
    assert linker.label(_x("nothing").value) == "thing nothing"  # kind + tail
    assert not any("VALUES ?x" in text or "prefLabel" in text for text in asked)


def test_preloaded_event_fields_equal_the_fields_read_one_by_one():
    store = OxigraphStore.in_memory()
    events = [ox.NamedNode(BASE + f"id/event/e{i}") for i in range(3)]
    place = ox.NamedNode(BASE + "id/place/p")
    ck = ONTOLOGY
    store.add_to_graph(BASE + "graph/document/d0", [
        *(ox.Triple(ev, RDF_TYPE, ox.NamedNode(ck + "Attack")) for ev in events),
        ox.Triple(events[0], ox.NamedNode(ck + "date"),
                  ox.Literal("2001-02-03", datatype=ox.NamedNode(
                      "http://www.w3.org/2001/XMLSchema#date"))),
        ox.Triple(events[1], ox.NamedNode(ck + "location"), place),
        ox.Triple(events[1], ox.NamedNode(ck + "factuality"), ox.NamedNode(ck + "negated")),
        ox.Triple(place, ox.NamedNode(ck + "latitude"), ox.Literal("10.5")),
        ox.Triple(place, RDFS_LABEL, ox.Literal("Pee")),
        ox.Triple(events[2], ox.NamedNode(ck + "casualties"), ox.Literal("3")),  # not wanted
    ])
    linker = _linker(store)
    collector = _Collector(linker, Hierarchy(linker))
    collector.preload_items([ev.value for ev in events])

    def normal(fields: dict[str, list[object]]) -> dict[str, list[str]]:
        return {p: sorted(map(str, vs)) for p, vs in fields.items()}

    for iri in [*(ev.value for ev in events), place.value]:
        assert normal(collector.fields(iri)) == normal(_fields(linker, iri))
    assert collector.fields(events[2].value) == {RDF_TYPE.value: [ox.NamedNode(ck + "Attack")]}
    assert linker.label(place.value) == "Pee"
