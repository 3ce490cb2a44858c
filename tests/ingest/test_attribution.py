"""Attribution on short invented sentences: who speaks, what is claimed, when, to whom.

Each sentence was written for this test (no article's wording); the names of unknown
people are made up, so that the rule, not the reference data, finds them.
"""

from __future__ import annotations

import pytest

from conflict_kg.ingest.kb import KnowledgeBase
from conflict_kg.ingest.text import sentences
from tests.ingest.conftest import PREFIX_LINES
from tests.support.ingest.attribution import by, claims, graph, stance

# --- nothing was said ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Hezbollah has not said whether it fired the rockets at the border post.",
    "Hezbollah said nothing about the rockets fired at the border post.",
    "Hezbollah declined to comment on the rockets fired at the border post.",
])
def test_a_party_that_said_nothing_makes_no_claim(kb: KnowledgeBase, text: str) -> None:
    assert by(claims(graph(kb, text)), "hezbollah") == []


def test_called_off_and_a_disputed_border_are_no_speech(kb: KnowledgeBase) -> None:
    rows = claims(graph(kb, "The Turkish president called off his visit to Moscow. Turkish "
                            "troops patrolled the two countries' disputed border near Idlib."))
    assert rows == []


def test_land_claimed_is_no_speech(kb: KnowledgeBase) -> None:
    rows = claims(graph(kb, "Vietnam and the Philippines also claim parts of the sea, much of "
                            "which China claims."))
    assert rows == []


# --- who speaks ----------------------------------------------------------------------

def test_an_unknown_speaker_after_a_title_is_a_person(kb: KnowledgeBase) -> None:
    store = graph(kb, "Interior Minister Ruta Kalnins said the border crossing was closed.")
    rows = by(claims(store), "Ruta Kalnins")
    assert rows and rows[0]["content"] == "the border crossing was closed"
    assert store.query(PREFIX_LINES + 'ASK { ?p a ck:Person ; rdfs:label ?l . '
                                          'FILTER(STR(?l) = "Ruta Kalnins") }')


def test_an_inverted_speaker_is_the_claimant_not_the_body_after_it(kb: KnowledgeBase) -> None:
    rows = claims(graph(kb, "“We will rebuild every house,” said Ruta Kalnins, the ICRC's "
                            "director for the region."))
    assert [r["quote"] for r in by(rows, "Ruta Kalnins")] == ["We will rebuild every house,"]
    assert by(rows, "icrc") == []


def test_the_head_of_an_apposition_speaks_not_the_person_inside_it(kb: KnowledgeBase) -> None:
    rows = claims(graph(kb, "Ruta Kalnins, an adviser to President Recep Tayyip Erdoğan, "
                            "blamed Russian forces for the strike on the market. He called the "
                            "strike a crime."))
    assert {stance(r) for r in by(rows, "Ruta Kalnins")} == {"blames", "describes"}
    assert any("russia" in r.get("target", "") for r in by(rows, "Ruta Kalnins"))
    assert by(rows, "erdogan") == []


def test_a_name_between_commas_after_a_post_speaks(kb: KnowledgeBase) -> None:
    rows = claims(graph(kb, "The European Union's envoy for the region, Ruta Kalnins, condemned "
                            "the shelling of the town."))
    assert by(rows, "Ruta Kalnins") and by(rows, "european-union") == []


def test_an_organisation_before_said_is_no_person(kb: KnowledgeBase) -> None:
    store = graph(kb, "Human Rights Watch said the strike on the market killed civilians.")
    assert not store.query(PREFIX_LINES + 'ASK { ?p a ck:Person ; rdfs:label ?l . '
                                          'FILTER(CONTAINS(?l, "Watch")) }')


def test_a_name_with_a_capitalised_function_word_is_no_person(kb: KnowledgeBase) -> None:
    store = graph(kb, "Medics Without Frontiers said the clinic near Homs was hit.")
    assert claims(store) == []


def test_a_demonym_opening_an_unknown_name_is_no_claimant(kb: KnowledgeBase) -> None:
    rows = claims(graph(kb, "The Syrian Centre for Documentation said 12 fighters died."))
    assert by(rows, "syria") == []


