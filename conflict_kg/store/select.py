"""Choose the backend from the settings: a directory or ':memory:' is embedded, a URL is remote."""

from __future__ import annotations

from conflict_kg.namespaces import DataNamespace
from conflict_kg.settings import Settings
from conflict_kg.store.base import GraphStore
from conflict_kg.store.connector import RemoteEndpoints
from conflict_kg.store.oxigraph import open_store
from conflict_kg.store.remote import RemoteStore


def is_remote(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def open_configured_store(settings: Settings) -> GraphStore:
    """Open the store named by the ``store`` setting and its companions."""
    location: str = settings.store
    if not is_remote(location):
        return open_store(location)
    endpoints = RemoteEndpoints(
        query=location,
        update=settings.store_update_url or location,
        graph_store=settings.store_graph_store_url or None,
        user=settings.store_user or None,
        password=settings.store_password or None,
        timeout=settings.store_timeout,
    )
    graph_prefix = DataNamespace(settings.base_iri).base + "graph/"
    return RemoteStore(endpoints, graph_prefix)
