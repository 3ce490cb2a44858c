"""The entity page's content: labels, types, facts with sources, claims, timeline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import pyoxigraph as ox

from conflict_kg.namespaces import ONTOLOGY, RDF, XSD
from conflict_kg.server.pages.data import (
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
    ancestors,
)

#: Items shown per section (facts each way, claims, timeline, documents) on one
#: page; the rest is one "more" link away (``?facts=50`` starts that section at 50).
SECTION_SIZE = 50
#: Sources listed per fact; the page says how many more there are.
MAX_SOURCES = 5
SECTIONS = ("facts", "referred", "claims", "timeline", "mentions")
#: Rows a section reads before it stops counting (issue 19).  Past it the section is a
#: hub's (a state named in every document): its total is shown as "500+" and its items
#: in the store's order, read with LIMIT/OFFSET, so that its first page costs the same
#: at 100 or 10,000 documents; ordering them (by property label, date, mentions) would
#: read every one.  The next pages of such a section count it exactly (their cost is
#: the section's size, asked for by following "more").  Below it, the section is exact
#: and ordered as before, from at most this many rows.
COUNT_CAP = 500

# Distinct facts first, then the graphs of the shown ones only: a fact that a
# thousand documents repeat is one row, and its sources cost MAX_SOURCES lookups.
# A section is paged in SPARQL: the distinct facts counted per property (one
# aggregate), the properties ordered by label in Python, then only the properties
# that the page reaches are read, ordered by the other term, with LIMIT/OFFSET.
# Labels are looked up for the shown facts only (a hub state has ~10,000 facts at
# 1,000 documents: labelling them all to sort them took seconds).
_NOT_MENTION = '(!isIRI(?{v}) || !CONTAINS(STR(?{v}), "#char="))'
_HEADER_PROPS = (TYPE, *LABEL_PROPS, *ALT_LABEL_PROPS, *DESCRIPTION_PROPS)
_HEADER = ("SELECT DISTINCT ?e ?p ?o WHERE { GRAPH ?g { ?e ?p ?o } FILTER(?p IN ("
           + ", ".join(f"<{p}>" for p in _HEADER_PROPS) + ")) }")
_PROPERTY_COUNTS = {
    True: "SELECT ?e ?p (COUNT(DISTINCT ?o) AS ?n) WHERE { GRAPH ?g { ?e ?p ?o } "
          f"FILTER{_NOT_MENTION.format(v='o')} }} GROUP BY ?e ?p",
    False: "SELECT ?e ?p (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?e } "
           f"FILTER{_NOT_MENTION.format(v='s')} }} GROUP BY ?e ?p",
}
# The rows an exact fact section reads (every link one way, in every graph): past
# COUNT_CAP of them, the section is a hub's (the entity written in for ENTITY).
_LINKS = {True: "SELECT ?p WHERE { GRAPH ?g { ENTITY ?p ?o } }",
          False: "SELECT ?p WHERE { GRAPH ?g { ?s ?p ENTITY } }"}
_FACT_GRAPHS = f"SELECT * WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} LIMIT {MAX_SOURCES + 1}"
_PROPERTY_PAGE = {  # + LIMIT and OFFSET
    True: "SELECT DISTINCT ?e ?p ?o WHERE { GRAPH ?g { ?e ?p ?o } "
          f"FILTER{_NOT_MENTION.format(v='o')} }} ORDER BY ?o",
    False: "SELECT DISTINCT ?s ?p ?e WHERE { GRAPH ?g { ?s ?p ?e } "
           f"FILTER{_NOT_MENTION.format(v='s')} }} ORDER BY ?s",
}

# Ties by document, so that pages of equal counts neither repeat nor skip one.
_MENTIONS = """SELECT ?e ?doc (COUNT(?m) AS ?n) (MIN(?b) AS ?first) WHERE {
  ?m <http://www.w3.org/2005/11/its/rdf#taIdentRef> ?e ;
     <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#referenceContext> ?doc ;
     <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex> ?b .
} GROUP BY ?doc ?e ORDER BY DESC(?n) ?doc"""

# A hub's mentions (past COUNT_CAP: its mention section is read in the store's order),
# its documents, and one document's mentions of it, read in the document's own graphs.
_MENTION_LINKS = ("SELECT ?m WHERE { GRAPH ?g { ?m "
                  "<http://www.w3.org/2005/11/its/rdf#taIdentRef> ENTITY } }")
_HUB_DOCUMENTS = """SELECT DISTINCT ?doc WHERE {
  ?m <http://www.w3.org/2005/11/its/rdf#taIdentRef> ENTITY ;
     <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#referenceContext> ?doc }"""
_DOCUMENT_MENTIONS = f"""SELECT ?m ?b WHERE {{ GRAPH ?g {{ DOCUMENT a <{ONTOLOGY}Document> }}
  GRAPH ?g {{ ?m <http://www.w3.org/2005/11/its/rdf#taIdentRef> ENTITY ;
     <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#referenceContext> DOCUMENT ;
     <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex> ?b }} }}"""

# The first mention in each document of a page, in one query: the entity's mentions in
# those documents (the documents written in as the N-Triples forms of the IRIs the
# store gave).  One query per document took 5.6 ms each (282 ms for a page of 50).
_FIRST_MENTIONS = """SELECT ?doc ?m ?b WHERE {
  ?m <http://www.w3.org/2005/11/its/rdf#taIdentRef> ?e ;
     <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#referenceContext> ?doc ;
     <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex> ?b .
  FILTER(?doc IN (DOCUMENTS)) }"""

# The entity is bound as a substitution, which the embedded store writes into the
# pattern (conflict_kg/store/inline_terms.py): planned as if unbound, pyoxigraph read
# every claim first.  The class is compared in a FILTER (sameTerm), not written in the
# pattern: with it there, pyoxigraph starts from every claim of the store (0.35 s at
# 1,000 documents for an entity no claim is about; 0.3 ms this way).
# The reasoner's graph (INFERRED) is a branch of its own, started from its claims: it
# holds most links to a hub (property chains: 6,697 ck:attributedToState of its 11,546
# at 1,000 documents) and, when the documents type their claims, no claim, so the type
# of each of those links was looked up for nothing (380 -> 110 ms for the hub).  The
# two branches split the rows by graph: the same rows, those of the other graphs first.
_CLAIM_FIELDS = "".join(f"\n  OPTIONAL {{ ?c <{ONTOLOGY}{name}> ?{name} }}"
                        for name in ("stance", "claimant", "date", "quote", "content"))
_CLAIMS = f"""SELECT * WHERE {{ {{ GRAPH ?g {{
  ?c ?rel ?entity . FILTER(?g != INFERRED) ?c a ?class .
  FILTER(sameTerm(?class, <{ONTOLOGY}Claim>)){_CLAIM_FIELDS}
}} }} UNION {{ GRAPH INFERRED {{
  ?c a <{ONTOLOGY}Claim> . ?c ?rel ?entity .{_CLAIM_FIELDS}
}} BIND(INFERRED AS ?g) BIND(<{ONTOLOGY}Claim> AS ?class) }} }}"""

_CLAIM_TARGETS = f"""SELECT DISTINCT ?c ?p ?t ?g WHERE {{ GRAPH ?g {{ ?c ?p ?t }}
  FILTER(?p IN (<{ONTOLOGY}target>, <{ONTOLOGY}about>, <{ONTOLOGY}addressee>)) }}"""

# Events the entity takes part in, with every type and role; which of them are
# events, and the most specific types and roles, are read from the class and
# property hierarchy in Python (the reasoner adds every superclass/-property).
# Not in SPARQL with rdfs:subClassOf* / + paths: Virtuoso 7 loses the solutions of
# a path joined with other patterns (also inside FILTER NOT EXISTS), so on it the
# timeline came out empty (docs/scaling.md); and the store need not be reasoned.
# One pattern per query, each looked up from a bound event: joined in one query, the
# copies of a syndicated story multiply (roles x types x dates x factualities).
# The timeline is paged in SPARQL: its events counted, then one page of them by
# date (then IRI).  An event is told by the role that links it to the entity: a
# property whose domain is ck:Event or a subclass, or a subproperty of one (read from
# the ontology, so the store need not be reasoned).  Joining each linked node to its
# types instead took 0.6 s for a hub at 1,000 documents (it has ~40,000 type rows);
# on that feed both give the same events.  The entity and the roles are written into
# the text (N-Triples forms of checked terms): a substituted entity leaves pyoxigraph
# to plan the join as if it were unbound, and it then scans every event; and the
# store's own writing-in (inline_terms) leaves a subquery's variables alone.
# The roles are one UNION branch each (Linker.linked_by_role: LINKS), so that the
# store reads only the links by a role (the count 193 -> 22 ms for the hub at 1,000).
_TIMELINE_COUNT = "SELECT (COUNT(DISTINCT ?ev) AS ?n) WHERE { LINKS FILTER(isIRI(?ev)) }"
# Ordered outside the grouping subquery (Virtuoso 7 rejects an aggregate's alias in
# the ORDER BY of the query that groups); undated last as a date past any other
# (Virtuoso 7 orders by BOUND() of a BIND as if always bound).
_TIMELINE_PAGE = f"""SELECT ?ev ?date1 ?date2 WHERE {{ {{
  SELECT ?ev (MIN(?d1) AS ?date1) (MIN(?d2) AS ?date2) WHERE {{
    LINKS FILTER(isIRI(?ev))
    OPTIONAL {{ ?ev <{ONTOLOGY}date> ?d1 }}
    OPTIONAL {{ ?ev <{ONTOLOGY}startDate> ?d2 }}
  }} GROUP BY ?ev }}
}} ORDER BY (COALESCE(?date1, ?date2, "9999-12-31"^^<{XSD}date>)) ?ev"""  # + LIMIT, OFFSET
# The role links an exact timeline reads, and a hub's events in the store's order.
_TIMELINE_LINKS = "SELECT ?ev WHERE { GRAPH ?g LINKS }"
_HUB_EVENTS = "SELECT DISTINCT ?ev WHERE { LINKS FILTER(isIRI(?ev)) }"
_EVENT_ROLES = "SELECT DISTINCT ?e ?ev ?role WHERE { ?ev ?role ?e }"
# A filter, not a VALUES block, so that the bound event is written in (events._FIELDS).
_EVENT_FIELDS = f"""SELECT DISTINCT ?ev ?p ?v WHERE {{ ?ev ?p ?v FILTER(?p IN (<{RDF}type>,
  <{ONTOLOGY}factuality>, <{ONTOLOGY}date>, <{ONTOLOGY}startDate>)) }}"""

T = TypeVar("T")


@dataclass
class Section(Generic[T]):
    """One page of a section's items: ``items`` from ``offset``, of ``total``."""

    items: list[T]
    offset: int
    total: int
    size: int = SECTION_SIZE
    #: ``total`` is a floor: the section has more than COUNT_CAP items, not counted.
    capped: bool = False
    #: False: the items are in the store's order (a hub's section), each page sorted.
    ordered: bool = True
    #: Whether items follow this page, when known without the total (a capped section).
    more: bool | None = None

    @property
    def next_offset(self) -> int | None:
        after = self.offset + len(self.items)
        if self.more is not None:
            return after if self.more else None
        return after if after < self.total else None

    @property
    def previous_offset(self) -> int | None:
        return max(self.offset - self.size, 0) if self.offset > 0 else None


def page_of(items: list[T], offset: int, size: int = SECTION_SIZE) -> Section[T]:
    """The page of ``items`` starting at ``offset`` (past the end: the last page).

    >>> s = page_of(list(range(120)), 100)
    >>> s.items[0], len(s.items), s.next_offset, s.previous_offset
    (100, 20, None, 50)
    """
    if offset >= len(items):
        offset = max(len(items) - 1, 0) // size * size
    return Section(items[offset:offset + size], offset, len(items), size)


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
    outgoing: Section[Fact]
    incoming: Section[Fact]
    claims: Section[Claim]
    timeline: Section[TimelineEntry]
    mentioned_in: Section[MentionedIn]
    neighbours: list[tuple[Node, str, bool]]  # node, edge label, outgoing?

    @property
    def claims_by_stance(self) -> dict[str, list[Claim]]:
        """This page's claims by stance; attributions and denials first, side by side."""
        by_stance: dict[str, list[Claim]] = {}
        for claim in self.claims.items:
            by_stance.setdefault(claim.stance, []).append(claim)
        first = ["blames", "holds responsible", "accuses", "denies", "confirms"]
        order = sorted(by_stance,
                       key=lambda s: (first.index(s) if s in first else len(first), s))
        return {s: by_stance[s] for s in order}


def entity_view(linker: Linker, iri: str, offsets: Mapping[str, int] | None = None
                ) -> EntityView:
    """The page of ``iri``; ``offsets`` says where each of :data:`SECTIONS` starts."""
    at = dict.fromkeys(SECTIONS, 0) | dict(offsets or {})
    store, e = linker.store, ox.NamedNode(iri)
    alt, desc, labels, type_iris = [], [], [], []
    for row in store.query(_HEADER, substitutions={"e": e}, union_default_graph=False):
        p, o = row["p"].value, row["o"]
        if p == TYPE and isinstance(o, ox.NamedNode):
            type_iris.append(o)
        elif p in ALT_LABEL_PROPS and isinstance(o, ox.Literal):
            alt.append(o.value)
        elif p in DESCRIPTION_PROPS and isinstance(o, ox.Literal):
            desc.append(o.value)
        elif p in LABEL_PROPS and isinstance(o, ox.Literal):
            labels.append(o.value)
    label = linker.label(iri)
    labels_seen = {label}
    alt_labels = [a for a in dict.fromkeys(alt) if a not in labels_seen]
    for other in labels:
        if other not in labels_seen:
            labels_seen.add(other)
            alt_labels.append(other)
    type_infos = []
    for t in dict.fromkeys(type_iris):
        kinds = {linker.graph_kind(g) for g in _graphs_of(linker, e, ox.NamedNode(TYPE), t)}
        type_infos.append(TypeInfo(linker.node(t), kinds == {"inferred"}))
    type_infos.sort(key=lambda t: (t.inferred, t.node.text))
    # A hub (a state named in every document) keeps its page readable and quick:
    # one section page of distinct facts, the sources of those only.
    outgoing = fact_section(linker, e, True, at["facts"])
    incoming = fact_section(linker, e, False, at["referred"])
    return EntityView(
        iri=iri, label=label, alt_labels=alt_labels, types=type_infos,
        descriptions=list(dict.fromkeys(desc)), outgoing=outgoing, incoming=incoming,
        claims=claims(linker, e, at["claims"]), timeline=timeline(linker, e, at["timeline"]),
        mentioned_in=mentioned_in(linker, e, at["mentions"]),
        neighbours=neighbours(outgoing.items, incoming.items, iri),
    )


def _graphs_of(linker: Linker, s: Any, p: Any, o: Any) -> list[str]:
    """Up to MAX_SOURCES + 1 graphs that hold the triple."""
    rows = linker.store.query(_FACT_GRAPHS, union_default_graph=False,
                              substitutions={"s": s, "p": p, "o": o})
    return [row["g"].value for row in rows]


def _bounded(linker: Linker) -> bool:
    """Whether a hub's sections may be read in the store's order: the embedded store
    answers a query without ORDER BY in the same (index) order each time, so LIMIT/OFFSET
    pages neither repeat nor skip an item; a remote store need not, so there every
    section stays exact and ordered (its cost then grows with the hub's links)."""
    return bool(linker.store.capabilities.native_quads)


def _count(linker: Linker, select: str, cap: int | None = None, *, union: bool = False
           ) -> int:
    """How many rows ``select`` (a SELECT with no ORDER BY, every term written in) has,
    counted up to ``cap + 1`` when ``cap`` is given: the store stops reading there."""
    limit = f" LIMIT {cap + 1}" if cap is not None else ""
    rows = list(linker.store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {{ {select}{limit} }} }}",
                                   union_default_graph=union))
    return int(rows[0]["n"].value) if rows else 0


