"""Agreement wordings of round 9 (issue 17): clause shapes the cold dev documents of round 9
had and no earlier rule read.

Each test is over short sentences written for it (invented names and places where the
rule does not need real ones) and names one rule of ingest/agreements.py or
ingest/agreement-cues.toml: a body named by capitalised words and a head noun ("the X
Liberation Movement"), its abbreviation in brackets, parties after a late "between", a
signing named as a noun ("the signing of the accord by"), a definite mention that names the
side the first one left out, a signer "for" a body, negated and draft agreements, "one
minute past midnight", an act on the agreement that takes effect, safety zones, "Under
it,", periods counted from "the ceasefire taking effect" or "two and a half years", a
monitored freeze and terms told in the past ("was to").
"""

from __future__ import annotations

import datetime as dt

from conflict_kg.ingest.kb import KnowledgeBase
from tests.ingest.conftest import NS
from tests.support.ingest.agreements import Doc

STATE = NS.base + "id/state/"
GROUP = NS.base + "id/armed-group/"


def _kinds(doc: Doc) -> set[str]:
    return {k.rsplit("#", 1)[-1] for k in doc.values("?a ck:provision ?t . ?t a ?k", "k")}


def test_a_body_named_by_capitals_and_a_head_noun_is_a_party(kb: KnowledgeBase) -> None:
    # "Malawi" inside the movement's name is no party of its own, and "southern" may stand
    # between "and the" and "rebel"
    doc = Doc(kb, "Zambia's government and the southern rebel Malawi People's Freedom "
                  "Movement signed a peace agreement in Lusaka on Sunday.", dt.date(2011, 3, 7))
    assert doc.values("?a ck:party ?p", "p") == {
        STATE + "zambia", GROUP + "malawi-people-s-freedom-movement"}
    assert doc.values("?g a ck:NonStateArmedGroup ; rdfs:label ?l", "l") >= {
        "Malawi People's Freedom Movement"}


def test_a_state_s_own_army_is_no_body_of_its_own(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and the Malawian Army signed a truce in Lusaka on Sunday.",
              dt.date(2011, 3, 7))
    assert not doc.values("?g a ck:NonStateArmedGroup ; rdfs:label ?l . "
                          "FILTER(CONTAINS(?l, 'Army'))", "l")


def test_the_signing_of_the_accord_by_names_the_signers_and_the_bodies_they_lead(
        kb: KnowledgeBase) -> None:
    # the abbreviation in brackets is the same body, and the first sentence's agreement
    # (one side named) is the one the definite mention completes
    doc = Doc(kb, "Negotiators for the rebels and the government of Zambia put their names "
                  "on Thursday to a peace agreement in Lusaka. The signing of the accord by "
                  "President Obi Banda and three commanders of the Kafue Valley Liberation "
                  "Front (KVLF) ended two years of talks.", dt.date(2011, 3, 11))
    parties = doc.values("?a ck:party ?p", "p")
    assert parties == {STATE + "zambia", GROUP + "kafue-valley-liberation-front"}
    assert len(doc.values("?a ck:party ?p", "a")) == 1
    assert any("banda" in s for s in doc.values("?a ck:signatory ?s", "s"))


def test_parties_after_a_late_between(kb: KnowledgeBase) -> None:
    # the venue is a state ("in Tanzania") that comes before "between"
    doc = Doc(kb, "Shelling stopped on Tuesday, the first test of the accord reached in "
                  "Tanzania last week between Malawi's government and Zambia.",
              dt.date(2011, 3, 9))
    assert doc.values("?a ck:party ?p", "p") == {STATE + "malawi", STATE + "zambia"}


def test_fighting_between_two_sides_is_no_party_list(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The accord reached in Lusaka last week ended the long war between Malawi "
                  "and Zambia.", dt.date(2011, 3, 9))
    assert not doc.values("?a ck:party ?p", "p")


def test_a_signer_for_a_body_makes_the_body_the_party_not_his_state(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The agreement was signed by British Major-General Tom Ashby for NATO and "
                  "by General Amadou Keita for Mali at Gao on Monday.", dt.date(2011, 3, 9))
    parties = doc.values("?a ck:party ?p", "p")
    assert STATE + "united-kingdom" not in parties
    assert STATE + "mali" in parties


