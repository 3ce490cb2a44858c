"""Non-actual wordings of round 8: rehearsals, plots, false reports, open evidence, modal
scope, and bare verbs after a modal or an infinitive.

Each sentence was written for its test (none comes from an article or from the
evaluation corpus); each shows one cue of ``factuality-cues.toml``, one trigger of
``event-frames.toml`` or one argument rule of ``ingest/events.py`` and fails without it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conflict_kg.ingest.kb import KnowledgeBase
from tests.support.ingest.extraction import PREFIX_LINES, extracted
from tests.support.ingest.wordings import events

ATTACKS = ("Attack", "Strike", "AirStrike")


def of_class(kb: KnowledgeBase, text: str, event_class: str) -> list[dict[str, str]]:
    return [e for e in events(kb, text) if e["class"] == event_class]


def attacks(kb: KnowledgeBase, text: str) -> list[dict[str, str]]:
    return [e for e in events(kb, text) if e["class"] in ATTACKS]


# --- rehearsals and simulations: hypothetical, never actual ----------------------------

@pytest.mark.parametrize("text", [
    "The navy held drills simulating a strike on enemy ships.",
    "The war games included a simulated missile attack on the port.",
    "The air force practised bombing runs over the desert on Monday.",
    "Bombers rehearsed an attack on the harbour during the exercise.",
])
def test_a_rehearsed_or_simulated_attack_is_hypothetical(kb: KnowledgeBase, text: str) -> None:
    found = attacks(kb, text)
    assert found and all(e["f"] == "hypothetical" for e in found), events(kb, text)


# --- plots and aims: future -------------------------------------------------------------

@pytest.mark.parametrize(("text", "event_class"), [
    ("Two men were arrested on suspicion of plotting to attack a military base.", "Attack"),
    ("The rebels hope to seize the capital before the rains.", "Seizure"),
    ("The militia seeks to capture the airport.", "Seizure"),
])
def test_a_plotted_or_hoped_for_deed_is_future(kb: KnowledgeBase, text: str,
                                                 event_class: str) -> None:
    found = of_class(kb, text, event_class)
    assert found and all(e["f"] == "future" for e in found), events(kb, text)


# --- false and unsettled reports --------------------------------------------------------

def test_a_report_that_was_a_hoax_is_negated(kb: KnowledgeBase) -> None:
    text = "The report that troops had shelled the market was a hoax."
    found = attacks(kb, text)
    assert found and all(e["f"] == "negated" for e in found), events(kb, text)


@pytest.mark.parametrize("text", [
    "There is no evidence that the army shelled the camp.",
    "The police found no indication that the blast was an attack on the embassy.",
    "The agency retracted a report that rebels had captured the town.",
    "A fake video of the shelling of the town circulated online.",
])
def test_no_evidence_a_retracted_report_or_fake_footage_leaves_the_deed_unsettled(
        kb: KnowledgeBase, text: str) -> None:
    found = [e for e in events(kb, text) if e["class"] in (*ATTACKS, "Seizure")]
    assert found and all(e["f"] == "hypothetical" for e in found), events(kb, text)


def test_evidence_that_the_army_shelled_keeps_the_shelling_actual(kb: KnowledgeBase) -> None:
    text = "Investigators found evidence that the army shelled the camp on Monday."
    found = attacks(kb, text)
    assert found and all(e["f"] == "actual" for e in found), events(kb, text)


# --- a relative clause on the object of a modal verb ------------------------------------

def test_a_relative_clause_on_a_modal_verbs_bare_object_is_not_actual(
        kb: KnowledgeBase) -> None:
    text = "The air force said it would shoot down drones that entered its airspace."
    found = of_class(kb, text, "Incursion")
    assert found and all(e["f"] == "hypothetical" for e in found), events(kb, text)


def test_a_relative_clause_on_a_definite_object_stays_actual(kb: KnowledgeBase) -> None:
    text = "The air force said it would punish the crews whose drones entered its airspace."
    found = of_class(kb, text, "Incursion")
    assert all(e["f"] == "actual" for e in found), events(kb, text)


# --- deadlines -----------------------------------------------------------------------------

def test_given_until_a_day_to_withdraw_is_obliged(kb: KnowledgeBase) -> None:
    text = "The ultimatum gave the rebels until Friday to withdraw from the town."
    found = of_class(kb, text, "Withdrawal")
    assert found and all(e["f"] == "obliged" for e in found), events(kb, text)


# --- bare verbs after a modal or an infinitive ---------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("The army warned that it would strike rebel positions.", "future"),
    ("The minister said the air force may strike the camps.", "hypothetical"),
    ("The minister said the army might shell the border posts.", "hypothetical"),
])
def test_a_bare_strike_or_shell_after_a_modal_is_a_non_actual_strike(
        kb: KnowledgeBase, text: str, value: str) -> None:
    found = [e for e in events(kb, text) if e["class"] in ("Strike", "AirStrike")]
    assert found and all(e["f"] == value for e in found), events(kb, text)


def test_a_labour_strike_after_a_modal_is_no_event(kb: KnowledgeBase) -> None:
    text = "Dock workers said they would strike over pay."
    assert not attacks(kb, text), events(kb, text)


def test_threatened_to_storm_a_city_is_a_future_attack(kb: KnowledgeBase) -> None:
    text = "The rebels threatened to storm the city."
    found = of_class(kb, text, "Attack")
    assert found and all(e["f"] == "future" for e in found), events(kb, text)


def test_the_subject_of_threatened_to_attack_is_the_agent(kb: KnowledgeBase) -> None:
    text = "Al-Shabaab threatened to attack the base."
    found = of_class(kb, text, "Attack")
    assert found and all(e["f"] == "future" for e in found), events(kb, text)
    assert any(e["agents"] == "al-shabaab" for e in found), events(kb, text)


def test_suspects_are_people_that_can_be_released(kb: KnowledgeBase) -> None:
    text = "The government said it would not release any of the suspects."
    found = of_class(kb, text, "Release")
    assert found and all(e["f"] == "negated" for e in found), events(kb, text)


# --- options, deterrence, claimed deeds, dismissed reports, denied deeds -------------------

def test_strikes_that_remain_an_option_are_hypothetical(kb: KnowledgeBase) -> None:
    text = "Air strikes remain an option, the minister said."
    found = attacks(kb, text)
    assert found and all(e["f"] == "hypothetical" for e in found), events(kb, text)


@pytest.mark.parametrize(("text", "event_class"), [
    ("The army was deployed to deter an attack on the capital.", "Attack"),
    ("The wall was built to prevent an invasion of the island.", "Offensive"),
])
def test_a_deed_to_be_deterred_or_prevented_is_hypothetical(kb: KnowledgeBase, text: str,
                                                            event_class: str) -> None:
    found = of_class(kb, text, event_class)
    assert found and all(e["f"] == "hypothetical" for e in found), events(kb, text)


def test_claimed_to_have_shot_down_is_reported_only(kb: KnowledgeBase) -> None:
    text = "The army claimed to have shot down two drones."
    found = of_class(kb, text, "Shootdown")
    assert found and all(e["f"] == "reportedOnly" for e in found), events(kb, text)


def test_reports_dismissed_as_propaganda_are_reported_only(kb: KnowledgeBase) -> None:
    text = "Reports that the capital had been captured were dismissed as propaganda."
    found = of_class(kb, text, "Seizure")
    assert found and all(e["f"] == "reportedOnly" for e in found), events(kb, text)


def test_denied_carrying_out_an_attack_is_not_the_documents_word(kb: KnowledgeBase) -> None:
    text = "The army denied carrying out the attack on the village."
    found = attacks(kb, text)
    assert found and all(e["f"] == "reportedOnly" for e in found), events(kb, text)


def test_a_claim_called_a_lie_is_reported_only(kb: KnowledgeBase) -> None:
    text = "The militia said it had shot down a helicopter, a claim the army called a lie."
    found = of_class(kb, text, "Shootdown")
    assert found and all(e["f"] == "reportedOnly" for e in found), events(kb, text)


def test_a_feared_strike_that_never_came_is_negated(kb: KnowledgeBase) -> None:
    text = "The strike that was feared never came."
    found = attacks(kb, text)
    assert found and all(e["f"] == "negated" for e in found), events(kb, text)


def test_an_attack_if_confirmed_is_hypothetical(kb: KnowledgeBase) -> None:
    text = "The attack, if confirmed, would be the deadliest this year."
    found = attacks(kb, text)
    assert found and all(e["f"] == "hypothetical" for e in found), events(kb, text)


def test_a_reduced_relative_shot_down_by_names_the_shooter(kb: KnowledgeBase) -> None:
    text = ("A Greek airliner, shot down by a missile fired from an Albanian frigate on "
            "Sunday, crashed into the sea.")
    found = of_class(kb, text, "Shootdown")
    assert found and all(e["agents"] == "albania" for e in found), events(kb, text)


@pytest.mark.parametrize("text", [
    "Should the rebels attack the town, the army will respond with force.",
    "Were the army to attack the camp, the rebels would retaliate.",
])
def test_an_inverted_condition_is_hypothetical(kb: KnowledgeBase, text: str) -> None:
    found = attacks(kb, text)
    assert found and all(e["f"] == "hypothetical" for e in found), events(kb, text)


@pytest.mark.parametrize("text", [
    "The rebels came close to capturing the town.",
    "The rebels nearly captured the town.",
])
def test_a_near_miss_is_negated(kb: KnowledgeBase, text: str) -> None:
    found = of_class(kb, text, "Seizure")
    assert found and all(e["f"] == "negated" for e in found), events(kb, text)


def test_authorised_strikes_are_future(kb: KnowledgeBase) -> None:
    text = "The parliament voted to authorise air strikes against the militants."
    found = attacks(kb, text)
    assert found and all(e["f"] == "future" for e in found), events(kb, text)


def test_a_figure_the_other_side_rejected_is_its_denial(kb: KnowledgeBase) -> None:
    text = "Al-Shabaab said it had killed more than 100 soldiers, a figure Kenya rejected."
    store = extracted(kb, text, "wordings-round8", dt.date(2016, 1, 16))
    rows = store.query(PREFIX_LINES + """
        SELECT ?who { ?c a ck:Claim ; ck:stance ck:denies ; ck:claimant ?who }""")
    assert [r["who"].value.rsplit("/", 1)[-1] for r in rows] == ["kenya"]  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "value"), [
    ("Analysts expect an offensive on the city within weeks.", "future"),
    ("The troops were told to prepare for an attack.", "future"),
    ("Speculation about an offensive on the city grew on Monday.", "hypothetical"),
])
def test_an_expected_prepared_for_or_rumoured_deed_is_not_actual(
        kb: KnowledgeBase, text: str, value: str) -> None:
    found = [e for e in events(kb, text) if e["class"] in (*ATTACKS, "Offensive")]
    assert found and all(e["f"] == value for e in found), events(kb, text)
