"""The prefilter never changes what a pattern finds, only how fast a hopeless text is skipped."""

from __future__ import annotations

import _sre
import random
import re
import sys
from re import _casefix  # type: ignore[attr-defined]

from conflict_kg.ingest import agreements, claims, dates, entities, events, frames, quantities
from conflict_kg.ingest.prefilter import UNSAFE, Prefiltered, needles

MODULES = (agreements, claims, dates, entities, events, quantities)


def _wrapped() -> list[Prefiltered]:
    found = [v for m in MODULES for v in vars(m).values() if isinstance(v, Prefiltered)]
    found += [f.triggers for f in frames.frames().frames]
    found += [p for p, _c in claims._CERTAINTY]
    return found


def _texts() -> list[str]:
    rng = random.Random(5)
    words = ("Russian jets shot the plane down said told Moscow October 10 last week “quote” "
             "agreement zone patrolled 15- to 20-kilometer withdrew SAID Shot DOWN ſaid İn "
             "Kelvin \u212a coordination Monday 2018-09-17 in 2017 the past three years "
             "more than 30,000 people 15 km twelve targets 200 times").split()
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 14))) for _ in range(400)]
    return texts + ["", "nothing to see here", "ſhot down", "SHOT DOWN", "the İsraeli attack"]


def test_some_patterns_are_wrapped_and_have_needles() -> None:
    wrapped = _wrapped()
    assert len(wrapped) > 20
    assert sum(1 for p in wrapped if p.needles) > 20


def test_same_matches_as_the_plain_pattern() -> None:
    for text in _texts():
        for p in _wrapped():
            plain = [(m.start(), m.end()) for m in p.pattern.finditer(text)]
            assert [(m.start(), m.end()) for m in p.finditer(text)] == plain, (text, p.pattern)
            assert (p.search(text) is None) == (not plain)


def test_needles_are_required() -> None:
    assert needles(re.compile(r"\b(?:shot\s+down|downed)\b", re.IGNORECASE)) == ("shot", "downed")
    assert needles(re.compile(r"\bfoo|bar?\b")) == ("ba", "foo")
    assert needles(re.compile(r"\w+")) is None  # nothing literal: always scanned
    assert needles(re.compile(r"(?:said)?\s")) is None  # optional: not required
    p = Prefiltered(re.compile(r"\bsaid\b", re.IGNORECASE))
    assert p.search("He SAID so") is not None
    assert p.search("\u017fAID") is not None  # long s matches s case-insensitively in re
    assert p.search("He spoke") is None


def test_unsafe_characters_are_all_listed() -> None:
    """Derive the characters whose case-insensitive match in re disagrees with str.lower()."""
    groups: dict[int, set[int]] = {}
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        groups.setdefault(_sre.unicode_tolower(cp), set()).add(cp)
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for lower, extras in _casefix._EXTRA_CASES.items():
        for extra in extras:
            a, b = root(lower), root(extra)
            if a != b:
                parent[a] = b
    merged: dict[int, set[int]] = {}
    for lower, members in groups.items():
        merged.setdefault(root(lower), set()).update(members)
    expected = {chr(cp) for members in merged.values()
                if len({chr(m).lower() for m in members}) > 1 for cp in members if cp > 127}
    expected |= {chr(cp) for cp in range(128, sys.maxunicode + 1)
                 if not 0xD800 <= cp <= 0xDFFF and len(chr(cp).lower()) != 1}
    assert expected <= UNSAFE
