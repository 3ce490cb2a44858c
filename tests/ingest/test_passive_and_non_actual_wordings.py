"""Passive agents, nominalisations and non-actual wordings, on short invented sentences.

Each sentence was written for its test (none comes from an article or from the
evaluation corpus): it shows one rule of ``event-frames.toml``,
``factuality-cues.toml`` or the argument readers of ``ingest/events.py``.
"""

from __future__ import annotations

import pytest

from conflict_kg.ingest.kb import KnowledgeBase
from tests.support.ingest.wordings import events, of_class

# --- passive voice and "by" phrases ----------------------------------------------------

@pytest.mark.parametrize(("text", "event_class", "agent"), [
    # the "by" phrase names the agent through its people or its weapon
    ("The tanker was boarded by commandos from a Greek frigate on Tuesday.", "Boarding",
     "greece"),
    ("A cargo plane was shot down near the coast on Monday by an Iranian missile.",
     "Shootdown", "iran"),
    # an adverbial between the verb and "by"; the owner of the ship is not the agent
    ("The Chilean destroyer was sunk on Thursday by a torpedo fired from an Indian submarine.",
     "Attack", "india"),
    ("A warehouse was struck by a rocket fired by Ethiopian troops.", "Strike", "ethiopia"),
    ("Two pilots were taken prisoner by Eritrean soldiers.", "Detention", "eritrea"),
    # adjectival forms of states whose countryinfo demonym is a noun
    ("Argentine forces shelled the harbour on Monday.", "Strike", "argentina"),
    ("Icelandic ships rammed the trawler on Monday.", "Ramming", "iceland"),
    # the forces moved are the movers (frame option subject_moves), all of a coordination
    ("Ukrainian and Polish troops were deployed to the border on Monday.", "Deployment",
     "poland,ukraine"),
    # a noun's light verb in the passive, and passive sanctions
    ("The offensive on the city was launched on Monday by Ethiopian forces.", "Offensive",
     "ethiopia"),
    ("Sanctions were imposed on Iran by the European Union on Monday.", "Sanctions",
     "european-union"),
])
def test_the_agent_of_a_passive_follows_by(kb: KnowledgeBase, text: str, event_class: str,
                                           agent: str) -> None:
    found = of_class(kb, text, event_class)
    assert found and all(e["agents"] == agent for e in found), events(kb, text)


def test_a_noun_after_the_refers_back_and_takes_no_agent_from_a_name_before(
        kb: KnowledgeBase) -> None:
    text = ("Talks on a plan drafted by the Kenyan president, William Ruto, were abandoned "
            "after the sinking.")
    assert all("ruto" not in e["agents"] for e in events(kb, text)), events(kb, text)


def test_a_withdrawal_in_the_passive_has_no_agent_from_the_main_clause(
        kb: KnowledgeBase) -> None:
    text = "Norway would quit the alliance if the warships were not withdrawn."
    found = of_class(kb, text, "Withdrawal")
    assert found and all(e["agents"] == "" and e["f"] != "actual" for e in found), found


def test_a_date_dates_the_event_next_to_it(kb: KnowledgeBase) -> None:
    text = ("Kenya's shelling of the camp was the deadliest since Somalia's seizure of the "
            "town on March 2.")
    attacks = of_class(kb, text, "Strike")
    assert attacks and all(e["date"] != "2022-03-02" for e in attacks), events(kb, text)
    assert any(e["date"] == "2022-03-02" for e in of_class(kb, text, "Seizure"))


def test_a_second_aircraft_is_a_second_shootdown(kb: KnowledgeBase) -> None:
    text = ("Chadian troops shot down a Sudanese helicopter on Monday. Chadian radio claimed "
            "that Chadian gunners had shot down a second Sudanese helicopter, which "
            "Khartoum denied.")
    assert len(of_class(kb, text, "Shootdown")) == 2, events(kb, text)


# --- new triggers ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "event_class"), [
    ("A truce agreed by the two militias on Friday was broken within hours.",
     "CeasefireViolation"),
    ("The frigate was torpedoed off the cape.", "Attack"),
    ("Troops invaded the island on Monday.", "Offensive"),
    ("The rebels left the border area on Monday.", "Withdrawal"),
    ("Negotiations between the two sides resumed on Monday.", "Talks"),
    ("Martial law was declared in the province on Monday.", "EmergencyDeclaration"),
])
def test_new_frame_triggers(kb: KnowledgeBase, text: str, event_class: str) -> None:
    assert of_class(kb, text, event_class), events(kb, text)


