"""Event frames on wordings beyond the trigger list: arguments, voice, coordination, items.

Every sentence here is written for the test (invented events about real states).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pyoxigraph as ox
import pytest

from conflict_kg.ingest.extract import extract
from conflict_kg.ingest.kb import KnowledgeBase
from conflict_kg.ingest.sources import SourceDocument
from tests.ingest.conftest import NS, PREFIX_LINES, extracted

PUBLISHED = dt.date(2022, 5, 6)  # a Friday


def _short(value: str) -> str:
    return value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def events(kb: KnowledgeBase, text: str) -> list[dict[str, set[str]]]:
    """Each event as {property: {values}}: class, factuality, status, agent, model…"""
    store = extracted(kb, text, "arguments-test", PUBLISHED)
    rows = store.query(PREFIX_LINES + """
        SELECT ?e ?p ?o {
          ?e ck:factuality ?f .
          { ?e ?p ?o . FILTER(?p IN (rdf:type, ck:factuality, ck:status, ck:agent, ck:recipient,
                                     ck:participant, ck:instrument, ck:location, ck:date,
                                     ck:eventTarget)) }
          UNION { ?e ck:eventTarget|ck:participant ?x . ?x ck:model ?o . BIND(ck:model AS ?p) }
          UNION { ?e ck:deaths ?q . ?q ck:value ?o . BIND(ck:deaths AS ?p) }
        }""")
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        prop = _short(row["p"].value).replace("22-rdf-syntax-ns#type", "class")
        value = row["o"].value
        found[row["e"].value][prop].add(value if prop in ("date", "deaths") else _short(value))
    return [dict(v) for v in found.values()]


def of_class(kb: KnowledgeBase, text: str, cls: str) -> list[dict[str, set[str]]]:
    return [e for e in events(kb, text) if cls in e.get("type", set()) | e.get("class", set())]


def one(kb: KnowledgeBase, text: str, cls: str) -> dict[str, set[str]]:
    found = of_class(kb, text, cls)
    assert len(found) == 1, events(kb, text)
    return found[0]


# --- talks ---------------------------------------------------------------------------------

def test_met_on_a_day_is_talks_on_that_day(kb: KnowledgeBase) -> None:
    talks = one(kb, "Army commanders of the two countries met on Tuesday near the border.",
                "Talks")
    assert talks["date"] == {"2022-05-03"}


def test_who_did_not_come_is_no_participant(kb: KnowledgeBase) -> None:
    talks = one(kb, "Recep Tayyip Erdoğan attended the summit, but Vladimir Putin did not "
                    "travel to Geneva.", "Talks")
    assert talks["participant"] == {"recep-tayyip-erdogan"}
    for text in ("Vladimir Putin did not attend the talks in Geneva on Monday.",
                 "Vladimir Putin boycotted the summit in Geneva on Monday."):
        assert not any("vladimir-putin" in t.get("participant", set())
                       for t in of_class(kb, text, "Talks")), text


def test_talks_to_resume_are_not_actual(kb: KnowledgeBase) -> None:
    talks = one(kb, "Russia said it was ready to resume talks with Ukraine.", "Talks")
    assert talks["factuality"] != {"actual"}


# --- attacks and strikes -----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "North Korean artillery shelled a South Korean island on Tuesday.",
    "North Korea fired dozens of artillery shells at a South Korean island on Tuesday.",
])
def test_shelling_by_a_state_is_a_strike_for_it(kb: KnowledgeBase, text: str) -> None:
    strike = one(kb, text, "Strike")
    assert strike["agent"] == {"north-korea"}
    assert strike["date"] == {"2022-05-03"}
    assert strike["factuality"] == {"actual"}


def test_one_of_the_worst_attacks_since_a_year_is_no_event(kb: KnowledgeBase) -> None:
    found = events(kb, "It was one of the deadliest attacks on the capital since 1994.")
    assert not [e for e in found if "Attack" in e["class"]]


def test_called_on_a_state_is_no_location(kb: KnowledgeBase) -> None:
    attack = one(kb, "The White House condemned the attack and called on Iran to stop.",
                 "Attack")
    assert "location" not in attack


def test_the_weapon_of_an_attack_is_its_instrument(kb: KnowledgeBase) -> None:
    strike = one(kb, "Russian Kalibr missiles struck Kyiv on Monday.", "Strike")
    assert strike["instrument"] == {"kalibr"}


def test_a_toll_of_another_event_in_a_relative_clause_is_not_the_attack_s(
        kb: KnowledgeBase) -> None:
    found = events(kb, "North Korean artillery shelled the island on Tuesday. The attack came "
                       "months after the sinking of a warship, in which 46 sailors died.")
    # the sinking's toll may stand as a casualty event of its own, never as the shelling's
    attacks = {"Strike", "Attack", "AirStrike"}
    assert [e for e in found if (e.get("type", set()) | e.get("class", set())) & attacks]
    assert not [e for e in found if "46" in e.get("deaths", set())
                and (e.get("type", set()) | e.get("class", set())) & attacks]


# --- shootdowns ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "A Ukrainian Su-25 went down after being struck by a Russian missile on Monday.",
    "A Ukrainian Su-25 was struck by a Russian S-400 missile on Monday.",
])
def test_an_aircraft_struck_by_a_missile_is_shot_down(kb: KnowledgeBase, text: str) -> None:
    shootdown = one(kb, text, "Shootdown")
    assert shootdown["model"] == {"su-25"}
    assert shootdown["agent"] == {"russia"}
    assert "su-25" not in shootdown.get("instrument", set())


def test_an_aircraft_struck_on_the_ground_is_no_shootdown(kb: KnowledgeBase) -> None:
    assert not of_class(kb, "Two Su-25 jets parked at the base were struck by a drone on Monday.",
                        "Shootdown")


def test_the_pronoun_takes_up_the_aircraft_with_its_model(kb: KnowledgeBase) -> None:
    shootdown = one(kb, "The Il-76 transport plane was carrying troops when it was hit by "
                        "anti-aircraft fire on Monday.", "Shootdown")
    assert shootdown["model"] == {"il-76"}


@pytest.mark.parametrize("text", [
    "Turkey's downing of a Russian Su-24 in November angered Moscow.",
    "The downing of the Russian Su-24 by Turkey angered Moscow.",
])
def test_the_agent_of_a_downing(kb: KnowledgeBase, text: str) -> None:
    assert one(kb, text, "Shootdown")["agent"] == {"turkey"}


def test_several_aircraft_over_weeks_are_not_the_shootdown_of_the_day(kb: KnowledgeBase) -> None:
    found = of_class(kb, "Rebels shot down a Ukrainian Il-76 plane on Saturday. Rebels have shot "
                         "down several Ukrainian helicopters in recent weeks.", "Shootdown")
    assert len(found) == 2


# --- seizures, detentions, ceasefire violations ---------------------------------------------

def test_the_seizure_of_x_by_y(kb: KnowledgeBase) -> None:
    assert one(kb, "The seizure of the tanker by Iran on Friday angered Britain.",
               "Seizure")["agent"] == {"iran"}


def test_coordinated_verbs_share_their_subject(kb: KnowledgeBase) -> None:
    detention = one(kb, "Iranian forces opened fire on a Kuwaiti fishing boat and took them "
                        "into custody on Friday.", "Detention")
    assert detention["agent"] == {"iranian-armed-forces"}


def test_a_ceasefire_broken_in_the_passive(kb: KnowledgeBase) -> None:
    violation = one(kb, "The ceasefire was violated by Armenian forces on Sunday.",
                    "CeasefireViolation")
    assert violation["agent"] == {"armenia"}
    assert violation.get("eventTarget", set()) == set()


# --- arms transfers --------------------------------------------------------------------------

def test_sending_a_state_weapons_is_a_planned_transfer(kb: KnowledgeBase) -> None:
    transfer = one(kb, "The United States will send Ukraine four HIMARS launchers.",
                   "ArmsTransfer")
    assert transfer["agent"] == {"united-states"} and transfer["recipient"] == {"ukraine"}
    assert transfer["model"] == {"himars"}
    assert transfer["factuality"] == {"future"} and transfer["status"] <= {"planned", "announced"}


def test_will_deliver_the_systems_is_planned_with_the_same_buyer(kb: KnowledgeBase) -> None:
    found = of_class(kb, "France sold Rafale jets to India in May. France will deliver the "
                         "systems within a month.", "ArmsTransfer")
    planned = [t for t in found if t["factuality"] == {"future"}]
    assert len(planned) == 1 and planned[0]["recipient"] == {"india"}
    assert planned[0]["model"] == {"rafale"}


def test_will_not_provide_is_negated(kb: KnowledgeBase) -> None:
    transfer = one(kb, "Washington will not provide the ATACMS missiles.", "ArmsTransfer")
    assert transfer["factuality"] == {"negated"}


@pytest.mark.parametrize("text", [
    "Russia sent troops and tanks to the border on Monday.",
    "The European Union will provide Ukraine with humanitarian aid.",
])
def test_sending_troops_or_aid_is_no_arms_transfer(kb: KnowledgeBase, text: str) -> None:
    assert not of_class(kb, text, "ArmsTransfer")


def test_a_delivery_noun_without_its_sides_is_no_second_transfer(kb: KnowledgeBase) -> None:
    found = of_class(kb, "Germany will send Ukraine its IRIS-T system, though officials said "
                         "delivery could take months.", "ArmsTransfer")
    assert len(found) == 1


def test_the_date_of_writing_is_not_the_date_of_the_transfer(kb: KnowledgeBase) -> None:
    transfer = one(kb, "Joe Biden wrote in an opinion article on Tuesday that the United States "
                       "would provide Ukraine with HIMARS launchers.", "ArmsTransfer")
    assert "date" not in transfer


# --- names ------------------------------------------------------------------------------------

def test_island_is_not_iceland_and_north_korean_is_north_korea(kb: KnowledgeBase) -> None:
    doc = SourceDocument("names-test", "North Korean shells hit the island.", "test",
                         {"published": PUBLISHED})
    triples = extract(doc, kb, NS).ntriples.decode()
    assert "state/iceland" not in triples
    assert "state/north-korea" in triples


def test_an_event_class_named_nearby_is_no_transferred_item(kb: KnowledgeBase) -> None:
    doc = SourceDocument("items-test", "The United States will supply Ukraine with new systems "
                         "so that it can strike Russian artillery.", "test",
                         {"published": PUBLISHED})
    store = ox.Store()
    store.bulk_load(extract(doc, kb, NS).ntriples, ox.RdfFormat.N_TRIPLES)
    assert not store.query(PREFIX_LINES + """ASK {
        ?e a ck:ArmsTransfer ; ck:participant ?item . ?item a ck:Strike }""")


# --- the subject of an active shootdown, passive detentions, towns shelled ------------------

def test_the_aircraft_that_shoots_is_no_target(kb: KnowledgeBase) -> None:
    # the fighter before an active verb with its own object is the shooter's platform
    shootdown = one(kb, "A Greek F-16 shot down a Turkish surveillance balloon over the "
                        "Aegean on Monday.", "Shootdown")
    assert shootdown["agent"] == {"greece"}
    assert "f-16" not in shootdown.get("model", set())
    assert "f-16" in shootdown.get("instrument", set())


def test_a_balloon_struck_by_a_missile_is_shot_down_with_that_missile(kb: KnowledgeBase) -> None:
    shootdown = one(kb, "The balloon was struck by a single AIM-9X missile on Monday.",
                    "Shootdown")
    assert any("aim-9" in i for i in shootdown.get("instrument", set()))


def test_people_detained_by_an_agent_in_the_passive(kb: KnowledgeBase) -> None:
    assert one(kb, "Its 14 sailors were detained by the Houthis on Monday.",
               "Detention")["agent"] == {"ansar-allah"}


def test_the_towns_shelled_are_where_the_strike_was(kb: KnowledgeBase) -> None:
    strike = one(kb, "Serbian forces shelled the towns of Velimor and Drastin on Monday.",
                 "Strike")
    assert strike["location"] & {"velimor", "drastin"}
    assert strike["agent"] == {"serbia"}


def test_should_have_been_shot_down_is_no_actual_shootdown(kb: KnowledgeBase) -> None:
    found = of_class(kb, "Greek lawmakers said the Turkish drone should have been shot down "
                         "over Crete on Monday.", "Shootdown")
    assert found and all(e["factuality"] == {"hypothetical"} for e in found)


def test_the_antecedent_of_a_subject_relative_clause_is_the_agent(kb: KnowledgeBase) -> None:
    offensive = one(kb, "The Velez militia belongs to the Wagner group, which launched an "
                        "offensive across the north last October.", "Offensive")
    assert offensive["agent"] == {"wagner-group"}


def test_a_place_after_a_long_object_in_the_same_clause(kb: KnowledgeBase) -> None:
    seizure = one(kb, "Serbian forces captured the headquarters of the army's northern command "
                      "in Velimor on Saturday.", "Seizure")
    assert seizure["location"] == {"velimor"}
