"""A full closure computed on disk in chunks (bounded memory) equals the in-memory one."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from conflict_kg.namespaces import OWL, RDFS
from conflict_kg.reasoning import reason
from conflict_kg.reasoning.engine import _Readable, reason_full
from conflict_kg.store import OxigraphStore
from tests.reasoning.rule_inputs_store import EX, TYPE
from tests.reasoning.rule_inputs_store import fill as _fill
from tests.reasoning.rule_inputs_store import inferred as _inferred
from tests.reasoning.rule_inputs_store import t as _t


def _fill_more(store: OxigraphStore) -> None:
    _fill(store, documents=4)
    store.add_to_graph(EX + "graph/more", [
        _t("unit3", TYPE, "Garrison"),  # a type the first round must read (cax-sco)
        _t("unit2", OWL + "sameAs", "unit2b"),  # an asserted sameAs ...
        _t("unit2b", "depot", "Zarnia"),  # ... and a triple no T-box term reads
    ])


def test_disk_closure_equals_the_in_memory_closure(tmp_path, ns, monkeypatch):
    # Several chunks, so that a round's delta is cut and joined a part at a time.
    monkeypatch.setattr("conflict_kg.store.chunked.CHUNK_QUADS", 7)
    disk, auto, memory = (OxigraphStore.open(tmp_path / n) for n in ("disk", "auto", "memory"))
    for store in (disk, auto, memory):
        _fill_more(store)
    reason_full(disk, ns, closure="disk")
    report = reason(auto, ns, disk_quads=10)  # the threshold forced low: auto is on disk
    assert "on disk, bounded" in str(report)
    reason_full(memory, ns, closure="memory")
    got = _inferred(disk, ns.inferred_graph)
    assert got == _inferred(auto, ns.inferred_graph) == _inferred(memory, ns.inferred_graph)
    # A derived sameAs, a T-box extended by the data and a someValuesFrom restriction.
    assert f"<{EX}record-b> <{EX}shelf> <{EX}archive>" in got
    assert f"<{EX}unit9> <{TYPE}> <{EX}Garrison>" in got
    assert f"<{EX}unit0> <{TYPE}> <{EX}Supplier>" in got
    assert f"<{EX}unit3> <{TYPE}> <{EX}Unit>" in got
    assert f"<{EX}unit2> <{EX}depot> <{EX}Zarnia>" in got
    # A second run on disk starts again from nothing and gives the same graph; the
    # in-memory path then finds nothing to change.
    reason_full(disk, ns, closure="disk")
    assert _inferred(disk, ns.inferred_graph) == got
    again = reason_full(disk, ns, closure="memory")
    assert "0 inferred triples added, 0 removed" in str(again)


def test_auto_stays_in_memory_below_the_threshold(tmp_path, ns):
    store = OxigraphStore.open(tmp_path / "store")
    _fill(store)
    assert "copied or derived in memory" in str(reason(store, ns))
    # 0, the default threshold, is "never": however large the store
    assert "copied or derived in memory" in str(reason(store, ns, disk_quads=0))
    with pytest.raises(ValueError):
        reason_full(store, ns, closure="elsewhere")


def test_first_round_reads_only_triples_a_rule_can_match(tmp_path):
    store = OxigraphStore.open(tmp_path / "store")
    _fill(store)
    readable = _Readable(store.native_quads())

    def quad(s: str, p: str, o: object) -> ox.Quad:
        obj = o if isinstance(o, ox.Literal) else ox.NamedNode(EX + str(o))
        return ox.Quad(ox.NamedNode(EX + s), ox.NamedNode(p if ":" in p else EX + p), obj)

    assert readable(quad("unit0", "stationedIn", "Valdoria"))
    assert not readable(quad("mention0", "beginIndex", ox.Literal("0")))
    assert not readable(quad("mention0", TYPE, "Mention"))


def test_first_round_reads_every_premise_it_needs(tmp_path, ns, monkeypatch):
    # No T-box growth here (which would start a naive round over everything): what
    # the first round leaves out must be what no rule reads.
    monkeypatch.setattr("conflict_kg.store.chunked.CHUNK_QUADS", 3)
    disk, memory = (OxigraphStore.open(tmp_path / n) for n in ("disk", "memory"))
    for store in (disk, memory):
        store.add_to_graph(EX + "graph/ontology", [
            _t("Garrison", RDFS + "subClassOf", "Unit"),
            _t("registry", TYPE, ox.NamedNode(OWL + "FunctionalProperty")),
        ])
        store.add_to_graph(EX + "graph/doc", [
            _t("unit3", TYPE, "Garrison"),  # a type of a T-box class (cax-sco)
            _t("unit2", OWL + "sameAs", "unit2b"),  # an asserted sameAs ...
            _t("unit2b", "depot", "Zarnia"),  # ... and a triple of no T-box predicate
            _t("unit4", "registry", "record-c"),
            _t("unit4", "registry", "record-d"),  # a derived sameAs
            _t("record-d", "depot", "Zarnia"),
        ])
    reason_full(disk, ns, closure="disk")
    reason_full(memory, ns, closure="memory")
    got = _inferred(disk, ns.inferred_graph)
    assert got == _inferred(memory, ns.inferred_graph)
    assert f"<{EX}unit3> <{TYPE}> <{EX}Unit>" in got
    assert f"<{EX}unit2> <{EX}depot> <{EX}Zarnia>" in got
    assert f"<{EX}record-c> <{EX}depot> <{EX}Zarnia>" in got
