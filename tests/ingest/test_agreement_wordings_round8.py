"""Agreement wordings of round 8 (issue 17): shapes the dev corpus did not have before.

Each test is over short sentences written for it (invented names and places where the
rule does not need real ones) and names one rule of ingest/agreements.py,
ingest/signing.py, ingest/dates.py or ingest/agreement-cues.toml: lists of terms after a
colon, a state's possessed organ in a coordinated subject, signers in a relative clause
without titles (and "respectively" states in an aside), a passive signing after a
complemented noun, a second side known only by its signer, named "Initiative"s, mirror
copies, mediators ("who brokered it", "acted as facilitator", "Russian mediation"), what
"It calls for", "the same day" of a separate agreement, parties named back ("both sides"),
a capital refining a country, multi-word rebel names, prisoner counts and "last year".
"""

from __future__ import annotations

import datetime as dt

from conflict_kg.ingest.dates import find_dates
from conflict_kg.ingest.kb import KnowledgeBase
from tests.ingest.conftest import NS
from tests.support.ingest.agreements import Doc

STATE = NS.base + "id/state/"
PERSON = NS.base + "id/person/"


def test_a_state_s_possessed_organ_is_coordinated_with_the_other_party(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Malawi's Kamuzu government and the Tembo rebels inked a truce late on "
                  "Wednesday at Chitipa.", dt.date(2021, 5, 6))
    assert doc.values("?a a ck:Ceasefire ; ck:party ?p", "p") == {
        STATE + "malawi", NS.base + "id/armed-group/tembo-rebels"}


def test_a_list_of_terms_after_a_colon_is_read_item_by_item(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a truce in Lusaka on Monday. Among its provisions:\n\n"
                  "- a buffer strip along the Luangwa river;\n"
                  "- the phased withdrawal of Zambian units from the upper valley;\n"
                  "- two retired judges verify that both sides keep their word.",
              dt.date(2021, 5, 5))
    kinds = doc.values("?a ck:provision ?t . ?t a ?k", "k")
    assert {"WithdrawalProvision", "MonitoringProvision"} <= {k.rsplit("#", 1)[-1]
                                                              for k in kinds}
    words = doc.values("?a ck:provision ?t . ?t rdfs:comment ?c", "c")
    assert "a buffer strip along the Luangwa river" in words
    assert not any(w.startswith("-") for w in words)


def test_a_list_after_a_colon_that_is_no_term_list_gives_no_terms(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a truce in Lusaka on Monday. Reporters asked:\n\n"
                  "- the withdrawal of units from the valley;\n"
                  "- two judges verify it.", dt.date(2021, 5, 5))
    assert not doc.values("?a ck:provision ?t", "t")


def test_listed_terms_give_deadlines_and_the_agreement_s_length(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi clinched a deal in Lusaka on Sunday, March 4. "
                  "The agreement commits both sides to:\n\n"
                  "* form a joint government within five weeks of the signing;\n"
                  "* a term of 120 days, which could be extended.", dt.date(2007, 3, 5))
    assert doc.values("?a ck:provision ?t . ?t ck:deadline ?d", "d") == {"2007-04-08"}
    assert doc.values("?a ck:duration ?d", "d") == {"P120D"}
    assert doc.values("?a ck:renewable ?r", "r") == {"true"}


def test_signatures_put_on_a_day_in_a_city_to_an_agreement(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Delegations of Zambia and the breakaway region of Malawi put their signatures "
                  "on Saturday in Lusaka to an agreement on a ceasefire.", dt.date(1994, 5, 15))
    assert doc.values("?a a ck:Ceasefire ; ck:party ?p", "p") == {
        STATE + "zambia", STATE + "malawi"}
    assert doc.values("?a ck:signingPlace ?p", "p") == {NS.base + "id/place/lusaka"}
    assert doc.values("?a ck:signingDate ?d", "d") == {"1994-05-14"}


def test_a_by_list_goes_on_past_a_signer_in_apposition(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "An accord was signed on Saturday in Lusaka by Zambia's defence minister, "
                  "Joseph Tembo, and Peter Mwale, chief of staff of the Malawian army.",
              dt.date(1996, 9, 1))
    assert PERSON + "peter-mwale" in doc.values("?a ck:signatory ?s", "s")
    assert STATE + "malawi" in doc.values("?a ck:party ?p", "p")


