"""Skip a regex scan when the text cannot match: a check for the words a match must contain.

Python's ``re`` tries a pattern such as ``\\b(?:said|told|…)\\b`` at every
position of a sentence; most rule patterns match in few sentences, yet each
scan costs tens of microseconds.  :func:`needles` reads a compiled pattern's
syntax tree and finds literal strings one of which every match contains (for
``\\b(?:shot\\s+down|downed)\\b``: ``down``); :class:`Prefiltered` looks for
them in the lower-cased text with ``str.__contains__`` (fast, in C) and only
scans when one is there.  The answer is therefore the same as the plain
pattern's, with one exception handled: a few characters match a letter
case-insensitively in ``re`` but do not lower-case to it (long s, dotted
capital I…); a text with one of them is always scanned.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

# Characters outside ASCII that ``re`` matches case-insensitively against a character
# whose str.lower() differs from theirs (Greek and Cyrillic variants, long s, dotless i…),
# and U+0130, whose lower-case form is two characters.  tests/ingest/test_prefilter.py
# derives the set again from every code point and re's own case tables.
UNSAFE = frozenset(
    "\u00b5\u0130\u0131\u017f\u0345\u0390\u0392\u0395\u0398\u0399\u039a\u039c\u03a0"
    "\u03a1\u03a3\u03a6\u03b0\u03b2\u03b5\u03b8\u03b9\u03ba\u03bc\u03c0\u03c1\u03c2"
    "\u03c3\u03c6\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f4\u03f5\u0412\u0414\u041e"
    "\u0421\u0422\u042a\u0432\u0434\u043e\u0441\u0442\u044a\u0462\u0463\u1c80\u1c81"
    "\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88\u1e60\u1e61\u1e9b\u1fbe\u1fd3\u1fe3"
    "\ua64a\ua64b\ufb05\ufb06"
)
_UNSAFE_RE = re.compile("[" + re.escape("".join(sorted(UNSAFE))) + "]")


def needles(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-case strings one of which every match of ``pattern`` contains; None if unknown."""
    try:
        found = _required(sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - a parser this code does not know: always scan
        return None
    if not found or any(c in UNSAFE for needle in found for c in needle):
        return None
    kept: list[str] = []
    for needle in sorted(found, key=lambda n: (len(n), n)):
        if not any(k in needle for k in kept):  # "say" already covers "saying"
            kept.append(needle)
    return tuple(kept)


def _required(items: Any) -> set[str] | None:
    """For a sequence of regex items: the best set among its parts that every match needs."""
    candidates: list[set[str]] = []
    run = ""
    for op, av in items:
        if op is sre.LITERAL:
            run += chr(av).lower()
            continue
        if run:
            candidates.append({run})
            run = ""
        part: set[str] | None = None
        if op is sre.SUBPATTERN:
            part = _required(av[3])
        elif op is sre.BRANCH:
            alternatives = [_required(a) for a in av[1]]
            if all(a for a in alternatives):
                part = set().union(*[a for a in alternatives if a])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            part = _required(av[2])
        elif op is sre.ATOMIC_GROUP:
            part = _required(av)
        if part:
            candidates.append(part)
    if run:
        candidates.append({run})
    if not candidates or any(not "".join(c) for c in candidates):
        return None
    # the most selective: longest shortest needle, then fewest needles
    return max(candidates, key=lambda c: (min(len(n) for n in c), -len(c)))


_END = sys.maxsize
# The last text lowered and its lower-case form (None: unsafe to prefilter), as one tuple
# replaced whole, so that threads extracting at the same time never pair one text with
# another's lower-case form.
_last: tuple[str | None, str | None] = (None, None)


def _lowered(text: str) -> str | None:
    """``text.lower()``, or None when the text has a character that makes it unsafe."""
    global _last
    last = _last
    if text is last[0]:
        return last[1]
    lowered = text.lower() if text.isascii() or not _UNSAFE_RE.search(text) else None
    _last = (text, lowered)
    return lowered


class Prefiltered:
    """A compiled pattern whose whole-text ``search``/``finditer`` skip hopeless texts.

    Calls with ``pos``/``endpos`` go straight to the pattern (no prefilter).
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.needles = needles(pattern)

    def may_match(self, text: str) -> bool:
        needles = self.needles
        if needles is None:
            return True
        lowered = _lowered(text)
        if lowered is None:
            return True
        for needle in needles:
            if needle in lowered:
                return True
        return False

    # search and finditer repeat may_match's body: they run some thirty times a sentence
    def search(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        needles = self.needles
        if needles is not None and pos == 0 and endpos == _END:
            lowered = _lowered(text)
            if lowered is not None:
                for needle in needles:
                    if needle in lowered:
                        break
                else:
                    return None
        return self.pattern.search(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0,
                 endpos: int = _END) -> Iterator[re.Match[str]]:
        needles = self.needles
        if needles is not None and pos == 0 and endpos == _END:
            lowered = _lowered(text)
            if lowered is not None:
                for needle in needles:
                    if needle in lowered:
                        break
                else:
                    return iter(())
        return self.pattern.finditer(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        return self.pattern.match(text, pos, endpos)


def prefiltered(pattern: str, flags: int = 0) -> Prefiltered:
    return Prefiltered(re.compile(pattern, flags))


class AnyOf:
    """Whether any of several patterns matches somewhere in a text, in one prefiltered scan.

    The alternation ``(?:p1)|(?:p2)|…`` finds a match in a text exactly when one of the
    patterns does (it tries each alternative at each position), so it answers the same
    question with one scan instead of one per pattern.  Patterns that cannot be joined
    without changing their meaning (different flags, group names or back-references,
    whose numbers would shift) are scanned one by one, each prefiltered.
    """

    def __init__(self, patterns: tuple[re.Pattern[str], ...]) -> None:
        self.patterns = patterns
        joined = _alternation(patterns)
        self._scans = (Prefiltered(joined),) if joined is not None \
            else tuple(Prefiltered(p) for p in patterns)

    def search(self, text: str) -> bool:
        for scan in self._scans:
            if scan.search(text) is not None:
                return True
        return False


def _alternation(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str] | None:
    """The patterns as one alternation, or None when joining them could change a match."""
    if not patterns or len({p.flags for p in patterns}) != 1:
        return None
    for p in patterns:
        if p.groupindex or _has_group_reference(sre_parse.parse(p.pattern, p.flags)):
            return None
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)
    except re.error:  # a global inline flag ("(?i)") is only allowed at the very start
        return None


def _has_group_reference(items: Any) -> bool:
    for op, av in items:
        if op in (sre.GROUPREF, sre.GROUPREF_EXISTS):  # "\\1", "(?P=name)", "(?(1)…)"
            return True
        children: list[Any] = []
        if op is sre.SUBPATTERN:
            children = [av[3]]
        elif op is sre.BRANCH:
            children = list(av[1])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            children = [av[2]]
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            children = [av[1]]
        elif op is sre.ATOMIC_GROUP:
            children = [av]
        if any(_has_group_reference(child) for child in children):
            return True
    return False
