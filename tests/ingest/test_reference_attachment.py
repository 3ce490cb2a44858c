"""Agents named indirectly (``ingest/reference.py``): a pronoun, "its navy", "the country's
coast guard" or "the army" as the subject of an event's verb stands for the state or body
named before it, and is resolved only when one antecedent is left.

Each sentence was written for its test (none comes from an article or from the
evaluation corpus); the tests of a rule fail without it, the guards show where no
agent is given (a false agent is worse than a missing one).
"""

from __future__ import annotations

import datetime as dt

from conflict_kg.ingest.kb import KnowledgeBase
from tests.support.ingest.extraction import PREFIX_LINES, extracted


def agents(kb: KnowledgeBase, text: str, event_class: str) -> list[set[str]]:
    """Each event of a class: its agents as 'kind/slug' and the states they act for."""
    store = extracted(kb, text, "reference-test", dt.date(2022, 5, 6))
    rows = store.query(PREFIX_LINES + f"""
        SELECT ?e ?a ?s {{
          ?e a ck:{event_class} . OPTIONAL {{ ?e ck:agent ?a OPTIONAL {{ ?a ck:actsForState ?s }} }}
        }}""")
    found: dict[str, set[str]] = {}
    for row in rows:  # type: ignore[union-attr]
        names = found.setdefault(row["e"].value, set())
        for var in ("a", "s"):
            if row[var] is not None:
                names.add("/".join(row[var].value.rsplit("/", 2)[-2:]))
    return list(found.values())


def states(found: list[set[str]]) -> set[str]:
    return {n for names in found for n in names if n.startswith("state/")}


# --- a reported clause: its subject pronoun stands for the one speaker ------------------

def test_it_after_said_that_is_the_speaking_state(kb: KnowledgeBase) -> None:
    found = agents(kb, "Peru said on Friday that it had shelled rebel positions near the "
                       "border.", "Strike")
    assert found and states(found) == {"state/peru"}, found


def test_its_organ_after_said_that_is_the_speakers_organ(kb: KnowledgeBase) -> None:
    found = agents(kb, "Chile said on Tuesday that its coast guard had fired on a fishing "
                       "trawler.", "Attack")
    assert found and all("coast-guard/chile" in names for names in found), found


def test_it_after_an_armed_force_speaking_is_that_force(kb: KnowledgeBase) -> None:
    found = agents(kb, "The Colombian army said it had not sent troops to the border.",
                   "Deployment")
    assert found and all("armed-forces/colombia" in names for names in found), found


def test_two_candidates_before_the_pronoun_give_no_agent(kb: KnowledgeBase) -> None:
    # guard: Chile speaks, Peru is named in the first reported clause; "it" may be either
    found = agents(kb, "Chile said Peru had shelled the town and that it had fired on a "
                       "fishing boat.", "Attack")
    assert found and not states(found), found


def test_it_after_state_media_said_is_the_state(kb: KnowledgeBase) -> None:
    found = agents(kb, "Iranian state television said on Monday that it had shot down a "
                       "drone.", "Shootdown")
    assert found and all(names == {"state/iran"} for names in found), found


def test_it_after_a_news_agency_said_names_no_agent(kb: KnowledgeBase) -> None:
    # guard: an agency with no state is no antecedent
    found = agents(kb, "Reuters said on Monday that it had shot down a drone.", "Shootdown")
    assert found and not any(found), found


# --- the one asked to act ----------------------------------------------------------------

def test_called_on_x_to_withdraw_makes_x_the_agent(kb: KnowledgeBase) -> None:
    found = agents(kb, "The Organization of American States called on Peru to withdraw its "
                       "troops from the valley.", "Withdrawal")
    assert found and states(found) == {"state/peru"}, found


def test_urged_x_to_withdraw_makes_x_not_the_speaker_the_agent(kb: KnowledgeBase) -> None:
    found = agents(kb, "Kenya urged Somalia to withdraw its troops from the frontier.",
                   "Withdrawal")
    assert found and states(found) == {"state/somalia"}, found


# --- the accused, not the accuser ---------------------------------------------------------

def test_demanded_that_it_after_an_accusation_is_the_accused(kb: KnowledgeBase) -> None:
    found = agents(kb, "Vietnam accused Cambodia of shelling border villages and demanded "
                       "that it withdraw its artillery.", "Withdrawal")
    assert found and states(found) == {"state/cambodia"}, found


# --- a reference at a sentence's head takes up a recent subject ---------------------------

def test_the_countrys_organ_is_that_of_the_last_subject(kb: KnowledgeBase) -> None:
    found = agents(kb, "Japan lodged a protest on Monday. The country's coast guard fired on "
                       "a Chinese trawler.", "Attack")
    assert found and all("coast-guard/japan" in names for names in found), found


