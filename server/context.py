"""Access to the app's store, namespace and settings from request handlers."""

from __future__ import annotations

from flask import current_app, has_request_context, request

from conflict_kg.namespaces import DataNamespace
from conflict_kg.settings import Settings
from conflict_kg.store import GraphStore


def store() -> GraphStore:
    from conflict_kg.server import STORE_KEY

    result: GraphStore = current_app.extensions[STORE_KEY]
    return result


def namespace() -> DataNamespace:
    from conflict_kg.server import NAMESPACE_KEY

    result: DataNamespace = current_app.extensions[NAMESPACE_KEY]
    return result


def settings() -> Settings:
    from conflict_kg.server import SETTINGS_KEY

    result: Settings = current_app.extensions[SETTINGS_KEY]
    return result


def client_address() -> str | None:
    """Who is asking, for fair admission: the remote address of the connection.

    Behind a reverse proxy every client has the proxy's address: there, set
    ``max_queries_per_client`` to 0 and limit clients at the proxy.
    """
    if not has_request_context():
        return None  # work the service starts itself: no client to count
    return request.remote_addr or "unknown"
