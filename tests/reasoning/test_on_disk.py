"""A full closure on an on-disk store (computed in memory, written back) equals one in memory."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from conflict_kg import ingest
from conflict_kg.reasoning import reason
from conflict_kg.store import OxigraphStore
from tests.conftest import SEED

pytestmark = pytest.mark.needs_shared  # each test ingests the seed article


def _inferred(store: OxigraphStore, graph: str) -> list[ox.Triple]:
    node = ox.NamedNode(graph)
    return [q.triple for q in store.raw.quads_for_pattern(None, None, None, node)]


def _named(triples: list[ox.Triple]) -> set[str]:
    """Triples without blank nodes, each ingest run's IRI and times made equal."""
    return {
        re.sub(r'"[0-9T:.-]+Z"\^\^', '"*"^^', re.sub(r"/id/ingest-run/[^>]+", "/*", str(t)))
        for t in triples
        if not any(isinstance(x, ox.BlankNode) for x in t)
    }


def test_on_disk_closure_matches_in_memory_and_keeps_blank_nodes(tmp_path, ns):
    disk = OxigraphStore.open(tmp_path / "store")
    memory = OxigraphStore.in_memory()
    for store in (disk, memory):
        assert ingest.run([SEED], store, ns).ok
        reason(store, ns)
    on_disk, in_memory = _inferred(disk, ns.inferred_graph), _inferred(memory, ns.inferred_graph)
    assert len(on_disk) == len(in_memory) > 1000
    assert _named(on_disk) == _named(in_memory)
    # Blank nodes in inferences are the ontology's own (restriction classes), not copies.
    blank = {x for t in on_disk for x in (t.subject, t.object) if isinstance(x, ox.BlankNode)}
    assert blank, "the seed's closure types individuals by restriction classes"
    inferred = ox.NamedNode(ns.inferred_graph)
    for node in blank:
        uses = [*disk.raw.quads_for_pattern(node, None, None),
                *disk.raw.quads_for_pattern(None, None, node)]
        assert [q for q in uses if q.graph_name != inferred], f"{node} is only in inferences"
    # Recomputing changes nothing.
    reason(disk, ns)
    assert sorted(map(str, _inferred(disk, ns.inferred_graph))) == sorted(map(str, on_disk))


def test_recomputation_on_disk_removes_stale_inferences(tmp_path, ns):
    """The write-back removes what no longer follows and adds what now does."""
    disk = OxigraphStore.open(tmp_path / "store")
    assert ingest.run([SEED], disk, ns).ok
    reason(disk, ns)
    before = _inferred(disk, ns.inferred_graph)
    stale = ox.Triple(ox.NamedNode("http://example.org/x"), ox.NamedNode(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode("http://example.org/C"))
    disk.add_to_graph(ns.inferred_graph, [stale])
    documents = [g for g in disk.graphs() if "/graph/document/" in g]
    assert documents
    disk.drop_graph(documents[0])  # behind the reasoner's back: no incremental update
    reason(disk, ns)
    after = _inferred(disk, ns.inferred_graph)
    assert stale not in after
    assert 0 < len(after) < len(before)
    memory = OxigraphStore.in_memory()
    memory.raw.extend(q for q in disk.raw if q.graph_name != ox.NamedNode(ns.inferred_graph))
    reason(memory, ns)
    assert sorted(map(str, after)) == sorted(map(str, _inferred(memory, ns.inferred_graph)))
    assert not [g for g in disk.raw.named_graphs() if "write-" in str(g)]  # staging dropped


def test_recomputation_on_disk_puts_back_a_missing_inference(tmp_path, ns):
    disk = OxigraphStore.open(tmp_path / "store")
    assert ingest.run([SEED], disk, ns).ok
    first = reason(disk, ns)
    assert f"{first.inferred} inferred triples added, 0 removed" in str(first)
    before = _inferred(disk, ns.inferred_graph)
    missing = before[0]
    disk.raw.remove(ox.Quad(*missing, ox.NamedNode(ns.inferred_graph)))
    again = reason(disk, ns)
    assert "1 inferred triples added, 0 removed" in str(again)
    assert sorted(map(str, _inferred(disk, ns.inferred_graph))) == sorted(map(str, before))
