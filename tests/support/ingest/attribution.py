"""Sentences extracted on their own and the claims in them, for the attribution tests."""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox

from conflict_kg.ingest.kb import KnowledgeBase
from tests.support.ingest.extraction import PREFIX_LINES, extracted

PUBLISHED = dt.date(2021, 3, 12)  # a Friday


def graph(kb: KnowledgeBase, text: str) -> ox.Store:
    store = extracted(kb, text, "attribution-test", PUBLISHED)
    return store


def claims(store: ox.Store) -> list[dict[str, str]]:
    query = PREFIX_LINES + """SELECT * WHERE {
        ?c a ck:Claim ; ck:claimant ?who ; ck:stance ?stance .
        OPTIONAL { ?who rdfs:label ?name }
        OPTIONAL { ?c ck:content ?content } OPTIONAL { ?c ck:quote ?quote }
        OPTIONAL { ?c ck:addressee ?addressee } OPTIONAL { ?c ck:date ?date }
        OPTIONAL { ?c ck:target ?target } OPTIONAL { ?c ck:about ?about } }"""
    results = store.query(query)
    names = [v.value for v in results.variables]  # type: ignore[union-attr]
    return [{n: row[n].value for n in names if row[n] is not None}
            for row in results]  # type: ignore[union-attr]


def by(rows: list[dict[str, str]], name: str) -> list[dict[str, str]]:
    return [r for r in rows if name in r.get("name", "") or name in r["who"]]


def stance(row: dict[str, str]) -> str:
    return row["stance"].rsplit("#", 1)[-1]
