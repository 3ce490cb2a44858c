"""Factuality, issue 17 (fact22): more English news wordings of events that did not happen.

Every case is a pair of sentences written for this test (none comes from an article or from
the evaluation corpus): the first tells the event as not having happened (called off, never
ordered, only planned, obliged, supposed, rumoured or alleged), the second is its actual
counterpart with the same event word. Each pair fails without its rule; the counterpart keeps
the rule from swallowing deeds that happened. The classes: present and gerund forms of calling
off ("putting on hold a strike"), passive idioms ("was stood down", "was paused"), a decision
or order reversed; an act never ordered or proposed ("had been studied but was never
proposed"); a deed that came to nothing ("failed to materialise", "stalled before it began");
"stopped short of ordering", "backed down from", "held back from", an order refused; a planned
act named again ("the planned mission as a raid"), a deed only talked over ("discussed shelling
the harbour"), the means of an intended act ("plotted to kill the governor ... in a car-bomb
attack"), means set aside or a plan drawn ("earmarked two battalions for", "mapped out"), leave
asked for ("sought approval for"), hopes or pressure for, "agreed in principle to"; a
supposition, guesswork ("speculated about", "talk of an"), the brink ("came within hours of"),
guard ("on high alert against"), hearsay named ("according to unconfirmed reports",
"ostensibly"); a task given ("tasked with"); an accusation or charge ("accused of having",
"charged with"); an infinitive marker inside the trigger ("requires the militia to leave"), and
"began to withdraw" (the withdrawal started: actual).
"""

from __future__ import annotations

import pytest

from conflict_kg.ingest import factuality
from conflict_kg.ingest.kb import KnowledgeBase
from tests.support.ingest.wordings import (
    assert_pair_of_shapes,
    assert_value_and_counterpart,
    events,
)

