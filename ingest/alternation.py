"""An alternation of words factored by their leading letters, so that ``re`` tries few branches.

``re`` tries the alternatives of ``(?i:minister|major|marshal|…)`` one after another at
every position of a text; with hundreds of role and rank names that is most of the
time a title pattern takes.  Written ``m(?:inister|a(?:jor|rshal))|…`` it tries one
branch per letter.  The answer stays the same: alternatives that begin with different
letters cannot match at the same position, and those that share one are tried in
their original order, so the first one that lets the whole pattern match is the one
it was before.  A level is factored only when every alternative there begins with an
ASCII letter or digit (no escape, class, group or empty alternative), compared
case-insensitively as ``re.IGNORECASE`` does for those characters.
"""

from __future__ import annotations

_QUANTIFIERS = frozenset("*+?{")


def factored(parts: list[str]) -> str:
    """``"|".join(parts)``, with the leading letters they share taken out where safe."""
    if len(parts) < 2 or not all(_plain_head(p) for p in parts):
        return "|".join(parts)
    groups: dict[str, list[str]] = {}
    for part in parts:
        groups.setdefault(part[0].lower(), []).append(part[1:])
    return "|".join(head + (rests[0] if len(rests) == 1 else "(?:" + factored(rests) + ")")
                    for head, rests in groups.items())


def _plain_head(part: str) -> bool:
    """Whether the part begins with one ASCII letter or digit that is not quantified."""
    return bool(part) and part[0].isascii() and part[0].isalnum() \
        and part[1:2] not in _QUANTIFIERS
