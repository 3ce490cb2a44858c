"""An event's fields are read from its quads when it has few (else by ``_FIELDS``): the
same (property, value) pairs in the same order, each once over syndicated copies."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from conflict_kg.namespaces import ONTOLOGY, RDF, DataNamespace
from conflict_kg.server.http.iris import IriMapper
from conflict_kg.server.pages import events
from conflict_kg.server.pages.data import Linker
from conflict_kg.store import OxigraphStore

BASE = "https://example.org/kg/"
CK = ONTOLOGY
EVENT, PLACE = ox.NamedNode(BASE + "id/event/e"), ox.NamedNode(BASE + "id/place/q")
DAY = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")


def _linker() -> Linker:
    store = OxigraphStore.in_memory()
    for n in range(4):  # a story and its syndicated copies, one with a date of its own
        store.add_to_graph(f"{BASE}graph/document/d{n}", [
            ox.Triple(EVENT, ox.NamedNode(RDF + "type"), ox.NamedNode(CK + "Attack")),
            ox.Triple(EVENT, ox.NamedNode(CK + "date"), ox.Literal(f"2001-02-0{1 + n % 2}",
                                                                    datatype=DAY)),
            ox.Triple(EVENT, ox.NamedNode(CK + "location"), PLACE),
            ox.Triple(EVENT, ox.NamedNode(CK + "datePrecision"), ox.NamedNode(CK + "day")),
            ox.Triple(EVENT, ox.NamedNode(CK + "casualties"), ox.Literal("3")),  # not a field
            ox.Triple(PLACE, ox.NamedNode(CK + "latitude"), ox.Literal("1.5")),
        ])
    return Linker(store, DataNamespace(BASE), IriMapper(BASE))


@pytest.mark.parametrize("node", [EVENT, PLACE], ids=["event", "place"])
def test_the_fields_are_those_of_the_query(node: ox.NamedNode):
    linker = _linker()
    asked = [(row["p"].value, row["v"]) for row in linker.store.query(
        events._FIELDS, substitutions={"x": node})]
    assert events._few_fields(linker, node) == asked and asked
    assert events._fields(linker, node.value)  # grouped by property


def test_a_subject_with_many_quads_is_left_to_the_query(monkeypatch: pytest.MonkeyPatch):
    linker = _linker()
    monkeypatch.setattr(events, "NATIVE_FIELD_QUADS", 5)
    assert events._few_fields(linker, EVENT) is None
    fields = events._fields(linker, EVENT.value)
    assert sorted(v.value for v in fields[CK + "date"]) == ["2001-02-01", "2001-02-02"]
    assert CK + "casualties" not in fields
