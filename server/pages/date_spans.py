"""Reported dates as the stretch of days they cover, to the precision the source gives.

``ck:date`` carries its precision in the literal's datatype (xsd:date, xsd:gYearMonth,
xsd:gYear, xsd:dateTime) and may state it with ``ck:datePrecision``
(``time:unitDay|unitMonth|unitYear``): "2018-09" is the whole of September 2018,
so a map or timeline filtered to 20 September keeps it, and draws it a month wide.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

TIME = "http://www.w3.org/2006/time#"
PRECISIONS = {TIME + "unitDay": "day", TIME + "unitMonth": "month", TIME + "unitYear": "year"}
_DATE = re.compile(r"^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")


class DateError(ValueError):
    """A filter date that is not YYYY, YYYY-MM or YYYY-MM-DD."""


@dataclass(frozen=True)
class Span:
    """The days a reported date covers: ``start`` to ``end``, both included."""

    text: str  # as the source gave it, or the filter value
    start: date
    end: date
    precision: str  # day | month | year

    def overlaps(self, first: date | None, last: date | None) -> bool:
        return (first is None or self.end >= first) and (last is None or self.start <= last)

    def join(self, other: Span) -> Span:
        """From the start of one to the end of the other (a start and an end date)."""
        return Span(f"{self.text}/{other.text}", min(self.start, other.start),
                    max(self.end, other.end), "interval")


def span(text: str, precision: str | None = None) -> Span | None:
    """The days ``text`` covers; ``precision`` (day/month/year, or its OWL-Time IRI) coarsens it.

    >>> span("2018-09").start, span("2018-09").end
    (datetime.date(2018, 9, 1), datetime.date(2018, 9, 30))
    >>> span("2018-09-17", "http://www.w3.org/2006/time#unitYear").end
    datetime.date(2018, 12, 31)
    >>> span("2018-09-17T10:00:00Z").precision, span("Tuesday") is None
    ('day', True)
    """
    m = _DATE.match(text.strip())
    if m is None:
        return None
    try:
        year = int(m[1])
        month = int(m[2]) if m[2] else None
        day = int(m[3]) if m[3] else None
        given = "day" if day else "month" if month else "year"
        wanted = PRECISIONS.get(precision or "", precision) or given
        order = ("day", "month", "year")
        level = wanted if wanted in order and order.index(wanted) > order.index(given) else given
        if level == "year":
            return Span(text, date(year, 1, 1), date(year, 12, 31), "year")
        assert month is not None
        if level == "month":
            last = calendar.monthrange(year, month)[1]
            return Span(text, date(year, month, 1), date(year, month, last), "month")
        assert day is not None
        one = date(year, month, day)
        return Span(text, one, one, "day")
    except (ValueError, AssertionError):  # month 13, 30 February, year 0
        return None


def filter_date(name: str, raw: str) -> Span | None:
    """A ``from``/``to`` filter value: empty, or a date at day, month or year precision."""
    raw = raw.strip()
    if not raw:
        return None
    found = span(raw) if len(raw) <= 10 and "T" not in raw else None
    if found is None:
        raise DateError(f"{name}: {raw[:40]!r} is not a date; give YYYY, YYYY-MM or YYYY-MM-DD")
    return found


def days(first: date, last: date) -> int:
    """Days from ``first`` to ``last``, both included."""
    return (last - first).days + 1


def month_starts(first: date, last: date) -> list[date]:
    """The first day of every month from ``first``'s month to ``last``'s.

    >>> [d.isoformat() for d in month_starts(date(2018, 11, 5), date(2019, 1, 2))]
    ['2018-11-01', '2018-12-01', '2019-01-01']
    """
    out, d = [], date(first.year, first.month, 1)
    while d <= last:
        out.append(d)
        d = (d + timedelta(days=32)).replace(day=1)
    return out
