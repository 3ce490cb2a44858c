"""Sentences extracted on their own and their events' factuality and claims, for the
factuality tests (tests/ingest/test_factuality*.py)."""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox

from conflict_kg.ingest.extract import extract
from conflict_kg.ingest.kb import KnowledgeBase
from conflict_kg.ingest.sources import SourceDocument
from conflict_kg.namespaces import PREFIXES
from tests.support.ingest.extraction import NS

PUBLISHED = dt.date(2021, 3, 12)  # a Friday
PREFIX_LINES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def graph(kb: KnowledgeBase, text: str) -> ox.Store:
    doc = SourceDocument("factuality-test", text, "test", {"published": PUBLISHED})
    store = ox.Store()
    store.bulk_load(extract(doc, kb, NS).ntriples, ox.RdfFormat.N_TRIPLES)
    return store


def select(store: ox.Store, where: str) -> list[dict[str, str]]:
    results = store.query(PREFIX_LINES + "SELECT * WHERE { " + where + " }")
    names = [v.value for v in results.variables]  # type: ignore[union-attr]
    return [{n: row[n].value for n in names if row[n] is not None}
            for row in results]  # type: ignore[union-attr]


def factualities(store: ox.Store, event_class: str) -> set[str]:
    rows = select(store, f"?e a ck:{event_class} ; ck:factuality ?f .")
    return {r["f"].rsplit("#", 1)[-1] for r in rows}


def claims(store: ox.Store) -> list[dict[str, str]]:
    return select(store, "?c a ck:Claim ; ck:claimant ?who ; ck:stance ?stance . "
                         "OPTIONAL { ?c ck:content ?content } OPTIONAL { ?c ck:about ?about } "
                         "OPTIONAL { ?c ck:date ?date }")
