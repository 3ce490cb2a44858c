"""Factuality cues that reach a trigger from outside its few neighbouring words.

Each sentence is invented for the test and pairs a non-actual event with wording that
an earlier cue list missed: a modal perfect after a prepositional phrase, "may never
have happened", an unconfirmed source opening the clause, "no record of such a strike",
a contesting apposition after the trigger, a hedged "claimed that" with no known
claimant, "off the table", a trip "for talks", "no date has been set for". Each also has
an actual twin, so a cue that reached too far would fail the test.
"""

from __future__ import annotations

import pytest

from conflict_kg.ingest.kb import KnowledgeBase
from tests.support.ingest.factuality import factualities, graph, select

ACTUAL_ONLY = ("FILTER NOT EXISTS { ?e ck:factuality ?f . FILTER(?f != ck:actual) }")


@pytest.mark.parametrize(("text", "event_class", "value"), [
    # a modal perfect after a prepositional phrase of the trigger
    ("Officers said a wider offensive across the river could have cut the supply routes.",
     "Offensive", "hypothetical"),
    # the trigger's own clause says it may never have happened
    ("Sailors cautioned that the second attack may never have happened.",
     "Attack", "hypothetical"),
    # an unconfirmed source opens the clause
    ("Unconfirmed reports from the capital said that three patrol boats were sunk.",
     "Attack", "hypothetical"),
    ("Rumours that rebels had captured the airport spread on Monday.",
     "Seizure", "hypothetical"),
    # hearsay adverb in the clause
    ("Militiamen had allegedly shelled the market before dawn.", "Strike", "hypothetical"),
    # "no record of such a strike": a determiner run after the noun of evidence
    ("The alliance said it had no record of such a strike.", "Strike", "hypothetical"),
    # "remained off the table"
    ("Officials said a ground invasion of the province remained off the table.",
     "Offensive", "negated"),
    # a trip whose purpose is the event
    ("The foreign minister is expected to fly to Lima for talks on Saturday.",
     "Talks", "future"),
    # a timetable not yet set
    ("The rebels may push south, but no date has been set for an offensive.",
     "Offensive", "future"),
    # a reduced relative with a time to come, and "unlikely"
    ("A round of talks planned for next year is unlikely to take place.", "Talks", "hypothetical"),
    # negation by "without"
    ("The garrison withdrew without opening fire on the protesters.", "Attack", "negated"),
    # threatened / vowed with a noun phrase, preparations for
    ("The general threatened a ground offensive against the enclave.", "Offensive", "future"),
    ("Diplomats saw preparations for an invasion of the island.", "Offensive", "future"),
    # a yes/no question
    ("Did the rebels attack the convoy on Monday?", "Attack", "hypothetical"),
    # the same auxiliary opening a relative clause is no question: announced, so future
    ("The corridor, which will be patrolled by Kenyan and Ugandan units, opens on Monday.",
     "Patrol", "future"),
    # a request reaches a verb coordinated with its infinitive
    ("The union called on both countries to withdraw their forces and settle the dispute in "
     "talks.", "Talks", "future"),
    # contested in the same sentence, after the trigger
    ("Radio Cairo reported that bombers had struck the railway station, a report the "
     "Air Ministry denied.", "Strike", "reportedOnly"),
    ("The rebels said their fighters had attacked army posts along the wall, claims that "
     "the army dismissed.", "Attack", "reportedOnly"),
    # a hedged saying with no claimant the knowledge base knows
    ("Provincial television claimed that jets had bombed a hospital in the city.",
     "Strike", "reportedOnly"),
])
def test_a_cue_outside_the_nearest_words_keeps_the_event_non_actual(
        kb: KnowledgeBase, text: str, event_class: str, value: str) -> None:
    store = graph(kb, text)
    assert factualities(store, event_class) == {value}
    assert not select(store, f"?e a ck:{event_class} . {ACTUAL_ONLY}")


