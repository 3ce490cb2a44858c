"""The shared read-only corpus of the server tests: the user's seed article, the demo
corpus and the analyst fixture, ingested and reasoned, and helpers over it.

The ``corpus`` fixture (tests/server/conftest.py) builds it once per session (per
xdist worker) on each backend (ids ``[oxigraph]`` and ``[virtuoso]``): embedded
pyoxigraph in memory, and Virtuoso through the remote store a deployment configured
with ``--store http://…/sparql`` opens. The ``client`` of tests/server/pages and
tests/server/named_queries is an app over it.
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
from tests.conftest import BASE, SEED, get_when_ready, remote_store
from tests.support import analyst_fixture
from tests.support.virtuoso import Virtuoso

__all__ = ["BASE", "SLOW_UNBOUND_ON_VIRTUOSO", "built_corpus", "corpus_client", "html", "local"]


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


@contextmanager
def built_corpus(request: pytest.FixtureRequest,
                 backend: str) -> Iterator[tuple[GraphStore, dict[str, str]]]:
    """Seed + demo ingested, plus the analyst fixture graph (its IRIs by name), reasoned,
    Virtuoso's on a server of its own."""
    with _corpus_store(request, backend) as store:
        ns = DataNamespace(BASE)
        assert SEED.is_file(), f"the user's seed article is missing at {SEED}"
        report = ingest.run([SEED, demo_corpus_dir()], store, ns)
        assert report.ok, report.errors
        iris = analyst_fixture.load(store, ns)
        # Analyst queries read the reasoned graph (types, ck:locatedIn closure), as served.
        reason(store, ns)
        yield store, iris


def corpus_client(corpus: tuple[GraphStore, dict[str, str]]):  # type: ignore[no-untyped-def]
    """A test client of an app over the corpus."""
    store, _ = corpus
    app = create_app(load_settings({"store": ":memory:"}, environ={}), store=store)
    return app.test_client()


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
