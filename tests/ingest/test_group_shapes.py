"""Unknown armed groups recognised from the shape of their names (invented names)."""

from __future__ import annotations

import pytest

from conflict_kg.bundled import ensure_bundled
from conflict_kg.ingest.entities import EntityFinder
from conflict_kg.ingest.group_shapes import group_names
from conflict_kg.ingest.kb import KnowledgeBase
from conflict_kg.ingest.text import Span
from conflict_kg.store import OxigraphStore
from tests.ingest.conftest import NS


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    store = OxigraphStore.in_memory()
    ensure_bundled(store, NS)
    return KnowledgeBase.from_store(store, [NS.ontology_graph, NS.reference_graph], towns=[])


def minted_groups(kb: KnowledgeBase, text: str) -> set[str]:
    finder = EntityFinder(kb, NS)
    finder.find(Span(0, len(text), text))
    return {e.label for e in finder.new.values() if "NonStateArmedGroup" in e.classes}


@pytest.mark.parametrize(("text", "name"), [
    ("The Varkan Resistance Movement said it shot down a drone.", "Varkan Resistance Movement"),
    ("Gunmen of the Orlan Hills Militia blocked the road.", "Orlan Hills Militia"),
    ("Rebels of the Army of the Free Orlan attacked a convoy.", "Army of the Free Orlan"),
    ("Fighters from the Tarsi Brigade seized the bridge.", "Tarsi Brigade"),
    ("The Islamic State of the Orlan Hills claimed the bombing.",
     "Islamic State of the Orlan Hills"),
])
def test_armed_group_shapes_are_minted_with_their_class(kb: KnowledgeBase, text: str,
                                                        name: str) -> None:
    assert minted_groups(kb, text) == {name}


@pytest.mark.parametrize("text", [
    "The Five Star Movement won the vote.",  # a party: no armed cue
    "The Malian Liberation Front said the talks had failed.",  # a demonym: maybe a state's
    "The National Liberation Brigade paraded in the capital.",  # a state's word
    "The Golani Brigade of Israel's army trained in the north.",  # no armed cue
    "the liberation front of the war moved south.",  # not capitalised
])
def test_no_group_without_the_shape_and_a_cue_or_over_a_state_organ(
        kb: KnowledgeBase, text: str) -> None:
    assert minted_groups(kb, text) == set()


def test_a_known_group_is_linked_not_minted(kb: KnowledgeBase) -> None:
    finder = EntityFinder(kb, NS)
    text = "Fighters of the Houthis and the M23 rebels clashed."
    finder.find(Span(0, len(text), text))
    assert not any("NonStateArmedGroup" in e.classes for e in finder.new.values())


def test_a_leading_article_or_capitalised_verb_is_not_part_of_the_name() -> None:
    assert [n for _s, _e, n in group_names("The Tarsi Liberation Front attacked.")] == [
        "Tarsi Liberation Front"]
