"""Quantities: counts and ranges with units, lower and upper bounds kept.

What a count counts (people, materiel, targets...) comes from the data file
``quantity-lexicon.toml`` beside this module, so is which word makes a bare
number after a verb a count of people ("wounding 34").

>>> q = find_quantities("a 15- to 20-kilometer (approximately nine to 12 miles) zone", 0)
>>> [(x.lower, x.upper, x.unit) for x in q]
[(15, 20, 'kilometre'), (9, 12, 'mile')]
>>> q = find_quantities("more than 30,000 people fled", 0)[0]
>>> (q.lower, q.upper, q.value, q.counted, q.category)
(30000, None, None, 'people', 'people')
>>> [(x.value, x.counted) for x in find_quantities("struck twelve targets and Syria 200 times", 0)]
[(12, 'targets'), (200, 'times')]
>>> [(x.value, x.counted) for x in find_quantities("killing two Ruritanian marines", 0)]
[(2, 'Ruritanian marines')]
>>> [(x.value, x.category) for x in find_quantities("No one was hurt, and nobody fled.", 0)]
[(0, 'people'), (0, 'people')]
>>> [(x.value, x.category) for x in find_quantities("killing five and wounding 12.", 0)]
[(5, 'people'), (12, 'people')]
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from conflict_kg.ingest.numbers import NUMBER, parse_number
from conflict_kg.ingest.prefilter import prefiltered
from conflict_kg.ingest.text import Span

LEXICON_FILE = Path(__file__).resolve().parent / "quantity-lexicon.toml"

_UNITS = {
    "kilometer": "kilometre", "kilometre": "kilometre", "km": "kilometre",
    "mile": "mile", "minute": "minute", "day": "day",
}
_UNIT = r"(?:kilomet(?:er|re)s?|km|miles?|minutes?|days?)"
_HEDGE = r"(?P<hedge>about|around|approximately|roughly|nearly|almost|some|an estimated)\s+"
_BOUND = r"(?P<bound>more than|over|at least|fewer than|less than|up to|as many as)\s+"
# Words that end the modifiers between a number and what it counts.
_STOP = (r"(?:and|or|but|nor|were|was|are|is|be|been|being|had|has|have|will|would|could|in|"
         r"on|at|to|by|from|with|who|whom|which|that|than|of|for|into|after|before|during|"
         r"since|as|while|if|when|where|a|an|the|more|less|per|killed|wounded|injured|dead|"
         r"died|among|including)")
_MODIFIER = rf"(?!{_STOP}\b)[A-Za-z][\w’'-]*\s+"
_OF = r"(?:of\s+(?:the|its|their|our|his|her|these|those)\s+)?"
# What may follow a bare number after a casualty verb ("wounding 34, officials said").
_BARE_FOLLOW = (r"(?=\s*(?:[,.;:)]|$)|\s+(?:and|or|in|on|at|during|when|while|after|before|as|"
                r"including|among|others|more)\b)")


@dataclass(frozen=True)
class QuantityMention:
    span: Span
    value: float | int | None
    lower: float | int | None
    upper: float | int | None
    unit: str | None
    counted: str | None
    approximate: bool
    # people, materiel, other, toll (see quantity-lexicon.toml); None for measures
    category: str | None = None


@dataclass(frozen=True)
class Lexicon:
    single: re.Pattern[str]
    zero: re.Pattern[str]
    bare: re.Pattern[str]
    bare_verb: re.Pattern[str]
    extend: re.Pattern[str]  # more words of a compound noun ("Artillery Rocket Systems")
    categories: dict[str, str]  # lower-cased noun (singular or plural) -> category
    plurals: frozenset[str]
    data: dict[str, dict[str, Any]]  # the raw tables (patterns and lists for the event rules)


def _plural(word: str) -> str:
    if word.endswith("man"):
        return word[:-3] + "men"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(?:s|x|ch|sh)$", word):
        return word + "es"
    return word + "s"


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, read once on first use (never at import time)."""
    data = tomllib.loads(LEXICON_FILE.read_text(encoding="utf-8"))
    counted = data["counted"]
    categories: dict[str, str] = {}
    plurals: set[str] = set()
    for category in ("people", "materiel", "other", "toll"):
        for word in counted[category]:
            categories[word] = category
            if category != "toll":
                categories[_plural(word)] = category
                plurals.add(_plural(word))
    for word in counted["invariant"]:
        categories[word] = "people" if word in counted["invariant_people"] else "materiel"
    nouns = sorted(categories, key=lambda w: (-len(w), w))
    noun = "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in nouns) + ")"
    counted_re = rf"(?P<counted>{_OF}(?:{_MODIFIER}){{0,4}}?{noun}\b)"
    single = re.compile(
        rf"(?<![\w-])(?:{_BOUND}|{_HEDGE})?(?P<n>{NUMBER})(?:-|\s+)(?:(?P<unit>{_UNIT})\b|"
        rf"{counted_re})", re.IGNORECASE)
    people = "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in nouns
                              if categories[w] == "people") + ")"
    zero = re.compile(rf"\b(?:no\s+one|nobody|no\s+(?:{_MODIFIER}){{0,2}}?{people})\b",
                      re.IGNORECASE)
    bare = re.compile(rf"(?<![\w-])(?:{_BOUND}|{_HEDGE})?(?P<n>{NUMBER}){_BARE_FOLLOW}",
                      re.IGNORECASE)
    bare_verb = re.compile(data["casualty"]["verbs_before_bare"], re.IGNORECASE)
    extend = re.compile(rf"\s+(?:{_MODIFIER}){{0,2}}?{noun}\b", re.IGNORECASE)
    return Lexicon(single, zero, bare, bare_verb, extend, categories, frozenset(plurals), data)


