"""A store with the user's seed article, the demo corpus and the analyst fixture, and a client."""

from __future__ import annotations

import pytest

import ingest
from conflict_kg.namespaces import DataNamespace
from conflict_kg.reasoning import reason
from conflict_kg.resources import demo_corpus_dir
from conflict_kg.settings import load_settings
from conflict_kg.store import OxigraphStore
from server import create_app
from tests.conftest import SEED
from tests.linked_data import analyst_fixture

BASE = "https://w3id.org/conflict-kg/"


@pytest.fixture(scope="module")
def corpus() -> tuple[OxigraphStore, dict[str, str]]:
    """Seed + demo ingested, plus the analyst fixture graph (module-scoped: read-only tests)."""
    store = OxigraphStore.in_memory()
    ns = DataNamespace(BASE)
    assert SEED.is_file(), f"the user's seed article is missing at {SEED}"
    report = ingest.run([SEED, demo_corpus_dir()], store, ns)
    assert report.ok, report.errors
    iris = analyst_fixture.load(store, ns)
    # Analyst queries read the reasoned graph (types, ck:locatedIn closure), as served.
    reason(store, ns)
    return store, iris


@pytest.fixture(scope="module")
def client(corpus):
    store, _ = corpus
    app = create_app(load_settings({"store": ":memory:"}, environ={}), store=store)
    return app.test_client()


@pytest.fixture(scope="module")
def iris(corpus) -> dict[str, str]:
    return corpus[1]


def local(iri: str) -> str:
    """The path that dereferences a data IRI."""
    assert iri.startswith(BASE)
    return "/" + iri[len(BASE):]


