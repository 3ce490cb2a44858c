"""Agreements and their terms over short sentences written for these tests.

Each test names one rule of ingest/agreements.py (and its cue file,
ingest/agreement-cues.toml) and can fail: kinds, parties (lists, passive
signatories, non-state parties, never hosts, mediators or modifiers), signing
date and place, entry into force, per-place deadlines, provisions, corridors,
and mentions that are no agreement at all.
"""

from __future__ import annotations

import datetime as dt

from conflict_kg.ingest.kb import KnowledgeBase
from conflict_kg.ingest.text import sentences
from conflict_kg.namespaces import PREFIXES
from tests.ingest.conftest import NS
from tests.support.ingest.agreements import Doc

STATE = NS.base + "id/state/"


def test_passive_signing_gives_parties_and_hosts_are_not_parties(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The truce was agreed on Monday by the foreign ministers of Georgia and "
                  "Moldova after long talks in Vienna hosted by the United Nations. "
                  "It took effect at noon on Tuesday.", dt.date(2021, 5, 5))
    assert doc.values("?a a ck:Ceasefire ; ck:party ?p", "p") == {STATE + "georgia",
                                                                   STATE + "moldova"}
    assert doc.values("?a ck:signingDate ?d", "d") == {"2021-05-03"}
    assert doc.values("?a ck:signingPlace ?p", "p") == {NS.base + "id/place/vienna"}
    assert doc.values("?a ck:host ?h", "h") == {NS.base + "id/organisation/united-nations"}
    assert doc.values("?a ck:effectiveFrom ?d", "d") == {"2021-05-04"}
    assert doc.values("?a ck:effectiveTime ?t", "t") == {"12:00"}


def test_a_list_after_between_and_a_ceasefire_start_with_its_hour(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Under the agreement signed in Lusaka between Zambia, Malawi and Tanzania, "
                  "fighting is to stop at 6 p.m. on Friday, June 11.", dt.date(2021, 6, 8))
    assert doc.values("?a a ck:Agreement ; ck:party ?p", "p") == {
        STATE + "zambia", STATE + "malawi", STATE + "tanzania"}
    assert doc.values("?a ck:effectiveFrom ?d", "d") == {"2021-06-11"}
    assert doc.values("?a ck:effectiveTime ?t", "t") == {"18:00"}
    assert doc.values("?a ck:signingPlace ?p", "p") == {NS.base + "id/place/lusaka"}


def test_the_time_of_day_does_not_end_the_sentence() -> None:
    text = "Guns are to fall silent at 6 p.m. on Friday. Then talks resume."
    assert [s.text for s in sentences(text)] == ["Guns are to fall silent at 6 p.m. on Friday.",
                                                 "Then talks resume."]


def test_an_armed_group_can_be_a_party_and_a_mediator_is_not(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The swap followed a deal reached last month between Mali and the National "
                  "Movement for the Liberation of Azawad, brokered by Algeria.",
              dt.date(2015, 7, 10))
    parties = doc.values("?a a ck:Agreement ; ck:party ?p", "p")
    assert STATE + "mali" in parties and len(parties) == 2
    assert STATE + "algeria" not in parties
    assert doc.values("?a ck:mediator ?m", "m") == {STATE + "algeria"}
    assert doc.values("?a ck:signingDate ?d", "d") == {"2015-06"}


def test_a_demonym_capital_is_the_signing_place(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Ministers meeting in the Kenyan capital agreed on Monday on a truce between "
                  "Sudan and South Sudan.", dt.date(2022, 3, 9))
    assert doc.values("?a ck:signingPlace ?p", "p") == {NS.base + "id/place/nairobi"}
    assert doc.values("?a ck:party ?p", "p") == {STATE + "sudan", STATE + "south-sudan"}