# --- factuality ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "event_class", "values"), [
    # counterfactual after the noun's "of" phrase
    ("Analysts said an invasion of the island could have followed.", "Offensive",
     {"hypothetical"}),
    # negated: "no X has been", "would not"
    ("No Greek ship has been seized this year.", "Seizure", {"negated"}),
    ("The general said the army would not launch an offensive.", "Offensive", {"negated"}),
    # called off, with a long subject between the noun and its verb
    ("Talks on a ceasefire plan drawn up by the Kenyan president, William Ruto, were "
     "abandoned on Monday.", "Talks", {"calledOff"}),
    ("A planned meeting of the two defence ministers in Geneva was postponed.", "Talks",
     {"calledOff"}),
    # obliged and asked for
    ("The minister said the frigates must leave the fishing zone.", "Withdrawal", {"obliged"}),
    ("The minister said the quarrel must be settled in direct talks.", "Talks", {"obliged"}),
    ("The council has demanded that Chad withdraw its forces from the town.", "Withdrawal",
     {"future"}),
    ("The president called on the African Union to send peacekeepers to the border.",
     "Deployment", {"future"}),
    ("The troops would stay in the region until the missiles had been withdrawn.",
     "Withdrawal", {"future"}),
    # a definite mention called off is the planned event named before it
    ("Generals urged an air strike on the port, but the president postponed the strike.",
     "AirStrike", {"calledOff"}),
    # "any": no particular deed
    ("Kenya rejected any foreign deployment on its soil.", "Deployment", {"hypothetical"}),
    # unsettled: doubts, attempts, a claim that could not be verified
    ("Doubts remain over the withdrawal of Eritrean troops from the region.", "Withdrawal",
     {"hypothetical"}),
    ("Iranian boats attempted to seize the tanker.", "Seizure", {"hypothetical"}),
    ("The general claimed his forces had captured the airport, which could not be verified.",
     "Seizure", {"hypothetical"}),
    # negated: after the trigger, or a verb of holding back before it
    ("The defence minister said a ground offensive was not on the table.", "Offensive",
     {"negated"}),
    ("Reports that rebels had seized the airport proved false.", "Seizure", {"negated"}),
    ("The talks collapsed before they began.", "Talks", {"negated"}),
    ("The government said the talks would not go ahead.", "Talks", {"negated"}),
    ("Nigeria stopped short of deploying troops.", "Deployment", {"negated"}),
    # called off: "but called them off", "approved and then called off", "fell through"
    ("The president approved strikes on three radar sites but called them off.", "Strike",
     {"calledOff"}),
    ("Retaliatory strikes against three Iranian sites were approved and then called off.",
     "Strike", {"calledOff"}),
    ("A strike on the depot was considered but rejected by the cabinet.", "Strike",
     {"calledOff"}),
    ("A proposed prisoner swap fell through.", "PrisonerExchange", {"calledOff"}),
    ("Plans to deploy peacekeepers were put on hold.", "Deployment", {"calledOff"}),
    # obliged by an agreement's words
    ("The deal requires the rebels to withdraw from the town within 30 days.", "Withdrawal",
     {"obliged"}),
    # a denial implies someone asserts it: never actual, even without a named speaker
    ("The army denied that it had shelled the village.", "Strike", {"reportedOnly"}),
    # future: an assault that is imminent
    ("Military sources said an assault on the town was imminent.", "Attack", {"future"}),
])

def test_non_actual_wordings(kb: KnowledgeBase, text: str, event_class: str,
                             values: set[str]) -> None:
    found = events(kb, text)
    assert {e["f"] for e in found if e["class"] == event_class} == values, found
    assert all(e["f"] != "actual" for e in found), found


@pytest.mark.parametrize("text", [
    "Sudan's army said it had recaptured the town, but the RSF denied it.",
    "The Ethiopian army said it had shelled rebel positions, but the TPLF denied that any "
    "shelling had occurred.",
])
def test_asserted_by_one_and_denied_by_another_is_never_actual(kb: KnowledgeBase,
                                                               text: str) -> None:
    found = events(kb, text)
    assert found and all(e["f"] != "actual" for e in found), found
    assert any(e["f"] == "reportedOnly" for e in found), found


def test_the_one_who_asks_is_not_the_agent(kb: KnowledgeBase) -> None:
    text = "The Kenyan president called on Uganda to send troops to the border."
    found = of_class(kb, text, "Deployment")
    assert found and all("kenya" not in e["agents"] for e in found), found


def test_a_called_off_plan_leaves_the_deed_of_another_clause_actual(kb: KnowledgeBase) -> None:
    text = "Kenyan jets bombed the depot on Monday and talks were then suspended."
    assert {e["f"] for e in of_class(kb, text, "Strike")} == {"actual"}, events(kb, text)
