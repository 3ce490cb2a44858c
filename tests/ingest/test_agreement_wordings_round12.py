"""Agreement wordings of round 12 (issue 17): shapes of five cold dev documents (a truce
signed in Sarajevo in 1992, Townsville 2000, the Vienna nuclear deal of 2015, Guatemala 1996,
Khartoum/Bangui 2019), each written here as short sentences of its own.

Each test names one rule of ingest/agreements.py, ingest/signing.py or
ingest/agreement-cues.toml: a passive signing "by A with B, C and D"; an indefinite mention
of another kind naming a new party is another agreement; the people of a body who monitor
("Inspectors of X will monitor") and how many they are; bodies named after their head noun
("the Movement for the Liberation of X", "the Y Eagle Force", an abbreviation the reference
data knows in brackets); signers "for their groups"; a text initialled before it was signed;
a coordinated clause of a term; a term "for an initial period of"; a term's subject owned by
a party ("the X's 3,000 fighters"); a plan named after a third body; "moderated by", "under
the auspices of", "hosted the final round", "will help monitor"; a signing cue far before the
place; a venue with no town in a story datelined in a city.
"""

from __future__ import annotations

import datetime as dt

from conflict_kg.ingest.kb import KnowledgeBase
from tests.ingest.conftest import NS
from tests.support.ingest.agreements import Doc

STATE = NS.base + "id/state/"
PLACE = NS.base + "id/place/"
ORG = NS.base + "id/organisation/"
DAY = dt.date(2015, 7, 14)  # a Tuesday


def test_a_passive_signing_by_one_side_with_the_others_names_them_all(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The deal was concluded by Zambia with Malawi, Kenya and Tanzania after "
                  "talks at a hotel.", DAY)
    assert doc.values("?a ck:party ?p", "p") == {
        STATE + "zambia", STATE + "malawi", STATE + "kenya", STATE + "tanzania"}
    # people looking on are no parties
    for text in ("The accord was signed by Zambia with Malawi looking on.",
                 "The accord was signed by Zambia with Malawi's backing.",
                 "The accord was signed by Zambia with the support of Malawi."):
        doc = Doc(kb, text, DAY)
        assert STATE + "malawi" not in doc.values("?a ck:party ?p", "p"), text


def test_another_kind_that_names_a_new_party_is_another_agreement(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi reached a deal in Lusaka on Tuesday. Separately, Zambia "
                  "and the International Atomic Energy Agency signed a roadmap on Tuesday.", DAY)
    assert doc.values("?a a ck:Roadmap ; ck:party ?p", "p") == {STATE + "zambia", ORG + "iaea"}
    malawi = f"<{STATE}malawi>"
    deal = doc.values(f"?a ck:party {malawi}", "a")
    assert len(deal) == 1
    # the deal keeps its own parties and kind
    assert ORG + "iaea" not in doc.values(f"?a ck:party {malawi} ; ck:party ?p", "p")
    assert not doc.rows(f"?a ck:party {malawi} ; a ck:Roadmap")


def test_the_people_of_a_body_who_monitor_name_the_monitor(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a deal on Monday. Inspectors of the International "
                  "Atomic Energy Agency will monitor Malawi's nuclear sites.", DAY)
    assert doc.values("?a ck:provision ?t . ?t a ck:MonitoringProvision ; ck:obligedParty ?o",
                      "o") == {ORG + "iaea"}
    doc = Doc(kb, "Zambia and Malawi signed a deal on Monday. Officials of Zambia will "
                  "monitor prices.", DAY)
    assert not doc.rows("?t a ck:MonitoringProvision")


def test_a_monitor_keeps_the_count_of_its_people(kb: KnowledgeBase) -> None:
    for text, count in (
            ("The United Nations will send a team of 50 military liaison officers to monitor "
             "the ceasefire.", 50.0),
            ("Some 155 Kenyan observers will verify the demobilisation.", 155.0)):
        doc = Doc(kb, "Zambia and Malawi signed a truce on Monday. " + text, DAY)
        values = doc.values("?t a ck:MonitoringProvision ; ck:personnel ?q . ?q ck:value ?v", "v")
        assert {float(v) for v in values} == {count}, text


