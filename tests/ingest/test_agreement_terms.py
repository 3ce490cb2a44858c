"""Agreement terms, signers and parties stated in other words, over sentences written for
these tests (issue 17's open-world agreements).

Each test names one rule of ingest/agreements.py or ingest/agreement-cues.toml and can
fail: deadlines counted from entry into force or from a named date, month ends, "by
mid-June", obligations with a deadline ("would" is none), ceilings as quantities, terms
that continue "They agreed to", monitors of the implementation, the terms as the subject
of "take effect", a definite subject's duration, signers with posts in apposition before
a signing verb or after "signed by", movements named by description, the parties of "in
a deal", a named mediator, a bare "in the capital", and mentions that are no agreement.
"""

from __future__ import annotations

import datetime as dt

from conflict_kg.ingest.agreements import cues
from conflict_kg.ingest.kb import KnowledgeBase
from tests.ingest.conftest import NS
from tests.support.ingest.agreements import Doc

STATE = NS.base + "id/state/"
SIGNED = "Chile and Peru signed a border treaty in Lima on March 2, 2015. "


def test_a_period_counted_from_entry_into_force(kb: KnowledgeBase) -> None:
    doc = Doc(kb, SIGNED + "It entered into force on May 1, 2015. Under the treaty, each "
                  "side must destroy its mines within two years of its entry into force.",
              dt.date(2015, 5, 2))
    assert doc.values("?a ck:provision ?p . ?p ck:deadline ?d", "d") == {"2017-05-01"}


def test_a_period_counted_from_a_named_date_and_not_from_anything_else(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, SIGNED + "Under the treaty, engineers will clear the crossing within 10 "
                  "days from June 3, and each side must close its posts within 30 days of "
                  "the census.", dt.date(2015, 3, 3))
    assert doc.values("?a ck:provision ?p . ?p ck:deadline ?d", "d") == {"2015-06-13"}


def test_by_the_end_of_a_month_is_its_last_day_after_the_signing(kb: KnowledgeBase) -> None:
    doc = Doc(kb, SIGNED + "Under the treaty, both armies must remove their guns from the "
                  "valley by the end of April, and the customs posts are to be handed over "
                  "by the end of January.", dt.date(2015, 3, 3))
    assert doc.values("?a ck:provision ?p . ?p ck:deadline ?d", "d") == {"2015-04-30",
                                                                          "2016-01-31"}


def test_an_obligation_by_a_date_is_a_term_and_would_is_none(kb: KnowledgeBase) -> None:
    doc = Doc(kb, SIGNED + "Elections in the border districts are to be held by mid-July "
                  "2015. The treaty follows a plan the two presidents agreed on March 1, "
                  "under which the navies would meet by April 9.", dt.date(2015, 3, 3))
    assert doc.values("?a ck:provision ?p . ?p ck:deadline ?d", "d") == {"2015-07"}
    words = doc.values("?a ck:provision ?p . ?p rdfs:comment ?c", "c")
    assert any("Elections" in w for w in words), words


def test_a_ceiling_is_the_terms_quantity(kb: KnowledgeBase) -> None:
    doc = Doc(kb, SIGNED + "Under the treaty, each side may keep no more than 40 tanks near "
                  "the border, and no more than 12 helicopters.", dt.date(2015, 3, 3))
    bounds = doc.values("?a ck:provision ?p . ?p ck:quantity ?q . ?q ck:upperBound ?v", "v")
    assert {float(v) for v in bounds} == {40.0, 12.0}


def test_they_agreed_to_is_a_term_and_an_older_pact_named_in_it_is_not_current(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, SIGNED + "They agreed to respect each other's fishing rights and to revive "
                  "a trade pact signed in 1999. Under the treaty, the two navies will hold "
                  "joint drills within three months.", dt.date(2015, 3, 3))
    rows = doc.rows("?a ck:signingDate ?s ; ck:provision ?p . ?p rdfs:comment ?c")
    assert {r["s"] for r in rows} == {"2015-03-02"}
    words = " | ".join(r["c"] for r in rows)
    assert "fishing rights" in words and "joint drills" in words
    assert doc.values("?a ck:provision ?p . ?p ck:deadline ?d", "d") == {"2015-06-02"}


def test_a_committee_set_up_to_monitor_the_implementation(kb: KnowledgeBase) -> None:
    doc = Doc(kb, SIGNED + "A joint commission will be set up to verify the implementation.",
              dt.date(2015, 3, 3))
    assert doc.rows("?a ck:provision ?p . ?p a ck:MonitoringProvision")


def test_the_measures_taking_effect_is_no_entry_into_force_of_the_agreement(
        kb: KnowledgeBase) -> None:
    # "The measures" are some of its terms, not the agreement: read as its entry into
    # force, a term with an earlier deadline made the date-order check report an error.
    doc = Doc(kb, SIGNED + "The measures take effect on July 1.", dt.date(2015, 3, 3))
    assert doc.values("?a ck:effectiveFrom ?d", "d") == set()


