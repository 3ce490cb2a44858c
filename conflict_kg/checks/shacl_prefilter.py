"""Which focus nodes can violate a shape: one conservative SPARQL query in the store.

pyshacl costs about a millisecond per focus node even on a small graph, so
it should only see nodes that may fail.  A shape's SHACL Core constraints are
translated into a SPARQL expression that is true only when the node surely
conforms (``sh:minCount 1`` becomes ``EXISTS { ?x path ?v }``, ``sh:class C``
a type among C's subclasses, ``sh:datatype`` the datatype and a lexical form
that survives a cast…).  Every node for which it is not true is a candidate
that pyshacl validates; the others conform and are skipped.  A parameter
without a translation here (or a nested SPARQL constraint) makes the whole
shape ``Untranslatable``: then every focus node is a candidate.  The shape's
own SPARQL constraints are left to ``shacl_sparql``.

The union default graph is a bag (a fact N documents report matches N
times), so the query makes the targets a set first, and counts values on the
focus node with one aggregate of distinct values per path: joined pairwise in
an EXISTS, N copies of one value cost N² per target (``suspects_query``).

Expressions are wrapped in ``COALESCE(…, false)`` so that an evaluation
error (comparing a string with a number) counts as "may violate".  Terms
written into the query come from the shapes graph, serialised by pyoxigraph.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from conflict_kg.checks import shacl_sparql
from conflict_kg.checks.triples import Term

# Datatypes whose lexical forms pyoxigraph can check by casting a value to itself.
_CASTABLE = {XSD[n] for n in (
    "boolean integer decimal float double date dateTime time gYear gYearMonth duration"
).split()}
_IGNORED = {SH[n] for n in (
    "message severity name description order group defaultValue targetClass targetNode "
    "targetSubjectsOf targetObjectsOf declare prefixes"
).split()} | {RDF.type, RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy}
_KINDS = {
    SH.IRI: "isIRI({x})", SH.BlankNode: "isBlank({x})", SH.Literal: "isLiteral({x})",
    SH.BlankNodeOrIRI: "!isLiteral({x})", SH.BlankNodeOrLiteral: "!isIRI({x})",
    SH.IRIOrLiteral: "!isBlank({x})",
}
_COMPARE = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">",
            SH.maxExclusive: "<"}
_MAX_COUNT = 3  # pairwise-distinct variables in one EXISTS
FOCUS = "?this"


class Untranslatable(ValueError):
    """A shape uses something this module does not translate."""


def _term(node: rdflib.term.Node) -> str:
    try:
        return str(shacl_sparql.as_ox(node))
    except shacl_sparql.UnsupportedConstraint as exc:
        raise Untranslatable(str(exc)) from exc


class Translator:
    def __init__(self, shapes: rdflib.Graph, subclasses: Callable[[Term], list[Term]],
                 counting: bool = False) -> None:
        self.shapes = shapes
        self.subclasses = subclasses
        self._names = itertools.count()
        # ``counting``: a count on ?this is a variable (``counts``) that the
        # query binds with an aggregate, not an EXISTS joining the path with itself.
        self.counting = counting
        self.counts: dict[str, str] = {}  # path -> variable holding its distinct count
        # Paths that may have length zero: with ?this free they match every node.
        self.everywhere: set[str] = set()
        self._zero_length = False

    def var(self) -> str:
        return f"?_v{next(self._names)}"

    def conforms(self, shape: rdflib.term.Node, x: str, top: bool = False) -> str:
        """True only if ``x`` surely conforms to ``shape`` (its SPARQL constraints aside if top)."""
        if self.shapes.value(shape, SH.path) is not None:
            return self.property(shape, x)  # a property shape in sh:or, sh:node…
        parts = ["true"]
        for param, arg in self.shapes.predicate_objects(shape):
            if param in _IGNORED or param == SH.path:
                continue
            if param == SH.sparql and top:
                continue
            parts.append(self.parameter(shape, param, arg, x))
        return "(" + " && ".join(parts) + ")"

    def parameter(self, shape: rdflib.term.Node, param: rdflib.term.Node,
                  arg: rdflib.term.Node, x: str) -> str:
        if param == SH.property:
            return self.property(arg, x)
        if param == SH["class"]:
            return self.is_a(arg, x)
        if param == SH.datatype:
            return self.datatype(arg, x)
        if param == SH.nodeKind and isinstance(arg, rdflib.URIRef) and arg in _KINDS:
            return _KINDS[arg].format(x=x)
        if isinstance(param, rdflib.URIRef) and param in _COMPARE:
            return f"COALESCE({x} {_COMPARE[param]} {_term(arg)}, false)"
        if param in (SH.minLength, SH.maxLength):
            op = ">=" if param == SH.minLength else "<="
            return f"(!isBlank({x}) && COALESCE(STRLEN(STR({x})) {op} {int(str(arg))}, false))"
        if param == SH.pattern:
            flags = self.shapes.value(shape, SH.flags)
            regex = f"REGEX(STR({x}), {_term(rdflib.Literal(str(arg)))}"
            regex += f", {_term(rdflib.Literal(str(flags)))})" if flags else ")"
            return f"(!isBlank({x}) && COALESCE({regex}, false))"
        if param == SH.flags:
            return "true"  # read with sh:pattern
        if param == SH["in"]:
            options = [f"sameTerm({x}, {_term(m)})" for m in Collection(self.shapes, arg)]
            return "(" + (" || ".join(options) or "false") + ")"
        if param == SH.node:
            return self.conforms(arg, x)
        if param == SH["and"]:
            return "(" + " && ".join(self.conforms(m, x) for m in self._list(arg)) + ")"
        if param == SH["or"]:
            return "(" + " || ".join(self.conforms(m, x) for m in self._list(arg)) + ")"
        if param == SH["not"]:
            return self.violates(arg, x)  # surely conforms to (not X) = surely violates X
        raise Untranslatable(f"parameter {param}")

    def violates(self, shape: rdflib.term.Node, x: str) -> str:
        """True only if ``x`` surely violates ``shape``: only for a single exact sh:class."""
        params = [(p, o) for p, o in self.shapes.predicate_objects(shape) if p not in _IGNORED]
        if len(params) == 1 and params[0][0] == SH["class"]:
            return f"!({self.is_a(params[0][1], x)})"
        raise Untranslatable("sh:not of anything but one sh:class")

    def _list(self, node: rdflib.term.Node) -> list[rdflib.term.Node]:
        members = list(Collection(self.shapes, node))
        if not members:
            raise Untranslatable("an empty list")
        return members

    def is_a(self, cls: rdflib.term.Node, x: str) -> str:
        if not isinstance(cls, rdflib.URIRef):
            raise Untranslatable("sh:class of a blank node")
        top = ox.NamedNode(str(cls))
        classes = " ".join(str(c) for c in self.subclasses(top))
        t = self.var()
        return f"EXISTS {{ {x} a {t} . VALUES {t} {{ {classes} }} }}"

    def datatype(self, datatype: rdflib.term.Node, x: str) -> str:
        dt = _term(datatype)
        if datatype == RDF.langString:
            return f"(isLiteral({x}) && LANG({x}) != \"\")"
        if datatype == XSD.string:
            return f"(isLiteral({x}) && DATATYPE({x}) = {dt} && LANG({x}) = \"\")"
        if datatype in _CASTABLE:
            return (f"(isLiteral({x}) && DATATYPE({x}) = {dt} "
                    f"&& COALESCE(sameTerm({dt}({x}), {x}), false))")
        return "false"  # cannot tell a well-formed value: pyshacl decides

    def path(self, path: rdflib.term.Node) -> str:
        if isinstance(path, rdflib.URIRef):
            return _term(path)
        if self.shapes.value(path, RDF.first) is not None:
            return "(" + "/".join(self.path(m) for m in Collection(self.shapes, path)) + ")"
        for key, fmt in ((SH.inversePath, "^{}"), (SH.zeroOrMorePath, "{}*"),
                         (SH.oneOrMorePath, "{}+"), (SH.zeroOrOnePath, "{}?")):
            inner = self.shapes.value(path, key)
            if inner is not None:
                if key in (SH.zeroOrMorePath, SH.zeroOrOnePath):
                    self._zero_length = True
                return "(" + fmt.format(self.path(inner)) + ")"
        alternatives = self.shapes.value(path, SH.alternativePath)
        if alternatives is not None:
            return "(" + "|".join(self.path(m) for m in Collection(self.shapes, alternatives)) + ")"
        raise Untranslatable(f"path {path!r}")

    def property_path(self, shape: rdflib.term.Node) -> tuple[str, bool]:
        """A property shape's path, and whether it may have length zero."""
        path_node = self.shapes.value(shape, SH.path)
        if path_node is None:
            raise Untranslatable("a property shape without sh:path")
        self._zero_length = False
        path = self.path(path_node)
        return path, self._zero_length

    def property(self, shape: rdflib.term.Node, x: str) -> str:
        path, zero_length = self.property_path(shape)
        if zero_length:
            self.everywhere.add(path)
        parts = ["true"]
        value = self.var()
        for param, arg in self.shapes.predicate_objects(shape):
            if param in _IGNORED or param == SH.path:
                continue
            if param == SH.minCount:
                parts.append(self._count(x, path, int(str(arg)), at_least=True))
            elif param == SH.maxCount:
                parts.append(self._count(x, path, int(str(arg)), at_least=False))
            else:
                ok = self.parameter(shape, param, arg, value)
                parts.append(
                    f"NOT EXISTS {{ {x} {path} {value} . FILTER(!COALESCE({ok}, false)) }}")
        return "(" + " && ".join(parts) + ")"

    def _count(self, x: str, path: str, n: int, at_least: bool) -> str:
        needed = n if at_least else n + 1
        if needed <= 0:
            return "true" if at_least else "false"
        if x == FOCUS and self.counting:
            count = self.counts.setdefault(path, f"?_n{len(self.counts)}")
            return f"(COALESCE({count}, 0) {'>=' if at_least else '<='} {n})"
        if needed > _MAX_COUNT:
            raise Untranslatable(f"a count of {n}")
        values = [self.var() for _ in range(needed)]
        pattern = " . ".join(f"{x} {path} {v}" for v in values)
        distinct = " && ".join(f"!sameTerm({a}, {b})"
                               for a, b in itertools.combinations(values, 2)) or "true"
        exists = f"EXISTS {{ {pattern} . FILTER({distinct}) }}"
        return exists if at_least else f"!({exists})"