def test_a_date_opening_the_sentence_dates_the_saying(kb: KnowledgeBase) -> None:
    rows = by(claims(graph(kb, "On Monday Ana Ruiz said the road to the port was open.")),
              "Ana Ruiz")
    assert [r["date"] for r in rows] == ["2021-03-08"]


def test_it_warned_is_the_body_that_spoke_last(kb: KnowledgeBase) -> None:
    rows = claims(graph(kb, "The Russian defence ministry said two drones were shot down near "
                            "the base. It warned that it would respond to any new attack."))
    warns = [r for r in rows if stance(r) == "warns"]
    assert warns and "ministry" in warns[0]["who"]


def test_and_it_warned_is_the_sentence_subject_not_a_person_inside(kb: KnowledgeBase) -> None:
    rows = claims(graph(kb, "NATO gave the officers who detained President Recep Tayyip Erdoğan "
                            "a week to free him, and it warned that it could use force."))
    assert [r["who"].rsplit("/", 1)[-1] for r in rows if stance(r) == "warns"] == ["nato"]


def test_a_new_subject_no_entity_stands_for_speaks_for_nobody(kb: KnowledgeBase) -> None:
    rows = claims(graph(kb, "France has 1,500 soldiers in Mali, and the junta said it was "
                            "ending the defence agreements."))
    assert by(rows, "france") == []


def test_a_spokesman_after_c_is_never_an_agent_inside_c(kb: KnowledgeBase) -> None:
    rows = claims(graph(kb, "The Israeli army fired on positions near the border, a military "
                            "spokesman said, without giving details."))
    assert by(rows, "israel") == []


def test_a_demonym_qualifying_media_is_no_claimant(kb: KnowledgeBase) -> None:
    rows = claims(graph(kb, "Several Turkish television channels reported that 40 soldiers "
                            "had been killed near the border."))
    assert by(rows, "turkey") == []


def test_a_participle_claim_takes_the_sentence_subject_and_its_date(kb: KnowledgeBase) -> None:
    rows = claims(graph(kb, "Hezbollah fired rockets at the border post in February, saying "
                            "Israel had broken the truce."))
    mine = by(rows, "hezbollah")
    assert mine and mine[0]["date"] == "2021-02"


def test_a_named_joint_staff_is_the_one_named_before(kb: KnowledgeBase) -> None:
    rows = claims(graph(kb, "South Korea's Joint Chiefs of Staff said the barrage lasted an "
                            "hour. North Korea's military said the South fired first. The Joint "
                            "Chiefs of Staff denied that the drill had targeted the North."))
    denials = [r for r in rows if stance(r) == "denies"]
    assert denials and "south-korea" in denials[0]["who"]


# --- what, when, to whom -------------------------------------------------------------

def test_told_names_the_addressee(kb: KnowledgeBase) -> None:
    rows = by(claims(graph(kb, "Ruta Kalnins, a spokeswoman for Hezbollah, told Reuters that the "
                               "group had withdrawn from the town.")), "Ruta Kalnins")
    assert rows and rows[0]["addressee"].endswith("/reuters")
    assert rows[0]["content"] == "the group had withdrawn from the town"


def test_quoted_words_inside_reported_content_are_the_quote(kb: KnowledgeBase) -> None:
    rows = by(claims(graph(kb, "Interior Minister Ruta Kalnins said the decree was needed \"to "
                               "end the violence in the south\", referring to the rebels.")),
              "Ruta Kalnins")
    assert rows and "end the violence" in rows[0]["quote"]


def test_the_date_is_the_saying_not_the_content(kb: KnowledgeBase) -> None:
    rows = by(claims(graph(kb, "Interior Minister Ruta Kalnins said on Wednesday that the strike "
                               "on Monday killed five people.")), "Ruta Kalnins")
    assert [r["date"] for r in rows] == ["2021-03-10"]
    assert rows[0]["content"] == "the strike on Monday killed five people"


def test_a_date_of_another_clause_does_not_date_the_claim(kb: KnowledgeBase) -> None:
    rows = claims(graph(kb, "NATO gave the officers who seized power on March 2 a week to step "
                            "down, and it warned that it could use force."))
    assert [r["date"] for r in rows] == ["2021-03-12"]  # the publication date


