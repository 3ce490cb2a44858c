"""Agreements read through clause structure rather than fixed phrasings (issue 17).

Each test is over short sentences written for it and names one general rule:
comma-enclosed asides read out between subject and verb (ingest/clauses.py), signers from
the clause that says they signed (ingest/signing.py: "X signed for A, Y for B", "A and B,
the C leader, put their names to it", "an agreement that A's minister, X, and B's envoy, Y,
signed on Monday", "The documents were signed by ..."), "the accord binds A and B", a head
noun and a count inside a coordinated subject, a reduced relative after a comma, a
post-modifier before the passive, passive monitors named by description, "talks conducted
by X", and "captured personnel ... returned".
"""

from __future__ import annotations

import datetime as dt

from conflict_kg.ingest.clauses import blank_asides
from conflict_kg.ingest.kb import KnowledgeBase
from tests.ingest.conftest import NS
from tests.support.ingest.agreements import Doc

STATE = NS.base + "id/state/"
DAY = dt.date(2021, 5, 5)


def _labels(doc: Doc, prop: str) -> set[str]:
    return {str(v).lower() for v in doc.values(
        f"?a {prop} ?x . ?x rdfs:label|skos:prefLabel ?l", "l")}


def test_asides_are_blanked_and_keep_offsets() -> None:
    text = "Zambia and Malawi, whose troops clashed for a week, agreed on a truce."
    blank = blank_asides(text)
    assert len(blank) == len(text)
    assert "whose" not in blank and blank.endswith("agreed on a truce.")
    # a list of names is no aside
    assert blank_asides("Zambia, Malawi and the United States agreed.") == \
        "Zambia, Malawi and the United States agreed."


def test_a_relative_aside_between_the_parties_and_their_verb(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi, whose troops have clashed along the river for a week, "
                  "agreed on Tuesday to an immediate ceasefire.", DAY)
    assert doc.values("?a a ck:Ceasefire ; ck:party ?p", "p") == {
        STATE + "zambia", STATE + "malawi"}


def test_an_agent_inside_the_aside_is_no_party(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi, which talked through Kenyan officials, have agreed to "
                  "exchange prisoners in a deal signed in Lusaka on Tuesday.", DAY)
    parties = doc.values("?a ck:party ?p", "p")
    assert parties == {STATE + "zambia", STATE + "malawi"}


def test_signers_for_their_parties_in_a_list(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a peace agreement in Lusaka on Tuesday. "
                  "Foreign Minister Anna Mwale signed for Zambia, John Banda for Malawi and "
                  "Peter Okello for the Northern Border Council.", DAY)
    parties = doc.values("?a ck:party ?p", "p")
    assert NS.base + "id/organisation/northern-border-council" in parties
    signers = _labels(doc, "ck:signatory")
    assert {"anna mwale", "john banda", "peter okello"} <= signers


def test_signed_by_a_post_then_names_for_their_states(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The document, known as the Lusaka Declaration, was signed on Tuesday by "
                  "the two deputy ministers, Anna Mwale for Zambia and John Banda for Malawi, "
                  "in the presence of envoys from Kenya.", DAY)
    assert doc.values("?a a ck:JointStatement ; ck:party ?p", "p") == {
        STATE + "zambia", STATE + "malawi"}
    assert {"anna mwale", "john banda"} <= _labels(doc, "ck:signatory")


def test_an_active_signing_clause_with_an_aside_after_a_signer(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "A border treaty was signed on Tuesday in Lusaka, where President Anna "
                  "Mwale of Zambia and Peter Banda, the Malawian leader, who had flown in the "
                  "day before, sat at a table and put their names to it.", DAY)
    assert STATE + "malawi" in doc.values("?a a ck:Treaty ; ck:party ?p", "p")
    assert "peter banda" in _labels(doc, "ck:signatory")


def test_a_relative_clause_on_the_noun_names_signers_and_the_day(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Troops must leave the border towns under a security agreement that "
                  "Zambia's Foreign Minister, Anna Mwale, and the Malawian Ambassador, John C. "
                  "Banda, signed on Monday in the capital.", DAY)
    assert doc.values("?a ck:party ?p", "p") == {
        STATE + "zambia", STATE + "malawi"}
    assert doc.values("?a ck:signingDate ?d", "d") == {"2021-05-03"}


def test_a_negated_signing_clause_signs_nothing(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a peace agreement in Lusaka on Tuesday. "
                  "Peter Okello, the rebel leader, did not put his name to it.", DAY)
    assert "peter okello" not in _labels(doc, "ck:signatory")


def test_the_accord_binds_its_parties(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "A treaty to ban border mines was signed on Tuesday. The accord, whose "
                  "formal title is long, binds Zambia and Malawi to clear every field.", DAY)
    assert doc.values("?a a ck:Treaty ; ck:party ?p", "p") == {
        STATE + "zambia", STATE + "malawi"}


def test_a_head_noun_and_a_count_inside_a_coordinated_subject(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "After long talks, the Zambian and Malawian governments and eight Northern "
                  "Malawian parties reached an agreement in Lusaka on Tuesday.", DAY)
    assert doc.values("?a ck:party ?p", "p") == {
        STATE + "zambia", STATE + "malawi"}


def test_a_reduced_relative_after_a_comma_signs(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The Lake Agreement, signed at the lakeside lodge by Zambia's President, "
                  "Anna Mwale, and Malawi's President, John Banda, ends the dispute.", DAY)
    assert {"anna mwale", "john banda"} <= _labels(doc, "ck:signatory")


def test_a_post_modifier_before_the_passive_verb(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The first treaty ever to ban border mines was signed on Tuesday by Zambia "
                  "and Malawi.", DAY)
    assert doc.values("?a a ck:Treaty ; ck:party ?p", "p") == {
        STATE + "zambia", STATE + "malawi"}


def test_a_passive_monitor_named_by_description(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a peace agreement in Lusaka on Tuesday. The "
                  "clearing of the mines, to be overseen by an independent commission, is to "
                  "be completed within a year.", DAY)
    assert doc.values("?a ck:provision ?p . ?p a ck:MonitoringProvision", "p")


def test_inspectors_allowed_to_watch_the_destruction_monitor_it(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a treaty in Lusaka on Tuesday. Inspectors from "
                  "each side will be allowed to watch the destruction of the mines.", DAY)
    assert doc.values("?a ck:provision ?p . ?p a ck:MonitoringProvision", "p")


def test_captured_personnel_to_be_returned_is_a_prisoner_exchange(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a peace agreement in Lusaka on Tuesday. Captured "
                  "military personnel held by both sides are to be returned.", DAY)
    assert doc.values("?a ck:provision ?p . ?p a ck:PrisonerExchangeProvision", "p")


def test_a_passive_sentence_about_the_agreement_names_its_signers(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed two accords in Geneva on Tuesday. The documents "
                  "were signed by the Zambian Foreign Minister, Anna Mwale, and by John Banda, "
                  "Malawi's Minister of State for Foreign Affairs, after long talks.", DAY)
    assert {"anna mwale", "john banda"} <= _labels(doc, "ck:signatory")


def test_talks_conducted_by_a_body_make_it_a_mediator(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed an accord in Geneva on Tuesday after years of "
                  "indirect talks conducted by the African Union.", DAY)
    au = {v for v in doc.values("?a ck:mediator ?m", "m") if v.endswith("/african-union")}
    assert au
    assert not au & doc.values("?a ck:party ?p", "p")
