"""Factuality and attribution on short invented sentence pairs.

Each pair shows one ck:Factuality value: the first sentence gives the event its
value, and the claim of the pair (a reporting verb) is the node that carries
who says so.  None of these sentences comes from an article.
"""

from __future__ import annotations

import pytest

from conflict_kg.ingest.kb import KnowledgeBase
from tests.support.ingest.factuality import claims, factualities, graph, select


@pytest.mark.parametrize(("text", "event_class", "value"), [
    # actual: the document's own voice
    ("Turkish jets struck a depot near Idlib on Tuesday. "
     "The Turkish defence ministry said the strike destroyed the depot.", "AirStrike", "actual"),
    # future: will, plans to
    ("Russia will deliver the S-300 systems within a month. "
     "The Kremlin said the deliveries would begin soon.", "ArmsTransfer", "future"),
    # obliged: must, is to, by a deadline
    ("Under the deal, Turkish troops must withdraw from the zone by Friday. "
     "The Turkish foreign ministry said it would comply.", "Withdrawal", "obliged"),
    # hypothetical / counterfactual: could have, would have
    ("Officials said Iranian forces could have attacked the base. "
     "The Iranian foreign ministry said this was false.", "Attack", "hypothetical"),
    # cancelled: called off, postponed, suspended
    ("The Turkish government postponed the offensive on Tuesday. "
     "The Turkish foreign ministry said the decision was final.", "Offensive", "calledOff"),
    # negated: there are no plans for
    ("There are no plans for an offensive, the Russian defence ministry said on Tuesday. "
     "The Kremlin said the same.", "Offensive", "negated"),
])
def test_each_factuality_value_and_the_claim_that_carries_it(
        kb: KnowledgeBase, text: str, event_class: str, value: str) -> None:
    store = graph(kb, text)
    assert factualities(store, event_class) == {value}
    assert claims(store), "the reporting verb of the pair is a claim"


def test_non_actual_events_are_never_stored_as_actual(kb: KnowledgeBase) -> None:
    store = graph(kb, "The Turkish government called off the offensive. "
                      "Russia will deliver the S-300 systems. "
                      "Turkish troops must withdraw from the zone by Friday.")
    assert not select(store, "?e ck:factuality ck:actual .")


def test_asserted_and_denied_is_one_reported_event_with_two_claims(kb: KnowledgeBase) -> None:
    store = graph(kb, "The Israeli military claimed that Israeli jets shot down two Iranian "
                      "drones over the Golan Heights on Tuesday. "
                      "The Iranian foreign ministry denied that Israeli jets shot down two "
                      "Iranian drones.")
    assert factualities(store, "Shootdown") == {"reportedOnly"}
    rows = claims(store)
    stances = {r["stance"].rsplit("#", 1)[-1] for r in rows if "about" in r}
    assert {"says", "denies"} <= stances
    assert len({r["about"] for r in rows if "about" in r}) == 1


def test_a_side_denying_only_who_did_it_leaves_its_own_report_actual(kb: KnowledgeBase) -> None:
    # The asserting side's own denial disputes the culprit, not that it happened.
    store = graph(kb, "Minsk said Ukrainian air defences shot down a Belarusian transport "
                      "plane on Tuesday. Belarusian President Alexander Lukashenko denied "
                      "that the incident was a deliberate provocation.")
    assert factualities(store, "Shootdown") == {"actual"}


def test_a_hedged_claim_alone_does_not_make_an_actual_event(kb: KnowledgeBase) -> None:
    store = graph(kb, "Syrian state media alleged that Israeli jets struck a depot near "
                      "Damascus. The Israeli military declined to comment.")
    assert not select(store, "?e ck:factuality ck:actual .")
    assert factualities(store, "AirStrike") == {"reportedOnly"}