def test_the_object_of_a_denial_is_its_content(kb: KnowledgeBase) -> None:
    rows = claims(graph(kb, "Rwanda's foreign minister, Ruta Kalnins, denied the charge."))
    assert [r["content"] for r in by(rows, "Ruta Kalnins")] == ["the charge"]


@pytest.mark.parametrize("text", [
    "According to the Syrian defence ministry, Israeli jets struck a depot near Homs.",
    "Israeli jets struck a depot near Homs, according to the Syrian defence ministry.",
])
def test_according_to_x_is_a_claim_of_x(kb: KnowledgeBase, text: str) -> None:
    rows = claims(graph(kb, text))
    assert [(r["content"], "about" in r) for r in rows if "ministry" in r["who"]] == [
        ("Israeli jets struck a depot near Homs", True)]


def test_according_to_a_news_agency_is_no_claim_of_the_agency(kb: KnowledgeBase) -> None:
    assert claims(graph(kb, "Israeli jets struck a depot near Homs, according to Reuters.")) == []


# --- reading the text ----------------------------------------------------------------

def test_a_clock_time_before_a_lower_case_word_ends_no_sentence() -> None:
    text = "The shelling began at 2:30 p.m. and lasted an hour. It ended at 4 p.m. Troops left."
    assert [s.text for s in sentences(text)] == [
        "The shelling began at 2:30 p.m. and lasted an hour.", "It ended at 4 p.m.",
        "Troops left."]


def test_a_lower_case_word_is_no_state(kb: KnowledgeBase) -> None:
    store = graph(kb, "Marines on the island fired back at the boats.")  # no name in it
    assert not store.query(PREFIX_LINES + "ASK { ?m itsrdf:taIdentRef ?s }")


def test_every_stance_of_the_cue_file_is_a_stance_of_the_ontology(kb: KnowledgeBase) -> None:
    from conflict_kg.ingest.claims import attribution

    stances = attribution().stances
    assert "says" in stances and stances[-1] == "says"  # the weakest stance comes last
    for name in stances:
        assert kb.is_a(f"https://w3id.org/conflict-kg/ontology#{name}", "Stance"), name


def test_which_b_denied_is_a_denial_of_its_own_about_the_same_event(kb: KnowledgeBase) -> None:
    rows = claims(graph(kb, "The Greek defence ministry said its air defences shot down a "
                            "Turkish drone near Rhodes on Monday, which Turkey denied."))
    denials = [r for r in rows if stance(r) == "denies"]
    assert denials and all(r["who"].endswith("/state/turkey") for r in denials)
    asserting = [r for r in rows if stance(r) == "says"]
    assert asserting and "denied" not in asserting[0].get("content", "")
    assert {r.get("about") for r in denials} == {asserting[0].get("about")} != {None}


def test_the_head_of_a_whose_clause_speaks(kb: KnowledgeBase) -> None:
    rows = claims(graph(kb, "Norway, whose shipping company Fjordline owns the tanker, condemned "
                            "the seizure on Monday."))
    assert rows and all(r["who"].endswith("/state/norway") for r in rows)


def test_the_head_of_a_led_by_apposition_speaks(kb: KnowledgeBase) -> None:
    rows = claims(graph(kb, "The Wagner group, led by Ana Velez, blamed the Russian army for the "
                            "strikes on Monday."))
    assert rows and all("wagner" in r["who"] for r in rows)


# --- news media relay -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The border post was shelled overnight, the official Zenta news agency said.",
    "Patrol boats shadowed the freighter for hours, a BBC reporter on board said.",
    "The BBC reported that patrol boats shadowed the freighter for hours.",
])
def test_a_news_medium_or_its_reporter_is_no_claimant(kb: KnowledgeBase, text: str) -> None:
    rows = claims(graph(kb, text))
    assert not [r for r in rows if "zenta" in r["who"] or "bbc" in r["who"]], rows


def test_a_states_own_radio_speaks_for_it(kb: KnowledgeBase) -> None:
    rows = claims(graph(kb, "Pyongyang radio claimed that the freighter had entered North "
                            "Korean waters, which Seoul denied."))
    assert by(rows, "north-korea"), rows
