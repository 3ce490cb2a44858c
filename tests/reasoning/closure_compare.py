"""Comparing closures: non-trivial inferred triples, literals by value."""

from __future__ import annotations

import pyoxigraph as ox
import rdflib

from conflict_kg.namespaces import OWL, RDF, RDFS, XSD, DataNamespace
from conflict_kg.store import OxigraphStore

VOCABULARIES = (RDF, RDFS, OWL, XSD)
REFLEXIVE = {
    OWL + "sameAs",
    RDFS + "subClassOf",
    RDFS + "subPropertyOf",
    OWL + "equivalentClass",
    OWL + "equivalentProperty",
}

Key = tuple[str, str, object]


def _key(s: ox.Term, p: ox.NamedNode, o: ox.Term) -> Key:
    if isinstance(o, ox.Literal):
        value = rdflib.Literal(
            o.value, lang=o.language, datatype=None if o.language else o.datatype.value
        )
        obj: object = ("literal", value.toPython() if value.ill_typed is False else o.value,
                       o.language, None if o.language else o.datatype.value)
    else:
        obj = _node(o)
    return (_node(s), p.value, obj)


def _node(term: ox.Term) -> str:
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


def trivial(s: str, p: str, o: object) -> bool:
    """Triples every OWL 2 RL closure holds for every resource (not worth materializing)."""
    if p in REFLEXIVE and s == o:
        return True
    if s.startswith(VOCABULARIES):
        return True  # axioms about the vocabularies themselves
    if p == RDF + "type" and o == OWL + "Thing":
        return True
    if p == RDFS + "subClassOf" and (o == OWL + "Thing" or s == OWL + "Nothing"):
        return True
    if p in (RDFS + "domain", RDFS + "range") and o == OWL + "Thing":
        return True
    return False


def inferred(store: OxigraphStore, ns: DataNamespace) -> set[Key]:
    """Non-trivial triples of the inferred graph; blank nodes as their store ids."""
    out = set()
    for q in store.raw.quads_for_pattern(None, None, None, ox.NamedNode(ns.inferred_graph)):
        key = _key(q.subject, q.predicate, q.object)
        if not trivial(*key):
            out.add(key)
    return out


def bnode_free(keys: set[Key]) -> set[Key]:
    """Drop triples with blank nodes (renamed by the rdflib round trip); compare the rest."""
    return {
        k for k in keys
        if not k[0].startswith("_:") and not (isinstance(k[2], str) and k[2].startswith("_:"))
    }
