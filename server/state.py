"""The app's state: one typed :class:`AppState` under one ``app.extensions`` key.

This module is the leaf of ``server/``: every wing reads its state from here, and
it imports nothing from ``server`` at run time (the types of the wings' objects
are named for the type checker only). ``create_app`` builds the state with the
settings, namespace and store; each wing's ``init_app`` then sets its own field.
A field read before its wing set it raises ``AttributeError``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from flask import Flask, current_app

from conflict_kg.namespaces import DataNamespace
from conflict_kg.settings import Settings
from conflict_kg.store import GraphStore

if TYPE_CHECKING:
    from markupsafe import Markup

    from conflict_kg.server.documents.jobs import IngestJobs
    from conflict_kg.server.http.protocol import WriteGuard
    from conflict_kg.server.ops.metrics import Metrics
    from conflict_kg.server.ops.summaries import Summaries
    from conflict_kg.server.search.index import LabelIndex
    from conflict_kg.server.sparql.cache import ResultCache
    from conflict_kg.server.sparql.execution import QueryRunner

_KEY = "conflict_kg"


@dataclass
class AppState:
    settings: Settings
    namespace: DataNamespace
    store: GraphStore
    # True when create_app opened the store itself: then nobody else writes it.
    owns_store: bool
    # Set by the wings' init_app:
    write_guard: WriteGuard = field(init=False)
    summaries: Summaries = field(init=False)
    result_cache: ResultCache = field(init=False)
    metrics: Metrics = field(init=False)
    runner: QueryRunner = field(init=False)
    ingest_jobs: IngestJobs = field(init=False)
    search_index: LabelIndex = field(init=False)
    # Rendered ontology term docs per IRI-mapper prefix (pages; filled on first use).
    term_docs: dict[str, dict[str, tuple[Markup, str]]] = field(default_factory=dict)


def install(app: Flask, state: AppState) -> AppState:
    app.extensions[_KEY] = state
    return state


def of(app: Flask) -> AppState:
    result: AppState = app.extensions[_KEY]
    return result


def current() -> AppState:
    """The state of the app handling this request (or in this app context)."""
    result: AppState = current_app.extensions[_KEY]
    return result
