"""Counts, tolls and what they are attached to, on short sentences written for these tests.

None of these sentences comes from an article or from the evaluation corpus.
"""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox
import pytest

from conflict_kg.ingest.extract import extract
from conflict_kg.ingest.kb import KnowledgeBase
from conflict_kg.ingest.quantities import find_quantities
from conflict_kg.ingest.sources import SourceDocument
from tests.ingest.conftest import NS, PREFIX_LINES, extracted

PUBLISHED = dt.date(2021, 3, 12)


def counts(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str, str]]:
    """(event class, property, value or bound, kind of number) of every event count."""
    store = extracted(kb, text, "quantity-test", PUBLISHED)
    rows = store.query(PREFIX_LINES + """
        SELECT ?cls ?p ?n ?how WHERE {
          ?e a ?cls ; ?p ?q . ?q a ck:Quantity ; ?how ?n .
          FILTER(STRSTARTS(STR(?cls), STR(ck:)) && ?how IN (ck:value, ck:lowerBound))
        }""")
    return {tuple(row[v].value.rsplit("#", 1)[-1] for v in ("cls", "p", "n", "how"))
            for row in rows}  # type: ignore[union-attr,misc]


# --- what a number counts ---------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("killing two Ruritanian marines", [(2, None, "Ruritanian marines", "people")]),
    ("the army sent six Heavy Rocket Launch Systems", [(6, None, "Heavy Rocket Launch Systems",
                                                       "materiel")]),
    ("Three of the gunmen fled", [(3, None, "of the gunmen", "people")]),
    ("more than 900 detainees", [(None, 900, "detainees", "people")]),
    ("No one was hurt", [(0, None, None, "people")]),
    ("killing five and wounding 12.", [(5, None, None, "people"), (12, None, None, "people")]),
    ("the talks lasted ten hours", []),
    ("within five years. Sailors", []),  # never across a sentence end
    ("30 gunmen ambushed police officers", [(30, None, "gunmen", "people")]),
])
def test_what_a_number_counts(text: str, expected: list[tuple]) -> None:
    found = find_quantities(text, 0)
    assert [(q.value, q.lower, q.counted, q.category) for q in found] == expected


# --- tolls --------------------------------------------------------------------------


def test_a_participle_gives_the_strike_its_deaths_and_a_bare_number_its_injuries(
        kb: KnowledgeBase) -> None:
    found = counts(kb, "Turkish jets struck a depot near Idlib on Tuesday, killing seven "
                       "soldiers and wounding 19.")
    assert ("AirStrike", "deaths", "7", "value") in found
    assert ("AirStrike", "injuries", "19", "value") in found


def test_a_count_before_a_passive_casualty_verb(kb: KnowledgeBase) -> None:
    found = counts(kb, "Turkish jets struck a depot near Idlib on Tuesday. Nine guards were "
                       "killed and four other guards were badly wounded.")
    assert ("AirStrike", "deaths", "9", "value") in found
    assert ("AirStrike", "injuries", "4", "value") in found


def test_all_between_the_verb_and_the_count(kb: KnowledgeBase) -> None:
    found = counts(kb, "Turkish jets struck a depot near Idlib on Tuesday, killing all 14 "
                       "people inside.")
    assert ("AirStrike", "deaths", "14", "value") in found


def test_no_one_killed_is_a_zero_toll_never_one(kb: KnowledgeBase) -> None:
    found = counts(kb, "Turkish jets struck a depot near Idlib on Tuesday. No one was killed, "
                       "officials said.")
    assert ("AirStrike", "deaths", "0", "value") in found
    assert not [c for c in found if c[1] == "deaths" and c[2] != "0"]


def test_killed_or_injured_is_a_casualty_figure_not_a_death_toll(kb: KnowledgeBase) -> None:
    found = counts(kb, "Turkish jets struck a depot near Idlib on Tuesday, and 31 soldiers were "
                       "killed or seriously injured.")
    assert ("AirStrike", "casualties", "31", "value") in found
    assert not [c for c in found if c[1] == "deaths"]


