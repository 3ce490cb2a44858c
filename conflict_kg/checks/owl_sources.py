"""``prp-fp-sources`` read from the store's indexes (the OWL layer's ``_FAST`` form).

The rule's SPARQL form (``conflict_kg.reasoning.inconsistency``) runs once per
candidate (a resource and a functional property with two literal values), but
its OPTIONALs ``?in rdfs:subPropertyOf* ?p`` are planned before the candidate
narrows them: a zero-length path over every node of the store, once per
candidate (27 s a candidate, 456 s for 17 on a 100-document feed).  Here each
candidate reads only its resource's quads under the property and its
sub-properties.  Same findings as the query (``tests/checks/test_owl_fast.py``);
the graphs of a value are listed in IRI order (the query's GROUP_CONCAT order
is the engine's).
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from conflict_kg.checks.triples import kept_quad
from conflict_kg.namespaces import DataNamespace
from conflict_kg.reasoning.inconsistency import RULES
from conflict_kg.reasoning.rules import PREFIXES
from conflict_kg.store.base import GraphStore

_SUB_PROPERTIES = PREFIXES + "SELECT DISTINCT ?s WHERE { ?s rdfs:subPropertyOf* ?p }"
_NARROWER_FUNCTIONAL = PREFIXES + """SELECT DISTINCT ?q WHERE {
  ?q a owl:FunctionalProperty ; rdfs:subPropertyOf ?p . FILTER(?q != ?p) }"""
# The query form's test of two values, so that equal values written differently
# ("1"^^xsd:integer, "1.0"^^xsd:decimal) are no disagreement there either.
_DIFFERENT = "ASK { FILTER(COALESCE(?v1 != ?v2, true)) }"



def _column(store: GraphStore, query: str, name: str, p: ox.NamedNode) -> list[ox.NamedNode]:
    return [row[name] for row in store.query(query, substitutions={"p": p})
            if isinstance(row[name], ox.NamedNode)]


def _differ(store: GraphStore, v1: ox.Literal, v2: ox.Literal) -> bool:
    return bool(store.query(_DIFFERENT, substitutions={"v1": v1, "v2": v2}))


def _graph_list(graphs: Iterable[str]) -> str:
    return ", ".join(sorted(graphs)) or "inferred"


def functional_sources(store: GraphStore, ns: DataNamespace) -> set[tuple[str, str]]:
    """Two literal values of a functional property, no one source graph stating both."""
    rule = next(r for r in RULES if r.name == "prp-fp-sources")
    candidates = rule.candidates_sparql(ns.inferred_graph)
    assert candidates is not None
    quads = store.native_quads()
    inferred = ns.inferred_graph
    found = set()
    for row in store.query(candidates):
        resource, p = row["resource"], row["p"]
        if not isinstance(resource, ox.NamedNode | ox.BlankNode) or not isinstance(p, ox.NamedNode):
            continue
        # value -> the source graphs stating it under p or a sub-property of p
        sources: dict[ox.Literal, set[str]] = {}
        for s in _column(store, _SUB_PROPERTIES, "s", p):
            for quad in quads.match(resource, s, None, None):
                graph = quad.graph_name
                if kept_quad(quad) and isinstance(quad.object, ox.Literal):
                    stated = sources.setdefault(quad.object, set())
                    if isinstance(graph, ox.NamedNode) and graph.value != inferred:
                        stated.add(graph.value)
        values = {q.object for q in quads.match(resource, p, None, None)
                  if kept_quad(q) and isinstance(q.object, ox.Literal)}
        narrower = [{q.object for q in quads.match(resource, sub, None, None) if kept_quad(q)}
                    for sub in _column(store, _NARROWER_FUNCTIONAL, "q", p)]
        for v1 in values:
            for v2 in values:
                if not v1.value < v2.value or not _differ(store, v1, v2):
                    continue
                if any(v1 in held and v2 in held for held in narrower):
                    continue  # reported at the narrower functional property
                from1, from2 = sources.get(v1, set()), sources.get(v2, set())
                if from1 & from2:
                    continue  # one source states both: prp-fp-values, an error
                found.add((resource.value,
                           f'has two values for the functional {p.value}: "{v1.value}" '
                           f'({_graph_list(from1)}) and "{v2.value}" ({_graph_list(from2)}): '
                           "the sources disagree"))
    return found
