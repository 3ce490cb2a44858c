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

import pytest

from tests.architecture.import_graph import LAYERS, Import, cycles, layer, package_imports

KNOWN_CYCLES: frozenset[str] = frozenset()

KNOWN_UPWARD: frozenset[str] = frozenset()

KNOWN_UNEXPLAINED_DEFERRED = frozenset({
    "conflict_kg.checks -> conflict_kg.reasoning",
    "conflict_kg.checks.strict -> conflict_kg.checks",
    "conflict_kg.cli -> conflict_kg.bundled",
    "conflict_kg.cli -> conflict_kg.checks",
    "conflict_kg.cli -> conflict_kg.ingest",
    "conflict_kg.cli -> conflict_kg.ingest.progress",
    "conflict_kg.cli -> conflict_kg.ingest.sources",
    "conflict_kg.cli -> conflict_kg.ontology_docs",
    "conflict_kg.cli -> conflict_kg.paths",
    "conflict_kg.cli -> conflict_kg.querying",
    "conflict_kg.cli -> conflict_kg.reasoning",
    "conflict_kg.cli -> conflict_kg.reasoning.explain",
    "conflict_kg.cli -> conflict_kg.ingest.remote",
    "conflict_kg.cli -> conflict_kg.server.wsgi",
    "conflict_kg.cli -> conflict_kg.stats",
    "conflict_kg.gazetteer -> conflict_kg.gazetteer.cities",
    "conflict_kg.gazetteer -> conflict_kg.gazetteer.render",
    "conflict_kg.gazetteer -> conflict_kg.gazetteer.states",
    "conflict_kg.gazetteer -> conflict_kg.gazetteer.subdivisions",
    "conflict_kg.gazetteer -> conflict_kg.gazetteer.towns",
    "conflict_kg.ingest.entities -> conflict_kg.ingest.dates",
    "conflict_kg.reasoning -> conflict_kg.reasoning.owlrl_engine",
    "conflict_kg.server -> conflict_kg.server.conditional",
    "conflict_kg.server -> conflict_kg.server.documents",
    "conflict_kg.server -> conflict_kg.server.graph_store",
    "conflict_kg.server -> conflict_kg.server.health",
    "conflict_kg.server -> conflict_kg.server.metrics",
    "conflict_kg.server -> conflict_kg.server.protocol",
    "conflict_kg.server -> conflict_kg.server.result_cache",
    "conflict_kg.server -> conflict_kg.server.security_headers",
    "conflict_kg.server -> conflict_kg.server.service_description",
    "conflict_kg.server -> conflict_kg.server.sparql",
    "conflict_kg.server -> conflict_kg.server.summaries",
    "conflict_kg.server.documents -> conflict_kg.ingest",
    "conflict_kg.server.documents -> conflict_kg.ingest.sources",
    "conflict_kg.server.metrics -> conflict_kg.server.health",
    "conflict_kg.server.pages -> conflict_kg.server.pages_checks",
    "conflict_kg.server.pages_checks -> conflict_kg.checks",
    "conflict_kg.server.pages_ontology -> conflict_kg.ontology_docs",
    "conflict_kg.server.writes -> conflict_kg.reasoning",
})


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
    assert "conflict_kg.server.sparql" in sources
    assert "conflict_kg.ingest.pipeline" in sources
    assert any(edge.deferred for edge in runtime_imports)


def test_layer_of_modules() -> None:
    assert layer("conflict_kg.store.oxigraph") == "core"
    assert layer("conflict_kg.ingest.pipeline") == "ingest"
    assert layer("conflict_kg.server.sparql") == "server"
    assert layer("conflict_kg.cli") == "cli"
