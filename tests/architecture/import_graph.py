"""The import graph of the conflict_kg package, read from source with ``ast``.

Every ``import`` statement counts, also those inside functions and under
``if TYPE_CHECKING:`` (marked so they can be told apart: they never run).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import conflict_kg

PACKAGE = "conflict_kg"
ROOT = Path(conflict_kg.__file__).resolve().parent
# Layers from the bottom up: a module may import its own layer and those below.
LAYERS = ("core", "ingest", "server", "cli")


@dataclass(frozen=True)
class Import:
    source: str  # importing module
    target: str  # imported package module
    line: int
    deferred: bool  # inside a function: runs on first call, not at import time
    type_only: bool  # under ``if TYPE_CHECKING:``
    reason: str  # the comment on or just above the line, for deferred imports


def module_files() -> dict[str, Path]:
    """Module name -> source file, for every module of the package."""
    files: dict[str, Path] = {}
    # conflict_kg/ingest and conflict_kg/server are symlinks: walk by name, not resolved path.
    stack = [ROOT]
    while stack:
        folder = stack.pop()
        for path in sorted(folder.iterdir()):
            if path.is_dir() and (path / "__init__.py").exists():
                stack.append(path)
            elif path.suffix == ".py":
                parts = path.relative_to(ROOT).with_suffix("").parts
                if parts[-1] == "__init__":
                    parts = parts[:-1]
                files[".".join((PACKAGE, *parts))] = path
    return files


def layer(module: str) -> str:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else ""
    return top if top in LAYERS else "core"


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _known(name: str, modules: set[str]) -> str | None:
    """The package module a dotted name refers to (longest known prefix)."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return None


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _reason(lines: list[str], line: int) -> str:
    """The comment at the end of the import line or on the line above it."""
    own = lines[line - 1]
    if "#" in own:
        return own.split("#", 1)[1].strip()
    above = lines[line - 2].strip() if line >= 2 else ""
    return above[1:].strip() if above.startswith("#") else ""


def imports_of(module: str, path: Path, modules: set[str]) -> list[Import]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source, filename=str(path))
    found: list[Import] = []
    is_package = path.name == "__init__.py"

    def visit(node: ast.AST, deferred: bool, type_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                visit(child, True, type_only)
            elif isinstance(child, ast.If) and _is_type_checking(child.test):
                for stmt in child.body:
                    visit_stmt(stmt, deferred, True)
                for stmt in child.orelse:
                    visit_stmt(stmt, deferred, type_only)
            else:
                visit_stmt(child, deferred, type_only)

    def visit_stmt(child: ast.AST, deferred: bool, type_only: bool) -> None:
        names: list[str] = []
        if isinstance(child, ast.Import):
            names = [alias.name for alias in child.names]
        elif isinstance(child, ast.ImportFrom):
            base = _resolve(module, is_package, child)
            names = [f"{base}.{alias.name}" for alias in child.names]
        else:
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                visit(child, True, type_only)
            else:
                visit(child, deferred, type_only)
            return
        for name in names:
            target = _known(name, modules)
            if target and target != module:
                found.append(Import(module, target, child.lineno, deferred, type_only,
                                    _reason(lines, child.lineno) if deferred else ""))

    visit(tree, False, False)
    return found


def package_imports() -> list[Import]:
    files = module_files()
    names = set(files)
    return [imp for module, path in files.items() for imp in imports_of(module, path, names)]


def cycles(edges: list[Import]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    graph: dict[str, set[str]] = {}
    for edge in edges:
        graph.setdefault(edge.source, set()).add(edge.target)
        graph.setdefault(edge.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: list[list[str]] = []
    counter = 0

    def connect(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return sorted(result)
