"""Every store test runs on each backend: embedded pyoxigraph and Virtuoso over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conflict_kg.store import GraphStore, OxigraphStore
from tests.conftest import BASE, remote_store
from tests.store.virtuoso import Virtuoso

__all__ = ["BASE", "_clear_remote"]


@pytest.fixture(scope="package")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """The store tests on a Virtuoso of their own (the session's, in tests/conftest.py,
    serves tests/service and tests/linked_data).

    Virtuoso 7's answer to a ``*`` path joined with other patterns depends on what the
    engine did before, not only on its data: after one entity page was served from
    another store (tests/linked_data/test_pages_own_store.py), the contested-attribution
    check found nothing in tests/store/test_contested_on_backends.py (docs/scaling.md).
    These tests were written for, and check the queries on, an engine with no such past.
    """
    from tests.store.virtuoso import running_virtuoso

    with running_virtuoso(tmp_path_factory.mktemp("virtuoso-store")) as server:
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
    store = remote_store(server)
    _clear_remote(store)
    yield store
    _clear_remote(store)
