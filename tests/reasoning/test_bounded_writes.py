"""Incremental reasoning on disk copies, moves and drops graphs in bounded transactions.

One SPARQL ``ADD``/``MOVE``/``DROP`` of a document-sized graph is one pyoxigraph
transaction, whose write buffers grew past 1 GB for a 1 MB document; on disk the
materializer goes through the store's chunked operations instead, with the same result.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from conflict_kg.reasoning import reason, reason_incremental, replace_and_reason
from conflict_kg.store import OxigraphStore, chunked
from tests.reasoning.synthetic import ABOX, NS, TBOX, inferred_quads

GRAPH_WIDE = ("ADD SILENT GRAPH", "MOVE SILENT GRAPH", "DROP SILENT GRAPH")


class Recording(OxigraphStore):
    """An on-disk store that keeps the SPARQL updates it ran."""

    updates: list[str]

    def update(self, sparql: str) -> None:
        self.updates.append(sparql)
        super().update(sparql)


def _on_disk(path: Path) -> Recording:
    opened = OxigraphStore.open(path)
    store = Recording(opened.raw, opened.location)
    store.updates = []
    store.replace_graph(NS.ontology_graph, TBOX)
    reason(store, NS)
    return store


def _in_memory() -> OxigraphStore:
    store = OxigraphStore.in_memory()
    store.replace_graph(NS.ontology_graph, TBOX)
    reason(store, NS)
    return store


def test_add_and_remove_on_disk_match_memory_without_graph_wide_updates(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chunked, "CHUNK_QUADS", 7)  # several chunks even for this small data
    disk, memory = _on_disk(tmp_path / "store"), _in_memory()
    doc = NS.document_graph("d1")
    for store in (disk, memory):
        store.replace_graph(doc, ABOX)
    disk.updates.clear()
    assert reason_incremental(disk, NS, added=[doc]).fallback is None
    reason_incremental(memory, NS, added=[doc])
    assert inferred_quads(disk) == inferred_quads(memory)
    assert not [u for u in disk.updates if any(w in u for w in GRAPH_WIDE)]

    disk.updates.clear()
    replace_and_reason(disk, NS, {doc: None})
    replace_and_reason(memory, NS, {doc: None})
    assert inferred_quads(disk) == inferred_quads(memory)
    assert not [u for u in disk.updates if any(w in u for w in GRAPH_WIDE)]
    scratch = [g.value for g in disk.raw.named_graphs() if "staging" in g.value]
    assert scratch == []


def test_chunked_graph_operations_keep_blank_nodes_and_bound_each_write(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chunked, "CHUNK_QUADS", 10)
    store = OxigraphStore.open(tmp_path / "store")
    writes: list[int] = []
    real_extend = store.raw.extend

    class Watched:
        def __getattr__(self, name: str) -> object:
            return getattr(store.raw, name)

        def extend(self, quads: list[ox.Quad]) -> None:
            writes.append(len(quads))
            real_extend(quads)

    blank, p = ox.BlankNode(), ox.NamedNode("http://example.org/p")
    source, target = ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/b")
    store.raw.extend([ox.Quad(blank, p, ox.Literal(str(i)), source) for i in range(95)])
    chunked.copy_in_chunks(Watched(), source, target)  # type: ignore[arg-type]
    assert writes and max(writes) == 10 and sum(writes) == 95
    assert store.count(target.value) == 95 == store.count(source.value)
    assert {q.subject for q in store.raw.quads_for_pattern(None, None, None, target)} == {blank}
    chunked.move_in_chunks(store.raw, target, ox.NamedNode("http://example.org/c"))
    assert not store.raw.contains_named_graph(target)
    assert store.count("http://example.org/c") == 95
    store.close()


def test_rule_updates_on_disk_see_at_most_one_chunk_of_delta(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each rule update joins a delta of at most CHUNK_QUADS quads, not the whole document
    (one update over a 1 MB document's graph held +200 MB until it committed)."""
    monkeypatch.setattr(chunked, "CHUNK_QUADS", 5)
    disk = _on_disk(tmp_path / "store")
    doc = NS.document_graph("d1")
    disk.replace_graph(doc, ABOX)
    assert len(ABOX) > 3 * 5
    delta = ox.NamedNode("urn:conflict-kg:staging:reasoning-delta")
    sizes: list[int] = []
    real_update = disk.update

    def watched(sparql: str) -> None:
        if "\nINSERT {" in sparql:  # a rule (its delta is a graph or a VALUES block)
            sizes.append(len(list(disk.raw.quads_for_pattern(None, None, None, delta))))
        real_update(sparql)

    monkeypatch.setattr(disk, "update", watched)
    assert reason_incremental(disk, NS, added=[doc]).fallback is None
    assert sizes and max(sizes) <= 5
    # The document graph itself is the first delta: it is not copied whole first.
    assert not disk.raw.contains_named_graph(delta)