def _is_hub(linker: Linker, probe: str, *, union: bool = False) -> bool:
    """Whether ``probe`` (the rows an exact section would read) has more than COUNT_CAP
    rows, on a store whose hub sections may be bounded."""
    return _bounded(linker) and _count(linker, probe, COUNT_CAP, union=union) > COUNT_CAP


@dataclass
class _HubPage:
    rows: list[Any]
    offset: int
    total: int
    capped: bool
    more: bool

    def section(self, items: list[T]) -> Section[T]:
        total = max(self.total, self.offset + len(items))  # a cap below a page: its items
        return Section(items, self.offset, total, SECTION_SIZE, capped=self.capped,
                       ordered=False, more=self.more)


def _hub_page(linker: Linker, select: str, offset: int, *, union: bool = False) -> _HubPage:
    """One page of a hub's section: ``select`` (DISTINCT, no ORDER BY, every term written
    in) read in the store's order with LIMIT/OFFSET.  The first page counts up to
    COUNT_CAP + 1 rows; a later one counts them all (the section's own paged view)."""
    if offset <= 0:
        offset, total = 0, _count(linker, select, COUNT_CAP, union=union)
        capped = total > COUNT_CAP
        total = min(total, COUNT_CAP)
    else:
        total, capped = _count(linker, select, union=union), False
        if offset >= total:
            offset = max(total - 1, 0) // SECTION_SIZE * SECTION_SIZE
    rows = list(linker.store.query(f"{select} LIMIT {SECTION_SIZE + 1} OFFSET {offset}",
                                   union_default_graph=union))
    return _HubPage(rows[:SECTION_SIZE], offset, total, capped, len(rows) > SECTION_SIZE)


