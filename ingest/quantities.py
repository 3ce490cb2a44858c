"""Quantities: counts and ranges with units, lower and upper bounds kept.

>>> q = find_quantities("a 15- to 20-kilometer (approximately nine to 12 miles) zone", 0)
>>> [(x.lower, x.upper, x.unit) for x in q]
[(15, 20, 'kilometre'), (9, 12, 'mile')]
>>> q = find_quantities("more than 30,000 people fled", 0)[0]
>>> (q.lower, q.upper, q.value, q.counted)
(30000, None, None, 'people')
>>> [(x.value, x.counted) for x in find_quantities("struck twelve targets and Syria 200 times", 0)]
[(12, 'targets'), (200, 'times')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from conflict_kg.ingest.numbers import NUMBER, parse_number
from conflict_kg.ingest.prefilter import prefiltered
from conflict_kg.ingest.text import Span

_UNITS = {
    "kilometer": "kilometre", "kilometre": "kilometre", "km": "kilometre",
    "mile": "mile", "minute": "minute", "day": "day",
}
_UNIT = r"(?:kilomet(?:er|re)s?|km|miles?|minutes?|days?)"
_HEDGE = r"(?P<hedge>about|around|approximately|roughly|nearly|almost|some|an estimated)\s+"
_BOUND = r"(?P<bound>more than|over|at least|fewer than|less than|up to|as many as)\s+"
# What is counted: up to three words ending in a noun-ish word, e.g. "Russian servicemen".
_COUNTED_NOUNS = (
    "people", "persons", "civilians", "soldiers", "servicemen", "troops", "fighters", "members",
    "crew", "pilots", "missiles", "rockets", "targets", "times", "sites", "facilities", "strikes",
    "airstrikes", "air strikes", "jets", "aircraft", "planes", "tanks", "systems", "batteries",
    "positions", "killed", "dead", "service members", "crew members", "sailors", "airmen",
)
_COUNTED = (
    r"(?P<counted>(?:[A-Za-z][\w-]*\s+){0,2}?(?:" + "|".join(_COUNTED_NOUNS) + r")\b)"
)

_RANGE = prefiltered(
    rf"\b(?:between\s+)?(?P<lo>{NUMBER})(?:-|\s)?(?:\s*(?:to|and|-|–)\s*)(?P<hi>{NUMBER})"
    rf"(?:-|\s+)(?P<unit>{_UNIT})\b",
    re.IGNORECASE,
)
_SINGLE = prefiltered(
    rf"(?<![\w-])(?:{_BOUND}|{_HEDGE})?(?P<n>{NUMBER})(?:-|\s+)(?:(?P<unit>{_UNIT})\b|{_COUNTED})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class QuantityMention:
    span: Span
    value: float | int | None
    lower: float | int | None
    upper: float | int | None
    unit: str | None
    counted: str | None
    approximate: bool


_MAY_HAVE_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|teen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|dozen|hundred)", re.IGNORECASE)


def find_quantities(text: str, offset: int) -> list[QuantityMention]:
    if not _MAY_HAVE_NUMBER.search(text):
        return []
    found: list[QuantityMention] = []
    taken: list[tuple[int, int]] = []
    for m in _RANGE.finditer(text):
        lo, hi = parse_number(m["lo"]), parse_number(m["hi"])
        if lo is None or hi is None or lo > hi:
            continue
        span = Span(offset + m.start(), offset + m.end(), m.group())
        found.append(QuantityMention(span, None, lo, hi, _UNITS[_unit_key(m["unit"])], None,
                                     False))
        taken.append((m.start(), m.end()))
    for m in _SINGLE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        n = parse_number(m["n"])
        if n is None:
            continue
        bound = (m["bound"] or "").lower()
        value = lower = upper = None
        if bound in ("more than", "over", "at least"):
            lower = n
        elif bound in ("fewer than", "less than", "up to", "as many as"):
            upper = n
        else:
            value = n
        unit = _UNITS[_unit_key(m["unit"])] if m["unit"] else None
        counted = " ".join(m["counted"].split()) if m["counted"] else None
        span = Span(offset + m.start(), offset + m.end(), m.group())
        found.append(QuantityMention(span, value, lower, upper, unit, counted, bool(m["hedge"])))
        taken.append((m.start(), m.end()))
    found.sort(key=lambda q: q.span.start)
    return found


def _unit_key(word: str) -> str:
    word = word.lower()
    return word[:-1] if word.endswith("s") and word[:-1] in _UNITS else word
