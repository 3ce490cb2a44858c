"""After a write over HTTP: bring the inferred graph and the search index up to date.

:func:`refresh_inferences` is the single hook every write path calls (SPARQL
Update, graph store protocol, documents API).  It uses the incremental API of
:mod:`conflict_kg.reasoning` when the changed graphs are known, and a full
recomputation otherwise.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import pyoxigraph as ox

from conflict_kg import reasoning
from conflict_kg.namespaces import DataNamespace
from conflict_kg.server import state
from conflict_kg.store import GraphStore

log = logging.getLogger(__name__)


def refresh_inferences(
    store: GraphStore,
    ns: DataNamespace,
    *,
    added: Iterable[str] = (),
    removed: Iterable[ox.Triple] = (),
    full: bool = False,
) -> str:
    """Update ``…/graph/inferred`` and the search index (see :func:`_refresh_inferences`)."""
    added, removed = list(added), list(removed)
    try:
        return _refresh_inferences(store, ns, added=added, removed=removed, full=full)
    finally:
        _refresh_search_index(added=added, removed=removed, full=full)


def _refresh_search_index(*, added: list[str], removed: list[ox.Triple], full: bool) -> None:
    """The label index of ``/search`` follows every write (the inferred types too)."""
    from flask import has_app_context

    if has_app_context():
        index = getattr(state.current(), "search_index", None)
        if index is not None:
            index.after_write(added=added, removed=removed, full=full)


def _refresh_inferences(
    store: GraphStore,
    ns: DataNamespace,
    *,
    added: Iterable[str] = (),
    removed: Iterable[ox.Triple] = (),
    full: bool = False,
) -> str:
    """Update ``…/graph/inferred``; return a one-line summary (never raises).

    ``added``: graphs whose content is new; ``removed``: triples that left the
    asserted graphs; ``full``: the change is unknown (e.g. a SPARQL Update).
    """
    from flask import has_app_context

    if has_app_context() and not state.current().settings.reason_on_write:
        return "inferences not updated (reason_on_write is off)"
    try:
        if full:
            report = reasoning.reason(store, ns)
        else:
            report = reasoning.reason_incremental(store, ns, added=list(added),
                                                  removed=list(removed))
    except Exception:  # a failed refresh must not undo the write the client made
        log.exception("reasoning after a write failed; the inferred graph may be stale")
        return "inferences may be stale (reasoning failed; see the server log)"
    return str(report)