# (before, trigger, after, value) for the non-actual sentence, then (before, trigger, after) for
# its actual counterpart
PAIRS = [
    # present and gerund forms of calling off
    (("Quito is putting on hold a planned ", "strike", " on the border posts.", "calledOff"),
     ("Quito, putting its jets on alert, launched a ", "strike", " on the border posts.")),
    (("The junta is shelving the ", "offensive", " in the north.", "calledOff"),
     ("The junta is proud of the ", "offensive", " it launched in the north.")),
    # passive idioms of calling off
    (("The ", "strike", " was stood down an hour before take-off.", "calledOff"),
     ("The ", "strike", " was launched an hour before take-off.")),
    (("The ", "offensive", " was paused on Friday.", "calledOff"),
     ("The ", "offensive", " was launched on Friday.")),
    (("The general paused the ", "offensive", " on Friday.", "calledOff"),
     ("The general praised the ", "offensive", " on Friday.")),
    # talks broken off or left, a planned act stopped
    (("Hanoi broke off ", "talks", " on the fishing grounds.", "calledOff"),
     ("Hanoi broke new ground in ", "talks", " on the fishing grounds last week.")),
    (("Hanoi pulled out of ", "talks", " on the fishing grounds.", "calledOff"),
     ("Hanoi pulled out after ", "talks", " on the fishing grounds ended.")),
    (("The ", "talks", " were broken off on Monday.", "calledOff"),
     ("The ", "talks", " were held on Monday.")),
    (("The king stopped the planned ", "raid", " on the port.", "calledOff"),
     ("The king praised the ", "raid", " on the port.")),
    (("The cabinet pulled back from launching ", "strikes", " on the ports.", "negated"),
     ("The cabinet pulled back after launching ", "strikes", " on the ports.")),
    # headed off, stopped in time
    (("Police headed off an ", "attack", " on the consulate.", "negated"),
     ("Police headed out after an ", "attack", " on the consulate.")),
    (("An ", "attack", " on the consulate was stopped in time.", "negated"),
     ("An ", "attack", " on the consulate was launched in time.")),
    # a decision or order reversed
    (("The cabinet reversed its decision to ", "deploy", " marines.", "calledOff"),
     ("The cabinet kept its word and ", "deployed", " marines.")),
    # an act never ordered or proposed
    (("A ", "strike", " on the dam had been studied but was never proposed to the cabinet.",
      "negated"),
     ("A ", "strike", " on the dam had been studied and was carried out in May.")),
    (("The ", "raid", " was never ordered, the ministry said.", "negated"),
     ("The ", "raid", " was carried out, the ministry said.")),
    # it came to nothing
    (("The threatened ", "blockade", " came to nothing.", "negated"),
     ("The ", "blockade", " came into force on Monday.")),
    (("The ", "offensive", " failed to materialise.", "negated"),
     ("The ", "offensive", " failed to take the town.")),
    (("The ", "offensive", " stalled before it began.", "negated"),
     ("The ", "offensive", " stalled after it began.")),
    # stopped short, backed down, held back, an order refused
    (("The president stopped short of ordering a ", "strike", " on the ports.", "negated"),
     ("The president went as far as ordering a ", "strike", " on the ports last week.")),
    (("Chile backed down from the ", "assault", " on the ridge.", "negated"),
     ("Chile backed down after the ", "assault", " on the ridge.")),
    (("The troops held back from ", "storming", " the palace.", "negated"),
     ("The troops were held back after ", "storming", " the palace.")),
    (("The colonel refused an order to ", "shell", " the market.", "negated"),
     ("After the colonel gave the order, his gunners ", "shelled", " the market.")),
    # a planned act named again as what it would be
    (("Officials described the planned mission as a ", "raid", " lasting two nights.", "future"),
     ("Officials described the mission as a ", "raid", " that lasted two nights.")),
    # a deed only talked over
    (("The officers had discussed ", "shelling", " the harbour.", "future"),
     ("The officers had discussed the ", "shelling", " of the harbour.")),
    # the means of an intended act
    (("The cell plotted to kill the governor, a retired general, in a car-bomb ", "attack", ".",
      "future"),
     ("The cell killed the governor, a retired general, in a car-bomb ", "attack", ".")),
    # means set aside or a plan drawn
    (("Lima earmarked two battalions for the ", "deployment", ".", "future"),
     ("Lima sent two more battalions after the ", "deployment", " began.")),
    (("The generals mapped out an ", "invasion", " of the islands.", "future"),
     ("The generals carried out an ", "invasion", " of the islands.")),
    # leave asked for
    (("The navy sought approval for a ", "blockade", " of the port.", "future"),
     ("The navy won praise for a ", "blockade", " of the port.")),
    # hopes, pressure, an agreement in principle
    (("Hopes for the ", "release", " of the sailors faded.", "future"),
     ("Hopes rose after the ", "release", " of the sailors.")),
    (("Both sides agreed in principle to a ", "withdrawal", ".", "future"),
     ("Both sides completed a ", "withdrawal", " on Monday.")),
    # a supposition, guesswork
    (("Suppose the army ", "invaded", " the enclave.", "hypothetical"),
     ("Yesterday the army ", "invaded", " the enclave.")),
    (("Analysts speculated about an ", "offensive", " in spring.", "hypothetical"),
     ("Analysts wrote about the ", "offensive", " in spring.")),
    (("There was talk of an ", "airlift", ".", "hypothetical"),
     ("There was talk of the ", "airlift", " in the press.")),
    # the brink
    (("Peru came within hours of ", "invading", " the valley.", "hypothetical"),
     ("Peru was blamed for ", "invading", " the valley.")),
    # on guard
    (("Troops were on high alert against an ", "incursion", ".", "hypothetical"),
     ("Troops were on high alert after an ", "incursion", ".")),
    # hearsay named in the clause
    (("According to unconfirmed reports, rebels ", "captured", " the pass.", "hypothetical"),
     ("According to the army, rebels ", "captured", " the pass.")),
    (("Rebels ostensibly ", "captured", " the pass.", "hypothetical"),
     ("Rebels swiftly ", "captured", " the pass.")),
    # a task given
    (("The brigade was tasked with ", "securing", " the pass.", "obliged"),
     ("The brigade was praised for ", "securing", " the pass.")),
    # an accusation or charge
    (("The militia was accused of having ", "shelled", " the clinic.", "reportedOnly"),
     ("The militia admitted having ", "shelled", " the clinic.")),
    (("Two men were charged with ", "attacking", " a patrol.", "reportedOnly"),
     ("Two men were wounded while ", "attacking", " a patrol.")),
    # a confirmation refused, no truth to reports, reports called invented
    (("The army refused to confirm that troops had ", "crossed", " the river.", "hypothetical"),
     ("The army confirmed that troops had ", "crossed", " the river.")),
    (("Officials said there was no truth to reports that troops had ", "crossed", " the river.",
      "reportedOnly"),
     ("Officials said there was no doubt that troops had ", "crossed", " the river.")),
    (("Reports that the navy had ", "sunk", " a trawler were invented.", "negated"),
     ("Reports that the navy had ", "sunk", " a trawler were confirmed.")),
    # accusations rejected without "that"
    (("Colombia rejected accusations of ", "shelling", " the village.", "reportedOnly"),
     ("Colombia rejected the talks after ", "shelling", " the village.")),
    (("Colombia dismissed allegations its jets had ", "bombed", " a school.", "reportedOnly"),
     ("Colombia dismissed the officers whose jets had ", "bombed", " a school.")),
    # adjectives of a deed still to come, readiness, likelihood, on its way
    (("Officials discussed the forthcoming ", "withdrawal", " of the brigade.", "future"),
     ("Officials discussed the completed ", "withdrawal", " of the brigade.")),
    (("Troops massed on the border in readiness for an ", "invasion", ".", "future"),
     ("Troops massed on the border in the days after an ", "invasion", ".")),
    (("Analysts discussed the likely ", "offensive", " in the north.", "hypothetical"),
     ("Analysts discussed the bloody ", "offensive", " in the north.")),
    (("The army said an ", "offensive", " was coming.", "future"),
     ("The army said an ", "offensive", " was launched.")),
    # blocked by a vote or a court
    (("Parliament vetoed the ", "deployment", " of marines.", "negated"),
     ("Parliament praised the ", "deployment", " of marines.")),
    (("The ", "deployment", " of marines was voted down.", "negated"),
     ("The ", "deployment", " of marines was carried out.")),
    (("The ", "deployment", " failed to win approval.", "negated"),
     ("The ", "deployment", " failed to stop the raids.")),
    (("The ", "deployment", " fell three votes short.", "negated"),
     ("The ", "deployment", " began three weeks after the vote.")),
    # a meeting whose purpose is the event, with a titled name, a place and a day between
    (("The envoy is due to meet Foreign Minister Ana Ruiz in Lima on Friday for ", "talks",
      " on the border.", "future"),
     ("The envoy flew to Lima and met Foreign Minister Ana Ruiz in the palace on Friday for ",
      "talks", " on the border.")),
    # an infinitive marker inside the trigger
    (("The accord requires the militia ", "to leave", " the district within ten days.",
      "obliged"),
     ("The shelling forced the militia ", "to leave", " the district within ten days.")),
]


