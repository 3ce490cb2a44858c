"""Agreement wordings of round 10 (issue 17): what became of an agreement and who must act.

Each test is over short sentences written for it (invented names and places where the
rule does not need real ones) and names one rule of ingest/agreements.py,
ingest/agreement-cues.toml or ingest/writer.py: an agreement's status (collapsed, pulled
out of, suspended: ``ck:status``), the party a common-noun subject of a term stands for,
"a ceasefire they reached", plural protocols, hosts and mediators in other shapes
("whose government hosted", "the US-brokered truce", "mediated with", "mediated by A's
vice-president, X"), a quoted word in the reaching clause, a weekday entry into force after
the signing, and a deadline after a list in apposition.
"""

from __future__ import annotations

import datetime as dt

from conflict_kg.ingest.kb import KnowledgeBase
from tests.ingest.conftest import NS
from tests.support.ingest.agreements import Doc

STATE = NS.base + "id/state/"
CK = "https://w3id.org/conflict-kg/ontology#"


def _status(doc: Doc) -> set[str]:
    return {v.rsplit("#", 1)[-1] for v in doc.values("?a ck:status ?s", "s")}


def test_a_party_that_pulls_out_cancels_the_agreement_and_is_its_party(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia pulled out of its border truce with Malawi on Monday.",
              dt.date(2021, 5, 5))
    assert _status(doc) == {"cancelled"}
    assert doc.values("?a ck:status ?s ; ck:party ?p", "p") == {
        STATE + "zambia", STATE + "malawi"}
    # the day of the pull-out is no signing day
    assert not doc.values("?a ck:signingDate ?d", "d")


def test_a_suspended_ratification_suspends_the_accords(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia on Thursday suspended the ratification of its accords with Malawi.",
              dt.date(2021, 5, 6))
    assert _status(doc) == {"suspended"}


def test_a_negated_or_modal_pull_out_gives_no_status(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a truce in Lusaka on Monday. Zambia would not "
                  "pull out of the truce, its foreign minister said.", dt.date(2021, 5, 5))
    assert doc.values("?a ck:party ?p", "p")
    assert not _status(doc)


def test_an_earlier_ceasefire_they_reached_collapsed_not_the_current_one(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a peace accord in Lusaka on Monday. A ceasefire "
                  "they reached in July last year collapsed in February.", dt.date(2021, 5, 5))
    rows = doc.rows("?a ck:party ?p . OPTIONAL { ?a ck:status ?s } "
                    "OPTIONAL { ?a ck:signingDate ?d }")
    collapsed = {r["a"] for r in rows if r.get("s") == CK + "cancelled"}
    assert len(collapsed) == 1
    # the accord signed on Monday keeps no status; the collapsed one has the same sides
    assert all(r.get("d") != "2021-05-03" for r in rows if r["a"] in collapsed)
    assert {r["p"] for r in rows if r["a"] in collapsed} == {STATE + "zambia", STATE + "malawi"}


def test_plural_protocols_are_agreements(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed two protocols in Lusaka on Monday.",
              dt.date(2021, 5, 5))
    assert doc.values("?a ck:party ?p", "p") == {STATE + "zambia", STATE + "malawi"}


def test_a_distributive_apposition_does_not_hide_the_passive_signing(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia suspended its accords with Malawi on Thursday. The two protocols, "
                  "one on trade and one on the border, were signed in Lusaka on October 10 "
                  "last year.", dt.date(2021, 5, 6))
    assert doc.values("?a ck:signingDate ?d", "d") == {"2020-10-10"}


def test_a_common_noun_subject_of_a_term_names_its_party(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and the Lozi Liberation Front signed a truce in Lusaka on Monday. "
                  "Under the truce, the rebels must withdraw from Mongu. Angolan troops, who "
                  "have backed the government since 2019, will leave the valley.",
              dt.date(2021, 5, 5))
    obliged = doc.values("?a ck:provision ?t . ?t ck:obligedParty ?o", "o")
    assert NS.base + "id/armed-group/lozi-liberation-front" in obliged
    assert STATE + "angola" in obliged
    assert STATE + "zambia" not in obliged


