"""Flask application factory: one blueprint per surface."""

from __future__ import annotations

from typing import Any

from flask import Flask

from conflict_kg.namespaces import DataNamespace
from conflict_kg.server import reconcile, search, state
from conflict_kg.settings import Settings, load_settings
from conflict_kg.store import GraphStore, OxigraphStore, open_configured_store


def create_app(
    settings: Settings | None = None,
    store: GraphStore | None = None,
    test_config: dict[str, Any] | None = None,
) -> Flask:
    """Build the app; opens the store named by the settings unless one is given."""
    settings = settings or load_settings()
    app = Flask(__name__)
    if test_config:
        app.config.update(test_config)
    owned = store is None
    state.install(app, state.AppState(
        settings=settings,
        namespace=DataNamespace(settings.base_iri),
        store=store if store is not None else open_configured_store(settings),
        owns_store=owned,
    ))

    from conflict_kg.server import (
        conditional,
        documents,
        graph_store,
        health,
        metrics,
        protocol,
        result_cache,
        security_headers,
        service_description,
        sparql,
        summaries,
    )

    security_headers.init_app(app)
    protocol.init_app(app)
    conditional.init_app(app)
    summaries.init_app(app)
    # Only a store this app opened itself is written by nobody else (see result_cache).
    result_cache.init_app(app, sole_writer=owned and isinstance(
        state.of(app).store, OxigraphStore))
    metrics.init_app(app)
    sparql.init_app(app)
    graph_store.init_app(app)
    documents.init_app(app)
    service_description.init_app(app)
    health.init_app(app)
    # Imported here: the views import server.context, which imports this package.
    from conflict_kg.server import linked_data, named_queries, openapi, pages, pages_map

    linked_data.init_app(app)
    pages.init_app(app)
    named_queries.init_app(app)
    openapi.init_app(app)
    search.init_app(app)
    reconcile.init_app(app)
    pages_map.init_app(app)
    return app
