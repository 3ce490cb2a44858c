"""Factuality, round 13 (issue 17): cue classes that generalise, each shown on a pair.

Every case is a pair of sentences written for this test (none comes from an article or from
the evaluation corpus): the first is told as not having happened, the second is its actual
counterpart, with the same event words. Each pair fails without its rule; the counterpart keeps
the rule from swallowing deeds that happened. The classes: a consideration denied ("had never
been considered"), a negative pronoun as subject ("none had been detained"), a planned event
called off by an anaphor later in the sentence ("; that meeting has been put on hold"), more
participles and idioms of calling off ("quietly dropped", "pulled the plug on", "scrubbed",
"remained on hold"), an event judged too risky to do, a trigger noun
modifying a plan, warrant, fear or drill ("arrest warrants", "invasion fears"), a long subject
before "is expected to take place", an infinitive of gathering whose purpose is the event
("hoped to bring the sides together for talks"), a timetable for the event, "reportedly", a
subject whose predicate doubts it ("reports that ... remained unconfirmed"), "nothing suggests
that", "; there was no immediate confirmation", "investigating reports that", "no decision has
been taken on", "claimed the capture of", "failed to agree on", "never got off the ground",
"it was not true that" (a denial, with a denying claim), and "by Thursday" after a past form (a
completion time, not a deadline).
"""

from __future__ import annotations

import datetime as dt

import pytest

from conflict_kg.ingest import factuality
from conflict_kg.ingest.kb import KnowledgeBase
from tests.support.ingest.extraction import PREFIX_LINES, extracted
from tests.support.ingest.wordings import (
    assert_pair_of_shapes,
    assert_value_and_counterpart,
    events,
)

# (before, trigger, after, value) for the non-actual sentence, then (before, trigger, after) for
# its actual counterpart
PAIRS = [
    # a consideration denied
    (("An ", "attack", " on the island had never been considered, the minister said.",
      "negated"),
     ("An ", "attack", " on the island had killed four people, the minister said.")),
    (("A naval ", "blockade", " was not even discussed at the summit.", "negated"),
     ("A naval ", "blockade", " was imposed after the summit.")),
    # a negative pronoun as subject
    (("None had been ", "detained", " when the curfew began.", "negated"),
     ("Dozens had been ", "detained", " when the curfew began.")),
    (("Not a single prisoner was ", "released", " on Sunday.", "negated"),
     ("A single prisoner was ", "released", " on Sunday.")),
    # a planned event called off by an anaphor later in the sentence
    (("Ministers had arranged ", "talks", " for Monday; that meeting has since been cancelled.",
      "calledOff"),
     ("Ministers held ", "talks", " on Monday; the meeting ended without agreement.")),
    (("Commanders prepared a ", "raid", " on the camp, but it was later called off.",
      "calledOff"),
     ("Commanders carried out a ", "raid", " on the camp, but it failed to free the hostages.")),
    # more participles and idioms of calling off
    (("An ", "offensive", " scheduled for spring was quietly dropped.", "calledOff"),
     ("An ", "offensive", " launched in spring was quietly praised.")),
    (("The ", "offensive", " has been put on the back burner.", "calledOff"),
     ("The ", "offensive", " has been pushed forward.")),
    (("Washington pulled the plug on the ", "operation", " in May.", "calledOff"),
     ("Washington began the ", "operation", " in May.")),
    (("The ", "strike", " was scrubbed an hour before take-off.", "calledOff"),
     ("The ", "strike", " was launched an hour before dawn.")),
    # still on hold
    (("The UN said the ", "release", " of the prisoners remained on hold.", "calledOff"),
     ("The UN said the ", "release", " of the prisoners went ahead.")),
    # judged not to be done
    (("A ", "raid", " on the compound was considered too risky.", "hypothetical"),
     ("A ", "raid", " on the compound was considered a success.")),
    # a trigger noun modifying a plan or warrant (future), a fear or drill (hypothetical)
    (("Prosecutors issued ", "arrest", " warrants for five generals.", "future"),
     ("Police carried out the ", "arrest", " of five generals on Monday.")),
    (("", "Invasion", " fears gripped the capital.", "hypothetical"),
     ("The ", "invasion", " gripped the capital.")),
    # a long subject before a predicate of time to come
    (("", "Talks", " between the two presidents, proposed by their neighbours, are expected to "
      "take place next week.", "future"),
     ("", "Talks", " between the two presidents, proposed by their neighbours, took place on "
      "Monday.")),
    # an infinitive of gathering whose purpose is the event
    (("The mediator had hoped to bring the sides together for ", "talks", " in Doha.", "future"),
     ("The mediator brought the sides together for ", "talks", " in Doha on Monday.")),
    # a timetable for the event
    (("Officials gave no timetable for a ", "withdrawal", ".", "future"),
     ("Officials confirmed the ", "withdrawal", " had ended on Monday.")),
    # hearsay in the clause
    (("Rebels have reportedly ", "captured", " the town.", "hypothetical"),
     ("Rebels have ", "captured", " the town.")),
    # a subject whose predicate doubts the event
    (("Reports that rebels had ", "captured", " the airport remained unconfirmed.",
      "hypothetical"),
     ("Rebels ", "captured", " the airport, and the toll remained unconfirmed.")),
    (("The ", "raid", " on the depot has not been confirmed.", "hypothetical"),
     ("The ", "raid", " on the depot has been confirmed.")),
    # no confirmation after the clause
    (("Iranian media said the navy had ", "seized", " a tanker; there was no immediate "
      "confirmation.", "hypothetical"),
     ("Iranian media said the navy had ", "seized", " a tanker; there was no immediate "
      "confirmation of casualties.")),
    # a clause opened by an inquiry into reports
    (("The army said it was investigating reports that soldiers had ", "detained",
      " journalists.", "hypothetical"),
     ("The army said it was investigating after soldiers had ", "detained", " journalists.")),
    # an undecided event
    (("No decision has been taken on a ", "deployment", ".", "hypothetical"),
     ("A decision was taken after the ", "deployment", " had ended.")),
    # a hedged saying whose object is the event noun
    (("Rebels claimed the ", "capture", " of the airport.", "reportedOnly"),
     ("Rebels claimed responsibility for the ", "capture", " of the airport.")),
    # no evidence, said otherwise
    (("Nothing suggests that the army ", "shelled", " the village.", "hypothetical"),
     ("Witnesses said that the army ", "shelled", " the village.")),
    # an agreement not reached on the event
    (("Negotiators failed to agree on a prisoner ", "exchange", ".", "negated"),
     ("Negotiators completed a prisoner ", "exchange", " on Monday.")),
    # it never started
    (("The planned ", "offensive", " never got off the ground.", "negated"),
     ("The ", "offensive", " got off the ground on Monday.")),
]