def suspects_query(shapes: rdflib.Graph, shape: rdflib.term.Node,
                   subclasses: Callable[[Term], list[Term]]) -> str:
    """SELECT ?this: the shape's targets that may violate its Core constraints.

    Targets are made distinct first, and a count of values on the focus node
    (``sh:minCount``, ``sh:maxCount``) reads an aggregate of distinct values,
    not paths joined with themselves: with N copies of one value that made N²
    pairs per target, N³ with the target's own N type triples (PositionShape
    took minutes on a story syndicated 400 times).
    """
    targets = " UNION ".join(_targets(shapes, shape, subclasses))
    translator = Translator(shapes, subclasses, counting=True)
    ok = translator.conforms(shape, FOCUS, top=True)
    distinct = f"{{ SELECT DISTINCT {FOCUS} WHERE {{ {targets} }} }}"
    return (f"SELECT {FOCUS} WHERE {{ {distinct} {_counts(translator, distinct)} "
            f"FILTER(!COALESCE({ok}, false)) }}")


def _counts(translator: Translator, targets: str) -> str:
    """One aggregate for every path counted on the focus node: its distinct values.

    Over all subjects of a path, not only the targets: one pass over those
    triples, cheaper than joining them with the targets again (measured on
    mentions); a path that may have length zero is joined with ``targets``.
    """
    if not translator.counts:
        return ""
    branches, counted = [], []
    for path, count in translator.counts.items():
        value = translator.var()
        where = targets if path in translator.everywhere else ""
        branches.append(f"{{ {where} {FOCUS} {path} {value} }}")
        counted.append(f"(COUNT(DISTINCT {value}) AS {count})")
    return (f"OPTIONAL {{ SELECT {FOCUS} {' '.join(counted)} "
            f"WHERE {{ {' UNION '.join(branches)} }} GROUP BY {FOCUS} }}")


