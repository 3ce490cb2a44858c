"""The burden of proof (issue 17): an event is stored as actual only when the text gives
positive evidence that it happened (``factuality.has_actual_evidence``); otherwise it is
not actual, even when no cue of ``factuality-cues.toml`` fires.

Each sentence was written for its test (none comes from an article or from the
evaluation corpus).  The non-evidence sentences carry no non-actual cue of the cue file:
each fails without the evidence rule (it used to be stored as actual by default).  The
evidence sentences pass with or without it: they guard the rule against being too strict
(each fails if its evidence shape is not recognised); the shapes of the function itself
are tested directly at the end.
"""

from __future__ import annotations

import pytest

from conflict_kg.ingest import factuality
from conflict_kg.ingest.kb import KnowledgeBase
from tests.support.ingest.wordings import events

ATTACKS = ("Attack", "Strike", "AirStrike")


def classes(kb: KnowledgeBase, text: str, wanted: tuple[str, ...]) -> list[dict[str, str]]:
    return [e for e in events(kb, text) if e["class"] in wanted]


# --- evidence: stored as actual -------------------------------------------------------------

@pytest.mark.parametrize(("text", "wanted"), [
    # a finite past verb in its own clause
    ("Rebel gunners shelled the port on Monday.", ATTACKS),
    # a perfect and a passive
    ("Government artillery has shelled the border villages.", ATTACKS),
    ("The convoy was struck by a missile near the bridge.", ATTACKS),
    # a past participle in a reduced relative
    ("Marines deployed to the island last month now guard its airstrip.", ("Deployment",)),
    # a nominalisation that is the subject or object of a finite past clause
    ("The strike killed four soldiers near the border.", ATTACKS),
    ("The minister condemned the attack on the convoy.", ATTACKS),
    ("Troops withdrew from the valley after the raid on the camp.", ("Withdrawal",)),
    # a dated past mention
    ("Tuesday's strike is the deadliest of the year.", ATTACKS),
    # a progressive
    ("Tanks were shelling the outskirts of the town.", ATTACKS),
    # an irregular past verb of the lexicon in the noun's clause
    ("The spectre of an invasion hung over the talks in June.", ("Talks",)),
    # after a temporal preposition, the past of the main clause across a reporting verb
    ("Marines took the port, the ministry said, after a week of air strikes.", ATTACKS),
    # a participle clause after a comma shares the past of the sentence
    ("Rebels overran the garrison on Sunday, officials said, capturing the airfield.",
     ("Seizure",)),
    # an implicative past verb: its infinitive happened
    ("The shelling forced thousands of villagers to flee their homes.", ("Displacement",)),
    # a dated mention after the noun
    ("Many soldiers have died there since the invasion of 2001.", ("Offensive",)),
])
def test_positive_evidence_keeps_an_event_actual(kb: KnowledgeBase, text: str,
                                                 wanted: tuple[str, ...]) -> None:
    found = classes(kb, text, wanted)
    assert found and any(e["f"] == "actual" for e in found), events(kb, text)


# --- no evidence: never actual ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "wanted"), [
    # a present-tense generic
    ("Air strikes kill civilians in every war.", ATTACKS),
    # a noun whose clause holds no past, no date
    ("Talks between the two envoys are set to resume in the spring.", ("Talks",)),
    ("An invasion of the islands is the admiral's main worry.", ("Offensive",)),
    # a condition inside the clause does not lend it its past verb
    ("An assault on the ridge, if it came, would face three brigades.", ATTACKS),
    # a noun under a head of warning, fear or training, though its clause is in the past
    ("Warnings of an air strike reached the villages on Monday.", ATTACKS),
    ("Its fear of an offensive shaped the budget.", ("Offensive",)),
    ("Marines trained for an amphibious assault on the beaches.", ATTACKS),
    # a noun of saying or a hedge as its head
    ("Claims of an air strike on the depot were later withdrawn by the ministry.", ATTACKS),
    ("The alleged shelling of the village drew condemnation.", ATTACKS),
    # a past be-form of reporting is no deed
    ("The navy's seizure of the tanker was reported by state television.", ("Seizure",)),
    # "before the bombing" is not presupposed
    ("The would-be attackers were arrested before the bombing.", ATTACKS),
])
def test_without_evidence_an_event_is_not_actual(kb: KnowledgeBase, text: str,
                                                 wanted: tuple[str, ...]) -> None:
    found = classes(kb, text, wanted)
    assert found and all(e["f"] != "actual" for e in found), events(kb, text)


