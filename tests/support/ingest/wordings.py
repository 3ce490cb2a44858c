"""Sentences extracted on their own and their events (class, factuality, agents, date),
for the tests of event wordings."""

from __future__ import annotations

import datetime as dt

from conflict_kg.ingest.kb import KnowledgeBase
from tests.support.ingest.extraction import PREFIX_LINES, extracted

PUBLISHED = dt.date(2022, 5, 6)  # a Friday


def events(kb: KnowledgeBase, text: str) -> list[dict[str, str]]:
    """Each event: its class, factuality, agents (slugs, comma-joined) and date."""
    store = extracted(kb, text, "wordings-test", PUBLISHED)
    rows = store.query(PREFIX_LINES + """
        SELECT ?e ?class ?f (GROUP_CONCAT(DISTINCT STR(?a); separator=",") AS ?agents)
               (SAMPLE(?d) AS ?date) {
          ?e a ?class ; ck:factuality ?f . FILTER(?class != ck:Event)
          OPTIONAL { ?e ck:agent ?a } OPTIONAL { ?e ck:date ?d }
        } GROUP BY ?e ?class ?f""")
    found = []
    for row in rows:  # type: ignore[union-attr]
        agents = row["agents"].value if row["agents"] is not None else ""
        found.append({
            "class": row["class"].value.rsplit("#", 1)[-1],
            "f": row["f"].value.rsplit("#", 1)[-1],
            "agents": ",".join(sorted(a.rsplit("/", 1)[-1] for a in agents.split(",") if a)),
            "date": row["date"].value if row["date"] is not None else "",
        })
    return found


def of_class(kb: KnowledgeBase, text: str, event_class: str) -> list[dict[str, str]]:
    return [e for e in events(kb, text) if e["class"] == event_class]
