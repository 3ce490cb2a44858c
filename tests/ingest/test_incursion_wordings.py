"""Incursions into a state's waters or airspace named by its adjective or a possessive
("entered Ukrainian waters", "strayed into Turkish airspace", "sailed into its waters"), and
the guards that keep anyone's waters and ports out. Every sentence is written for this test."""

from __future__ import annotations

import pytest

from conflict_kg.ingest.kb import KnowledgeBase
from tests.support.ingest.wordings import events


@pytest.mark.parametrize(("text", "agents"), [
    ("A Russian warship entered Ukrainian waters on Friday.", "russia"),
    ("Two fighter jets strayed into Turkish airspace on Friday.", None),
    # the speaker (the navy) is never the intruder
    ("The navy said the frigate had sailed into its waters without permission.", ""),
    ("Chinese bombers violated Japan's airspace twice last week.", None),
])
def test_a_state_s_waters_or_airspace_entered_is_an_incursion(kb: KnowledgeBase, text: str,
                                                              agents: str | None) -> None:
    found = [e for e in events(kb, text) if e["class"] == "Incursion"]
    assert [e["f"] for e in found] == ["actual"], events(kb, text)
    if agents is not None:
        assert found[0]["agents"] == agents, events(kb, text)


@pytest.mark.parametrize("text", [
    "Divers entered the waters of the bay on Friday.",
    "A Greek frigate entered the port of Piraeus.",
    "The ferry sailed into calm waters after the storm.",
])
def test_anyone_s_waters_or_a_port_is_no_incursion(kb: KnowledgeBase, text: str) -> None:
    assert not [e for e in events(kb, text) if e["class"] == "Incursion"], events(kb, text)
