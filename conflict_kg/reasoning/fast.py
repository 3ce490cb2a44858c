"""The single-premise rules, evaluated in Python for full recomputations.

Most of a closure comes from rules with one data premise and the T-box
(``cax-sco``, ``prp-dom``, ``prp-rng``, ``prp-spo1``, ``prp-inv1/2``,
``prp-symp``, single-member ``cls-int1``, ``cls-svf2``).  Their consequences
depend on one triple only, so the closure of a set of triples under them is
the union of each triple's own closure, and that closure depends only on the
triple's predicate (or, for ``rdf:type``, its class) and on whether its object
is a literal or equal to its subject.  :class:`Templates` computes it once per
predicate and class as *templates* (subject and object as roles: SUBJ, OBJ or a
constant) and applies them to the store's triples in one pass.

Why: as SPARQL updates these rules were most of a full closure (at 1M
triples, 4 naive updates of 20-40 s each on a loaded machine, then a 1M-triple
delta); the templates replace them with one scan and one bulk insert.

The T-box comes from the same atoms as the SPARQL rules (``rules.py``), read
after the schema is closed, so both evaluations see the same axioms.  The
head filters of ``sparql.py`` hold here too: no literal subject, no blank-node
predicate, no ``x owl:sameAs x`` and no ``x rdf:type owl:Thing`` (a triple
that is never materialized is not a premise either).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, NamedTuple

import pyoxigraph as ox

from conflict_kg.namespaces import OWL, RDF
from conflict_kg.reasoning.rules import DATA_RULES, PREFIXES, Rule
from conflict_kg.store.base import GraphStore
from conflict_kg.store.native import NativeQuads

Term = ox.NamedNode | ox.BlankNode | ox.Literal
TYPE = ox.NamedNode(RDF + "type")
THING = ox.NamedNode(OWL + "Thing")
SAME_AS = ox.NamedNode(OWL + "sameAs")
_GRAPH_VAR = re.compile(r"g[0-9]+")
SUBJ, OBJ = 0, 1  # roles: the premise's subject and object

# A triple as a tuple of pyoxigraph terms (subject, predicate, object); typed
# loosely because quads also hold RDF-star triples as subjects.
Key = tuple[Any, Any, Any]


def _single(rule: Rule) -> bool:
    return len(rule.data) == 1 and rule.naive


# The rules evaluated here (cls-int1: only its single-member variant).
FAST_NAMES = (
    "prp-dom", "prp-rng", "prp-symp", "prp-spo1", "prp-inv1", "prp-inv2", "cls-int1",
    "cls-svf2", "cax-sco",
)
FAST_RULES: tuple[Rule, ...] = tuple(
    r for r in DATA_RULES if r.name in FAST_NAMES and _single(r)
)


class Consequences(NamedTuple):
    """What one triple ``s p o`` yields (beyond itself)."""

    subject_types: frozenset[int]  # class numbers (Templates.class_terms)
    object_types: frozenset[int]
    properties: tuple[tuple[bool, ox.NamedNode], ...]  # (swapped?, predicate)


class Unsupported(Exception):
    """The T-box makes a consequence depend on more than the premise's shape."""


