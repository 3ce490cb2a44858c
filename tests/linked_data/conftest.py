"""A store with the user's seed article, the demo corpus and the analyst fixture, and a client.

The corpus is built once per module on each backend (ids ``[oxigraph]`` and
``[virtuoso]``): embedded pyoxigraph in memory, and Virtuoso through the remote
store a deployment configured with ``--store http://…/sparql`` opens.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conflict_kg import ingest
from conflict_kg.namespaces import DataNamespace
from conflict_kg.reasoning import reason
from conflict_kg.resources import demo_corpus_dir
from conflict_kg.server import create_app
from conflict_kg.settings import load_settings
from conflict_kg.store import GraphStore
from tests.conftest import BACKENDS, BASE, SEED, backend_store, mark_if_it_uses
from tests.linked_data import analyst_fixture

__all__ = ["BASE", "local"]


def pytest_itemcollected(item: pytest.Item) -> None:
    mark_if_it_uses(item, "corpus")  # the fixture below reads ../shared


@pytest.fixture(scope="module", params=BACKENDS)
def corpus(request: pytest.FixtureRequest) -> Iterator[tuple[GraphStore, dict[str, str]]]:
    """Seed + demo ingested, plus the analyst fixture graph (module-scoped: read-only tests)."""
    with backend_store(request, request.param, holder=request.module.__name__) as store:
        ns = DataNamespace(BASE)
        assert SEED.is_file(), f"the user's seed article is missing at {SEED}"
        report = ingest.run([SEED, demo_corpus_dir()], store, ns)
        assert report.ok, report.errors
        iris = analyst_fixture.load(store, ns)
        # Analyst queries read the reasoned graph (types, ck:locatedIn closure), as served.
        reason(store, ns)
        yield store, iris


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
