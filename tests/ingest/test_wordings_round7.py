"""Non-actual wordings after a long subject, and vehicle bombs that went off.

Each sentence was written for its test (none comes from an article or from the
evaluation corpus); each shows one cue of ``factuality-cues.toml`` or one trigger of
``event-frames.toml`` and fails without it.
"""

from __future__ import annotations

from conflict_kg.ingest.kb import KnowledgeBase
from tests.support.ingest.wordings import events, of_class


def test_talks_between_two_parties_then_postponed_are_called_off(kb: KnowledgeBase) -> None:
    # "between A and B" is one noun phrase: its "and" does not end the subject
    text = ("Talks between the Kenyan envoy and the Somali defence minister, planned for "
            "next month, have been postponed, a spokesman said.")
    found = of_class(kb, text, "Talks")
    assert found and all(e["f"] == "calledOff" for e in found), events(kb, text)


def test_a_comma_phrase_before_will_not_resume_negates_the_talks(kb: KnowledgeBase) -> None:
    text = "Border talks between the two governments, broken off in 2011, will not resume soon."
    found = of_class(kb, text, "Talks")
    assert found and all(e["f"] != "actual" for e in found), events(kb, text)
    assert any(e["f"] == "negated" for e in found), events(kb, text)


def test_a_strike_discussed_at_length_but_ruled_out_is_not_actual(kb: KnowledgeBase) -> None:
    text = ("A retaliatory air strike on the port was discussed by the cabinet in Nairobi on "
            "Monday evening but was ruled out.")
    found = of_class(kb, text, "AirStrike")
    assert found and all(e["f"] == "calledOff" for e in found), events(kb, text)


def test_a_vehicle_packed_with_explosives_that_blew_up_is_an_attack(kb: KnowledgeBase) -> None:
    text = ("A truck packed with explosives blew up outside the Kenyan embassy in Kampala "
            "on Monday.")
    found = [e for e in events(kb, text) if e["class"] in ("Attack", "Strike")]
    assert found and all(e["f"] == "actual" for e in found), events(kb, text)


def test_a_vehicle_packed_with_explosives_that_was_defused_is_no_attack(
        kb: KnowledgeBase) -> None:
    text = "A truck packed with explosives was found and defused outside the embassy in Kampala."
    found = [e for e in events(kb, text) if e["class"] in ("Attack", "Strike")]
    assert not found, found


def test_a_bare_strikes_after_a_military_modifier_is_a_strike(kb: KnowledgeBase) -> None:
    text = "The cabinet has no plans for retaliatory strikes, a spokesman said."
    found = of_class(kb, text, "Strike")
    assert found and all(e["f"] == "negated" for e in found), events(kb, text)


def test_a_labour_strike_stays_no_event(kb: KnowledgeBase) -> None:
    text = "Dock workers staged strikes across the country on Monday."
    assert not [e for e in events(kb, text) if e["class"] in ("Strike", "AirStrike")]


def test_forces_that_would_be_sent_are_a_future_deployment(kb: KnowledgeBase) -> None:
    text = "Kenyan officials said reinforcements would be sent to the northern frontier."
    found = of_class(kb, text, "Deployment")
    assert found and all(e["f"] == "future" for e in found), events(kb, text)


def test_a_letter_sent_to_the_united_nations_is_no_deployment(kb: KnowledgeBase) -> None:
    text = "A letter was sent to the United Nations on Monday."
    assert not of_class(kb, text, "Deployment"), events(kb, text)


def test_no_plans_for_military_action_is_a_negated_operation(kb: KnowledgeBase) -> None:
    text = "The president said there were no plans for military action to free the hostages."
    found = of_class(kb, text, "MilitaryOperation")
    assert found and all(e["f"] == "negated" for e in found), events(kb, text)


def test_stopping_all_military_action_plans_no_operation(kb: KnowledgeBase) -> None:
    text = "The two sides agreed to stop all military action."
    assert not of_class(kb, text, "MilitaryOperation"), events(kb, text)


def test_an_explanation_b_rejected_is_a_denial_of_b(kb: KnowledgeBase) -> None:
    from tests.support.ingest.attribution import claims, graph, stance
    rows = claims(graph(kb, "Somali officials described the blast as an accident, an "
                            "explanation Kenya rejected."))
    denials = [r for r in rows if stance(r) == "denies"]
    assert denials and all(r["who"].endswith("/state/kenya") for r in denials), rows


def test_a_person_let_leave_the_country_is_no_withdrawal(kb: KnowledgeBase) -> None:
    text = "Kenya refused to hand over the rebel leader and let him leave the country."
    assert not of_class(kb, text, "Withdrawal"), events(kb, text)


def test_troops_that_must_leave_the_country_still_withdraw(kb: KnowledgeBase) -> None:
    text = "Ethiopian troops must leave the country by Friday."
    found = of_class(kb, text, "Withdrawal")
    assert found and all(e["f"] == "obliged" for e in found), events(kb, text)


def test_a_cruise_ship_transfers_nothing(kb: KnowledgeBase) -> None:
    text = ("A plane carrying the men who hijacked the Italian cruise ship Sorrento was "
            "intercepted by Greek F-16 fighters on Thursday.")
    assert not of_class(kb, text, "ArmsTransfer"), events(kb, text)


def test_ship_as_a_verb_is_still_a_transfer(kb: KnowledgeBase) -> None:
    text = "Ukraine will ship S-300 systems to Slovakia next month."
    found = of_class(kb, text, "ArmsTransfer")
    assert found and all(e["f"] == "future" for e in found), events(kb, text)


def test_stormed_a_residence_is_an_attack(kb: KnowledgeBase) -> None:
    text = "Kenyan commandos stormed the ambassador's residence in Nairobi on Tuesday."
    found = of_class(kb, text, "Attack")
    assert found and all(e["f"] == "actual" and e["agents"] == "kenya" for e in found), \
        events(kb, text)


def test_any_such_strike_postponed_calls_off_the_planned_shelling(kb: KnowledgeBase) -> None:
    text = ("Commanders had drawn up plans for artillery shelling of the Kenyan bank of the "
            "river, but the president postponed any such strike, a diplomat said.")
    found = [e for e in events(kb, text) if e["class"] in ("Strike", "AirStrike", "Attack")]
    assert found and all(e["f"] == "calledOff" for e in found), found


def test_a_demonym_before_militants_is_no_state_agent(kb: KnowledgeBase) -> None:
    text = "Somali militants stormed the hotel with grenades on Saturday."
    found = of_class(kb, text, "Attack")
    assert found and all("somalia" not in e["agents"] for e in found), events(kb, text)


def test_a_demonym_before_troops_is_still_the_state(kb: KnowledgeBase) -> None:
    text = "Somali troops stormed the hotel on Saturday."
    found = of_class(kb, text, "Attack")
    assert found and all(e["agents"] == "somalia" for e in found), events(kb, text)


def test_the_place_of_a_trailing_speaker_is_not_the_event_place(kb: KnowledgeBase) -> None:
    from tests.ingest.conftest import PREFIX_LINES, extracted
    from tests.support.ingest.wordings import PUBLISHED
    text = ("Commanders had drawn up plans for artillery shelling of the river bank, but the "
            "president postponed any such strike, a diplomat in Nairobi said.")
    store = extracted(kb, text, "speaker-place-test", PUBLISHED)
    rows = list(store.query(PREFIX_LINES + "SELECT ?e { ?e a ck:Strike ; ck:location ?p }"))
    assert not rows
    assert of_class(kb, text, "Strike")