def test_a_body_named_after_its_head_noun_is_a_party(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chad's government and the Movement for the Liberation of Kivu signed a peace "
                  "agreement in Bangui on Wednesday.", DAY)
    assert doc.values("?a ck:party ?p", "p") == {
        STATE + "chad", NS.base + "id/armed-group/movement-for-the-liberation-of-kivu"}
    doc = Doc(kb, "The Solomon Islands government and the Kafue Eagle Force signed a peace "
                  "agreement on Sunday.", DAY)
    assert NS.base + "id/armed-group/kafue-eagle-force" in doc.values("?a ck:party ?p", "p")
    # a state's service is no body of its own; a known name before a place stays itself
    doc = Doc(kb, "The Kenyan government and the Ukrainian Air Force signed a peace agreement "
                  "on Sunday.", DAY)
    assert doc.values("?a ck:party ?p", "p") == {STATE + "kenya", STATE + "ukraine"}
    doc = Doc(kb, "Kenya and the European Union in Brussels signed a peace agreement on Sunday.",
              DAY)
    assert doc.values("?a ck:party ?p", "p") == {STATE + "kenya", ORG + "european-union"}


def test_an_abbreviation_the_reference_data_knows_names_the_body(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chad's government and the Union for Peace in Central Africa (UPC) signed a "
                  "peace agreement in Bangui on Wednesday.", DAY)
    upc = NS.base + "id/armed-group/union-for-peace-in-the-central-african-republic"
    assert doc.values("?a ck:party ?p", "p") == {STATE + "chad", upc}
    # "for" inside a body's name is no signer's "for"
    doc = Doc(kb, "The agreement was signed by President Joseph Kabila and by the leaders of "
                  "the Popular Front for the Renaissance of Central Africa (FPRC) and the "
                  "Union for Peace in Central Africa (UPC) at a ceremony.", DAY)
    assert not [p for p in doc.values("?a ck:party ?p", "p") if "renaissance" in p]


def test_signers_for_their_groups_make_the_groups_parties(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The Zambian government and the two militias put their signatures to a peace "
                  "agreement on Sunday. Prime Minister Peter Mwale signed for the government, "
                  "and commanders of the Kafue Eagle Force and the Luangwa Freedom Movement "
                  "signed for their groups.", DAY)
    parties = doc.values("?a ck:party ?p", "p")
    assert STATE + "zambia" in parties
    assert {p.rsplit("/", 1)[-1] for p in parties} >= {"kafue-eagle-force",
                                                        "luangwa-freedom-movement"}
    assert doc.values("?a ck:signatory ?s", "s") == {NS.base + "id/person/peter-mwale"}


def test_a_text_initialled_before_it_was_signed_keeps_the_signing(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chad and Niger signed a peace agreement in Bangui on Wednesday. The document "
                  "had been initialled in Khartoum on Tuesday after negotiations hosted by "
                  "Sudan's government.", DAY)
    # (Wednesday before the Tuesday of publication)
    assert doc.values("?a ck:signingDate ?d", "d") == {"2015-07-08"}
    assert doc.values("?a ck:signingPlace ?p", "p") == {PLACE + "bangui"}
    assert doc.values("?a ck:host ?h", "h") == {NS.base + "id/government/sudan"}


def test_a_coordinated_clause_of_a_term_is_a_term_too(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a peace agreement on Sunday. Under the agreement, "
                  "fighters must hand in their weapons within 30 days of the signing, and those "
                  "who surrender will receive an amnesty.", DAY)
    words = doc.values("?a ck:provision ?t . ?t rdfs:comment ?w", "w")
    assert any("amnesty" in w for w in words)
    assert doc.values("?a ck:provision ?t . ?t ck:deadline ?d", "d") == {"2015-08-11"}
    # a clause that only reports is none
    doc = Doc(kb, "Zambia and Malawi signed a peace agreement on Sunday. Under the agreement, "
                  "fighters must hand in their weapons within 30 days, and officials said "
                  "they would comply.", DAY)
    assert not any("officials" in w for w in doc.values("?t rdfs:comment ?w", "w"))


def test_a_term_set_up_for_an_initial_period_has_that_duration(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chad and Niger signed a peace agreement on Wednesday. Under the deal, the "
                  "rebels must dismantle their roadblocks. Mixed security units will be set up "
                  "for an initial period of 24 months.", DAY)
    assert doc.rows('?a ck:provision ?t . ?t ck:duration ?d . '
                    'FILTER(?d = "P24M"^^xsd:duration)')
    assert not doc.rows("?a ck:party ?p ; ck:duration ?d")


