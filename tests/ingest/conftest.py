"""Fixtures for ingest tests: the seed article and the team's own documents, ingested once."""

from __future__ import annotations

import pytest

from conflict_kg.bundled import ensure_bundled
from conflict_kg.ingest.kb import KnowledgeBase
from conflict_kg.store import OxigraphStore
from tests.conftest import SEED, mark_if_it_uses
from tests.support.ingest.extraction import (
    CORPUS,
    NS,
    OF_STATE,
    PREFIX_LINES,
    Graph,
    extracted,
    ingest_one,
    iri,
)

# Re-exported: the ingest tests import these helpers from here.
__all__ = ["CORPUS", "NS", "OF_STATE", "PREFIX_LINES", "Graph", "extracted", "ingest_one", "iri"]


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The knowledge base of the bundled ontology and reference data, built once."""
    store = OxigraphStore.in_memory()
    ensure_bundled(store, NS)
    return KnowledgeBase.from_store(store, [NS.ontology_graph, NS.reference_graph])


def pytest_itemcollected(item: pytest.Item) -> None:
    mark_if_it_uses(item, "seed")  # the fixture below reads ../shared


@pytest.fixture(scope="session")
def seed() -> Graph:
    assert SEED.is_file(), f"the user's seed article is missing at {SEED}"
    return ingest_one(SEED)


@pytest.fixture(scope="session")
def own() -> dict[str, Graph]:
    return {p.stem: ingest_one(p) for p in sorted(CORPUS.glob("*.md"))}
