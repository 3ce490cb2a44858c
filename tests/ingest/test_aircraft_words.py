"""Aircraft named by a type family or a role ("MiG fighters", "two MiGs", "a gunship",
"interceptors") are what a shootdown downs; "fighters" alone may be militants and is not.
Every sentence is written for this test."""

from __future__ import annotations

import pytest

from conflict_kg.ingest.kb import KnowledgeBase
from tests.support.ingest.wordings import events


@pytest.mark.parametrize("text", [
    "Eritrean gunners shot down two Ethiopian MiG fighters near the border on Sunday.",
    "Indian jets shot down two MiGs over the border on Sunday.",
    "Iraqi gunners shot down an American gunship near the river on Sunday.",
    "Air defences shot down two interceptors over the coast on Sunday.",
    "Rebels downed a Sukhoi fighter near the airbase on Sunday.",
])
def test_an_aircraft_family_or_role_is_shot_down(kb: KnowledgeBase, text: str) -> None:
    found = [e for e in events(kb, text) if e["class"] == "Shootdown"]
    assert [e["f"] for e in found] == ["actual"], events(kb, text)


@pytest.mark.parametrize("text", [
    "Police shot down two fighters in the street on Sunday.",
    "Guards shot two fighters dead at the checkpoint on Sunday.",
])
def test_fighters_alone_are_no_aircraft(kb: KnowledgeBase, text: str) -> None:
    assert not [e for e in events(kb, text) if e["class"] == "Shootdown"], events(kb, text)