def test_a_draft_or_a_never_signed_accord_is_no_agreement(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi have agreed a truce, officials said. A draft accord "
                  "that the two sides discussed in Harare was never signed.",
              dt.date(2011, 3, 9))
    assert not doc.values("?a ck:signingPlace ?p . FILTER(CONTAINS(STR(?p), 'harare'))", "p")


def test_one_minute_past_midnight(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a truce in Lusaka on May 5. It took effect at "
                  "one minute past midnight on Thursday, May 12.", dt.date(2011, 5, 13))
    assert doc.values("?a ck:effectiveTime ?t", "t") == {"00:01"}
    assert doc.values("?a ck:effectiveFrom ?d", "d") == {"2011-05-12"}


def test_an_act_on_the_agreement_that_takes_effect_is_no_entry_into_force(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a treaty in Lusaka on May 5, 2001. Malawi said "
                  "on Friday that its withdrawal from the treaty would take effect on "
                  "Saturday.", dt.date(2011, 5, 13))
    assert not doc.values("?a ck:effectiveFrom ?d", "d")


def test_a_safety_zone_has_its_width(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed an agreement in Lusaka on Monday. The agreement "
                  "creates a 5-kilometre ground safety zone along the border.",
              dt.date(2011, 5, 10))
    assert doc.values("?a ck:zone ?z . ?z ck:width ?q . ?q ck:value ?v", "v") == {"5"}


def test_under_it_opens_a_term_and_a_monitored_freeze_is_a_monitoring_term(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The accord was signed in Geneva on May 5, 2001, by Zambia and Malawi. "
                  "Under it, Malawi froze its dam works and allowed inspectors of the "
                  "African Union to monitor the freeze. In return, Zambia was to ship "
                  "fuel to Malawi every year.", dt.date(2011, 5, 13))
    assert "MonitoringProvision" in _kinds(doc)
    words = doc.values("?a ck:provision ?t . ?t rdfs:comment ?c", "c")
    assert any("ship" in w for w in words)


def test_a_period_counted_from_the_ceasefire_taking_effect(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a ceasefire in Lusaka on May 5. It took effect "
                  "on May 12. Under the truce, their commanders are to meet within ten days "
                  "of the ceasefire taking effect.", dt.date(2011, 5, 13))
    assert doc.values("?a ck:provision ?t . ?t ck:deadline ?d", "d") == {"2011-05-22"}


def test_two_and_a_half_years(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a peace agreement in Lusaka on January 9, 2005. "
                  "Under the deal, Zambia will withdraw its troops from the border within "
                  "two and a half years.", dt.date(2005, 1, 10))
    assert doc.values("?a ck:provision ?t . ?t ck:deadline ?d", "d") == {"2007-07-09"}


def test_a_host_named_in_apposition_and_a_host_of_them(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a peace agreement in Lusaka on Monday. Kenya's "
                  "president, Obi Kamau Mwangi, hosted the ceremony.", dt.date(2011, 5, 10))
    assert any("mwangi" in h for h in doc.values("?a ck:host ?h", "h"))
    doc = Doc(kb, "Zambia and Malawi signed a peace agreement in Lusaka on Monday. The talks "
                  "were mediated by the United Nations, and Kenya hosted them.",
              dt.date(2011, 5, 10))
    assert doc.values("?a ck:host ?h", "h") == {STATE + "kenya"}


def test_under_the_auspices_of_a_described_body(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a peace agreement on Monday. The deal was "
                  "negotiated over two years under the auspices of the regional bloc IGAD.",
              dt.date(2011, 5, 10))
    assert {m.rsplit("/", 1)[-1] for m in doc.values("?a ck:mediator ?m", "m")} == {"igad"}


def test_a_place_named_before_a_venue(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a peace agreement in a Nairobi stadium on Sunday.",
              dt.date(2011, 5, 10))
    assert {p.rsplit("/", 1)[-1] for p in doc.values("?a ck:signingPlace ?p", "p")} == {
        "nairobi"}


def test_what_the_agreement_provides_for_or_calls_for(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a peace agreement on Sunday, May 8. The agreement "
                  "provides for a six-year interim period. It also calls for the exchange of "
                  "some 1,500 prisoners held by the two camps. It also provides for the "
                  "dissolution of the Border Guard. The accord commits the guerrillas to hand "
                  "in their weapons and to demobilise their fighters by October 31.",
              dt.date(2011, 5, 10))
    assert doc.values("?a ck:duration ?d", "d") == {"P6Y"}
    assert "PrisonerExchangeProvision" in _kinds(doc)
    words = doc.values("?a ck:provision ?t . ?t rdfs:comment ?c", "c")
    assert any("Border Guard" in w for w in words)
    assert "2011-10-31" in doc.values("?a ck:provision ?t . ?t ck:deadline ?d", "d")


