"""An app over a given store, and the update token the server tests send."""

from __future__ import annotations

from typing import Any

from conflict_kg.server import create_app
from conflict_kg.settings import load_settings
from conflict_kg.store import GraphStore

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def make_app(store: GraphStore, **overrides: Any):  # type: ignore[no-untyped-def]
    values: dict[str, Any] = {"store": ":memory:", "update_token": TOKEN}
    values.update(overrides)
    settings = load_settings(values, environ={})
    return create_app(settings, store=store)
