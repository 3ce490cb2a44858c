"""Graph-sized writes on a pyoxigraph store, a bounded number of quads per transaction.

A pyoxigraph transaction (a SPARQL update, ``extend``, ``remove_graph``) holds all
its changes in memory until it commits: copying, moving or dropping a graph of a
million quads in one of them took over 1 GB.  These helpers split such writes into
``CHUNK_QUADS``-quad transactions and flush between them.  They are not atomic:
callers use them on scratch graphs, or journal the intent first so that recovery
can finish the work after a crash (see ``conflict_kg.store.journal.recover``).
"""

from __future__ import annotations

import ctypes
import functools
import itertools
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

CHUNK_QUADS = 20_000
# Inserts wait in the write buffers until a flush; flushing after every chunk made a
# 300k-quad copy 1.5x slower than one ``ADD``, every ten chunks as fast (273 MB vs 484 MB).
FLUSH_EVERY_CHUNKS = 10
# Writes of fewer quads than this are not flushed: their buffers are small, and the
# store flushes them in the background.  A flush costs 50 ms or more on disk and
# writes a new file; removing one document from a 1M-quad store flushed 25 times
# (1.3 s of 2.7 s).
SETTLE_MIN_QUADS = 2_000


@functools.cache
def _malloc_trim() -> object | None:
    """glibc's ``malloc_trim``, or None on another C library."""
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None


def settle(raw: ox.Store) -> None:
    """Flush the write buffers and give freed memory back to the system.

    Why the second step: after a transaction commits, the allocator keeps the pages
    it used (a 1 MB document's incremental reasoning stayed at 550 MB resident with
    120 MB in use); the next transaction then grows on top of them.
    """
    raw.flush()
    trim_memory()


def trim_memory() -> None:
    """Give the allocator's free pages back to the system (glibc only; else nothing)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)  # type: ignore[operator]


def quad_chunks(raw: ox.Store, graph: ox.NamedNode) -> Iterator[list[ox.Quad]]:
    """``graph``'s quads, at most ``CHUNK_QUADS`` per list (one read snapshot).

    The caller may write to other graphs between chunks; for a graph of more than
    one chunk the buffers are flushed first so that the snapshot pins no in-memory
    writes (a graph of one chunk is read whole before the caller writes).
    """
    first = list(itertools.islice(raw.quads_for_pattern(None, None, None, graph), CHUNK_QUADS))
    if len(first) < CHUNK_QUADS:
        if first:
            yield first
        return
    raw.flush()
    quads = raw.quads_for_pattern(None, None, None, graph)
    while batch := list(itertools.islice(quads, CHUNK_QUADS)):
        yield batch


def clear_in_chunks(raw: ox.Store, graph: ox.NamedNode) -> None:
    """Empty and drop ``graph``, ``CHUNK_QUADS`` quads per transaction."""
    delete = (f"DELETE {{ GRAPH {graph} {{ ?s ?p ?o }} }} WHERE {{ SELECT ?s ?p ?o "
              f"{{ GRAPH {graph} {{ ?s ?p ?o }} }} LIMIT {CHUNK_QUADS} }}")
    while next(iter(raw.quads_for_pattern(None, None, None, graph)), None) is not None:
        raw.update(delete)
        # Deletions wait in the store's in-memory write buffers (one per index) until
        # they are flushed: without this, 1.5M deletions held ~900 MB; with it, ~170 MB.
        # Only between chunks: the last one's (at most a chunk) are left to the store.
        if next(iter(raw.quads_for_pattern(None, None, None, graph)), None) is not None:
            raw.flush()
    if raw.contains_named_graph(graph):
        raw.remove_graph(graph)


def extend_in_chunks(raw: ox.Store, quads: Iterable[ox.Quad]) -> None:
    """Add ``quads``, ``CHUNK_QUADS`` per transaction."""
    quads = iter(quads)
    written = 0
    for done in itertools.count(1):
        batch = list(itertools.islice(quads, CHUNK_QUADS))
        if not batch:
            break
        raw.extend(batch)
        written += len(batch)
        if done % FLUSH_EVERY_CHUNKS == 0:
            settle(raw)
    if written >= SETTLE_MIN_QUADS:
        settle(raw)


def copy_in_chunks(raw: ox.Store, source: ox.NamedNode, target: ox.NamedNode) -> None:
    """Add what ``source`` holds to ``target`` (SPARQL ``ADD``), ``source`` unchanged.

    Quad objects, not a serialisation: blank nodes keep their identity.
    """
    if source == target:
        return
    extend_in_chunks(raw, (ox.Quad(q.subject, q.predicate, q.object, target)
                           for q in raw.quads_for_pattern(None, None, None, source)))


def move_in_chunks(raw: ox.Store, source: ox.NamedNode, target: ox.NamedNode) -> None:
    """Make ``target`` hold what ``source`` holds, then drop ``source`` (SPARQL ``MOVE``).

    Idempotent: after a crash half-way, running it again finishes the move.
    """
    if source == target:
        return
    clear_in_chunks(raw, target)
    copy_in_chunks(raw, source, target)
    clear_in_chunks(raw, source)
