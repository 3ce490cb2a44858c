"""Flask application factory: builds the app state, then each wing's ``init_app``.

Wings, bottom up (a wing imports only those below it, see docs/architecture.md):
``state``/``context`` (the leaf) < ``http`` < ``ops`` < ``sparql`` <
``documents``, ``linked_data`` < ``search`` < ``pages`` < ``named_queries``.
``wsgi`` and ``gunicorn_worker`` are the front that serves the app.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from conflict_kg.namespaces import DataNamespace
from conflict_kg.server import (
    documents,
    http,
    named_queries,
    ops,
    pages,
    search,
    sparql,
    state,
)
from conflict_kg.settings import Settings, load_settings
from conflict_kg.store import GraphStore, open_configured_store


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
    state.install(app, state.AppState(
        settings=settings,
        namespace=DataNamespace(settings.base_iri),
        store=store if store is not None else open_configured_store(settings),
        owns_store=store is None,
    ))
    for wing in (http, ops, sparql, documents, pages, named_queries, search):
        wing.init_app(app)
    return app
