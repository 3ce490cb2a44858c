"""The SHACL layer's prefilters read from the embedded store's indexes (issue 19).

``shacl_prefilter`` asks the store, in one SPARQL query, which focus nodes may
violate a shape's Core constraints; ``shacl_sparql.candidates`` runs a SPARQL
constraint's own query with ``$this`` free.  On a 1,000-document feed both
cost about half a minute for the mentions (two ``NOT EXISTS`` per property and
row; ``STRLEN`` and ``SUBSTR`` of the whole text per mention).  On the
embedded store the same suspects are found here from ``quads_for_pattern``:

* ``core_suspects`` evaluates, in Python, the expression that
  ``shacl_prefilter.Translator`` writes (a node is dropped only if it surely
  conforms).  A property on the focus node reads its predicate once
  (``every``), one property at a time; a value test that is not plainly
  decided here (a date's lexical form, a pattern, a comparison that is not
  between two canonical integers) asks the store the translated expression
  for that one value, cached.  A path or parameter not handled here gives
  ``None``: the query is used.
* ``sparql_candidates`` has, for a few constraint queries of the project's
  shapes (matched by their whole text, so an edited query falls back to
  itself), the same search written over the indexes: the document's text
  read once per document instead of once per mention.  A value whose
  SPARQL evaluation is not plainly decided here (not an ``xsd:integer``
  offset, a blank node, a language-tagged text) makes its node a candidate.

Either way a node left out surely conforms, and pyshacl still validates every
node kept, so the findings are pyshacl's (``tests/checks/test_shacl_fast.py``
compares them, and the suspects, with the query forms).  Remote stores keep
the queries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from conflict_kg.checks import shacl_prefilter, shacl_sparql
from conflict_kg.checks.shacl_prefilter import _CASTABLE, _COMPARE, _IGNORED, Untranslatable
from conflict_kg.checks.triples import Term, kept_quad, union_is_kept
from conflict_kg.store.base import GraphStore

_RDF_TYPE = ox.NamedNode(str(RDF.type))
_XSD_INTEGER = ox.NamedNode(str(XSD.integer))
_XSD_STRING = ox.NamedNode(str(XSD.string))
_LANG_STRING = ox.NamedNode(str(RDF.langString))
# The canonical lexical form of an xsd:integer (what a cast to itself gives back).
_CANONICAL_INTEGER = re.compile(r"0|-?[1-9][0-9]*")
class Unhandled(ValueError):
    """Something ``core_suspects`` does not evaluate: the query decides."""


def _integer(term: Term) -> int | None:
    """The value of a canonical ``xsd:integer`` literal (``None`` for anything else)."""
    if (isinstance(term, ox.Literal) and term.datatype == _XSD_INTEGER
            and _CANONICAL_INTEGER.fullmatch(term.value)):
        return int(term.value)
    return None


class CoreEvaluator:
    """``shacl_prefilter.Translator``'s "surely conforms" expression, evaluated in Python."""

    def __init__(self, store: GraphStore, shapes: rdflib.Graph,
                 subclasses: Callable[[Term], list[Term]]) -> None:
        self.store = store
        self.quads = store.native_quads()
        self.shapes = shapes
        self.subclasses = subclasses
        self.translator = shacl_prefilter.Translator(shapes, subclasses)
        self._classes: dict[rdflib.term.Node, set[Term]] = {}
        self._asked: dict[tuple[str, Term], bool] = {}
        self._value_cache: dict[tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node],
                                dict[Term, bool]] = {}

    # -- reading the store -----------------------------------------------------
    def _match(self, s: Term | None, p: ox.NamedNode,
               o: Term | None) -> Iterator[ox.Quad]:
        if isinstance(s, ox.Literal):
            return iter(())
        return (q for q in self.quads.match(s, p, o, None) if kept_quad(q))

    def _path(self, path: rdflib.term.Node) -> tuple[ox.NamedNode, bool]:
        """A path read here: an IRI, or the inverse of one (``True``)."""
        if isinstance(path, rdflib.URIRef):
            return ox.NamedNode(str(path)), False
        inner = self.shapes.value(path, SH.inversePath)
        if isinstance(inner, rdflib.URIRef) and len(list(self.shapes.predicate_objects(path))) == 1:
            return ox.NamedNode(str(inner)), True
        raise Unhandled(f"path {path!r}")

    def values(self, node: Term, path: rdflib.term.Node) -> set[Term]:
        predicate, inverse = self._path(path)
        if inverse:
            return {q.subject for q in self._match(None, predicate, node)}  # type: ignore[misc]
        return {q.object for q in self._match(node, predicate, None)}  # type: ignore[misc]

    def holders(self, value: Term, path: rdflib.term.Node) -> set[Term]:
        """The nodes that have ``value`` on ``path``."""
        predicate, inverse = self._path(path)
        if inverse:
            return {q.object for q in self._match(value, predicate, None)}  # type: ignore[misc]
        return {q.subject for q in self._match(None, predicate, value)}  # type: ignore[misc]

    def is_a(self, cls: rdflib.term.Node, x: Term) -> bool:
        if not isinstance(cls, rdflib.URIRef):
            raise Untranslatable("sh:class of a blank node")
        if isinstance(x, ox.Literal):
            return False
        classes = self._classes.get(cls)
        if classes is None:
            classes = self._classes[cls] = set(self.subclasses(ox.NamedNode(str(cls))))
        return any(q.object in classes for q in self._match(x, _RDF_TYPE, None))

    def _ask(self, expression: str, x: Term) -> bool:
        """The translated expression for one value, asked of the store (cached)."""
        key = (expression, x)
        if key not in self._asked:
            query = f"ASK {{ FILTER(COALESCE({expression}, false)) }}"
            self._asked[key] = bool(self.store.query(query, substitutions={"x": x}))
        return self._asked[key]

    # -- the Translator's expression ---------------------------------------------
    def conforms(self, shape: rdflib.term.Node, x: Term) -> bool:
        if self.shapes.value(shape, SH.path) is not None:
            return self.property(shape, x)
        return all(self.parameter(shape, param, arg, x)
                   for param, arg in self.shapes.predicate_objects(shape)
                   if param not in _IGNORED and param != SH.path)

    def property(self, shape: rdflib.term.Node, x: Term) -> bool:
        path = self.shapes.value(shape, SH.path)
        assert path is not None
        return self._property_holds(shape, x, self.values(x, path))

    def _property_holds(self, shape: rdflib.term.Node, x: Term, values: set[Term]) -> bool:
        for param, arg in self.shapes.predicate_objects(shape):
            if param in _IGNORED or param == SH.path:
                continue
            if param == SH.minCount:
                n = int(str(arg))
                if n > 0 and len(values) < n:
                    return False
            elif param == SH.maxCount:
                n = int(str(arg))
                if n < 0 or len(values) > n:
                    return False
            elif not all(self._value_ok(shape, param, arg, v) for v in values):
                return False
        return True

    def _value_ok(self, shape: rdflib.term.Node, param: rdflib.term.Node,
                  arg: rdflib.term.Node, value: Term) -> bool:
        # Values repeat (a document referenced by all its mentions): one test each.
        cache = self._value_cache.setdefault((shape, param, arg), {})
        ok = cache.get(value)
        if ok is None:
            ok = cache[value] = self.parameter(shape, param, arg, value)
        return ok

    def parameter(self, shape: rdflib.term.Node, param: rdflib.term.Node,
                  arg: rdflib.term.Node, x: Term) -> bool:
        if param == SH.property:
            return self.property(arg, x)
        if param == SH["class"]:
            return self.is_a(arg, x)
        if param == SH.datatype:
            return self.datatype(shape, param, arg, x)
        if param == SH.nodeKind and isinstance(arg, rdflib.URIRef) and arg in _KINDS:
            return _KINDS[arg](x)
        if isinstance(param, rdflib.URIRef) and param in _COMPARE:
            left, right = _integer(x), _integer(shacl_sparql.as_ox(arg))
            if left is not None and right is not None:
                return _INTEGER_COMPARE[param](left, right)
            return self._leaf(shape, param, arg, x)
        if param in (SH.minLength, SH.maxLength, SH.pattern):
            return not isinstance(x, ox.BlankNode) and self._leaf(shape, param, arg, x)
        if param == SH.flags:
            return True
        if param == SH["in"]:
            return any(x == shacl_sparql.as_ox(m) for m in Collection(self.shapes, arg))
        if param == SH.node:
            return self.conforms(arg, x)
        if param == SH["and"]:
            return all(self.conforms(m, x) for m in self._list(arg))
        if param == SH["or"]:
            return any(self.conforms(m, x) for m in self._list(arg))
        if param == SH["not"]:
            return self.violates(arg, x)
        raise Untranslatable(f"parameter {param}")

    def violates(self, shape: rdflib.term.Node, x: Term) -> bool:
        params = [(p, o) for p, o in self.shapes.predicate_objects(shape) if p not in _IGNORED]
        if len(params) == 1 and params[0][0] == SH["class"]:
            return not self.is_a(params[0][1], x)
        raise Untranslatable("sh:not of anything but one sh:class")

    def _list(self, node: rdflib.term.Node) -> list[rdflib.term.Node]:
        members = list(Collection(self.shapes, node))
        if not members:
            raise Untranslatable("an empty list")
        return members

    def datatype(self, shape: rdflib.term.Node, param: rdflib.term.Node,
                 datatype: rdflib.term.Node, x: Term) -> bool:
        if not isinstance(x, ox.Literal):
            return False
        if datatype == RDF.langString:
            return bool(x.language)
        if datatype == XSD.string:
            return x.datatype == _XSD_STRING and not x.language
        if datatype in _CASTABLE:
            if x.datatype.value != str(datatype):
                return False
            if datatype == XSD.integer and _CANONICAL_INTEGER.fullmatch(x.value):
                return True
            return self._leaf(shape, param, datatype, x)  # the lexical form: the store's cast
        return False  # the query cannot tell a well-formed value either

    def _leaf(self, shape: rdflib.term.Node, param: rdflib.term.Node,
              arg: rdflib.term.Node, x: Term) -> bool:
        return self._ask(self.translator.parameter(shape, param, arg, "?x"), x)


