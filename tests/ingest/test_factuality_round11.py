"""Factuality, round 11 (issue 17): truth first on sentences never seen.

Shapes that stored a non-actual event as actual, or a denial as a plain report, found by
probing sentences written for this round (none comes from an article or from the evaluation
corpus): a condition or means of a future or modal act ("would be freed only in a prisoner
exchange", "once the hostages were handed over", "after both sides exchanged prisoners"),
the terms of a draft ("provides for an exchange of prisoners"), "or face military action",
a contest after a semicolon or "but" ("; the army denied losing any aircraft"), a report
taken back ("a report it later retracted", "withdrew the claim that"), a bare "claimed the
army had ...", rehearsals of a response to an attack; a lone denial is ``negated`` with a
denying claim, an asserted and denied event is one ``reportedOnly`` event with two claims;
an old event named by a commemoration takes no date from the ceremony.  Each case fails
without its rule; the guards keep the rules from swallowing deeds that happened.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conflict_kg.ingest import factuality
from conflict_kg.ingest.kb import KnowledgeBase
from tests.support.ingest.extraction import PREFIX_LINES, extracted
from tests.support.ingest.wordings import events


@pytest.mark.parametrize(("before", "trigger", "after", "expected"), [
    # a means or condition inside a future or modal clause
    ("The downed airmen would be returned only in a prisoner ", "exchange", ", rebels said.",
     "future"),
    ("The hostages will be let go in return for the ", "withdrawal", " of the militia.",
     "future"),
    ("The guerrillas offered a truce in exchange for the ", "release", " of their commanders.",
     "future"),
    ("Kabul agreed to free 400 inmates once the soldiers were ", "handed over", ".", "future"),
    ("The truce would begin after both armies ", "exchanged", " prisoners.", "future"),
    # terms of a text and threats
    ("A draft accord tabled on Tuesday provides for an ", "exchange", " of detainees.",
     "future"),
    ("The plan envisages a truce followed by the ", "release", " of all captives.", "future"),
    ("Hanoi had a week to pull out of the border area or face military ", "action", ".",
     "future"),
    # a contest after "but" or a semicolon
    ("Militants said they had ", "downed", " a jet, but the air force denied losing any plane.",
     "reportedOnly"),
    ("Delhi said its pilots had ", "shot down", " an F-16; Islamabad denied losing any jet.",
     "reportedOnly"),
    ("The rebels said they had ", "shelled", " the port, but the navy said no ship had been hit.",
     "reportedOnly"),
    # a report taken back
    ("The radio reported an ", "air strike", " on the depot, a report it later retracted.",
     "hypothetical"),
    ("A paper said troops had ", "stormed", " the mine but later retracted the story.",
     "hypothetical"),
    # hearsay without "that"
    ("Exiles claimed the junta had ", "executed", " forty monks.", "reportedOnly"),
    # a rehearsal of a response to an attack
    ("The fleets held drills simulating a response to a torpedo ", "attack", ".",
     "hypothetical"),
])
def test_non_actual_shapes(before: str, trigger: str, after: str, expected: str) -> None:
    assert factuality.classify(before, after, trigger) == expected


@pytest.mark.parametrize(("before", "trigger", "after"), [
    # guards: the same words around deeds told as done
    ("Troops will stay in the valley after Sunday's ", "attack", " on the convoy."),
    ("Israel freed 300 inmates in exchange for the ", "release", " of the soldier."),
    ("Rebels claimed responsibility for the ", "bombing", " of the pipeline."),
    ("Gunmen ", "stormed", " the hotel, and the army said no guests had been harmed."),
    ("Jets ", "struck", " the depot at dawn, the ministry said."),
])
def test_actual_guards(before: str, trigger: str, after: str) -> None:
    assert factuality.classify(before, after, trigger) == factuality.ACTUAL


def test_a_commemoration_is_no_date_of_the_old_event() -> None:
    assert factuality.is_commemorated("Crowds gathered on Friday to mark the anniversary of "
                                      "the 1956 ")
    assert not factuality.is_commemorated("Militiamen attacked the village on Friday in a ")
    assert factuality.is_withdrawn_saying_after(" its earlier report that guerrillas had fled")
    assert not factuality.is_withdrawn_saying_after(" two battalions from the ridge")


@pytest.mark.parametrize(("text", "wanted"), [
    ("The downed airmen would be returned only in a prisoner exchange, the rebels said.",
     ("PrisonerExchange",)),
    ("Kabul agreed to free 400 inmates once the soldiers were handed over.", ("Release",)),
    ("The truce would begin after both armies exchanged prisoners.", ("PrisonerExchange",)),
    ("A draft accord tabled on Tuesday provides for an exchange of detainees.",
     ("PrisonerExchange",)),
    ("Nigeria said its jets shot down two rebel drones; the rebels denied losing any aircraft.",
     ("Shootdown",)),
    ("The fleets held drills simulating a response to a missile attack.",
     ("Attack", "Strike")),
])
def test_no_actual_event(kb: KnowledgeBase, text: str, wanted: tuple[str, ...]) -> None:
    found = [e for e in events(kb, text) if e["class"] in wanted]
    assert found and all(e["f"] != "actual" for e in found), events(kb, text)


def test_withdrawing_a_claim_is_no_withdrawal(kb: KnowledgeBase) -> None:
    text = "The ministry later withdrew its claim that rebels had fled the town."
    assert not [e for e in events(kb, text) if e["class"] == "Withdrawal"], events(kb, text)


def test_a_lone_denial_is_negated_with_a_denying_claim(kb: KnowledgeBase) -> None:
    text = "Ottawa denied that it had sent troops into the disputed region."
    found = [e for e in events(kb, text) if e["class"] == "Deployment"]
    assert [e["f"] for e in found] == ["negated"], events(kb, text)
    assert _stances(kb, text) == ["denies"]


@pytest.mark.parametrize("text", [
    # others assert it: reported only, not negated
    "Ottawa dismissed reports that its troops had been sent into the disputed region.",
    # a circumstance of the denied act, not the act: "denied that anyone died in the raid"
    "The army denied that any villagers had been killed in the raid.",
])
def test_a_denial_of_others_words_stays_reported_only(kb: KnowledgeBase, text: str) -> None:
    assert {e["f"] for e in events(kb, text)} <= {"reportedOnly"}, events(kb, text)


def test_asserted_and_denied_is_one_event_with_two_claims(kb: KnowledgeBase) -> None:
    text = ("Hezbollah said it shelled the outpost on Monday; Israel denied that the outpost "
            "had been shelled.")
    found = [e for e in events(kb, text) if e["class"] in ("Attack", "Strike")]
    assert [e["f"] for e in found] == ["reportedOnly"], events(kb, text)
    assert sorted(_stances(kb, text, about=True)) == ["denies", "says"]


def test_a_denial_after_a_semicolon_is_its_own_claim(kb: KnowledgeBase) -> None:
    text = "Nigeria said its jets shot down two rebel drones; Chad denied losing any aircraft."
    assert sorted(_stances(kb, text, about=True)) == ["denies", "says"]


def test_a_commemorated_event_takes_no_date_of_the_ceremony(kb: KnowledgeBase) -> None:
    for text in ("Veterans met on Sunday to mark the anniversary of the 1972 bombing of the port.",
                 "The town held a vigil on Monday for the 40 people killed in the 1993 massacre.",
                 "Students on Friday marked two years since soldiers shot dead nine strikers."):
        found = [e for e in events(kb, text) if e["class"] in ("Attack", "Strike", "AirStrike")]
        assert found and all(e["date"] == "" for e in found), events(kb, text)
    text = "Militiamen attacked the village on Sunday."
    assert any(e["date"] for e in events(kb, text)), events(kb, text)


def _stances(kb: KnowledgeBase, text: str, *, about: bool = False) -> list[str]:
    """The stances of the claims of ``text`` (with ``about``: only claims about an event)."""
    store = extracted(kb, text, "round11-test", dt.date(2022, 5, 6))
    where = "?c ck:about ?e ." if about else ""
    rows = store.query(PREFIX_LINES + f"""
        SELECT ?c ?stance {{ ?c a ck:Claim ; ck:stance ?stance . {where} }}""")
    return [row["stance"].value.rsplit("#", 1)[-1] for row in rows]  # type: ignore[union-attr]


def test_a_verb_after_a_relative_clause_on_people_is_not_the_trigger_s() -> None:
    # "the convoy carrying the families who tried to flee the siege was halted": the halt is
    # the convoy's; the flight stays an attempt (hypothetical), never called off
    assert factuality.classify("The convoy carrying the families who tried to ",
                               " the siege was halted.") == "hypothetical"
    assert factuality.classify("The ", " that was planned for May was halted.") == "calledOff"


def test_two_aircraft_models_are_two_shootdowns(kb: KnowledgeBase) -> None:
    text = ("The pilot was captured after his Su-25 was shot down over the border on Monday. "
            "Kyiv said he had shot down a MiG-29 before his own jet was hit; Moscow denied "
            "losing any aircraft.")
    found = [e for e in events(kb, text) if e["class"] == "Shootdown"]
    assert "actual" in {e["f"] for e in found} and "reportedOnly" in {e["f"] for e in found}, \
        events(kb, text)


def test_a_date_after_the_head_verb_is_not_the_relative_clause_s(kb: KnowledgeBase) -> None:
    text = "The walk along the road taken by the families who fled the siege was cancelled in 2021."
    found = [e for e in events(kb, text) if e["class"] == "Displacement"]
    assert found and all(not e["date"].startswith("2021") for e in found), events(kb, text)
    text = "The families who fled the town on Monday were housed in tents."
    found = [e for e in events(kb, text) if e["class"] == "Displacement"]
    assert found and all(e["date"] for e in found), events(kb, text)
