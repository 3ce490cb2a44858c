"""Access to the app's store, namespace and settings from request handlers."""

from __future__ import annotations

from flask import has_request_context, request

from conflict_kg.namespaces import DataNamespace
from conflict_kg.server.state import current
from conflict_kg.settings import Settings
from conflict_kg.store import GraphStore


def store() -> GraphStore:
    return current().store


def namespace() -> DataNamespace:
    return current().namespace


def settings() -> Settings:
    return current().settings


def client_address() -> str | None:
    """Who is asking, for fair admission: the remote address of the connection.

    Behind a reverse proxy every client has the proxy's address: there, set
    ``max_queries_per_client`` to 0 and limit clients at the proxy.
    """
    if not has_request_context():
        return None  # work the service starts itself: no client to count
    return request.remote_addr or "unknown"
