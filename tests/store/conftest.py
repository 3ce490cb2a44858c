"""Every store test runs on each backend: embedded pyoxigraph and Virtuoso over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conflict_kg.store import GraphStore, OxigraphStore
from tests.conftest import BASE, remote_store
from tests.support.virtuoso import Virtuoso

__all__ = ["BASE", "_clear_remote"]




def _clear_remote(store: GraphStore) -> None:
    for graph in store.graphs():
        store.drop_graph(graph)


@pytest.fixture(params=["oxigraph", "virtuoso"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    if request.param == "oxigraph":
        yield OxigraphStore.open(tmp_path / "store")
        return
    server: Virtuoso = request.getfixturevalue("virtuoso")
    store = remote_store(server)
    _clear_remote(store)
    yield store
    _clear_remote(store)
