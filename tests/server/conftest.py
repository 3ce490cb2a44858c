"""Fixtures of the server tests, on each backend (ids ``[oxigraph]`` and ``[virtuoso]``).

``store`` is an empty store per test; ``app`` and ``client`` are built over it
(``make_app`` in tests/support/server.py). ``corpus`` is the shared read-only
corpus (seed, demo corpus, analyst fixture; tests/support/corpus.py), built once per
session and backend; tests/server/pages and tests/server/named_queries give their
tests a ``client`` over it instead, and tests/server/search one over its own corpus.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conflict_kg.store import GraphStore
from tests.conftest import BACKENDS, mark_if_it_uses
from tests.support.corpus import built_corpus
from tests.support.server import make_app


def pytest_itemcollected(item: pytest.Item) -> None:
    mark_if_it_uses(item, "corpus")  # the fixture below reads ../shared


@pytest.fixture
def store(fresh_store: GraphStore) -> GraphStore:
    return fresh_store


@pytest.fixture
def app(store):  # type: ignore[no-untyped-def]
    return make_app(store)


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    return app.test_client()


@pytest.fixture(scope="session", params=BACKENDS)
def corpus(request: pytest.FixtureRequest) -> Iterator[tuple[GraphStore, dict[str, str]]]:
    """Seed + demo ingested, plus the analyst fixture graph: built once per session and
    backend (the tests that use it only read)."""
    with built_corpus(request, request.param) as built:
        yield built


@pytest.fixture(scope="module")
def iris(corpus) -> dict[str, str]:
    return corpus[1]
