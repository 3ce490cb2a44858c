"""A document extracted on its own, for the agreement tests (tests/ingest/test_agreement*.py)."""

from __future__ import annotations

import datetime as dt

from conflict_kg.ingest.kb import KnowledgeBase
from tests.support.ingest.extraction import PREFIX_LINES, extracted


class Doc:
    def __init__(self, kb: KnowledgeBase, text: str, published: dt.date) -> None:
        self.store = extracted(kb, text, "test-doc", published)

    def rows(self, where: str) -> list[dict[str, str]]:
        results = self.store.query(PREFIX_LINES + f"SELECT * WHERE {{ {where} }}")
        names = [v.value for v in results.variables]  # type: ignore[union-attr]
        return [{n: row[n].value for n in names if row[n] is not None}
                for row in results]  # type: ignore[union-attr]

    def values(self, where: str, var: str) -> set[str]:
        return {r[var] for r in self.rows(where) if var in r}