_KINDS: dict[rdflib.term.Node, Callable[[Term], bool]] = {
    SH.IRI: lambda x: isinstance(x, ox.NamedNode),
    SH.BlankNode: lambda x: isinstance(x, ox.BlankNode),
    SH.Literal: lambda x: isinstance(x, ox.Literal),
    SH.BlankNodeOrIRI: lambda x: not isinstance(x, ox.Literal),
    SH.BlankNodeOrLiteral: lambda x: not isinstance(x, ox.NamedNode),
    SH.IRIOrLiteral: lambda x: not isinstance(x, ox.BlankNode),
}
_INTEGER_COMPARE: dict[rdflib.term.Node, Callable[[int, int], bool]] = {
    SH.minInclusive: lambda a, b: a >= b, SH.maxInclusive: lambda a, b: a <= b,
    SH.minExclusive: lambda a, b: a > b, SH.maxExclusive: lambda a, b: a < b,
}


class CoreSuspects:
    """``shacl_prefilter.suspects_query`` taken apart into scans the engine runs well.

    That query is one FILTER over the targets: its conjuncts, for a property
    shape, are counts of distinct values and one ``NOT EXISTS`` per parameter
    and row.  Its negation is the union of the conjuncts' negations, found here
    one kind at a time and kept where they are focus nodes:

    * every count of the shape in one ``GROUP BY`` over the union of the paths
      and the target patterns (a target without values counts zero), with the
      failing counts in ``HAVING`` (``COUNT`` of the set of solutions);
    * a parameter on a property's values is tested once per distinct value of
      the path (in the store; a test with an ``EXISTS``, as ``sh:class``, in
      Python on the indexes, which the engine runs once per value over all
      types), and only the nodes with a failing value are looked up;
    * any other parameter (``sh:or`` of property shapes, a path of length
      zero…) keeps its translated form, in a query of its own.
    """

    def __init__(self, store: GraphStore, shapes: rdflib.Graph, shape: rdflib.term.Node,
                 subclasses: Callable[[Term], list[Term]]) -> None:
        self.store = store
        self.shapes = shapes
        self.shape = shape
        self.subclasses = subclasses
        self.evaluator = CoreEvaluator(store, shapes, subclasses)

    def find(self) -> set[Term]:
        if self.shapes.value(self.shape, SH.path) is not None:
            raise Unhandled("a property shape as a target shape")
        translator = shacl_prefilter.Translator(self.shapes, self.subclasses, counting=True)
        counted: dict[str, str] = {}  # path -> variable
        conditions: list[str] = []
        others: list[str] = []
        found: set[Term] = set()
        for param, arg in self.shapes.predicate_objects(self.shape):
            if param in _IGNORED or param == SH.sparql:
                continue
            path = None
            if param == SH.property and self.shapes.value(arg, SH.path) is not None:
                path, zero_length = translator.property_path(arg)
                if zero_length:
                    path = None
            if path is None:
                others.append(translator.parameter(self.shape, param, arg, shacl_prefilter.FOCUS))
                continue
            for inner, value in self.shapes.predicate_objects(arg):
                if inner in _IGNORED or inner == SH.path:
                    continue
                if inner in (SH.minCount, SH.maxCount):
                    var = counted.setdefault(path, f"?_c{len(counted)}")
                    n = int(str(value))
                    # The store evaluates the union as a set (set_union.py): each value
                    # of a path is one solution, and COUNT is COUNT(DISTINCT) without
                    # a set of values per group (twice as fast on the mentions). Were
                    # it a bag, COUNT would only grow: a maximum would keep too many
                    # suspects, never too few; a minimum above 1 counts distinct values.
                    if inner == SH.minCount and n > 1:
                        conditions.append(f"COUNT(DISTINCT {var}) >= {n}")
                    elif inner == SH.minCount and n == 1:
                        conditions.append(f"COUNT({var}) >= 1")
                    elif inner == SH.maxCount:
                        conditions.append(f"COUNT({var}) <= {n}" if n >= 0 else "false")
                else:
                    found |= self._bad_values(arg, path, inner, value)
        if conditions:
            found |= self._counts(counted, conditions)
        if others:
            found |= self._others(translator, others)
        return found

    def _targets(self) -> list[str]:
        return shacl_prefilter._targets(self.shapes, self.shape, self.subclasses)

    def _rows(self, query: str, name: str = "this") -> Iterator[Term]:
        for row in self.store.query(query):
            if row[name] is not None:
                yield row[name]

    def _counts(self, counted: dict[str, str], conditions: list[str]) -> set[Term]:
        branches = [f"{{ {shacl_prefilter.FOCUS} {path} {var} }}" for path, var in counted.items()]
        # A target pattern binds ?_target too: the groups of other subjects are dropped.
        branches += [f"{{ {t} BIND(true AS ?_target) }}" for t in self._targets()]
        query = (f"SELECT {shacl_prefilter.FOCUS} WHERE {{ {' UNION '.join(branches)} }} "
                 f"GROUP BY {shacl_prefilter.FOCUS} "
                 f"HAVING(COUNT(?_target) > 0 && !({' && '.join(conditions)}))")
        return set(self._rows(query))

    def _others(self, translator: shacl_prefilter.Translator, others: list[str]) -> set[Term]:
        targets = " UNION ".join(self._targets())
        distinct = f"{{ SELECT DISTINCT {shacl_prefilter.FOCUS} WHERE {{ {targets} }} }}"
        ok = " && ".join(others)
        counts = shacl_prefilter._counts(translator, distinct)
        query = (f"SELECT {shacl_prefilter.FOCUS} WHERE {{ {distinct} {counts} "
                 f"FILTER(!COALESCE({ok}, false)) }}")
        return set(self._rows(query))

    def _single_class(self, shape: rdflib.term.Node) -> bool:
        params = [p for p, _o in self.shapes.predicate_objects(shape) if p not in _IGNORED]
        return params == [SH["class"]]

    def _typed(self, cls: rdflib.term.Node | None) -> str:
        if not isinstance(cls, rdflib.URIRef):
            raise Untranslatable("sh:class of a blank node")
        classes = " ".join(str(c) for c in self.subclasses(ox.NamedNode(str(cls))))
        return f"{{ ?_value a ?_type . VALUES ?_type {{ {classes} }} }}"

    def _bad_values(self, prop: rdflib.term.Node, path: str, param: rdflib.term.Node,
                    arg: rdflib.term.Node) -> set[Term]:
        """The subjects of ``path`` with a value failing one parameter of ``prop``."""
        ok = shacl_prefilter.Translator(self.shapes, self.subclasses).parameter(
            prop, param, arg, "?_value")
        values = f"{{ SELECT DISTINCT ?_value WHERE {{ ?_x {path} ?_value }} }}"
        if param == SH["class"] or param == SH["not"] and self._single_class(arg):
            # EXISTS { ?v a ?t . VALUES ?t {…} } per value is a scan of every type
            # triple in the engine: the values of the classes are one scan instead.
            cls = arg if param == SH["class"] else self.shapes.value(arg, SH["class"])
            typed = self._typed(cls)
            keep = "MINUS" if param == SH["class"] else ""
            bad = list(self._rows(f"SELECT DISTINCT ?_value WHERE {{ {values} {keep} {typed} }}",
                                  "_value"))
        elif "EXISTS" in ok:
            bad = [v for v in self._rows(f"SELECT ?_value WHERE {{ {values} }}", "_value")
                   if not self.evaluator.parameter(prop, param, arg, v)]
        else:
            bad = list(self._rows(
                f"SELECT ?_value WHERE {{ {values} FILTER(!COALESCE({ok}, false)) }}", "_value"))
        if not bad:
            return set()
        try:
            path_node = self.shapes.value(prop, SH.path)
            assert path_node is not None
            return {n for v in bad for n in self.evaluator.holders(v, path_node)}
        except Unhandled:  # a longer path: the translated test, row by row
            return set(self._rows(f"SELECT DISTINCT ?this WHERE {{ ?this {path} ?_value . "
                                  f"FILTER(!COALESCE({ok}, false)) }}"))


