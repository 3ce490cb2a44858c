"""Loading the bundled ontology and reference graphs into an on-disk store."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from conflict_kg import bundled
from conflict_kg.namespaces import DataNamespace
from conflict_kg.store.oxigraph import OxigraphStore

NS = DataNamespace("https://w3id.org/conflict-kg/")


def _count(store: OxigraphStore, graph: str) -> int:
    return store.count(graph)


def test_a_fresh_store_gets_both_graphs_once(tmp_path: Path):
    store = OxigraphStore.open(tmp_path / "store")
    assert bundled.ensure_bundled(store, NS)
    ontology, reference = _count(store, NS.ontology_graph), _count(store, NS.reference_graph)
    assert ontology > 1000 and reference > 10_000
    assert not bundled.ensure_bundled(store, NS)  # current: nothing written again
    assert (_count(store, NS.ontology_graph), _count(store, NS.reference_graph)) == (
        ontology, reference)


def test_a_load_cut_short_is_redone_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The hash goes in last: a crash after the triples and before it leaves a graph
    the next start recognises as stale and replaces (not one it keeps half written)."""
    store = OxigraphStore.open(tmp_path / "store")
    calls = {"n": 0}
    real_add = OxigraphStore.add_to_graph

    def crash_on_stamp(self, graph, triples, *, atomic=True):  # type: ignore[no-untyped-def]
        triples = list(triples)
        if any(t.predicate == bundled._HASH for t in triples):
            calls["n"] += 1
            raise KeyboardInterrupt("killed before the hash")
        real_add(self, graph, triples, atomic=atomic)

    monkeypatch.setattr(OxigraphStore, "add_to_graph", crash_on_stamp)
    with pytest.raises(KeyboardInterrupt):
        bundled.ensure_bundled(store, NS)
    assert calls["n"] == 1
    half = _count(store, NS.ontology_graph)
    assert half > 0
    monkeypatch.undo()

    assert bundled.ensure_bundled(store, NS)  # stale: loaded again, replacing
    assert _count(store, NS.ontology_graph) == half + 1  # the same triples, plus the hash


def test_an_upgrade_replaces_the_graph(tmp_path: Path):
    store = OxigraphStore.open(tmp_path / "store")
    stale = ox.Triple(ox.NamedNode("urn:x:old"), ox.NamedNode("urn:x:p"), ox.Literal("gone"))
    store.add_to_graph(NS.ontology_graph, [stale])
    assert bundled.ensure_bundled(store, NS)
    assert not list(store.query("SELECT * { GRAPH ?g { <urn:x:old> ?p ?o } }",
                                substitutions={"g": ox.NamedNode(NS.ontology_graph)}))
    assert _count(store, NS.ontology_graph) > 1000


def test_parsed_files_are_read_again_when_their_content_changes(tmp_path: Path):
    """The per-process parse cache is keyed by the files' digest: an edited module is
    loaded as edited, into the store that already has the old one."""
    module = tmp_path / "extra.ttl"
    module.write_text("<https://w3id.org/conflict-kg/id/x> <urn:x:p> \"one\" .\n")
    store = OxigraphStore.in_memory()
    graph, prefix = "urn:x:graph", "https://example.org/id/"
    assert bundled._load_if_changed(store, graph, [module], prefix)
    module.write_text("<https://w3id.org/conflict-kg/id/x> <urn:x:p> \"two\" .\n")
    assert bundled._load_if_changed(store, graph, [module], prefix)
    values = {row["o"].value for row in store.query(
        "SELECT ?o { GRAPH ?g { <https://example.org/id/x> <urn:x:p> ?o } }",
        substitutions={"g": ox.NamedNode(graph)})}
    assert values == {"two"}  # rebased under the prefix, and the edit read


def test_each_store_gets_the_same_bundled_triples_from_the_cache():
    first, second = OxigraphStore.in_memory(), OxigraphStore.in_memory()
    assert bundled.ensure_bundled(first, NS) and bundled.ensure_bundled(second, NS)
    for graph in (NS.ontology_graph, NS.reference_graph):
        assert _count(first, graph) == _count(second, graph) > 1000