@pytest.mark.parametrize(("non_actual", "actual"), PAIRS, ids=lambda p: p[1] if p else "")
def test_a_pair_of_shapes(non_actual: tuple[str, str, str, str],
                          actual: tuple[str, str, str]) -> None:
    assert_pair_of_shapes(non_actual, actual)


def test_by_a_day_after_a_past_form_is_no_deadline() -> None:
    # "had been detained by Thursday": done by then; "must be detained by Thursday": due
    assert factuality.classify("Seventeen people had been ", " by Thursday evening.",
                               "detained") == factuality.ACTUAL
    assert factuality.classify("The suspects must be ", " by Thursday evening.",
                               "detained") == "obliged"


@pytest.mark.parametrize(("text", "counterpart", "wanted", "value"), [
    ("Saudi Arabia's foreign minister said an attack on Qatar had never been considered.",
     "Saudi Arabia's foreign minister said an attack on Qatar was launched on Monday.",
     "Attack", "negated"),
    ("Prosecutors in Caracas issued arrest warrants for five generals.",
     "Police in Caracas carried out the arrest of five generals on Monday.",
     "Detention", "future"),
    ("Ministers had arranged talks in Oslo for Monday; that meeting has since been cancelled.",
     "Ministers held talks in Oslo on Monday; the meeting ended without agreement.",
     "Talks", "calledOff"),
    ("Talks between the two presidents, proposed by their neighbours, are expected to take "
     "place next week.",
     "Talks between the two presidents, proposed by their neighbours, took place on Monday.",
     "Talks", "future"),
    ("The emir had hoped to bring the sides together for talks in Kuwait this week.",
     "The emir brought the sides together for talks in Kuwait on Monday.",
     "Talks", "future"),
])
def test_the_event_is_stored_with_the_value(kb: KnowledgeBase, text: str, counterpart: str,
                                            wanted: str, value: str) -> None:
    assert_value_and_counterpart(kb, text, counterpart, wanted, value)


def test_it_was_not_true_that_is_a_denial_with_a_denying_claim(kb: KnowledgeBase) -> None:
    text = "The Indian army said it was not true that its soldiers had shelled the school."
    found = [e for e in events(kb, text) if e["class"] == "Strike"]
    assert [e["f"] for e in found] == ["negated"], events(kb, text)
    assert _stances(kb, text) == ["denies"]
    text = "The Indian army said its soldiers had shelled the school."
    found = [e for e in events(kb, text) if e["class"] == "Strike"]
    assert [e["f"] for e in found] == ["actual"], events(kb, text)
    assert _stances(kb, text) == ["says"]


def _stances(kb: KnowledgeBase, text: str) -> list[str]:
    store = extracted(kb, text, "round13-test", dt.date(2022, 5, 6))
    rows = store.query(PREFIX_LINES + """
        SELECT ?c ?stance { ?c a ck:Claim ; ck:stance ?stance ; ck:about ?e . }""")
    return [row["stance"].value.rsplit("#", 1)[-1] for row in rows]  # type: ignore[union-attr]
