"""The layers hold: no import cycle, no upward import, no unexplained deferred import.

Layers, bottom up: core (everything not named below) <- ingest <- server <- cli.
A module imports only its own layer and those below. An import inside a
function must say why on its line or the line above (``# ...``): startup time,
an optional dependency; never only to dodge a cycle.

The ``KNOWN_*`` sets are the violations still standing (issue #18): they may only
shrink. A new violation fails; so does an entry that no longer occurs, so the
list is pruned as each is fixed. At the end of the work they are empty.
"""

from __future__ import annotations

import ast

import pytest

from tests.architecture.import_graph import (
    LAYERS,
    Import,
    cycles,
    layer,
    module_files,
    package_imports,
)

KNOWN_CYCLES: frozenset[str] = frozenset()

KNOWN_UPWARD: frozenset[str] = frozenset()

KNOWN_UNEXPLAINED_DEFERRED: frozenset[str] = frozenset()


@pytest.fixture(scope="module")
def runtime_imports() -> list[Import]:
    """Imports that run: those under ``if TYPE_CHECKING:`` never do."""
    return [edge for edge in package_imports() if not edge.type_only]


def _check(found: set[str], known: frozenset[str], what: str) -> None:
    new = sorted(found - known)
    fixed = sorted(known - found)
    assert not new, f"new {what}: {new}"
    assert not fixed, f"fixed {what} still listed as known (remove them): {fixed}"


def test_no_import_cycle(runtime_imports: list[Import]) -> None:
    found = {" ".join(component) for component in cycles(runtime_imports)}
    _check(found, KNOWN_CYCLES, "import cycles")


def test_no_upward_import(runtime_imports: list[Import]) -> None:
    rank = {name: position for position, name in enumerate(LAYERS)}
    found = {f"{edge.source} -> {edge.target}" for edge in runtime_imports
             if rank[layer(edge.target)] > rank[layer(edge.source)]}
    _check(found, KNOWN_UPWARD, "upward imports")


def test_deferred_imports_say_why(runtime_imports: list[Import]) -> None:
    found = {f"{edge.source} -> {edge.target}" for edge in runtime_imports
             if edge.deferred and not edge.reason}
    _check(found, KNOWN_UNEXPLAINED_DEFERRED, "deferred imports without a comment")


def test_graph_sees_deferred_and_symlinked_modules(runtime_imports: list[Import]) -> None:
    """The walk reaches the symlinked wings and the imports inside functions."""
    sources = {edge.source for edge in runtime_imports}
    assert "conflict_kg.server.sparql.endpoint" in sources
    assert "conflict_kg.ingest.pipeline" in sources
    assert any(edge.deferred for edge in runtime_imports)


def test_layer_of_modules() -> None:
    assert layer("conflict_kg.store.oxigraph") == "core"
    assert layer("conflict_kg.ingest.pipeline") == "ingest"
    assert layer("conflict_kg.server.sparql.endpoint") == "server"
    assert layer("conflict_kg.cli") == "cli"


# server/ wings, bottom up: a wing imports only lower wings (its own modules too).
# The front (the package's create_app, wsgi, gunicorn_worker) sits on top of all.
SERVER_WINGS = {
    "state": 0,  # the leaf: imports nothing from server
    "context": 1,  # request-time accessors of the state
    "http": 2,
    "ops": 3,
    "sparql": 4,
    "documents": 5, "linked_data": 5,
    "search": 6,
    "pages": 7,
    "named_queries": 8,
}
FRONT = 9


def server_wing(module: str) -> str | None:
    """The wing of a server module (None for the front)."""
    parts = module.split(".")
    if parts[:2] != ["conflict_kg", "server"] or len(parts) < 3:
        return None
    return parts[2] if parts[2] in SERVER_WINGS else None


def test_server_wings_import_only_lower_wings(runtime_imports: list[Import]) -> None:
    def rank(module: str) -> int:
        wing = server_wing(module)
        return FRONT if wing is None else SERVER_WINGS[wing]

    found = sorted(
        f"{edge.source} -> {edge.target}" for edge in runtime_imports
        if layer(edge.source) == "server" and layer(edge.target) == "server"
        and server_wing(edge.source) != server_wing(edge.target)
        and rank(edge.target) >= rank(edge.source))
    assert not found, f"a server wing imports a wing at its level or above: {found}"


def test_every_server_module_is_in_a_wing_or_the_front() -> None:
    front = {"conflict_kg.server", "conflict_kg.server.wsgi",
             "conflict_kg.server.gunicorn_worker"}
    loose = sorted(name for name in module_files()
                   if name.startswith("conflict_kg.server") and name not in front
                   and server_wing(name) is None)
    assert not loose, f"server modules outside the wings (put each in its wing): {loose}"


def test_only_state_touches_app_extensions() -> None:
    """App state lives under one key, defined in server/state.py and nowhere else."""
    offenders = []
    for name, path in module_files().items():
        if name.startswith("conflict_kg.server") and name != "conflict_kg.server.state":
            tree = ast.parse(path.read_text())
            offenders += [f"{name}:{node.lineno}" for node in ast.walk(tree)
                          if isinstance(node, ast.Attribute) and node.attr == "extensions"]
    assert not offenders, f"app.extensions used outside server/state.py: {offenders}"


def test_the_wing_rule_sees_an_upward_import() -> None:
    """The rule above would catch a low wing importing a high one."""
    assert server_wing("conflict_kg.server.http.formats") == "http"
    assert SERVER_WINGS["http"] < SERVER_WINGS["pages"]
    assert server_wing("conflict_kg.server.wsgi") is None
