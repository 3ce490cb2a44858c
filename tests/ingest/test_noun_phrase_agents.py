"""An event named inside a noun phrase is not done by the subject of another verb
(ingest/noun_phrase_agents.py): "Chile called for the release of the detained sailors"
names no detention by Chile.  Every sentence was written for this test."""

from __future__ import annotations

import pytest

from conflict_kg.ingest.kb import KnowledgeBase
from tests.support.ingest.wordings import events


def _agents(kb: KnowledgeBase, text: str, event_class: str) -> list[str]:
    found = [e["agents"] for e in events(kb, text) if e["class"] == event_class]
    assert found, f"no {event_class} in {text!r}: {events(kb, text)}"
    return found


@pytest.mark.parametrize(("text", "event_class"), [
    # an attributive participle: the subject reacts to the event
    ("Chile called for the unconditional release of the detained sailors.", "Detention"),
    ("Georgia sought the return of the detained soldiers.", "Detention"),
    ("Peru demanded compensation for the seized fishing vessel.", "Seizure"),
    ("Ukraine welcomed the release of the captured marines.", "Detention"),
    ("Denmark asked for the wreckage of the downed helicopter to be returned.", "Shootdown"),
    # a nominalisation in the object of a verb of reaction
    ("The Dutch government condemned the shooting down of the airliner.", "Shootdown"),
])
def test_the_subject_of_a_reaction_is_not_the_agent(kb: KnowledgeBase, text: str,
                                                    event_class: str):
    assert _agents(kb, text, event_class) == [""]


@pytest.mark.parametrize(("text", "event_class", "agent"), [
    # inside the phrase, before the trigger or after "by"
    ("The Iranian seizure of the tanker angered London.", "Seizure", "iran"),
    ("Iran's seizure of the tanker angered London.", "Seizure", "iran"),
    ("Norway summoned the ambassador over the seizure of its tanker by the Iranian navy.",
     "Seizure", "iran"),
    # a light verb makes the subject the doer
    ("Serbia began the withdrawal of its troops from the province.", "Withdrawal", "serbia"),
    ("Israel conducted a series of air strikes on the airport.", "AirStrike", "israel"),
    ("Russia launched an offensive on the town on Monday.", "Offensive", "russia"),
    # a finite verb after a subject with a determiner is no noun phrase
    ("France and the United States struck the airbase on Saturday.", "Strike",
     "france,united-states"),
    # the accused of "blamed X for the ..." stays the agent the claim names
    ("Lithuania blamed Belarus for the incursion of the balloons.", "Incursion", "belarus"),
])
def test_agents_inside_the_phrase_or_by_a_light_verb_stay(kb: KnowledgeBase, text: str,
                                                          event_class: str, agent: str):
    assert agent in _agents(kb, text, event_class)
