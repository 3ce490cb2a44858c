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

from conflict_kg.server.pages_data import Linker, Node, Sentence, Source
from conflict_kg.server.pages_hierarchy import TYPE, Hierarchy, ck, most_specific

MAX_CLAIMS = 40  # claims listed on an event card; the page's claims section has all
MAX_SOURCES = 3  # sources shown per figure

_PROPS = "SELECT DISTINCT ?p ?o WHERE { ?x ?p ?o }"
_EVIDENCE_GRAPHS = f"""SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?x <{ck("evidence")}> ?m }}
  FILTER(?g != ?inferred) }} LIMIT {MAX_SOURCES + 1}"""
_STATED_GRAPHS = f"""SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?x ?p ?o }}
  FILTER(?g != ?inferred) }} LIMIT {MAX_SOURCES + 1}"""
_CLAIMS_ABOUT = f"""SELECT DISTINCT ?c ?stance WHERE {{
  ?c <{ck("about")}> ?x ; <{ck("stance")}> ?stance }} LIMIT {MAX_CLAIMS + 1}"""

QUANTITY_PROPS = ("width", "noticePeriod", "personnel", "deaths", "injuries", "casualties",
                  "displaced", "occurrences", "quantity")
CASUALTY_PROPS = ("deaths", "injuries", "casualties", "displaced")
AGAINST = {ck("denies")}
FOR = {ck(s) for s in ("blames", "holdsResponsible", "accuses", "confirms", "says",
                       "describes", "expressesRegret")}


Props = dict[str, list[Any]]


def props(linker: Linker, iri: str) -> Props:
    """Every (property, values) of a resource, over all graphs, deduplicated."""
    out: Props = {}
    for row in linker.store.query(_PROPS, substitutions={"x": ox.NamedNode(iri)}):
        out.setdefault(row["p"].value, []).append(row["o"])
    return out


def _iris(values: Iterable[Any]) -> list[ox.NamedNode]:
    return [v for v in values if isinstance(v, ox.NamedNode)]


def _texts(values: Iterable[Any]) -> list[str]:
    return sorted({v.value for v in values if isinstance(v, ox.Literal)})


def _nodes(linker: Linker, values: Iterable[Any]) -> list[Node]:
    nodes = {linker.node(v) for v in _iris(values)}
    return sorted(nodes, key=lambda n: (n.text.lower(), n.iri or ""))


def _number(text: str) -> str:
    """``15.0`` as ``15``; anything else as it is."""
    try:
        f = float(text)
    except ValueError:
        return text
    return str(int(f)) if f.is_integer() else text


def quantity_text(linker: Linker, q: Props) -> str:
    """A figure in words: ``15–20 kilometres``, ``about 30 people``, ``at least 4``."""
    value = _texts(q.get(ck("value"), []))
    low, high = _texts(q.get(ck("lowerBound"), [])), _texts(q.get(ck("upperBound"), []))
    if value:
        amount = " / ".join(_number(v) for v in value)
    elif low and high:
        amount = f"{_number(low[0])}–{_number(high[0])}"
    elif low:
        amount = f"at least {_number(low[0])}"
    elif high:
        amount = f"at most {_number(high[0])}"
    else:
        amount = "an unstated number of"
    if any(v.value == "true" for v in q.get(ck("approximate"), []) if isinstance(v, ox.Literal)):
        amount = "about " + amount
    unit = [linker.label(u.value) for u in _iris(q.get(ck("unit"), []))]
    what = unit or _texts(q.get(ck("countOf"), []))
    if what:
        noun = what[0]
        plural = not (value and value[0] in ("1", "1.0")) and not noun.endswith("s")
        if plural and unit:
            noun += "s"
        return f"{amount} {noun}"
    return amount


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


def _figures(linker: Linker, owner: Props, names: Iterable[str]) -> list[Figure]:
    out = []
    for name in names:
        for q in _iris(owner.get(ck(name), [])):
            out.append(Figure(linker.label(ck(name)), quantity_text(linker, props(linker, q.value)),
                              evidence_of(linker, q.value)))
    return out


def _kind(linker: Linker, h: Hierarchy, p: Props, fallback: str) -> str:
    types = {t.value for t in _iris(p.get(TYPE, []))}
    specific = most_specific(h, types)
    return linker.label(specific[0]) if specific else fallback


def provision_card(linker: Linker, h: Hierarchy, iri: str) -> ProvisionCard:
    p = props(linker, iri)
    kind = _kind(linker, h, p, "provision")
    zones = _iris(p.get(ck("zone"), []))
    zone_props = [props(linker, z.value) for z in zones]
    figures = _figures(linker, p, ("width", "noticePeriod", "personnel", "quantity"))
    places = _nodes(linker, [*p.get(ck("appliesTo"), []), *p.get(ck("location"), [])])
    patrolled = _nodes(linker, p.get(ck("patrolledBy"), []))
    for z in zone_props:
        figures += _figures(linker, z, ("width",))
        places += [n for n in _nodes(linker, z.get(ck("locatedIn"), [])) if n not in places]
        patrolled += [n for n in _nodes(linker, z.get(ck("patrolledBy"), [])) if n not in patrolled]
    dates = [(linker.label(ck(name)), d) for name in ("deadline", "effectiveFrom", "effectiveTime")
             for d in _texts(p.get(ck(name), []))]
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
    quote = next(iter(_texts(p.get("http://www.w3.org/2000/01/rdf-schema#comment", []))), None)
    return ProvisionCard(linker.node(ox.NamedNode(iri)), kind, words, obliged, places, dates,
                         figures, details, quote, evidence_of(linker, iri))


