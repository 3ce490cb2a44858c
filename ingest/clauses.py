"""Clause structure that every rule can share: asides blanked out, so a clause reads
subject - verb - object whatever comes between.

"Ecuador and Peru, whose troops have been fighting for a month, agreed to a truce" and
"The document, known as the X Declaration, was signed by" keep their subject next to their
verb once the comma-enclosed aside is replaced by spaces.  The text keeps its length, so
offsets found in the blanked text are offsets in the original.  The aside patterns are data
(``[clauses]`` in ``agreement-cues.toml``).
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

CUES_FILE = Path(__file__).resolve().parent / "agreement-cues.toml"


@lru_cache(maxsize=1)
def _cues() -> dict[str, str | list[str]]:
    clauses: dict[str, str | list[str]] = tomllib.loads(
        CUES_FILE.read_text(encoding="utf-8"))["clauses"]
    return clauses


@lru_cache(maxsize=1)
def _parentheticals() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in _cues()["parenthetical"])


@lru_cache(maxsize=8)
def pattern(name: str) -> re.Pattern[str]:
    """A clause cue of the data file by name (``signed_for``, ``signing_active``...)."""
    value = _cues()[name]
    assert isinstance(value, str)
    return re.compile(value, re.IGNORECASE)


def asides(text: str) -> list[tuple[int, int]]:
    """The spans of the comma-enclosed asides of ``text``, outermost first, in order
    (without the closing comma, which may open the next aside or end a list item).

    >>> t = "Ecuador and Peru, whose troops fought, agreed to a truce."
    >>> [t[a:b] for a, b in asides(t)]
    [', whose troops fought']
    """
    spans: list[tuple[int, int]] = []
    for rx in _parentheticals():
        for m in rx.finditer(text):
            # the closing comma stays: it may open the next aside or end a list item
            spans.append((m.start(), m.end() - 1))
    spans.sort()
    kept: list[tuple[int, int]] = []
    for begin, end in spans:
        if kept and begin < kept[-1][1]:
            continue
        kept.append((begin, end))
    return kept


def blank_asides(text: str) -> str:
    """``text`` with its asides (and the comma that closes each) replaced by spaces.

    >>> blank_asides("The document, known as the X Declaration, was signed by A.")
    'The document                              was signed by A.'
    """
    chars = list(text)
    for begin, end in asides(text):
        for i in range(begin, min(end + 1, len(chars))):
            chars[i] = " "
    return "".join(chars)


def inside_aside(text: str, position: int) -> bool:
    """Whether ``position`` of ``text`` lies inside one of its asides."""
    return any(begin <= position < end for begin, end in asides(text))
