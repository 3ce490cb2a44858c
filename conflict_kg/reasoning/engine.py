"""The OWL 2 RL materializer that runs inside the store as SPARQL updates.

Everything asserted lives in named graphs; the engine reads the union of all
named graphs (asserted and inferred) and writes only to the inferred graph,
plus scratch graphs under the store's staging prefix (hidden from
``graphs()``, discarded when a store is reopened).

Evaluation is semi-naive: after a first naive round, each round matches one
data atom of each rule against the triples derived in the previous round (the
*delta* graph) and everything else against the union.  The T-box is closed
first and re-closed only if a round derives a T-box triple.

Incremental maintenance is DRed (delete and re-derive, Gupta, Mumick and
Subrahmanian 1993): over-delete every inferred triple with a derivation that
used a removed premise, put back those still derivable in one step, then
propagate forward from the put-back and the added triples.  A change to the
T-box falls back to full recomputation.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import re
import time
from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox

from conflict_kg.namespaces import OWL, DataNamespace
from conflict_kg.reasoning.fast import FAST_RULES, TYPE, Closure, Key, Templates, Unsupported
from conflict_kg.reasoning.functional import bound_groups
from conflict_kg.reasoning.report import ReasonReport
from conflict_kg.reasoning.rules import (
    DATA_RULES,
    PREFIXES,
    SCHEMA_PREDICATES,
    SCHEMA_RULES,
    SCHEMA_TYPES,
    Rule,
)
from conflict_kg.reasoning.sparql import (
    DeltaValues,
    Graphs,
    Mode,
    Term,
    bind_atom,
    render,
    render_guard,
    render_rederivable,
)
from conflict_kg.reasoning.specialise import specialise
from conflict_kg.store import chunked
from conflict_kg.store.base import STAGING_PREFIX, GraphStore, StoreError
from conflict_kg.store.native import NativeQuads
from conflict_kg.store.oxigraph import OxigraphStore

_LOG = logging.getLogger(__name__)
_VARIABLE = re.compile(r"\?(\w+)")

SCRATCH = STAGING_PREFIX + "reasoning-"
ENGINE = "rules"


def scratch_graphs(ns: DataNamespace) -> Graphs:
    return Graphs(
        inferred=ns.inferred_graph,
        delta=SCRATCH + "delta",
        new=SCRATCH + "new",
        deleted=SCRATCH + "deleted",
    )


REMOVED = SCRATCH + "removed"
NEW_ALTERNATE = SCRATCH + "new-2"  # rounds write into new and new-2 in turn
WRITE_ADDED = SCRATCH + "write-added"  # on-disk write-back of a full run
WRITE_REMOVED = SCRATCH + "write-removed"
SCHEMA_NEW = SCRATCH + "schema"
# DRed re-derives up to this many candidates one by one (an ASK each, stopping at the
# first derivation), more with one update per rule over all of them.
REDERIVE_EACH_MAX = 5000

_TOUCHES_SCHEMA = PREFIXES + (
    "ASK {{ {{ VALUES ?p {{ {preds} }} GRAPH <{g}> {{ ?s ?p ?o }} }} "
    "UNION {{ VALUES ?o {{ {types} }} GRAPH <{g}> {{ ?s a ?o }} }} }}"
)


_SCHEMA_PREDICATES = frozenset(ox.NamedNode(p) for p in SCHEMA_PREDICATES)
_SCHEMA_TYPES = frozenset(ox.NamedNode(t) for t in SCHEMA_TYPES)


def _touch_schema(triples: Iterable[Key]) -> bool:
    return any(
        p in _SCHEMA_PREDICATES or (p == TYPE and o in _SCHEMA_TYPES) for _, p, o in triples
    )


class Materializer:
    """One reasoning session over a store (not thread-safe; one writer at a time).

    ``python_rules``: in full runs on a pyoxigraph store, evaluate the
    single-premise rules in Python (:mod:`fast`) and only the others as SPARQL.
    """

    def __init__(
        self,
        store: GraphStore,
        ns: DataNamespace,
        python_rules: bool = True,
        specialise_rules: bool | None = None,
    ) -> None:
        self.store = store
        # pyoxigraph plans predicate-variable joins well; other engines get
        # one update per T-box property (see :mod:`specialise`).
        self.specialise_rules = (
            not store.capabilities.variable_predicate_joins
            if specialise_rules is None else specialise_rules
        )
        self.graphs = scratch_graphs(ns)
        self.rounds = 0
        self._started = time.perf_counter()
        self._applicable: list[Rule] | None = None
        self.python_rules = python_rules

    # --- small helpers -------------------------------------------------------

    def _update(self, sparql: str) -> None:
        self.store.update(sparql)

    def _drop(self, *graphs: str) -> None:
        # Scratch graphs as large as a document: dropped in bounded transactions.
        for graph in graphs:
            self.store.drop_graph(graph, atomic=False)

    def _nonempty(self, graph: str) -> bool:
        return bool(self.store.query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"))

    def count(self, graph: str) -> int:
        rows = self.store.query(
            f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        )
        return int(next(iter(rows))["n"].value)

    def _touches_schema(self, graph: str) -> bool:
        sparql = _TOUCHES_SCHEMA.format(
            preds=" ".join(f"<{p}>" for p in SCHEMA_PREDICATES),
            types=" ".join(f"<{t}>" for t in SCHEMA_TYPES),
            g=graph,
        )
        return bool(self.store.query(sparql))

    def _next_delta(self) -> bool:
        g = self.graphs
        self.store.move_graph(g.new, g.delta)
        return self._nonempty(g.delta)

    def _drop_asserted_from_inferred(self, graph: str) -> None:
        """Triples now asserted in ``graph`` are no longer inferences."""
        inferred = self.graphs.inferred
        self._update(
            f"DELETE {{ GRAPH <{inferred}> {{ ?s ?p ?o }} }} "
            f"WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} GRAPH <{inferred}> {{ ?s ?p ?o }} }}"
        )

    # --- evaluation ----------------------------------------------------------

    @property
    def data_rules(self) -> list[Rule]:
        """The data rules the current T-box can fire (checked once per T-box)."""
        if self._applicable is None:
            rules = [r for r in DATA_RULES if self._may_fire(r)]
            if self.specialise_rules:
                rules = [s for r in rules for s in specialise(self.store, r)]
            self._applicable = rules
        return self._applicable

    def _may_fire(self, rule: Rule) -> bool:
        guard = render_guard(rule)
        return guard is None or bool(self.store.query(guard))

    def close_schema(self) -> None:
        self._applicable = None
        schema = Graphs(self.graphs.inferred, self.graphs.delta, SCHEMA_NEW, self.graphs.deleted)
        while True:
            self._drop(SCHEMA_NEW)
            for rule in SCHEMA_RULES:
                self._update(render(rule, Mode.FORWARD, schema, None))
            if not self._nonempty(SCHEMA_NEW):
                break
        self._drop(SCHEMA_NEW)

    def _next_round(self) -> None:
        # One line per round once a run is slow: on a large store a closure runs for
        # minutes, and the CLI shows INFO logs on stderr, so a user (or a log) sees that
        # it moves; the quick runs after each upload stay at DEBUG.
        self.rounds += 1
        elapsed = time.perf_counter() - self._started
        _LOG.log(logging.INFO if elapsed >= 2.0 else logging.DEBUG,
                 "reasoning: round %d (%.1f s)", self.rounds, elapsed)

    def _naive_round(self, rules: list[Rule] | None = None) -> None:
        self._next_round()
        for rule in self.data_rules if rules is None else rules:
            if not rule.naive:
                continue
            blocks = bound_groups(rule, self.store.query)
            if blocks is None:
                self._update(render(rule, Mode.FORWARD, self.graphs, None))
            for block in blocks or ():
                self._update(render(rule, Mode.FORWARD, self.graphs, None, first=block))

    def _small_delta(self, limit: int = 2000) -> list[ox.Triple] | None:
        """The delta's triples when there are few (then joined from VALUES), else None."""
        rows = self.store.query(
            f"SELECT ?s ?p ?o {{ GRAPH <{self.graphs.delta}> {{ ?s ?p ?o }} }} LIMIT {limit + 1}"
        )
        triples = [ox.Triple(r["s"], r["p"], r["o"]) for r in rows]
        return triples if len(triples) <= limit else None

    def _delta_variants(
        self, mode: Mode, rules: list[Rule] | None = None, delta: list[ox.Triple] | None = None
    ) -> None:
        """Every rule once per data atom, that atom on the delta (``delta``: its triples)."""
        if delta is None:
            small = self._small_delta()
        else:
            small = delta if len(delta) <= 2000 else None
        delta_values = None if small is None else DeltaValues(small)
        for rule in self.data_rules if rules is None else rules:
            for atom in rule.data:
                values = None if delta_values is None else delta_values.for_atom(rule.body[atom])
                if values == "":
                    continue  # no delta triple can match this atom
                try:
                    self._update(render(rule, mode, self.graphs, atom, values))
                except (StoreError, SyntaxError):
                    if values is None:
                        raise
                    # An engine may refuse the VALUES form (Virtuoso 7 fails to compile
                    # eq-rep-s with numbers in it, SP031): join the delta graph instead.
                    self._update(render(rule, mode, self.graphs, atom, None))

    @property
    def _chunked(self) -> bool:
        """On disk, a round takes its delta a chunk at a time (bounded transactions)."""
        return _on_disk(self.store)

    def _asserted_batches(self) -> Iterator[list[ox.Quad]]:
        """Every asserted quad (named graphs but the inferred and scratch graphs, and the
        default graph), ``CHUNK_QUADS`` or more at a time: small graphs are gathered."""
        quads, inferred = self.store.native_quads(), ox.NamedNode(self.graphs.inferred)
        graphs: list[Any] = [
            g for g in quads.named_graphs()
            if isinstance(g, ox.NamedNode) and g != inferred
            and not g.value.startswith(STAGING_PREFIX)
        ]
        readable = _Readable(quads)
        batch: list[ox.Quad] = []
        for graph in graphs:
            for chunk in quads.chunks(graph):
                batch.extend(q for q in chunk if readable(q))
                if len(batch) >= chunked.CHUNK_QUADS:
                    yield batch
                    batch = []
        default = quads.match(None, None, None, ox.DefaultGraph())
        while chunk := list(itertools.islice(default, chunked.CHUNK_QUADS)):
            batch.extend(q for q in chunk if readable(q))
            if len(batch) >= chunked.CHUNK_QUADS:
                yield batch
                batch = []
        if batch:
            yield batch

    def _delta_steps(self, source: str) -> Iterator[list[ox.Triple] | None]:
        """Put ``source``'s triples on the delta graph and yield: on disk one chunk at a
        time (yielding its triples), elsewhere all at once (yielding None).

        Why chunks: each rule update is one transaction that holds what it inserts
        until it commits; over a 1 MB document's whole graph ``prp-dom`` alone took
        +200 MB.  A rule's consequences over a union of deltas are the union of its
        consequences over each part, so the result is the same.
        """
        delta = self.graphs.delta
        if not self._chunked:
            self._drop(delta)
            self.store.copy_graph(source, delta)
            yield None
            return
        quads = self.store.native_quads()
        yield from self._batches_as_delta(quads.chunks(ox.NamedNode(source)))

    def _batches_as_delta(self, batches: Iterable[list[ox.Quad]]) -> Iterator[list[ox.Triple]]:
        """Each batch in turn as the whole delta graph (one bounded transaction each)."""
        delta = self.graphs.delta
        quads, node = self.store.native_quads(), ox.NamedNode(delta)
        for batch in batches:
            if quads.has_graph(node):
                quads.remove_graph(node)  # one chunk: a bounded transaction
            quads.add([ox.Quad(q.subject, q.predicate, q.object, node) for q in batch])
            yield [q.triple for q in batch]
            if len(batch) >= chunked.SETTLE_MIN_QUADS:
                quads.settle()
        self._drop(delta)

    def _settle(self, written: str) -> None:
        """Flush after a round on disk, unless it wrote little into ``written``."""
        if not self._chunked:
            return
        quads = self.store.native_quads()
        derived = quads.match(None, None, None, ox.NamedNode(written))
        if len(list(itertools.islice(derived, chunked.SETTLE_MIN_QUADS))) >= \
                chunked.SETTLE_MIN_QUADS:
            quads.settle()

    def saturate(self, sources: list[str], mode: Mode = Mode.FORWARD) -> None:
        """Derive until nothing is new, starting from the triples of ``sources`` as the
        first delta (``sources`` are read, not changed, unless they are scratch graphs
        of this loop).  Each round writes what it derives into one of two scratch
        graphs, which is the next round's delta: no graph is moved or copied whole.
        ``Mode.OVERDELETE`` marks instead of deriving (DRed's first step).
        """
        base = self.graphs
        outputs = (base.new, NEW_ALTERNATE)
        try:
            while sources := [s for s in sources if self._nonempty(s)]:
                target = next(o for o in outputs if o not in sources)
                self._drop(target)
                self.graphs = dataclasses.replace(base, new=target)
                if mode is Mode.FORWARD and any(self._touches_schema(s) for s in sources):
                    self.close_schema()
                    self._naive_round()
                else:
                    if mode is Mode.FORWARD:
                        self._next_round()
                    for source in sources:
                        for triples in self._delta_steps(source):
                            self._delta_variants(mode, None, triples)
                self._drop(*(s for s in sources if s in outputs))
                self._settle(target)
                sources = [target]
        finally:
            self.graphs = base
        self._drop(base.delta, *outputs)

    def full(self) -> None:
        g = self.graphs
        self._drop(g.inferred, g.delta, g.new, g.deleted, REMOVED, SCHEMA_NEW)
        if self.python_rules and self.store.capabilities.native_quads:
            if self._full_with_templates(self.store.native_quads()):
                return
            self._drop(g.inferred, g.delta, g.new, SCHEMA_NEW)
        self.close_schema()
        self._naive_round()
        self.saturate([g.new])

    def full_bounded(self) -> None:
        """The closure on disk without an in-memory copy: semi-naive rounds whose first
        delta is every asserted triple, a chunk at a time (see :meth:`_delta_steps`).

        The first round joins each chunk with the union (what a naive round derives,
        since a rule's consequences over a union of deltas are the union of its
        consequences over each part); then :meth:`saturate` as after an upload.  The
        memory is that of a chunk and of the store's caches, not of the store; the
        price is a disk transaction per rule and chunk.
        """
        g = self.graphs
        self._drop(g.inferred, g.delta, g.new, NEW_ALTERNATE, g.deleted, REMOVED, SCHEMA_NEW)
        self.close_schema()
        # Rules without a data atom (cls-oo) read only the T-box: one naive update.
        self._naive_round([r for r in self.data_rules if not r.data])
        for triples in self._batches_as_delta(self._asserted_batches()):
            self._delta_variants(Mode.FORWARD, None, triples)
        self._drop(g.delta)
        self._settle(g.new)
        self.saturate([g.new])

    # --- full runs with the single-premise rules in Python ----------------------

    def _insert(self, quads: NativeQuads, triples: Iterable[Key], *graphs: str) -> None:
        names = [ox.NamedNode(g) for g in graphs]
        quads.bulk_add(ox.Quad(s, p, o, g) for s, p, o in triples for g in names)

    def _full_with_templates(self, quads: NativeQuads) -> bool:
        """The closure, single-premise rules in Python, the rest as SPARQL.

        Naive step: close the T-box, apply the templates to every triple, then
        every other rule once (SPARQL, over the union).  Semi-naive steps: the
        templates close what the other rules derived, and both together are the
        next delta.  A step that touches the T-box starts again from the naive
        step.  False when the T-box is one the templates cannot express (the
        caller then starts over with every rule in SPARQL).
        """
        g = self.graphs
        skip_default = bool(self.store.query("ASK { ?s ?p ?o }", union_default_graph=False))
        while True:
            self._drop(g.delta, g.new)
            self.close_schema()
            try:
                templates = Templates.load(self.store)
            except Unsupported:
                return False
            self._next_round()
            closure = Closure(templates)
            new = closure.scan(quads, skip_default)
            self._insert(quads, new, g.inferred)
            if _touch_schema(new):
                continue
            rules = [r for r in self.data_rules if r not in FAST_RULES]
            self._naive_round(rules)
            if self._saturate_with_templates(quads, closure, rules):
                return True

    def _saturate_with_templates(self, quads: NativeQuads, closure: Closure,
                                 rules: list[Rule]) -> bool:
        """Semi-naive steps until nothing is new (True) or the T-box changed (False)."""
        g = self.graphs
        new_graph = ox.NamedNode(g.new)
        while True:
            derived = [
                (q.subject, q.predicate, q.object)
                for q in quads.match(None, None, None, new_graph)
            ]
            if not derived:
                self._drop(g.delta, g.new)
                return True
            more = closure.derive(derived)
            self._insert(quads, more, g.inferred, g.new)
            self._next_delta()
            delta = derived + list(more)
            if _touch_schema(delta):
                return False
            self._next_round()
            self._delta_variants(Mode.FORWARD, rules, [ox.Triple(*t) for t in delta])

    def add(self, graphs: Iterable[str]) -> str | None:
        """Derive the consequences of the triples in ``graphs``; return a fallback reason."""
        g = self.graphs
        graphs = list(graphs)
        self._drop(g.delta, g.new, NEW_ALTERNATE)
        for graph in graphs:
            self._drop_asserted_from_inferred(graph)
        if any(self._touches_schema(graph) for graph in graphs):
            self.full()
            return "a changed graph holds T-box triples"
        self.saturate(graphs)  # the graphs themselves are the first delta, not copied
        return None

    def _to_default_graph(self, graph: str) -> None:
        """Add ``graph``'s triples to the default graph (on disk, a chunk per transaction)."""
        if not self._chunked:
            self._update(f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
            return
        quads, default = self.store.native_quads(), ox.DefaultGraph()
        for batch in quads.chunks(ox.NamedNode(graph)):
            quads.add([ox.Quad(q.subject, q.predicate, q.object, default) for q in batch])
            quads.settle()

    def _clear_default_graph(self) -> None:
        if not self._chunked:
            self._update("CLEAR SILENT DEFAULT")
            return
        quads = self.store.native_quads()
        delete = (f"DELETE {{ ?s ?p ?o }} WHERE {{ SELECT ?s ?p ?o {{ ?s ?p ?o }} "
                  f"LIMIT {chunked.CHUNK_QUADS} }}")
        while next(iter(quads.match(None, None, None, ox.DefaultGraph())), None):
            self.store.update(delete)
            quads.settle()

    def _few_candidates(self) -> list[ox.Triple] | None:
        """DRed's candidates (over-deleted inferences and removed premises), when the
        store is embedded and they are at most ``REDERIVE_EACH_MAX``; else None."""
        if not self.store.capabilities.native_quads:
            return None
        quads = self.store.native_quads()
        candidates: dict[ox.Triple, None] = {}
        for graph in (self.graphs.deleted, REMOVED):
            for q in quads.match(None, None, None, ox.NamedNode(graph)):
                candidates[q.triple] = None
                if len(candidates) > REDERIVE_EACH_MAX:
                    return None
        return list(candidates)

    def _rederive_each(self, candidates: list[ox.Triple]) -> None:
        """Put back the candidates that some rule still derives in one step from the
        named graphs: one ASK per candidate and rule whose head matches it, which
        stops at the first derivation (an ``INSERT`` over all candidates enumerates
        every derivation: seconds for a class that 25,000 documents support).  What
        is put back is the next round's delta (the graph ``new``)."""
        g = self.graphs
        quads = self.store.native_quads()
        plans = [(rule, render_rederivable(rule), *self._tbox_heads(rule))
                 for rule in self.data_rules if rule.naive and self._data_present(rule)]
        back = []
        for triple in candidates:
            if any(q.graph_name != ox.DefaultGraph()
                   for q in quads.match(triple.subject, triple.predicate, triple.object, None)):
                continue  # still in a named graph (INSERT's FILTER NOT EXISTS)
            for rule, ask, names, allowed in plans:
                bound = bind_atom(rule.head, triple)
                if bound is None:
                    continue
                if allowed is not None and tuple(bound[n] for n in names) not in allowed:
                    continue  # the T-box gives this rule no such head
                if self.store.query(ask, substitutions=bound, union_default_graph=False):
                    back.append(triple)
                    break
        if back:
            self.store.add_to_graph(g.inferred, back, atomic=False)
            self.store.add_to_graph(g.new, back, atomic=False)

    def _tbox_heads(self, rule: Rule) -> tuple[tuple[str, ...], set[tuple[Term, ...]] | None]:
        """The head variables that ``rule``'s T-box atoms bind, and the values they take
        together there (None: no head variable is bound by the T-box).  A candidate
        with other values cannot be derived by ``rule``: ``prp-trp`` only derives
        triples of a transitive property."""
        schema = set(_VARIABLE.findall(" ".join(rule.schema_atoms)))
        names = tuple(v for v in dict.fromkeys(_VARIABLE.findall(rule.head)) if v in schema)
        if not names:
            return names, None
        where = " ".join(f"GRAPH ?tbox{i} {{ {a} }}" for i, a in enumerate(rule.schema_atoms))
        rows = self.store.query(
            f"{PREFIXES}SELECT DISTINCT {' '.join('?' + n for n in names)} {{ {where} }}",
            union_default_graph=False)
        return names, {tuple(row[n] for n in names) for row in rows}

    def _data_present(self, rule: Rule) -> bool:
        """False when a data atom of ``rule`` with a constant predicate (``?s owl:sameAs
        ?o``) matches nothing in the named graphs: the rule then derives nothing."""
        for atom in (rule.body[i] for i in rule.data):
            tokens = atom.split()
            if len(tokens) == 3 and not tokens[1].startswith("?") and not bool(
                    self.store.query(f"{PREFIXES}ASK {{ GRAPH ?g {{ {atom} }} }}",
                                     union_default_graph=False)):
                return False
        return True

    def _head_in_default_graph(self, rule: Rule) -> bool:
        """Whether a candidate waiting in the default graph matches ``rule``'s head (a
        rule with none to re-derive is skipped: ``prp-fp``'s update joined the
        functional properties' triples pairwise before finding no ``owl:sameAs``)."""
        return bool(self.store.query(f"{PREFIXES}ASK {{ {rule.head} }}",
                                     union_default_graph=False))

    def remove(self, removed: Iterable[ox.Triple], added_graphs: list[str]) -> str | None:
        """DRed for ``removed`` triples, then forward from ``added_graphs``."""
        g = self.graphs
        self._drop(REMOVED, g.deleted, g.delta, g.new)
        self.store.add_to_graph(REMOVED, removed, atomic=False)
        # Only triples no longer asserted anywhere are removed premises (checked a
        # delta's worth at a time; the read snapshot is not affected by the deletes).
        for _ in self._delta_steps(REMOVED):
            self._update(
                f"DELETE {{ GRAPH <{REMOVED}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{g.delta}> "
                f"{{ ?s ?p ?o }} GRAPH ?g {{ ?s ?p ?o }} "
                f"FILTER(?g != <{REMOVED}> && ?g != <{g.delta}>) }}"
            )
        if not self._nonempty(REMOVED):
            self._drop(REMOVED)
            return self.add(added_graphs)
        if self._touches_schema(REMOVED):
            self.full()
            return "removed triples include T-box triples"
        if self.store.query("ASK { ?s ?p ?o }", union_default_graph=False):
            self.full()
            return "the default graph is not empty (DRed keeps its candidates there)"
        # Over-delete.
        self._drop(NEW_ALTERNATE)
        self.saturate([REMOVED], Mode.OVERDELETE)
        if self._touches_schema(g.deleted):
            self.full()
            return "over-deleted inferences include T-box triples"
        # All over-deleted triples leave the inferred graph before any is put back
        # (a candidate must not be re-derived from another that is going).
        for _ in self._delta_steps(g.deleted):
            self._update(f"DELETE {{ GRAPH <{g.inferred}> {{ ?s ?p ?o }} }} "
                         f"WHERE {{ GRAPH <{g.delta}> {{ ?s ?p ?o }} }}")
        few = self._few_candidates()
        if few is not None:
            # No named graph may hold the candidates while they are re-derived (they
            # would support themselves): they wait in Python.
            self._drop(g.deleted, REMOVED, g.delta)
            self._next_round()
            self._rederive_each(few)
        else:
            # The candidates wait in the default graph, which ``GRAPH ?g`` never
            # matches, and each rule re-derives them in one update.
            for candidates in (g.deleted, REMOVED):
                self._to_default_graph(candidates)
            self._drop(g.deleted, REMOVED, g.delta)
            self._next_round()
            for rule in self.data_rules:
                if rule.naive and self._head_in_default_graph(rule):
                    self._update(render(rule, Mode.REDERIVE, g, None))
            self._clear_default_graph()
        for graph in added_graphs:
            self._drop_asserted_from_inferred(graph)
        self.saturate([g.new, *added_graphs])
        return None


CLOSURES = ("auto", "memory", "disk")
# Above this many quads in an on-disk store, ``closure="auto"`` computes the closure on
# disk (``Materializer.full_bounded``) instead of on an in-memory copy; 0 (the default
# of the ``reason_disk_quads`` setting) never: the disk path is 15-19x slower (hours at
# 10,000 feed documents), so it is chosen, not fallen into (docs/reasoning.md).
DISK_CLOSURE_QUADS = 0


def _report(m: Materializer, mode: str, started: float, fallback: str | None) -> ReasonReport:
    return ReasonReport(
        engine=ENGINE,
        mode=mode,
        inferred=m.count(m.graphs.inferred) if mode == "full" or fallback else None,
        rounds=m.rounds,
        seconds=time.perf_counter() - started,
        fallback=fallback,
    )


def _on_disk(store: GraphStore) -> bool:
    """An embedded store on disk: every update is a disk transaction, so graph-sized
    work goes through its quads in bounded chunks."""
    return store.capabilities.native_quads and store.capabilities.persistent


def _in_memory_copy(store: GraphStore, skip: str) -> OxigraphStore:
    """Every graph but ``skip`` (the inferred graph, recomputed anyway), quad by quad.

    Not through a serialisation: a parser would give blank nodes new
    identities, and inferences must keep the ontology's own.
    """
    copy = OxigraphStore.in_memory()
    quads, skipped = store.native_quads(), ox.NamedNode(skip)
    graphs = [g for g in quads.named_graphs() if g != skipped] + [ox.DefaultGraph()]
    # One bulk call: a call per graph costs more than the copy at small sizes.
    copy.native_quads().bulk_add(
        itertools.chain.from_iterable(quads.match(None, None, None, g) for g in graphs)
    )
    return copy


_SAME_AS = ox.NamedNode(OWL + "sameAs")
_TBOX_PATTERNS: list[tuple[Any, Any, Any]] = (
    [(None, ox.NamedNode(p), None) for p in SCHEMA_PREDICATES]
    + [(None, TYPE, ox.NamedNode(t)) for t in SCHEMA_TYPES]
)


class _Readable:
    """Whether a rule's data atom can match a quad, given the store's current T-box
    (the test of :class:`_RuleInputs`, on the store itself).

    Used for the first round of :meth:`Materializer.full_bounded`, where every
    other atom is matched against the union (all asserted triples): a derivation
    is found there if any one of its premises is in the delta.  The ``owl:sameAs``
    rules (``eq-rep-s/p/o``) also read triples of any predicate, but their other
    premise is a ``sameAs`` triple, which is readable; so no term set of the
    ``sameAs`` triples is needed here, unlike in :class:`_RuleInputs`.
    """

    def __init__(self, quads: NativeQuads) -> None:
        tbox: set[object] = set()
        for s, p, o in _TBOX_PATTERNS:
            for q in quads.match(s, p, o, None):
                tbox.add(q.subject)
                tbox.add(q.object)
        self.predicates = {t for t in tbox if isinstance(t, ox.NamedNode)} | {_SAME_AS}
        self.classes = tbox

    def __call__(self, q: ox.Quad) -> bool:
        p = q.predicate
        return p in self.predicates or (p == TYPE and q.object in self.classes)


class _RuleInputs:
    """The triples of an on-disk store that the rules can read, copied into memory.

    A rule's data atom matches ``?x p ?y`` or ``?x rdf:type c`` where ``p`` or ``c``
    is bound by its T-box atoms, so it only reads triples whose predicate (or, for
    ``rdf:type``, class) is a term of the T-box; and the triples a rule derives
    have such a predicate or class too, so every asserted triple a derivation could
    repeat is copied as well.  The exceptions are the ``owl:sameAs`` rules
    (``eq-rep-s/p/o`` read and derive triples of any predicate): every triple
    whose subject, predicate or object is in a ``sameAs`` triple is copied too.

    The T-box and the ``sameAs`` terms can grow during the closure (a derived
    T-box or ``sameAs`` triple): :meth:`grow` then copies what they add, and the
    caller closes again, until nothing is added.  Document graphs hold many
    triples no rule reads (NIF offsets and strings, provenance, labels): they
    stay on disk.
    """

    def __init__(self, store: GraphStore, skip: str) -> None:
        self.source = store.native_quads()
        self.skip = ox.NamedNode(skip)
        self.copy = OxigraphStore.in_memory()
        self.predicates: set[ox.NamedNode] = set()
        self.classes: set[object] = set()
        self.nodes: set[object] = set()
        self._bring(self._matches(
            [(None, ox.NamedNode(p), None) for p in SCHEMA_PREDICATES]
            + [(None, TYPE, ox.NamedNode(t)) for t in SCHEMA_TYPES]
        ))
        self.grow()

    def _matches(self, patterns: list[tuple[Any, Any, Any]]) -> Iterator[ox.Quad]:
        skip = self.skip
        for s, p, o in patterns:
            for q in self.source.match(s, p, o, None):
                if q.graph_name != skip:
                    yield q

    def _bring(self, found: Iterable[ox.Quad]) -> None:
        self.copy.native_quads().bulk_add(found)

    def _terms(self, patterns: list[tuple[Any, Any, Any]]) -> set[object]:
        out: set[object] = set()
        work = self.copy.native_quads()
        for s, p, o in patterns:
            for q in work.match(s, p, o, None):
                out.add(q.subject)
                out.add(q.object)
        return out

    def grow(self) -> bool:
        """Copy what the current T-box and ``sameAs`` terms read; True if any was new."""
        grew = False
        while self._grow_once():
            grew = True
        return grew

    def _grow_once(self) -> bool:
        tbox = self._terms(
            [(None, ox.NamedNode(p), None) for p in SCHEMA_PREDICATES]
            + [(None, TYPE, ox.NamedNode(t)) for t in SCHEMA_TYPES]
        )
        predicates = {t for t in tbox if isinstance(t, ox.NamedNode)} | {_SAME_AS}
        predicates -= self.predicates
        classes = tbox - self.classes
        nodes = self._terms([(None, _SAME_AS, None)]) - self.nodes
        if not (predicates or classes or nodes):
            return False
        self.predicates |= predicates
        self.classes |= classes
        self.nodes |= nodes
        patterns: list[tuple[Any, Any, Any]] = [(None, p, None) for p in predicates]
        patterns += [(None, TYPE, c) for c in classes]
        for n in nodes:
            if not isinstance(n, ox.Literal):
                patterns.append((n, None, None))
            if isinstance(n, ox.NamedNode):
                patterns.append((None, n, None))
            patterns.append((None, None, n))
        self._bring(self._matches(patterns))
        return True


def _write_back(store: GraphStore, computed: GraphStore, graph: str) -> tuple[int, int]:
    """Make ``graph`` in ``store`` equal to ``computed``'s, writing only the difference.

    Readers see the old graph until the one transaction that applies the
    difference (``extend`` when nothing is removed, else one SPARQL update
    from two staging graphs); an empty graph is filled by the bulk loader.
    A recomputation usually changes little.  Returns (added, removed).

    Reading the old graph back from disk costs more than everything else
    (each term is looked up by id: 100k on disk, 1.6 s CPU), so it is read
    only when something must go: the new triples are checked for presence
    (0.4 s) and compared with the old graph's count.
    """
    node = ox.NamedNode(graph)
    quads, computed_quads = store.native_quads(), computed.native_quads()

    def new() -> Iterator[ox.Quad]:  # streamed: never the whole graph as Python objects
        return computed_quads.match(None, None, None, node)

    new_count = computed_quads.count(node)
    old_count = quads.count(node)
    if old_count == 0:
        # A first fill: the bulk loader writes sorted files instead of a
        # transaction (100k on disk: 1.1 s CPU against 2.8 s, plus 0.9 s of
        # flushing at close).  Not transactional, but it only adds to an empty
        # graph: readers see part of the closure for a moment, and a crash
        # leaves part of it, which the next run completes.
        quads.bulk_add(new())
        return new_count, 0
    added = [q for q in new() if not quads.contains(q)]
    if old_count == new_count - len(added):  # the old graph is all still there
        quads.add(added)
        return len(added), 0
    removed = [q for q in quads.match(None, None, None, node) if not computed_quads.contains(q)]
    staged_added, staged_removed = ox.NamedNode(WRITE_ADDED), ox.NamedNode(WRITE_REMOVED)
    for staging in (staged_added, staged_removed):
        if quads.has_graph(staging):
            quads.remove_graph(staging)
    quads.add([ox.Quad(q.subject, q.predicate, q.object, staged_added) for q in added])
    quads.add([ox.Quad(q.subject, q.predicate, q.object, staged_removed) for q in removed])
    store.update(
        f"DELETE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} "
        f"WHERE {{ GRAPH <{WRITE_REMOVED}> {{ ?s ?p ?o }} }} ;\n"
        f"INSERT {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} "
        f"WHERE {{ GRAPH <{WRITE_ADDED}> {{ ?s ?p ?o }} }} ;\n"
        f"DROP SILENT GRAPH <{WRITE_ADDED}> ; DROP SILENT GRAPH <{WRITE_REMOVED}>"
    )
    return len(added), len(removed)


def reason_full(store: GraphStore, ns: DataNamespace, whole_store: bool = False,
                closure: str = "auto", disk_quads: int | None = None) -> ReasonReport:
    """Recompute the inferred graph.

    On an on-disk store every rule update is a disk transaction, so the closure
    is computed in memory and written back as one atomic change of the inferred
    graph (see ``_write_back``); readers see the old closure until then.  Only
    the triples the rules can read are copied (see :class:`_RuleInputs`): the
    memory is that of those triples and of the closure, not of the store
    (``whole_store``: copy every graph but the inferred one, as before; for
    comparisons).
    """
    started = time.perf_counter()
    if not _on_disk(store):
        m = Materializer(store, ns)
        m.full()
        return _report(m, "full", started, None)
    if closure not in CLOSURES:
        raise ValueError(f"unknown closure {closure!r} (choose from {', '.join(CLOSURES)})")
    threshold = DISK_CLOSURE_QUADS if disk_quads is None else disk_quads
    if closure == "disk" or (closure == "auto" and not whole_store and threshold > 0
                             and store.native_quads().count() > threshold):
        m = Materializer(store, ns)
        m.full_bounded()
        report = _report(m, "full", started, None)
        report.notes.append("on disk, bounded: chunked semi-naive rounds, no in-memory copy")
        return report
    if whole_store:
        work = _in_memory_copy(store, ns.inferred_graph)
        m = Materializer(work, ns)
        copied = time.perf_counter()
        m.full()
    else:
        inputs = _RuleInputs(store, ns.inferred_graph)
        work = inputs.copy
        copied = time.perf_counter()
        m = Materializer(work, ns)
        while True:  # again only if the closure adds T-box or sameAs terms
            m.full()
            if not inputs.grow():
                break
            m = Materializer(work, ns)
    closed = time.perf_counter()
    added, removed = _write_back(store, work, ns.inferred_graph)
    report = _report(m, "full", started, None)
    report.phases = {"copy to memory": copied - started, "closure": closed - copied,
                     "write-back": time.perf_counter() - closed}
    report.notes.append(f"on disk: {added} inferred triples added, {removed} removed; "
                        f"{work.native_quads().count():,} quads copied or derived in memory")
    return report


def reason_incremental(
    store: GraphStore,
    ns: DataNamespace,
    added: Iterable[str] = (),
    removed: Iterable[ox.Triple] = (),
) -> ReasonReport:
    """Bring the inferred graph up to date after graphs changed.

    ``added``: graphs whose current content is new (added or replaced);
    ``removed``: triples that left the asserted graphs (the old content of a
    replaced or dropped graph; triples still asserted elsewhere are ignored).
    """
    started = time.perf_counter()
    m = Materializer(store, ns)
    removed = list(removed)
    added = [g for g in added if g != ns.inferred_graph]
    if removed:
        fallback = m.remove(removed, added)
    else:
        fallback = m.add(added)
    return _report(m, "incremental", started, fallback)


def _content(store: GraphStore, graph: str) -> list[ox.Triple]:
    rows = store.query(
        "SELECT * { GRAPH ?g { ?s ?p ?o } }",
        substitutions={"g": ox.NamedNode(graph)},
    )
    return [ox.Triple(r["s"], r["p"], r["o"]) for r in rows]


def replace_and_reason(
    store: GraphStore,
    ns: DataNamespace,
    changes: dict[str, Iterable[ox.Triple] | None],
) -> ReasonReport:
    """Replace (or, with ``None``, drop) graphs, then update the inferred graph incrementally."""
    removed: list[ox.Triple] = []
    for graph in changes:
        removed.extend(_content(store, graph))
    replacements = {g: list(t) for g, t in changes.items() if t is not None}
    for graph, content in replacements.items():
        store.replace_graph(graph, content)
    for graph in changes:
        if graph not in replacements:
            store.drop_graph(graph)
    return reason_incremental(store, ns, added=list(replacements), removed=removed)
