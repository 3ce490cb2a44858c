"""A full closure on disk copies only the triples the rules read, with the same result."""

from __future__ import annotations

from conflict_kg.namespaces import OWL
from conflict_kg.reasoning.engine import _RuleInputs, reason_full
from conflict_kg.store import OxigraphStore
from tests.reasoning.rule_inputs_store import EX, TYPE
from tests.reasoning.rule_inputs_store import fill as _fill
from tests.reasoning.rule_inputs_store import inferred as _inferred


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