def test_one_provision_per_deadline_each_with_its_place(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Serbia and Croatia signed an agreement on Monday. Under its terms, Serbia "
                  "must return the Alpha district to Croatia by March 15, the Beta district "
                  "by March 20 and the Gamma district by April 1.", dt.date(2021, 3, 2))
    rows = doc.rows("?a ck:provision ?p . ?p a ck:HandoverProvision ; ck:deadline ?d ; "
                    "ck:appliesTo ?place ; ck:obligedParty ?who")
    found = {(r["d"], r["place"].rsplit("/", 1)[-1]) for r in rows}
    assert found == {("2021-03-15", "alpha"), ("2021-03-20", "beta"), ("2021-04-01", "gamma")}
    assert {r["who"] for r in rows} == {STATE + "serbia"}
    assert doc.values("?p a ck:HandoverProvision ; ck:handedTo ?to", "to") == {STATE + "croatia"}


def test_withdrawal_without_deadline_needs_an_obligation(kb: KnowledgeBase) -> None:
    signed = "Peru and Chile signed a ceasefire agreement on Monday. "
    doc = Doc(kb, signed + "Under the deal, both sides must pull heavy artillery back from "
                  "the border.", dt.date(2021, 3, 2))
    assert doc.values("?p a ck:WithdrawalProvision ; ck:weaponCategory ?c", "c") >= {
        PREFIXES["ck"] + "Artillery"}
    doc = Doc(kb, signed + "Under the deal, both sides pulled heavy artillery back from the "
                  "border.", dt.date(2021, 3, 2))
    assert not doc.rows("?p a ck:WithdrawalProvision")


def test_corridor_width_guards_and_their_number(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chad and Niger signed an agreement on Tuesday. A corridor eight kilometres "
                  "wide through Agadez will link the two. It will be guarded by 400 Nigerian "
                  "troops, who will also deploy along the border for at least two years.",
              dt.date(2021, 3, 3))
    rows = doc.rows("?a ck:zone ?z . ?z a ck:Corridor ; ck:width ?w . ?w ck:value ?v ; "
                    "ck:unit ?u")
    assert {(float(r["v"]), r["u"].rsplit("#", 1)[-1]) for r in rows} == {(8.0, "kilometre")}
    assert {float(v) for v in doc.values("?p a ck:PatrolProvision ; ck:personnel/ck:value ?v",
                                         "v")} == {400.0}
    assert doc.values("?p a ck:DeploymentProvision ; ck:duration ?d", "d") == {"P2Y"}


def test_prisoner_exchange_and_monitoring_terms(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Ghana and Togo signed a peace deal on Monday. The withdrawal is to be "
                  "completed within ten days, under the monitoring of the African Union. "
                  "All prisoners are to be exchanged.", dt.date(2021, 3, 2))
    assert doc.rows("?a a ck:PeaceAgreement")
    assert doc.values("?p a ck:MonitoringProvision ; ck:obligedParty ?o", "o") == {
        NS.base + "id/organisation/african-union"}
    assert doc.rows("?a ck:provision ?p . ?p a ck:PrisonerExchangeProvision")


def test_an_agreement_only_called_for_or_refused_is_none(kb: KnowledgeBase) -> None:
    for text in ("France called on Mali and Niger to agree on a ceasefire.",
                 "Mali and Niger did not sign the agreement on Monday.",
                 "Mali and Niger said in a statement on Monday that talks would go on.",
                 "Talks on a truce between Mali and Niger were called off on Monday.",
                 "Mali and Niger rejected a truce on Monday.",
                 "Mali and Niger would sign a truce if the attacks stopped."):
        assert not Doc(kb, text, dt.date(2021, 3, 2)).rows("?a ck:party ?p"), text


def test_a_modifier_state_is_no_party(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Ukraine and the Russian-backed rebels agreed on Monday on a truce.",
              dt.date(2015, 2, 4))
    assert STATE + "russia" not in doc.values("?a ck:party ?p", "p")


def test_an_earlier_agreement_is_another_one(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Sudan and Chad signed a ceasefire agreement in Doha on Monday. A first "
                  "ceasefire agreed in Tripoli in September between Sudan and Chad collapsed.",
              dt.date(2021, 3, 2))
    rows = doc.rows("?a a ck:Ceasefire ; ck:signingDate ?d")
    assert {r["d"] for r in rows} == {"2021-03-01", "2020-09"}
    assert len({r["a"] for r in rows}) == 2