def test_the_speaker_is_never_the_agent(kb: KnowledgeBase) -> None:
    store = graph(kb, "The Turkish navy said the aircraft had entered Turkish airspace on Tuesday. "
                      "The Greek government said Greek forces attacked nothing.")
    assert select(store, "?e a ck:Incursion .")
    assert not select(store, "?e a ck:Incursion ; ck:agent ?a .")
    assert any("navy" in r["who"] for r in claims(store))


def test_the_claim_is_dated_by_the_saying_not_by_its_content(kb: KnowledgeBase) -> None:
    store = graph(kb, "The Turkish defence ministry said on Thursday that Turkish jets struck "
                      "a depot near Idlib on Monday. Nothing else was said.")
    dates = {r.get("date") for r in claims(store)}
    assert "2021-03-08" not in dates
    assert "2021-03-11" in dates


def test_claim_content_never_starts_with_the_dateline(kb: KnowledgeBase) -> None:
    store = graph(kb, "ANKARA, Turkey — Turkish jets struck a depot near Idlib, the Turkish "
                      "defence ministry said.")
    contents = [r["content"] for r in claims(store) if "content" in r]
    assert contents and all(not c.startswith(("ANKARA", " ", ",")) for c in contents)


def test_c_comma_x_said_takes_the_speaker_not_a_state_inside_c(kb: KnowledgeBase) -> None:
    store = graph(kb, "Turkish jets struck a depot near Idlib, the Syrian defence ministry "
                      "said. Nothing else was said.")
    who = {r["who"] for r in claims(store)}
    assert who and not any(w.endswith("/state/turkey") for w in who)


def test_an_accused_side_that_denies_is_no_agent_of_the_actual_event(kb: KnowledgeBase) -> None:
    store = graph(kb, "Drones struck an oil plant in Saudi Arabia on Saturday. "
                      "The US government said that Iran attacked the plant. "
                      "The Iranian foreign ministry denied that Iran was involved.")
    assert select(store, "?e ck:factuality ck:actual .")
    assert not select(store, "?e ck:agent <https://w3id.org/conflict-kg/id/state/iran> ; "
                             "ck:factuality ck:actual .")
    assert any(r["stance"].endswith("#denies") for r in claims(store))


@pytest.mark.parametrize(("text", "event_class", "value"), [
    ("The Greek defence ministry said Turkish troops shelled a village near Kos on Tuesday. "
     "Nothing else was reported.", "Strike", "actual"),
    ("The Greek defence ministry said Greek troops will withdraw from the island next month. "
     "Nothing else was reported.", "Withdrawal", "future"),
    ("The Greek foreign ministry said Turkish troops must withdraw from the island by Friday. "
     "Nothing else was reported.", "Withdrawal", "obliged"),
    ("The Greek foreign ministry said Turkish jets could have struck the port. "
     "Nothing else was reported.", "AirStrike", "hypothetical"),
    ("The Greek defence ministry said the army postponed the offensive on the island. "
     "Nothing else was reported.", "Offensive", "calledOff"),
    ("The Turkish defence ministry said there were no plans for an offensive on the island. "
     "Nothing else was reported.", "Offensive", "negated"),
    ("The Greek defence ministry said its air defences shot down a Turkish drone near Rhodes "
     "on Tuesday, which Turkey denied.", "Shootdown", "reportedOnly"),
])
def test_each_value_is_carried_by_the_claim_about_the_event(
        kb: KnowledgeBase, text: str, event_class: str, value: str) -> None:
    store = graph(kb, text)
    rows = select(store, f"?e a ck:{event_class} ; ck:factuality ?f . ?c ck:about ?e ; "
                         "ck:claimant ?who .")
    assert rows, "a claim names its speaker and is about the event"
    assert {r["f"].rsplit("#", 1)[-1] for r in rows} == {value}