def test_a_term_whose_subject_a_party_owns_obliges_that_party(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia's government and the guerrillas of the Kafue Revolutionary Movement "
                  "(KRM) signed an accord on Sunday. Under its terms, the KRM's roughly 3,000 "
                  "fighters must gather at eight points within 60 days.", DAY)
    assert doc.values("?a ck:provision ?t . ?t ck:obligedParty ?o", "o") == {
        NS.base + "id/armed-group/kafue-revolutionary-movement"}


def test_a_plan_named_after_a_third_body_gives_no_terms(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a truce on Monday. Under the UN plan, Malawi troops "
                  "would then leave the border.", DAY)
    assert not doc.rows("?t a ck:WithdrawalProvision")
    doc = Doc(kb, "Zambia and Malawi signed a truce on Monday. Under the Zambian plan, Malawi "
                  "troops will leave the border.", DAY)
    assert doc.rows("?t a ck:WithdrawalProvision")


def test_moderated_by_and_under_the_auspices_of_name_mediators(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a peace accord on Monday. The negotiations were held "
                  "under the auspices of the United Nations.", DAY)
    assert doc.values("?a ck:mediator ?m", "m") == {ORG + "united-nations"}
    doc = Doc(kb, "Zambia and Malawi signed a peace accord on Monday. The talks were moderated "
                  "by Kenya.", DAY)
    assert doc.values("?a ck:mediator ?m", "m") == {STATE + "kenya"}


def test_hosting_the_final_round_makes_a_host(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi reached a deal in Vienna on Tuesday. Austria, which hosted "
                  "the final round, is not a party.", DAY)
    assert doc.values("?a ck:host ?h", "h") == {STATE + "austria"}
    assert STATE + "austria" not in doc.values("?a ck:party ?p", "p")


def test_will_help_monitor_the_implementation_is_a_monitoring_term(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chad and Niger signed a peace agreement on Wednesday. The UN peacekeeping "
                  "mission will help monitor the implementation of the agreement.", DAY)
    assert doc.rows("?a ck:provision ?t . ?t a ck:MonitoringProvision")


def test_a_signing_cue_further_before_the_noun_gives_the_place(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Fiji and Tonga put their signatures on Sunday to a peace agreement in the "
                  "northern Australian city of Townsville.", dt.date(2000, 10, 16))
    assert doc.values("?a ck:signingPlace ?p", "p") == {PLACE + "townsville"}


def test_a_venue_with_no_town_is_in_the_dateline_city(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "NAIROBI (Reuters) — Zambia and Malawi signed a peace accord at the "
                  "presidential palace on Monday.", DAY)
    assert doc.values("?a ck:signingPlace ?p", "p") == {PLACE + "nairobi"}
    # a town named wins; no venue, no place
    doc = Doc(kb, "NAIROBI (Reuters) — Zambia and Malawi signed a peace accord at the "
                  "presidential palace in Lusaka on Monday.", DAY)
    assert doc.values("?a ck:signingPlace ?p", "p") == {PLACE + "lusaka"}
    doc = Doc(kb, "NAIROBI (Reuters) — Zambia and Malawi signed a peace accord on Monday.", DAY)
    assert not doc.values("?a ck:signingPlace ?p", "p")


def test_a_by_list_ends_at_the_talks_and_their_broker(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a truce on Thursday. The truce was signed by "
                  "Zambia's defence minister, Peter Banda, and by General John Phiri for the "
                  "Malawian army, at talks brokered by the United Nations special envoy, "
                  "James Kamau.", DAY)
    signers = doc.values("?a ck:signatory ?s", "s")
    assert NS.base + "id/person/peter-banda" in signers
    assert not [s for s in signers if "kamau" in s]


def test_a_by_list_goes_on_past_a_counterpart_in_apposition(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "A memorandum was signed by Zambia's foreign minister, John Banda, and his "
                  "Malawian counterpart, Peter Phiri, in Nairobi on Monday.", DAY)
    assert doc.values("?a ck:party ?p", "p") == {STATE + "zambia", STATE + "malawi"}
    assert doc.values("?a ck:signatory ?s", "s") == {NS.base + "id/person/john-banda",
                                                      NS.base + "id/person/peter-phiri"}
    # people only "loyal to" someone name no signer
    doc = Doc(kb, "The truce was signed by Zambia's army chief, John Banda, and rebels loyal to "
                  "Peter Phiri, in Nairobi on Monday.", DAY)
    assert not [s for s in doc.values("?a ck:signatory ?s", "s") if "phiri" in s]