def test_government_troops_stand_for_the_one_state_party(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and the Lozi Liberation Front signed a truce in Lusaka on Monday. "
                  "Under the truce, government troops must pull out of Mongu in stages.",
              dt.date(2021, 5, 5))
    assert doc.values("?a ck:provision ?t . ?t ck:obligedParty ?o", "o") == {STATE + "zambia"}


def test_a_host_whose_government_hosted_the_talks(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a peace accord in Lusaka on Monday in the presence "
                  "of Angola's President João Lourenço, whose government hosted a year of "
                  "negotiations.", dt.date(2021, 5, 5))
    hosts = doc.values("?a ck:host ?h", "h")
    assert hosts and not hosts & doc.values("?a ck:party ?p", "p")


def test_a_compound_broker_and_one_that_mediated_with_a_side(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi agreed to a truce on Monday. Angola, which mediated with "
                  "Lusaka, welcomed it. Both sides accused each other of breaking the "
                  "US-brokered truce.", dt.date(2021, 5, 5))
    mediators = doc.values("?a ck:mediator ?m", "m")
    assert {STATE + "angola", STATE + "united-states"} <= mediators
    assert doc.values("?a ck:party ?p", "p") == {STATE + "zambia", STATE + "malawi"}


def test_a_quoted_word_in_the_reaching_clause(kb: KnowledgeBase) -> None:
    doc = Doc(kb, 'The president said late on Monday that Zambia and Malawi had agreed to a '
                  '"complete and total" ceasefire.', dt.date(2021, 5, 5))
    assert doc.values("?a ck:signingDate ?d", "d") == {"2021-05-03"}


def test_a_weekday_entry_into_force_after_the_signing_is_the_coming_one(
        kb: KnowledgeBase) -> None:
    # published on Sunday 9 May 2021: signed on Saturday the 8th, in force on Tuesday the 11th
    doc = Doc(kb, "Zambia and the Lozi Liberation Front signed a truce in Lusaka on Saturday. "
                  "The truce takes effect on Tuesday.", dt.date(2021, 5, 9))
    assert doc.values("?a ck:effectiveFrom ?d", "d") == {"2021-05-11"}


def test_a_deadline_after_a_list_in_apposition(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and the Lozi Liberation Front signed a truce in Lusaka on Monday, "
                  "May 3. Under its terms, the rebels must gather at two camps, Kalabo and "
                  "Sioma, within three weeks of the signing.", dt.date(2021, 5, 4))
    assert doc.values("?a ck:provision ?t . ?t ck:deadline ?d", "d") == {"2021-05-24"}


def test_a_mediator_named_after_a_possessed_post(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and the Lozi Liberation Front put their names to the truce after "
                  "six weeks of talks mediated by Angola's vice-president, Mbaku Tembwe.",
              dt.date(2021, 5, 5))
    assert NS.base + "id/person/mbaku-tembwe" in doc.values("?a ck:mediator ?m", "m")
    assert STATE + "angola" not in doc.values("?a ck:party ?p", "p")


def test_a_signer_known_by_another_name_signs_for_a_body_after_a_venue(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia's government and the hill rebels signed a peace accord in Lusaka on "
                  "Monday. The accord was signed at the president's office by John Banda, the "
                  "government's chief whip, for the government, and by Peter Kalunga Mwale, "
                  "known as Kapa Mwale, for the Lozi Jana Samiti (LJS).", dt.date(2021, 5, 5))
    assert NS.base + "id/organisation/lozi-jana-samiti" in doc.values("?a ck:party ?p", "p")
    assert {NS.base + "id/person/peter-kalunga-mwale", NS.base + "id/person/john-banda"} <= \
        doc.values("?a ck:signatory ?s", "s")


def test_a_reported_pull_out_names_the_reporting_state_as_party(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia said on Friday it was pulling out of its truce with Malawi.",
              dt.date(2021, 5, 7))
    assert _status(doc) == {"cancelled"}
    assert doc.values("?a ck:party ?p", "p") == {STATE + "zambia", STATE + "malawi"}
    never = Doc(kb, "Zambia told Malawi it would never pull out of their truce.",
                dt.date(2021, 5, 7))
    assert not _status(never)
