"""Round 22 (issue 17): agreement wordings that unseen news copy uses and the rules missed,
shown on invented sentences (no corpus text), one general rule each.

- a treaty reported in force, then named back ("The two governments signed the treaty in
  Lima last year"): the signing long before the entry into force is the same treaty's;
- "the Xland rebel movement" names movement Xland as a party, also as the body a signer
  leads ("Y, leader of the Xland rebel movement, put their names to ...");
- "agreed to a ceasefire from midnight": the hour, and for a bare midnight the next day;
- a "whose" aside ("Tanzania, whose president chairs the X bloc, hosted the talks") names no
  party, and is read out before "hosted the talks";
- "The truce, which Kenya mediated together with Uganda,": mediators;
- "agreed to extend their truce by three days": the renewed truce runs three days;
- "A and B swapped X for Y ... under a deal struck": A and B are the parties, also when the
  sentence opens with "The";
- "Peru's chief negotiator, Luis Pereira,": a surname that is also a town's name signs;
- "in the Black Sea resort" in a story datelined "SOCHI, Russia": signed in Sochi;
- a zone named by its extent ("to a depth of 20 km", "a strip 15 km deep");
- "Armenian and Georgian troops will begin joint patrols": a patrol term of those forces;
- a dateline with a month and day ("ADEN, June 2 (Reuters) —") is a dateline.
"""

from __future__ import annotations

import datetime as dt

from conflict_kg.ingest.dateline import find_dateline
from conflict_kg.ingest.kb import KnowledgeBase
from tests.ingest.conftest import NS
from tests.support.ingest.agreements import Doc

STATE = NS.base + "id/state/"
PLACE = NS.base + "id/place/"
GROUP = NS.base + "id/armed-group/"
DAY = dt.date(2015, 7, 14)  # a Tuesday


def _names(doc: Doc, where: str, var: str) -> set[str]:
    return {v.rsplit("/", 1)[-1] for v in doc.values(where, var)}


def test_a_treaty_named_back_after_its_entry_into_force_keeps_its_signing(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "A treaty fixing the river border between Chile and Bolivia came into force "
                  "on Friday. The two governments signed the treaty in Lima on June 4 last "
                  "year.", DAY)
    assert doc.values("?a ck:party ?p", "p") == {STATE + "chile", STATE + "bolivia"}
    assert doc.values("?a ck:signingDate ?d", "d") == {"2014-06-04"}
    assert doc.values("?a ck:signingPlace ?p", "p") == {PLACE + "lima"}
    assert doc.values("?a ck:effectiveFrom ?d", "d") == {"2015-07-10"}


def test_an_indefinite_truce_long_before_is_still_another_agreement(kb: KnowledgeBase) -> None:
    # (only a treaty named back is the one in force; an earlier truce stays apart)
    doc = Doc(kb, "A truce between Chile and Bolivia came into force on Friday. A truce "
                  "signed by the two governments in Lima in June 2013 broke down.", DAY)
    assert "2013-06" not in {d[:7] for d in doc.values(
        "?a ck:effectiveFrom ?e ; ck:signingDate ?d", "d")}


def test_the_x_rebel_movement_is_a_party(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and the Kafue rebel movement signed a truce in Lusaka on Saturday.",
              DAY)
    assert doc.values("?a ck:party ?p", "p") == {STATE + "zambia", GROUP + "kafue"}


def test_the_movement_a_signer_leads_signs_with_him(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia's President Joseph Mwale and Ben Tembo, leader of the Kafue rebel "
                  "movement, put their names to a peace accord in Lusaka on Saturday.", DAY)
    assert doc.values("?a ck:party ?p", "p") == {STATE + "zambia", GROUP + "kafue"}
    assert _names(doc, "?a ck:signatory ?s", "s") == {"joseph-mwale", "ben-tembo"}


