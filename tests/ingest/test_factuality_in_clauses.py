"""Factuality traps in the clause of the trigger, on short invented sentence pairs.

Each case pairs an event with a reporting sentence, shows the ck:factuality the event
gets and the claim that carries who said it. None of these sentences comes from an
article. The "actual only" pattern of docs/ingest.md must never return these events.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conflict_kg.ingest.kb import KnowledgeBase
from tests.support.ingest.factuality import claims, factualities, graph, select

ACTUAL_ONLY = ("?e a ?type . FILTER NOT EXISTS { ?e ck:factuality ?f . "
               "FILTER(?f != ck:actual) }")


@pytest.mark.parametrize(("text", "event_class", "value"), [
    # negated: kept as an event with ck:negated, no longer dropped
    ("No shots were fired at the Greek patrol, the Greek navy said on Tuesday. "
     "The Turkish navy said the same.", "Attack", "negated"),
    ("The Greek frigate did not enter Turkish airspace, the Greek ministry said. "
     "Ankara did not comment.", "Incursion", "negated"),
    ("The Greek ministry said there were no plans to launch another military operation. "
     "Ankara said nothing.", "MilitaryOperation", "negated"),
    # a negated negation leaves the event possible
    ("The Greek minister did not rule out further strikes on the camps, "
     "the Greek defence ministry said. "
     "Ankara protested.", "Strike", "hypothetical"),
    # a judged case: "X would be a cause for war"
    ("The Turkish president warned that an incursion into Turkish territory would be a cause "
     "for war. Athens said it had no such plan.", "Incursion", "hypothetical"),
    # called off: a mission noun takes the cue
    ("The Greek government called off a military mission near Kos on Tuesday, the Greek "
     "defence ministry said. Ankara welcomed it.", "MilitaryOperation", "calledOff"),
    # future: the cue after a long "of" phrase
    ("An emergency meeting of the Greek and Turkish foreign ministers is expected on Tuesday, "
     "the Greek ministry said. Ankara agreed.", "Talks", "future"),
])
def test_clause_cues_give_the_value_and_a_claim_carries_it(
        kb: KnowledgeBase, text: str, event_class: str, value: str) -> None:
    store = graph(kb, text)
    assert factualities(store, event_class) == {value}
    assert claims(store), "the reporting sentence of the pair is a claim"
    assert not select(store, f"{ACTUAL_ONLY} ?e a ck:{event_class} .")


def test_a_coming_weekday_dates_a_future_event_forward(kb: KnowledgeBase) -> None:
    # published on Friday 12 March 2021: "on Tuesday" of an expected meeting is the 16th
    store = graph(kb, "An emergency meeting of the Greek and Turkish ministers is expected on "
                      "Tuesday. Turkish troops shelled the village of Kos on Tuesday.")
    dates = {r["d"] for r in select(store, "?e a ck:Talks ; ck:date ?d .")}
    assert dates == {"2021-03-16"}
    past = {r["d"] for r in select(store, "?e a ck:Strike ; ck:date ?d .")}
    assert past == {"2021-03-09"}


def test_came_under_fire_from_names_the_attacker_after_from(kb: KnowledgeBase) -> None:
    store = graph(kb, "The Greek army came under fire from Turkish troops on Friday. "
                      "The Greek ministry said so.")
    agents = {r["a"] for r in select(store, "?e a ck:Attack ; ck:agent ?a .")}
    targets = {r["t"] for r in select(store, "?e a ck:Attack ; ck:eventTarget ?t .")}
    assert any("turk" in a for a in agents) and not any("greece" in a for a in agents)
    assert any("greece" in t for t in targets)


def test_the_accused_not_the_accuser_is_the_agent_and_it_stays_reported(
        kb: KnowledgeBase) -> None:
    store = graph(kb, "Greece accused Turkey of violating its airspace on Tuesday. "
                      "The Greek defence ministry said so again.")
    agents = {r["a"] for r in select(store, "?e a ck:Incursion ; ck:agent ?a .")}
    assert any("turkey" in a for a in agents) and not any("greece" in a for a in agents)
    assert factualities(store, "Incursion") == {"reportedOnly"}


def test_the_second_of_two_coordinated_verbs_keeps_the_first_subject(
        kb: KnowledgeBase) -> None:
    store = graph(kb, "Greece expelled Turkey's ambassador and sent troops to the border. "
                      "Ankara protested.")
    agents = {r["a"] for r in select(store, "?e a ck:Deployment ; ck:agent ?a .")}
    assert any("greece" in a for a in agents) and not any("turkey" in a for a in agents)


def test_the_owner_of_what_was_seized_is_not_its_target(kb: KnowledgeBase) -> None:
    store = graph(kb, "Greek soldiers seized laptops belonging to Recep Tayyip Erdogan at the "
                      "camp. Ankara protested.")
    assert not select(store, "?e a ck:Seizure ; ck:eventTarget ?t .")


def test_a_shot_down_airliner_is_a_civilian_aircraft(kb: KnowledgeBase) -> None:
    store = graph(kb, "A Turkish fighter shot down a Greek airliner near Kos on Tuesday. "
                      "Athens protested.")
    assert select(store, "?e a ck:Shootdown ; ck:eventTarget ?t . ?t a ck:CivilianAircraft .")
    assert not select(store, "?e a ck:Shootdown ; ck:eventTarget ?t . "
                             "?t a ck:MilitaryAircraft .")


def test_published_date_is_a_friday() -> None:
    from tests.support.ingest.factuality import PUBLISHED
    assert PUBLISHED == dt.date(2021, 3, 12) and PUBLISHED.weekday() == 4


def test_a_toll_in_its_own_clause_is_not_lost_with_a_called_off_event(
        kb: KnowledgeBase) -> None:
    store = graph(kb, "The Greek army called off the air strike on the village, and three "
                      "soldiers were killed when their truck overturned. The ministry said so.")
    assert factualities(store, "AirStrike") == {"calledOff"}
    assert select(store, "?e a ck:Casualties ; ck:deaths/ck:value ?v . FILTER(?v = 3)")
    # a toll inside the called-off event's own clause stays no toll
    store = graph(kb, "The Greek army postponed the strike that would have killed dozens.")
    assert not select(store, "?e ck:deaths ?q .")


def test_a_promised_act_takes_no_date_from_the_clause_before_it(kb: KnowledgeBase) -> None:
    store = graph(kb, "Greek troops captured the island of Kos on Tuesday, and Turkey vowed to "
                      "retake it by force. The Turkish ministry said so.")
    assert factualities(store, "Seizure") == {"actual", "future"}
    dated = select(store, "?e a ck:Seizure ; ck:factuality ck:future ; ck:date ?d .")
    assert not dated
    assert select(store, "?e a ck:Seizure ; ck:factuality ck:actual ; ck:date ?d .")