def test_a_start_date_before_the_signing_is_not_stored(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Peru and Chile signed a ceasefire agreement on Friday. The truce took "
                  "effect on Monday.", dt.date(2021, 3, 5))
    # Monday (1 March) is before the signing on Friday (5 March): no start date
    assert not doc.rows("?a ck:effectiveFrom ?d")


def test_entry_into_force_in_a_relative_clause_is_not_the_signing(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Peru and Chile agreed to a ceasefire mediated by Brazil that took effect "
                  "at 2 a.m. on Saturday.", dt.date(2022, 7, 25))
    assert doc.values("?a ck:effectiveFrom ?d", "d") == {"2022-07-23"}
    assert doc.values("?a ck:effectiveTime ?t", "t") == {"02:00"}
    assert not doc.rows("?a ck:signingDate ?d")
    assert doc.values("?a ck:mediator ?m", "m") == {STATE + "brazil"}


def test_duration_and_renewal_of_a_truce(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Peru and Chile agreed on Monday to a 72-hour truce, which can be renewed.",
              dt.date(2023, 4, 25))
    # written as PT72H; the store keeps xsd:duration values in canonical form (P3D)
    assert doc.values("?a ck:party ?p ; ck:duration ?d", "d") <= {"PT72H", "P3D"}
    assert doc.rows("?a ck:party ?p ; ck:duration ?d")
    assert doc.rows("?a ck:renewable true")
    doc = Doc(kb, "Peru and Chile agreed on Monday to a 72-hour truce.", dt.date(2023, 4, 25))
    assert not doc.rows("?a ck:renewable ?r")


def test_congo_without_the_article_is_the_democratic_republic(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Angola and the Democratic Republic of Congo signed an agreement on Monday.",
              dt.date(2022, 3, 9))
    assert doc.values("?a ck:party ?p", "p") == {
        STATE + "angola", STATE + "democratic-republic-of-the-congo"}


def test_a_signed_n_point_ceasefire_plan_and_the_same_document(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Peruvian President Pedro Castillo signed a five-point ceasefire plan on "
                  "Tuesday, a day after Chilean President Gabriel Boric put his name to the "
                  "same document.", dt.date(2022, 5, 11))
    assert doc.values("?a a ck:Ceasefire ; ck:party ?p", "p") == {STATE + "peru",
                                                                   STATE + "chile"}


def test_a_ceasefire_plan_only_proposed_is_no_agreement(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Peru proposed a five-point ceasefire plan to Chile on Tuesday.",
              dt.date(2022, 5, 11))
    assert not doc.rows("?a a ck:Ceasefire")


def test_a_bare_document_counts_only_when_signed(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Peru and Chile discussed a document on fishing rights on Tuesday.",
              dt.date(2022, 5, 11))
    assert not doc.rows("?a ck:party ?p")


def test_the_broker_of_a_truce_is_a_mediator_not_a_party(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Brazil brokered a truce between Peru and Chile in Lima in March.",
              dt.date(2022, 5, 11))
    assert doc.values("?a a ck:Ceasefire ; ck:party ?p", "p") == {STATE + "peru",
                                                                   STATE + "chile"}
    assert doc.values("?a ck:mediator ?m", "m") == {STATE + "brazil"}
    assert doc.values("?a ck:signingPlace ?p", "p") == {NS.base + "id/place/lima"}


def test_a_later_sentence_names_the_mediators(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Peru and Chile signed a truce on Monday. It was brokered by Brazil and "
                  "Argentina, which hosted the talks.", dt.date(2022, 5, 11))
    assert doc.values("?a ck:mediator ?m", "m") == {STATE + "brazil", STATE + "argentina"}
    assert not doc.values("?a ck:party ?p", "p") & {STATE + "brazil", STATE + "argentina"}


def test_entry_into_force_does_not_date_the_signing(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Shelling was reported on Thursday, a day after a truce between Peru and "
                  "Chile came into force. The truce, signed in the Brazilian city of Manaus "
                  "on Sunday, took effect at 8:30 p.m. on Tuesday.", dt.date(2022, 5, 12))
    assert doc.values("?a ck:signingDate ?d", "d") == {"2022-05-08"}
    assert doc.values("?a ck:signingPlace ?p", "p") == {NS.base + "id/place/manaus"}
    assert "2022-05-12" not in doc.values("?a ck:signingDate ?d", "d")


