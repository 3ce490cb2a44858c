"""Factuality, round 10 (issue 17): events that carry a past-tense verb or a past
participle inside a non-actual frame are not stored as actual.

The burden of proof (``factuality.has_actual_evidence``) took any finite past form of the
clause as evidence, so a plan told in the pluperfect ("had been scheduled", "had planned
to") proved the planned event; a few cue shapes were missing too ("never took place" after
a comma-enclosed phrase, an inverted condition with a named subject, a relative clause under
"any", an infinitive coordinated under a verb of intention, "neither side", a reward for an
arrest).  Every sentence was written for this test (none comes from an article or from the
evaluation corpus); each non-actual case fails without its rule, the guards keep the rules
from swallowing deeds that happened.
"""

from __future__ import annotations

import pytest

from conflict_kg.ingest import factuality
from conflict_kg.ingest.kb import KnowledgeBase
from tests.support.ingest.wordings import events


@pytest.mark.parametrize(("before", "after", "expected"), [
    # the event never happened, said right after it or after a comma-enclosed phrase
    ("The ", " never took place.", "negated"),
    ("A second ", ", which had been set for June, never took place.", "negated"),
    ("The ", ", planned for the dry season, never happened.", "negated"),
    ("The ", ", announced with fanfare, did not go ahead.", "negated"),
    # "neither side fired a shot"
    ("Neither side ", " a shot during the standoff.", "negated"),
    # an inverted condition with a name or a noun phrase as its subject
    ("Had Chile launched the ", ", Peru would have answered in kind.", "hypothetical"),
    ("Lima would have answered, had Chile launched the ", ".", "hypothetical"),
    ("Lima would have answered, had the navy launched the ", ".", "hypothetical"),
    # a relative clause on a noun under "any": part of a threat or a rule, not a deed
    ("The junta threatened to shoot down any plane that ", " its airspace.", "hypothetical"),
    # "was supposed to begin"
    ("The ", " was supposed to begin in March.", "future"),
    # "was never carried out"; "dismissed as propaganda reports that ..."
    ("The ", " was never carried out.", "negated"),
    ("The ", " on the camp was not launched in the end.", "negated"),
    ("The ", ", which had been approved on Monday, were never launched.", "negated"),
    # stopped before the deed
    ("The jets turned back before they ", " the bridge.", "negated"),
    ("Police arrested the men hours before they could ", " the station.", "negated"),
    ("Officials dismissed as propaganda reports that the army had ", " the town.", "reportedOnly"),
    ("The ", " had been meant to start at dawn.", "future"),
    # a reward or a warrant for an arrest: the arrest is sought
    ("The government offered a reward last year for the commander's ", ".", "future"),
    ("A court issued a warrant for the colonel's ", " on Monday.", "future"),
])
def test_non_actual_shapes(before: str, after: str, expected: str) -> None:
    assert factuality.classify(before, after) == expected


@pytest.mark.parametrize(("before", "trigger", "after", "expected"), [
    # an infinitive coordinated under a verb of intention: planned, unless the verb is past
    ("The cell had planned to seize the port and ", "capture", " the governor.", "future"),
    ("The rebels vowed to regroup in the hills and ", "retake", " the capital.", "future"),
    ("Police foiled a plot to bomb the embassy and ", "arrested", " four men.",
     factuality.ACTUAL),
    ("The cell had planned to seize the port and ", "", " the governor.", factuality.ACTUAL),
])
def test_coordinated_infinitive(before: str, trigger: str, after: str, expected: str) -> None:
    assert factuality.classify(before, after, trigger) == expected


@pytest.mark.parametrize(("before", "after"), [
    # guards: deeds told as done stay actual under the same words
    ("Gunmen seized the port and ", " the governor on Friday."),
    ("Marines ", " the island, which had never happened before."),
    ("The soldiers who ", " the line at dawn were arrested."),
    ("The garrison, which had held out for a month, ", " on Sunday."),
    ("The ", " took place on Monday, officials said."),
    ("The ", " was carried out at dawn."),
    ("The rebels shelled the port before they ", " the town."),
])
def test_actual_guards(before: str, after: str) -> None:
    assert factuality.classify(before, after) == factuality.ACTUAL


@pytest.mark.parametrize(("before", "trigger", "after", "expected"), [
    # a pluperfect or past passive of plan or expectation is no evidence of the deed
    ("The ", "offensive", ", which had been scheduled for June.", False),
    ("Talks on the ", "withdrawal", " had been planned for May.", False),
    ("The ", "raid", " had been expected for weeks.", False),
    ("Officials said the ", "strike", " had been intended as a warning.", False),
    ("The ", "landing", " was widely expected.", False),
    # guards: the same auxiliaries with a verb of deed are evidence
    ("The ", "strike", " had been carried out at dawn.", True),
    ("The ", "raid", " had killed four soldiers.", True),
    ("The rebels had been ", "shelling", " the town.", True),
    ("The ", "offensive", " was launched on Monday.", True),
    ("The ", "attack", " that had been expected for weeks came at dawn.", True),
    ("The ", "offensive", " that had been planned for May began on Monday.", True),
])
def test_evidence_of_plans_and_deeds(before: str, trigger: str, after: str,
                                     expected: bool) -> None:
    assert factuality.has_actual_evidence(before, trigger, after) is expected


@pytest.mark.parametrize(("text", "wanted"), [
    ("A second offensive, which had been scheduled for June, never took place.",
     ("Offensive",)),
    ("Had Chile's navy shelled the port, the war would have spread to the coast.",
     ("Attack", "Strike", "AirStrike")),
    ("Police said the cell had planned to seize the port and capture the governor.",
     ("Seizure", "Detention")),
    ("The junta vowed to shoot down any plane that entered its airspace.",
     ("Incursion", "Shootdown")),
    ("The government offered a large reward in May for the warlord's arrest.",
     ("Detention",)),
])
def test_no_actual_event_in_a_non_actual_frame(kb: KnowledgeBase, text: str,
                                               wanted: tuple[str, ...]) -> None:
    found = [e for e in events(kb, text) if e["class"] in wanted]
    assert found and all(e["f"] != "actual" for e in found), events(kb, text)


def test_an_arrest_after_a_foiled_plot_is_actual(kb: KnowledgeBase) -> None:
    text = "Police foiled a plot to bomb the embassy and arrested four men."
    found = [e for e in events(kb, text) if e["class"] == "Detention"]
    assert found and all(e["f"] == "actual" for e in found), events(kb, text)


def test_a_deed_beside_a_plan_stays_actual(kb: KnowledgeBase) -> None:
    text = "Rebels had planned to storm the barracks at night but shelled the town at dawn."
    found = [e for e in events(kb, text) if e["class"] in ("Attack", "Strike")]
    assert any(e["f"] == "actual" for e in found), events(kb, text)