def test_signers_without_titles_in_a_relative_clause_and_their_respective_states(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "That war ended with a ceasefire agreement that Joseph Tembo and Peter Mwale, "
                  "then the presidents of Zambia and Malawi, signed in Lusaka on July 21, 1992.",
              dt.date(2006, 9, 18))
    assert doc.values("?a a ck:Ceasefire ; ck:party ?p", "p") == {
        STATE + "zambia", STATE + "malawi"}
    assert doc.values("?a ck:signatory ?s", "s") == {PERSON + "joseph-tembo",
                                                     PERSON + "peter-mwale"}
    assert doc.values("?a ck:signingDate ?d", "d") == {"1992-07-21"}


def test_a_passive_signing_after_a_complemented_noun(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The main exception is a memorandum on normalising relations, which was "
                  "signed in Lusaka on May 8, 1997, by Zambian President Joseph Tembo and "
                  "Malawian President Peter Mwale.", dt.date(2006, 9, 18))
    assert doc.values("?a a ck:Memorandum ; ck:party ?p", "p") == {STATE + "zambia",
                                                                  STATE + "malawi"}
    assert doc.values("?a ck:signatory ?s", "s") == {PERSON + "joseph-tembo",
                                                     PERSON + "peter-mwale"}
    assert doc.values("?a ck:signingDate ?d", "d") == {"1997-05-08"}


def test_one_party_and_a_signer_of_no_known_side_is_no_agreement(kb: KnowledgeBase) -> None:
    # an agreement needs two parties (the SHACL shape checks it): a second signer whose
    # side no rule can name does not make one
    doc = Doc(kb, "The memorandum, which was signed in Lusaka on May 8, 1997, by Zambian "
                  "President Joseph Tembo and Peter Mwale, was welcomed.", dt.date(2006, 9, 18))
    assert not doc.values("?a a ck:Agreement", "a")


def test_an_inked_initiative_and_signers_of_mirror_copies(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The Lake Shipping Initiative was inked in Lusaka on July 22 last year. "
                  "Zambia's transport minister, Joseph Tembo, and Malawi's transport minister, "
                  "Peter Mwale, put their names to mirror copies of the text.",
              dt.date(2023, 7, 17))
    assert doc.values("?a ck:party ?p", "p") == {STATE + "zambia", STATE + "malawi"}
    assert doc.values("?a ck:signatory ?s", "s") == {PERSON + "joseph-tembo",
                                                     PERSON + "peter-mwale"}
    assert doc.values("?a ck:signingDate ?d", "d") == {"2022-07-22"}


def test_an_initiative_that_is_only_launched_is_no_agreement(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi launched the Lake Shipping Initiative on Monday.",
              dt.date(2023, 7, 17))
    assert not doc.values("?a a ck:Agreement", "a")


def test_mediators_who_brokered_it_acted_as_facilitator_or_by_demonym(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a deal in Lusaka on Sunday after talks hosted by "
                  "President Joseph Tembo of Botswana, who also acted as facilitator.",
              dt.date(2021, 5, 10))
    assert STATE + "botswana" in doc.values("?a ck:mediator ?m", "m")
    doc = Doc(kb, "Zambia and Malawi signed a deal in Lusaka on Sunday. The document, sealed "
                  "after weeks of Kenyan mediation, commits both sides to a strict ceasefire.",
              dt.date(2021, 5, 10))
    assert doc.values("?a ck:mediator ?m", "m") == {STATE + "kenya"}
    assert STATE + "kenya" not in doc.values("?a ck:party ?p", "p")


def test_what_the_agreement_calls_for_is_a_term(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed an agreement on Saturday. It calls for "
                  "peacekeepers of the African Union to deploy between the two forces, and for "
                  "military observers to monitor how the deal is carried out.",
              dt.date(2021, 5, 10))
    kinds = {k.rsplit("#", 1)[-1] for k in doc.values("?a ck:provision ?t . ?t a ?k", "k")}
    assert {"DeploymentProvision", "MonitoringProvision"} <= kinds


def test_a_separate_agreement_signed_the_same_day_and_by_both_sides(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a ceasefire in Lusaka on May 14. A separate "
                  "memorandum that Zambia signed with the United Nations the same day was "
                  "criticised on Monday.", dt.date(2021, 5, 17))
    assert doc.values("?a a ck:Memorandum ; ck:signingDate ?d", "d") == {"2021-05-14"}
    doc = Doc(kb, "Zambia and Malawi signed a ceasefire in Lusaka on Saturday. A separate "
                  "agreement on the return of refugees was signed in Lusaka on April 4 by both "
                  "sides.", dt.date(2021, 5, 17))
    dated = doc.rows("?a ck:signingDate ?d ; ck:party ?p")
    assert {(r["d"], r["p"]) for r in dated} >= {("2021-04-04", STATE + "zambia"),
                                                  ("2021-04-04", STATE + "malawi")}


