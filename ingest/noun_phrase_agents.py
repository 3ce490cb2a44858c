"""The subject of a sentence is not the agent of an event named inside a noun phrase.

"Chile called for the release of the detained sailors": "detained" names a detention, but
Chile reacts to it; it did not detain anyone.  The frames find an agent by looking back from
the trigger for the nearest agent, which for a trigger inside a noun phrase opened by a
determiner ("the detained sailors", "the downing of the helicopter", "its seized trawler")
is the subject of another verb.  Such an agent is dropped unless a light verb makes the
subject the doer ("carried out the arrest", "launched the offensive").  A missing agent is
better than a false one.  The word lists are data: ``event-arguments.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from conflict_kg.ingest.analysis import Sentence
from conflict_kg.ingest.text import Span

CUES_FILE = Path(__file__).resolve().parent / "event-arguments.toml"
_WORD = re.compile(r"[\w’'-]+")
_PARTICIPLE = re.compile(r"(?:\w+(?:ed|en)|shot|down|struck|hit|held|sunk|caught)",
                         re.IGNORECASE)
_NUMBER_OR_ADVERB = re.compile(r"(?:\d[\d,.]*|\w+ly|one|two|three|four|five|six|seven|eight|"
                               r"nine|ten|dozen|dozens|several|many|few|some|all|both)",
                               re.IGNORECASE)


class HasAgents(Protocol):
    agents: list[str]


@dataclass(frozen=True)
class _Cues:
    determiners: frozenset[str]
    stops: frozenset[str]
    noun_endings: tuple[str, ...]
    not_a_head: frozenset[str]
    gap_words: int
    light_verb: re.Pattern[str]


@lru_cache(maxsize=1)
def cues() -> _Cues:
    """The word lists, read once on first use."""
    data = tomllib.loads(CUES_FILE.read_text(encoding="utf-8"))
    np = data["noun_phrase"]
    verbs = "|".join(f"(?:{p})" for p in data["light_verbs"]["patterns"])
    return _Cues(frozenset(np["determiners"]), frozenset(np["stops"]),
                 tuple(np["noun_endings"]), frozenset(np["not_a_head"]), int(np["gap_words"]),
                 re.compile(rf"\b(?:{verbs})\s+(?:[\w’'-]+\s+){{0,3}}$", re.IGNORECASE))


def _nominal(s: Sentence, trigger: Span) -> bool:
    """A noun trigger: "the release of", "the seizure", "the shooting down of"."""
    first = trigger.text.split()[0].lower() if trigger.text.split() else ""
    after = s.text_between(trigger.end, min(s.span.end, trigger.end + 5))
    return first.endswith(cues().noun_endings) or re.match(r"\s+of\b", after) is not None


def _attributive(s: Sentence, trigger: Span) -> bool:
    """A participle before its noun: "the detained sailors", "its seized trawler"."""
    words = trigger.text.split()
    if not words or not _PARTICIPLE.fullmatch(words[-1]):
        return False
    head = re.match(r"\s+([a-z][\w’'-]*)", s.text_between(trigger.end,
                                                         min(s.span.end, trigger.end + 30)))
    return head is not None and head.group(1) not in cues().not_a_head


def noun_phrase_start(s: Sentence, trigger: Span, *, noun: bool | None = None) -> int | None:
    """Where the noun phrase that names the event at ``trigger`` opens (its determiner),
    or None when the trigger is not inside one ("Iran seized the tanker", "Iran's seizure").

    ``noun``: whether the trigger is a noun, when the caller knows (a frame's noun list).
    A noun may follow its determiner by a few words ("the unconditional release"); an
    attributive participle by numbers and adverbs only ("the two recently seized boats").
    """
    c = cues()
    nominal = _nominal(s, trigger) if noun is None else noun
    if not nominal and not _attributive(s, trigger):
        return None
    before = s.text_between(max(s.start, trigger.start - 80), trigger.start)
    for count, m in enumerate(reversed(list(_WORD.finditer(before)))):
        word = m.group().lower()
        if word in c.determiners:
            return trigger.start - len(before) + m.start()
        if count >= c.gap_words or word in c.stops or word.endswith(("’s", "'s")):
            return None  # "Iran's seizure": the possessor is inside; it may be the agent
        if not nominal and not _NUMBER_OR_ADVERB.fullmatch(word):
            return None  # "the rebels captured Kidal": a subject, then a verb
    return None


def drop_agents_outside(event: HasAgents, trigger: Span, s: Sentence, *,
                        noun: bool | None = None) -> None:
    """Drop the agents named only before the noun phrase that holds ``trigger``, unless a
    light verb governs the phrase ("carried out the arrest of")."""
    if not event.agents:
        return
    start = noun_phrase_start(s, trigger, noun=noun)
    if start is None:
        return
    if cues().light_verb.search(s.text_between(max(s.start, start - 60), start)):
        return
    # an agent named inside the phrase ("the Iranian seizure") or after the trigger
    # ("the seizure of the tanker by Iran") stays
    inside = {r.entity for r in s.refs if r.start >= start}
    event.agents[:] = [a for a in event.agents if a in inside]
