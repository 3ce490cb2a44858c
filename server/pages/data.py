"""View models of the HTML pages: labels, links and "according to" sources.

Everything here returns plain data (strings and small dataclasses); the
templates escape it.  Every query takes its terms through ``substitutions``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from conflict_kg.namespaces import (
    DCTERMS,
    ITSRDF,
    NIF,
    ONTOLOGY,
    OWL,
    RDF,
    RDFS,
    SKOS,
    DataNamespace,
)
from conflict_kg.server.http.iris import IriMapper
from conflict_kg.store import GraphStore, NativeQuads

TYPE = RDF + "type"
LABEL_PROPS = (SKOS + "prefLabel", RDFS + "label")
ALT_LABEL_PROPS = (SKOS + "altLabel", ONTOLOGY + "metonymLabel", SKOS + "hiddenLabel")
DESCRIPTION_PROPS = (SKOS + "definition", DCTERMS + "description", RDFS + "comment")
#: Shown elsewhere on the page, not in the fact tables.
HIDDEN_OUT = {TYPE, *LABEL_PROPS, *ALT_LABEL_PROPS, *DESCRIPTION_PROPS, ONTOLOGY + "evidence",
              NIF + "isString", ONTOLOGY + "contentHash"}
HIDDEN_IN = {ITSRDF + "taIdentRef", NIF + "referenceContext", ONTOLOGY + "evidence"}

#: The properties a resource's label is read from, best first (see ``Linker.label``).
NAME_PROPS = (*LABEL_PROPS, DCTERMS + "title")
# One branch per property, the property in the pattern: with ``?x ?p ?l FILTER(?p IN …)``
# pyoxigraph read every triple of the resource in every graph (4,600 quads for an office
# holder at 1,000 documents: 20-40 ms), not only its labels (same rows:
# tests/server/pages/test_label_lookup.py).
_LABELS = "SELECT ?p ?l WHERE { " + " UNION ".join(
    f"{{ ?x <{p}> ?l BIND(<{p}> AS ?p) }}" for p in NAME_PROPS) + " FILTER(isLiteral(?l)) }"

_EVIDENCE = f"""SELECT * WHERE {{ GRAPH ?g {{
  ?x <{ONTOLOGY}evidence> ?m .
  OPTIONAL {{ ?m <{ONTOLOGY}sentence> ?s0 }}
  BIND(COALESCE(?s0, ?m) AS ?sent)
  OPTIONAL {{ ?sent <{NIF}anchorOf> ?text }}
  OPTIONAL {{ ?sent <{NIF}beginIndex> ?begin }}
}} }} ORDER BY ?begin"""

_MENTION_SENTENCES = f"""SELECT * WHERE {{ GRAPH ?g {{
  ?m <{ITSRDF}taIdentRef> ?x ; <{ONTOLOGY}sentence> ?sent .
  OPTIONAL {{ ?sent <{NIF}anchorOf> ?text }}
  OPTIONAL {{ ?sent <{NIF}beginIndex> ?begin }}
}} }} ORDER BY ?begin"""

_CLAIM_PARTS = f"""SELECT * WHERE {{
  ?c <{ONTOLOGY}stance> ?stance .
  OPTIONAL {{ ?c <{ONTOLOGY}claimant> ?claimant }}
  OPTIONAL {{ ?c <{ONTOLOGY}target> ?target }}
}} LIMIT 1"""

# A resource's types, then the most specific labelled one chosen in Python from the
# ontology's classes (read once per Linker): joining the type to its label and to a
# NOT EXISTS over subClassOf+ in one query cost ~130 ms per resource on a large store
# (pyoxigraph's substitutions do not change the join order), and pages ask it ~30 times.
_TYPES_OF = "SELECT ?t WHERE { ?x a ?t }"
# The classes first, then their labels: every rdfs:label of the store (one per entity
# and document) scanned and filtered took ~0.7 s at 1,000 documents, on every page.
# A class is declared (owl:Class) or has a superclass; two queries, not a UNION
# (pyoxigraph joins a UNION's result to the labels by scanning them).
_CLASS_LABELS = tuple(f"""SELECT ?c ?l WHERE {{ {first} ?c <{RDFS}label> ?l .
  FILTER(isIRI(?c) && STRSTARTS(STR(?c), "{ONTOLOGY}")) }}""" for first in (
    f"?c a <{OWL}Class> .", f"?c <{RDFS}subClassOf> ?super ."))
# Any subclass counts, labelled or not, named or anonymous (a restriction): a type with a
# more specific type beside it is not the most specific.
_SUBCLASSES = f"""SELECT ?c ?super WHERE {{ ?c <{RDFS}subClassOf> ?super .
  FILTER(isIRI(?super) && STRSTARTS(STR(?super), "{ONTOLOGY}")) }}"""

_HIERARCHY = f"""SELECT ?a ?b WHERE {{
  VALUES ?p {{ <{RDFS}subClassOf> <{RDFS}subPropertyOf> }} ?a ?p ?b
}}"""

_GRAPH_DOCUMENT = f"""SELECT * WHERE {{ GRAPH ?g {{ ?doc a <{ONTOLOGY}Document> .
  OPTIONAL {{ ?doc <{DCTERMS}title> ?title }} }} }} LIMIT 1"""


@dataclass(frozen=True)
class Node:
    """A term as shown: its text, a link if we have one, and what kind of term it is."""

    text: str
    href: str | None = None
    iri: str | None = None
    datatype: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class Sentence:
    text: str
    href: str | None
    iri: str = ""


@dataclass
class Source:
    """Where a triple comes from: a document (with sentences), the reasoner, reference data."""

    kind: str  # document | inferred | reference | ontology | curated | other
    graph: str
    document: Node | None = None
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.document is not None:
            return self.document.text
        return {"inferred": "inferred by the reasoner", "reference": "reference data",
                "ontology": "the ontology"}.get(self.kind, self.graph)


@dataclass
class Fact:
    subject: Node
    predicate: Node
    object: Node
    sources: list[Source] = field(default_factory=list)
    key: tuple[str, str, str] = ("", "", "")  # the terms' N-Triples forms
    more_sources: int = 0  # graphs that also hold the fact, not listed

    @property
    def inferred_only(self) -> bool:
        return all(s.kind == "inferred" for s in self.sources)


def local_name(iri: str) -> str:
    """The readable tail of an IRI.

    >>> local_name("https://w3id.org/conflict-kg/ontology#ArmsTransfer")
    'ArmsTransfer'
    >>> local_name("https://w3id.org/conflict-kg/id/state/russia")
    'russia'
    """
    tail = iri.rstrip("/#")
    for sep in ("#", "/", ":"):
        if sep in tail:
            tail = tail.rsplit(sep, 1)[1]
            break
    return tail or iri


def ancestors(edges: dict[str, set[str]], start: str) -> set[str]:
    """Every class (property) ``start`` is a strict subclass (subproperty) of.

    >>> sorted(ancestors({"a": {"b"}, "b": {"c"}}, "a"))
    ['b', 'c']
    """
    seen: set[str] = set()
    todo = list(edges.get(start, ()))
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(edges.get(node, ()))
    seen.discard(start)
    return seen


_DOMAINS = "SELECT ?p ?d WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#domain> ?d }"


#: Copies of a label read quad by quad before the lookup is left to a query: most
#: resources have one or two (0.1 ms read so against 0.5 ms for the query), but a name
#: a syndicated story repeats has one per document (1,518 took 34 ms read so, 5 ms in
#: the query, which deduplicates them in the engine).
NATIVE_LABEL_COPIES = 32


def _few_labels(quads: NativeQuads, node: ox.NamedNode) -> set[tuple[str, ox.Literal]] | None:
    """``node``'s labels read from the quads of every graph (as the union default graph
    holds them), or None when a property has more than NATIVE_LABEL_COPIES copies."""
    found: set[tuple[str, ox.Literal]] = set()
    for prop in NAME_PROPS:
        for i, quad in enumerate(quads.match(node, ox.NamedNode(prop))):
            if i >= NATIVE_LABEL_COPIES:
                return None
            if isinstance(quad.object, ox.Literal):
                found.add((prop, quad.object))
    return found


class Linker:
    """Per-request helper: labels (cached), links and the sources of triples."""

    def __init__(self, store: GraphStore, ns: DataNamespace, mapper: IriMapper) -> None:
        self.store = store
        self.ns = ns
        self.mapper = mapper
        self._labels: dict[str, str] = {}
        self._docs: dict[str, Node | None] = {}
        self._evidence: dict[tuple[str, str], list[Sentence]] = {}
        self._mentioned: dict[tuple[str, str], dict[str, Sentence]] = {}
        self._classes: tuple[dict[str, str], dict[str, set[str]]] | None = None
        self._hierarchy: dict[str, set[str]] | None = None
        self._roles: dict[str, list[str]] = {}

    # --- terms --------------------------------------------------------------
    def label(self, iri: str) -> str:
        if iri not in self._labels:
            best: tuple[int, str] | None = None
            for prop, lit in self._labels_of(ox.NamedNode(iri)):
                rank = (0 if prop == LABEL_PROPS[0] else 2) + (
                    0 if lit.language in (None, "en") else 1)
                if best is None or (rank, lit.value) < best:
                    best = (rank, lit.value)
            self._labels[iri] = best[1] if best else self._fallback_label(iri)
        return self._labels[iri]

    def _labels_of(self, node: ox.NamedNode) -> set[tuple[str, ox.Literal]]:
        """The distinct (property, literal) labels of ``node`` in the union of the graphs."""
        if self.store.capabilities.native_quads:
            found = _few_labels(self.store.native_quads(), node)
            if found is not None:
                return found
        return {(row["p"].value, row["l"]) for row in self.store.query(
            _LABELS, substitutions={"x": node})}

    def _fallback_label(self, iri: str) -> str:
        """A readable name for an unlabelled resource: a claim by its parts, else kind + tail."""
        for row in self.store.query(_CLAIM_PARTS, substitutions={"c": ox.NamedNode(iri)}):
            parts = [self.label(row[k].value) for k in ("claimant", "stance", "target")
                     if row[k] is not None]
            return "claim: " + " ".join(parts)
        data = self.ns.base + "id/"
        if iri.startswith(data) and "#" not in iri:
            path = iri[len(data):].split("/")
            kind = path[0].replace("-", " ")
            kind = self.most_specific_class_label(iri) or kind
            if len(path) > 1:
                tail, last = path[-1], kind.split()[-1]
                if tail.startswith(last + "-"):  # "withdrawal provision 1", not "… provision-1"
                    tail = tail[len(last) + 1:]
                return f"{kind} {tail}"
        return local_name(iri)

    def most_specific_class_label(self, iri: str) -> str | None:
        """The label of ``iri``'s most specific labelled ontology class (the first by IRI
        of several equally specific ones), or None."""
        labels, ancestors = self._ontology_classes()
        types = {str(row["t"]) for row in self.store.query(
            _TYPES_OF, substitutions={"x": ox.NamedNode(iri)})}
        # A type is more general than another when it is among the other's ancestors.
        general = set().union(*(ancestors.get(t, set()) - {t} for t in types))
        specific = sorted(t for t in types - general if t in labels)
        return labels[specific[0]] if specific else None

    def _ontology_classes(self) -> tuple[dict[str, str], dict[str, set[str]]]:
        """Labelled ontology classes (label of each) and each class's ancestors."""
        if self._classes is None:
            labels: dict[str, str] = {}
            for text in _CLASS_LABELS:
                for row in self.store.query(text):
                    c, label = str(row["c"]), row["l"].value
                    if c not in labels or label < labels[c]:
                        labels[c] = label
            parents: dict[str, set[str]] = {}
            for row in self.store.query(_SUBCLASSES):
                parents.setdefault(str(row["c"]), set()).add(str(row["super"]))
            self._classes = labels, {c: ancestors(parents, c) for c in parents}
        return self._classes

    def hierarchy(self) -> dict[str, set[str]]:
        """Each class's direct superclasses and each property's superproperties (cached)."""
        if self._hierarchy is None:
            edges: dict[str, set[str]] = {}
            for row in self.store.query(_HIERARCHY):
                edges.setdefault(row["a"].value, set()).add(row["b"].value)
            self._hierarchy = edges
        return self._hierarchy

    def roles(self, cls: str) -> list[str]:
        """The properties whose domain is ``cls`` or below it, and their subproperties,
        as the N-Triples forms of checked IRIs, sorted; read from the ontology, so the
        store need not be reasoned (cached per request)."""
        if cls not in self._roles:
            edges = self.hierarchy()
            classes = {cls} | {c for c in edges if cls in ancestors(edges, c)}
            roles = {row["p"].value for row in self.store.query(_DOMAINS)
                     if isinstance(row["p"], ox.NamedNode) and row["d"].value in classes}
            roles |= {p for p in edges if ancestors(edges, p) & roles}
            self._roles[cls] = [str(ox.NamedNode(p)) for p in sorted(roles)]
        return self._roles[cls]

    def linked_by_role(self, cls: str, subject: str, obj: str) -> str:
        """A group that matches ``subject <role> obj`` for each of :meth:`roles` of ``cls``,
        one UNION branch per role (none: a group that matches nothing).  ``subject`` and
        ``obj`` are variables or N-Triples forms of checked terms.  With the role in the
        pattern the store reads that role's links of the bound end; ``?role IN (…)`` read
        every link of it (11,546 for the hub of a 1,000-document feed, most of them not
        roles: the timeline's count 193 -> 22 ms)."""
        branches = [f"{{ {subject} {role} {obj} }}" for role in self.roles(cls)]
        return "{ " + (" UNION ".join(branches) or "FILTER(false)") + " }"

    def node(self, term: object) -> Node:
        if isinstance(term, ox.NamedNode):
            iri = term.value
            if "#char=" in iri and iri.startswith(self.ns.base):
                text = "mention " + iri.rsplit("#", 1)[1]
            else:
                text = self.label(iri)
            return Node(text, self.mapper.href(iri), iri)
        if isinstance(term, ox.Literal):
            dt = term.datatype.value if term.datatype else None
            return Node(term.value, None, None, dt, term.language)
        return Node(str(term))

    # --- provenance ---------------------------------------------------------
    def graph_kind(self, graph: str) -> str:
        base = self.ns.base + "graph/"
        if graph == self.ns.inferred_graph:
            return "inferred"
        if graph == self.ns.reference_graph:
            return "reference"
        if graph == self.ns.ontology_graph:
            return "ontology"
        if graph.startswith(base + "document/"):
            return "document"
        if graph.startswith(base + "curated/"):
            return "curated"
        return "other"

    def document_of(self, graph: str) -> Node | None:
        if graph not in self._docs:
            doc = None
            for row in self.store.query(_GRAPH_DOCUMENT, substitutions={"g": ox.NamedNode(graph)},
                                        union_default_graph=False):
                iri = row["doc"].value
                title = row["title"].value if row["title"] is not None else local_name(iri)
                doc = Node(title, self.mapper.href(iri), iri)
            self._docs[graph] = doc
        return self._docs[graph]

    def evidence(self, subject: str, graph: str) -> list[Sentence]:
        key = (subject, graph)
        if key not in self._evidence:
            seen: dict[str, Sentence] = {}
            rows = self.store.query(_EVIDENCE, union_default_graph=False, substitutions={
                "x": ox.NamedNode(subject), "g": ox.NamedNode(graph)})
            for row in rows:
                sent = row["sent"].value
                text = row["text"].value if row["text"] is not None else sent
                seen.setdefault(sent, Sentence(text, self.mapper.href(sent), sent))
            self._evidence[key] = list(seen.values())
        return self._evidence[key]

    def mentioned_in(self, entity: str, graph: str) -> dict[str, Sentence]:
        """The sentences of a document graph that mention ``entity``, by sentence IRI."""
        key = (entity, graph)
        if key not in self._mentioned:
            found: dict[str, Sentence] = {}
            rows = self.store.query(_MENTION_SENTENCES, union_default_graph=False,
                                    substitutions={"x": ox.NamedNode(entity),
                                                   "g": ox.NamedNode(graph)})
            for row in rows:
                sent = row["sent"].value
                text = row["text"].value if row["text"] is not None else sent
                found.setdefault(sent, Sentence(text, self.mapper.href(sent), sent))
            self._mentioned[key] = found
        return self._mentioned[key]

    def source(self, graph: str, evidence_of: list[str], focus: str | None = None) -> Source:
        """Where a triple in ``graph`` comes from: for a document, the sentences behind it.

        The evidence of the first of ``evidence_of`` that has some, narrowed to the
        sentences that also mention ``focus`` (the fact's other end) when any do;
        without evidence, the sentences that mention both the subject and ``focus``.
        """
        kind = self.graph_kind(graph)
        src = Source(kind, graph)
        if kind != "document":
            return src
        src.document = self.document_of(graph)
        for subject in evidence_of:
            sentences = self.evidence(subject, graph)
            if sentences:
                if focus:
                    about = self.mentioned_in(focus, graph)
                    sentences = [s for s in sentences if s.iri in about] or sentences
                src.sentences = sentences
                return src
        if focus and evidence_of:
            about = self.mentioned_in(focus, graph)
            src.sentences = [s for iri, s in self.mentioned_in(evidence_of[0], graph).items()
                             if iri in about]
        return src


def group_facts(linker: Linker, rows: list[tuple[Any, Any, Any, str]],
                evidence_subject: str, outgoing: bool, *, with_sources: bool = True
                ) -> list[Fact]:
    """Merge (s, p, o, graph) rows into facts, each with its list of sources
    (``with_sources=False``: the facts only, for the caller to add sources to)."""
    by_key: dict[tuple[str, str, str], Fact] = {}
    for s, p, o, g in rows:
        key = (str(s), str(p), str(o))
        fact = by_key.get(key)
        if fact is None:
            fact = Fact(linker.node(s), linker.node(p), linker.node(o), key=key)
            by_key[key] = fact
        if not with_sources:
            continue
        other = o if outgoing else s
        subjects, focus = [evidence_subject], None
        if isinstance(other, ox.NamedNode):
            if outgoing:
                subjects, focus = [evidence_subject, other.value], other.value
            else:
                subjects, focus = [other.value, evidence_subject], evidence_subject
        if all(src.graph != g for src in fact.sources):
            fact.sources.append(linker.source(g, subjects, focus))
    facts = list(by_key.values())
    facts.sort(key=lambda f: (f.predicate.text, f.object.text if outgoing else f.subject.text))
    return facts