def core_suspects(store: GraphStore, shapes: rdflib.Graph, shape: rdflib.term.Node,
                  subclasses: Callable[[Term], list[Term]]) -> set[Term] | None:
    """The nodes that may violate ``shape``'s Core constraints (``None``: not handled).

    Every target the query would return is among them; so may be nodes that are
    no target (a subject of a path with a failing value): the caller keeps the
    targets."""
    if not store.capabilities.native_quads:
        return None
    try:
        return CoreSuspects(store, shapes, shape, subclasses).find()
    except (Unhandled, Untranslatable):
        return None


def focus_nodes(store: GraphStore, shapes: rdflib.Graph, shape: rdflib.term.Node,
                subclasses: Callable[[Term], list[Term]]) -> list[Term] | None:
    """``shacl.focus_nodes`` as one query on the embedded store (``None``: not here).

    Reading the quads decodes every quad's graph name (a few hundred thousand
    mention types); the union default graph does not, and holds the same
    triples when there is no staging graph and no default-graph triple."""
    if (not isinstance(shape, rdflib.URIRef) or not store.capabilities.native_quads
            or not union_is_kept(store)):
        return None
    try:
        targets = shacl_prefilter._targets(shapes, shape, subclasses)
    except Untranslatable:
        return None
    found = {row["this"] for row in store.query(
        f"SELECT DISTINCT ?this WHERE {{ {' UNION '.join(targets)} }}")}
    return sorted(found, key=str)


