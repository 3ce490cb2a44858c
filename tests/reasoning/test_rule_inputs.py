"""A full closure on disk copies only the triples the rules read, with the same result."""

from __future__ import annotations

import pyoxigraph as ox

from conflict_kg.namespaces import OWL, RDF, RDFS
from conflict_kg.reasoning.engine import _RuleInputs, reason_full
from conflict_kg.store import OxigraphStore

EX = "http://example.org/"


def _n(local: str) -> ox.NamedNode:
    return ox.NamedNode(EX + local)


def _t(s: str, p: str, o: object) -> ox.Triple:
    obj = o if isinstance(o, (ox.Literal, ox.NamedNode, ox.BlankNode)) else _n(str(o))
    return ox.Triple(_n(s) if ":" not in s else ox.NamedNode(s), ox.NamedNode(p)
                     if ":" in p else _n(p), obj)


TYPE, SUB, DOMAIN = RDF + "type", RDFS + "subClassOf", RDFS + "domain"


def _fill(store: OxigraphStore, documents: int = 3) -> None:
    restriction = ox.BlankNode("supplier-restriction")  # the same node in each store
    tbox = [
        _t("Garrison", SUB, "Unit"),
        _t("stationedIn", DOMAIN, "Garrison"),
        _t("registry", TYPE, ox.NamedNode(OWL + "FunctionalProperty")),
        _t("alias", RDFS + "subPropertyOf", ox.NamedNode(DOMAIN)),  # data can extend the T-box
        ox.Triple(restriction, ox.NamedNode(TYPE), ox.NamedNode(OWL + "Restriction")),
        ox.Triple(restriction, ox.NamedNode(OWL + "onProperty"), _n("supplies")),
        ox.Triple(restriction, ox.NamedNode(OWL + "someValuesFrom"), ox.NamedNode(OWL + "Thing")),
        ox.Triple(restriction, ox.NamedNode(SUB), _n("Supplier")),
    ]
    store.add_to_graph(EX + "graph/ontology", tbox)
    for i in range(documents):
        unit = f"unit{i}"
        store.add_to_graph(EX + f"graph/doc{i}", [
            _t(unit, "stationedIn", "Valdoria"),
            _t(unit, "supplies", "Carvania"),
            _t(unit, "registry", "record-a"),  # one registry: record-a sameAs record-b
            _t(f"unit{i}x", "registry", "record-a"),
            # Read by no rule: NIF-like offsets and strings.
            _t(f"mention{i}", "beginIndex", ox.Literal(str(i))),
            _t(f"mention{i}", "anchorOf", ox.Literal("a convoy")),
            _t(f"mention{i}", TYPE, "Mention"),
        ])
    store.add_to_graph(EX + "graph/extra", [
        _t("unit0", "registry", "record-b"),
        _t("record-a", "note", ox.Literal("kept on file")),  # reaches record-b by eq-rep-s
        _t("record-b", "note", ox.Literal("kept on file")),  # ... which is asserted anyway
        _t("record-a", "shelf", "archive"),  # ... and this, which is not
        _t("posted", "alias", "Garrison"),  # posted rdfs:domain Garrison (derived T-box)
        _t("unit9", "posted", "Carvania"),  # read only once the T-box has grown
    ])


def _inferred(store: OxigraphStore, graph: str) -> set[str]:
    return {str(q.triple) for q in store.raw.quads_for_pattern(None, None, None,
                                                               ox.NamedNode(graph))}


def test_rule_inputs_closure_equals_the_whole_store_closure(tmp_path, ns):
    bounded, whole = (OxigraphStore.open(tmp_path / n) for n in ("bounded", "whole"))
    memory = OxigraphStore.in_memory()
    for store in (bounded, whole, memory):
        _fill(store)
    reason_full(bounded, ns)
    reason_full(whole, ns, whole_store=True)
    reason_full(memory, ns)
    got = _inferred(bounded, ns.inferred_graph)
    assert got == _inferred(whole, ns.inferred_graph) == _inferred(memory, ns.inferred_graph)
    # The cases that need more than the first copy are in the closure.
    assert f"<{EX}record-a> <{OWL}sameAs> <{EX}record-b>" in got
    assert f'<{EX}record-b> <{EX}note> "kept on file"' not in got  # asserted: not inferred
    assert f"<{EX}record-b> <{EX}shelf> <{EX}archive>" in got
    assert f"<{EX}unit9> <{TYPE}> <{EX}Garrison>" in got
    assert f"<{EX}unit0> <{TYPE}> <{EX}Supplier>" in got
    # Recomputing changes nothing.
    again = reason_full(bounded, ns)
    assert "0 inferred triples added, 0 removed" in str(again)


def test_rule_inputs_leave_unread_triples_on_disk(tmp_path, ns):
    store = OxigraphStore.open(tmp_path / "store")
    _fill(store, documents=5)
    copied = {str(q.triple) for q in _RuleInputs(store, ns.inferred_graph).copy.raw}
    assert f'<{EX}mention0> <{EX}beginIndex> "0"' not in copied
    assert f"<{EX}mention0> <{TYPE}> <{EX}Mention>" not in copied
    assert f"<{EX}unit0> <{EX}stationedIn> <{EX}Valdoria>" in copied
    # sameAs terms bring every triple about them, whatever its predicate.
    assert f'<{EX}record-a> <{EX}note> "kept on file"' not in copied  # no sameAs asserted yet
    report = reason_full(store, ns)
    assert "quads copied or derived in memory" in str(report)
