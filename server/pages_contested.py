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

from conflict_kg.namespaces import RDFS
from conflict_kg.server.pages_cards import AGAINST, FOR, quantity_text
from conflict_kg.server.pages_data import Linker, Node, Source
from conflict_kg.server.pages_hierarchy import ck

MAX_CASES = 200  # cases listed per kind on /contested
MAX_SOURCES = 3  # sources shown per side

# Each distinct figure of a kind for a thing once, with the number of graphs that state it.
_FIGURES = f"""SELECT ?resource ?kind ?v ?low ?high (COUNT(DISTINCT ?g) AS ?n)
  (SAMPLE(?what) AS ?countOf) (SAMPLE(?measure) AS ?unit) WHERE {{
  ?kind <{RDFS}subPropertyOf> <{ck("quantity")}> .
  GRAPH ?g {{ ?resource ?kind ?q }}
  FILTER(?g != ?inferred)
  OPTIONAL {{ ?q <{ck("value")}> ?v }}
  OPTIONAL {{ ?q <{ck("lowerBound")}> ?low }}
  OPTIONAL {{ ?q <{ck("upperBound")}> ?high }}
  FILTER(BOUND(?v) || BOUND(?low) || BOUND(?high))
  OPTIONAL {{ ?q <{ck("countOf")}> ?what }}
  OPTIONAL {{ ?q <{ck("unit")}> ?measure }}
}} GROUP BY ?resource ?kind ?v ?low ?high ORDER BY ?resource ?kind"""

# The graphs (and figure nodes) that state one figure: looked up per side, capped.
_FIGURE_SOURCES = f"""SELECT DISTINCT ?g ?q WHERE {{
  GRAPH ?g {{ ?resource ?kind ?q }} FILTER(?g != ?inferred)
  OPTIONAL {{ ?q <{ck("value")}> ?v0 }}
  OPTIONAL {{ ?q <{ck("lowerBound")}> ?low0 }}
  OPTIONAL {{ ?q <{ck("upperBound")}> ?high0 }}
  FILTER(COALESCE(STR(?v0), "") = ?v && COALESCE(STR(?low0), "") = ?low
         && COALESCE(STR(?high0), "") = ?high)
}} LIMIT {MAX_SOURCES}"""

_DENIED = f"""SELECT DISTINCT ?event WHERE {{
  ?d <{ck("stance")}> <{ck("denies")}> ; <{ck("about")}> ?event }} ORDER BY ?event"""

# Every side of one event's claims: stance, claimant and target, with how many claims.
_SIDES = f"""SELECT ?stance ?claimant ?target (COUNT(DISTINCT ?c) AS ?n) (MIN(STR(?c)) AS ?example)
WHERE {{
  ?c <{ck("about")}> ?event ; <{ck("stance")}> ?stance .
  OPTIONAL {{ ?c <{ck("claimant")}> ?claimant }}
  OPTIONAL {{ ?c <{ck("target")}> ?target }}
}} GROUP BY ?stance ?claimant ?target"""

_CLAIM_GRAPH = f"""SELECT ?g WHERE {{ GRAPH ?g {{ ?c <{ck("stance")}> ?s }}
  FILTER(?g != ?inferred) }} LIMIT 1"""


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
class ClaimSide:
    stance: str
    claimant: Node | None
    target: Node | None
    count: int
    example: Node
    source: Source | None


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


def _text(linker: Linker, row: Any) -> str:
    q: dict[str, list[Any]] = {}
    for key, prop in (("v", "value"), ("low", "lowerBound"), ("high", "upperBound"),
                      ("countOf", "countOf"), ("unit", "unit")):
        if row[key] is not None:
            q[ck(prop)] = [row[key]]
    return quantity_text(linker, q)


def figure_disputes(linker: Linker, resource: str | None = None,
                    limit: int = MAX_CASES) -> tuple[list[FigureDispute], bool]:
    """Things with figures of one kind that cannot all be right, every figure a side."""
    subs: dict[str, ox.NamedNode] = {"inferred": ox.NamedNode(linker.ns.inferred_graph)}
    if resource is not None:
        subs["resource"] = ox.NamedNode(resource)
    groups: dict[tuple[str, str], list[tuple[Any, FigureSide]]] = {}
    for row in linker.store.query(_FIGURES, substitutions=subs):
        v = _float(row["v"])
        bounds = (v, v) if v is not None else (_float(row["low"]), _float(row["high"]))
        side = FigureSide(_text(linker, row), int(row["n"].value), bounds=bounds)
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
            side.sources = _figure_sources(linker, subject, kind, row)
        sides.sort(key=lambda rs: (rs[1].bounds[0] or 0, rs[1].text))
        out.append(FigureDispute(linker.node(ox.NamedNode(subject)), linker.label(kind),
                                 [s for _, s in sides]))
    return out, truncated


def _figure_sources(linker: Linker, subject: str, kind: str, row: Any) -> list[Source]:
    subs: dict[str, ox.NamedNode | ox.Literal] = {
        "resource": ox.NamedNode(subject), "kind": ox.NamedNode(kind),
        "inferred": ox.NamedNode(linker.ns.inferred_graph)}
    for key in ("v", "low", "high"):
        subs[key] = ox.Literal(row[key].value if row[key] is not None else "")
    out = []
    for found in linker.store.query(_FIGURE_SOURCES, substitutions=subs):
        # The figure's own evidence (the sentence with the number), else the subject's.
        out.append(linker.source(found["g"].value, [found["q"].value, subject]))
    return out


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
        sides: dict[str, list[ClaimSide]] = {"for": [], "against": []}
        for row in linker.store.query(_SIDES, substitutions={"event": ev}):
            stance = row["stance"].value
            side = "against" if stance in AGAINST else "for" if stance in FOR else None
            if side is None:
                continue
            sides[side].append(_claim_side(linker, row))
        if not sides["for"] or not sides["against"]:
            continue
        deniers = {s.claimant.iri for s in sides["against"] if s.claimant}
        if not any(s.claimant is None or s.claimant.iri not in deniers for s in sides["for"]):
            continue  # only the denier itself says otherwise: no dispute between parties
        if len(out) >= limit:
            return out, True
        for lines in sides.values():
            lines.sort(key=lambda s: (s.stance, s.claimant.text if s.claimant else ""))
        out.append(DenialDispute(linker.node(ev), sides["for"], sides["against"]))
    return out, False


def _claim_side(linker: Linker, row: Any) -> ClaimSide:
    example = ox.NamedNode(row["example"].value)
    graphs = [r["g"].value for r in linker.store.query(
        _CLAIM_GRAPH, union_default_graph=False,
        substitutions={"c": example, "inferred": ox.NamedNode(linker.ns.inferred_graph)})]
    return ClaimSide(
        stance=linker.label(row["stance"].value),
        claimant=linker.node(row["claimant"]) if row["claimant"] is not None else None,
        target=linker.node(row["target"]) if row["target"] is not None else None,
        count=int(row["n"].value), example=linker.node(example),
        source=linker.source(graphs[0], [example.value]) if graphs else None)


def contested(linker: Linker, resource: str | None = None) -> Contested:
    figures, more_f = figure_disputes(linker, resource)
    denials, more_d = denial_disputes(linker, resource)
    return Contested(figures, denials, more_f or more_d)
