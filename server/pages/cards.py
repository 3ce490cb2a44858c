"""The cards at the top of an agreement's and an event's page.

An agreement: parties, signatories, brokers, signing date and place, entry into
force, and each provision in words with its own numbers, each number and
provision with the sentence it was extracted from (its ``ck:evidence``, never
another sentence of the document). An event: who did what to whom, where, when,
with what, the casualties, its factuality and the claims for and against it.
Every query binds its terms through ``substitutions``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from conflict_kg.server.pages.data import Linker, Node, Sentence, Source
from conflict_kg.server.pages.figures import (
    Props,
    distinct_figures,
    figure_sources,
    figure_text,
    iris_of,
    texts_of,
)
from conflict_kg.server.pages.hierarchy import TYPE, Hierarchy, ck, most_specific

MAX_CLAIMS = 40  # claim groups on an event card; the page's claims section has all
MAX_SOURCES = 3  # evidence graphs looked up per resource

_PROPS = "SELECT DISTINCT ?p ?o WHERE { ?x ?p ?o }"
_EVIDENCE_GRAPHS = f"""SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?x <{ck("evidence")}> ?m }}
  FILTER(?g != ?inferred) }} LIMIT {MAX_SOURCES + 1}"""
# Every side of one thing's claims: stance, claimant and target, with how many claims.
_SIDES = f"""SELECT ?stance ?claimant ?target (COUNT(DISTINCT ?c) AS ?n) (MIN(STR(?c)) AS ?example)
WHERE {{
  ?c <{ck("about")}> ?event ; <{ck("stance")}> ?stance .
  OPTIONAL {{ ?c <{ck("claimant")}> ?claimant }}
  OPTIONAL {{ ?c <{ck("target")}> ?target }}
}} GROUP BY ?stance ?claimant ?target ORDER BY ?stance ?example"""
_CLAIM_GRAPH = f"""SELECT ?g WHERE {{ GRAPH ?g {{ ?c <{ck("stance")}> ?s }}
  FILTER(?g != ?inferred) }} LIMIT 1"""

CASUALTY_PROPS = ("deaths", "injuries", "casualties", "displaced")
AGAINST = {ck("denies")}
FOR = {ck(s) for s in ("blames", "holdsResponsible", "accuses", "confirms", "says",
                       "describes", "expressesRegret")}





def props(linker: Linker, iri: str) -> Props:
    """Every (property, values) of a resource, over all graphs, deduplicated."""
    out: Props = {}
    for row in linker.store.query(_PROPS, substitutions={"x": ox.NamedNode(iri)}):
        out.setdefault(row["p"].value, []).append(row["o"])
    return out


def _nodes(linker: Linker, values: Iterable[Any]) -> list[Node]:
    nodes = {linker.node(v) for v in iris_of(values)}
    return sorted(nodes, key=lambda n: (n.text.lower(), n.iri or ""))


@dataclass
class Evidence:
    """The sentences a resource was extracted from, in the first graph that gives them."""

    document: Node | None = None
    sentences: list[Sentence] = field(default_factory=list)
    more_sources: int = 0


def evidence_of(linker: Linker, iri: str) -> Evidence:
    """The resource's own ``ck:evidence`` sentences (not any sentence of its document)."""
    graphs = [row["g"].value for row in linker.store.query(
        _EVIDENCE_GRAPHS, union_default_graph=False, substitutions={
            "x": ox.NamedNode(iri), "inferred": ox.NamedNode(linker.ns.inferred_graph)})]
    if not graphs:
        return Evidence()
    return Evidence(linker.document_of(graphs[0]), linker.evidence(iri, graphs[0]),
                    len(graphs) - 1)


@dataclass
class Figure:
    label: str  # "width", "deaths"
    text: str  # "15–20 kilometres"
    evidence: Evidence


@dataclass
class ProvisionCard:
    node: Node
    kind: str
    words: str
    obliged: list[Node]
    places: list[Node]
    dates: list[tuple[str, str]]  # ("deadline", "2018-10-10")
    figures: list[Figure]
    details: list[tuple[str, list[Node]]]
    quote: str | None
    evidence: Evidence


@dataclass
class AgreementCard:
    kind: str
    parties: list[Node]
    signatories: list[Node]
    brokers: list[tuple[str, Node]]  # ("mediator", ...), ("host", ...)
    signing_date: str | None
    signing_places: list[Node]
    in_force: str | None
    applies_to: list[Node]
    provisions: list[ProvisionCard]


