"""Agreement wordings beyond the dev corpus's first documents (issue 17, agreements of any kind).

Each test is over short sentences written for it and names one rule of
ingest/agreements.py or ingest/agreement-cues.toml: "a peace and reconciliation
accord", a movement named after its description ("the former rebel movement X"),
"X's transitional government", parties who "said that their armies had agreed",
"observe a ceasefire" (keeping it, not watching it), a line the ceasefire holds
along, periods counted from the entry into force, a count as the object of a
deployment, a verbless clause that goes on with an obligation, a host who also
mediated, the leader of a mediating team, and a coalition's members in an aside.
"""

from __future__ import annotations

import datetime as dt

from conflict_kg.ingest.kb import KnowledgeBase
from tests.ingest.conftest import NS
from tests.support.ingest.agreements import Doc

STATE = NS.base + "id/state/"


def test_a_peace_and_x_accord_and_a_movement_named_after_its_description(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Malawi's government and the former rebel movement Tembaro signed a peace "
                  "and reconciliation accord in Lilongwe on Tuesday.", dt.date(2021, 5, 5))
    assert doc.values("?a a ck:PeaceAgreement ; ck:party ?p", "p") == {
        STATE + "malawi", NS.base + "id/armed-group/tembaro"}
    assert doc.values("?g a ck:NonStateArmedGroup ; rdfs:label ?l", "l") >= {"Tembaro"}


def test_a_state_s_transitional_government_is_the_state(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Sudan's transitional government and the Sudan Revolutionary Front signed "
                  "a peace agreement in Juba on Saturday.", dt.date(2021, 5, 9))
    assert STATE + "sudan" in doc.values("?a a ck:PeaceAgreement ; ck:party ?p", "p")


def test_parties_who_said_their_armies_had_agreed_and_the_line_it_holds_along(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "India and Pakistan said on Thursday that their armies had agreed to strictly "
                  "observe all ceasefire agreements along the Line of Control. The renewed "
                  "ceasefire came into force at 00:01 on Thursday.", dt.date(2021, 5, 6))
    assert doc.values("?a a ck:Ceasefire ; ck:party ?p", "p") == {
        STATE + "india", STATE + "pakistan"}
    assert doc.values("?a ck:appliesTo ?p", "p") == {NS.base + "id/place/line-of-control"}
    assert doc.values("?a ck:effectiveFrom ?d", "d") == {"2021-05-06"}
    assert doc.values("?a ck:effectiveTime ?t", "t") == {"00:01"}


def test_observing_a_ceasefire_is_keeping_it_not_monitoring_it(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi agreed on Thursday to observe a ceasefire along their "
                  "border.", dt.date(2021, 5, 6))
    assert doc.values("?a a ck:Ceasefire ; ck:party ?p", "p") == {
        STATE + "zambia", STATE + "malawi"}
    assert not doc.values("?a ck:provision ?t . ?t a ck:MonitoringProvision", "t")


def test_a_period_counts_from_a_later_entry_into_force(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a ceasefire on Tuesday. It took effect at 4 a.m. on "
                  "Wednesday. Under the agreement, Zambian forces will withdraw from the border "
                  "district within 60 days.", dt.date(2021, 5, 6))
    assert doc.values("?a ck:signingDate ?d", "d") == {"2021-05-04"}
    assert doc.values("?t a ck:WithdrawalProvision ; ck:deadline ?d", "d") == {"2021-07-04"}


def test_a_count_as_the_object_of_a_deployment_and_a_force_named_by_its_size(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a ceasefire on Tuesday. Under the agreement, the "
                  "Malawian army is to deploy 5,000 troops along the border over the same "
                  "period.", dt.date(2021, 5, 6))
    assert doc.values("?t a ck:DeploymentProvision ; ck:personnel ?q . ?q ck:value ?v",
                      "v") == {"5000"}
    doc = Doc(kb, "Zambia and Malawi signed a ceasefire on Tuesday. A joint force of 12,000 "
                  "troops, half from each side, is to be deployed in the border district.",
              dt.date(2021, 5, 6))
    assert doc.values("?t a ck:DeploymentProvision ; ck:personnel ?q . ?q ck:value ?v",
                      "v") == {"12000"}
    words = doc.values("?t a ck:DeploymentProvision ; rdfs:comment ?c", "c")
    assert all(w.startswith("A joint force of 12,000 troops") for w in words), words


