"""Quad-level access to the embedded store: the one door to pyoxigraph's own ``Store``.

Some work is much cheaper on the quads themselves than through SPARQL: the
reasoner's chunked rounds and its Python rules, the SHACL layer's index scans,
the crash journal's bulk loads, and benchmarks that fill a store.  A store whose
``capabilities.native_quads`` is true gives a :class:`NativeQuads` from
``store.native_quads()``; code outside ``conflict_kg/store`` uses only this, never
the pyoxigraph store behind it (``tests/architecture/test_store_access.py``).

Nothing here is a transaction unless it says so: the bulk operations are
pyoxigraph's loader, fast but not atomic (see ``chunked`` and ``journal``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox

from conflict_kg.store import chunked

__all__ = ["NativeQuads", "pyoxigraph_store"]

Subject = ox.NamedNode | ox.BlankNode | ox.Triple
GraphName = ox.NamedNode | ox.BlankNode | ox.DefaultGraph


class NativeQuads:
    """The quads of one embedded store, read and written directly."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store

    # -- reading ------------------------------------------------------------
    def match(self, subject: Subject | None = None, predicate: ox.NamedNode | None = None,
              object: Any = None, graph: GraphName | None = None) -> Iterator[ox.Quad]:
        """The quads matching a pattern (``None`` matches anything; an index scan)."""
        return self._store.quads_for_pattern(subject, predicate, object, graph)

    def contains(self, quad: ox.Quad) -> bool:
        return quad in self._store

    def named_graphs(self) -> list[ox.NamedNode | ox.BlankNode]:
        """Every named graph, staging graphs included."""
        return list(self._store.named_graphs())

    def has_graph(self, graph: ox.NamedNode | ox.BlankNode) -> bool:
        return self._store.contains_named_graph(graph)

    def chunks(self, graph: ox.NamedNode) -> Iterator[list[ox.Quad]]:
        """``graph``'s quads a bounded list at a time (see :func:`chunked.quad_chunks`)."""
        return chunked.quad_chunks(self._store, graph)

    def count(self, graph: ox.NamedNode | None = None) -> int:
        """Quads in the store, or in one graph: counted in Rust, not quad by quad."""
        if graph is None:
            return len(self._store)
        rows = self._store.query(f"SELECT (COUNT(*) AS ?n) {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
        assert isinstance(rows, ox.QuerySolutions)
        return int(next(rows)["n"].value)

    def query_engine(self, sparql: str, **options: Any) -> Any:
        """pyoxigraph's own ``Store.query``, without the store's set semantics or
        substitution fallback: only for measuring the engine itself (benchmarks)."""
        return self._store.query(sparql, **options)

    # -- writing ------------------------------------------------------------
    def add(self, quads: Iterable[ox.Quad]) -> None:
        """Add ``quads`` in one transaction."""
        self._store.extend(quads)

    def bulk_add(self, quads: Iterable[ox.Quad]) -> None:
        """Add ``quads`` with the bulk loader: fast, not a transaction."""
        self._store.bulk_extend(quads)

    def load_nquads(self, data: bytes) -> None:
        """Bulk-load N-Quads (not a transaction)."""
        self._store.bulk_load(data, ox.RdfFormat.N_QUADS)

    def load_ntriples(self, data: bytes, graph: ox.NamedNode) -> None:
        """Bulk-load N-Triples into ``graph`` (not a transaction)."""
        self._store.bulk_load(data, ox.RdfFormat.N_TRIPLES, to_graph=graph)

    def remove(self, quad: ox.Quad) -> None:
        self._store.remove(quad)

    def remove_graph(self, graph: ox.NamedNode | ox.BlankNode) -> None:
        """Remove a named graph in one transaction."""
        self._store.remove_graph(graph)

    def clear_graph(self, graph: ox.NamedNode) -> None:
        """Empty and drop ``graph`` in bounded transactions (:func:`chunked.clear_in_chunks`)."""
        chunked.clear_in_chunks(self._store, graph)

    def flush(self) -> None:
        """Write the buffers out."""
        self._store.flush()

    def settle(self) -> None:
        """Flush, and give freed memory back to the system (:func:`chunked.settle`)."""
        chunked.settle(self._store)


def pyoxigraph_store(quads: NativeQuads) -> ox.Store:
    """The pyoxigraph ``Store`` behind ``quads``: for the store package's own modules
    (the crash journal drives :mod:`chunked` with it), never for callers outside it."""
    return quads._store