@pytest.mark.parametrize(("text", "event_class", "value"), [
    ("Greece refused to withdraw its troops from the island.", "Withdrawal", "negated"),
    ("The rebels failed to capture the airport near Kos.", "Seizure", "negated"),
    ("The Greek navy denied seizing the Turkish trawler.", "Seizure", "negated"),
    ("The talks were scheduled for Monday but did not take place.", "Talks", "negated"),
    ("The Greek ministry said reports that Turkish troops had seized the island were false.",
     "Seizure", "negated"),
    ("Turkey is considering a new offensive on the island.", "Offensive", "future"),
    ("The president ordered the navy to attack the port near Kos.", "Attack", "future"),
    ("Greek lawmakers said the drone should have been shot down over Crete.", "Shootdown",
     "hypothetical"),
    ("The Greek foreign ministry said Turkish troops should withdraw from the island.",
     "Withdrawal", "obliged"),
])
def test_refusals_failures_and_denials_of_the_deed_are_never_actual(
        kb: KnowledgeBase, text: str, event_class: str, value: str) -> None:
    assert factualities(graph(kb, text), event_class) == {value}


def test_a_claim_b_rejected_is_b_s_denial_of_the_same_event(kb: KnowledgeBase) -> None:
    store = graph(kb, "The Greek navy said its frigate shot down a Turkish drone on Tuesday, "
                      "a claim Turkey rejected.")
    assert factualities(store, "Shootdown") == {"reportedOnly"}
    rows = claims(store)
    assert {r["stance"].rsplit("#", 1)[-1] for r in rows if "about" in r} == {"says", "denies"}


@pytest.mark.parametrize(("text", "event_class", "value"), [
    ("The Greek rebels have yet to withdraw from the island.", "Withdrawal", "negated"),
    ("The Turkish army is preparing an offensive on the island.", "Offensive", "future"),
    ("Turkey was ready to launch an offensive on the island.", "Offensive", "future"),
    ("Had the Turkish missile struck the port, many could have died.", "Strike", "hypothetical"),
    ("Greek officials feared an attack on the embassy in Ankara.", "Attack", "hypothetical"),
])
def test_not_yet_prepared_and_feared_events_are_never_actual(
        kb: KnowledgeBase, text: str, event_class: str, value: str) -> None:
    assert factualities(graph(kb, text), event_class) == {value}


@pytest.mark.parametrize("text", [
    "Greek police foiled an attack on the Turkish embassy in Athens.",
    "The Greek government ruled out air strikes on the island.",
    "Greece has not carried out any strikes on the island since May.",
])
def test_foiled_ruled_out_and_not_carried_out_attacks_are_no_actual_event(
        kb: KnowledgeBase, text: str) -> None:
    assert not select(graph(kb, text), "?e ck:factuality ck:actual .")


def test_a_cue_before_a_time_preposition_does_not_reach_past_it(kb: KnowledgeBase) -> None:
    store = graph(kb, "The Greek airline suspended flights after the missile attack on Kos.")
    assert factualities(store, "Attack") == {"actual"}


@pytest.mark.parametrize(("text", "event_class", "value"), [
    ("The Greek rebels are believed to have seized the island.", "Seizure", "hypothetical"),
    ("Athens has not confirmed that its jets struck the Turkish convoy.", "AirStrike",
     "hypothetical"),
    ("It was not clear whether the Turkish drone was shot down.", "Shootdown", "hypothetical"),
    ("The Greek rebels demanded the release of all prisoners.", "Release", "future"),
    ("Talks on a prisoner exchange between Greece and Turkey collapsed.", "PrisonerExchange",
     "future"),
    ("The Turkish navy denied reports that it had seized a Greek trawler.", "Seizure",
     "reportedOnly"),
])
def test_hearsay_unsettled_demanded_and_denied_reports_are_never_actual(
        kb: KnowledgeBase, text: str, event_class: str, value: str) -> None:
    assert factualities(graph(kb, text), event_class) == {value}


def test_a_strike_that_never_happened_is_no_actual_event(kb: KnowledgeBase) -> None:
    store = graph(kb, "The Turkish strike, which was due to take place on Monday, never happened.")
    assert not select(store, "?e ck:factuality ck:actual .")
