"""Fixtures of the search tests: the seed article and the demo corpus, ingested and
reasoned into an embedded store once per module, and an app over it (overriding the
``corpus`` and ``client`` of tests/server/conftest.py, whose hook marks the tests that
use ``corpus`` as reading ../shared)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conflict_kg import ingest
from conflict_kg.namespaces import DataNamespace
from conflict_kg.reasoning import reason
from conflict_kg.resources import demo_corpus_dir
from conflict_kg.server import create_app
from conflict_kg.settings import load_settings
from conflict_kg.store import OxigraphStore
from tests.conftest import BASE, SEED


@pytest.fixture(scope="module")
def corpus() -> Iterator[OxigraphStore]:
    store = OxigraphStore.in_memory()
    ns = DataNamespace(BASE)
    report = ingest.run([SEED, demo_corpus_dir()], store, ns)
    assert report.ok, report.errors
    reason(store, ns)
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(corpus):  # type: ignore[no-untyped-def]
    app = create_app(load_settings({"store": ":memory:"}, environ={}), store=corpus)
    return app.test_client()
