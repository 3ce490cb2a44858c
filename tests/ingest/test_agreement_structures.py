"""Agreements stated in sentence structures beyond the plain "A and B signed a deal".

Each test is over short sentences written for it and names one rule of
ingest/agreements.py or ingest/agreement-cues.toml: reduced relatives and
relative clauses before a passive signing, "by X for <body>", a dateline before
the subject, "Tuesday's deal", "the X-led coalition", relative clauses inside a
list of parties or a subject, renewals, periods in hours, the zone width nearest
the zone, "mediation by", repatriation, a capital's name as the signing city.
"""

from __future__ import annotations

import datetime as dt

from conflict_kg.ingest.kb import KnowledgeBase
from tests.ingest.conftest import NS
from tests.support.ingest.agreements import Doc

STATE = NS.base + "id/state/"


def test_a_reduced_relative_signed_in_x_by_gives_signers_and_their_states(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi ended their border dispute on Tuesday with a peace "
                  "agreement signed in Lusaka by Zambian President Anna Mwale and Malawian "
                  "President Peter Banda.", dt.date(2021, 5, 5))
    assert doc.values("?a a ck:PeaceAgreement ; ck:party ?p", "p") == {
        STATE + "zambia", STATE + "malawi"}
    assert len(doc.values("?a ck:signatory ?s", "s")) == 2
    assert doc.values("?a ck:signingDate ?d", "d") == {"2021-05-04"}


def test_a_relative_clause_before_the_passive_and_signers_for_their_bodies(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The truce that ends the border war was signed in Lusaka on Monday, May 3, "
                  "by Colonel John Phiri for the Southern Border Command and by General Ali "
                  "Musa for Malawi.", dt.date(2021, 5, 5))
    parties = doc.values("?a a ck:Ceasefire ; ck:party ?p", "p")
    assert STATE + "malawi" in parties
    assert NS.base + "id/organisation/southern-border-command" in parties
    assert doc.values("?a ck:signingDate ?d", "d") == {"2021-05-03"}


def test_a_body_named_after_a_known_name_is_minted_and_the_name_is_no_party(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The armistice was signed on Monday by General Jan Horak for the United "
                  "Nations Command and by General Ali Musa for Malawi.", dt.date(2021, 5, 5))
    parties = doc.values("?a a ck:Ceasefire ; ck:party ?p", "p")
    assert NS.base + "id/organisation/united-nations-command" in parties
    assert NS.base + "id/organisation/united-nations" not in parties


def test_a_dateline_before_the_subject_of_an_adjunct_agreement(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "LILONGWE, May 4 — Zambia and Malawi have pledged to pull their troops back "
                  "under a declaration signed on Monday.", dt.date(2021, 5, 4))
    assert doc.values("?a a ck:JointStatement ; ck:party ?p", "p") == {
        STATE + "zambia", STATE + "malawi"}


def test_the_possessive_day_picks_the_agreement_signed_that_day(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a peace agreement on Tuesday. It builds on a "
                  "ceasefire agreement reached on March 3. Under Tuesday's deal, both sides "
                  "will release all prisoners of war.", dt.date(2021, 5, 5))
    assert doc.values("?a ck:signingDate ?d ; ck:provision ?p . "
                      "?p a ck:PrisonerExchangeProvision", "d") == {"2021-05-04"}


def test_a_state_led_coalition_is_a_party_of_its_own(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The truce between the Saudi-led coalition, which backs the government, and "
                  "the Houthis took effect at 7 p.m. local time on April 2.",
              dt.date(2022, 4, 3))
    parties = doc.values("?a a ck:Ceasefire ; ck:party ?p", "p")
    assert NS.base + "id/organisation/saudi-led-coalition" in parties
    assert STATE + "saudi-arabia" not in parties
    assert len(parties) == 2
    # the relative clause inside the subject does not hide the truce from "took effect"
    assert doc.values("?a ck:effectiveFrom ?d", "d") == {"2022-04-02"}
    assert doc.values("?a ck:effectiveTime ?t", "t") == {"19:00"}