@pytest.mark.parametrize(("non_actual", "actual"), PAIRS, ids=lambda p: p[0] if p else "")
def test_a_pair_of_shapes(non_actual: tuple[str, str, str, str],
                          actual: tuple[str, str, str]) -> None:
    assert_pair_of_shapes(non_actual, actual)


def test_began_to_withdraw_is_a_withdrawal_that_started() -> None:
    # "began to withdraw": the withdrawal is under way; "were due to withdraw": not yet
    assert factuality.has_actual_evidence("Bolivian troops began to ", "withdraw",
                                          " from the valley on Monday.")
    assert not factuality.has_actual_evidence("Bolivian troops were due to ", "withdraw",
                                              " from the valley on Monday.")


def test_an_infinitive_marker_inside_the_trigger_gives_no_evidence() -> None:
    # "which requires them to leave": the verb after "to" is no deed
    assert not factuality.has_actual_evidence(
        "The accord, signed on Monday, requires the militia ", "to leave", " the district.")


@pytest.mark.parametrize(("text", "counterpart", "wanted", "value"), [
    ("Officials said Quito was putting on hold a planned air strike on the border posts.",
     "Officials said Quito had launched an air strike on the border posts.",
     "AirStrike", "calledOff"),
    ("The officers had discussed bombing the harbour at Callao.",
     "The officers had bombed the harbour at Callao.",
     "Strike", "future"),
    ("A strike on the dam at Itaipu had been studied but was never proposed to the cabinet.",
     "A strike on the dam at Itaipu was carried out on Monday.",
     "Strike", "negated"),
    ("Bolivian troops began to withdraw from the valley on Monday.",
     "Bolivian troops began to withdraw from the valley on Monday.",
     "Withdrawal", "actual"),
    ("The accord requires Bolivian troops to leave the district within ten days.",
     "The shelling forced Bolivian troops to leave the district within ten days.",
     "Withdrawal", "obliged"),
])
def test_the_event_is_stored_with_the_value(kb: KnowledgeBase, text: str, counterpart: str,
                                            wanted: str, value: str) -> None:
    assert_value_and_counterpart(kb, text, counterpart, wanted, value)