# -- SPARQL constraints ------------------------------------------------------------
_PREFIXES = ("PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>\n"
             "PREFIX ck: <https://w3id.org/conflict-kg/ontology#>\n")
# MentionOffsetsShape's two constraints (ontology/shapes/mentions.ttl), word for word.
OFFSETS_QUERY = _PREFIXES + """
            SELECT $this ?value ?begin ?end ?length WHERE {
              $this nif:isString ?text .
              ?value nif:referenceContext $this ; nif:beginIndex ?begin ; nif:endIndex ?end .
              OPTIONAL { ?value nif:anchorOf ?anchor }
              BIND(STRLEN(?text) AS ?length)
              FILTER(?begin > ?end || ?end > ?length ||
                     (?begin >= 0 && BOUND(?anchor) &&
                      STR(?anchor) != SUBSTR(?text, ?begin + 1, ?end - ?begin)))
            }"""
NAMES_QUERY = _PREFIXES + """
            SELECT $this ?value ?begin ?end WHERE {
              ?value nif:referenceContext $this ; nif:beginIndex ?begin ; nif:endIndex ?end .
              FILTER(STR(?value) != CONCAT(STR($this), "#char=", STR(?begin), ",", STR(?end)))
            }"""


def _words(query: str) -> str:
    return " ".join(query.split())