def _term_key(term: Any) -> tuple[int, str]:
    """IRIs first, then literals, each by their text: the order of a hub's page."""
    return (0 if isinstance(term, ox.NamedNode) else 1, str(term))


def _window(counts: Sequence[tuple[T, int]], offset: int, size: int
            ) -> list[tuple[T, int, int]]:
    """(key, offset within the key, how many) of the keys a page of ``size`` items
    from ``offset`` reaches, when the items are ``counts`` keys' items in that order.

    >>> _window([("a", 3), ("b", 5), ("c", 2)], 2, 4)
    [('a', 2, 1), ('b', 0, 3)]
    >>> _window([("a", 3), ("b", 5), ("c", 2)], 8, 4)
    [('c', 0, 2)]
    """
    out, before, end = [], 0, offset + size
    for key, n in counts:
        lo, hi = max(offset, before), min(end, before + n)
        if lo < hi:
            out.append((key, lo - before, hi - lo))
        before += n
    return out


def fact_section(linker: Linker, e: ox.NamedNode, outgoing: bool, offset: int
                 ) -> Section[Fact]:
    """One page of ``e``'s distinct facts (``outgoing``: as subject, else as object),
    by property label then the other term, each with its first sources.

    Only the page's facts are read, labelled and given sources: the properties are
    counted in one aggregate, and each property the page reaches is read with
    LIMIT/OFFSET.  Every fact is on exactly one page.
    """
    hidden = HIDDEN_OUT if outgoing else HIDDEN_IN
    rows: list[tuple[Any, Any, Any]] = []
    if _is_hub(linker, _LINKS[outgoing].replace("ENTITY", str(e))):
        hub = _hub_page(linker, _hub_facts(outgoing, str(e), hidden), offset)
        for row in hub.rows:
            rows.append((e, row["p"], row["o"]) if outgoing else (row["s"], row["p"], e))
        rows.sort(key=lambda t: (linker.label(t[1].value), t[1].value,
                                 _term_key(t[2] if outgoing else t[0])))
        return hub.section(_facts(linker, e, outgoing, rows))
    counts = [(row["p"], int(row["n"].value)) for row in linker.store.query(
        _PROPERTY_COUNTS[outgoing], substitutions={"e": e}, union_default_graph=False)
        if row["p"].value not in hidden]
    counts.sort(key=lambda pn: (linker.label(pn[0].value), pn[0].value))
    total = sum(n for _, n in counts)
    if offset >= total:
        offset = max(total - 1, 0) // SECTION_SIZE * SECTION_SIZE
    for p, skip, take in _window(counts, offset, SECTION_SIZE):
        text = f"{_PROPERTY_PAGE[outgoing]} LIMIT {take} OFFSET {skip}"
        for row in linker.store.query(text, substitutions={"e": e, "p": p},
                                      union_default_graph=False):
            rows.append((e, p, row["o"]) if outgoing else (row["s"], p, e))
    return Section(_facts(linker, e, outgoing, rows), offset, total)