def test_a_verbless_clause_goes_on_with_the_obligation_before_it(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a peace accord on Tuesday. About 5,200 fighters "
                  "will be disarmed in stages, the first group of them by the end of August.",
              dt.date(2021, 5, 6))
    rows = doc.rows("?a ck:provision ?t . ?t ck:deadline ?d ; ck:quantity ?q . ?q ck:value ?v")
    assert {(r["d"], r["v"]) for r in rows} == {("2021-08-31", "5200")}


def test_a_host_who_also_mediated_and_the_leader_of_a_mediating_team(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a peace accord on Tuesday. Tanzania's President "
                  "Amina Juma hosted and mediated the talks, which opened last year. The talks "
                  "were mediated by a group of foreign envoys led by the Kenyan ambassador, "
                  "Peter Otieno Odhiambo.", dt.date(2021, 5, 6))
    hosts = doc.values("?a ck:host ?h", "h")
    mediators = doc.values("?a ck:mediator ?m", "m")
    assert NS.base + "id/person/amina-juma" in hosts & mediators
    assert NS.base + "id/person/peter-otieno-odhiambo" in mediators
    assert not doc.values("?a ck:party ?p . FILTER(CONTAINS(STR(?p), 'person'))", "p")


def test_a_coalition_s_members_named_in_an_aside_are_no_parties(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Sudan's government and an alliance of rebel groups signed a peace agreement "
                  "in Juba on Saturday. The deal was signed by General Omar Bashir Musa for the "
                  "government and by leaders of the Sudan Revolutionary Front, a coalition that "
                  "includes the Justice and Equality Movement, at a ceremony.",
              dt.date(2021, 5, 9))
    parties = doc.values("?a a ck:PeaceAgreement ; ck:party ?p", "p")
    assert NS.base + "id/armed-group/sudan-revolutionary-front" in parties
    assert NS.base + "id/armed-group/justice-and-equality-movement" not in parties


def test_a_term_in_words_that_runs_over_a_number_of_months(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a peace accord on Tuesday. Under the agreement, rebel "
                  "fighters will be integrated into the national army in phases over 39 months.",
              dt.date(2021, 5, 6))
    assert doc.values("?t a ck:Provision ; ck:duration ?d", "d") == {"P3Y3M"}  # P39M


def test_a_movement_named_before_its_fighters_noun_and_after_rebel(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Angola's armed forces and the UNITA rebel movement signed a memorandum of "
                  "understanding in Luanda on Thursday.", dt.date(2021, 5, 6))
    parties = doc.values("?a a ck:Memorandum ; ck:party ?p", "p")
    assert STATE + "angola" in parties and len(parties) == 2
    doc = Doc(kb, "Sierra Leone's government and the rebel Revolutionary United Front signed a "
                  "peace agreement in Lome on Wednesday.", dt.date(2021, 5, 6))
    assert doc.values("?a a ck:PeaceAgreement ; ck:party ?p", "p") == {
        STATE + "sierra-leone", NS.base + "id/armed-group/revolutionary-united-front"}


def test_a_run_of_terms_after_under_the_agreement(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a peace agreement on Wednesday. Under the agreement, "
                  "the rebels will become a political party. All combatants will receive an "
                  "amnesty. The rebels are to disarm under the supervision of West African "
                  "peacekeepers, and all prisoners of war are to be released immediately. "
                  "Some 5,000 of them are to join the army. Direct talks between the two "
                  "ministers are to open in Geneva on Thursday.", dt.date(2021, 5, 6))
    kinds = doc.values("?a ck:provision ?t . ?t a ?k", "k")
    assert {"https://w3id.org/conflict-kg/ontology#MonitoringProvision",
            "https://w3id.org/conflict-kg/ontology#PrisonerExchangeProvision"} <= kinds
    words = doc.values("?t rdfs:comment ?c", "c")
    assert not any("talks" in w for w in words), words


def test_arranged_by_the_head_of_an_organisation_names_him_a_mediator(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi agreed on a ceasefire on Monday. The truce was arranged "
                  "by United Nations Secretary-General Javier Perez de Cuellar after long talks.",
              dt.date(2021, 5, 6))
    assert NS.base + "id/person/javier-perez-de-cuellar" in doc.values("?a ck:mediator ?m", "m")
