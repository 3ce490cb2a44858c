"""Agreement wordings of round 13 (issue 17, "Open world II"), each written here as short
invented sentences of its own.

Rules from the failures of three TRAIN dev documents (the Arava treaty of 1994 with the
Washington Declaration before it, the Sharm el-Sheikh memorandum of 1999, the Lusaka
Protocol of 1994) and from probes of general wordings, never from the three CHECK documents:
an agreement signed before the current one and named after it stays in the background (the
terms that follow are the current one's; the signers of its sentence sign it); a by-list
ends at ", as C and D looked on"; "in the Zambian resort" is the dateline's town; "hosted by
President X Y" with X Y unknown; no signing place inside a relative clause that signs
nothing; an unnamed body that will oversee anything is a monitor; a named site ("the
Kazungula crossing") is a signing place; "the new agreement" is the latest one; "presided
over by"; "The pact, which A and B signed in X on D,"; "by the end of the month"; a signed
"framework"; "with X acting as mediator", "under X auspices"; "A and B issued a joint
statement".
"""

from __future__ import annotations

import datetime as dt

from conflict_kg.ingest.kb import KnowledgeBase
from tests.ingest.conftest import NS
from tests.support.ingest.agreements import Doc

STATE = NS.base + "id/state/"
PLACE = NS.base + "id/place/"
PERSON = NS.base + "id/person/"
ORG = NS.base + "id/organisation/"
DAY = dt.date(2015, 7, 14)  # a Tuesday


def test_an_older_agreement_named_later_stays_in_the_background(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a treaty in Lusaka on Monday. The treaty replaces a "
                  "memorandum that the two sides concluded in Lilongwe in May last year. Under "
                  "the treaty, Malawi will supply Zambia with electricity.", DAY)
    by_date = {r["d"]: r["a"] for r in doc.rows("?a ck:signingDate ?d")}
    assert set(by_date) == {"2015-07-13", "2014-05"}
    # the term after the older memorandum is the treaty's, not the memorandum's
    assert doc.values("?a ck:provision ?t", "a") == {by_date["2015-07-13"]}
    # the treaty is not typed as a memorandum, nor the memorandum as a treaty
    assert not doc.rows(f"<{by_date['2015-07-13']}> a ck:Memorandum")
    assert not doc.rows(f"<{by_date['2014-05']}> a ck:Treaty")


def test_the_signers_of_a_background_agreement_sign_it_only(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a treaty in Lusaka on Monday. Three months earlier, "
                  "Zambia's Foreign Minister Harry Kalaba and Malawi's Foreign Minister George "
                  "Chaponda signed the Lilongwe Declaration on April 2.", DAY)
    signed = {(r["d"], r["s"]) for r in doc.rows("?a ck:signingDate ?d ; ck:signatory ?s")}
    assert ("2015-07-13", PERSON + "harry-kalaba") not in signed
    assert ("2015-04-02", PERSON + "harry-kalaba") in signed


def test_a_by_list_ends_at_a_clause_of_onlookers(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a treaty on Monday. The treaty was signed by "
                  "Zambia's President, Edgar Lungu, and by Malawi's President, Peter Mutharika, "
                  "as Chief Justice Mumba Malila and Bishop Paul Mususu looked on.", DAY)
    signers = {s.rsplit("/", 1)[-1] for s in doc.values("?a ck:signatory ?s", "s")}
    assert signers == {"edgar-lungu", "peter-mutharika"}


def test_a_town_named_by_its_state_only_is_the_datelines_town(kb: KnowledgeBase) -> None:
    text = ("LIVINGSTONE, Zambia (AP) — Zambia and Malawi signed a treaty on Monday at a lodge "
            "in the Zambian resort.")
    doc = Doc(kb, text, DAY)
    places = doc.rows("?a ck:signingPlace ?p . ?p rdfs:label ?l")
    assert [r["l"].casefold() for r in places] == ["livingstone"]
    # a dateline in another state says nothing about a Zambian resort
    doc = Doc(kb, text.replace("LIVINGSTONE, Zambia", "MANGOCHI, Malawi"), DAY)
    assert not doc.rows("?a ck:signingPlace ?p")


def test_a_titled_host_the_reference_data_does_not_know(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a treaty on Monday in a ceremony hosted by President "
                  "Hage Geingob.", DAY)
    assert doc.values("?a ck:host ?h", "h") == {PERSON + "hage-geingob"}
    assert PERSON + "hage-geingob" not in doc.values("?a ck:party|ck:signatory ?x", "x")
    doc = Doc(kb, "Zambia and Malawi signed a treaty on Monday. The ceremony was presided over "
                  "by King Letsie Mohato.", DAY)
    assert doc.values("?a ck:host ?h", "h") == {PERSON + "letsie-mohato"}


