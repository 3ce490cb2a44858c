"""Dates in text: absolute, relative to the published date, and periods.

Each finding keeps its span, a value and a precision (day, month, year).
Relative expressions ("Monday", "last week", "in February") are resolved
against the document's published date; without one they are left out.

>>> import datetime as dt
>>> pub = dt.date(2018, 9, 18)  # a Tuesday
>>> [(d.value.isoformat(), d.precision) for d in find_dates("struck Monday", 0, pub)]
[('2018-09-17', 'day')]
>>> [(d.value.isoformat(), d.precision) for d in find_dates("by October 10", 0, pub)]
[('2018-10-10', 'day')]
>>> [(d.value.isoformat(), d.precision) for d in find_dates("In February, a jet", 0, pub)]
[('2018-02-01', 'month')]
>>> p = find_periods("struck 200 times in the past 18 months", 0, pub)[0]
>>> (p.start.isoformat(), p.end.isoformat(), p.duration)
('2017-03-18', '2018-09-18', 'P18M')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from conflict_kg.ingest.numbers import parse_number
from conflict_kg.ingest.prefilter import prefiltered
from conflict_kg.ingest.text import Span

MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
WEEKDAYS = {
    d: i
    for i, d in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_ORDINAL = r"(?:st|nd|rd|th)?"
_MONTH_DAY_YEAR = prefiltered(
    rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}}){_ORDINAL}(?:,?\s+(?P<y>\d{{4}}))?\b"
)
_DAY_MONTH_YEAR = prefiltered(
    rf"\b(?P<d>\d{{1,2}}){_ORDINAL}\s+(?P<m>{_MONTH})(?:,?\s+(?P<y>\d{{4}}))?\b"
)
_MONTH_YEAR = prefiltered(
    rf"\b(?P<prep>(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom|[Ll]ate|[Ee]arly)\s+)?"
    rf"(?P<m>{_MONTH})(?:\s+(?P<y>\d{{4}}))?\b(?!\s+\d)"
)
_FUTURE_CONTEXT = re.compile(r"\b(?:by|until|before|from|starting)\s+$", re.IGNORECASE)
# "will withdraw on Friday", "a meeting is expected on Tuesday": the coming weekday (the cue
# stands before the weekday, so "said on Monday that troops will leave" stays in the past)
_WEEKDAY_AHEAD = re.compile(r"\b(?:will|shall|"
                            r"(?:is|are)\s+(?:now\s+)?(?:expected|scheduled|due|set|planned)|"
                            r"(?:is|are)\s+to\s+\w+)\b(?:(?!\b(?:said|says|announced|told)\b)[^;:.])*$",
                            re.IGNORECASE)
_WILL = prefiltered(r"\b(?:will|shall)\b", re.IGNORECASE)
_ISO = prefiltered(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_YEAR = prefiltered(r"\b(?:in|since|by|until|during)\s+(?P<y>(?:19|20)\d{2})\b")
_WEEKDAY_RE = prefiltered(rf"\b(?P<last>last\s+|next\s+)?(?P<w>{_WEEKDAY})\b")
_RELATIVE = prefiltered(
    r"\b(?P<what>yesterday|today|last\s+week|last\s+month|last\s+year|earlier\s+this\s+month"
    r"|this\s+month|earlier\s+this\s+year|this\s+year|next\s+month|next\s+week)\b",
    re.IGNORECASE,
)
_PERIOD = prefiltered(
    r"\b(?:in\s+|over\s+|during\s+|for\s+)?the\s+(?:past|last|previous)\s+"
    r"(?P<n>\d+|[a-z]+(?:-[a-z]+)?)\s+(?P<unit>years?|months?|weeks?|days?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    span: Span
    value: dt.date
    precision: str  # "day" | "month" | "year"
    relative: bool


@dataclass(frozen=True)
class PeriodMention:
    span: Span
    start: dt.date
    end: dt.date
    duration: str  # xsd:duration


# a day or month followed by the year it falls in, said relative to publication
_YEAR_WORD = re.compile(r",?\s+(?:of\s+)?(?P<which>last|this|next)\s+year\b", re.IGNORECASE)
_YEAR_SHIFT = {"last": -1, "this": 0, "next": 1}


def _closest_year(month: int, day: int, published: dt.date,
                  future: bool = False) -> dt.date | None:
    """The year that puts a day-and-month nearest the publication (on or after it, in
    future contexts such as deadlines)."""
    options = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    if future:
        options = [d for d in options if d >= published] or options
    return min(options, key=lambda d: abs((d - published).days)) if options else None


def _past_month(month: int, published: dt.date) -> dt.date:
    year = published.year if month <= published.month else published.year - 1
    return dt.date(year, month, 1)


def _shift_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    for d in (day.day, 28):
        try:
            return dt.date(year, month + 1, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _span(text: str, offset: int, m: re.Match[str], group: int | str = 0) -> Span:
    return Span(offset + m.start(group), offset + m.end(group), m.group(group))


def find_dates(text: str, offset: int, published: dt.date | None) -> list[DateMention]:
    """Dates in ``text`` (a sentence starting at ``offset``), left to right, not overlapping."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(span: Span, value: dt.date | None, precision: str, relative: bool) -> None:
        if value is None:
            return
        if any(s < span.end and span.start < e for s, e in taken):
            return
        taken.append((span.start, span.end))
        found.append(DateMention(span, value, precision, relative))

    for m in _ISO.finditer(text):
        try:
            iso = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            continue
        add(_span(text, offset, m), iso, "day", False)
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR):
        for m in pattern.finditer(text):
            month = MONTHS[m["m"].rstrip(".").lower()]
            day = int(m["d"])
            if m["y"]:
                try:
                    value: dt.date | None = dt.date(int(m["y"]), month, day)
                except ValueError:
                    value = None
                add(_span(text, offset, m), value, "day", False)
            elif published is not None and (year := _YEAR_WORD.match(text, m.end())):
                # "on July 22 last year", "on March 3 this year": the year the words say
                try:
                    said = dt.date(published.year + _YEAR_SHIFT[year["which"].lower()],
                                   month, day)
                except ValueError:
                    said = None
                add(Span(offset + m.start(), offset + year.end(), text[m.start():year.end()]),
                    said, "day", True)
            elif published is not None:
                future = bool(_FUTURE_CONTEXT.search(text[max(0, m.start() - 16) : m.start()])
                              or _WILL.search(text))
                add(_span(text, offset, m), _closest_year(month, day, published, future), "day",
                    True)
    for m in _MONTH_YEAR.finditer(text):
        word = m["m"].rstrip(".")
        month = MONTHS[word.lower()]
        if m["y"]:
            add(_month_span(text, offset, m), dt.date(int(m["y"]), month, 1), "month", False)
        elif published is not None and m["prep"] and (year := _YEAR_WORD.match(text, m.end())):
            # "in July last year"
            add(Span(offset + m.start("m"), offset + year.end(), text[m.start("m"):year.end()]),
                dt.date(published.year + _YEAR_SHIFT[year["which"].lower()], month, 1), "month",
                True)
        elif published is not None and m["prep"]:
            # A bare month name needs a preposition ("in February"): "May" is also a verb.
            add(_month_span(text, offset, m), _past_month(month, published), "month", True)
    for m in _YEAR.finditer(text):
        add(_span(text, offset, m, "y"), dt.date(int(m["y"]), 1, 1), "year", False)
    if published is not None:
        explicit = {d.span.start - offset for d in found if d.precision == "day"}
        for m in _WEEKDAY_RE.finditer(text):
            gap = re.match(r",?\s*(?:the\s+)?", text[m.end():])
            if gap is not None and m.end() + gap.end() in explicit:
                continue  # "Sunday, February 15": the written date says which Sunday
            ahead = _WEEKDAY_AHEAD.search(text[max(0, m.start() - 60) : m.start()]) is not None
            add(_span(text, offset, m), _weekday(m, published, ahead=ahead), "day", True)
        for m in _RELATIVE.finditer(text):
            value, precision = _relative(m["what"].lower(), published)
            add(_span(text, offset, m), value, precision, True)
    found.sort(key=lambda d: d.span.start)
    return found


