"""Ontology documentation pages: every class and property, with instance counts."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
from markupsafe import Markup

from conflict_kg import ontology_docs, resources
from conflict_kg.namespaces import DCTERMS, ONTOLOGY, ONTOLOGY_BASE, OWL, RDF, RDFS, SKOS
from conflict_kg.server.http.iris import IriMapper
from conflict_kg.server.pages.data import Linker, Node, local_name
from conflict_kg.store import GraphStore

_CLASS_KINDS = {OWL + "Class": "class", RDFS + "Class": "class"}
_PROPERTY_KINDS = {
    OWL + "ObjectProperty": "object property",
    OWL + "DatatypeProperty": "datatype property",
    OWL + "AnnotationProperty": "annotation property",
}
_INDIVIDUAL = OWL + "NamedIndividual"

# Our own namespace constant only: no outside text in these queries.
_CLASS_COUNTS = f"""SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE {{
  ?x a ?c . FILTER(STRSTARTS(STR(?c), "{ONTOLOGY}")) }} GROUP BY ?c"""
_PROPERTY_COUNTS = f"""SELECT ?p (COUNT(*) AS ?n) WHERE {{
  ?s ?p ?o . FILTER(STRSTARTS(STR(?p), "{ONTOLOGY}")) }} GROUP BY ?p"""


@dataclass
class Term:
    iri: str
    name: str
    kind: str
    label: str
    module: str | None
    definition: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    characteristics: list[str] = field(default_factory=list)
    relations: list[tuple[str, Node]] = field(default_factory=list)
    count: int | None = None  # None: not counted yet (see server.summaries)


@dataclass
class Module:
    name: str
    iri: str
    label: str
    description: str
    version: str
    terms: list[str]


def module_terms() -> tuple[list[Module], dict[str, str]]:
    """Modules read from the bundled files, and which module defines each term."""
    modules, owner = [], {}
    for path in resources.ontology_modules():
        triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
        declared = [t.subject.value for t in triples if t.predicate.value == RDF + "type"
                    and t.object == ox.NamedNode(OWL + "Ontology")
                    and isinstance(t.subject, ox.NamedNode)]
        iri = declared[0] if declared else f"{ONTOLOGY_BASE}/{path.stem}"
        meta: dict[str, str] = {}
        terms = []
        for t in triples:
            if t.subject.value == iri and isinstance(t.object, ox.Literal):
                meta.setdefault(t.predicate.value, t.object.value)
            if (t.predicate.value == RDF + "type" and isinstance(t.subject, ox.NamedNode)
                    and t.subject.value.startswith(ONTOLOGY)):
                if t.subject.value not in owner:
                    owner[t.subject.value] = path.stem
                    terms.append(t.subject.value)
        modules.append(Module(path.stem, iri, meta.get(RDFS + "label", path.stem),
                              meta.get(DCTERMS + "description", ""),
                              meta.get(OWL + "versionInfo", ""), terms))
    return modules, owner


_RELATIONS = {
    RDFS + "subClassOf": "subclass of",
    RDFS + "subPropertyOf": "subproperty of",
    RDFS + "domain": "domain",
    RDFS + "range": "range",
    OWL + "inverseOf": "inverse of",
    OWL + "disjointWith": "disjoint with",
    OWL + "equivalentClass": "equivalent to",
    SKOS + "broader": "broader",
    RDF + "type": "type",
}


def term_counts(store: GraphStore) -> dict[str, int]:
    """Instances of each ontology class and uses of each property (full scans: slow at scale)."""
    counts = {r["c"].value: int(r["n"].value) for r in store.query(_CLASS_COUNTS)}
    counts.update({r["p"].value: int(r["n"].value) for r in store.query(_PROPERTY_COUNTS)})
    return counts


def ontology_terms(linker: Linker, quads: list[ox.Quad],
                   counts: dict[str, int] | None) -> list[Term]:
    """The terms of the ontology namespace found in ``quads``, documented, with
    ``counts`` (from :func:`term_counts`; None: not known yet)."""
    _, owner = module_terms()
    terms: dict[str, Term] = {}
    for q in quads:
        s = q.subject
        if not isinstance(s, ox.NamedNode) or not s.value.startswith(ONTOLOGY):
            continue
        term = terms.get(s.value)
        if term is None:
            term = Term(s.value, local_name(s.value), "term", linker.label(s.value),
                        owner.get(s.value))
            terms[s.value] = term
        p, o = q.predicate.value, q.object
        if p == RDF + "type" and isinstance(o, ox.NamedNode):
            if o.value in _CLASS_KINDS:
                term.kind = "class"
            elif o.value in _PROPERTY_KINDS:
                term.kind = _PROPERTY_KINDS[o.value]
            elif o.value.startswith(OWL) and o.value != _INDIVIDUAL:
                term.characteristics.append(local_name(o.value))
            elif o.value != _INDIVIDUAL:
                term.kind = "individual" if term.kind == "term" else term.kind
                term.relations.append(("type", linker.node(o)))
            elif term.kind == "term":
                term.kind = "individual"
        elif p == SKOS + "definition" and isinstance(o, ox.Literal):
            term.definition.append(o.value)
        elif p in (SKOS + "scopeNote", RDFS + "comment") and isinstance(o, ox.Literal):
            term.notes.append(o.value)
        elif p in _RELATIONS and isinstance(o, ox.NamedNode):
            term.relations.append((_RELATIONS[p], linker.node(o)))
    if counts is not None:
        for term in terms.values():
            term.count = counts.get(term.iri, 0)
    order = {"class": 0, "object property": 1, "datatype property": 2,
             "annotation property": 3, "individual": 4, "term": 5}
    return sorted(terms.values(), key=lambda t: (order.get(t.kind, 9), t.name.lower()))


def term_docs(cache: dict[str, dict[str, tuple[Markup, str]]],
              mapper: IriMapper) -> dict[str, tuple[Markup, str]]:
    """Each term's documentation from :mod:`conflict_kg.ontology_docs`, linked for this server.

    The fragments are built by ``ontology_docs.render_term``, which escapes every
    text it takes from the bundled modules; they are trusted as HTML here and
    cached per app in ``cache`` (the modules do not change while it runs).  Values are the
    fragment without its closing ``</section>`` (the page adds instance counts
    inside it) and the closing tag.
    """
    if mapper.prefix not in cache:

        def link(iri: str) -> str:
            return mapper.href(iri) or "#"

        ontology = ontology_docs.load_ontology()
        docs = {}
        for term in ontology_docs.ontology_terms(ontology):
            fragment = ontology_docs.render_term(ontology, term.iri, link).rstrip()
            closing = "</section>"
            if fragment.endswith(closing):
                docs[term.iri] = (Markup(fragment[: -len(closing)]), closing)
        cache[mapper.prefix] = docs
    return cache[mapper.prefix]
