"""The reference engine: owlrl over an rdflib copy of the asserted graphs.

Slow (everything is held in rdflib) but independent of the SPARQL rules, so
tests hold the materializer to it.  Only new triples whose subject is not a
literal are written back, into the inferred graph; literals keep the lexical
form they had in the store wherever owlrl passes them through unchanged.
"""

from __future__ import annotations

import time

import owlrl
import pyoxigraph as ox
import rdflib
from rdflib.term import Node

from conflict_kg.namespaces import DataNamespace
from conflict_kg.reasoning.report import ReasonReport
from conflict_kg.store.base import GraphStore
from conflict_kg.store.oxigraph import STAGING_PREFIX

ERROR_NS = "http://www.daml.org/2002/03/agents/agent-ont#"


class TermMap:
    """Converts terms both ways, remembering the store's own literal forms."""

    def __init__(self) -> None:
        self._literals: dict[rdflib.Literal, ox.Literal] = {}
        self._bnodes: dict[str, ox.BlankNode] = {}

    def to_rdflib(self, term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
        if isinstance(term, ox.NamedNode):
            return rdflib.URIRef(term.value)
        if isinstance(term, ox.BlankNode):
            self._bnodes.setdefault(term.value, term)
            return rdflib.BNode(term.value)
        lit = rdflib.Literal(
            term.value,
            lang=term.language,
            datatype=None if term.language else rdflib.URIRef(term.datatype.value),
        )
        self._literals.setdefault(lit, term)
        return lit

    def to_oxigraph(self, term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if isinstance(term, rdflib.URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, rdflib.BNode):
            return self._bnodes.get(str(term)) or ox.BlankNode(str(term))
        if isinstance(term, rdflib.Literal):
            known = self._literals.get(term)
            if known is not None:
                return known
            if term.language:
                return ox.Literal(str(term), language=term.language)
            datatype = term.datatype or rdflib.XSD.string
            return ox.Literal(str(term), datatype=ox.NamedNode(str(datatype)))
        raise TypeError(f"unexpected term {term!r}")


def asserted_graph(
    store: GraphStore, ns: DataNamespace, terms: TermMap, *, include_inferred: bool = False
) -> rdflib.Graph:
    """The union of every named graph except scratch (and inferred) graphs, in rdflib."""
    graph = rdflib.Graph()
    rows = store.query(
        "SELECT ?s ?p ?o ?g { GRAPH ?g { ?s ?p ?o } }", union_default_graph=False
    )
    for row in rows:
        name = row["g"].value
        if name.startswith(STAGING_PREFIX) or (
            name == ns.inferred_graph and not include_inferred
        ):
            continue
        graph.add(
            (terms.to_rdflib(row["s"]), terms.to_rdflib(row["p"]), terms.to_rdflib(row["o"]))
        )
    return graph


def owlrl_closure(graph: rdflib.Graph) -> rdflib.Graph:
    """A copy of ``graph`` expanded by owlrl's OWL 2 RL semantics."""
    closed = rdflib.Graph()
    for triple in graph:
        closed.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closed)
    return closed


def reason_owlrl(store: GraphStore, ns: DataNamespace) -> ReasonReport:
    started = time.perf_counter()
    terms = TermMap()
    asserted = asserted_graph(store, ns, terms)
    closed = owlrl_closure(asserted)
    inferred = []
    for s, p, o in closed:
        if isinstance(s, rdflib.Literal) or (s, p, o) in asserted:
            continue
        if str(p).startswith(ERROR_NS) or str(o).startswith(ERROR_NS):
            continue  # owlrl's inconsistency messages: reported by checks, not stored
        inferred.append(
            ox.Triple(terms.to_oxigraph(s), terms.to_oxigraph(p), terms.to_oxigraph(o))  # type: ignore[arg-type]
        )
    store.replace_graph(ns.inferred_graph, inferred)
    return ReasonReport(
        engine="owlrl",
        mode="full",
        inferred=len(inferred),
        rounds=1,
        seconds=time.perf_counter() - started,
    )
