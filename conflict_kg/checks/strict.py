"""``ingest --strict``: apply graph changes only if they add no error-severity finding."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from conflict_kg.checks import check
from conflict_kg.checks.model import Finding
from conflict_kg.namespaces import DataNamespace
from conflict_kg.reasoning import replace_and_reason
from conflict_kg.store.base import GraphStore


def _errors(store: GraphStore, ns: DataNamespace) -> dict[tuple[str, str, str], Finding]:
    report = check(store, ns, reason_first=False)
    return {(f.check, f.resource, f.message): f for f in report.findings if f.severity == "error"}


def _content(store: GraphStore, graph: str) -> list[ox.Triple] | None:
    if graph not in store.graphs():
        return None
    rows = store.query("SELECT * { GRAPH ?g { ?s ?p ?o } }",
                       substitutions={"g": ox.NamedNode(graph)})
    return [ox.Triple(r["s"], r["p"], r["o"]) for r in rows]


def apply_if_consistent(
    store: GraphStore,
    ns: DataNamespace,
    changes: dict[str, Iterable[ox.Triple] | None],
) -> tuple[bool, list[Finding]]:
    """Replace graphs (``None`` drops one) and reason; undo it all if new errors appear.

    Returns whether the change was kept and the error findings it would have
    added.  The inferred graph must be current beforehand.  Readers of the store
    may briefly see the change before it is undone; the store is never left
    with it.
    """
    before = _errors(store, ns)
    old = {graph: _content(store, graph) for graph in changes}
    replace_and_reason(store, ns, changes)
    added = [f for key, f in _errors(store, ns).items() if key not in before]
    if added:
        replace_and_reason(store, ns, dict(old))
        return False, added
    return True, []
