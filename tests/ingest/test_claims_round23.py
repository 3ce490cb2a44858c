"""Claims, round 23 (issue 17, "Open world II"): a saying in the passive ("That was flatly
denied by a spokesman for X") is the "by" phrase's claim, about its subject; sentences invented
for the test (other countries, other names)."""

from __future__ import annotations

import pytest

from conflict_kg.ingest.kb import KnowledgeBase
from tests.support.ingest.extraction import PREFIX_LINES, extracted
from tests.support.ingest.wordings import PUBLISHED


def _claims(kb: KnowledgeBase, text: str) -> list[dict[str, str]]:
    store = extracted(kb, text, "claims-round23-test", PUBLISHED)
    rows = store.query(PREFIX_LINES + """
        SELECT ?who ?stance ?content {
          ?c a ck:Claim ; ck:claimant ?who ; ck:stance ?stance .
          OPTIONAL { ?c ck:content ?content }
        }""")
    return [{"who": r["who"].value.rsplit("/", 1)[-1],
             "stance": r["stance"].value.rsplit("#", 1)[-1],
             "content": r["content"].value if r["content"] is not None else ""}
            for r in rows]  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "who", "content"), [
    ("The army said its troops had retaken the town. That was flatly denied by a spokesman for "
     "the Revolutionary Armed Forces of Colombia, who said the town remained in rebel hands.",
     "revolutionary-armed-forces-of-colombia", "That"),
    ("The report was rejected by Peru on Monday.", "peru", "The report"),
    ("The account was denied on Monday by Ana Ruiz, the spokeswoman.", "ana-ruiz",
     "The account"),
])
def test_a_passive_denial_is_the_by_phrases_claim(kb: KnowledgeBase, text: str, who: str,
                                                  content: str) -> None:
    found = _claims(kb, text)
    assert any(c["who"] == who and c["stance"] == "denies" and c["content"] == content
               for c in found), found


@pytest.mark.parametrize("text", [
    # guards: a vote is no speaker; an active denial keeps its subject
    "The proposal was rejected by 52 votes to 40.",
])
def test_no_passive_claim_without_a_speaker(kb: KnowledgeBase, text: str) -> None:
    assert not _claims(kb, text), _claims(kb, text)


def test_an_active_denial_is_unchanged(kb: KnowledgeBase) -> None:
    found = _claims(kb, "Peru denied the report on Monday.")
    assert any(c["who"] == "peru" and c["stance"] == "denies" for c in found), found


def test_an_accusation_rejected_in_a_relative_clause_is_the_rejecters_claim(
        kb: KnowledgeBase) -> None:
    # ", an accusation X rejected, saying …": X denies, and the participle is X's saying,
    # never the accuser's
    text = ("Ana Ruiz accused Chile of firing on Tacna indiscriminately, an accusation the Chilean "
            "foreign ministry rejected, saying only military targets had been hit.")
    found = _claims(kb, text)
    assert any(c["who"] == "chile" and c["stance"] == "denies" for c in found), found
    assert not any(c["who"] == "ana-ruiz" and "military targets" in c["content"]
                   for c in found), found
