"""Agreements: a trigger noun, the agents that reached it, and its sentence.

Rule (general, not tied to one article): in a sentence with an agreement noun,
the parties are the agents named after "with" or "between … and …" following
the noun, plus the agent that is the subject of a reaching verb (announced,
reached, signed…) before it.  Places named in the sentence are not parties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.gazetteer import EntityMention
from ingest.text import Span

TRIGGERS = re.compile(
    r"\b(agreement|accord|deal|memorandum|ceasefire|cease-fire|truce|pact|treaty)s?\b",
    re.IGNORECASE,
)
_REACHING_VERBS = re.compile(
    r"\b(announced|announces|reached|reaches|signed|signs|concluded|struck|sealed|agreed)\b",
    re.IGNORECASE,
)
_WITH = re.compile(r"^\W*(?:\w+\W+){0,3}?with\W+(?:the\W+)?$", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\W*$", re.IGNORECASE)
_AND = re.compile(r"^\W*(and|&)\W*$", re.IGNORECASE)


@dataclass(frozen=True)
class AgreementFinding:
    trigger: Span
    parties: tuple[EntityMention, ...]
    sentence: Span


def find_agreements(
    sentence: Span, mentions: list[EntityMention], is_agent: dict[str, bool]
) -> list[AgreementFinding]:
    agents = [m for m in mentions if is_agent.get(m.entity, False)]
    findings = []
    for match in TRIGGERS.finditer(sentence.text):
        trigger = Span(
            sentence.start + match.start(), sentence.start + match.end(), match.group()
        )
        parties = _parties(sentence, trigger, agents)
        if len({p.entity for p in parties}) >= 2:
            findings.append(AgreementFinding(trigger, tuple(parties), sentence))
    return findings


def _between(sentence: Span, start: int, end: int) -> str:
    return sentence.text[start - sentence.start : end - sentence.start]


def _parties(
    sentence: Span, trigger: Span, agents: list[EntityMention]
) -> list[EntityMention]:
    parties: list[EntityMention] = []
    after = [m for m in agents if m.span.start >= trigger.end]
    if after:
        gap = _between(sentence, trigger.end, after[0].span.start)
        if _WITH.match(gap):
            parties.append(after[0])
        elif _BETWEEN.search(gap):
            parties.extend(_coordinated(sentence, after))
    before = [m for m in agents if m.span.end <= trigger.start]
    if before:
        gap = _between(sentence, before[-1].span.end, trigger.start)
        if _REACHING_VERBS.search(gap) and "," not in gap:
            parties.insert(0, before[-1])
    unique: dict[str, EntityMention] = {}
    for party in parties:
        unique.setdefault(party.entity, party)
    return list(unique.values())


def _coordinated(sentence: Span, after: list[EntityMention]) -> list[EntityMention]:
    """'between A and B': A and the agent right after 'and'."""
    if len(after) < 2:
        return after[:1]
    if _AND.match(_between(sentence, after[0].span.end, after[1].span.start)):
        return after[:2]
    return after[:1]
