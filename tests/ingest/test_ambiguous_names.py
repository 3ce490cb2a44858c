"""A bare "Congo" names the state the document otherwise names unambiguously (its full
name, its capital, its government by metonym), and nothing when it names both or neither."""

from __future__ import annotations

import datetime as dt

import pytest

from conflict_kg.ingest.kb import KnowledgeBase
from tests.support.ingest.extraction import NS, PREFIX_LINES, extracted

DRC = NS.resource("state", "democratic-republic-of-the-congo")
ROC = NS.resource("state", "republic-of-the-congo")


def _congo_links(kb: KnowledgeBase, text: str) -> set[str]:
    store = extracted(kb, text, "t1", dt.date(2021, 3, 4))
    rows = store.query(PREFIX_LINES + "SELECT DISTINCT ?e { ?m itsrdf:taIdentRef ?e ; "
                       'nif:anchorOf ?a . FILTER(LCASE(STR(?a)) IN ("congo", "the congo")) }')
    return {row["e"].value for row in rows}


@pytest.mark.parametrize(("text", "state"), [
    ("The presidents of Congo and Angola met in Luanda on Monday. Kinshasa welcomed the talks.",
     DRC),
    ("The Democratic Republic of the Congo accused Zambia of shelling. Congo recalled its envoy.",
     DRC),
    ("The Republic of the Congo accused Gabon of a border raid. Congo recalled its envoy.", ROC),
    ("Officials in Brazzaville said troops from the Congo had crossed into Gabon.", ROC),
])
def test_a_bare_congo_is_the_state_the_document_names(kb: KnowledgeBase, text: str,
                                                      state: str) -> None:
    assert _congo_links(kb, text) == {state}


@pytest.mark.parametrize("text", [
    "The presidents of Congo and Angola met in Luanda on Monday.",  # neither named
    "Kinshasa and Brazzaville traded accusations; Congo closed the river crossing.",  # both
])
def test_a_bare_congo_stays_unlinked_when_the_document_does_not_settle_it(
        kb: KnowledgeBase, text: str) -> None:
    assert _congo_links(kb, text) == set()


def test_korea_is_never_settled_by_context(kb: KnowledgeBase) -> None:
    store = extracted(kb, "North Korea fired two missiles. Tension rose across Korea.", "t2",
                      dt.date(2021, 3, 4))
    rows = store.query(PREFIX_LINES + 'ASK { ?m itsrdf:taIdentRef ?e ; nif:anchorOf "Korea" }')
    assert not bool(rows)