def test_an_extension_is_renewal_and_no_signing_date(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi agreed on Thursday to extend their truce for two more "
                  "months.", dt.date(2022, 6, 3))
    assert doc.rows("?a a ck:Ceasefire ; ck:renewable true")
    assert doc.values("?a ck:duration ?d", "d") == {"P2M"}
    assert not doc.rows("?a ck:signingDate ?d")


def test_will_last_and_could_be_extended(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a ceasefire on Friday. The ceasefire will take "
                  "effect on August 3 and last 180 days, a period that could be extended.",
              dt.date(2023, 6, 10))
    assert doc.values("?a ck:duration ?d", "d") == {"P180D"}
    assert doc.rows("?a ck:renewable true")
    assert doc.values("?a ck:effectiveFrom ?d", "d") == {"2023-08-03"}


def test_the_first_period_is_the_duration_not_the_extension(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a treaty on Friday. The treaty runs for ten years "
                  "and can be extended for up to five more years.", dt.date(2023, 6, 10))
    assert doc.values("?a ck:duration ?d", "d") == {"P10Y"}


def test_a_deadline_in_hours_counts_whole_days(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a ceasefire on Monday, May 3. Under the ceasefire, "
                  "troops must withdraw from the border within 72 hours.", dt.date(2021, 5, 4))
    assert doc.values("?a ck:provision ?p . ?p a ck:WithdrawalProvision ; ck:deadline ?d",
                      "d") == {"2021-05-06"}


def test_the_zone_width_is_the_length_nearest_the_zone(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a ceasefire on Monday. Under the ceasefire, each "
                  "side pulls back 2 kilometres, creating a 4-kilometre buffer zone.",
              dt.date(2021, 5, 4))
    assert doc.values("?a ck:zone ?z . ?z ck:width ?q . ?q ck:value ?v", "v") == {"4"}


def test_mediation_by_in_a_later_sentence_names_the_mediator(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a peace agreement in Lusaka on Tuesday. The "
                  "signing followed months of mediation by the African Union.",
              dt.date(2021, 5, 5))
    assert doc.values("?a ck:mediator ?m", "m") == {NS.base + "id/organisation/african-union"}
    assert NS.base + "id/organisation/african-union" not in doc.values("?a ck:party ?p", "p")


def test_talks_hosted_by_x_after_a_reduced_relative_is_no_party(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The exchange follows a deal reached last month between Zambia and Malawi at "
                  "talks in Geneva hosted by the United Nations.", dt.date(2021, 5, 5))
    assert doc.values("?a a ck:Agreement ; ck:party ?p", "p") == {
        STATE + "zambia", STATE + "malawi"}


def test_repatriation_and_a_cessation_of_hostilities(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a cessation of hostilities agreement on Monday. "
                  "Under the agreement, prisoners of war are to be repatriated.",
              dt.date(2021, 5, 4))
    assert doc.rows("?a a ck:Ceasefire ; ck:provision ?p . ?p a ck:PrisonerExchangeProvision")


def test_a_capital_named_as_a_city_is_the_signing_place(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "India and Pakistan signed a declaration in the Soviet city of Tashkent on "
                  "Monday.", dt.date(1966, 1, 11))
    assert doc.values("?a ck:signingPlace ?p", "p") == {NS.base + "id/place/tashkent"}
    assert STATE + "uzbekistan" not in doc.values("?a ck:party ?p", "p")


def test_a_middle_initial_stays_in_the_signers_name(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The truce was signed on Monday by Lieutenant General William K. Harrison "
                  "for Zambia and by General Ali Musa for Malawi.", dt.date(2021, 5, 5))
    signers = doc.values("?a ck:signatory ?s", "s")
    assert NS.base + "id/person/william-k-harrison" in signers
    assert NS.base + "id/person/william-k" not in signers