def _targets(shapes: rdflib.Graph, shape: rdflib.term.Node,
             subclasses: Callable[[Term], list[Term]]) -> list[str]:
    """Group patterns binding ?this to the shape's targets, one per target declaration."""
    targets = []
    for cls in shapes.objects(shape, SH.targetClass):
        top = ox.NamedNode(str(cls)) if isinstance(cls, rdflib.URIRef) else None
        if top is None:
            raise Untranslatable("sh:targetClass of a blank node")
        classes = " ".join(str(c) for c in subclasses(top))
        targets.append(f"{{ ?this a ?_class . VALUES ?_class {{ {classes} }} }}")
    for p in shapes.objects(shape, SH.targetSubjectsOf):
        targets.append(f"{{ ?this {_term(p)} ?_o }}")
    for p in shapes.objects(shape, SH.targetObjectsOf):
        targets.append(f"{{ ?_s {_term(p)} ?this }}")
    if any((shape, RDF.type, c) in shapes for c in (RDFS.Class, rdflib.OWL.Class)):
        classes = " ".join(str(c) for c in subclasses(ox.NamedNode(str(shape))))
        targets.append(f"{{ ?this a ?_class . VALUES ?_class {{ {classes} }} }}")
    for node in shapes.objects(shape, SH.targetNode):
        targets.append(f"{{ VALUES ?this {{ {_term(node)} }} }}")
    if not targets or (shape, SH.target, None) in shapes:
        raise Untranslatable("no targets, or SPARQL-based targets")
    return targets
