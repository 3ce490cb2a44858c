"""Stores holding a check fixture (Turtle or TriG with the fixtures' prefixes)."""

from __future__ import annotations

from pathlib import Path

from conflict_kg.bundled import ensure_bundled
from conflict_kg.namespaces import DataNamespace
from conflict_kg.reasoning import reason
from conflict_kg.store import OxigraphStore
from tests.checks.cases import PREFIXES

NS = DataNamespace("http://example.org/")


def store_with(turtle: str, tmp_path: Path) -> OxigraphStore:
    path = tmp_path / "data.trig"
    path.write_text(PREFIXES + turtle)
    store = OxigraphStore.in_memory()
    store.load_file(path, NS.document_graph("fixture"), keep_graphs=True)
    return store


SHACL_NS = DataNamespace("https://w3id.org/conflict-kg/")


def shacl_store(turtle: str, tmp_path: Path, reasoned: bool = True) -> OxigraphStore:
    path = tmp_path / "data.trig"  # TriG: a fixture may name a second source graph
    path.write_text(PREFIXES + turtle)
    store = OxigraphStore.in_memory()
    ensure_bundled(store, SHACL_NS)
    store.load_file(path, SHACL_NS.document_graph("fixture"), keep_graphs=True)
    if reasoned:
        reason(store, SHACL_NS)
    return store