def test_signers_in_a_relative_clause_on_the_noun_date_it(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "LUSAKA, May 6 — Zambia and Malawi pledged to make peace under two framework "
                  "accords that President Anna Mwale and Prime Minister Peter Banda signed "
                  "in Lilongwe late on Tuesday.", dt.date(2021, 5, 6))
    assert doc.values("?a ck:party ?p", "p") == {STATE + "zambia", STATE + "malawi"}
    assert len(doc.values("?a ck:signatory ?s", "s")) == 2
    # the dateline's day is no signing date
    assert doc.values("?a ck:signingDate ?d", "d") == {"2021-05-04"}


def test_put_their_signatures_to_and_a_by_list_past_a_relative_clause(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The leaders put their signatures on Saturday to a ceasefire accord. The accord "
                  "was signed by the presidents of Angola and Namibia, who sent troops, and of "
                  "Rwanda and Uganda, which back the rebels.", dt.date(1999, 7, 11))
    assert doc.values("?a a ck:Ceasefire ; ck:party ?p", "p") == {
        STATE + "angola", STATE + "namibia", STATE + "rwanda", STATE + "uganda"}
    assert doc.values("?a ck:signingDate ?d", "d") == {"1999-07-10"}


def test_who_led_the_mediation_is_a_mediator(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Angola and Namibia signed a ceasefire on Saturday. Zambia, which led the "
                  "mediation, welcomed it.", dt.date(1999, 7, 11))
    assert doc.values("?a ck:mediator ?m", "m") == {STATE + "zambia"}
    assert STATE + "zambia" not in doc.values("?a ck:party ?p", "p")


def test_a_commission_that_will_investigate_violations_monitors(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Angola and Namibia signed a ceasefire on Saturday. A joint commission will "
                  "investigate violations.", dt.date(1999, 7, 11))
    assert doc.rows("?a ck:provision ?p . ?p a ck:MonitoringProvision")


def test_a_temporal_clause_does_not_date_the_signing(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The agreement between India and Pakistan came into force on Friday, a month "
                  "after the accord was signed in the Indian hill town of Simla.",
              dt.date(1972, 8, 5))
    assert not doc.rows("?a ck:signingDate ?d")
    assert doc.values("?a ck:effectiveFrom ?d", "d") == {"1972-08-04"}
    assert doc.values("?a ck:signingPlace ?p", "p") == {NS.base + "id/place/shimla"}


def test_a_metonym_venue_is_the_signing_place(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Egypt and Jordan signed an agreement at the White House on Sunday.",
              dt.date(1978, 9, 18))
    assert doc.values("?a ck:signingPlace ?p", "p") == {NS.base + "id/place/white-house"}


def test_under_the_framework_opens_a_term(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Egypt and Jordan signed two framework accords on Sunday. Under the second "
                  "framework, the two countries are to open embassies within three months of "
                  "the signing.", dt.date(1978, 9, 18))
    assert doc.values("?a ck:provision ?p . ?p ck:deadline ?d", "d") == {"1978-12-17"}


def test_undertakings_in_the_document_are_terms(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The memorandum was signed on Monday by President Anna Mwale of Zambia and "
                  "President Peter Banda of Malawi. In the document, the two neighbouring "
                  "states undertake to respect each other's borders.", dt.date(1994, 12, 6))
    words = doc.values("?a ck:provision ?p . ?p rdfs:comment ?w", "w")
    assert any("borders" in w for w in words)


def test_a_named_treaty_of_another_kind_is_not_the_current_memorandum(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a memorandum on Monday. Malawi also joined the "
                  "Non-Proliferation Treaty.", dt.date(1994, 12, 6))
    assert doc.rows("?a a ck:Memorandum ; ck:party ?p")
    assert not doc.rows("?a a ck:Treaty")


def test_a_converted_width_in_brackets_is_not_the_width(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a ceasefire on Monday. It creates a 15-kilometre "
                  "(nine-mile) buffer zone.", dt.date(2021, 5, 4))
    assert doc.values("?a ck:zone ?z . ?z ck:width ?q . ?q ck:value ?v", "v") == {"15"}
