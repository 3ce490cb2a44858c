"""Callers use the store interface: no backend class checks, no reach into pyoxigraph.

Outside ``conflict_kg/store`` (the package, ingest and server through their
symlinks, and ``benchmarks/``), code branches on ``store.capabilities``
(``StoreCapabilities``), never on ``isinstance(store, OxigraphStore)``, and reads
quads through ``store.native_quads()``, never through the embedded store's ``raw``
pyoxigraph object (``.raw``, ``getattr(store, "raw")``).  Read with ``ast``, so
comments and strings do not count.  Tests are exempt: they may look inside.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.architecture.import_graph import ROOT, module_files

BACKEND_CLASSES = frozenset({"OxigraphStore", "RemoteStore"})
STORE_PACKAGE = "conflict_kg.store"
BENCHMARKS = ROOT.parent / "benchmarks"


def _names(node: ast.expr) -> list[str]:
    """The class names an ``isinstance`` second argument refers to."""
    if isinstance(node, ast.Tuple):
        return [name for element in node.elts for name in _names(element)]
    if isinstance(node, ast.Name):
        return [node.id]
    if isinstance(node, ast.Attribute):
        return [node.attr]
    return []


def violations(source: str) -> list[str]:
    """``line: what`` for every reach around the store interface in ``source``."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "raw":
            found.append(f"{node.lineno}: .raw")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            args = node.args
            if node.func.id == "isinstance" and len(args) == 2:
                backends = sorted(BACKEND_CLASSES.intersection(_names(args[1])))
                found += [f"{node.lineno}: isinstance(..., {name})" for name in backends]
            elif (node.func.id in ("getattr", "hasattr") and len(args) >= 2
                  and isinstance(args[1], ast.Constant) and args[1].value == "raw"):
                found.append(f"{node.lineno}: {node.func.id}(..., 'raw')")
    return sorted(found, key=lambda entry: int(entry.split(":")[0]))


def _checked_files() -> dict[str, Path]:
    files = {name: path for name, path in module_files().items()
             if name != STORE_PACKAGE and not name.startswith(STORE_PACKAGE + ".")}
    if BENCHMARKS.is_dir():  # a source checkout; the built wheel has none
        files.update({f"benchmarks/{path.name}": path for path in BENCHMARKS.glob("*.py")})
    return files


def test_no_reach_around_the_store_interface() -> None:
    found = [f"{name}:{entry}" for name, path in sorted(_checked_files().items())
             for entry in violations(path.read_text(encoding="utf-8"))]
    assert not found, ("branch on store.capabilities and use store.native_quads() "
                       f"(docs/architecture.md, the store interface): {found}")


def test_the_walk_covers_the_callers() -> None:
    files = _checked_files()
    for caller in ("conflict_kg.reasoning.engine", "conflict_kg.checks.triples",
                   "conflict_kg.ingest.pipeline", "conflict_kg.server.sparql"):
        assert caller in files
    assert not any(name.startswith(STORE_PACKAGE) for name in files)
    if BENCHMARKS.is_dir():
        assert "benchmarks/ingest.py" in files


def test_planted_reaches_are_found() -> None:
    planted = (
        "from conflict_kg.store import OxigraphStore, oxigraph\n"
        "def f(store, other):\n"
        "    if isinstance(store, OxigraphStore):\n"
        "        store.raw.flush()\n"
        "    if isinstance(other, (int, oxigraph.OxigraphStore)):\n"
        "        getattr(other, 'raw', None)\n"
        "    # isinstance(store, OxigraphStore) in a comment does not count\n"
        "    return isinstance(store, dict), 'store.raw'\n"
    )
    assert violations(planted) == [
        "3: isinstance(..., OxigraphStore)",
        "4: .raw",
        "5: isinstance(..., OxigraphStore)",
        "6: getattr(..., 'raw')",
    ]


def test_capability_checks_pass() -> None:
    clean = (
        "def f(store):\n"
        "    if store.capabilities.native_quads:\n"
        "        store.native_quads().settle()\n"
    )
    assert violations(clean) == []
