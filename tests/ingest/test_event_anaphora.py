"""Event identity across sentences (ingest/anaphora.py): a later definite mention ("the
strikes", "the raid", "the operation", "the meeting") is the event told before, and what it
says about whether the event happened applies to that one event; a later mention never makes
a non-actual event actual. Every sentence is written for this test."""

from __future__ import annotations

import datetime as dt

import pytest

from conflict_kg.ingest.kb import KnowledgeBase
from tests.support.ingest.extraction import PREFIX_LINES, extracted
from tests.support.ingest.wordings import events

MILITARY = ("Strike", "Attack", "AirStrike", "Offensive", "MilitaryOperation", "Seizure",
            "Deployment", "Talks")


def _found(kb: KnowledgeBase, text: str) -> list[tuple[str, str]]:
    return sorted((e["class"], e["f"]) for e in events(kb, text) if e["class"] in MILITARY)


def _about(kb: KnowledgeBase, text: str) -> list[tuple[str, str]]:
    """(stance, factuality of the event) of every claim about an event."""
    store = extracted(kb, text, "event-anaphora-test", dt.date(2024, 3, 6))
    rows = store.query(PREFIX_LINES + """
        SELECT ?stance ?f { ?c a ck:Claim ; ck:stance ?stance ; ck:about ?e .
                            ?e ck:factuality ?f }""")
    return sorted((r["stance"].value.rsplit("#", 1)[-1], r["f"].value.rsplit("#", 1)[-1])
                  for r in rows)  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "expected"), [
    # another side says the event it did not see never happened: one contested event
    ("Chile said on Monday that its commandos had carried out strikes on rebel camps in "
     "Peru. Peru said the strikes had never happened.", [("Strike", "reportedOnly")]),
    ("Venezuela said its navy had seized a Guyanese fishing boat near the coast. Guyana "
     "said the seizure never took place.", [("Seizure", "reportedOnly")]),
    # the document's own voice, about an event only a side told
    ("Chile said its navy had seized a Peruvian trawler on Monday. Officials later said the "
     "seizure had not taken place.", [("Seizure", "reportedOnly")]),
])
def test_a_later_mention_that_denies_a_told_event_makes_one_contested_event(
        kb: KnowledgeBase, text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(kb, text) == expected, events(kb, text)


def test_the_side_that_says_it_never_happened_denies_that_event(kb: KnowledgeBase) -> None:
    text = ("Chile said on Monday that its commandos had carried out strikes on rebel camps in "
            "Peru. Peru said the strikes had never happened.")
    assert _about(kb, text) == [("denies", "reportedOnly"), ("says", "reportedOnly")]


@pytest.mark.parametrize(("text", "expected"), [
    # ordered, then "the operation" (a head of no frame) called off: the order's event
    ("The president ordered the invasion of Bolivia on Sunday. The operation was called off "
     "while the planes were in the air.", [("Offensive", "calledOff")]),
    # planned, then called off by its own noun: one event, not a plan and a cancellation
    ("Rebels had planned a raid on the barracks in Goma for Friday. The raid was later "
     "called off.", [("Attack", "calledOff")]),
    ("The army said it would deploy troops to the border town of Tacna. The deployment was "
     "suspended on Friday.", [("Deployment", "calledOff")]),
    # a generic head in the same sentence, after a colon
    ("A summit of Andean leaders planned for November in Lima will not take place on the "
     "agreed dates: the meeting was postponed on Friday.", [("Talks", "calledOff")]),
])
def test_a_later_mention_calls_off_the_event_told_before(
        kb: KnowledgeBase, text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(kb, text) == expected, events(kb, text)


def test_a_relative_denial_on_the_later_mention_contests_the_event(kb: KnowledgeBase) -> None:
    # "The shelling, which Peru denied, ...": the second mention does not make it actual
    text = ("Ecuador said Peruvian troops had shelled a school near the border. The shelling, "
            "which Peru denied, was condemned by the United Nations.")
    assert _found(kb, text) == [("Strike", "reportedOnly")], events(kb, text)
    assert ("denies", "reportedOnly") in _about(kb, text)


@pytest.mark.parametrize(("text", "expected"), [
    # told as done by the document: a later mention names it and keeps it actual
    ("Peruvian troops shelled a school near the border on Tuesday. The shelling, which Peru "
     "denied, was condemned by the United Nations.", [("Strike", "actual")]),
    ("Peruvian troops shelled a school on Tuesday. The shelling killed three children.",
     [("Strike", "actual")]),
    # "did not halt the attack" negates the halting, not the attack
    ("Chilean jets carried out air strikes on rebel camps in Peru on Monday. Peru warned that "
     "it would respond if Chile did not halt the attack.", [("AirStrike", "actual")]),
])
def test_a_later_mention_does_not_undo_an_event_told_as_done(
        kb: KnowledgeBase, text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(kb, text) == expected, events(kb, text)


def test_an_event_too_far_back_is_not_named(kb: KnowledgeBase) -> None:
    # more than three sentences between the plan and "the raid": no antecedent
    text = ("Rebels had planned a raid on the barracks in Goma for Friday. Talks resumed in "
            "Kampala. Aid reached the camps. The rains came early. Schools reopened in the "
            "east. The raid was later called off.")
    found = [f for c, f in _found(kb, text) if c == "Attack"]
    assert found.count("calledOff") == 1 and "future" in found, events(kb, text)


@pytest.mark.parametrize("text", [
    # a negated passive whose subject names the thing again ("the vessel had not been seized")
    "Iran said its navy had seized a British tanker in the Gulf. An inquiry later found that "
    "the vessel had not been seized.",
    # a denial whose speaker is not recognised as a claimant
    "Ecuador said Peruvian troops had shelled a school near the border. The ministry denied "
    "that the shelling took place.",
])
def test_a_later_negation_or_denial_contests_an_event_only_a_side_told(
        kb: KnowledgeBase, text: str) -> None:
    found = _found(kb, text)
    assert len(found) == 1 and found[0][1] == "reportedOnly", events(kb, text)


def test_a_denial_does_not_undo_an_event_the_document_told(kb: KnowledgeBase) -> None:
    text = ("Peruvian troops shelled a school near the border on Tuesday. Peru denied that "
            "the shelling took place.")
    assert _found(kb, text) == [("Strike", "actual")], events(kb, text)


def test_an_active_negation_with_a_definite_subject_is_no_anaphor(kb: KnowledgeBase) -> None:
    # "the air force had not bombed the city centre": an agent and another place, a separate
    # negated bombing; the pounding told before stays actual
    text = ("Army helicopters pounded rebel positions near the town on Wednesday. A spokesman "
            "said the air force had not bombed the city centre.")
    assert _found(kb, text) == [("Strike", "actual"), ("Strike", "negated")], events(kb, text)