def _hub_facts(outgoing: bool, entity: str, hidden: set[str]) -> str:
    """A hub's distinct facts one way, not mentions nor hidden properties (no order)."""
    shown = f"FILTER(?p NOT IN ({', '.join(f'<{p}>' for p in sorted(hidden))}))"
    if outgoing:
        return (f"SELECT DISTINCT ?p ?o WHERE {{ GRAPH ?g {{ {entity} ?p ?o }} "
                f"FILTER{_NOT_MENTION.format(v='o')} {shown} }}")
    return (f"SELECT DISTINCT ?s ?p WHERE {{ GRAPH ?g {{ ?s ?p {entity} }} "
            f"FILTER{_NOT_MENTION.format(v='s')} {shown} }}")


def _facts(linker: Linker, e: ox.NamedNode, outgoing: bool,
           rows: list[tuple[Any, Any, Any]]) -> list[Fact]:
    """The page's facts, each with its first sources."""
    facts = []
    iri = e.value
    for s, p, o in rows:
        fact = Fact(linker.node(s), linker.node(p), linker.node(o),
                    key=(str(s), str(p), str(o)))
        graphs = _graphs_of(linker, s, p, o)
        fact.more_sources = max(0, len(graphs) - MAX_SOURCES)
        other = o if outgoing else s
        subjects, focus = [iri], None
        if isinstance(other, ox.NamedNode):
            subjects = [iri, other.value] if outgoing else [other.value, iri]
            focus = other.value if outgoing else iri
        fact.sources = [linker.source(g, subjects, focus) for g in graphs[:MAX_SOURCES]]
        facts.append(fact)
    return facts


