"""Non-actual wordings after a long subject, and vehicle bombs that went off.

Each sentence was written for its test (none comes from an article or from the
evaluation corpus); each shows one cue of ``factuality-cues.toml`` or one trigger of
``event-frames.toml`` and fails without it.
"""

from __future__ import annotations

from conflict_kg.ingest.kb import KnowledgeBase
from tests.ingest.test_passive_and_non_actual_wordings import events, of_class


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