# --- the function itself, on the shapes the pipeline may never reach ---------------------------

@pytest.mark.parametrize(("before", "trigger", "after", "expected"), [
    ("Artillery ", "shelled", " the port.", True),
    ("The convoy had been ", "struck", " by a missile.", True),
    ("The pilots did ", "strike", " the bridge.", True),
    ("The convoy, ", "struck", " by a missile, burned for hours.", True),
    ("The ", "war", " of 2008 ended in five days.", True),
    ("After the ", "raid", " on the camp, troops withdrew.", True),
    ("The army plans to ", "strike", " the port.", False),
    ("The army could have ", "shelled", " the port.", False),
    ("The marines are to be ", "deployed", " next week.", False),
    ("Generals are considering ", "striking", " the depots.", False),
    ("", "Strike", " the depots now!", False),
    ("The threat of an ", "invasion", " hung over the talks.", False),
    ("Drills simulating a ", "strike", " on the harbour ended on Friday.", False),
    ("The ", "strike", ", had it gone ahead, could have widened the war.", False),
    ("The ", "truce was broken", " within hours.", True),
    ("The bombardment forced the villagers to ", "flee", ".", True),
])
def test_evidence_shapes(before: str, trigger: str, after: str, expected: bool) -> None:
    assert factuality.has_actual_evidence(before, trigger, after) is expected


# --- a withdrawn saying moves no forces -----------------------------------------------------

def test_reports_withdrawn_are_no_withdrawal(kb: KnowledgeBase) -> None:
    text = "Reports that armoured columns had crossed the river were withdrawn on Friday."
    assert not classes(kb, text, ("Withdrawal",)), events(kb, text)


def test_a_that_clause_on_a_noun_of_saying_is_only_reported(kb: KnowledgeBase) -> None:
    text = "Claims in two newspapers that gunners had shelled the ferry were later withdrawn."
    found = classes(kb, text, ATTACKS)
    assert found and all(e["f"] != "actual" for e in found), events(kb, text)


# --- cues of the same round, after the trigger ------------------------------------------------

@pytest.mark.parametrize(("text", "wanted"), [
    ("An attack on the embassy was averted by the police.", ATTACKS),
    ("The militia's capture of the town, reported on Monday, turned out to be false.",
     ("Seizure",)),
    ("The strike on the harbour, had it gone ahead, would have sunk the fleet.", ATTACKS),
])
def test_averted_false_or_counterfactual_is_negated_or_hypothetical(
        kb: KnowledgeBase, text: str, wanted: tuple[str, ...]) -> None:
    found = classes(kb, text, wanted)
    assert found and all(e["f"] in ("negated", "hypothetical") for e in found), events(kb, text)


def test_a_false_report_in_another_clause_leaves_the_deed_actual(kb: KnowledgeBase) -> None:
    text = "Rebels captured the town, and reports that they had bombed a hospital proved false."
    assert any(e["f"] == "actual" for e in classes(kb, text, ("Seizure",))), events(kb, text)


# --- an unproven mention of an event told as done is that event ---------------------------

@pytest.mark.parametrize("text", [
    # told as done first, then named without evidence inside a modal clause
    "Turkish jets shot down a Syrian helicopter on Monday. "
    "Officials said the downing of the Syrian helicopter would not change the talks.",
    # named without evidence first, told as done after
    "Officials said the downing of the Syrian helicopter would not change the talks. "
    "Turkish jets shot down the Syrian helicopter on Monday.",
])
def test_an_unproven_mention_of_a_done_event_is_not_a_second_hypothetical_one(kb, text):
    downings = classes(kb, text, ("Shootdown",))
    assert [d["f"] for d in downings] == ["actual"], downings


def test_an_unproven_mention_alone_stays_not_actual(kb):
    text = "Officials said the downing of a Syrian helicopter would not change the talks."
    assert all(d["f"] != "actual" for d in classes(kb, text, ("Shootdown",)))