def test_terms_stated_after_under_the_deal(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Peru and Chile signed a peace agreement on Monday. Under the agreement, "
                  "the two countries will reopen their consulates and resume flights.",
              dt.date(2022, 5, 11))
    comments = doc.values("?a ck:provision ?p . ?p a ck:Provision ; rdfs:comment ?c", "c")
    assert any("consulates" in c for c in comments)


def test_under_the_deal_with_a_withdrawal_gives_no_extra_generic_term(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Peru and Chile signed a peace agreement on Monday. Under the deal, Chilean "
                  "troops must withdraw from the border villages.", dt.date(2022, 5, 11))
    kinds = doc.values("?a ck:provision ?p . ?p a ?k", "k")
    assert "https://w3id.org/conflict-kg/ontology#WithdrawalProvision" in kinds
    assert len(doc.values("?a ck:provision ?p", "p")) == 1


def test_a_truce_in_force_immediately_starts_on_its_signing_day(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Peru and Chile signed a truce on Monday. The truce came into force "
                  "immediately.", dt.date(2022, 5, 11))
    assert doc.values("?a ck:effectiveFrom ?d", "d") == {"2022-05-09"}


def test_immediately_without_a_signing_date_gives_no_start(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Peru and Chile have a truce. The truce came into force immediately.",
              dt.date(2022, 5, 11))
    assert not doc.rows("?a ck:effectiveFrom ?d")


# --- open world: wordings no dev document uses (issue #17) ------------------------------

CK = "https://w3id.org/conflict-kg/ontology#"
PERSON = NS.base + "id/person/"


def test_people_named_without_a_title_who_put_their_names_to_it_are_signatories(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Peru and Chile signed a truce on Monday. Ana Castillo, Jorge Mena and "
                  "Rosa Villalobos put their names to the accord in a small ceremony.",
              dt.date(2022, 5, 11))
    assert doc.values("?a ck:signatory ?p", "p") == {
        PERSON + "ana-castillo", PERSON + "jorge-mena", PERSON + "rosa-villalobos"}
    assert doc.values("?a ck:party ?p", "p") == {STATE + "peru", STATE + "chile"}


def test_a_passive_by_phrase_ends_before_a_venue_and_an_onlooker(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Peru and Chile reached an agreement on Monday. The deal was signed by the "
                  "Peruvian envoy Luis Ortega and the Chilean delegate, Pedro Salas Ruiz, at a "
                  "hotel in Lima, with Foreign Minister Carla Diaz looking on.",
              dt.date(2022, 5, 11))
    signers = doc.values("?a ck:signatory ?p", "p")
    assert PERSON + "luis-ortega" in signers and PERSON + "pedro-salas-ruiz" in signers
    assert not any("diaz" in p or "hotel" in p for p in signers)


def test_a_venue_then_its_town_is_the_signing_place(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "A peace agreement was signed by the presidents of Peru and Chile at the "
                  "Palacio Quemado in Lima on Monday.", dt.date(2022, 5, 11))
    assert doc.values("?a ck:signingPlace ?p", "p") == {NS.base + "id/place/lima"}
    assert doc.values("?a ck:signingDate ?d", "d") == {"2022-05-09"}


def test_who_hosted_or_facilitated_the_talks_as_a_subject_is_no_party(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Peru and Chile signed a truce on Monday. Oman, which hosted the talks, "
                  "praised both sides. Norway facilitated the negotiations.",
              dt.date(2022, 5, 11))
    assert doc.values("?a ck:host ?h", "h") == {STATE + "oman"}
    assert doc.values("?a ck:mediator ?m", "m") == {STATE + "norway"}
    assert doc.values("?a ck:party ?p", "p") == {STATE + "peru", STATE + "chile"}