def lexicon_pattern(table: str, key: str) -> re.Pattern[str]:
    """A pattern of the lexicon's tables (``[casualty] deaths``…), compiled once."""
    return _compiled(table, key)


@lru_cache(maxsize=64)
def _compiled(table: str, key: str) -> re.Pattern[str]:
    return re.compile(lexicon().data[table][key], re.IGNORECASE)


_RANGE = prefiltered(
    rf"\b(?:between\s+)?(?P<lo>{NUMBER})(?:-|\s)?(?:\s*(?:to|and|-|–)\s*)(?P<hi>{NUMBER})"
    rf"(?:-|\s+)(?P<unit>{_UNIT})\b",
    re.IGNORECASE,
)

_MAY_HAVE_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|teen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|dozen|hundred|nobody)", re.IGNORECASE)


def find_quantities(text: str, offset: int) -> list[QuantityMention]:
    if not _MAY_HAVE_NUMBER.search(text):
        return []
    lex = lexicon()
    found: list[QuantityMention] = []
    taken: list[tuple[int, int]] = []

    def free(m: re.Match[str]) -> bool:
        return not any(s < m.end() and m.start() < e for s, e in taken)

    def add(m: re.Match[str], q: QuantityMention) -> None:
        found.append(q)
        taken.append((m.start(), m.end()))

    for m in lex.zero.finditer(text):
        add(m, QuantityMention(Span(offset + m.start(), offset + m.end(), m.group()), 0, None,
                               None, None, None, False, "people"))
    for m in _RANGE.finditer(text):
        lo, hi = parse_number(m["lo"]), parse_number(m["hi"])
        if lo is None or hi is None or lo > hi or not free(m):
            continue
        span = Span(offset + m.start(), offset + m.end(), m.group())
        add(m, QuantityMention(span, None, lo, hi, _UNITS[_unit_key(m["unit"])], None, False))
    for m in lex.single.finditer(text):
        if not free(m):
            continue
        n = parse_number(m["n"])
        if n is None:
            continue
        value, lower, upper = _bounds(n, m["bound"])
        unit = _UNITS[_unit_key(m["unit"])] if m["unit"] else None
        end = m.end()
        if m["counted"]:
            head = m["counted"].split()[-1]
            more = lex.extend.match(text, end)
            while more is not None and (head[0].isupper() or head.lower() not in lex.plurals):
                end = more.end()  # the head was a modifier: "four Artillery Rocket Systems"
                head = more.group().split()[-1]
                more = lex.extend.match(text, end)
        counted = " ".join(text[m.start("counted"):end].split()) if m["counted"] else None
        category = _category(lex, counted) if counted else None
        span = Span(offset + m.start(), offset + end, text[m.start():end])
        taken.append((m.start(), end))
        add(m, QuantityMention(span, value, lower, upper, unit, counted, bool(m["hedge"]),
                               category))
    for m in lex.bare.finditer(text):
        # "killing five and wounding 12": a bare number after a casualty verb counts people
        if not free(m) or not lex.bare_verb.search(text[max(0, m.start() - 20):m.start()]):
            continue
        n = parse_number(m["n"])
        if n is None:
            continue
        value, lower, upper = _bounds(n, m["bound"])
        span = Span(offset + m.start(), offset + m.end(), m.group())
        add(m, QuantityMention(span, value, lower, upper, None, None, bool(m["hedge"]),
                               "people"))
    found.sort(key=lambda q: q.span.start)
    return found


def _bounds(n: float | int, bound: str | None
            ) -> tuple[float | int | None, float | int | None, float | int | None]:
    """(value, lower, upper) of a number and the bound word before it."""
    bound = (bound or "").lower()
    if bound in ("more than", "over", "at least"):
        return None, n, None
    if bound in ("fewer than", "less than", "up to", "as many as"):
        return None, None, n
    return n, None, None


def _category(lex: Lexicon, counted: str) -> str | None:
    """The category of the noun a counted phrase ends in."""
    words = counted.lower().split()
    for size in (2, 1):
        head = " ".join(words[-size:])
        if head in lex.categories:
            return lex.categories[head]
    return None


def _unit_key(word: str) -> str:
    word = word.lower()
    return word[:-1] if word.endswith("s") and word[:-1] in _UNITS else word


# A number (with its hedge or bound) right before a word: "three", "about 600", "two other".
_COUNT_BEFORE = re.compile(rf"(?<![\w-])(?:{_BOUND}|{_HEDGE})?(?P<n>{NUMBER})\s+"
                           r"(?:(?:other|more|further)\s+)?$", re.IGNORECASE)


def demonym_counts(text: str, offset: int, demonyms: list[Span],
                   found: list[QuantityMention]) -> list[QuantityMention]:
    """``found`` plus the counts of people named by a plural demonym: "Three Americans were
    killed", "two other Kenyans" (the demonyms are the entity finder's; a state's people are
    people, whatever the nationality).  A demonym inside a count already found is left alone
    ("two Ruritanian marines")."""
    out = list(found)
    for d in demonyms:
        word = d.text
        if not (word.endswith("s") or word.lower().endswith("ese")) or any(
                q.span.start <= d.start < q.span.end for q in found):
            continue
        lo = d.start - offset
        m = _COUNT_BEFORE.search(text, max(0, lo - 40), lo)
        if m is None or not word[:1].isupper():
            continue
        n = parse_number(m["n"])
        if n is None:
            continue
        value, lower, upper = _bounds(n, m["bound"])
        span = Span(offset + m.start(), d.end, text[m.start():d.end - offset])
        out.append(QuantityMention(span, value, lower, upper, None, word, bool(m["hedge"]),
                                   "people"))
    out.sort(key=lambda q: q.span.start)
    return out