@pytest.mark.parametrize(("text", "wanted", "value"), [
    # a line crossed into the other side: an incursion, here only claimed and dismissed
    ("Cuban radio claimed that Haitian troops had crossed the border into Cuban-held land, a "
     "report the Haitian army dismissed as propaganda.", "Incursion", "reportedOnly"),
    ("Haitian troops crossed the border into Cuba on Monday.", "Incursion", "actual"),
    # forces occupying a named site: a seizure
    ("About 300 Peruvian paratroopers occupied Quito airport early on Monday.", "Seizure",
     "actual"),
])
def test_new_frame_wordings_with_their_value(kb: KnowledgeBase, text: str, wanted: str,
                                             value: str) -> None:
    found = [e for e in events(kb, text) if e["class"] == wanted]
    assert found and {e["f"] for e in found} == {value}, events(kb, text)


def test_the_occupied_territories_are_no_seizure(kb: KnowledgeBase) -> None:
    text = "Peru returned the occupied territories to Ecuador."
    assert not [e for e in events(kb, text) if e["class"] == "Seizure"], events(kb, text)


def test_a_plot_to_bomb_an_embassy_is_a_strike_that_did_not_happen(kb: KnowledgeBase) -> None:
    text = "Chilean police foiled a plot to bomb the Bolivian embassy in Santiago."
    found = [e for e in events(kb, text) if e["class"] == "Strike"]
    assert found and {e["f"] for e in found} <= {"future", "negated", "hypothetical"}, \
        events(kb, text)
    text = "Chilean police said the men had planned to strike a single army base."
    found = [e for e in events(kb, text) if e["class"] == "Strike"]
    assert found and {e["f"] for e in found} == {"future"}, events(kb, text)


def test_a_denied_use_of_chemical_weapons_answers_the_gas_attack_told_before(
        kb: KnowledgeBase) -> None:
    # one side says the attack happened, the other denies its troops used poison gas: the
    # attack is that side's word only, never a fact with the denying side as its agent
    text = ("Ecuador says Peruvian troops killed 40 people in a gas attack on a village. "
            "Peru denied that its troops had used poison gas.")
    found = [e for e in events(kb, text) if e["class"] == "Attack"]
    assert found and all(e["f"] == "reportedOnly" for e in found), events(kb, text)
    text = "Peruvian troops used chemical weapons against the village on Monday."
    found = [e for e in events(kb, text) if e["class"] == "Attack"]
    assert [e["f"] for e in found] == ["actual"], events(kb, text)
