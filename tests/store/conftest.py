"""Every store test runs on each backend: embedded pyoxigraph and Virtuoso over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conflict_kg.settings import load_settings
from conflict_kg.store import GraphStore, OxigraphStore, open_configured_store
from tests.store.virtuoso import Virtuoso, running_virtuoso

BASE = "https://w3id.org/conflict-kg/"


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


def _clear_remote(store: GraphStore) -> None:
    for graph in store.graphs():
        store.drop_graph(graph)


@pytest.fixture(params=["oxigraph", "virtuoso"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    if request.param == "oxigraph":
        yield OxigraphStore.open(tmp_path / "store")
        return
    server: Virtuoso = request.getfixturevalue("virtuoso")
    settings = load_settings(
        {"store": server.sparql, "store_graph_store_url": server.graph_store, "base_iri": BASE},
        environ={},
    )
    store = open_configured_store(settings)
    _clear_remote(store)
    yield store
    _clear_remote(store)
