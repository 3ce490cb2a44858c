"""The dateline: where a story was filed from, never who acted in it.

Wire copy opens with "BAMAKO, Mali —", "KHARTOUM/ADDIS ABABA --" or
"GOMA (Reuters) —", sometimes after a byline.  Read as ordinary text, the city
became a government ("Bamako said…") or an organisation that "said" the first
sentence.  So the dateline is found first, its places are linked as places
(``ck:dateline`` on the document), and its characters are blanked out of the
text the other rules read, offsets unchanged, so that no rule sees it as an
agent, a claimant or the start of a claim's content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from conflict_kg.ingest.text import Span

# Capital letters, accented ones included ("BOGOTÁ", "ASUNCIÓN", "ŁÓDŹ").
_UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
_WORD = f"[{_UPPER}][{_UPPER}'.\\-]+"

# A month and day after the places ("ADEN, June 2 (Reuters) —", "PARIS, Nov. 11 —").
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")

# An optional byline line, then all-capitals place names joined by "/", an
# optional ", Country" in ordinary case, an optional ", Month Day", an optional
# "(Agency)", then a dash.
_DATELINE = re.compile(
    rf"""
    \A\s*
    (?:By\ [^\n]{{1,80}}\n\s*)?
    (?P<places>{_WORD}(?:\ {_WORD}){{0,3}}
       (?:\s*/\s*{_WORD}(?:\ {_WORD}){{0,3}}){{0,3}})
    (?:,\ (?P<region>[{_UPPER}][\w'.\-]*(?:\ (?:of|the|and|[A-Z][\w'.\-]*)){{0,5}}))?
    (?:,\ (?P<day>{_MONTH}\.?\ \d{{1,2}}))?
    (?:\ ?\((?P<agency>[^()\n]{{1,40}})\))?
    \ ?(?:—|–|--|-)\ ?
    """,
    re.VERBOSE,
)
_PLACE = re.compile(rf"{_WORD}(?: {_WORD})*")


@dataclass(frozen=True)
class Dateline:
    span: Span  # the whole dateline, dash included
    places: tuple[Span, ...]  # each city, then the region or country if given
    agency: str | None

    def blank(self, text: str) -> str:
        """``text`` with the dateline replaced by spaces (offsets unchanged).

        >>> found = find_dateline("BAMAKO, Mali — Troops moved.")
        >>> found.blank("BAMAKO, Mali — Troops moved.")
        '               Troops moved.'
        """
        start, end = self.span.start, self.span.end
        return text[:start] + " " * (end - start) + text[end:]


def find_dateline(text: str) -> Dateline | None:
    """The dateline opening ``text``, if it has one.

    >>> [p.text for p in find_dateline("KHARTOUM/ADDIS ABABA -- Talks...").places]
    ['KHARTOUM', 'ADDIS ABABA']
    >>> d = find_dateline("GOMA, Democratic Republic of the Congo (Reuters) — Rebels...")
    >>> [p.text for p in d.places], d.agency
    (['GOMA', 'Democratic Republic of the Congo'], 'Reuters')
    >>> find_dateline("NATO said on Monday that...") is None
    True
    >>> [p.text for p in find_dateline("BOGOTÁ, Colombia — A car bomb...").places]
    ['BOGOTÁ', 'Colombia']
    """
    match = _DATELINE.match(text)
    if match is None:
        return None
    places_start = match.start("places")
    places = [Span(places_start + m.start(), places_start + m.end(), m.group())
              for m in _PLACE.finditer(match.group("places"))]
    # One all-capitals word with no region, agency or dash spacing ("NATO -") is
    # more likely an acronym opening a sentence than a dateline: require a sign.
    if len(places) == 1 and not match.group("region") and not match.group("agency") \
            and len(places[0].text) < 4:
        return None
    if match.group("region"):
        places.append(Span(match.start("region"), match.end("region"), match.group("region")))
    start = places_start
    return Dateline(Span(start, match.end(), text[start:match.end()]), tuple(places),
                    match.group("agency"))
