"""Contested facts: where sources disagree, both sides with their sources.

Two kinds: different figures of one kind (deaths, width...) for the same thing
in different graphs (the ``conflicting-counts`` check's first step: each
distinct figure once, with how many graphs state it), and an event that one
party asserts or attributes and another denies. Both are grouped in SPARQL
(``GROUP BY``), so N syndicated copies of a story are one side with N sources,
never N*N pairs; sides are compared in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from conflict_kg.server.pages.cards import ClaimSide, claim_sides
from conflict_kg.server.pages.data import Linker, Node, Source
from conflict_kg.server.pages.figures import distinct_figures, figure_sources, figure_text
from conflict_kg.server.pages.hierarchy import ck

MAX_CASES = 200  # cases listed per kind on /contested

_DENIED = f"""SELECT DISTINCT ?event WHERE {{
  ?d <{ck("stance")}> <{ck("denies")}> ; <{ck("about")}> ?event }} ORDER BY ?event"""

@dataclass
class FigureSide:
    text: str
    count: int  # graphs that state this figure
    sources: list[Source] = field(default_factory=list)
    bounds: tuple[float | None, float | None] = (None, None)


@dataclass
class FigureDispute:
    subject: Node
    label: str
    sides: list[FigureSide]


@dataclass
class DenialDispute:
    event: Node
    asserted: list[ClaimSide]
    denied: list[ClaimSide]


@dataclass
class Contested:
    figures: list[FigureDispute] = field(default_factory=list)
    denials: list[DenialDispute] = field(default_factory=list)
    truncated: bool = False


def _float(term: Any) -> float | None:
    if term is None:
        return None
    try:
        return float(term.value)
    except ValueError:
        return None


def _disagree(a: tuple[float | None, float | None], b: tuple[float | None, float | None]) -> bool:
    """Two figures (as low, high bounds) that cannot both be right: disjoint ranges."""
    (alo, ahi), (blo, bhi) = a, b
    if ahi is not None and blo is not None and ahi < blo:
        return True
    return bhi is not None and alo is not None and bhi < alo


def figure_disputes(linker: Linker, resource: str | None = None,
                    limit: int = MAX_CASES) -> tuple[list[FigureDispute], bool]:
    """Things with figures of one kind that cannot all be right, every figure a side."""
    groups: dict[tuple[str, str], list[tuple[Any, FigureSide]]] = {}
    for row in distinct_figures(linker, resource):
        v = _float(row["v"])
        bounds = (v, v) if v is not None else (_float(row["low"]), _float(row["high"]))
        side = FigureSide(figure_text(linker, row), int(row["n"].value), bounds=bounds)
        groups.setdefault((row["resource"].value, row["kind"].value), []).append((row, side))
    out: list[FigureDispute] = []
    truncated = False
    for (subject, kind), sides in groups.items():
        if not any(_disagree(a.bounds, b.bounds) for i, (_, a) in enumerate(sides)
                   for _, b in sides[i + 1:]):
            continue
        if len(out) >= limit:
            truncated = True
            break
        for row, side in sides:
            # The figure's own evidence (the sentence with the number), else the subject's.
            side.sources = [linker.source(g, [q, subject])
                            for g, q in figure_sources(linker, subject, kind, row)]
        sides.sort(key=lambda rs: (rs[1].bounds[0] or 0, rs[1].text))
        out.append(FigureDispute(linker.node(ox.NamedNode(subject)), linker.label(kind),
                                 [s for _, s in sides]))
    return out, truncated


def denial_disputes(linker: Linker, event: str | None = None,
                    limit: int = MAX_CASES) -> tuple[list[DenialDispute], bool]:
    """Events one party asserts or attributes and another denies."""
    if event is not None:
        events = [ox.NamedNode(event)]
    else:
        events = [row["event"] for row in linker.store.query(_DENIED)
                  if isinstance(row["event"], ox.NamedNode)]
    out: list[DenialDispute] = []
    for ev in events:
        sides, _ = claim_sides(linker, ev, limit=MAX_CASES)
        if not sides["for"] or not sides["against"]:
            continue
        deniers = {s.claimant.iri for s in sides["against"] if s.claimant}
        if not any(s.claimant is None or s.claimant.iri not in deniers for s in sides["for"]):
            continue  # only the denier itself says otherwise: no dispute between parties
        if len(out) >= limit:
            return out, True
        out.append(DenialDispute(linker.node(ev), sides["for"], sides["against"]))
    return out, False


def contested(linker: Linker, resource: str | None = None) -> Contested:
    figures, more_f = figure_disputes(linker, resource)
    denials, more_d = denial_disputes(linker, resource)
    return Contested(figures, denials, more_f or more_d)
