"""The one a passive trigger happened to, when a clause comes between it and its verb.

"X, who was indicted in 1995, was detained": X, past the relative clause (the nearest
name is inside it).  "X, a friend of President Y who was arrested": the relative after a
name in an "of" phrase of an apposition is on the apposition's head, X, never Y.
"""

from __future__ import annotations

import re

from conflict_kg.ingest.analysis import Sentence
from conflict_kg.ingest.entities import EntityFinder, Ref
from conflict_kg.ingest.text import Span

_AUX = r"(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:\w+ly\s+)?"
# ", who was indicted by the tribunal in 1995, was <trigger>"
_RELATIVE_GAP = re.compile(r",\s*(?:who|which)\b[^,;:()]{1,110},\s*" + _AUX + r"$",
                           re.IGNORECASE)
# "<name> who was <trigger>"
_WHO_AUX = re.compile(r"\s*,?\s*who\s+" + _AUX, re.IGNORECASE)
# "friend of (President) <name>": the name is inside an "of" phrase
_OF_BEFORE = re.compile(r"\b(?:of|to)\s+(?:[A-Z][\w.’'-]*\s+){0,2}$")
# "<name>, a politician and friend of ": an apposition on the name
_APPOSITION = re.compile(r",\s+(?:a|an|the)\s+[^,;:()]{1,90}$", re.IGNORECASE)


def _ref_ending_at(s: Sentence, finder: EntityFinder, position: int) -> Ref | None:
    """The name that ends right before ``position`` (spaces apart)."""
    refs = [r for r in s.agents(finder)
            if r.end <= position and not s.text_between(r.end, position).strip()]
    return refs[-1] if refs else None


def past_relative(s: Sentence, finder: EntityFinder, trigger: Span) -> Ref | None:
    """"X, who ..., was <trigger>": X."""
    before = s.text_between(max(s.start, trigger.start - 170), trigger.start)
    m = _RELATIVE_GAP.search(before)
    if m is None:
        return None
    return _ref_ending_at(s, finder, trigger.start - len(before) + m.start())


def who_in_of_phrase(s: Sentence, ref: Ref, trigger: Span) -> bool:
    """"friend of President Y who was <trigger>": "who" may stand for another than Y."""
    return _WHO_AUX.fullmatch(s.text_between(ref.end, trigger.start)) is not None \
        and _OF_BEFORE.search(s.text_between(max(s.start, ref.start - 40),
                                             ref.start)) is not None


def apposition_head(s: Sentence, finder: EntityFinder, ref: Ref) -> Ref | None:
    """"X, a friend of Y": X (None when no apposition names it)."""
    before = s.text_between(max(s.start, ref.start - 120), ref.start)
    m = _APPOSITION.search(before)
    if m is None:
        return None
    return _ref_ending_at(s, finder, ref.start - len(before) + m.start())
