"""Forces that leave a place named by its name withdraw from it ("the last Soviet troops
left Niger"); a day after "left", a person leaving, or "left X for Y" (a move) do not.
Every sentence is written for this test."""

from __future__ import annotations

import pytest

from conflict_kg.ingest.kb import KnowledgeBase
from tests.support.ingest.wordings import events


@pytest.mark.parametrize("text", [
    "The last Chadian soldiers left Niger on Wednesday.",
    "Russian troops left Kherson on Friday after weeks of fighting.",
    "The remaining peacekeepers left Mali in December.",
])
def test_forces_leaving_a_named_place_withdraw(kb: KnowledgeBase, text: str) -> None:
    found = [e for e in events(kb, text) if e["class"] == "Withdrawal"]
    assert [e["f"] for e in found] == ["actual"], events(kb, text)


@pytest.mark.parametrize("text", [
    "American troops left Monday for the front.",
    "The minister left Kyiv on Friday.",
    "Troops left Kabul for the front on Friday.",
])
def test_no_withdrawal_without_forces_leaving_a_place(kb: KnowledgeBase, text: str) -> None:
    assert not [e for e in events(kb, text) if e["class"] == "Withdrawal"], events(kb, text)
