"""How the document presents an event: actual, future, obliged, hypothetical, called off,
negated (or, decided later from the claims, reported only).

The cues are data (``factuality-cues.toml`` beside this module); this module only
reads them and applies them to the clause around a trigger.  The scope is the
clause: a cue before a clause break ("said that", "; ", ", which") does not reach
the trigger after it, so "talks were called off, but the strike went ahead" keeps
the strike actual.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CUES_FILE = Path(__file__).resolve().parent / "factuality-cues.toml"
ACTUAL = "actual"
REPORTED_ONLY = "reportedOnly"
# Every value the pipeline writes; the ontology defines each as a ck:Factuality.
VALUES = ("actual", "future", "obliged", "hypothetical", "calledOff", "negated", "reportedOnly")


@dataclass(frozen=True)
class Cues:
    order: tuple[str, ...]
    clause_break: re.Pattern[str]
    before: dict[str, tuple[re.Pattern[str], ...]]
    after: dict[str, tuple[re.Pattern[str], ...]]
    hedged_verb: re.Pattern[str]
    unsettled_frame: re.Pattern[str]
    denied_frame: re.Pattern[str]
    mandative_frame: re.Pattern[str]
    first: tuple[tuple[str, re.Pattern[str]], ...] = ()
    question: re.Pattern[str] | None = None


@lru_cache(maxsize=1)
def cues() -> Cues:
    """The cue lexicon, read once on first use (never at import time)."""
    data = tomllib.loads(CUES_FILE.read_text(encoding="utf-8"))
    order = tuple(data["order"])

    def patterns(value: str, side: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.IGNORECASE) for p in data[value].get(side, ()))

    return Cues(
        order,
        re.compile(data["clause_breaks"], re.IGNORECASE),
        {v: patterns(v, "before") for v in order},
        {v: patterns(v, "after") for v in order},
        re.compile(data["reported"]["hedged_verbs"], re.IGNORECASE),
        re.compile(data["framing"]["hypothetical"], re.IGNORECASE),
        re.compile(data["framing"]["reportedOnly"], re.IGNORECASE),
        re.compile(data["framing"]["future"], re.IGNORECASE),
        tuple((value, re.compile(p, re.IGNORECASE))
              for value, found in data.get("first", {}).items() for p in found),
        re.compile(data["hypothetical"]["question"], re.IGNORECASE),
    )


def clause_before(text_before: str) -> str:
    """The part of ``text_before`` that lies in the trigger's own clause."""
    breaks = list(cues().clause_break.finditer(text_before))
    return text_before[breaks[-1].end():] if breaks else text_before


def classify(text_before: str, text_after: str) -> str:
    """The factuality the clause gives a trigger, from the text just before and after it.

    >>> classify("The president postponed the ", " on the town")
    'calledOff'
    >>> classify("officials said dozens could have ", "")
    'hypothetical'
    >>> classify("There are no plans for a ground ", "")
    'negated'
    >>> classify("Rebels must ", " back by Friday")
    'obliged'
    >>> classify("Talks were called off, but the army ", " the town")
    'actual'
    >>> classify("The US has not confirmed that its jets ", " the convoy")
    'hypothetical'
    >>> classify("The council demanded that the rebels ", " from the town")
    'future'
    >>> classify("The minister did not rule out further ", " on the camps")
    'hypothetical'
    >>> classify("Did the army ", " the village?")
    'hypothetical'
    >>> classify("The zone, which will be ", " by troops")
    'future'
    """
    c = cues()
    clause = clause_before(text_before)
    if (c.question is not None and clause == text_before and "?" in text_after
            and c.question.search(clause)):
        return "hypothetical"  # a yes/no question opening the sentence
    for value, pattern in c.first:  # "did not rule out strikes": a negated negation
        if pattern.search(clause):
            return value
    for value in c.order:
        if any(p.search(clause) for p in c.before[value]):
            return value
        if any(p.search(text_after) for p in c.after[value]):
            return value
    # "has not confirmed that its jets struck": the clause is opened by an unsettled saying
    frame = text_before[: len(text_before) - len(clause)]
    if c.unsettled_frame.search(frame):
        return "hypothetical"
    if c.denied_frame.search(frame):
        return REPORTED_ONLY  # "denied reports that it had bombed a hospital"
    if c.mandative_frame.search(frame):
        return "future"  # "demanded that Argentina withdraw its forces": asked for, not done
    return ACTUAL


def is_hedged_verb(word: str) -> bool:
    """A reporting verb that keeps its content the claimant's alone ("claimed", "alleged")."""
    return cues().hedged_verb.match(" ".join(word.split())) is not None
