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
from collections.abc import Iterable
from typing import Any, NamedTuple

import pyoxigraph as ox

from conflict_kg.namespaces import OWL, RDF
from conflict_kg.reasoning.rules import DATA_RULES, PREFIXES, Rule
from conflict_kg.store.base import GraphStore

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
    """

    def __init__(self, templates: Templates) -> None:
        self.t = templates
        self.types: dict[Any, set[int]] = {}
        self.props: set[Key] = set()
        self._heads = templates.heads()

    def scan(self, store: ox.Store, skip_default: bool) -> list[Key]:
        """Read the store's triples; return the consequences it does not hold yet."""
        t = self.t
        cand_types: dict[Any, set[int]] = {}
        cand_props: set[Key] = set()
        targets = t.target_classes()
        # Type triples class by class, only for classes that have consequences
        # or can be one: most of a graph's types need no work.
        for c in targets | set(t.sco):
            supers = t.for_class(c)
            cid = t.class_id(c) if c in targets else None
            for q in store.quads_for_pattern(None, TYPE, c, None):
                if skip_default and isinstance(q.graph_name, ox.DefaultGraph):
                    continue
                s = q.subject
                if cid is not None:
                    _add_types(self.types, s, (cid,))
                if supers:
                    _add_types(cand_types, s, supers)
        for p in (self._heads | t.predicates) - {TYPE}:
            if not isinstance(p, ox.NamedNode):
                continue  # a blank node or literal in a property axiom is never a predicate
            is_head = p in self._heads
            for q in store.quads_for_pattern(None, p, None, None):
                if skip_default and isinstance(q.graph_name, ox.DefaultGraph):
                    continue
                s, o = q.subject, q.object
                if is_head:
                    self.props.add((s, p, o))
                self._derive(s, p, o, cand_types, cand_props)
        return self._keep_new(cand_types, cand_props)

    def derive(self, triples: list[Key]) -> list[Key]:
        """``triples`` are now in the store: their consequences it does not hold yet."""
        cand_types: dict[Any, set[int]] = {}
        cand_props: set[Key] = set()
        for s, p, o in triples:
            self._remember(s, p, o)
        for s, p, o in triples:
            if p == TYPE:
                supers = self.t.for_class(o)
                if supers:
                    _add_types(cand_types, s, supers)
            else:
                self._derive(s, p, o, cand_types, cand_props)
        return self._keep_new(cand_types, cand_props)

    def _remember(self, s: Any, p: Any, o: Any) -> None:
        if p == TYPE:
            _add_types(self.types, s, (self.t.class_id(o),))
        elif p in self._heads:
            self.props.add((s, p, o))

    def _derive(
        self, s: Any, p: Any, o: Any, cand_types: dict[Any, set[int]], cand_props: set[Key]
    ) -> None:
        if p not in self.t.predicates:
            return
        c = self.t.for_predicate(p, isinstance(o, ox.Literal), s == o)
        if c.subject_types:
            _add_types(cand_types, s, c.subject_types)
        if c.object_types:
            _add_types(cand_types, o, c.object_types)
        for swapped, q in c.properties:
            cand_props.add((o, q, s) if swapped else (s, q, o))

    def _keep_new(self, cand_types: dict[Any, set[int]], cand_props: set[Key]) -> list[Key]:
        """The candidates not known yet, which from now on are known."""
        terms = self.t.class_terms
        out: list[Key] = []
        for s, classes in cand_types.items():
            known = self.types.get(s)
            fresh = classes - known if known else classes
            if fresh:
                out.extend((s, TYPE, terms[i]) for i in fresh)
                _add_types(self.types, s, fresh)
        cand_props -= self.props
        self.props |= cand_props
        out.extend(cand_props)
        return out


def _add_types(types: dict[Any, set[int]], s: Any, classes: Iterable[int]) -> None:
    found = types.get(s)
    if found is None:
        types[s] = set(classes)
    else:
        found.update(classes)
