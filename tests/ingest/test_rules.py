"""Single rules on invented sentences: dates, quantities, mentions, new entities, positions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conflict_kg.bundled import ensure_bundled
from conflict_kg.ingest.dates import find_dates, find_periods
from conflict_kg.ingest.entities import EntityFinder
from conflict_kg.ingest.kb import KnowledgeBase
from conflict_kg.ingest.quantities import find_quantities
from conflict_kg.ingest.text import Span
from conflict_kg.store import OxigraphStore
from tests.ingest.conftest import NS

PUBLISHED = dt.date(2018, 9, 18)  # a Tuesday


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    store = OxigraphStore.in_memory()
    ensure_bundled(store, NS)
    return KnowledgeBase.from_store(store, [NS.ontology_graph, NS.reference_graph])


def refs(kb: KnowledgeBase, text: str) -> list[tuple[str, str, str]]:
    finder = EntityFinder(kb, NS)
    return [(r.span.text, r.entity.rsplit("/id/", 1)[-1], r.how)
            for r in finder.find(Span(0, len(text), text))]


@pytest.mark.parametrize(("text", "value", "precision"), [
    ("The jets struck on Monday.", "2018-09-17", "day"),
    ("Speaking Tuesday, he said", "2018-09-18", "day"),
    ("It happened last Tuesday.", "2018-09-11", "day"),
    ("Weapons must go by October 10.", "2018-10-10", "day"),
    ("The zone will hold until July 1.", "2019-07-01", "day"),  # a deadline lies ahead
    ("The jets struck on July 1.", "2018-07-01", "day"),
    ("A photo taken on July 23, 2006 shows", "2006-07-23", "day"),
    ("They met on 4 June 2018.", "2018-06-04", "day"),
    ("In February, a jet was lost.", "2018-02-01", "month"),
    ("In November, talks failed.", "2017-11-01", "month"),
    ("The deal reached last month holds.", "2018-08-01", "month"),
    ("Officials said yesterday", "2018-09-17", "day"),
])
def test_dates_resolve_against_the_published_date(text: str, value: str, precision: str) -> None:
    found = find_dates(text, 0, PUBLISHED)
    assert [(d.value.isoformat(), d.precision) for d in found] == [(value, precision)]


def test_relative_dates_need_a_published_date() -> None:
    assert find_dates("The jets struck on Monday.", 0, None) == []
    assert [d.value.isoformat() for d in find_dates("on July 23, 2006", 0, None)] == [
        "2006-07-23"]


def test_a_weekday_with_its_written_date_is_that_date() -> None:
    # Published on a Tuesday: "Sunday" alone would be two days back.
    found = find_dates("a truce to begin at midnight on Sunday, September 23", 0, PUBLISHED)
    assert [d.value.isoformat() for d in found] == ["2018-09-23"]


def test_bare_may_is_not_a_month() -> None:
    assert find_dates("Israel may strike again.", 0, PUBLISHED) == []


@pytest.mark.parametrize(("text", "start", "duration"), [
    ("in the past three years", "2015-09-18", "P3Y"),
    ("over the last 18 months", "2017-03-18", "P18M"),
    ("during the past two weeks", "2018-09-04", "P14D"),
])
def test_periods_end_at_publication(text: str, start: str, duration: str) -> None:
    (period,) = find_periods(text, 0, PUBLISHED)
    assert (period.start.isoformat(), period.end, period.duration) == (start, PUBLISHED,
                                                                        duration)


@pytest.mark.parametrize(("text", "expected"), [
    ("a 15- to 20-kilometer zone", (None, 15, 20, "kilometre", None)),
    ("between 10 and 12 km wide", (None, 10, 12, "kilometre", None)),
    ("more than 30,000 people fled", (None, 30000, None, None, "people")),
    ("up to 40 missiles", (None, None, 40, None, "missiles")),
    ("struck Syria 200 times", (200, None, None, None, "times")),
    ("hit twelve targets", (12, None, None, None, "targets")),
    ("some twenty-five soldiers", (25, None, None, None, "soldiers")),
    ("15 Russian servicemen were killed", (15, None, None, None, "Russian servicemen")),
])
def test_quantities_keep_bounds_units_and_what_is_counted(text: str, expected: tuple) -> None:
    (q,) = find_quantities(text, 0)
    assert (q.value, q.lower, q.upper, q.unit, q.counted) == expected


def test_approximate_quantities_are_marked() -> None:
    (q,) = find_quantities("about 40 people", 0)
    assert q.approximate and q.value == 40


def test_capital_acting_is_the_government_locating_is_the_city(kb: KnowledgeBase) -> None:
    found = refs(kb, "Moscow said the envoy flew to Moscow.")
    assert found[0] == ("Moscow", "government/russia", "metonym")
    assert found[-1][0] == "Moscow" and found[-1][1].startswith("place/")


def test_possessives_and_demonyms(kb: KnowledgeBase) -> None:
    found = refs(kb, "Syria's army said Israeli jets hit Iranian positions.")
    entities = {(text, entity) for text, entity, _ in found}
    assert ("Israeli", "state/israel") in entities
    assert ("Iranian", "state/iran") in entities
    assert any(entity.startswith("armed-force/syria") or entity == "state/syria"
               for _, entity in entities)


def test_demonym_with_an_organ_head_is_that_organ(kb: KnowledgeBase) -> None:
    found = refs(kb, "The Lebanese government protested.")
    assert found == [("Lebanese government", "government/lebanon", "name")] or found[0][1] == (
        "government/lebanon")


def test_new_person_with_title_is_minted_with_a_position(kb: KnowledgeBase) -> None:
    finder = EntityFinder(kb, NS)
    text = "Lebanese Foreign Minister Gebran Bassil said Bassil would travel."
    found = finder.find(Span(0, len(text), text))
    person = NS.resource("person", "gebran-bassil")
    assert [r.span.text for r in found if r.entity == person] == ["Gebran Bassil", "Bassil"]
    (position,) = finder.positions
    assert position.person == person and position.role.endswith("#foreignMinister")
    assert position.organisation is not None and finder.state_of(position.organisation) == (
        NS.resource("state", "lebanon"))


def test_apposition_gives_role_and_organisation(kb: KnowledgeBase) -> None:
    finder = EntityFinder(kb, NS)
    text = "Colonel Ahmed Khalil, spokesman for the Syrian army, spoke."
    finder.find(Span(0, len(text), text))
    roles = {(p.person.rsplit("/", 1)[-1], p.role.rsplit("#", 1)[-1]) for p in finder.positions}
    assert ("ahmed-khalil", "spokesperson") in roles


def test_new_places_and_weapon_models_are_minted(kb: KnowledgeBase) -> None:
    finder = EntityFinder(kb, NS)
    # An invented designator: the shape, not the gazetteer, must find it.
    text = "A Zk-417 bomber struck the town of Kafr Zandul in the Maarat region."
    found = {r.entity.rsplit("/id/", 1)[-1] for r in finder.find(Span(0, len(text), text))}
    assert "weapon-model/zk-417" in found
    assert "place/kafr-zandul" in found and "place/kafr" not in found  # taken whole
    assert "place/maarat" in found
    model = finder.new[NS.resource("weapon-model", "zk-417")]
    assert "MilitaryAircraftModel" in model.classes or "FighterAircraftModel" in model.classes


def test_diacritics_and_case_do_not_matter(kb: KnowledgeBase) -> None:
    plain = refs(kb, "ERDOGAN met officials in TURKEY.")
    accented = refs(kb, "Erdoğan met officials in Turkey.")
    assert [e for _, e, _ in plain] == [e for _, e, _ in accented]
    assert "person/recep-tayyip-erdogan" in [e for _, e, _ in accented]


def test_a_rank_named_apart_joins_the_persons_stated_post(tmp_path: Path) -> None:
    from tests.ingest.conftest import ingest_one

    doc = tmp_path / "rank.md"
    doc.write_text(
        "---\npublished: 2019-03-04\n---\n"
        "Maj. Gen. Ivan Petrovsky said on Monday that the convoy had left the town. "
        "Ivan Petrovsky, spokesperson for the Russian Defence Ministry, added that the road "
        "was open.\n",
        encoding="utf-8",
    )
    rows = ingest_one(doc).rows(
        "?pos a ck:Position ; ck:holder ?person ; ck:role ?role . OPTIONAL { ?pos ck:rank ?rank }"
    )
    posts = {(r["role"].rsplit("#", 1)[-1], r.get("rank", "#").rsplit("#", 1)[-1]) for r in rows
             if r["person"].endswith("/ivan-petrovsky")}
    # One post carrying the rank, not a second, role-less "officer" post beside it.
    assert posts == {("spokesperson", "majorGeneral")}
