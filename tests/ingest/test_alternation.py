"""A factored alternation finds the same matches, with the same groups, as the plain one."""

from __future__ import annotations

import random
import re

from conflict_kg.ingest import entities
from conflict_kg.ingest.alternation import factored


def test_shared_leading_letters_are_taken_out() -> None:
    assert factored(["ab", "ac", "b"]) == "a(?:b|c)|b"
    assert factored(["Minister", "major", "marshal"]) == "m(?:inister|a(?:jor|rshal))"
    assert factored(["ab", "a"]) == "a(?:b|)"  # the longer first, as given


def test_levels_with_an_escape_a_class_or_nothing_stay_as_given() -> None:
    assert factored(["a", r"\.b"]) == r"a|\.b"
    assert factored(["ab", "a[cs]"]) == "a(?:b|[cs])"
    assert factored([r"a\s+b", "a"]) == r"a(?:\s+b|)"
    assert factored(["a+", "ab"]) == "a+|ab"  # a quantified letter is not factored
    assert factored(["é", "e"]) == "é|e"  # beyond ASCII: as given


def _words(rng: random.Random) -> set[str]:
    letters = "abcdeKks"
    return {" ".join("".join(rng.choice(letters) for _ in range(rng.randint(1, 4)))
                     for _ in range(rng.randint(1, 3))) + rng.choice(["", ".", "-x", " ."])
            for _ in range(rng.randint(1, 30))}


def test_same_matches_as_the_plain_alternation() -> None:
    rng = random.Random(17)
    for _ in range(300):
        words = _words(rng)
        parts = entities._alternatives(words)
        # in a pattern with a continuation, as the title pattern has one after its roles
        slow = re.compile(rf"(?P<w>(?i:{'|'.join(parts)}))(?P<rest>\s+[A-Z]\w*)?")
        fast = re.compile(rf"(?P<w>(?i:{factored(parts)}))(?P<rest>\s+[A-Z]\w*)?")
        for _ in range(20):
            text = " ".join(rng.choice([*words, "K", "\u212a", "ſ", "Abc", "x"])
                            for _ in range(rng.randint(1, 8)))
            assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] \
                == [(m.span(), m.groupdict()) for m in slow.finditer(text)], (words, text)
