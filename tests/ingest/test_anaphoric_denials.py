"""A denial that only points back ("B denied the report", "B rejected the accusation", "B
denied it") answers the last claim another side made a few sentences before: the event that
claim tells is contested, one event with the asserting and the denying claim, reported only,
never actual. Every sentence is written for this test."""

from __future__ import annotations

import datetime as dt

import pytest

from conflict_kg.ingest.kb import KnowledgeBase
from tests.support.ingest.extraction import PREFIX_LINES, extracted
from tests.support.ingest.wordings import events

TOLD = "Ecuador said on Tuesday that Peruvian troops had shelled a school near the border. "


def _about(kb: KnowledgeBase, text: str) -> list[tuple[str, str]]:
    """(stance, factuality of the event) of every claim about an event."""
    store = extracted(kb, text, "anaphoric-denial-test", dt.date(2024, 3, 6))
    rows = store.query(PREFIX_LINES + """
        SELECT ?stance ?f { ?c a ck:Claim ; ck:stance ?stance ; ck:about ?e .
                            ?e ck:factuality ?f }""")
    return sorted((r["stance"].value.rsplit("#", 1)[-1], r["f"].value.rsplit("#", 1)[-1])
                  for r in rows)  # type: ignore[union-attr]


@pytest.mark.parametrize("denial", [
    "Peru denied the report.",
    "Peru's defence ministry rejected the claims as baseless.",
    "Peru denied it, calling it propaganda.",
    "The Peruvian government dismissed the allegation.",
])
def test_a_denial_pointing_back_contests_the_event_told_before(kb: KnowledgeBase,
                                                               denial: str) -> None:
    text = TOLD + denial
    found = [e for e in events(kb, text) if e["class"] in ("Strike", "Attack")]
    assert [e["f"] for e in found] == ["reportedOnly"], events(kb, text)
    assert _about(kb, text) == [("denies", "reportedOnly"), ("says", "reportedOnly")]


@pytest.mark.parametrize("other", [
    "Peru confirmed the report.",  # no denial
    "Peru denied the report about troop movements.",  # names its own subject
])
def test_no_denial_of_that_event_leaves_it_actual(kb: KnowledgeBase, other: str) -> None:
    text = TOLD + other
    found = [e for e in events(kb, text) if e["class"] in ("Strike", "Attack")]
    assert [e["f"] for e in found] == ["actual"], events(kb, text)


def test_the_document_s_own_voice_keeps_the_event(kb: KnowledgeBase) -> None:
    # told by the document itself, not by a side: a denial does not undo the narration
    text = "Peruvian troops shelled a school near the border on Tuesday. Peru denied the report."
    found = [e for e in events(kb, text) if e["class"] in ("Strike", "Attack")]
    assert [e["f"] for e in found] == ["actual"], events(kb, text)
