"""Each backend states its capabilities as data; callers branch on those, not on classes."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from conflict_kg.store import (
    GraphStore,
    NativeQuads,
    OxigraphStore,
    RemoteEndpoints,
    RemoteStore,
    StoreCapabilities,
    StoreError,
)
from conflict_kg.store.journal import graph_size

G = "http://example.org/g"
T = ox.Triple(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"),
              ox.Literal("o"))


def test_embedded_in_memory() -> None:
    store = OxigraphStore.in_memory()
    assert store.capabilities == StoreCapabilities(
        native_quads=True, persistent=False, exclusive=True, variable_predicate_joins=True)
    assert isinstance(store, GraphStore)


def test_embedded_on_disk_is_persistent(tmp_path: Path) -> None:
    store = OxigraphStore.open(tmp_path / "store")
    assert store.capabilities.persistent and store.capabilities.native_quads
    store.close()


def test_remote_has_no_native_quads() -> None:
    # Nothing is sent: building the store opens no connection.
    store = RemoteStore(RemoteEndpoints("http://127.0.0.1:9/sparql", "http://127.0.0.1:9/update"),
                        "http://example.org/graph/")
    assert store.capabilities == StoreCapabilities(persistent=True)
    assert isinstance(store, GraphStore)
    with pytest.raises(StoreError, match="no quad-level access"):
        store.native_quads()


def test_capabilities_are_frozen() -> None:
    with pytest.raises(AttributeError):
        OxigraphStore.in_memory().capabilities.native_quads = False  # type: ignore[misc]


def test_native_quads_read_and_write_the_store() -> None:
    store = OxigraphStore.in_memory()
    quads = store.native_quads()
    assert isinstance(quads, NativeQuads)
    quad = ox.Quad(T.subject, T.predicate, T.object, ox.NamedNode(G))
    quads.add([quad])
    assert quads.contains(quad) and quads.has_graph(ox.NamedNode(G))
    assert list(quads.match(graph=ox.NamedNode(G))) == [quad]
    assert quads.count(ox.NamedNode(G)) == 1 == store.count(G) == graph_size(store, G)
    assert [batch for batch in quads.chunks(ox.NamedNode(G))] == [[quad]]
    quads.remove(quad)
    assert quads.count() == 0
    quads.load_ntriples(f"{T} .\n".encode(), ox.NamedNode(G))
    quads.flush()
    assert store.count(G) == 1
    quads.clear_graph(ox.NamedNode(G))
    assert store.graphs() == []
