"""SHACL-SPARQL constraints, read so the store can do the searching.

pyshacl runs a constraint's query once per focus node, re-parsing it each time
in rdflib (milliseconds each: minutes for tens of thousands of nodes).  Two
things make that avoidable without changing what pyshacl reports:

* ``candidates``: the same query run once in the store with ``$this`` free
  returns every focus node that can violate it (pre-binding ``$this`` only
  restricts the solutions when ``$this`` is bound by a top-level triple
  pattern and used nowhere a pre-binding would reach further: no EXISTS,
  MINUS, sub-query or ``$currentShape``/``$shapesGraph``).  pyshacl then
  evaluates the constraint on those nodes only; for a query of any other form
  ``candidates`` returns ``None`` and every focus node is a candidate.
* ``patterns``: the triple patterns of the query, so that the data graph given
  to pyshacl can hold every triple a solution for the candidate could use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib
from rdflib.namespace import SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from conflict_kg.store.base import GraphStore, StoreError

Pattern = tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node]
_UNSAFE = re.compile(r"\b(EXISTS|MINUS|SERVICE|GRAPH|VALUES)\b|\$(currentShape|shapesGraph)\b",
                     re.IGNORECASE)
_COMMENT = re.compile(r"#[^\n]*")
_THIS = rdflib.Variable("this")


class UnsupportedConstraint(ValueError):
    """A constraint whose reach cannot be derived: validate its shape on the whole graph."""


@dataclass(frozen=True)
class SparqlConstraint:
    node: rdflib.term.Node  # the sh:SPARQLConstraint
    query: str  # with its PREFIX declarations
    patterns: tuple[Pattern, ...]
    prefilter: bool  # whether ``candidates`` may narrow the focus nodes


def _prefixes(shapes: rdflib.Graph, constraint: rdflib.term.Node) -> str:
    """PREFIX lines from ``sh:prefixes``/``sh:declare``, as pyshacl applies them."""
    lines = []
    for holder in shapes.objects(constraint, SH.prefixes):
        for decl in shapes.objects(holder, SH.declare):
            prefix = shapes.value(decl, SH.prefix)
            namespace = shapes.value(decl, SH.namespace)
            if prefix is not None and namespace is not None:
                lines.append(f"PREFIX {prefix}: <{namespace}>\n")
    return "".join(lines)


def read_constraint(shapes: rdflib.Graph, constraint: rdflib.term.Node) -> SparqlConstraint:
    select = shapes.value(constraint, SH.select)
    if select is None:
        raise UnsupportedConstraint("a SPARQL constraint without sh:select")
    query = _prefixes(shapes, constraint) + str(select)
    try:
        parsed = prepareQuery(query)
    except Exception as exc:  # rdflib raises pyparsing and its own errors alike
        raise UnsupportedConstraint(f"unreadable constraint query ({exc})") from exc
    patterns: list[Pattern] = []
    _collect(parsed.algebra, patterns)
    body = _COMMENT.sub("", str(select))
    top_level_this = any(_THIS in (s, o) for s, _p, o in patterns)
    prefilter = (
        top_level_this
        and not _UNSAFE.search(body)
        and body.upper().count("SELECT") == 1
        and bool(re.search(r"SELECT\s+(DISTINCT\s+)?(\*|[^{]*\$this\b)", body, re.IGNORECASE))
    )
    return SparqlConstraint(constraint, query, tuple(patterns), prefilter)


def _collect(node: object, patterns: list[Pattern]) -> None:
    """Every triple pattern anywhere in the algebra (OPTIONAL, FILTER, UNION…)."""
    if isinstance(node, CompValue):
        if node.name == "Graph":
            raise UnsupportedConstraint("GRAPH in a constraint query")
        if node.name == "BGP":
            for s, p, o in node["triples"]:
                if not isinstance(p, (rdflib.URIRef, rdflib.Variable)):
                    raise UnsupportedConstraint("property paths in a constraint query")
                patterns.append((s, p, o))
        for value in node.values():
            _collect(value, patterns)
    elif isinstance(node, (list, tuple)):
        for item in node:
            _collect(item, patterns)
    elif isinstance(node, dict):
        for value in node.values():
            _collect(value, patterns)


def candidates(store: GraphStore, constraint: SparqlConstraint) -> set[object] | None:
    """The focus nodes that can violate ``constraint`` (``None``: cannot tell)."""
    if not constraint.prefilter:
        return None
    found: set[object] = set()
    try:
        rows = list(store.query(constraint.query))
    except (StoreError, SyntaxError):
        return None  # the engine cannot run the prefilter: every focus node is a suspect
    for row in rows:
        this = row["this"]
        if this is not None:
            found.add(this)
    return found


def as_ox(term: rdflib.term.Node) -> ox.NamedNode | ox.Literal:
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise UnsupportedConstraint(f"cannot use {term!r} as a constant")
