"""Sentences extracted on their own and their events (class, factuality, agents, date),
for the tests of event wordings."""

from __future__ import annotations

import datetime as dt

from conflict_kg.ingest import factuality
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


def assert_pair_of_shapes(non_actual: tuple[str, str, str, str],
                          actual: tuple[str, str, str]) -> None:
    """The cue text around a trigger gives ``non_actual``'s value; its counterpart,
    the same trigger said as done, is actual with evidence."""
    before, trigger, after, value = non_actual
    assert factuality.classify(before, after, trigger) == value
    before, trigger, after = actual
    assert factuality.classify(before, after, trigger) == factuality.ACTUAL
    assert factuality.has_actual_evidence(before, trigger, after)


def assert_value_and_counterpart(kb: KnowledgeBase, text: str, counterpart: str,
                                 wanted: str, value: str) -> None:
    """``text``'s events of class ``wanted`` all carry ``value``; the counterpart's are actual."""
    found = [e for e in events(kb, text) if e["class"] == wanted]
    assert found and {e["f"] for e in found} == {value}, events(kb, text)
    found = [e for e in events(kb, counterpart) if e["class"] == wanted]
    assert found and {e["f"] for e in found} == {"actual"}, events(kb, counterpart)
