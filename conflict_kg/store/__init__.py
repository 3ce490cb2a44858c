"""Store access behind one small interface.

Ingest, reasoning, checks and the server talk to a :class:`GraphStore`;
the embedded pyoxigraph store is the default backend.  Terms crossing the
interface are pyoxigraph terms, whatever the backend.
"""

from conflict_kg.store.base import GraphStore, StoreCapabilities, StoreError, StoreLockedError
from conflict_kg.store.connector import RemoteEndpoints
from conflict_kg.store.native import NativeQuads
from conflict_kg.store.oxigraph import OxigraphStore, open_store
from conflict_kg.store.remote import RemoteStore
from conflict_kg.store.select import open_configured_store

__all__ = [
    "GraphStore",
    "NativeQuads",
    "OxigraphStore",
    "RemoteEndpoints",
    "RemoteStore",
    "StoreCapabilities",
    "StoreError",
    "StoreLockedError",
    "open_configured_store",
    "open_store",
]
