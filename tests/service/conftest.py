"""Fixtures of the SPARQL service tests: an app over a real store, on each backend.

``store`` is an empty store per test, once per backend (ids ``[oxigraph]`` and
``[virtuoso]``); ``app`` and ``client`` are built over it.
"""

from __future__ import annotations

from typing import Any

import pytest

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


@pytest.fixture
def store(fresh_store: GraphStore) -> GraphStore:
    return fresh_store


@pytest.fixture
def app(store):  # type: ignore[no-untyped-def]
    return make_app(store)


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    return app.test_client()