def _is_mention(term: object) -> bool:
    """Mentions (``<doc>#char=s,e``) are provenance: shown as sources, not as facts."""
    return isinstance(term, ox.NamedNode) and "#char=" in term.value


def claims(linker: Linker, e: ox.NamedNode, offset: int = 0) -> Section[Claim]:
    """One page of the claims by or about ``e``, by date; targets and source for those only."""
    first_rows: dict[str, Any] = {}  # QuerySolution, or _claim_row's dict
    inferred = str(ox.NamedNode(linker.ns.inferred_graph))
    claims_text = _CLAIMS.replace("INFERRED", inferred)
    hub: _HubPage | None = None
    if _is_hub(linker, _LINKS[False].replace("ENTITY", str(e))):
        # A hub's: its claims by the properties a claim names an entity with, in the
        # store's order; the rows of the page's claims only.
        hub = _hub_page(linker, _hub_claims(linker, str(e), inferred), offset)
        for claim_row in hub.rows:
            found = _claim_row(linker, claim_row["c"], e)
            if found is not None:
                first_rows[claim_row["c"].value] = found
                continue
            for row in linker.store.query(claims_text, union_default_graph=False,
                                          substitutions={"entity": e, "c": claim_row["c"]}):
                first_rows.setdefault(row["c"].value, row)
    else:
        for row in linker.store.query(claims_text, substitutions={"entity": e},
                                      union_default_graph=False):
            first_rows.setdefault(row["c"].value, row)
    # By date, then IRI: labelling every claim to sort them cost a query or three each.
    ordered = sorted(first_rows.values(), key=lambda r: (
        r["date"].value if r["date"] is not None else "", r["c"].value))
    page = page_of(ordered, 0) if hub is not None else page_of(ordered, offset)
    shown = []
    for row in page.items:
        c = row["c"].value
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
        shown.append(claim)
    if hub is not None:
        return hub.section(shown)
    return Section(shown, page.offset, page.total, page.size)