def test_a_signer_for_a_demonym_s_army_the_reference_data_does_not_know(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The agreement was signed by General Tom Ashby for NATO and by General "
                  "Petar Vukic for the Zetan army at Gao on Monday.", dt.date(2011, 3, 9))
    labels = doc.values("?a ck:party ?p . ?p rdfs:label ?l", "l")
    assert "Zetan army" in labels


def test_an_earlier_truce_of_the_two_countries_has_their_parties(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a ceasefire in Lusaka on May 5. A truce that the "
                  "defence ministers of the two countries agreed in Harare in February was "
                  "violated within days.", dt.date(2011, 5, 10))
    rows = doc.rows("?a ck:party ?p ; ck:signingDate ?d . FILTER(STRSTARTS(STR(?d), '2011-02'))")
    assert {r["p"] for r in rows} == {STATE + "zambia", STATE + "malawi"}


def test_a_day_refines_last_week_and_negotiators_for_a_president_do_not_make_him_sign(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Shelling stopped on Tuesday, the first test of the accord reached in Kenya "
                  "last week between Zambia and Malawi. Negotiators for the government of "
                  "President Obi Banda and Malawi agreed on the text on December 13.",
              dt.date(2018, 12, 19))
    assert doc.values("?a ck:signingDate ?d", "d") == {"2018-12-13"}
    assert not doc.values("?a ck:signatory ?s", "s")


def test_put_to_paper_at_a_place_and_a_day_before_its_by_phrase(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Libya and Chad have signed an agreement on the border. The accord was put "
                  "to paper in the Libyan coastal city of Sirte on Monday by Chad's foreign "
                  "minister and Libya's foreign secretary.", dt.date(1994, 4, 5))
    assert doc.values("?a ck:signingDate ?d", "d") == {"1994-04-04"}
    assert {p.rsplit("/", 1)[-1] for p in doc.values("?a ck:signingPlace ?p", "p")} == {"sirte"}


def test_a_signer_s_aside_names_the_body_he_heads(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia's president and the leader of the opposition signed a general "
                  "agreement in Lusaka on Friday. President Obi Banda and Kofi Mensah Lungu, "
                  "head of the United Zambezi Opposition, put their names to the document in "
                  "the State House.", dt.date(1997, 6, 28))
    labels = doc.values("?a ck:party ?p . ?p rdfs:label ?l", "l")
    assert "United Zambezi Opposition" in labels


def test_a_truce_the_two_countries_agreed_has_their_parties(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chad and Libya signed an agreement in Sirte on Monday. A ceasefire that "
                  "the two countries agreed in Algiers in September 1987 has largely held.",
              dt.date(1994, 4, 5))
    rows = doc.rows("?a ck:party ?p ; ck:signingDate ?d . FILTER(STRSTARTS(STR(?d), '1987-09'))")
    assert {r["p"].rsplit("/", 1)[-1] for r in rows} == {"chad", "libya"}


def test_a_long_pull_out_and_a_handover_watched_by_observers(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chad and Libya signed an agreement in Sirte on Monday. Under it, Libya must "
                  "pull all of its troops and civil administration out of the territory no "
                  "later than May 30, and the handover is to be watched by a team of United "
                  "Nations observers.", dt.date(1994, 4, 5))
    rows = doc.rows("?a ck:provision ?t . ?t a ck:WithdrawalProvision ; ck:deadline ?d")
    assert {r["d"] for r in rows} == {"1994-05-30"}
    assert "MonitoringProvision" in _kinds(doc)


def test_what_the_agreements_call_for_and_a_supervised_ballot(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed two agreements in Lusaka on Wednesday. The "
                  "agreements call for a ballot on August 8. A UN mission is to organise "
                  "and supervise the ballot.", dt.date(1999, 5, 6))
    words = doc.values("?a ck:provision ?t . ?t rdfs:comment ?c", "c")
    assert any("ballot on August 8" in w for w in words)
    assert "MonitoringProvision" in _kinds(doc)