def test_a_ceasefire_from_midnight_starts_the_next_day(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi agreed on Tuesday to an immediate ceasefire from midnight.",
              DAY)
    assert doc.values("?a ck:effectiveFrom ?d", "d") == {"2015-07-15"}
    assert doc.values("?a ck:effectiveTime ?t", "t") == {"00:00"}


def test_a_truce_as_of_noon_gives_the_hour_only(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi agreed on Tuesday to a truce as of noon.", DAY)
    assert doc.values("?a ck:effectiveTime ?t", "t") == {"12:00"}
    assert not doc.rows("?a ck:effectiveFrom ?d")


def test_a_whose_aside_names_no_party_and_its_subject_hosted(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a truce in Lusaka on Saturday. Tanzania, whose "
                  "president chairs the Southern African Development Community, hosted the "
                  "talks and announced the agreement.", DAY)
    assert doc.values("?a ck:party ?p", "p") == {STATE + "zambia", STATE + "malawi"}
    assert doc.values("?a ck:host ?h", "h") == {STATE + "tanzania"}


def test_the_subject_of_a_relative_clause_on_the_truce_mediated_it(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a truce on Saturday. The truce, which Kenya "
                  "mediated together with Uganda, takes effect on Monday.", DAY)
    assert doc.values("?a ck:mediator ?m", "m") == {STATE + "kenya", STATE + "uganda"}
    assert doc.values("?a ck:party ?p", "p") == {STATE + "zambia", STATE + "malawi"}


def test_an_extension_by_three_days_is_the_truce_duration(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi agreed on Tuesday to extend their truce by three days.",
              DAY)
    assert doc.values("?a ck:duration ?d", "d") == {"P3D"}
    assert doc.values("?a ck:renewable ?r", "r") == {"true"}


def test_two_states_that_swapped_prisoners_under_a_deal_are_its_parties(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chile and Peru exchanged the Chilean fisherman Juan Soto for the smuggler "
                  "Pedro Ruiz at the Tacna crossing on Saturday, under a deal struck after "
                  "months of talks.", DAY)
    assert doc.values("?a ck:party ?p", "p") == {STATE + "chile", STATE + "peru"}


def test_a_subject_that_opens_with_the_is_a_subject(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "The United States and Cuba swapped two detained smugglers on Saturday, "
                  "under a deal struck after months of talks.", DAY)
    assert doc.values("?a ck:party ?p", "p") == {STATE + "united-states", STATE + "cuba"}


def test_a_surname_that_is_also_a_town_signs(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "A treaty between Chile and Peru came into force on Friday. Chile's foreign "
                  "minister, Ana Soto, and Peru's chief negotiator, Luis Pereira, inked it in "
                  "Lima.", DAY)
    assert _names(doc, "?a ck:signatory ?s", "s") == {"ana-soto", "luis-pereira"}
    assert doc.values("?a ck:party ?p", "p") == {STATE + "chile", STATE + "peru"}


def test_a_resort_on_a_sea_is_the_dateline_town(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "SOCHI, Russia (Reuters) — Armenia and Georgia signed a memorandum on "
                  "Tuesday after talks in the Black Sea resort.", DAY)
    assert doc.values("?a ck:signingPlace ?p", "p") == {PLACE + "sochi"}


def test_a_zone_named_by_its_depth(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Armenia and Georgia signed a memorandum on Tuesday. Under the memorandum, "
                  "the militias must pull back to a depth of 20 km.", DAY)
    assert doc.values("?a ck:zone/ck:width/ck:value ?v", "v") == {"20"}


def test_a_strip_so_many_kilometres_deep_is_a_zone(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Armenia and Georgia signed a memorandum on Tuesday. Under the memorandum, "
                  "their armies will stay out of a strip 15 km deep along the river.", DAY)
    assert doc.values("?a ck:zone/ck:width/ck:value ?v", "v") == {"15"}


def test_the_forces_that_will_begin_joint_patrols(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Armenia and Georgia signed a memorandum on Tuesday. Under the memorandum, "
                  "Armenian and Georgian troops will begin joint patrols along the river.", DAY)
    assert doc.rows("?a ck:provision ?t . ?t a ck:PatrolProvision")
    forces = _names(doc, "?a ck:provision ?t . ?t a ck:PatrolProvision ; ck:obligedParty ?o",
                    "o")
    assert len(forces) == 2 and all(f.startswith(("armenia", "georgia")) for f in forces)


def test_a_dateline_with_month_and_day() -> None:
    found = find_dateline("ADEN, June 2 (Reuters) — The envoy said on Thursday ...")
    assert found is not None and [p.text for p in found.places] == ["ADEN"]
    found = find_dateline("SOCHI, Russia, Oct. 23 — Two leaders met ...")
    assert found is not None and [p.text for p in found.places] == ["SOCHI", "Russia"]


def test_an_armistice_with_the_allies_has_the_allies_as_a_party(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Romanian delegates signed an armistice with the Allies in a palace on "
                  "Tuesday. It was signed by Marshal Ion Popa for Romania and by General Ivan "
                  "Petrov for the Allied powers.", DAY)
    parties = doc.values("?a ck:party ?p", "p")
    assert parties == {STATE + "romania", NS.base + "id/organisation/allies"}
    # (a marshal's rank is no part of his name)
    assert "ion-popa" in _names(doc, "?a ck:signatory ?s", "s")


def test_prisoners_sent_home_and_a_neutral_zone_are_terms(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chile and Peru signed an armistice on Tuesday. Under the armistice, all "
                  "prisoners of war are to be sent home at once, and a neutral zone 8 "
                  "kilometres wide is to run along the river.", DAY)
    assert doc.rows("?a ck:provision ?t . ?t a ck:PrisonerExchangeProvision")
    assert doc.values("?a ck:zone/ck:width/ck:value ?v", "v") == {"8"}


def test_a_ceasefire_named_beside_the_accord_is_part_of_it(kb: KnowledgeBase) -> None:
    # ("A ceasefire takes effect ..." made a party-less agreement that took the terms)
    doc = Doc(kb, "Zambia and the Kafue rebel movement signed a peace accord in Lusaka on "
                  "Saturday. The talks were hosted by Kenya. The mediators flew home on "
                  "Sunday. A ceasefire takes effect on the day the accord is approved by "
                  "parliament. Under its terms, Malawian troops are to leave the country.", DAY)
    assert doc.rows("?a ck:party ?p ; ck:provision ?t . ?t a ck:WithdrawalProvision")


def test_a_corridor_that_troops_guard_is_no_zone_of_the_accord(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi signed a peace accord in Lusaka on Saturday. Under its "
                  "terms, Tanzanian troops guarding the Kafue and Luangwa corridors are to "
                  "leave the country.", DAY)
    assert not doc.rows("?a ck:zone ?z")


def test_a_named_person_a_party_must_free_is_a_release_term(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chile and Peru signed a deal on Saturday. Under the deal, Chile was to free "
                  "Juan Soto, a fisherman, and Peru was to release Pedro Ruiz.", DAY)
    obliged = doc.values("?a ck:provision ?t . ?t a ck:PrisonerExchangeProvision ; "
                         "ck:obligedParty ?o", "o")
    assert obliged == {STATE + "chile", STATE + "peru"}


def test_a_place_freed_under_a_deal_is_no_prisoner(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chile and Peru signed a deal on Saturday. Under the deal, Chile was to free "
                  "Lima from its blockade.", DAY)
    assert not doc.rows("?a ck:provision ?t . ?t a ck:PrisonerExchangeProvision")


def test_a_president_signs_for_the_state_paired_with_his_counterparts(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "President Luis Rojas and the Bolivian foreign minister, Ana Quispe, signed a "
                  "treaty on Friday, the fruit of two years of talks between Chile and Bolivia.",
              DAY)
    assert doc.values("?a ck:party ?p", "p") == {STATE + "chile", STATE + "bolivia"}
    assert _names(doc, "?a ck:signatory ?s", "s") == {"luis-rojas", "ana-quispe"}


def test_no_state_is_paired_when_the_counterparts_state_stands_alone(
        kb: KnowledgeBase) -> None:
    doc = Doc(kb, "President Luis Rojas and the Bolivian foreign minister, Ana Quispe, signed a "
                  "treaty on Friday, officials in Chile and Peru said.", DAY)
    assert STATE + "chile" not in doc.values("?a ck:party ?p", "p")
    assert STATE + "peru" not in doc.values("?a ck:party ?p", "p")


def test_the_chair_of_a_brokering_commission_mediated(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chile and Peru signed a treaty in Lima on Saturday. The text was brokered "
                  "by a boundary commission set up under a regional convention and chaired by "
                  "the Swiss diplomat Anna Keller, its first chair.", DAY)
    assert _names(doc, "?a ck:mediator ?m", "m") == {"anna-keller"}


def test_states_that_said_they_helped_to_broker_the_talks_mediated(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chile and Peru swapped two detained smugglers on Saturday, under a deal "
                  "struck after months of talks that Brazil and Uruguay said they had helped "
                  "to broker.", DAY)
    assert doc.values("?a ck:mediator ?m", "m") == {STATE + "brazil", STATE + "uruguay"}
    assert doc.values("?a ck:party ?p", "p") == {STATE + "chile", STATE + "peru"}


def test_the_fighting_on_a_front_is_to_stop_at_an_hour(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chile and Peru signed an armistice on Monday, and the fighting on the "
                  "northern front is to stop at 11 a.m. local time, a year after the war began.",
              DAY)
    assert doc.values("?a ck:effectiveTime ?t", "t") == {"11:00"}


def test_a_deal_that_extends_a_lease_by_years_runs_that_long(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chile and Peru signed a basing deal on Monday. The deal extends the navy's "
                  "lease, which was due to run out in 2020, by thirty-five years, with the "
                  "option of a further five years.", DAY)
    assert doc.values("?a ck:duration ?d", "d") == {"P35Y"}
    assert doc.values("?a ck:renewable ?r", "r") == {"true"}


def test_in_return_opens_a_term(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chile and Peru signed a basing deal on Monday. In return, Lima will cut the "
                  "price of the copper it sells to Chile.", DAY)
    comments = doc.values("?a ck:provision/rdfs:comment ?c", "c")
    assert any("copper" in c for c in comments)


def test_in_return_far_from_the_agreement_is_no_term(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Chile and Peru signed a basing deal on Monday. The navy said its ships were "
                  "old. Storms hit the coast in May. Fishermen lost their boats. Prices rose "
                  "across the region. In return, Lima will cut the price of the copper it sells "
                  "to Chile.", DAY)
    comments = doc.values("?a ck:provision/rdfs:comment ?c", "c")
    assert not any("copper" in c for c in comments)


def test_a_term_from_noon_on_a_day_applies_from_that_day(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Armenia and Georgia signed a memorandum on Monday. Under the memorandum, "
                  "border guards of both sides will enter the valley from noon on Wednesday, "
                  "to oversee the removal of the militias.", DAY)
    assert doc.values("?a ck:provision/ck:effectiveFrom ?d", "d") == {"2015-07-15"}


def test_the_one_count_of_people_in_a_term_is_its_quantity(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and the Kafue rebel movement signed a peace accord in Lusaka on "
                  "Saturday. Under its terms, a new army of 12,000 soldiers is to be formed.", DAY)
    assert doc.values("?a ck:provision/ck:quantity/ck:value ?v", "v") == {"12000"}


def test_a_ceasefire_from_midnight_with_a_day_is_not_the_next_day(kb: KnowledgeBase) -> None:
    doc = Doc(kb, "Zambia and Malawi agreed on Tuesday to a ceasefire from midnight Saturday.",
              DAY)
    assert "2015-07-15" not in doc.values("?a ck:effectiveFrom ?d", "d")
