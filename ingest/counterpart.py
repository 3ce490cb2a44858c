"""The state of a signer whose post names no state, read from its counterpart.

"signed by President A and President B of Russia" in a sentence about Ukraine and Russia:
one state has one president, so A is not Russia's; the one other state the sentence names
is A's.  Only for the same head-of-state or head-of-government title on both sides, and
only when exactly one other state is named: otherwise A stays without a state (a missing
party is better than a false one).  With different titles ("President A and the Soviet
leader, B"), a titled head of state signs for the one state the sentence joins by "and" to
the counterpart's ("talks between the United States and the Soviet Union"), or for none.
"""

from __future__ import annotations

import re

from conflict_kg.ingest.analysis import Sentence
from conflict_kg.ingest.entities import EntityFinder, Ref

_HEAD_TITLE = re.compile(r"^\W*(?P<title>President|Prime\s+Minister|King|Emperor|Chancellor|"
                         r"Premier|Emir|Sultan)\s+", re.IGNORECASE)
# a state named as the venue ("in Kharkiv, Ukraine") or inside a by-phrase is no counterpart
_VENUE = re.compile(r"\b(?:in|at|near|outside)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", re.IGNORECASE)


def counterpart_state(finder: EntityFinder, s: Sentence, items: list[tuple[str, Ref]],
                      stated: dict[str, str]) -> tuple[Ref, str] | None:
    """(the stateless signer, its state) for a list of two titled signers, or None.

    ``items`` are (the list item's text, the person) in order; ``stated`` maps a person's
    entity to the state its item names."""
    if len(items) != 2:
        return None
    titles = [_HEAD_TITLE.match(text) for text, _ in items]
    bare = [p for _, p in items if p.entity not in stated]
    known = {stated[p.entity] for _, p in items if p.entity in stated}
    if len(bare) != 1 or len(known) != 1:
        return None
    if any(t is None for t in titles) or len({_fold(t["title"]) for t in titles if t}) != 1:
        # "President X and the Soviet leader, Y, signed …, the fruit of talks between the
        # United States and the Soviet Union": a head of state whose counterpart's state is
        # paired with one other state in the sentence signs for that one
        bare_title = next(t for (_, p), t in zip(items, titles, strict=True) if p is bare[0])
        if bare_title is None:
            return None
        paired = _paired_with(finder, s, next(iter(known)))
        return (bare[0], paired) if paired is not None else None
    named = [finder.state_of(r.entity) for r in s.refs
             if r.how != "anaphora" and r.end <= bare[0].start
             and not _VENUE.search(s.text_between(max(s.start, r.start - 40), r.start))]
    others = {state for state in named if state is not None} - known
    if len(others) != 1:
        return None
    return bare[0], others.pop()


def _paired_with(finder: EntityFinder, s: Sentence, state: str) -> str | None:
    """The one state the sentence joins to ``state`` by "and" ("between A and B"), if one."""
    states = [(r, finder.state_of(r.entity)) for r in s.refs
              if r.how not in ("anaphora", "demonym") and finder.is_a(r.entity, "State")]
    found = set()
    for (a, sa), (b, sb) in zip(states, states[1:], strict=False):
        if state in (sa, sb) and sa != sb and _AND.fullmatch(s.text_between(a.end, b.start)):
            found.add(sb if sa == state else sa)
    return found.pop() if len(found) == 1 else None


_AND = re.compile(r"\s*(?:,\s*)?and\s+(?:the\s+)?")


def _fold(title: str) -> str:
    return " ".join(title.lower().split())