#: Quads of one claim read from the store's index for its row on a hub's page; past
#: these, its row is a query (a claim is a few dozen quads in its document's graph).
CLAIM_QUADS = 256
_CLAIM_COLUMNS = ("stance", "claimant", "date", "quote", "content")


def _claim_row(linker: Linker, c: Any, e: ox.NamedNode) -> dict[str, Any] | None:
    """A row of _CLAIMS for one claim of a hub's page, from the claim's quads: in the
    first graph (by IRI, the reasoner's last) that types it ck:Claim and links it to
    ``e``, the least linking property and the least value of each field of that graph.
    None past CLAIM_QUADS quads (or with no such graph): the caller asks _CLAIMS."""
    if not isinstance(c, ox.NamedNode):
        return None
    by_graph: dict[str, list[ox.Quad]] = {}
    for i, quad in enumerate(linker.store.native_quads().match(c)):
        if i >= CLAIM_QUADS:
            return None
        if isinstance(quad.graph_name, ox.NamedNode):
            by_graph.setdefault(quad.graph_name.value, []).append(quad)
    claim = ox.NamedNode(ONTOLOGY + "Claim")
    inferred = linker.ns.inferred_graph
    for g in sorted(by_graph, key=lambda g: (g == inferred, g)):
        quads = by_graph[g]
        if not any(q.predicate.value == TYPE and q.object == claim for q in quads):
            continue
        links = sorted(q.predicate.value for q in quads if q.object == e)
        if not links:
            continue
        row: dict[str, Any] = {"c": c, "g": ox.NamedNode(g), "rel": ox.NamedNode(links[0]),
                               "class": claim, "entity": e}
        for name in _CLAIM_COLUMNS:
            values = sorted((q.object for q in quads if q.predicate.value == ONTOLOGY + name),
                            key=_term_key)
            row[name] = values[0] if values else None
        return row
    return None


_CHAINED = ("SELECT DISTINCT ?p WHERE { ?p "
            "<http://www.w3.org/2002/07/owl#propertyChainAxiom> ?chain }")