def agreement_card(linker: Linker, h: Hierarchy, iri: str, p: Props) -> AgreementCard:
    brokers = [(linker.label(ck(role)), n) for role in ("mediator", "host")
               for n in _nodes(linker, p.get(ck(role), []))]
    provisions = [provision_card(linker, h, v.value)
                  for v in _iris([*p.get(ck("provision"), []), *p.get(ck("protocol"), [])])]
    unique = {c.node.iri: c for c in provisions}
    in_force = _texts([*p.get(ck("effectiveFrom"), []), *p.get(ck("effectiveTime"), [])])
    return AgreementCard(
        kind=_kind(linker, h, p, "agreement"),
        parties=_nodes(linker, [*p.get(ck("party"), []), *p.get(ck("partyState"), [])]),
        signatories=_nodes(linker, p.get(ck("signatory"), [])),
        brokers=brokers,
        signing_date=next(iter(_texts(p.get(ck("signingDate"), []))), None),
        signing_places=_nodes(linker, p.get(ck("signingPlace"), [])),
        in_force=in_force[0] if in_force else None,
        applies_to=_nodes(linker, p.get(ck("appliesTo"), [])),
        provisions=sorted(unique.values(), key=lambda c: (c.kind, c.words)),
    )


@dataclass
class ClaimLine:
    node: Node
    stance: str
    claimant: Node | None
    targets: list[Node]
    text: str | None
    source: Source | None


@dataclass
class EventCard:
    kind: str
    sentence: str  # who did what to whom, where, when, with what
    roles: list[tuple[str, list[Node]]]
    date: str | None
    factuality: Node | None
    casualties: list[Figure]
    claims_for: list[ClaimLine]
    claims_against: list[ClaimLine]
    claims_other: list[ClaimLine]
    more_claims: bool


def _claim_line(linker: Linker, c: ox.NamedNode, stance: ox.NamedNode) -> ClaimLine:
    p = props(linker, c.value)
    claimant = next(iter(_nodes(linker, p.get(ck("claimant"), []))), None)
    text = next(iter(_texts([*p.get(ck("quote"), []), *p.get(ck("content"), [])])), None)
    graphs = [row["g"].value for row in linker.store.query(
        _STATED_GRAPHS, union_default_graph=False, substitutions={
            "x": c, "p": ox.NamedNode(ck("stance")), "o": stance,
            "inferred": ox.NamedNode(linker.ns.inferred_graph)})]
    source = linker.source(graphs[0], [c.value]) if graphs else None
    return ClaimLine(linker.node(c), linker.label(stance.value), claimant,
                     _nodes(linker, p.get(ck("target"), [])), text, source)


def event_card(linker: Linker, h: Hierarchy, iri: str, p: Props) -> EventCard:
    kind = _kind(linker, h, p, "event")
    roles = [(label, _nodes(linker, p.get(ck(name), []))) for label, name in (
        ("by", "agent"), ("against", "eventTarget"), ("victims", "victim"),
        ("with", "instrument"), ("to", "recipient"), ("where", "location"),
        ("from", "origin"), ("towards", "destination"), ("participants", "participant"))]
    roles = [(label, nodes) for label, nodes in roles if nodes]
    dates = _texts(p.get(ck("date"), []))
    start, end = _texts(p.get(ck("startDate"), [])), _texts(p.get(ck("endDate"), []))
    date = dates[0] if dates else (f"{start[0]}–{end[0] if end else ''}" if start else None)
    fact = next(iter(_iris(p.get(ck("factuality"), []))), None)
    named = dict(roles)

    def names(label: str) -> str:
        return " and ".join(n.text for n in named.get(label, []))

    sentence = " ".join(x for x in (
        names("by") or "someone", kind, names("against"),
        ("in " + names("where")) if "where" in named else "",
        ("on " + date) if date else "(date not stated)",
        ("with " + names("with")) if "with" in named else "") if x)
    found = list(linker.store.query(_CLAIMS_ABOUT, substitutions={"x": ox.NamedNode(iri)}))
    sides: dict[str, list[ClaimLine]] = {"for": [], "against": [], "other": []}
    for row in found[:MAX_CLAIMS]:
        stance = row["stance"].value
        side = "against" if stance in AGAINST else "for" if stance in FOR else "other"
        sides[side].append(_claim_line(linker, row["c"], row["stance"]))
    for lines in sides.values():
        lines.sort(key=lambda c: (c.stance, c.claimant.text if c.claimant else ""))
    return EventCard(kind, sentence, roles, date,
                     linker.node(fact) if fact is not None else None,
                     _figures(linker, p, CASUALTY_PROPS), sides["for"], sides["against"],
                     sides["other"], len(found) > MAX_CLAIMS)


@dataclass
class Cards:
    agreement: AgreementCard | None = None
    event: EventCard | None = None


def cards_for(linker: Linker, iri: str) -> Cards:
    """The card(s) of ``iri``: none for a resource that is neither an agreement nor an event."""
    p = props(linker, iri)
    types = {t.value for t in _iris(p.get(TYPE, []))}
    if not types:
        return Cards()
    h = Hierarchy(linker.store)
    if h.is_a(types, ck("Agreement")):
        return Cards(agreement=agreement_card(linker, h, iri, p))
    if h.is_a(types, ck("Event")):
        return Cards(event=event_card(linker, h, iri, p))
    return Cards()
