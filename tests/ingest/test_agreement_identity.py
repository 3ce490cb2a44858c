"""Agreement and provision identity: different terms never share a node.

Invented sentences. Provisions are keyed by what they say, so two documents
about one agreement never give different terms one IRI; agreements of the
same parties in different years are different nodes.
"""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox
import pytest

from conflict_kg.bundled import ensure_bundled
from conflict_kg.ingest.extract import extract
from conflict_kg.ingest.kb import KnowledgeBase
from conflict_kg.ingest.sources import SourceDocument
from conflict_kg.namespaces import PREFIXES
from conflict_kg.store import OxigraphStore
from tests.ingest.conftest import NS

PREFIX_LINES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())

FIRST = ("Armenia and Azerbaijan signed an agreement in Moscow on March 3, 2021. "
         "Under the agreement, Armenian forces will withdraw from the district by March 20, "
         "2021.")
SECOND = ("Armenia and Azerbaijan signed an agreement in Moscow on March 3, 2021. "
          "Under the agreement, heavy weapons will be withdrawn from the border by April 5, "
          "2021.")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    store = OxigraphStore.in_memory()
    ensure_bundled(store, NS)
    return KnowledgeBase.from_store(store, [NS.ontology_graph, NS.reference_graph])


def ingest(store: ox.Store, kb: KnowledgeBase, doc_id: str, text: str,
           published: dt.date) -> None:
    doc = SourceDocument(doc_id, text, "test", {"published": published})
    graph = ox.NamedNode(NS.document_graph(doc_id))
    store.extend(ox.Quad(t.subject, t.predicate, t.object, graph)
                 for t in ox.parse(extract(doc, kb, NS).ntriples, format=ox.RdfFormat.N_TRIPLES))


def provisions(store: ox.Store) -> dict[str, set[str]]:
    rows = store.query(PREFIX_LINES + "SELECT ?p ?d { GRAPH ?g { ?a ck:provision ?p . "
                       "OPTIONAL { ?p ck:deadline ?d } } }")
    found: dict[str, set[str]] = {}
    for row in rows:  # type: ignore[union-attr]
        found.setdefault(row["p"].value, set())
        if row["d"] is not None:
            found[row["p"].value].add(row["d"].value)
    return found


def test_two_documents_never_give_different_terms_one_provision(kb: KnowledgeBase) -> None:
    store = ox.Store()
    ingest(store, kb, "first", FIRST, dt.date(2021, 3, 4))
    ingest(store, kb, "second", SECOND, dt.date(2021, 3, 5))
    found = provisions(store)
    assert {"2021-03-20", "2021-04-05"} <= set().union(*found.values())
    assert all(len(deadlines) <= 1 for deadlines in found.values()), found


def test_the_same_document_again_keeps_its_provision_iris(kb: KnowledgeBase) -> None:
    once, twice = ox.Store(), ox.Store()
    ingest(once, kb, "first", FIRST, dt.date(2021, 3, 4))
    ingest(twice, kb, "first", FIRST, dt.date(2021, 3, 4))
    assert provisions(once) and provisions(once).keys() == provisions(twice).keys()


def test_same_parties_same_city_other_year_is_another_agreement(kb: KnowledgeBase) -> None:
    store = ox.Store()
    ingest(store, kb, "first", FIRST, dt.date(2021, 3, 4))
    ingest(store, kb, "later", FIRST.replace("2021", "2023"), dt.date(2023, 3, 4))
    rows = store.query(PREFIX_LINES + "SELECT DISTINCT ?a { GRAPH ?g { ?a a ck:Agreement ; "
                       "ck:party <" + NS.base + "id/state/armenia> } }")
    assert len(list(rows)) == 2  # type: ignore[arg-type]