#: What a claim names an entity with besides the properties of ck:Claim's domain (its
#: roles): what it is about and whom it targets (their subproperties too).
_CLAIM_OBJECTS = (ONTOLOGY + "target", ONTOLOGY + "targetState", ONTOLOGY + "about")


def _hub_claims(linker: Linker, entity: str, inferred: str) -> str:
    """A hub's claims, distinct, in no order: one UNION branch per property a claim names
    an entity with (the store reads those links only, not every link to the hub), the
    claim typed in the link's graph, the reasoner's graph apart as in _CLAIMS.  A claim
    linked to the hub by another property only is left out of a hub's section."""
    edges = linker.hierarchy()
    props = {p[1:-1] for p in linker.roles(ONTOLOGY + "Claim")} | set(_CLAIM_OBJECTS)
    props |= {p for p in edges if ancestors(edges, p) & set(_CLAIM_OBJECTS)}
    # Asserted properties first, those the reasoner derives (a property chain's, or one
    # above another of the list) last: their links are mostly in the reasoner's graph,
    # read and left out here, and a capped count is often reached before them.
    chained = {row["p"].value for row in linker.store.query(_CHAINED)}
    below = {p: sum(1 for q in props if q != p and p in ancestors(edges, q)) for p in props}
    order = sorted(props, key=lambda p: (p in chained, below[p], p))
    branches = [f"""{{ GRAPH ?g {{ ?c {ox.NamedNode(p)} {entity} . FILTER(?g != {inferred})
    ?c a ?class . FILTER(sameTerm(?class, <{ONTOLOGY}Claim>)) }} }}""" for p in order]
    branches.append(f"""{{ GRAPH {inferred} {{ ?c a <{ONTOLOGY}Claim> . ?c ?rel {entity} }}
    BIND({inferred} AS ?g) }}""")
    return f"SELECT DISTINCT ?c WHERE {{ {' UNION '.join(branches)} }}"


EventRow = dict[str, Any]  # the terms of one event row; factuality may be None


def _event_rows(linker: Linker, e: ox.NamedNode, events: list[ox.NamedNode],
                dates: dict[str, str | None] | None = None) -> list[EventRow]:
    """(event, role, type, factuality) rows of the given events (the page's); with
    ``dates``, each event's date (its least ck:date, else its least ck:startDate) too."""
    rows: list[EventRow] = []
    for ev in events:
        roles = [row["role"] for row in linker.store.query(
            _EVENT_ROLES, substitutions={"e": e, "ev": ev})]
        fields: dict[str, list[ox.NamedNode | ox.Literal]] = {}
        for row in linker.store.query(_EVENT_FIELDS, substitutions={"ev": ev}):
            fields.setdefault(row["p"].value, []).append(row["v"])
        if dates is not None:
            dates[ev.value] = next((min(v.value for v in fields[k]) for k in (
                ONTOLOGY + "date", ONTOLOGY + "startDate") if fields.get(k)), None)
        factuality = next(iter(fields.get(ONTOLOGY + "factuality", [])), None)
        for role in roles:
            for t in fields.get(RDF + "type", []):
                rows.append({"ev": ev, "role": role, "t": t, "factuality": factuality})
    return rows


