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
    light_verbs: tuple[str, ...]  # the patterns, for callers with their own context
    transitive: frozenset[str]
    also_intransitive: frozenset[str]
    relative_after: re.Pattern[str]
    phrase_before: re.Pattern[str]
    taking_part: frozenset[str]
    victim_verbs: frozenset[str]
    np_stops: frozenset[str]


@lru_cache(maxsize=1)
def cues() -> _Cues:
    """The word lists, read once on first use."""
    data = tomllib.loads(CUES_FILE.read_text(encoding="utf-8"))
    np = data["noun_phrase"]
    patterns = tuple(data["light_verbs"]["patterns"])
    verbs = "|".join(f"(?:{p})" for p in patterns)
    rr = data["reduced_relative"]
    preps = "|".join(re.escape(w) for w in rr["prepositions"])
    participles = "|".join(re.escape(w) for w in rr["participles"])
    phrase_preps = "|".join(re.escape(w) for w in rr["phrase_prepositions"])
    return _Cues(frozenset(np["determiners"]), frozenset(np["stops"]),
                 tuple(np["noun_endings"]), frozenset(np["not_a_head"]), int(np["gap_words"]),
                 re.compile(rf"\b(?:{verbs})\s+(?:[\w’'-]+\s+){{0,3}}$", re.IGNORECASE),
                 patterns, frozenset(rr["transitive"]), frozenset(rr["also_intransitive"]),
                 re.compile(rf"\s+(?:{preps})\b(?!\s+(?:least|most|\d|about|around|some)\b)",
                            re.IGNORECASE),
                 re.compile(rf"\b(?P<part>[a-z][\w-]*ed|{participles})\s+(?P<prep>{phrase_preps})\s+"
                            r"(?:(?:the|an?|this|that|its|their)\s+)?(?:[\w’'-]+\s+){0,2}$",
                            re.IGNORECASE),
                 frozenset(rr["taking_part"]), frozenset(rr["victim_verbs"]),
                 frozenset(rr["np_stops"]))


def light_verb_before(text: str, *, words: int = 4) -> bool:
    """A light verb of the data file, then an optional determiner and up to ``words``
    words, at the end of ``text``: "imposed a blockade", "launched the offensive"."""
    verbs = "|".join(f"(?:{p})" for p in cues().light_verbs)
    return re.search(rf"\b(?:{verbs})\s+(?:an?\s+|the\s+|its\s+|their\s+)?"
                     rf"(?:[\w’'-]+\s+){{0,{words}}}$", text, re.IGNORECASE) is not None


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


def _np_before(s: Sentence, end: int) -> tuple[int, bool] | None:
    """The noun phrase that ends at ``end`` (1-4 words, none a clause word): where it
    opens, and whether something comes before it in the sentence (the phrase is an object)."""
    c = cues()
    before = s.text_between(max(s.start, end - 60), end)
    words = list(_WORD.finditer(before))
    start = None
    for count, m in enumerate(reversed(words)):
        word = m.group().lower()
        at = end - len(before) + m.start()
        if word in c.determiners or _NUMBER_OR_ADVERB.fullmatch(word) and count > 0:
            start = at
            break
        if word in c.np_stops or count >= 4 or word.endswith(("’s", "'s")) and count > 0:
            return None
        start = at
    if start is None:
        return None
    opened = start > s.start and bool(s.text_between(s.start, start).strip())
    if not opened and not re.match(r"\s*$", s.text_between(s.start, start)):
        return None
    return start, opened


def reduced_relative_agents(event: HasAgents, trigger: Span, s: Sentence) -> None:
    """Drop the agents named before a reduced relative that holds ``trigger``.

    "Mali buried the soldiers killed in the ambush", "Ukraine mourned the Ukrainian sailors
    detained in the Gulf": the noun phrase is acted on, the subject before it reacts; a
    demonym inside it names the victims.  Agents after the trigger or right before a noun
    trigger ("killed in the Israeli strike") stay.
    """
    if not event.agents:
        return
    c = cues()
    words = trigger.text.split()
    after = s.text_between(trigger.end, min(s.span.end, trigger.end + 30))
    cut: int | None = None
    if words and words[-1].lower() in c.transitive and c.relative_after.match(after):
        # the trigger is the participle: "the sailors detained in the Gulf"
        np = _np_before(s, trigger.start)
        # a verb also used without an object needs the phrase to be a verb's object ("mourned
        # the troops attacked near X"), not a clause's subject ("said troops attacked near X")
        alone = words[-1].lower() in c.also_intransitive
        if np is not None and ((np[1] and not (alone and _CLAUSE_OPENER.search(
                s.text_between(max(s.start, np[0] - 20), np[0])))) or not alone
                or _MAIN_VERB_LATER.search(s.text_between(
                    trigger.end, min(s.span.end, trigger.end + 100)))):
            cut = trigger.start
    if cut is None:
        # the trigger is a noun in the participle's phrase: "killed in the ambush"
        before = s.text_between(max(s.start, trigger.start - 60), trigger.start)
        m = c.phrase_before.search(before)
        if m is not None:
            part = m.group("part").lower()
            part_start = trigger.start - len(before) + m.start("part")
            np = _np_before(s, part_start)
            if np is not None and (np[1] or _MAIN_VERB_LATER.search(
                    s.text_between(trigger.end, min(s.span.end, trigger.end + 100)))):
                cut = np[0] if part in c.taking_part else part_start
            elif part not in c.taking_part and (part in c.victim_verbs or _PASSIVE_AUX.search(
                    s.text_between(max(s.start, part_start - 20), part_start))):
                # "two Canadian soldiers were killed in an ambush": the subject was harmed
                cut = part_start
    if cut is None:
        return
    kept = {r.entity for r in s.refs if r.start >= cut}
    event.agents[:] = [a for a in event.agents if a in kept]


# the auxiliary of a passive right before the participle ("were killed", "had been wounded")
_PASSIVE_AUX = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
# words that open a clause, whose subject the noun phrase after them is
_CLAUSE_OPENER = re.compile(r"(?:\b(?:said|says|say|that|claimed|reported|told|added|denied|"
                            r"confirmed|announced|stated|when|after|as|while|because|since|and|"
                            r"but|where|before|until|if)|[,;:])\s*$", re.IGNORECASE)
# a sentence that opens with the noun phrase has its main verb later: "Ukrainian sailors
# detained in the Gulf were freed" (not "Russian troops attacked at dawn")
_MAIN_VERB_LATER = re.compile(r"^(?:(?!\band\b)[^;:])*?\b(?:was|were|are|is|have\s+been|"
                              r"has\s+been|had\s+been|will\s+be)\s+(?:\w+ly\s+)?\w+(?:ed|en)\b",
                              re.IGNORECASE)