class Templates:
    """Per predicate and per class, every consequence of one triple (T-box fixed)."""

    def __init__(self, axioms: dict[str, list[dict[str, Term]]]) -> None:
        self.sub: dict[Term, set[Term]] = defaultdict(set)  # property -> superproperties
        self.inverse: dict[Term, set[Term]] = defaultdict(set)
        self.symmetric: set[Term] = set()
        self.domain: dict[Term, set[Term]] = defaultdict(set)
        self.range: dict[Term, set[Term]] = defaultdict(set)
        self.svf: dict[Term, set[Term]] = defaultdict(set)  # property -> restriction classes
        self.sco: dict[Term, set[Term]] = defaultdict(set)  # class -> superclasses (and cls-int1)
        for b in axioms.get("prp-spo1", []):
            self.sub[b["p1"]].add(b["p2"])
        for b in axioms.get("prp-inv1", []):
            self.inverse[b["p1"]].add(b["p2"])
        for b in axioms.get("prp-inv2", []):
            self.inverse[b["p2"]].add(b["p1"])
        self.symmetric = {b["p"] for b in axioms.get("prp-symp", [])}
        for b in axioms.get("prp-dom", []):
            self.domain[b["p"]].add(b["c"])
        for b in axioms.get("prp-rng", []):
            self.range[b["p"]].add(b["c"])
        for b in axioms.get("cls-svf2", []):
            self.svf[b["p"]].add(b["c"])
        for b in axioms.get("cax-sco", []):
            self.sco[b["c1"]].add(b["c2"])
        for b in axioms.get("cls-int1", []):
            self.sco[b["c1"]].add(b["c"])
        if TYPE in set(self.sub) | set(self.inverse) | self.symmetric | set(self.domain) \
                | set(self.range) | set(self.svf):
            raise Unsupported("the T-box has axioms about rdf:type itself")
        if any(TYPE in related for related in (*self.sub.values(), *self.inverse.values())):
            raise Unsupported("a property is a subproperty or inverse of rdf:type")
        self.predicates = set(self.sub) | set(self.inverse) | self.symmetric \
            | set(self.domain) | set(self.range) | set(self.svf)
        # Classes are numbered: sets of small ints hash and merge much faster
        # than sets of pyoxigraph terms.
        self.class_ids: dict[Any, int] = {}
        self.class_terms: list[Any] = []
        self._by_predicate: dict[tuple[Any, bool, bool], Consequences] = {}
        self._by_class: dict[Any, frozenset[int]] = {}

    @classmethod
    def load(cls, store: GraphStore) -> Templates:
        """The T-box as the SPARQL rules see it (one ``GRAPH ?g`` per schema atom)."""
        axioms: dict[str, list[dict[str, Term]]] = {}
        for rule in FAST_RULES:
            atoms = rule.schema_atoms
            where = " ".join(f"GRAPH ?g{i} {{ {a} }}" for i, a in enumerate(atoms))
            rows = store.query(f"{PREFIXES}SELECT DISTINCT * WHERE {{ {where} }}")
            names = [v.value for v in rows.variables if not _GRAPH_VAR.fullmatch(v.value)]
            axioms.setdefault(rule.name, []).extend(
                {n: r[n] for n in names} for r in rows
            )
        return cls(axioms)

    # --- templates -----------------------------------------------------------

    def heads(self) -> set[Any]:
        """Every predicate a consequence can have."""
        out: set[Any] = {TYPE} | self.symmetric
        for related in (*self.sub.values(), *self.inverse.values()):
            out |= related
        return out

    def class_id(self, c: Any) -> int:
        found = self.class_ids.get(c)
        if found is None:
            found = self.class_ids[c] = len(self.class_terms)
            self.class_terms.append(c)
        return found

    def for_class(self, c: Any) -> frozenset[int]:
        """The classes ``x`` gets from ``x rdf:type c`` (not ``c`` itself)."""
        found = self._by_class.get(c)
        if found is None:
            seen = {c}
            todo = [c]
            while todo:
                for sup in self.sco.get(todo.pop(), ()):
                    if sup not in seen and sup != THING:  # x a owl:Thing: not materialized
                        seen.add(sup)
                        todo.append(sup)
            seen.discard(c)
            found = self._by_class[c] = frozenset(self.class_id(x) for x in seen)
        return found

    def for_predicate(self, p: Any, literal: bool, same: bool) -> Consequences:
        """Consequences of ``s p o`` (``o`` a literal; ``o`` equal to ``s``)."""
        key = (p, literal, same)
        found = self._by_predicate.get(key)
        if found is None:
            found = self._by_predicate[key] = self._close(p, literal, same)
        return found

    def _close(self, p: Any, literal: bool, same: bool) -> Consequences:
        start = (SUBJ, p, SUBJ if same else OBJ)
        seen: set[tuple[int, Any, int]] = {start}
        todo = [start]
        types: set[tuple[int, Any]] = set()

        def emit(s: int, q: Any, o: int) -> None:
            if s == OBJ and literal:
                return  # never a literal subject
            if not isinstance(q, ox.NamedNode):
                return  # never a blank-node predicate
            if q == SAME_AS and s == o:
                return  # x owl:sameAs x is not materialized
            if (s, q, o) not in seen:
                seen.add((s, q, o))
                todo.append((s, q, o))

        while todo:
            s, q, o = todo.pop()
            for q2 in self.sub.get(q, ()):
                emit(s, q2, o)
            for q2 in self.inverse.get(q, ()):
                emit(o, q2, s)
            if q in self.symmetric:
                emit(o, q, s)
            for c in (*self.domain.get(q, ()), *self.svf.get(q, ())):
                types.add((s, c))
            if not (o == OBJ and literal):
                for c in self.range.get(q, ()):
                    types.add((o, c))
        seen.discard(start)
        by_role: tuple[set[int], set[int]] = (set(), set())
        for role, c in types:
            if c != THING:
                by_role[role].add(self.class_id(c))
            by_role[role].update(self.for_class(c))
        return Consequences(
            frozenset(by_role[SUBJ]),
            frozenset(by_role[OBJ]),
            tuple((s == OBJ, q) for s, q, _ in seen),
        )

    def target_classes(self) -> set[Any]:
        """Every class a consequence can give (a superset)."""
        direct: set[Any] = set()
        for classes in (*self.domain.values(), *self.range.values(), *self.svf.values(),
                        *self.sco.values()):
            direct |= classes
        out = set(direct)
        for c in direct:
            out.update(self.class_terms[i] for i in self.for_class(c))
        out.discard(THING)
        return out