def timeline(linker: Linker, e: ox.NamedNode, offset: int = 0) -> Section[TimelineEntry]:
    """One page of the events the entity takes part in, by date (then IRI), each once
    with its most specific (ck:) roles and types.

    The events are counted and paged in SPARQL; roles, types and factuality are read
    for the page's events only.
    """
    edges = linker.hierarchy()
    up: dict[str, set[str]] = {}

    def above(iri: str) -> set[str]:
        if iri not in up:
            up[iri] = ancestors(edges, iri)
        return up[iri]

    event = ONTOLOGY + "Event"
    if not linker.roles(event):
        return Section([], 0, 0)
    links = linker.linked_by_role(event, "?ev", str(e))

    def text(template: str) -> str:
        return template.replace("LINKS", links)

    hub: _HubPage | None = None
    dates: dict[str, str | None] = {}
    if _is_hub(linker, text(_TIMELINE_LINKS)):  # a hub's: in the store's order
        hub = _hub_page(linker, text(_HUB_EVENTS), offset, union=True)
        events = [row["ev"] for row in hub.rows]
        rows = _event_rows(linker, e, events, dates)
    else:
        total = sum(int(row["n"].value) for row in linker.store.query(text(_TIMELINE_COUNT)))
        if offset >= total:
            offset = max(total - 1, 0) // SECTION_SIZE * SECTION_SIZE
        if not total:
            return Section([], 0, 0)
        page = list(linker.store.query(
            text(_TIMELINE_PAGE) + f" LIMIT {SECTION_SIZE} OFFSET {offset}"))
        events = [row["ev"] for row in page]
        dates = {row["ev"].value: next((row[k].value for k in ("date1", "date2")
                                        if row[k] is not None), None) for row in page}
        rows = _event_rows(linker, e, events)
    types: dict[str, set[str]] = {}
    roles: dict[str, set[str]] = {}
    for row in rows:
        types.setdefault(row["ev"].value, set()).add(row["t"].value)
        roles.setdefault(row["ev"].value, set()).add(row["role"].value)
    entries: dict[str, TimelineEntry] = {
        ev.value: TimelineEntry(dates[ev.value], linker.node(ev), [], []) for ev in events}
    for row in rows:
        ev, t, role = row["ev"].value, row["t"].value, row["role"].value
        if t != event and event not in above(t):
            continue  # not an event type
        if any(t in above(t2) for t2 in types[ev] if t2 != t):
            continue  # a more specific type of the event is there
        if any(role in above(r2) for r2 in roles[ev] if r2 != role):
            continue  # a more specific role is there
        entry = entries[ev]
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
    # Sorted again in Python: Virtuoso 7 orders the undated events of a page first.
    ordered = sorted(entries.values(), key=lambda x: (x.date is None, x.date or "",
                                                      x.event.iri or ""))
    if hub is not None:
        return hub.section(ordered)
    return Section(ordered, offset, total)


def mentioned_in(linker: Linker, e: ox.NamedNode, offset: int = 0) -> Section[MentionedIn]:
    """The documents that mention ``e``, most mentions first; first mentions for one page.
    A hub's (more than COUNT_CAP mentions): in the store's order, each page by count."""
    entity = str(e)
    if _is_hub(linker, _MENTION_LINKS.replace("ENTITY", entity)):
        return _hub_mentions(linker, e, offset)
    counted = list(linker.store.query(_MENTIONS, substitutions={"e": e}))
    page = page_of(counted, offset)
    docs = [row["doc"] for row in page.items if isinstance(row["doc"], ox.NamedNode)]
    first: dict[str, tuple[int, str]] = {}  # by document: (begin, mention), the least
    if docs:
        listed = ", ".join(str(doc) for doc in docs)
        for m in linker.store.query(_FIRST_MENTIONS.replace("DOCUMENTS", listed),
                                    substitutions={"e": e}):
            try:
                found = (int(m["b"].value), m["m"].value)
            except ValueError:
                continue  # not an offset: no link rather than a wrong one
            known = first.get(m["doc"].value)
            if known is None or found < known:
                first[m["doc"].value] = found
    out = []
    for row in page.items:
        doc = row["doc"]
        mention = first.get(doc.value)
        out.append(MentionedIn(linker.node(doc), int(row["n"].value),
                               linker.mapper.href(mention[1]) if mention else None))
    return Section(out, page.offset, page.total, page.size)


def _hub_mentions(linker: Linker, e: ox.NamedNode, offset: int) -> Section[MentionedIn]:
    """A page of a hub's documents in the store's order; each one's mentions of ``e``
    counted in the graphs that state it is a document (ingest writes a document's
    mentions in its own graph), where the store reads only that document's mentions."""
    entity = str(e)
    hub = _hub_page(linker, _HUB_DOCUMENTS.replace("ENTITY", entity), offset, union=True)
    out = []
    for row in hub.rows:
        doc = row["doc"]
        if not isinstance(doc, ox.NamedNode):
            continue
        mentions: set[str] = set()
        first: tuple[int, str] | None = None
        text = _DOCUMENT_MENTIONS.replace("ENTITY", entity).replace("DOCUMENT", str(doc))
        for m in linker.store.query(text, union_default_graph=False):
            mentions.add(m["m"].value)
            try:
                found = (int(m["b"].value), m["m"].value)
            except ValueError:
                continue  # not an offset: no link rather than a wrong one
            if first is None or found < first:
                first = found
        out.append(MentionedIn(linker.node(doc), len(mentions),
                               linker.mapper.href(first[1]) if first else None))
    out.sort(key=lambda m: (-m.count, m.document.iri or ""))
    return hub.section(out)


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