def _month_span(text: str, offset: int, m: re.Match[str]) -> Span:
    start = m.start("m")
    end = m.end("y") if m["y"] else m.end("m")
    return Span(offset + start, offset + end, text[start:end])


def _weekday(m: re.Match[str], published: dt.date, *, ahead: bool = False) -> dt.date:
    target = WEEKDAYS[m["w"].lower()]
    back = (published.weekday() - target) % 7
    if (m["last"] and m["last"].lower().startswith("next")) or (ahead and not m["last"]):
        return published + dt.timedelta(days=(target - published.weekday()) % 7 or 7)
    if m["last"] and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def _relative(what: str, published: dt.date) -> tuple[dt.date, str]:
    what = " ".join(what.split())
    if what == "yesterday":
        return published - dt.timedelta(days=1), "day"
    if what == "today":
        return published, "day"
    if what == "last week":
        return published - dt.timedelta(days=7), "week"
    if what == "next week":
        return published + dt.timedelta(days=7), "week"
    if what == "last month":
        return _shift_months(published, -1).replace(day=1), "month"
    if what == "next month":
        return _shift_months(published, 1).replace(day=1), "month"
    if what in ("earlier this month", "this month"):
        return published.replace(day=1), "month"
    if what == "last year":
        return dt.date(published.year - 1, 1, 1), "year"
    return dt.date(published.year, 1, 1), "year"


def find_periods(text: str, offset: int, published: dt.date | None) -> list[PeriodMention]:
    """'the past three years', 'in the past 18 months': intervals ending at publication."""
    if published is None:
        return []
    periods = []
    for m in _PERIOD.finditer(text):
        n = parse_number(m["n"])
        if n is None or n != int(n) or n <= 0:
            continue
        count = int(n)
        unit = m["unit"].lower().rstrip("s")
        if unit == "year":
            start, duration = _shift_months(published, -12 * count), f"P{count}Y"
        elif unit == "month":
            start, duration = _shift_months(published, -count), f"P{count}M"
        elif unit == "week":
            start, duration = published - dt.timedelta(weeks=count), f"P{7 * count}D"
        else:
            start, duration = published - dt.timedelta(days=count), f"P{count}D"
        periods.append(PeriodMention(_span(text, offset, m), start, published, duration))
    return periods
