"""A store with the user's seed article, the demo corpus and the analyst fixture, and a client.

The corpus is built once per session (per xdist worker) on each backend (ids ``[oxigraph]`` and
``[virtuoso]``): embedded pyoxigraph in memory, and Virtuoso through the remote
store a deployment configured with ``--store http://…/sparql`` opens.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from conflict_kg import ingest
from conflict_kg.namespaces import DataNamespace
from conflict_kg.reasoning import reason
from conflict_kg.resources import demo_corpus_dir
from conflict_kg.server import create_app
from conflict_kg.settings import load_settings
from conflict_kg.store import GraphStore, OxigraphStore
from tests.conftest import BACKENDS, BASE, SEED, get_when_ready, mark_if_it_uses, remote_store
from tests.linked_data import analyst_fixture
from tests.store.virtuoso import Virtuoso

__all__ = ["BASE", "local"]


def pytest_itemcollected(item: pytest.Item) -> None:
    mark_if_it_uses(item, "corpus")  # the fixture below reads ../shared


@contextmanager
def _corpus_store(request: pytest.FixtureRequest, backend: str) -> Iterator[GraphStore]:
    if backend == "oxigraph":
        store = OxigraphStore.in_memory()
        try:
            yield store
        finally:
            store.close()
        return
    server: Virtuoso = request.getfixturevalue("corpus_virtuoso")
    server.clear()
    try:
        yield remote_store(server, BASE)
    finally:
        server.clear()


@pytest.fixture(scope="session", params=BACKENDS)
def corpus(request: pytest.FixtureRequest) -> Iterator[tuple[GraphStore, dict[str, str]]]:
    """Seed + demo ingested, plus the analyst fixture graph: built once per session and
    backend (the tests that use it only read), Virtuoso's on a server of its own."""
    with _corpus_store(request, request.param) as store:
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


def html(client, path: str) -> str:
    """The page as an analyst sees it once it is complete: what it computes in the
    background (the checks report: 202 until then; counts) finished."""
    response = get_when_ready(client, path, headers={"Accept": "text/html"})
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


# Queries Virtuoso 7 does not answer within the query timeout when no parameter is bound.
SLOW_UNBOUND_ON_VIRTUOSO = {
    "source-sentences": "Virtuoso 7 takes about 45 s for source-sentences with no parameter "
                        "bound (929 rows of seed + demo; pyoxigraph: under 0.1 s), past the "
                        "query timeout",
}