def test_the_duration_and_renewal_of_a_definite_subject(kb: KnowledgeBase) -> None:
    doc = Doc(kb, SIGNED + "The treaty runs for five years and can be renewed.",
              dt.date(2015, 3, 3))
    assert doc.values("?a ck:duration ?d", "d") == {"P5Y"}
    assert doc.values("?a ck:renewable ?r", "r") == {"true"}


def test_signers_with_posts_in_apposition_before_the_verb(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chile and Peru signed a fisheries agreement in Lima on Tuesday. Chile's "
                  "Minister of Fisheries, Ana Tello, and Peru's chief negotiator, Quispe, "
                  "signed the text at the foreign ministry.", dt.date(2015, 3, 5))
    people = doc.values("?a ck:signatory ?p", "p")
    assert {p.rsplit("/", 1)[-1] for p in people} == {"ana-tello", "quispe"}
    assert doc.values("?a ck:party ?p", "p") == {STATE + "chile", STATE + "peru"}


def test_signers_named_then_their_posts_after_signed_by(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The agreement was signed on Monday by Ana Tello, the Chilean fisheries "
                  "minister, and Luis Quispe Mamani, the Peruvian trade adviser, with the "
                  "ambassador Jorge Ruiz looking on.", dt.date(2015, 3, 5))
    people = {p.rsplit("/", 1)[-1] for p in doc.values("?a ck:signatory ?p", "p")}
    assert people == {"ana-tello", "luis-quispe-mamani"}
    assert doc.values("?a ck:party ?p", "p") == {STATE + "chile", STATE + "peru"}


def test_a_movement_named_by_description_is_a_party(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chad's government and the Tubu rebels signed a peace accord on Monday at "
                  "a hotel in the capital.", dt.date(2015, 3, 5))
    parties = doc.values("?a ck:party ?p", "p")
    assert STATE + "chad" in parties and len(parties) == 2
    group = (parties - {STATE + "chad"}).pop()
    assert doc.rows(f"<{group}> a ck:NonStateArmedGroup ; rdfs:label ?l")
    # "in the capital": the capital of the one state among the parties
    assert doc.values("?a ck:signingPlace ?p", "p") == {NS.base + "id/place/n-djamena"}
    # a demonym is no group's name: "Chadian rebels" are not one movement
    other = Doc(kb, "Niger's government and the Chadian rebels signed a peace accord on "
                    "Monday.", dt.date(2015, 3, 5))
    assert not other.rows("?a ck:party ?p")


def test_the_parties_of_a_deal_named_as_an_adjunct(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Qatar and Bahrain agreed on Tuesday to restore relations, four years "
                  "after a dispute, in a deal brokered by Kuwait.", dt.date(2021, 1, 7))
    assert doc.values("?a ck:party ?p", "p") == {STATE + "qatar", STATE + "bahrain"}
    assert doc.values("?a ck:mediator ?m", "m") == {STATE + "kuwait"}
    assert doc.values("?a ck:signingDate ?d", "d") == {"2021-01-05"}


def test_a_named_mediator_with_a_post_in_apposition(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Qatar and Bahrain signed an agreement on Tuesday. Mara Velden, Kuwait's "
                  "special envoy, who mediated the talks, attended the ceremony.",
              dt.date(2021, 1, 7))
    mediators = {m.rsplit("/", 1)[-1] for m in doc.values("?a ck:mediator ?m", "m")}
    assert mediators == {"mara-velden"}
    assert not doc.values("?a ck:party ?p . FILTER(CONTAINS(STR(?p), 'velden'))", "p")


def test_an_anaphoric_government_is_no_party_when_the_sentence_names_another_state(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Officials in Washington said the talks went well. The two countries "
                  "back opposite sides in Yemen's war, where a truce between the government "
                  "and the Houthis expired in October.", dt.date(2023, 3, 11))
    assert STATE + "united-states" not in doc.values("?a ck:party ?p", "p")


def test_two_signings_of_the_same_parties_in_one_month_are_two_agreements(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chad and Niger signed a border agreement in Niamey on March 3, 2021. Under "
                  "the agreement, Chadian troops will withdraw from the oasis by March 20, "
                  "2021. Chad and Niger signed a second agreement in Niamey on March 25, 2021, "
                  "on trade.", dt.date(2021, 3, 26))
    rows = doc.rows("?a ck:signingDate ?d")
    assert sorted(r["d"] for r in rows) == ["2021-03-03", "2021-03-25"]
    assert len({r["a"] for r in rows}) == 2
    assert doc.values("?a ck:signingDate '2021-03-03'^^xsd:date ; ck:provision ?p . "
                      "?p ck:deadline ?d", "d") == {"2021-03-20"}


def test_a_truce_village_and_a_name_starting_with_no_are_read_right() -> None:
    c = cues()
    assert c.not_after.match(" village of Panmunjom")
    assert c.proposed.search("but no peace deal was ")
    assert not c.proposed.search("and No Kwang Chol signed the ")


def test_the_people_a_side_holds_are_prisoners(kb: KnowledgeBase) -> None:
    doc = Doc(kb, SIGNED + "Both sides must release the people they hold within 30 days.",
              dt.date(2015, 3, 3))
    assert doc.values("?a ck:provision ?p . ?p a ck:PrisonerExchangeProvision ; "
                      "ck:deadline ?d", "d") == {"2015-04-01"}