@pytest.mark.parametrize(("text", "event_class"), [
    # the actual twins: the same events told by the document's own voice
    ("A wider offensive across the river cut the supply routes.", "Offensive"),
    ("Sailors said the second attack happened at night.", "Attack"),
    ("Reports from the capital said that three patrol boats were sunk.", "Attack"),
    ("The alliance said it had a record of the strike.", "Strike"),
    ("The foreign minister flew to Lima on Saturday and held talks with his counterpart.",
     "Talks"),
    ("The rebels claimed responsibility for the attack on the base.", "Attack"),
    ("Who shelled the village on Monday?", "Strike"),
    ("The garrison fired shells at the town without warning.", "Strike"),
    ("The union called on both countries to withdraw, and the two leaders held talks.", "Talks"),
    ("Radio Cairo reported that bombers had struck the railway station.", "Strike"),
])
def test_the_same_event_told_plainly_stays_actual(
        kb: KnowledgeBase, text: str, event_class: str) -> None:
    store = graph(kb, text)
    assert factualities(store, event_class) == {"actual"}


def test_a_patrol_boat_is_no_patrol_and_a_met_response_no_meeting(kb: KnowledgeBase) -> None:
    store = graph(kb, "Aircraft bombed two patrol-boat bases. The president said any attack "
                      "would be met with force.")
    assert not select(store, "?e a ck:Patrol .")
    assert not select(store, "?e a ck:Talks .")
    assert select(store, "?e a ck:Strike .")


def test_taking_a_place_is_a_seizure_contested_when_denied(kb: KnowledgeBase) -> None:
    store = graph(kb, "The army said its troops had taken the outpost of Tiwinza on Wednesday, "
                      "which the rebels flatly denied.")
    assert factualities(store, "Seizure") == {"reportedOnly"}


def test_storming_a_place_is_an_attack_and_a_storm_is_not(kb: KnowledgeBase) -> None:
    stormed = graph(kb, "Paratroopers stormed two jungle villages at dawn.")
    assert select(stormed, "?e a ck:Attack .")
    assert not select(graph(kb, "A storm swept the city on Monday."), "?e a ck:Attack .")


def test_a_named_person_captured_is_detained_not_seized(kb: KnowledgeBase) -> None:
    store = graph(kb, "The militia's leader, Foday Kallay, was captured by British troops.")
    assert select(store, "?e a ck:Detention .")
    assert not select(store, "?e a ck:Seizure .")


def test_forces_moving_into_a_zone_are_deployed(kb: KnowledgeBase) -> None:
    store = graph(kb, "Moroccan troops moved into the buffer zone at Guerguerat on Friday.")
    assert factualities(store, "Deployment") == {"actual"}


def test_a_saying_in_a_relative_clause_keeps_the_deed_the_speakers(kb: KnowledgeBase) -> None:
    hedged = graph(kb, "It was the third enemy aircraft it says it has shot down this month.")
    assert factualities(hedged, "Shootdown") == {"reportedOnly"}
    plain = graph(kb, "The army says it has shot down an enemy aircraft.")
    assert factualities(plain, "Shootdown") == {"actual"}


def test_a_ship_named_leader_is_seized_not_detained(kb: KnowledgeBase) -> None:
    store = graph(kb, "Gunmen seized the cargo ship Galaxy Leader in the Red Sea.")
    assert select(store, "?e a ck:Seizure .")
    assert not select(store, "?e a ck:Detention .")


def test_a_denial_answers_a_claim_told_a_few_sentences_before(kb: KnowledgeBase) -> None:
    store = graph(kb, "The Greek minister said that boats had attacked two Greek patrol ships. "
                      "Navy pilots flew 60 sorties. "
                      "Ankara denied that its boats had attacked the patrol ships.")
    assert not select(store, f"?e a ck:Attack . {ACTUAL_ONLY}")
    # a denial of another kind of act leaves the told event actual
    other = graph(kb, "The Greek minister said that boats had attacked two Greek patrol ships. "
                      "Navy pilots flew 60 sorties. "
                      "Ankara denied that its troops had crossed into Greek territory.")
    assert "actual" in factualities(other, "Attack")


def test_no_seizure_of_a_post_and_no_deployment_of_refugees(kb: KnowledgeBase) -> None:
    assert not select(graph(kb, "The general took the post of defence minister in May."),
                      "?e a ck:Seizure .")
    assert not select(graph(kb, "Refugees moved into the city on Friday."), "?e a ck:Deployment .")