def test_deadlines_counted_from_the_signing(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Peru and Chile signed a truce on Monday. Under the deal, troops must "
                  "withdraw from the border within three months of the signing, and prisoners "
                  "are to be released by May 30.", dt.date(2022, 5, 11))
    assert doc.values("?a ck:provision ?p . ?p a ck:WithdrawalProvision ; ck:deadline ?d",
                      "d") == {"2022-08-09"}
    assert doc.values("?a ck:provision ?p . ?p a ck:PrisonerExchangeProvision ; "
                      "ck:deadline ?d", "d") == {"2022-05-30"}


def test_a_deadline_after_another_event_is_not_counted_from_the_signing(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Peru and Chile signed a truce on Monday. Under the deal, troops must "
                  "withdraw from the border within 30 days of the elections.",
              dt.date(2022, 5, 11))
    assert not doc.rows("?a ck:provision ?p . ?p ck:deadline ?d")


def test_a_force_cut_within_days_is_a_withdrawal_and_its_words_keep_the_number(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Peru and Chile signed a truce on Monday. Under the deal, Chile will cut its "
                  "force from 3,000 to 1,500 troops within 90 days.", dt.date(2022, 5, 11))
    rows = doc.rows("?a ck:provision ?p . ?p a ck:WithdrawalProvision ; ck:deadline ?d ; "
                    "rdfs:comment ?c")
    assert {r["d"] for r in rows} == {"2022-08-07"}
    assert all(r["c"].startswith("Chile will cut its force from 3,000") for r in rows)


def test_entry_into_force_on_signature_and_an_hour_without_a_date(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Peru and Chile signed a truce on Monday. The truce entered into force on "
                  "signature.", dt.date(2022, 5, 11))
    assert doc.values("?a ck:effectiveFrom ?d", "d") == {"2022-05-09"}
    doc = Doc(kb, "Peru and Chile signed a truce on Monday. The truce took effect at midnight.",
              dt.date(2022, 5, 11))
    assert doc.values("?a ck:effectiveTime ?t", "t") == {"00:00"}
    assert not doc.rows("?a ck:effectiveFrom ?d")


def test_unnamed_monitors_of_the_truce_and_the_size_of_a_force(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Peru and Chile signed a truce on Monday. A team of observers will monitor "
                  "the truce. A NATO force of 5,000 troops, among them 800 Danish soldiers, will "
                  "deploy to the border for one year.", dt.date(2022, 5, 11))
    assert CK + "MonitoringProvision" in doc.values("?a ck:provision ?p . ?p a ?k", "k")
    assert doc.values("?a ck:provision ?p . ?p ck:personnel ?q . ?q ck:value ?v", "v") == {
        "5000"}


def test_monitoring_something_else_is_no_term(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Peru and Chile signed a truce on Monday. Journalists will monitor the "
                  "elections.", dt.date(2022, 5, 11))
    assert CK + "MonitoringProvision" not in doc.values("?a ck:provision ?p . ?p a ?k", "k")


def test_a_rejected_ceasefire_proposal_and_a_demanded_deal_are_no_agreements(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Rebel commanders rejected a proposal for a ceasefire with Peru on Monday. "
                  "Villagers demanded a new deal between Peru and Chile.", dt.date(2022, 5, 11))
    assert not doc.rows("?a a ck:Agreement")


def test_a_body_unknown_to_the_reference_data_signs_through_its_officers(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The agreement was signed on Monday by the delegates of the Council for "
                  "Northern Unity and the officers of the Southern Plateau Front who sit on "
                  "the Joint Ceasefire Commission.", dt.date(2022, 5, 11))
    parties = doc.values("?a ck:party ?p", "p")
    assert len(parties) == 2
    assert any("council-for-northern-unity" in p for p in parties)
    assert not doc.rows("?a ck:signatory ?s")  # no body or building is a person who signed


def test_a_state_that_only_owns_the_rival_camps_is_no_party(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Peru's two rival camps signed a truce on Monday. The truce was signed by "
                  "the commanders of the Andean Liberation Army and the officers of the "
                  "National Unity Front.", dt.date(2022, 5, 11))
    parties = doc.values("?a ck:party ?p", "p")
    assert STATE + "peru" not in parties and len(parties) == 2