def test_an_earlier_truce_sealed_by_the_same_signers_has_the_same_parties(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "An accord was signed on Saturday in Lusaka by Zambia's defence minister, "
                  "Joseph Tembo, and Malawi's army chief, Peter Mwale. The deal builds on a "
                  "truce that Tembo and Mwale sealed in Chitipa on August 22.",
              dt.date(1996, 9, 1))
    rows = doc.rows("?a ck:signingDate ?d ; ck:party ?p")
    assert {(r["d"], r["p"]) for r in rows} >= {("1996-08-22", STATE + "zambia"),
                                                 ("1996-08-22", STATE + "malawi"),
                                                 ("1996-08-31", STATE + "zambia")}


def test_the_capital_refines_the_country_as_signing_place(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi clinched a deal in neighbouring Tanzania on Sunday. The "
                  "two leaders struck the deal in Dodoma after a month of talks.",
              dt.date(2021, 5, 10))
    assert doc.values("?a ck:signingPlace ?p", "p") == {NS.base + "id/place/dodoma"}


def test_a_signer_for_a_body_after_a_list_of_untitled_names_and_a_prisoner_count(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Malawi and the Tembo rebels signed a truce on Wednesday. Three rebel leaders, "
                  "Joseph Banda, Peter Mwale and Moses Phiri, signed for the Tembo Front. The "
                  "government is to free 100 prisoners.", dt.date(2021, 5, 6))
    signers = doc.values("?a ck:signatory ?s", "s")
    assert {PERSON + "joseph-banda", PERSON + "moses-phiri"} <= signers
    counts = doc.values("?a ck:provision ?t . ?t a ck:PrisonerExchangeProvision ; "
                        "ck:quantity ?q . ?q ck:value ?v", "v")
    assert counts == {"100"}


def test_a_day_or_month_with_the_year_said_relative_to_publication() -> None:
    published = dt.date(2023, 7, 17)
    found = find_dates("It was inked on July 22 last year and renewed in May this year.", 0,
                       published)
    assert [(d.value, d.precision) for d in found] == [(dt.date(2022, 7, 22), "day"),
                                                       (dt.date(2023, 5, 1), "month")]


def test_the_bodies_of_a_relative_clause_s_subject_are_the_parties(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "That process rests on the peace deal that two rebel movements, Liberians "
                  "United for Reconciliation and Democracy (LURD) and the Movement for Democracy "
                  "in Liberia (MODEL), signed in Accra on August 18, 2003. It was brokered by "
                  "former Nigerian leader Abdulsalami Abubakar.", dt.date(2005, 11, 23))
    parties = doc.values("?a a ck:PeaceAgreement ; ck:party ?p", "p")
    assert parties == {NS.base + "id/armed-group/liberians-united-for-reconciliation-and-democracy",
                       NS.base + "id/armed-group/movement-for-democracy-in-liberia"}
    assert doc.values("?a ck:signingDate ?d", "d") == {"2003-08-18"}
    assert doc.values("?a ck:mediator ?m", "m") == {PERSON + "abdulsalami-abubakar"}


def test_a_deal_that_the_parties_refused_to_sign_is_none(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "It was the deal that Zambia and Malawi refused to sign in Lusaka on Monday.",
              dt.date(2021, 5, 12))
    assert not doc.values("?a a ck:Agreement", "a")


def test_accords_put_to_paper_by_two_presidents_and_a_panel_that_mediated(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi agreed on a set of accords in Lusaka on Thursday. The "
                  "accords were put to paper by Zambia's President Joseph Tembo and his Malawian "
                  "counterpart, Peter Mwale, after four days of talks. The African Union, which "
                  "has mediated between the two neighbours since May, drew up the texts.",
              dt.date(2012, 9, 28))
    assert doc.values("?a ck:signatory ?s", "s") == {PERSON + "joseph-tembo",
                                                     PERSON + "peter-mwale"}
    assert NS.base + "id/organisation/african-union" in doc.values("?a ck:mediator ?m", "m")


def test_capitalised_words_inside_a_body_s_name_sign_nothing(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The accord was signed on Monday by the delegates of the Council for Northern "
                  "Unity and Peter Mwale.", dt.date(2022, 5, 11))
    assert PERSON + "northern-unity" not in doc.values("?a ck:signatory ?s", "s")