# The mentions' rows, each subquery one scan of a predicate, joined by hash: as one
# basic graph pattern the engine looks every mention up in the index three times.
# The offsets need no mention IRI (a row per document and values is enough:
# the union is a set here); the names query's FILTER runs in the engine.
_JOINED = """{ SELECT ?value ?this WHERE { ?value nif:referenceContext ?this } }
  { SELECT ?value ?begin WHERE { ?value nif:beginIndex ?begin } }
  { SELECT ?value ?end WHERE { ?value nif:endIndex ?end } }"""
_OFFSET_ROWS = _PREFIXES + f"""SELECT ?this ?begin ?end ?anchor WHERE {{ {_JOINED}
  OPTIONAL {{ SELECT ?value ?anchor WHERE {{ ?value nif:anchorOf ?anchor }} }} }}"""
_NAMES_JOINED = _PREFIXES + f"""SELECT DISTINCT ?this WHERE {{ {_JOINED}
  FILTER(STR(?value) != CONCAT(STR(?this), "#char=", STR(?begin), ",", STR(?end))) }}"""
_TEXTS = _PREFIXES + "SELECT ?this ?text WHERE { ?this nif:isString ?text }"


def _str(term: Term) -> str | None:
    """SPARQL's STR (``None`` where it is an error: a blank node)."""
    return None if isinstance(term, ox.BlankNode) else term.value


