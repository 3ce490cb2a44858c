"""Posts read from titles, appositions and role-first phrases, on invented sentences."""

from __future__ import annotations

import pytest

from conflict_kg.bundled import ensure_bundled
from conflict_kg.ingest.entities import EntityFinder
from conflict_kg.ingest.kb import KnowledgeBase
from conflict_kg.ingest.text import Span, sentences
from conflict_kg.store import OxigraphStore
from tests.ingest.conftest import NS


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    store = OxigraphStore.in_memory()
    ensure_bundled(store, NS)
    return KnowledgeBase.from_store(store, [NS.ontology_graph, NS.reference_graph])


def posts(kb: KnowledgeBase, text: str) -> set[tuple[str, str, str | None, str | None]]:
    """(person slug, role, organisation path, rank) of every position the text gives."""
    finder = EntityFinder(kb, NS)
    for sentence in sentences(text):
        finder.find(sentence)
    return {(p.person.rsplit("/", 1)[-1], p.role.rsplit("#", 1)[-1],
             p.organisation.rsplit("/id/", 1)[-1] if p.organisation else None,
             p.rank.rsplit("#", 1)[-1] if p.rank else None) for p in finder.positions}


def roles_of(kb: KnowledgeBase, text: str, person: str) -> set[str]:
    return {role for who, role, _org, _rank in posts(kb, text) if who == person}


@pytest.mark.parametrize("text", [
    "Former Tongan president Aleki Fusitu met the delegation.",
    "Former Chilean President Rodrigo Pazmino said the talks had stalled.",
    "The envoy, former Gabonese president Aleki Fusitu, arrived on Monday.",
    "Deputy Prime Minister Aleki Fusitu said the vote would go ahead.",
    "Vice President Aleki Fusitu said the vote would go ahead.",
    "Kenya's former foreign minister, Aleki Fusitu, said the vote would go ahead.",
    # a junior minister is not the minister of the portfolio
    "Junior foreign minister Aleki Fusitu said the vote would go ahead.",
    "But junior information minister Aleki Fusitu, a former envoy, said the vote would go on.",
])
def test_a_former_or_deputy_holder_is_not_given_the_principal_post(
        kb: KnowledgeBase, text: str) -> None:
    person = "rodrigo-pazmino" if "Rodrigo" in text else "aleki-fusitu"
    assert not roles_of(kb, text, person) & {"president", "primeMinister", "foreignMinister",
                                             "cabinetMinister"}


def test_under_secretary_general_is_not_the_secretary_general(kb: KnowledgeBase) -> None:
    text = "UN Under-Secretary-General Marta Oyelaran briefed the council."
    assert "secretaryGeneral" not in roles_of(kb, text, "marta-oyelaran")


def test_secretary_general_without_a_hyphen_is_the_post_not_the_rank_general(
        kb: KnowledgeBase) -> None:
    found = posts(kb, "NATO Secretary General Pieter Vandelaar said the alliance was ready.")
    assert ("pieter-vandelaar", "secretaryGeneral", "organisation/nato", None) in found


def test_role_then_comma_then_name_with_a_possessive_owner(kb: KnowledgeBase) -> None:
    found = posts(kb, "Peru's foreign minister, Rodrigo Pazmino, rejected the claim.")
    assert ("rodrigo-pazmino", "foreignMinister", "foreign-ministry/peru", None) in found


def test_role_then_comma_then_rank_and_name(kb: KnowledgeBase) -> None:
    found = posts(kb, "Chad's defence minister, Gen. Idriss Malloum, denied it.")
    assert ("idriss-malloum", "defenceMinister", "defence-ministry/chad", "general") in found
    assert not any(role == "officer" for _p, role, _o, _r in found)


def test_its_points_back_to_the_organisation_named_before(kb: KnowledgeBase) -> None:
    text = ("Nepal's Ministry of External Affairs issued a statement. "
            "Its spokesman, Hari Pradhan, said talks would resume.")
    found = posts(kb, text)
    assert ("hari-pradhan", "spokesperson", "foreign-ministry/nepal", None) in found


def test_his_points_back_to_the_state_of_the_person_named_before(kb: KnowledgeBase) -> None:
    text = "Zambian President Chola Mwansa stayed home and sent his foreign minister, Ruth Banda."
    found = posts(kb, text)
    assert ("ruth-banda", "foreignMinister", "foreign-ministry/zambia", None) in found


def test_two_holders_of_one_role_respectively(kb: KnowledgeBase) -> None:
    text = ("The talks were held by the foreign ministers of Peru and Chile, Rodrigo Pazmino "
            "and Elena Varga, on Friday.")
    found = posts(kb, text)
    assert ("rodrigo-pazmino", "foreignMinister", "foreign-ministry/peru", None) in found
    assert ("elena-varga", "foreignMinister", "foreign-ministry/chile", None) in found


def test_a_military_spokesman_in_apposition(kb: KnowledgeBase) -> None:
    found = posts(kb, "Omar Haddad, a military spokesman for the Houthis, said the drones hit.")
    assert {(p, r) for p, r, _o, _k in found} == {("omar-haddad", "spokesperson")}
    (org,) = {o for _p, _r, o, _k in found}
    assert org is not None and org.startswith("armed-group/")


def test_a_special_envoy_of_a_state_represents_its_government(kb: KnowledgeBase) -> None:
    text = "The Norwegian special envoy for the Great Lakes, Ola Brekke, met both sides."
    assert ("ola-brekke", "specialEnvoy", "government/norway", None) in posts(kb, text)


def test_a_state_is_never_the_organisation_of_a_position(kb: KnowledgeBase) -> None:
    text = ("Ana Lima, commander of Bolivia, inspected the troops. "
            "Uruguay's president, Pablo Ferreira, said the same.")
    organisations = {o for _p, _r, o, _k in posts(kb, text)}
    assert organisations and not any(o and o.startswith("state/") for o in organisations)


@pytest.mark.parametrize(("text", "rank"), [
    ("Among the dead was Col. Manuel Ortega, who led the battalion.", "colonel"),
    ("Gen. Manuel Ortega said the border was calm.", "general"),
    ("Squadron Leader Manuel Ortega flew the mission.", "squadronLeader"),
])
def test_a_rank_alone_is_an_officers_rank_never_a_post(
        kb: KnowledgeBase, text: str, rank: str) -> None:
    assert posts(kb, text) == {("manuel-ortega", "officer", None, rank)}


def test_nationality_from_a_possessive_or_demonym_title(kb: KnowledgeBase) -> None:
    found = posts(kb, "Laos's Prime Minister Somsak Vong met Malian President Amadou Keita.")
    assert ("somsak-vong", "primeMinister", "government/laos", None) in found
    assert ("amadou-keita", "president", "government/mali", None) in found


def test_the_role_first_phrase_needs_a_persons_name(kb: KnowledgeBase) -> None:
    finder = EntityFinder(kb, NS)
    text = "Peru's foreign minister, Chile, and Bolivia signed."
    finder.find(Span(0, len(text), text))
    assert finder.positions == []
