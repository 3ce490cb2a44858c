"""The entity page's content: labels, types, facts with sources, claims, timeline."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from conflict_kg.namespaces import ONTOLOGY, RDFS
from conflict_kg.server.pages_data import (
    ALT_LABEL_PROPS,
    DESCRIPTION_PROPS,
    HIDDEN_IN,
    HIDDEN_OUT,
    LABEL_PROPS,
    TYPE,
    Fact,
    Linker,
    Node,
    Sentence,
    Source,
    group_facts,
)

#: Fact rows shown each way (outgoing, incoming) on one page.
MAX_FACT_ROWS = 400

_OUT = "SELECT * WHERE { GRAPH ?g { ?e ?p ?o } }"
_IN = "SELECT * WHERE { GRAPH ?g { ?s ?p ?e } } LIMIT 2000"

_MENTIONS = """SELECT ?e ?doc (COUNT(?m) AS ?n) (MIN(?b) AS ?first) WHERE {
  ?m <http://www.w3.org/2005/11/its/rdf#taIdentRef> ?e ;
     <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#referenceContext> ?doc ;
     <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex> ?b .
} GROUP BY ?doc ?e ORDER BY DESC(?n)"""

_FIRST_MENTION = """SELECT * WHERE {
  ?m <http://www.w3.org/2005/11/its/rdf#taIdentRef> ?e ;
     <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#referenceContext> ?doc ;
     <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex> ?b .
} ORDER BY ?b LIMIT 1"""

_CLAIMS = f"""SELECT * WHERE {{ GRAPH ?g {{
  ?c a <{ONTOLOGY}Claim> ; ?rel ?e .
  OPTIONAL {{ ?c <{ONTOLOGY}stance> ?stance }}
  OPTIONAL {{ ?c <{ONTOLOGY}claimant> ?claimant }}
  OPTIONAL {{ ?c <{ONTOLOGY}date> ?date }}
  OPTIONAL {{ ?c <{ONTOLOGY}quote> ?quote }}
  OPTIONAL {{ ?c <{ONTOLOGY}content> ?content }}
}} }}"""

_CLAIM_TARGETS = f"""SELECT DISTINCT ?c ?p ?t ?g WHERE {{ GRAPH ?g {{ ?c ?p ?t }}
  FILTER(?p IN (<{ONTOLOGY}target>, <{ONTOLOGY}about>, <{ONTOLOGY}addressee>)) }}"""

# Events the entity takes part in, with every type and role; which of them are
# events, and the most specific types and roles, are read from the class and
# property hierarchy in Python (the reasoner adds every superclass/-property).
# Not in SPARQL with rdfs:subClassOf* / + paths: Virtuoso 7 loses the solutions of
# a path joined with other patterns (also inside FILTER NOT EXISTS), so on it the
# timeline came out empty (docs/scaling.md); and the store need not be reasoned.
_EVENTS = f"""SELECT ?ev ?role ?t ?date ?factuality WHERE {{
  ?ev ?role ?e . ?ev a ?t .
  OPTIONAL {{ ?ev <{ONTOLOGY}factuality> ?factuality }}
  OPTIONAL {{ ?ev <{ONTOLOGY}date> ?d1 }}
  OPTIONAL {{ ?ev <{ONTOLOGY}startDate> ?d2 }}
  BIND(COALESCE(?d1, ?d2) AS ?date)
}}"""
_HIERARCHY = f"""SELECT ?a ?b WHERE {{
  VALUES ?p {{ <{RDFS}subClassOf> <{RDFS}subPropertyOf> }} ?a ?p ?b
}}"""


@dataclass
class TypeInfo:
    node: Node
    inferred: bool


@dataclass
class Claim:
    node: Node
    stance: str
    claimant: Node | None
    role: str
    date: str | None
    text: str | None
    targets: list[tuple[str, Node]] = field(default_factory=list)
    source: Source | None = None


@dataclass
class TimelineEntry:
    date: str | None
    event: Node
    types: list[Node]
    roles: list[Node]
    # Set when the event is not stated as having happened (future, negated,
    # called off, reported only...): the page says so beside it.
    factuality: Node | None = None


@dataclass
class MentionedIn:
    document: Node
    count: int
    first: str | None


@dataclass
class EntityView:
    iri: str
    label: str
    alt_labels: list[str]
    types: list[TypeInfo]
    descriptions: list[str]
    outgoing: list[Fact]
    incoming: list[Fact]
    claims_by_stance: dict[str, list[Claim]]
    timeline: list[TimelineEntry]
    mentioned_in: list[MentionedIn]
    neighbours: list[tuple[Node, str, bool]]  # node, edge label, outgoing?
    omitted: int = 0  # fact rows beyond MAX_FACT_ROWS each way, not shown


def entity_view(linker: Linker, iri: str) -> EntityView:
    store, e = linker.store, ox.NamedNode(iri)
    out_rows, alt, desc = [], [], []
    types: dict[str, set[str]] = {}
    for row in store.query(_OUT, substitutions={"e": e}, union_default_graph=False):
        p, o, g = row["p"].value, row["o"], row["g"].value
        if p == TYPE and isinstance(o, ox.NamedNode):
            types.setdefault(o.value, set()).add(linker.graph_kind(g))
        elif p in ALT_LABEL_PROPS and isinstance(o, ox.Literal):
            alt.append(o.value)
        elif p in DESCRIPTION_PROPS and isinstance(o, ox.Literal):
            desc.append(o.value)
        if p not in HIDDEN_OUT and not _is_mention(o):
            out_rows.append((e, row["p"], o, g))
    in_rows = [(row["s"], row["p"], e, row["g"].value)
               for row in store.query(_IN, substitutions={"e": e}, union_default_graph=False)
               if row["p"].value not in HIDDEN_IN and not _is_mention(row["s"])]
    label = linker.label(iri)
    labels_seen = {label}
    alt_labels = [a for a in dict.fromkeys(alt) if a not in labels_seen]
    for row in store.query(_OUT, substitutions={"e": e}, union_default_graph=False):
        if row["p"].value in LABEL_PROPS and row["o"].value not in labels_seen:
            labels_seen.add(row["o"].value)
            alt_labels.append(row["o"].value)
    type_infos = [TypeInfo(linker.node(ox.NamedNode(t)), kinds == {"inferred"})
                  for t, kinds in types.items()]
    type_infos.sort(key=lambda t: (t.inferred, t.node.text))
    # A hub (a state named in every document) keeps its page readable and quick:
    # the rest is in the machine twins and one query away.
    omitted = max(0, len(out_rows) - MAX_FACT_ROWS) + max(0, len(in_rows) - MAX_FACT_ROWS)
    outgoing = group_facts(linker, out_rows[:MAX_FACT_ROWS], iri, outgoing=True)
    incoming = group_facts(linker, in_rows[:MAX_FACT_ROWS], iri, outgoing=False)
    return EntityView(
        iri=iri, label=label, alt_labels=alt_labels, types=type_infos,
        descriptions=list(dict.fromkeys(desc)), outgoing=outgoing, incoming=incoming,
        claims_by_stance=claims(linker, e), timeline=timeline(linker, e),
        mentioned_in=mentioned_in(linker, e), neighbours=neighbours(outgoing, incoming, iri),
        omitted=omitted,
    )


def _is_mention(term: object) -> bool:
    """Mentions (``<doc>#char=s,e``) are provenance: shown as sources, not as facts."""
    return isinstance(term, ox.NamedNode) and "#char=" in term.value


def claims(linker: Linker, e: ox.NamedNode) -> dict[str, list[Claim]]:
    """Claims by or about ``e``, grouped by stance (stances side by side on the page)."""
    found: dict[str, Claim] = {}
    for row in linker.store.query(_CLAIMS, substitutions={"e": e}, union_default_graph=False):
        c = row["c"].value
        if c in found:
            continue
        stance = linker.label(row["stance"].value) if row["stance"] is not None else "says"
        claimant = linker.node(row["claimant"]) if row["claimant"] is not None else None
        text = next((row[k].value for k in ("quote", "content") if row[k] is not None), None)
        claim = Claim(linker.node(row["c"]), stance, claimant, linker.label(row["rel"].value),
                      row["date"].value if row["date"] is not None else None, text)
        seen_targets: set[tuple[str, str]] = set()
        for t in linker.store.query(_CLAIM_TARGETS, union_default_graph=False,
                                    substitutions={"c": row["c"]}):
            key = (t["p"].value, t["t"].value)
            if t["t"] != e and t["g"].value != linker.ns.inferred_graph and key not in seen_targets:
                seen_targets.add(key)
                claim.targets.append((linker.label(t["p"].value), linker.node(t["t"])))
        claim.source = linker.source(row["g"].value, [c])
        found[c] = claim
    by_stance: dict[str, list[Claim]] = {}
    for claim in sorted(found.values(), key=lambda c: (c.date or "", c.node.text)):
        by_stance.setdefault(claim.stance, []).append(claim)
    # Attributions and their denials first, so contradicting sources stand side by side.
    first = ["blames", "holds responsible", "accuses", "denies", "confirms"]
    order = sorted(by_stance, key=lambda s: (first.index(s) if s in first else len(first), s))
    return {s: by_stance[s] for s in order}


def _ancestors(edges: dict[str, set[str]], start: str) -> set[str]:
    """Every class (property) ``start`` is a strict subclass (subproperty) of."""
    seen: set[str] = set()
    todo = list(edges.get(start, ()))
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(edges.get(node, ()))
    seen.discard(start)
    return seen


def timeline(linker: Linker, e: ox.NamedNode) -> list[TimelineEntry]:
    """Events the entity takes part in, by date, each once with its (ck:) roles and types."""
    rows = list(linker.store.query(_EVENTS, substitutions={"e": e}))
    if not rows:
        return []
    edges: dict[str, set[str]] = {}
    for row in linker.store.query(_HIERARCHY):
        edges.setdefault(row["a"].value, set()).add(row["b"].value)
    up: dict[str, set[str]] = {}

    def above(iri: str) -> set[str]:
        if iri not in up:
            up[iri] = _ancestors(edges, iri)
        return up[iri]

    event = ONTOLOGY + "Event"
    types: dict[str, set[str]] = {}
    roles: dict[str, set[str]] = {}
    for row in rows:
        types.setdefault(row["ev"].value, set()).add(row["t"].value)
        roles.setdefault(row["ev"].value, set()).add(row["role"].value)
    entries: dict[str, TimelineEntry] = {}
    for row in rows:
        ev, t, role = row["ev"].value, row["t"].value, row["role"].value
        if t != event and event not in above(t):
            continue  # not an event type
        if any(t in above(t2) for t2 in types[ev] if t2 != t):
            continue  # a more specific type of the event is there
        if any(role in above(r2) for r2 in roles[ev] if r2 != role):
            continue  # a more specific role is there
        entry = entries.get(ev)
        if entry is None:
            date = row["date"].value if row["date"] is not None else None
            entry = TimelineEntry(date, linker.node(row["ev"]), [], [])
            entries[ev] = entry
        f = row["factuality"]
        if f is not None and f.value != ONTOLOGY + "actual" and entry.factuality is None:
            entry.factuality = linker.node(f)
        for node, found in ((linker.node(row["t"]), entry.types),
                            (linker.node(row["role"]), entry.roles)):
            if node.iri and node.iri.startswith(ONTOLOGY) and node not in found:
                found.append(node)
    # The same order whatever order the store gives rows in (ties: by IRI).
    for entry in entries.values():
        entry.types.sort(key=lambda n: (n.text, n.iri or ""))
        entry.roles.sort(key=lambda n: (n.text, n.iri or ""))
    return sorted(entries.values(),
                  key=lambda x: (x.date is None, x.date or "", x.event.text, x.event.iri or ""))


def mentioned_in(linker: Linker, e: ox.NamedNode) -> list[MentionedIn]:
    out = []
    for row in linker.store.query(_MENTIONS, substitutions={"e": e}):
        doc = row["doc"]
        first = None
        for m in linker.store.query(_FIRST_MENTION, substitutions={"e": e, "doc": doc}):
            first = linker.mapper.href(m["m"].value)
        out.append(MentionedIn(linker.node(doc), int(row["n"].value), first))
    return out


def neighbours(outgoing: list[Fact], incoming: list[Fact], centre: str, limit: int = 12
               ) -> list[tuple[Node, str, bool]]:
    """Up to ``limit`` linked resources (not the centre itself) for the neighbourhood picture."""
    seen: dict[str, tuple[Node, str, bool]] = {centre: (Node(""), "", True)}
    for fact, is_out in [*((f, True) for f in outgoing), *((f, False) for f in incoming)]:
        other = fact.object if is_out else fact.subject
        if other.iri is None or other.iri in seen or other.href is None:
            continue
        if "#char=" in other.iri or other.iri.startswith(ONTOLOGY):
            continue
        seen[other.iri] = (other, fact.predicate.text, is_out)
        if len(seen) > limit:
            break
    return [v for k, v in seen.items() if k != centre]


__all__ = ["EntityView", "Sentence", "entity_view"]
