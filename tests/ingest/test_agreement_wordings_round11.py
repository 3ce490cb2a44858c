"""Agreement wordings of round 11 (issue 17): agreements on articles never seen.

Each test is over short sentences written for it and names one rule of
ingest/agreements.py, ingest/agreement-cues.toml (or, for "struck a deal", the Strike frame
of ingest/event-frames.toml): reaching verbs the party and place rules did not know
("clinched", "hammered out", "finalised", "accepted"), a plural peace name ("the Paris Peace
Accords"), a signing date said as "last week", the parties in a relative clause on them
("A and B, which agreed a truce in March, ..."), a status after a relative clause whose
subject names the parties ("The truce that A and B signed in 2015 collapsed"), a duration
further on in the noun's clause, and a deal that was struck, which is no attack.
"""

from __future__ import annotations

import datetime as dt

from conflict_kg.ingest.kb import KnowledgeBase
from tests.ingest.conftest import NS
from tests.support.ingest.agreements import Doc
from tests.support.ingest.wordings import of_class

STATE = NS.base + "id/state/"
PLACE = NS.base + "id/place/"
CK = "https://w3id.org/conflict-kg/ontology#"


def test_clinched_a_truce_in_a_city_is_where_it_was_signed(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi clinched a truce in Nairobi on Monday.", dt.date(2021, 5, 5))
    assert doc.values("?a ck:signingPlace ?p", "p") == {PLACE + "nairobi"}
    # the signing place is not a place the truce is about
    assert not doc.values("?a ck:appliesTo ?p", "p")


def test_hammered_out_and_finalised_name_the_parties(kb: KnowledgeBase) -> None:
    for verb in ("hammered out", "finalised", "finalized"):
        doc = Doc(kb, f"Zambia and Malawi {verb} an agreement in Nairobi on Monday.",
                  dt.date(2021, 5, 5))
        assert doc.values("?a ck:party ?p", "p") == {STATE + "zambia", STATE + "malawi"}, verb
        assert doc.values("?a ck:signingPlace ?p", "p") == {PLACE + "nairobi"}, verb


def test_accepted_a_ceasefire_names_the_parties(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi accepted a ceasefire in 1996.", dt.date(2021, 5, 5))
    assert doc.values("?a a ck:Ceasefire ; ck:party ?p", "p") == {
        STATE + "zambia", STATE + "malawi"}
    # a proposal accepted by one side is no agreement of two
    doc = Doc(kb, "Zambia accepted a ceasefire proposal from Malawi on Monday.",
              dt.date(2021, 5, 5))
    assert not doc.values("?a ck:party ?p", "p")


def test_a_plural_peace_name_is_a_peace_agreement(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The Lusaka Peace Accords were signed by Zambia and Malawi in March 1996.",
              dt.date(2021, 5, 5))
    assert doc.values("?a a ck:PeaceAgreement ; ck:party ?p", "p") == {
        STATE + "zambia", STATE + "malawi"}


def test_signed_last_week_is_a_month_or_no_date_never_a_day(kb: KnowledgeBase) -> None:
    # published Friday 2021-05-21: last week is Monday 10 to Sunday 16 May
    doc = Doc(kb, "Zambia and Malawi signed a truce in Nairobi last week.", dt.date(2021, 5, 21))
    assert doc.values("?a ck:signingDate ?d", "d") == {"2021-05"}
    # published Friday 2021-05-07: last week runs from April 26 to May 2, no one month
    doc = Doc(kb, "Zambia and Malawi signed a truce in Nairobi last week.", dt.date(2021, 5, 7))
    assert doc.values("?a ck:party ?p", "p")
    assert not doc.values("?a ck:signingDate ?d", "d")


def test_a_relative_clause_on_the_names_makes_them_parties(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi, which agreed a truce in March, traded fire again on "
                  "Tuesday.", dt.date(2021, 5, 5))
    assert doc.values("?a a ck:Ceasefire ; ck:party ?p", "p") == {
        STATE + "zambia", STATE + "malawi"}
    assert doc.values("?a ck:signingDate ?d", "d") == {"2021-03"}
    # a relative clause that brokers the truce makes no party
    doc = Doc(kb, "Kenya, which brokered a truce between Zambia and Malawi in March, said on "
                  "Monday it would keep talking.", dt.date(2021, 5, 5))
    assert STATE + "kenya" not in doc.values("?a ck:party ?p", "p")
    # nor one that rejects it
    doc = Doc(kb, "Zambia and Malawi, which rejected a truce in March, traded fire again on "
                  "Tuesday.", dt.date(2021, 5, 5))
    assert not doc.values("?a ck:party ?p", "p")


def test_a_truce_named_parties_signed_collapsed(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The truce that Zambia and Malawi signed in Lusaka in February 2015 collapsed "
                  "on Thursday.", dt.date(2021, 5, 5))
    assert {v.rsplit("#", 1)[-1] for v in doc.values("?a ck:status ?s", "s")} == {"cancelled"}
    doc = Doc(kb, "The truce that Zambia and Malawi signed in Lusaka in February 2015 could "
                  "collapse.", dt.date(2021, 5, 5))
    assert doc.values("?a ck:party ?p", "p")
    assert not doc.values("?a ck:status ?s", "s")


def test_a_duration_further_on_in_the_nouns_clause(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi agreed a ceasefire on Tuesday. The truce, brokered by "
                  "Kenya, took effect at 4 a.m. on Wednesday and is to last for 60 days.",
              dt.date(2021, 5, 5))
    assert doc.values("?a ck:duration ?d", "d") == {"P60D"}
    doc = Doc(kb, "Zambia and Malawi agreed a ceasefire in Nairobi on Friday. Under the deal, a "
                  "ceasefire will take effect at midnight local time on Monday and last for 180 "
                  "days.", dt.date(2021, 5, 8))
    assert doc.values("?a ck:duration ?d", "d") == {"P180D"}
    # what lasted in another clause is not the truce
    doc = Doc(kb, "Zambia and Malawi agreed a ceasefire on Tuesday. The truce took effect on "
                  "Wednesday, but the fighting that followed lasted for three days.",
              dt.date(2021, 5, 5))
    assert doc.values("?a ck:party ?p", "p")
    assert not doc.values("?a ck:duration ?d", "d")


def test_a_deal_struck_is_no_strike(kb: KnowledgeBase) -> None:
    for text in ("Zambia and Malawi struck a deal in Nairobi on Friday to reopen the border.",
                 "The deal was struck in Nairobi after months of talks, officials said.",
                 "Zambia and Malawi struck a landmark prisoner deal on Friday."):
        assert not of_class(kb, text, "Strike"), text
    assert of_class(kb, "Malawian rockets struck Lusaka on Friday.", "Strike")


def test_an_agreement_in_a_temporal_clause_is_another_one(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi put their names to a peace deal in Nairobi on Sunday, two "
                  "months after they signed a declaration in Lusaka.", dt.date(2021, 5, 5))
    # the declaration is no kind of the peace deal, and its place is not the deal's
    # (the declaration, whose parties are a pronoun, is its own node without parties)
    assert doc.values("?a ck:party ?p ; a ?k", "k") == {CK + "PeaceAgreement"}
    assert doc.values("?a ck:party ?x ; ck:signingPlace ?p", "p") == {PLACE + "nairobi"}
    doc = Doc(kb, "Two months after they signed a declaration in Lusaka, Zambia and Malawi put "
                  "their names to a peace deal in Nairobi on Sunday.", dt.date(2021, 5, 5))
    assert doc.values("?a ck:party ?x ; ck:signingPlace ?p", "p") == {PLACE + "nairobi"}
    # an earlier truce of other parties: its own place, and the day of the main clause is
    # not its signing day
    doc = Doc(kb, "Zambia and Malawi signed a peace deal on Friday, three years after Kenya and "
                  "Tanzania agreed a ceasefire in Nairobi.", dt.date(2021, 5, 8))
    rows = doc.rows("?a ck:party ?p . OPTIONAL { ?a ck:signingPlace ?pl } "
                    "OPTIONAL { ?a ck:signingDate ?d }")
    deal = [r for r in rows if r["p"] == STATE + "zambia"]
    truce = [r for r in rows if r["p"] == STATE + "kenya"]
    assert deal and truce
    assert all("pl" not in r and r.get("d") == "2021-05-07" for r in deal)
    assert all(r.get("pl") == PLACE + "nairobi" and "d" not in r for r in truce)


def test_ended_a_war_with_a_peace_agreement_names_the_parties(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi ended their border war with a peace agreement signed in "
                  "Nairobi in December 2000.", dt.date(2021, 5, 5))
    assert doc.values("?a a ck:PeaceAgreement ; ck:party ?p", "p") == {
        STATE + "zambia", STATE + "malawi"}
    assert doc.values("?a ck:signingDate ?d", "d") == {"2000-12"}
    doc = Doc(kb, "Zambia and Malawi ended their talks without a peace agreement.",
              dt.date(2021, 5, 5))
    assert not doc.values("?a ck:party ?p", "p")


def test_a_leader_named_after_his_movement_signs_for_it(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambian President Tomas Banda and UNITA rebel leader Joao Mateus signed a peace "
                  "accord in Lusaka on Monday.", dt.date(2021, 5, 5))
    parties = doc.values("?a ck:party ?p", "p")
    assert STATE + "zambia" in parties and any(p.endswith("/unita") for p in parties)
    # a post with no body before it names no movement
    doc = Doc(kb, "Zambian President Tomas Banda and rebel leader Joao Mateus signed a peace "
                  "accord in Lusaka on Monday.", dt.date(2021, 5, 5))
    assert not any(p.endswith("/unita") for p in doc.values("?a ck:party ?p", "p"))


def test_a_year_that_names_an_agreement_is_its_signing_year(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The last Kenyan troops left Zambia last week under a separate 1988 accord "
                  "signed in Nairobi by Zambia and Kenya.", dt.date(2021, 5, 5))
    assert doc.values("?a ck:party ?p ; ck:signingDate ?d", "d") == {"1988"}
    # a year after "in" or a month is a date of its own, read as before
    doc = Doc(kb, "Zambia and Kenya signed an accord in March 1988 in Nairobi.",
              dt.date(2021, 5, 5))
    assert doc.values("?a ck:signingDate ?d", "d") == {"1988-03"}


def test_by_the_end_of_a_month_and_year_is_its_last_day(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a peace accord in Lusaka on Monday. Under the accord, "
                  "elections must be held by the end of November 2022.", dt.date(2021, 5, 5))
    assert doc.values("?a ck:provision ?t . ?t ck:deadline ?d", "d") == {"2022-11-30"}


def test_a_mediator_of_several_rounds_of_talks(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a memorandum in Nairobi on Monday, with Kenya, which "
                  "mediated five rounds of talks since January, at their side.",
              dt.date(2021, 5, 5))
    assert doc.values("?a ck:mediator ?m", "m") == {STATE + "kenya"}
    assert STATE + "kenya" not in doc.values("?a ck:party ?p", "p")


def test_in_force_past_an_apposition_on_a_party(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "A ceasefire between Zambia and Malawi, the country that borders it to the east, "
                  "took effect at 9 p.m. local time on Wednesday.", dt.date(2021, 5, 7))
    assert doc.values("?a ck:effectiveFrom ?d", "d") == {"2021-05-05"}
    assert doc.values("?a ck:effectiveTime ?t", "t") == {"21:00"}


def test_a_truce_signed_years_before_an_undated_one_took_effect_is_another(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "A ceasefire between Zambia and Malawi took effect at 9 p.m. on Wednesday. A "
                  "six-month truce that Kenya brokered between the two sides in June 2008 broke "
                  "down in December of that year.", dt.date(2021, 5, 7))
    rows = doc.rows("?a ck:party ?p . OPTIONAL { ?a ck:effectiveFrom ?e } "
                    "OPTIONAL { ?a ck:signingDate ?d } OPTIONAL { ?a ck:status ?s } "
                    "OPTIONAL { ?a ck:duration ?u }")
    assert len({r["a"] for r in rows}) == 2
    now = [r for r in rows if r.get("e") == "2021-05-05"]
    old = [r for r in rows if r.get("d") == "2008-06"]
    assert now and old
    # the six months and the breakdown are the old truce's
    assert all("s" not in r and "u" not in r for r in now)
    assert all(r.get("s") == CK + "cancelled" and r.get("u") == "P6M" for r in old)


def test_a_truce_announced_in_a_city_does_not_apply_there(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "A ceasefire between Zambia and Malawi took effect on Wednesday. The truce was "
                  "announced in Nairobi after two days of talks.", dt.date(2021, 5, 7))
    assert doc.values("?a ck:party ?p", "p")
    assert not doc.values("?a ck:appliesTo ?p", "p")
    doc = Doc(kb, "A ceasefire in Katanga between Zambia and Malawi took effect on Wednesday.",
              dt.date(2021, 5, 7))
    assert doc.values("?a ck:appliesTo ?p", "p")


def test_initialled_after_the_noun_dates_the_agreement(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The accord was initialled by Zambia and Malawi in Lusaka in November 1995.",
              dt.date(2021, 5, 5))
    assert doc.values("?a ck:party ?p ; ck:signingDate ?d", "d") == {"1995-11"}
