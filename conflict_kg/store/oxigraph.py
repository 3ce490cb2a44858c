"""Embedded pyoxigraph backend (the default)."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from conflict_kg.store import chunked, serving
from conflict_kg.store.base import STAGING_PREFIX, StoreCapabilities, StoreError, StoreLockedError
from conflict_kg.store.inline_terms import inline_terms
from conflict_kg.store.native import NativeQuads
from conflict_kg.store.rdf_input import read_rdf_file
from conflict_kg.store.set_union import distinct_solutions, group_alone
from conflict_kg.store.sparql_text import bind_substitutions

__all__ = ["STAGING_PREFIX", "OxigraphStore", "read_rdf_file"]

_LOCKED_HINT = (
    "the store at {path} is held by another process (is `conflict-kg serve` running?). "
    "Stop it, or send documents to it with `conflict-kg ingest --server URL`."
)


def _locked_hint(path: Path) -> str:
    server = serving.serving(path)
    if server is None:
        return _LOCKED_HINT.format(path=path)
    return (f"the store at {path} is served by `conflict-kg serve` at {server.url} "
            f"(pid {server.pid}): stats, query and export read it through the server by "
            f"themselves (as `conflict-kg --store {server.sparql} stats` does); send "
            f"documents with `conflict-kg ingest --server {server.url}`, or stop it.")


def _staging_graph(target: str) -> ox.NamedNode:
    # Staging graphs are written in one transaction and moved over their
    # target in another, so a crash never leaves a target half written.
    return ox.NamedNode(STAGING_PREFIX + hashlib.sha1(target.encode()).hexdigest())


def _check_iri(iri: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError as exc:
        raise StoreError(f"not a valid IRI: {iri!r} ({exc})") from exc


def _values_first(sparql: str, substitutions: Mapping[str, Any]) -> str | None:
    """The query with its bindings as a VALUES block first in its WHERE group, or None.

    pyoxigraph's own substitutions are the default: measured on the demo corpus
    syndicated 10-100 times (benchmarks/page_queries.py, docs/benchmarks.md) they
    are as fast as VALUES or faster for every page and named query, and VALUES
    inside the set-semantics subquery (set_union) is 10-1000x slower (pyoxigraph
    joins the block after evaluating the group).  But pyoxigraph substitutes
    projected variables only; a query that binds one it does not project gets
    the VALUES block, as on the remote store.  Blank nodes cannot go in VALUES.
    """
    if any(not isinstance(v, (ox.NamedNode, ox.Literal)) for v in substitutions.values()):
        return None
    try:
        return bind_substitutions(sparql, substitutions)
    except StoreError:
        return None


def _out_of_scope(sparql: str, substitutions: Mapping[str, Any]) -> dict[str, Any]:
    names = _names_out_of_scope(sparql, frozenset(substitutions))
    return {k: v for k, v in substitutions.items() if k in names}


@functools.lru_cache(maxsize=1024)
def _names_out_of_scope(sparql: str, names: frozenset[str]) -> frozenset[str]:
    """The substitutions the set-semantics subquery would not see.

    ``SELECT DISTINCT *`` projects the variables in scope in the WHERE group; one
    that only a FILTER reads (``?from`` in ``FILTER(?d >= ?from)``) is not, so
    pyoxigraph would not pass its value in.  Told by preparing the group alone on
    an empty store (nothing is evaluated: results are lazy).
    """
    text = group_alone(sparql)
    if text is None:
        return frozenset()
    probe, outside, any_value = ox.Store(), set(), ox.NamedNode("urn:conflict-kg:probe")
    for name in names:
        try:
            probe.query(text, substitutions={ox.Variable(name): any_value})
        except RuntimeError as exc:
            if _unprojected(exc):
                outside.add(name)
        except SyntaxError:
            return frozenset()  # the real query reports it
    return frozenset(outside)


def _unprojected(exc: RuntimeError) -> bool:
    # pyoxigraph 0.5: "The SPARQL query does not contains variable ?x in its SELECT projection"
    return "projection" in str(exc)


class OxigraphStore:
    """A :class:`~conflict_kg.store.base.GraphStore` over pyoxigraph.

    >>> store = OxigraphStore.in_memory()
    >>> t = ox.Triple(ox.NamedNode("http://ex/a"), ox.NamedNode("http://ex/p"), ox.Literal("x"))
    >>> store.replace_graph("http://ex/g", [t])
    >>> store.count("http://ex/g"), store.graphs()
    (1, ['http://ex/g'])
    >>> [str(row["o"]) for row in store.query("SELECT ?o { ?s ?p ?o }")]
    ['"x"']
    """

    def __init__(self, store: ox.Store, location: str) -> None:
        self._store = store
        self.location = location
        # Exclusive: pyoxigraph locks a directory for one process, and memory is private.
        self.capabilities = StoreCapabilities(
            native_quads=True,
            persistent=location != ":memory:",
            exclusive=True,
            variable_predicate_joins=True,
        )

    @classmethod
    def in_memory(cls) -> OxigraphStore:
        return cls(ox.Store(), ":memory:")

    @classmethod
    def open(cls, path: str | Path) -> OxigraphStore:
        path = Path(path)
        try:
            path.mkdir(parents=True, exist_ok=True)
            store = ox.Store(str(path))
        except OSError as exc:
            if "LOCK" in str(exc) or "lock" in str(exc):
                raise StoreLockedError(_locked_hint(path)) from exc
            raise StoreError(f"cannot open store at {path}: {exc}") from exc
        opened = cls(store, str(path))
        opened._discard_stale_staging()
        return opened

    @property
    def raw(self) -> ox.Store:
        """The underlying pyoxigraph store, for this package and tests only: code
        elsewhere uses :meth:`native_quads` (tests/architecture/test_store_access.py)."""
        return self._store

    def native_quads(self) -> NativeQuads:
        return NativeQuads(self._store)

    def _discard_stale_staging(self) -> None:
        for graph in list(self._store.named_graphs()):
            if isinstance(graph, ox.NamedNode) and graph.value.startswith(STAGING_PREFIX):
                chunked.clear_in_chunks(self._store, graph)

    def query(
        self,
        sparql: str,
        *,
        substitutions: Mapping[str, Any] | None = None,
        union_default_graph: bool = True,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> Any:
        kwargs: dict[str, Any] = {}
        as_set = default_graph is None and union_default_graph or (
            default_graph is not None and len(default_graph) > 1)
        if default_graph is not None:
            kwargs["default_graph"] = [_check_iri(g) for g in default_graph]
        elif union_default_graph:
            kwargs["use_default_graph_as_union"] = True
        if named_graphs is not None:
            kwargs["named_graphs"] = [_check_iri(g) for g in named_graphs]
        if substitutions:
            inlined = inline_terms(sparql, substitutions, as_set=as_set)
            if inlined is not None:
                try:  # the terms in the pattern: planned from them (inline_terms)
                    return self._store.query(inlined, **kwargs)
                except SyntaxError:
                    pass  # e.g. a literal where only an IRI may stand: substituted below
        if as_set and substitutions:
            outside = _out_of_scope(sparql, substitutions)
            bound = _values_first(sparql, outside) if outside else None
            if bound is not None:  # bound inside the subquery, the rest substituted
                sparql = bound
                substitutions = {k: v for k, v in substitutions.items() if k not in outside}
        text = distinct_solutions(sparql) if as_set else sparql  # a merge of graphs is a set
        if not substitutions:
            return self._store.query(text, **kwargs)
        try:
            return self._store.query(text, substitutions={
                ox.Variable(k): v for k, v in substitutions.items()}, **kwargs)
        except RuntimeError as exc:
            bound = _values_first(sparql, substitutions) if _unprojected(exc) else None
            if bound is None:
                raise
            # Bound first, then made a set: the block stays inside the subquery.
            return self._store.query(distinct_solutions(bound) if as_set else bound, **kwargs)

    def update(self, sparql: str) -> None:
        self._store.update(sparql)

    def replace_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        self.replace_graphs({graph: triples})

    def replace_graphs(self, contents: Mapping[str, Iterable[ox.Triple]]) -> None:
        """Replace several graphs in what readers see as one step."""
        targets = {name: _check_iri(name) for name in contents}
        staged: list[ox.Quad] = []
        for name, triples in contents.items():
            staging = _staging_graph(name)
            if self._store.contains_named_graph(staging):
                self._store.remove_graph(staging)
            staged.extend(ox.Quad(t.subject, t.predicate, t.object, staging) for t in triples)
        self._store.extend(staged)
        # MOVE replaces the target (dropping it first) and removes the source;
        # all MOVEs in one request run in one transaction.
        moves = " ; ".join(
            f"MOVE SILENT GRAPH {_staging_graph(name)} TO {target}"
            for name, target in targets.items()
        )
        self._store.update(moves)

    def add_to_graph(self, graph: str, triples: Iterable[ox.Triple], *,
                     atomic: bool = True) -> None:
        target = _check_iri(graph)
        quads = (ox.Quad(t.subject, t.predicate, t.object, target) for t in triples)
        if atomic or not self._on_disk:
            self._store.extend(quads)
        else:
            chunked.extend_in_chunks(self._store, quads)

    def drop_graph(self, graph: str, *, atomic: bool = True) -> bool:
        target = _check_iri(graph)
        if not self._store.contains_named_graph(target):
            return False
        if atomic or not self._on_disk:
            self._store.remove_graph(target)
        else:
            chunked.clear_in_chunks(self._store, target)
        return True

    # In memory, one SPARQL operation is faster and costs no more than chunks; on disk,
    # a transaction's write buffers grew past 1 GB for a 1 MB document's graph.
    def copy_graph(self, source: str, target: str) -> None:
        src, dst = _check_iri(source), _check_iri(target)
        if self._on_disk:
            chunked.copy_in_chunks(self._store, src, dst)
        else:
            self._store.update(f"ADD SILENT GRAPH {src} TO {dst}")

    def move_graph(self, source: str, target: str) -> None:
        src, dst = _check_iri(source), _check_iri(target)
        if self._on_disk:
            chunked.move_in_chunks(self._store, src, dst)
        else:
            self._store.update(f"DROP SILENT GRAPH {dst} ; MOVE SILENT GRAPH {src} TO {dst}")

    @property
    def _on_disk(self) -> bool:
        return self.capabilities.persistent

    def graphs(self) -> list[str]:
        return sorted(
            g.value
            for g in self._store.named_graphs()
            if isinstance(g, ox.NamedNode) and not g.value.startswith(STAGING_PREFIX)
        )

    def count(self, graph: str | None = None) -> int:
        if graph is None:
            return len(self._store)
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, _check_iri(graph)))

    def dump(self, output: IO[bytes], fmt: ox.RdfFormat, graph: str | None = None) -> None:
        if graph is None:
            if not fmt.supports_datasets:
                raise StoreError(f"{fmt.name} holds one graph; name a graph or use N-Quads/TriG")
            self._store.dump(output, fmt)
        else:
            self._store.dump(output, fmt, from_graph=_check_iri(graph))

    def load_file(self, path: Path, graph: str, fmt: ox.RdfFormat | None = None, *,
                  keep_graphs: bool = False) -> int:
        by_graph = read_rdf_file(path, graph, fmt, keep_graphs=keep_graphs)
        self.replace_graphs(by_graph)
        return sum(len(triples) for triples in by_graph.values())

    def close(self) -> None:
        self._store.flush()


def open_store(location: str) -> OxigraphStore:
    """Open the store named by the ``store`` setting (a directory, or ':memory:')."""
    if location == ":memory:":
        return OxigraphStore.in_memory()
    return OxigraphStore.open(location)
