"""HTTP content negotiation (RFC 9110 section 12.5.1), small and reusable.

The whole API is :func:`negotiate`, plus :func:`parse_accept` for callers that
want the ranges themselves.  Offers are media types in the server's order of
preference; the client's ``Accept`` header picks among them with q-values and
wildcards.  The most specific matching range decides an offer's quality
(``text/turtle;q=0`` beats ``text/*;q=1``).  Ties go to the server's order.

>>> negotiate("text/turtle;q=0.5, application/n-triples", ["text/turtle", "application/n-triples"])
'application/n-triples'
>>> negotiate(None, ["text/turtle", "application/n-triples"])
'text/turtle'
>>> negotiate("*/*", ["text/turtle", "application/n-triples"])
'text/turtle'
>>> negotiate("text/*;q=0.9, text/turtle;q=0", ["text/turtle", "text/csv"])
'text/csv'
>>> negotiate("image/png", ["text/turtle"]) is None
True
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["MediaRange", "negotiate", "parse_accept"]


@dataclass(frozen=True)
class MediaRange:
    """One element of an ``Accept`` header."""

    type: str
    subtype: str
    q: float = 1.0
    params: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    def matches(self, media_type: str) -> bool:
        main, _, sub = media_type.lower().partition("/")
        return (self.type in ("*", main)) and (self.subtype in ("*", sub))

    @property
    def specificity(self) -> int:
        """2 for ``type/subtype``, 1 for ``type/*``, 0 for ``*/*``; +1 with parameters."""
        base = (self.type != "*") + (self.subtype != "*")
        return base * 2 + (1 if self.params else 0)


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an ``Accept`` header; malformed elements are skipped, not fatal.

    >>> [(r.type, r.subtype, r.q) for r in parse_accept("text/*;q=0.3, application/json")]
    [('text', '*', 0.3), ('application', 'json', 1.0)]
    """
    ranges: list[MediaRange] = []
    for element in (header or "").split(","):
        parts = [p.strip() for p in element.split(";")]
        media = parts[0].lower()
        if media == "*":  # seen in the wild (old Java clients): treat as */*
            media = "*/*"
        main, slash, sub = media.partition("/")
        if not slash or not main or not sub or (main == "*" and sub != "*"):
            continue
        q = 1.0
        params: list[tuple[str, str]] = []
        for param in parts[1:]:
            name, _, value = param.partition("=")
            name, value = name.strip().lower(), value.strip().strip('"')
            if name == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
                break  # accept-ext parameters after q are ignored
            if name:
                params.append((name, value))
        ranges.append(MediaRange(main, sub, q, tuple(params)))
    return ranges


def _quality(ranges: Sequence[MediaRange], offer: str) -> float:
    best: MediaRange | None = None
    for candidate in ranges:
        if candidate.matches(offer) and (best is None or candidate.specificity > best.specificity):
            best = candidate
    return best.q if best is not None else 0.0


def negotiate(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offer the client prefers, or ``None`` when it accepts none of them.

    An absent or empty ``Accept`` header (or one with no valid range) means
    "anything": the first offer wins.
    """
    if accept is None or len(accept) <= _CACHED_ACCEPT:
        return _negotiate_cached(accept, tuple(offers))
    return _negotiate(accept, offers)


# Clients send the same few Accept headers again and again: parsing them is
# most of a small query's negotiation cost.  The answer depends on nothing else.
_CACHED_ACCEPT = 1024


@functools.lru_cache(maxsize=256)
def _negotiate_cached(accept: str | None, offers: tuple[str, ...]) -> str | None:
    return _negotiate(accept, offers)


def _negotiate(accept: str | None, offers: Sequence[str]) -> str | None:
    if not offers:
        return None
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0]
    best_offer, best_q = None, 0.0
    for offer in offers:
        q = _quality(ranges, offer)
        if q > best_q:
            best_offer, best_q = offer, q
    return best_offer