class Closure:
    """Applies :class:`Templates` and remembers which triples the store holds.

    ``types`` and ``props`` mirror the store's triples that a consequence
    could repeat (types of target classes; triples of head predicates), so
    that only new triples are inserted: the store is never asked per triple.
    Everything the store holds is remembered before anything is derived.
    """

    def __init__(self, templates: Templates) -> None:
        self.t = templates
        self.types: dict[Any, set[int]] = {}  # subject -> class numbers
        self.props: set[Key] = set()
        self._heads = {p for p in templates.heads() if isinstance(p, ox.NamedNode)} - {TYPE}
        self._predicates = {p for p in templates.predicates if isinstance(p, ox.NamedNode)}

    def scan(self, store: NativeQuads, skip_default: bool) -> list[Key]:
        """Read the store's triples; return the consequences it does not hold yet.

        Type triples are read class by class, and only for classes that have
        consequences or can be one: most of a graph's types need no work.
        """
        t = self.t
        targets = t.target_classes()

        def skipped(q: ox.Quad) -> bool:
            return skip_default and isinstance(q.graph_name, ox.DefaultGraph)

        pending_types: list[tuple[list[Any], frozenset[int]]] = []
        for c in targets | set(t.sco):
            subjects = [q.subject for q in store.match(None, TYPE, c, None)
                        if not skipped(q)]
            if c in targets:
                self._know_type(subjects, t.class_id(c))
            supers = t.for_class(c)
            if supers:
                pending_types.append((subjects, supers))
        pending_props: list[tuple[ox.NamedNode, list[tuple[Any, Any]]]] = []
        for p in self._heads | self._predicates:
            pairs = [(q.subject, q.object) for q in store.match(None, p, None, None)
                     if not skipped(q)]
            if p in self._heads:
                self.props.update((s, p, o) for s, o in pairs)
            if p in self._predicates:
                pending_props.append((p, pairs))
        out: list[Key] = []
        for subjects, supers in pending_types:
            for s in subjects:
                self._new_types(s, supers, out)
        for p, pairs in pending_props:
            self._apply(p, pairs, out)
        return out

    def derive(self, triples: list[Key]) -> list[Key]:
        """``triples`` are now in the store: their consequences it does not hold yet."""
        for s, p, o in triples:
            if p == TYPE:
                self._know_type([s], self.t.class_id(o))
            elif p in self._heads:
                self.props.add((s, p, o))
        out: list[Key] = []
        for s, p, o in triples:
            if p == TYPE:
                self._new_types(s, self.t.for_class(o), out)
            elif p in self._predicates:
                self._apply(p, [(s, o)], out)
        return out

    def _know_type(self, subjects: list[Any], cid: int) -> None:
        types = self.types
        for s in subjects:
            found = types.get(s)
            if found is None:
                types[s] = {cid}
            else:
                found.add(cid)

    def _new_types(self, s: Any, classes: frozenset[int], out: list[Key]) -> None:
        found = self.types.get(s)
        if found is None:
            self.types[s] = set(classes)
            fresh = classes
        else:
            fresh = classes - found
            if not fresh:
                return
            found |= fresh
        terms = self.t.class_terms
        out.extend((s, TYPE, terms[i]) for i in fresh)

    def _apply(self, p: ox.NamedNode, pairs: list[tuple[Any, Any]], out: list[Key]) -> None:
        """The new consequences of ``s p o`` for each ``(s, o)``."""
        t = self.t
        plain, literal = t.for_predicate(p, False, False), t.for_predicate(p, True, False)
        # s == o only changes the result through an x owl:sameAs x on the way.
        same = t.for_predicate(p, False, True) if any(
            q == SAME_AS for _, q in plain.properties) else None
        props, new_types = self.props, self._new_types
        for s, o in pairs:
            c = literal if isinstance(o, ox.Literal) else plain
            if same is not None and s == o:
                c = same
            if c.subject_types:
                new_types(s, c.subject_types, out)
            if c.object_types:
                new_types(o, c.object_types, out)
            for swapped, q in c.properties:
                key = (o, q, s) if swapped else (s, q, o)
                if key not in props:
                    props.add(key)
                    out.append(key)