def _figures(linker: Linker, owner: str, names: Iterable[str]) -> list[Figure]:
    """Each distinct figure of ``owner`` once, with the sentence of its first source."""
    out = []
    for name in names:
        for row in distinct_figures(linker, owner, ck(name)):
            found = figure_sources(linker, owner, ck(name), row, limit=1)
            evidence = Evidence(more_sources=int(row["n"].value) - 1)
            if found:
                g, q = found[0]
                evidence.document = linker.document_of(g)
                evidence.sentences = linker.evidence(q, g)
            out.append(Figure(linker.label(ck(name)), figure_text(linker, row), evidence))
    return out


def _kind(linker: Linker, h: Hierarchy, p: Props, fallback: str) -> str:
    types = {t.value for t in iris_of(p.get(TYPE, []))}
    specific = most_specific(h, types)
    return linker.label(specific[0]) if specific else fallback


def provision_card(linker: Linker, h: Hierarchy, iri: str) -> ProvisionCard:
    p = props(linker, iri)
    kind = _kind(linker, h, p, "provision")
    zones = iris_of(p.get(ck("zone"), []))
    zone_props = [(z.value, props(linker, z.value)) for z in zones]
    figures = _figures(linker, iri, ("width", "noticePeriod", "personnel", "quantity"))
    places = _nodes(linker, [*p.get(ck("appliesTo"), []), *p.get(ck("location"), [])])
    patrolled = _nodes(linker, p.get(ck("patrolledBy"), []))
    for zone, z in zone_props:
        figures += _figures(linker, zone, ("width",))
        places += [n for n in _nodes(linker, z.get(ck("locatedIn"), [])) if n not in places]
        patrolled += [n for n in _nodes(linker, z.get(ck("patrolledBy"), [])) if n not in patrolled]
    dates = [(linker.label(ck(name)), d) for name in ("deadline", "effectiveFrom", "effectiveTime")
             for d in texts_of(p.get(ck(name), []))]
    obliged = _nodes(linker, p.get(ck("obligedParty"), []))
    weapons = _nodes(linker, p.get(ck("weaponCategory"), []))
    details = [(label, nodes) for label, nodes in (
        ("weapons", weapons), ("patrolled by", patrolled),
        ("handed to", _nodes(linker, p.get(ck("handedTo"), []))),
        ("zone", _nodes(linker, zones))) if nodes]
    parts = []
    if obliged:
        parts.append("obliges " + " and ".join(n.text for n in obliged))
    if weapons:
        parts.append("covers " + ", ".join(n.text for n in weapons))
    parts += [f"{f.label} {f.text}" for f in figures]
    if places:
        parts.append("in " + ", ".join(n.text for n in places))
    if patrolled:
        parts.append("patrolled by " + " and ".join(n.text for n in patrolled))
    for label, d in dates:
        parts.append({"deadline": "by", "effective from": "from"}.get(label, label) + " " + d)
    words = kind[:1].upper() + kind[1:] + (": " + "; ".join(parts) if parts else "")
    quote = next(iter(texts_of(p.get("http://www.w3.org/2000/01/rdf-schema#comment", []))), None)
    return ProvisionCard(linker.node(ox.NamedNode(iri)), kind, words, obliged, places, dates,
                         figures, details, quote, evidence_of(linker, iri))


def agreement_card(linker: Linker, h: Hierarchy, iri: str, p: Props) -> AgreementCard:
    brokers = [(linker.label(ck(role)), n) for role in ("mediator", "host")
               for n in _nodes(linker, p.get(ck(role), []))]
    provisions = [provision_card(linker, h, v.value)
                  for v in iris_of([*p.get(ck("provision"), []), *p.get(ck("protocol"), [])])]
    unique = {c.node.iri: c for c in provisions}
    in_force = texts_of([*p.get(ck("effectiveFrom"), []), *p.get(ck("effectiveTime"), [])])
    return AgreementCard(
        kind=_kind(linker, h, p, "agreement"),
        parties=_nodes(linker, [*p.get(ck("party"), []), *p.get(ck("partyState"), [])]),
        signatories=_nodes(linker, p.get(ck("signatory"), [])),
        brokers=brokers,
        signing_date=next(iter(texts_of(p.get(ck("signingDate"), []))), None),
        signing_places=_nodes(linker, p.get(ck("signingPlace"), [])),
        in_force=in_force[0] if in_force else None,
        applies_to=_nodes(linker, p.get(ck("appliesTo"), [])),
        provisions=sorted(unique.values(), key=lambda c: (c.kind, c.words)),
    )


@dataclass
class ClaimSide:
    """Claims of one stance, claimant and target about a thing: copies counted once each."""

    stance: str
    claimant: Node | None
    target: Node | None
    count: int
    example: Node
    source: Source | None
    text: str | None = None  # the example claim's quote or content


