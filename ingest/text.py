"""Sentences and tokens with character offsets into the document text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# Abbreviations that end with a period but do not end a sentence.
_ABBREVIATIONS = {
    "gen", "maj", "lt", "col", "capt", "sgt", "adm", "brig", "cmdr", "mr", "mrs", "ms",
    "dr", "prof", "st", "jr", "sr", "no", "vs", "u.s", "u.n", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "e.g", "i.e",
}
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s+|$)|\n\s*\n")
_LAST_WORD = re.compile(r"([\w.]+)$")
_TIME_OF_DAY = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*[ap]\.m$", re.IGNORECASE)
_LOWER_NEXT = re.compile(r"\s+[a-z]")
TOKEN = re.compile(r"\w+(?:[-.]\w+)*|[^\w\s]", re.UNICODE)


class Span:
    """A piece of the document text and its offsets; a value (equal by fields, hashable).

    A plain class with slots rather than a frozen dataclass: extraction makes
    hundreds of thousands of spans, and a frozen dataclass's ``__init__`` is
    several times slower.  Treat it as immutable.
    """

    __slots__ = ("start", "end", "text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Span:
            return NotImplemented
        assert isinstance(other, Span)
        return self.start == other.start and self.end == other.end and self.text == other.text

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text))

    def __repr__(self) -> str:
        return f"Span(start={self.start!r}, end={self.end!r}, text={self.text!r})"


def fold(text: str) -> str:
    """Case- and diacritic-insensitive form used for matching.

    >>> fold("Erdoğan’s")
    "erdogan's"
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("’", "'").replace("‘", "'").casefold()


def sentences(text: str) -> Iterator[Span]:
    """Split into sentences; each keeps its offsets.

    >>> [s.text for s in sentences("Maj. Gen. Ivanov spoke. Then he left.")]
    ['Maj. Gen. Ivanov spoke.', 'Then he left.']
    """
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if match.group().startswith(".") and _is_abbreviation(text, match.start()):
            continue
        if match.group().startswith(".") and _TIME_OF_DAY.search(
                text[max(0, match.start() - 12):match.start()]) and \
                _LOWER_NEXT.match(text, match.end()):
            continue  # "at 6 p.m. on Friday": the time's dot, not the sentence's end
        yield from _trimmed(text, start, end)
        start = end
    yield from _trimmed(text, start, len(text))


def _is_abbreviation(text: str, dot: int) -> bool:
    word = _LAST_WORD.search(text[max(0, dot - 24) : dot])
    if word is None:
        return False
    token = word.group(1).lower()
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _trimmed(text: str, start: int, end: int) -> Iterator[Span]:
    chunk = text[start:end]
    left = len(chunk) - len(chunk.lstrip())
    right = len(chunk.rstrip())
    if right > left:
        yield Span(start + left, start + right, chunk[left:right])


def tokens(text: str, offset: int = 0) -> list[Span]:
    """Word and punctuation tokens, offsets shifted by ``offset``."""
    found = []
    for m in TOKEN.finditer(text):
        start, end = m.span()
        found.append(Span(start + offset, end + offset, m.group()))
    return found