@pytest.mark.parametrize("text", [
    # hypothetical
    "Turkish jets struck a depot near Idlib on Tuesday. Officials said 30 people could have "
    "died.",
    # claimed by a party
    "Turkish jets struck a depot near Idlib on Tuesday. The rebels claimed to have killed 50 "
    "soldiers.",
    # withdrawn by the next sentence
    "Turkish jets struck a depot near Idlib on Tuesday, killing 12 people. The ministry did not "
    "confirm the figure.",
    # a toll of the whole war, not of the strike
    "Turkish jets struck a depot near Idlib on Tuesday. More than 4,000 people have been killed "
    "since the war began.",
    # a part of a count
    "Turkish jets struck a depot near Idlib on Tuesday, and most of the 40 guards were killed.",
])
def test_no_toll_from_a_figure_that_is_not_the_events(kb: KnowledgeBase, text: str) -> None:
    assert not [c for c in counts(kb, text) if c[1] in ("deaths", "injuries")]


def test_a_toll_in_a_clause_about_another_event_stays_off_the_strike(kb: KnowledgeBase) -> None:
    found = counts(kb, "Turkish jets struck a depot near Idlib on Tuesday. The strike came a "
                       "month after the sinking of a ferry, in which 12 passengers died.")
    assert not [c for c in found if c[0] == "AirStrike" and c[1] == "deaths"]
    assert ("Casualties", "deaths", "12", "value") in found


# --- displaced people and object counts ---------------------------------------------


def test_people_forced_from_their_homes_are_displaced_with_the_lower_bound(
        kb: KnowledgeBase) -> None:
    found = counts(kb, "The fighting near Idlib has forced more than 50,000 people from their "
                       "homes.")
    assert ("Displacement", "displaced", "50000", "lowerBound") in found


def test_most_of_a_count_is_not_the_count(kb: KnowledgeBase) -> None:
    found = counts(kb, "Most of the town's 2,000 residents fled to the hills.")
    assert not [c for c in found if c[2] == "2000"]


def test_the_object_count_of_a_release_and_of_an_arms_transfer(kb: KnowledgeBase) -> None:
    assert ("Release", "quantity", "37", "value") in counts(
        kb, "The rebels released 37 prisoners near Idlib on Tuesday.")
    assert ("ArmsTransfer", "quantity", "4", "value") in counts(
        kb, "Russia will deliver four S-400 launchers to Turkey next year.")


def test_a_count_after_a_preposition_is_not_the_object(kb: KnowledgeBase) -> None:
    found = counts(kb, "The rebels seized the town with 300 fighters on Tuesday.")
    assert not [c for c in found if c[1] == "quantity"]


def test_a_passive_subject_is_counted_an_active_subject_is_not(kb: KnowledgeBase) -> None:
    assert ("Detention", "quantity", "12", "value") in counts(
        kb, "Twelve fishermen were detained by the Turkish coast guard on Tuesday.")
    assert not [c for c in counts(kb, "Two Iranian warships seized a tanker on Tuesday.")
                if c[1] == "quantity"]


def test_a_reported_toll_names_the_claim_that_gives_it(kb: KnowledgeBase) -> None:
    doc = SourceDocument("quantity-test", "Turkish jets struck a depot near Idlib on Tuesday, "
                         "killing 12 people, the Turkish defence ministry said.", "test",
                         {"published": PUBLISHED})
    store = ox.Store()
    store.bulk_load(extract(doc, kb, NS).ntriples, ox.RdfFormat.N_TRIPLES)
    rows = list(store.query(PREFIX_LINES + """
        SELECT ?n ?who WHERE { ?e ck:deaths ?q . ?q ck:value ?n ;
                                  ck:statedIn ?c . ?c ck:claimant ?who }"""))
    assert [(r["n"].value, r["who"].value.rsplit("/", 1)[-1])  # type: ignore[index]
            for r in rows] == [("12", "turkey-ministry-of-national-defence")]