def _text(term: Term) -> str | None:
    """A document text whose STRLEN and SUBSTR are Python's (``None``: not a plain string)."""
    if isinstance(term, ox.Literal) and term.datatype == _XSD_STRING and not term.language:
        return term.value
    return None


def _offsets_fail(text: str | None, b: int | None, e: int | None,
                  anchor: Term | None) -> bool | None:
    """The offsets query's FILTER for one row, its offsets read by ``_integer``
    (``None``: not plainly decided here)."""
    if b is None or e is None or text is None:
        return None
    if b > e or e > len(text):  # STRLEN and SUBSTR count characters, as Python does
        return True
    if b < 0 or anchor is None:
        return False
    shown = _str(anchor)
    return None if shown is None else shown != text[b:e]


def _document_fails(store: GraphStore, document: Term) -> bool:
    """The offsets query for one document: for a row that Python does not decide
    (so pyshacl, which may fail on such values, gets what the query gives it)."""
    return any(True for _ in store.query(OFFSETS_QUERY, substitutions={"this": document}))


def offsets_candidates(store: GraphStore) -> set[object]:
    """The offsets query's candidates: each document's text read once, not once per mention.

    The rows (a few hundred thousand on a 1,000-document feed) are streamed."""
    texts: dict[Term, list[str | None]] = {}
    for document, text in store.query(_TEXTS):
        texts.setdefault(document, []).append(_text(text))
    found: set[object] = set()
    offsets: dict[Term, int | None] = {}  # the few thousand offsets, each read once
    for document, begin, end, anchor in store.query(_OFFSET_ROWS):
        if document in found:
            continue
        b = offsets[begin] if begin in offsets else offsets.setdefault(begin, _integer(begin))
        e = offsets[end] if end in offsets else offsets.setdefault(end, _integer(end))
        for plain in texts.get(document, ()):
            fails = _offsets_fail(plain, b, e, anchor)
            if fails or fails is None and _document_fails(store, document):
                found.add(document)
                break
    return found


def names_candidates(store: GraphStore) -> set[object]:
    """The names query, its triple patterns joined by hash."""
    return {row["this"] for row in store.query(_NAMES_JOINED)}


def sparql_candidates(store: GraphStore, constraints: list[shacl_sparql.SparqlConstraint],
                      ) -> dict[rdflib.term.Node, set[object]]:
    """The candidates of the constraints that have a form here (a constraint
    missing from the answer runs its own query)."""
    if not store.capabilities.native_quads:
        return {}
    found: dict[rdflib.term.Node, set[object]] = {}
    for constraint in constraints:
        form = _FORMS.get(_words(constraint.query))
        if form is not None and constraint.prefilter:
            found[constraint.node] = form(store)
    return found


_FORMS: dict[str, Callable[[GraphStore], set[object]]] = {
    _words(OFFSETS_QUERY): offsets_candidates, _words(NAMES_QUERY): names_candidates}