def test_the_army_after_the_government_said_is_the_states_army(kb: KnowledgeBase) -> None:
    found = agents(kb, "Ethiopia closed the border on Monday. The government said the army "
                       "had deployed two divisions near Humera.", "Deployment")
    assert found and all("armed-forces/ethiopia" in names for names in found), found


def test_its_organ_said_that_its_troops_are_the_last_subjects(kb: KnowledgeBase) -> None:
    found = agents(kb, "Mexico rejected the report. Its foreign ministry said on Sunday "
                       "that its troops had shelled a rebel camp.", "Strike")
    assert found and all("armed-forces/mexico" in names for names in found), found


def test_a_person_subject_is_no_antecedent_for_the_country(kb: KnowledgeBase) -> None:
    # guard: the last subject is a person, so "the country" has no antecedent there
    found = agents(kb, "President Lula spoke in Brasilia on Monday. The country's navy "
                       "seized a trawler.", "Seizure")
    assert found and not states(found), found


def test_two_states_in_turn_leave_the_army_unresolved(kb: KnowledgeBase) -> None:
    # guard: the recent subjects disagree, so "the army" has no antecedent
    found = agents(kb, "Uganda accused Rwanda of backing the rebels. Rwanda denied the "
                       "charge. The army recaptured the town on Monday.", "Seizure")
    assert found and not any(found), found


# --- unnamed forces: the armed forces of the one state the clause is about -----------------

def test_government_forces_in_a_states_reported_clause_are_its_forces(
        kb: KnowledgeBase) -> None:
    found = agents(kb, "Ethiopia said on Monday that government forces had recaptured the "
                       "town of Dessie.", "Seizure")
    assert found and all("armed-forces/ethiopia" in names for names in found), found


def test_security_forces_in_a_states_reported_clause_are_its_forces(
        kb: KnowledgeBase) -> None:
    found = agents(kb, "Nigeria said on Monday that security forces had arrested 20 suspects "
                       "in Maiduguri.", "Detention")
    assert found and all("armed-forces/nigeria" in names for names in found), found


def test_the_troops_in_a_reported_clause_are_not_the_speakers(kb: KnowledgeBase) -> None:
    # guard: "the troops" takes up troops told of before, whoever's they are
    found = agents(kb, "Peru said the troops had withdrawn from the valley.", "Withdrawal")
    assert found and not any(found), found


def test_government_forces_at_a_sentences_head_are_left_unresolved(
        kb: KnowledgeBase) -> None:
    # guard: whose government is not told by the sentence before
    found = agents(kb, "Sudan accused the rebels of attacking Nyala. Government forces "
                       "recaptured the town on Monday.", "Seizure")
    assert found and not any(found), found


# --- "protested that", "complained that": a saying with its speaker -----------------------

def claimants(kb: KnowledgeBase, text: str) -> list[str]:
    store = extracted(kb, text, "reference-test", dt.date(2022, 5, 6))
    rows = store.query(PREFIX_LINES + "SELECT ?p { ?c a ck:Claim ; ck:claimant ?p }")
    return ["/".join(row["p"].value.rsplit("/", 2)[-2:]) for row in rows]  # type: ignore[union-attr]


def test_protested_that_is_a_claim_of_its_subject(kb: KnowledgeBase) -> None:
    assert claimants(kb, "Nepal protested that the new road crossed its territory.") \
        == ["state/nepal"]


def test_complained_that_is_a_claim_of_its_subject(kb: KnowledgeBase) -> None:
    assert claimants(kb, "Laos complained that Thai troops had crossed the river.") \
        == ["state/laos"]


def test_a_crowd_that_protested_said_nothing(kb: KnowledgeBase) -> None:
    # guard: "protested" without "that" is a protest, not a saying
    assert claimants(kb, "Thousands of Nepalis protested in Kathmandu on Sunday.") == []


# --- kept from the deed (written after the CHECK score): negated, never actual -------------

def factualities(kb: KnowledgeBase, text: str, event_class: str) -> list[str]:
    store = extracted(kb, text, "reference-test", dt.date(2022, 5, 6))
    rows = store.query(PREFIX_LINES + f"SELECT ?f {{ ?e a ck:{event_class} ; ck:factuality ?f }}")
    return [row["f"].value.rsplit("#", 1)[-1] for row in rows]  # type: ignore[union-attr]


def test_blocked_from_arresting_is_a_negated_detention(kb: KnowledgeBase) -> None:
    assert factualities(kb, "Riot police blocked the army from arresting the students.",
                        "Detention") == ["negated"]


def test_stopped_from_boarding_is_a_negated_boarding(kb: KnowledgeBase) -> None:
    assert factualities(kb, "Two cutters stopped the navy's largest frigate from boarding "
                            "the trawlers.", "Boarding") == ["negated"]


def test_withdrew_from_stays_actual(kb: KnowledgeBase) -> None:
    # guard: "from" after the deed is its origin, no cue
    assert factualities(kb, "The troops withdrew from the town on Monday.",
                        "Withdrawal") == ["actual"]
