"""Layout of the events-over-time chart: one row per event, a bar over the days its date
covers (a month-precision event spans its month), agreement dates as diamonds on the
same axis. Drawn server-side as SVG attributes (no inline style: the pages' Content
Security Policy allows none), so it needs no script and prints as it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from conflict_kg.server.pages.date_spans import Span, days, month_starts
from conflict_kg.server.pages.events import Item, Milestone

WIDTH = 960
LABELS = 300  # the label column, left of the axis
RIGHT = 20
ROW = 20
TOP = 28  # the tick labels
MAX_ROWS = 300  # past it the page lists the rest and says so
MIN_BAR = 3.0  # a day is at least this wide, to be seen


@dataclass
class Bar:
    item: Item
    x: float
    width: float
    y: float
    label: str  # cut to fit the label column; the full one is the tooltip


@dataclass
class Diamond:
    milestone: Milestone
    x: float
    y: float


@dataclass
class Tick:
    x: float
    text: str


@dataclass
class Chart:
    first: date  # the axis starts at the start of this day...
    last: date  # ... and ends at the end of this one
    bars: list[Bar]
    diamonds: list[Diamond]
    ticks: list[Tick]
    height: int
    cut: int  # dated items not drawn (over MAX_ROWS)
    width: int = WIDTH
    x0: float = LABELS
    x1: float = WIDTH - RIGHT


def _axis(spans: list[Span], first: date | None, last: date | None) -> tuple[date, date]:
    """The whole months around every span, or the filter's window when given."""
    lo = first or min(s.start for s in spans)
    hi = last or max(s.end for s in spans)
    lo = date(lo.year, lo.month, 1)
    hi = (date(hi.year, hi.month, 1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return lo, hi


TICK_LABEL = 52.0  # px a tick label needs; closer ticks keep their line, not their label


def _ticks(first: date, last: date, x: Callable[[date], float]) -> list[Tick]:
    """A line at every month (every year past two years), labelled where there is room."""
    months = month_starts(first, last)
    if len(months) > 24:
        months = [m for m in months if m.month == 1] or months[:1]
    fmt = "%Y-%m" if any(m.month != 1 for m in months) else "%Y"
    out, room_from = [], float("-inf")
    for m in months:
        at = x(m)
        labelled = at >= room_from
        out.append(Tick(at, m.strftime(fmt) if labelled else ""))
        if labelled:
            room_from = at + TICK_LABEL
    return out


def _cut(text: str, limit: int = 42) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def layout(items: list[Item], milestones: list[Milestone],
           first: date | None = None, last: date | None = None) -> Chart | None:
    """The chart of the dated ``items`` (in date order) and ``milestones``; None if none.

    >>> from conflict_kg.server.pages.date_spans import span
    >>> ev = Item("e", None, "e", "event", "", "", span=span("2018-09"))
    >>> c = layout([ev], [], None, None)
    >>> (c.first.isoformat(), c.last.isoformat(), c.bars[0].x, c.bars[0].width)
    ('2018-09-01', '2018-09-30', 300.0, 640.0)
    """
    dated = [i for i in items if i.span is not None]
    spans = [i.span for i in dated if i.span] + [m.span for m in milestones]
    if not spans:
        return None
    lo, hi = _axis(spans, first, last)
    total = days(lo, hi)
    x0, x1 = float(LABELS), float(WIDTH - RIGHT)

    def x(d: date) -> float:
        return round(x0 + (d - lo).days / total * (x1 - x0), 2)

    y = float(TOP)
    diamonds = []
    if milestones:
        for m in milestones:
            diamonds.append(Diamond(m, x(max(m.span.start, lo)), y + ROW / 2))
        y += ROW * 1.5
    bars = []
    for item in dated[:MAX_ROWS]:
        s = item.span
        assert s is not None
        start, end = max(s.start, lo), min(s.end, hi)
        left = x(start)
        right = x(end + timedelta(days=1))
        bars.append(Bar(item, left, round(max(right - left, MIN_BAR), 2), y, _cut(item.label)))
        y += ROW
    return Chart(lo, hi, bars, diamonds, _ticks(lo, hi, x), int(y + 8),
                 max(len(dated) - MAX_ROWS, 0))
