"""The part of the store a shape can see from given focus nodes.

pyshacl validating a shape on a focus node reads only: the node's types (to
find it as a target), the triples its paths reach, the types of value nodes
that ``sh:class`` tests (with ``rdfs:subClassOf``), the same again for nested
shapes (``sh:node``, ``sh:not``, ``sh:and``…), and for a SPARQL constraint the
triples its query's patterns can match from the node.  ``Reach`` collects
exactly those triples from the store; a shape using anything else raises
``UnsupportedShape`` and is validated on the whole graph instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH

from conflict_kg.checks import shacl_sparql
from conflict_kg.checks.triples import Term, TripleSource, object_, subject

RDF_TYPE = ox.NamedNode(str(RDF.type))
SUBCLASS = ox.NamedNode(str(RDFS.subClassOf))
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)

# Parameters that need nothing beyond the value nodes themselves, or describe the shape.
_LOCAL = {SH[n] for n in (
    "datatype nodeKind minInclusive maxInclusive minExclusive maxExclusive minLength maxLength "
    "pattern flags in hasValue languageIn uniqueLang minCount maxCount message severity "
    "deactivated name description order group defaultValue ignoredProperties declare "
    "qualifiedMinCount qualifiedMaxCount path targetClass targetNode targetSubjectsOf "
    "targetObjectsOf"
).split()} | {RDF.type, RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy}
_NESTED = {SH.node, SH["not"], SH.qualifiedValueShape}
_LISTS = {SH["and"], SH["or"], SH.xone}
_PAIRS = {SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals}


class UnsupportedShape(ValueError):
    """The reach of this shape cannot be derived; validate it on the whole graph."""


def _ox(term: rdflib.term.Node) -> ox.NamedNode:
    if not isinstance(term, rdflib.URIRef):
        raise UnsupportedShape(f"{term!r} where an IRI was expected")
    return ox.NamedNode(str(term))


class Reach:
    """Accumulates the triples that validating ``top`` on some focus nodes can read.

    ``with_sparql`` false: the shape's own SPARQL constraints are left out
    (they are validated without them on nodes that cannot violate them).
    """

    def __init__(self, shapes: rdflib.Graph, source: TripleSource, top: rdflib.term.Node,
                 with_sparql: bool) -> None:
        self.shapes = shapes
        self.top = top
        self.source = source
        self.with_sparql = with_sparql
        self.triples: set[ox.Triple] = set()
        self._done: set[tuple[rdflib.term.Node, Term]] = set()

    def _add(self, triples: Iterable[ox.Triple]) -> list[ox.Triple]:
        got = list(triples)
        self.triples.update(got)
        return got

    def targets(self, shape: rdflib.term.Node, focus: list[Term]) -> None:
        """What pyshacl needs to find ``focus`` as the shape's targets."""
        if self.shapes.value(shape, SH.targetClass) is not None or _implicit_class(self.shapes,
                                                                                   shape):
            self._add(self.source.out(focus, RDF_TYPE))
        for p in self.shapes.objects(shape, SH.targetSubjectsOf):
            self._add(self.source.out(focus, _ox(p)))
        for p in self.shapes.objects(shape, SH.targetObjectsOf):
            self._add(self.source.into(focus, _ox(p)))

    def shape(self, shape: rdflib.term.Node, values: list[Term]) -> None:
        """``shape``'s constraints on its value nodes ``values``."""
        values = [v for v in values if (shape, v) not in self._done]
        if not values:
            return
        self._done.update((shape, v) for v in values)
        for param, arg in self.shapes.predicate_objects(shape):
            if param in _LOCAL:
                continue
            if param == SH["class"]:
                self._add(self.source.out(values, RDF_TYPE))
            elif param in _NESTED:
                self.shape(arg, values)
            elif param in _LISTS:
                for member in Collection(self.shapes, arg):
                    self.shape(member, values)
            elif param == SH.property:
                self.property(arg, values)
            elif param in _PAIRS:
                # On a node shape the value node is the focus node; a property
                # shape's pairs are fetched in ``property``.
                self._add(self.source.out(values, _ox(arg)))
            elif param == SH.closed:
                self._add(self.source.out(values, None))
            elif param == SH.sparql:
                if self.with_sparql:
                    self.sparql(arg, values)
                elif shape != self.top:
                    # Only the top shape's SPARQL constraints are narrowed to
                    # candidates; a nested one would be dropped with them.
                    raise UnsupportedShape("a SPARQL constraint in a nested shape")
            else:
                raise UnsupportedShape(f"parameter {param}")

    def describe_blank_nodes(self) -> None:
        """Everything said about the blank nodes collected, recursively.

        pyshacl names a blank focus or value node in its messages by all its
        triples (``[ ck:value 3 ; rdf:type ck:Quantity ]``).
        """
        todo = {t for x in self.triples for t in (x.subject, x.object)
                if isinstance(t, ox.BlankNode)}
        described: set[Term] = set()
        while todo:
            node = todo.pop()
            described.add(node)
            for t in self._add(self.source.out([node], None)):
                if isinstance(t.object, ox.BlankNode) and t.object not in described:
                    todo.add(t.object)

    def property(self, shape: rdflib.term.Node, focus: list[Term]) -> None:
        path = self.shapes.value(shape, SH.path)
        if path is None:
            raise UnsupportedShape("a property shape without sh:path")
        if self.shapes.value(shape, SH.sparql) is not None:
            raise UnsupportedShape("a SPARQL constraint on a property shape")
        for param in _PAIRS:
            for other in self.shapes.objects(shape, param):
                self._add(self.source.out(focus, _ox(other)))
        self.shape(shape, self.path(path, focus))

    def path(self, path: rdflib.term.Node, nodes: list[Term]) -> list[Term]:
        if isinstance(path, rdflib.URIRef):
            return _unique(object_(t) for t in self._add(self.source.out(nodes, _ox(path))))
        inverse = self.shapes.value(path, SH.inversePath)
        if isinstance(inverse, rdflib.URIRef):
            return _unique(subject(t) for t in self._add(self.source.into(nodes, _ox(inverse))))
        alternatives = self.shapes.value(path, SH.alternativePath)
        if alternatives is not None:
            found: list[Term] = []
            for member in Collection(self.shapes, alternatives):
                found += self.path(member, nodes)
            return _unique(found)
        if self.shapes.value(path, RDF.first) is not None:
            for member in Collection(self.shapes, path):
                nodes = self.path(member, nodes)
            return nodes
        raise UnsupportedShape(f"path {path!r}")

    def sparql(self, constraint: rdflib.term.Node, focus: list[Term]) -> None:
        """Every triple the constraint's patterns can match, walking out from ``focus``."""
        try:
            read = shacl_sparql.read_constraint(self.shapes, constraint)
        except shacl_sparql.UnsupportedConstraint as exc:
            raise UnsupportedShape(str(exc)) from exc
        bound: dict[rdflib.Variable, set[Term]] = {shacl_sparql._THIS: set(focus)}
        seen: dict[tuple[int, str], set[Term]] = {}
        changed = True
        while changed:
            changed = False
            for i, (s, p, o) in enumerate(read.patterns):
                pred = None if isinstance(p, rdflib.Variable) else _ox(p)
                for side, node, other in (("s", s, o), ("o", o, s)):
                    known = self._terms(node, bound)
                    if known is None:
                        continue
                    todo = known - seen.setdefault((i, side), set())
                    if not todo:
                        continue
                    seen[(i, side)] |= todo
                    fetch = self.source.out if side == "s" else self.source.into
                    got = self._add(fetch(todo, pred))
                    ends = [object_(t) if side == "s" else subject(t) for t in got]
                    for var, terms in ((other, ends), (p, [cast(Term, t.predicate) for t in got])):
                        if isinstance(var, rdflib.Variable):
                            before = len(bound.setdefault(var, set()))
                            bound[var].update(terms)
                            changed |= len(bound[var]) > before
        for s, p, o in read.patterns:
            if self._terms(s, bound) is None and self._terms(o, bound) is None:
                # A pattern not connected to $this can match anywhere.
                if isinstance(p, rdflib.Variable):
                    raise UnsupportedShape("an unconnected pattern with a variable predicate")
                self._add(self.source.every(_ox(p)))

    @staticmethod
    def _terms(node: rdflib.term.Node,
               bound: dict[rdflib.Variable, set[Term]]) -> set[Term] | None:
        if isinstance(node, rdflib.Variable):
            return bound.get(node)
        return {shacl_sparql.as_ox(node)}


def _implicit_class(shapes: rdflib.Graph, shape: rdflib.term.Node) -> bool:
    return any((shape, RDF.type, c) in shapes for c in (RDFS.Class, rdflib.OWL.Class))


def _unique(terms: Iterable[Term]) -> list[Term]:
    return list(dict.fromkeys(terms))