def test_no_signing_place_inside_a_relative_clause_that_signs_nothing(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a treaty on Monday that sets a timetable for troop "
                  "pullbacks in Nairobi.", DAY)
    assert not doc.rows("?a ck:signingPlace ?p")
    # a relative clause that signs still places the signing
    doc = Doc(kb, "Zambia and Malawi put their names on Monday to a treaty that the two "
                  "ministers signed in Nairobi.", DAY)
    assert doc.values("?a ck:signingPlace ?p", "p") == {PLACE + "nairobi"}


def test_an_unnamed_body_that_will_oversee_anything_is_a_monitor(kb: KnowledgeBase) -> None:
    for text in ("A joint technical committee will supervise the demarcation of the border.",
                 "A panel of three retired judges is to oversee the return of the refugees."):
        doc = Doc(kb, "Zambia and Malawi signed a treaty on Monday. " + text, DAY)
        assert doc.rows("?a ck:provision ?t . ?t a ck:MonitoringProvision"), text
    for text in ("Journalists will monitor the elections.",
                 "The committee said it would monitor the weather."):
        doc = Doc(kb, "Zambia and Malawi signed a treaty on Monday. " + text, DAY)
        assert not doc.rows("?t a ck:MonitoringProvision"), text


def test_a_named_site_after_a_signing_cue_is_the_signing_place(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Botswana signed a treaty on Monday. The treaty was signed in a tent "
                  "at the Kazungula crossing by the two foreign ministers.", DAY)
    labels = {r["l"] for r in doc.rows("?a ck:signingPlace ?p . ?p rdfs:label ?l")}
    assert labels == {"Kazungula crossing"}
    # a site that is only talked about is none
    doc = Doc(kb, "Zambia and Botswana signed a treaty on Monday. Trucks queued at the "
                  "Kazungula crossing.", DAY)
    assert not doc.rows("?a ck:signingPlace ?p")


def test_the_new_agreement_is_the_latest_signed(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chad and the Front for Change signed a peace agreement in Tripoli on Monday. "
                  "A previous accord that the two sides signed in Sirte in 2011 collapsed. Under "
                  "the new agreement, the rebels are to gather in four camps.", DAY)
    assert {r["d"] for r in doc.rows("?a ck:provision ?t ; ck:signingDate ?d")} == {
        "2015-07-13"}


def test_a_pact_which_they_signed_names_parties_place_and_day(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The pact, which Zambia and Malawi signed in Nairobi on Monday, opens the "
                  "border to traders.", DAY)
    assert doc.values("?a ck:party ?p", "p") == {STATE + "zambia", STATE + "malawi"}
    assert doc.values("?a ck:signingPlace ?p", "p") == {PLACE + "nairobi"}
    assert doc.values("?a ck:signingDate ?d", "d") == {"2015-07-13"}
    for text in ("The pact, which Zambia and Malawi refused to sign on Monday, would open the "
                 "border.", "The pact, which Zambia and Malawi rejected on Monday, would open "
                 "the border."):
        assert not Doc(kb, text, DAY).rows("?a ck:party ?p"), text


def test_by_the_end_of_the_month_is_the_signing_months_last_day(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a treaty on Monday. Malawian troops are to leave the "
                  "border town of Chitipa by the end of the month.", DAY)
    assert doc.values("?a ck:provision ?t . ?t ck:deadline ?d", "d") == {"2015-07-31"}


def test_a_signed_framework_is_an_agreement(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a framework in Geneva on Monday.", DAY)
    assert doc.values("?a ck:party ?p", "p") == {STATE + "zambia", STATE + "malawi"}
    doc = Doc(kb, "Zambia and Malawi discussed a framework for talks in Geneva on Monday.", DAY)
    assert not doc.rows("?a ck:party ?p")


def test_acting_as_mediator_and_auspices_name_a_mediator(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a treaty in Lusaka on Monday with the African Union "
                  "acting as mediator.", DAY)
    assert doc.values("?a ck:mediator ?m", "m") == {ORG + "african-union"}
    doc = Doc(kb, "Zambia and Malawi signed a truce in Lusaka on Monday under Kenyan auspices.",
              DAY)
    assert doc.values("?a ck:mediator ?m", "m") == {STATE + "kenya"}
    assert doc.values("?a ck:party ?p", "p") == {STATE + "zambia", STATE + "malawi"}


def test_issuing_a_joint_statement_reaches_it(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi issued a joint statement on Monday.", DAY)
    assert doc.values("?a a ck:JointStatement ; ck:party ?p", "p") == {
        STATE + "zambia", STATE + "malawi"}
    doc = Doc(kb, "The Zambian army issued a statement on Monday.", DAY)
    assert not doc.rows("?a ck:party ?p")


def test_that_truce_after_a_background_truce_is_that_one(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a memorandum in Lusaka on Monday. The memorandum "
                  "replaces a truce that the two sides signed in Lilongwe in May last year. That "
                  "truce collapsed in June.", DAY)
    assert not doc.rows("?a a ck:Memorandum ; ck:status ?s")
    assert {r["d"] for r in doc.rows("?a ck:status ck:cancelled ; ck:signingDate ?d")} == {
        "2014-05"}
