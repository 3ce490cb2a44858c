"""Fixtures of the SPARQL service tests: an app over a real in-memory store."""

from __future__ import annotations

from typing import Any

import pytest

from conflict_kg.settings import load_settings
from conflict_kg.store import OxigraphStore
from server import create_app

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def make_app(store: OxigraphStore | None = None, **overrides: Any):  # type: ignore[no-untyped-def]
    values: dict[str, Any] = {"store": ":memory:", "update_token": TOKEN}
    values.update(overrides)
    settings = load_settings(values, environ={})
    return create_app(settings, store=store if store is not None else OxigraphStore.in_memory())


@pytest.fixture
def app():  # type: ignore[no-untyped-def]
    return make_app()


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    return app.test_client()