def _claim_side(linker: Linker, row: Any) -> ClaimSide:
    example = ox.NamedNode(row["example"].value)
    p = props(linker, example.value)
    graphs = [r["g"].value for r in linker.store.query(
        _CLAIM_GRAPH, union_default_graph=False,
        substitutions={"c": example, "inferred": ox.NamedNode(linker.ns.inferred_graph)})]
    return ClaimSide(
        stance=linker.label(row["stance"].value),
        claimant=linker.node(row["claimant"]) if row["claimant"] is not None else None,
        target=linker.node(row["target"]) if row["target"] is not None else None,
        count=int(row["n"].value), example=linker.node(example),
        source=linker.source(graphs[0], [example.value]) if graphs else None,
        text=next(iter(texts_of([*p.get(ck("quote"), []), *p.get(ck("content"), [])])), None))


def claim_sides(linker: Linker, about: ox.NamedNode, limit: int = MAX_CLAIMS
                ) -> tuple[dict[str, list[ClaimSide]], bool]:
    """The claims about ``about`` by side ("for", "against", "other"), grouped in SPARQL
    by stance, claimant and target; whether more than ``limit`` groups were cut."""
    rows = list(linker.store.query(_SIDES, substitutions={"event": about}))
    sides: dict[str, list[ClaimSide]] = {"for": [], "against": [], "other": []}
    for row in rows[:limit]:
        stance = row["stance"].value
        side = "against" if stance in AGAINST else "for" if stance in FOR else "other"
        sides[side].append(_claim_side(linker, row))
    for lines in sides.values():
        lines.sort(key=lambda s: (s.stance, s.claimant.text if s.claimant else ""))
    return sides, len(rows) > limit


@dataclass
class EventCard:
    kind: str
    sentence: str  # who did what to whom, where, when, with what
    roles: list[tuple[str, list[Node]]]
    date: str | None
    factuality: Node | None
    casualties: list[Figure]
    claims_for: list[ClaimSide]
    claims_against: list[ClaimSide]
    claims_other: list[ClaimSide]
    more_claims: bool


def event_card(linker: Linker, h: Hierarchy, iri: str, p: Props) -> EventCard:
    kind = _kind(linker, h, p, "event")
    roles = [(label, _nodes(linker, p.get(ck(name), []))) for label, name in (
        ("by", "agent"), ("against", "eventTarget"), ("victims", "victim"),
        ("with", "instrument"), ("to", "recipient"), ("where", "location"),
        ("from", "origin"), ("towards", "destination"), ("participants", "participant"))]
    roles = [(label, nodes) for label, nodes in roles if nodes]
    dates = texts_of(p.get(ck("date"), []))
    start, end = texts_of(p.get(ck("startDate"), [])), texts_of(p.get(ck("endDate"), []))
    date = dates[0] if dates else (f"{start[0]}–{end[0] if end else ''}" if start else None)
    fact = next(iter(iris_of(p.get(ck("factuality"), []))), None)
    named = dict(roles)

    def names(label: str) -> str:
        return " and ".join(n.text for n in named.get(label, []))

    # "Syria: shootdown of <aircraft>, in Latakia, on 2018-09-17, with <weapon>"
    parts = [kind + (" of " + names("against") if "against" in named else "")]
    if "where" in named:
        parts.append("in " + names("where"))
    parts.append(("on " + date) if date else "date not stated")
    if "with" in named:
        parts.append("with " + names("with"))
    sentence = (names("by") or "someone") + ": " + ", ".join(parts)
    sides, more = claim_sides(linker, ox.NamedNode(iri))
    return EventCard(kind, sentence, roles, date,
                     linker.node(fact) if fact is not None else None,
                     _figures(linker, iri, CASUALTY_PROPS), sides["for"], sides["against"],
                     sides["other"], more)


@dataclass
class Cards:
    agreement: AgreementCard | None = None
    event: EventCard | None = None


def cards_for(linker: Linker, iri: str) -> Cards:
    """The card(s) of ``iri``: none for a resource that is neither an agreement nor an event."""
    p = props(linker, iri)
    types = {t.value for t in iris_of(p.get(TYPE, []))}
    if not types:
        return Cards()
    h = Hierarchy(linker.store)
    if h.is_a(types, ck("Agreement")):
        return Cards(agreement=agreement_card(linker, h, iri, p))
    if h.is_a(types, ck("Event")):
        return Cards(event=event_card(linker, h, iri, p))
    return Cards()
