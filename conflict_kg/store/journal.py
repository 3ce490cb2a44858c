"""The crash journal of graph writes: bulk loads and graph replacements that a
killed process leaves whole or not at all.

pyoxigraph's bulk load is fast but promises no transaction, and deleting or
replacing a large graph in one transaction takes minutes and gigabytes.  So
each such write first lists its graphs in a private journal graph (in a
transaction), writes in bounded steps, and clears the entry at the end; the
next opener calls :func:`recover`, which drops what a dead write left half
done, or finishes a replacement that had reached its commit point.  Stores
other than the embedded one get plain ``replace_graph`` calls (their own
transactions).
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from collections.abc import Iterable, Mapping, Sequence

import pyoxigraph as ox

from conflict_kg.store import chunked
from conflict_kg.store.base import GraphStore
from conflict_kg.store.chunked import clear_in_chunks
from conflict_kg.store.native import pyoxigraph_store

__all__ = ["JOURNAL", "GraphContent", "as_nquads", "drop_graph_journalled", "graph_size",
           "recover", "triples_of", "write_graphs", "write_streamed"]

log = logging.getLogger(__name__)

JOURNAL = ox.NamedNode("urn:conflict-kg:ingest-journal")
_PENDING = ox.NamedNode("urn:conflict-kg:pending-graph")
# (target, _REPLACING, staging): the staging graph is whole and replaces the target.
_REPLACING = ox.NamedNode("urn:conflict-kg:replacing-graph")
_STAGING = "urn:conflict-kg:ingest-staging:"
# pyoxigraph's lenient bulk load skips validating IRIs and language tags (about a sixth
# of the load's CPU), but a document graph holds IRIs from its front matter (its source
# URL): off, every IRI is validated.
LENIENT = False


def _native(store: GraphStore) -> ox.Store | None:
    """The embedded store's pyoxigraph ``Store`` (the journal is the store's own code),
    or None for a store without ``capabilities.native_quads``."""
    return pyoxigraph_store(store.native_quads()) if store.capabilities.native_quads else None


def recover(store: GraphStore) -> list[str]:
    """Finish or undo what a killed run left in the journal; return the graphs dropped.

    New graphs are bulk-loaded (pyoxigraph's fast path, which ingests one batch of
    sorted files at once but does not promise a transaction).  Before each batch the
    graphs it will create are listed in a private journal graph (in a transaction),
    and the entry is removed once the batch is in.  An entry still there means the
    run died during that batch: its graphs did not exist before, so dropping them
    restores "as it was", and the next run writes them again.

    A document longer than one section that replaces an earlier version is loaded
    into a staging graph first (pending, so dropped if the run dies then); once it is
    whole, one transaction records that it replaces the target, and the target is
    then emptied and refilled from it.  An entry of that kind still there is finished
    (roll forward): the graph ends as the new version, never as a mix.
    """
    raw = _native(store)
    if raw is None:
        return []
    pending = [q.object.value for q in raw.quads_for_pattern(None, _PENDING, None, JOURNAL)
               if isinstance(q.object, ox.NamedNode)]
    replacing = [(q.subject, q.object)
                 for q in raw.quads_for_pattern(None, _REPLACING, None, JOURNAL)
                 if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode)]
    for graph in pending:
        clear_in_chunks(raw, ox.NamedNode(graph))
    for target, staging in replacing:
        _move_in_chunks(raw, staging, target)
    if pending or replacing:
        raw.remove_graph(JOURNAL)
        log.warning("recovered from an interrupted ingest: dropped %d partial graphs, "
                    "finished replacing %d", len(pending), len(replacing))
    return pending


def drop_graph_journalled(store: GraphStore, graph: str) -> bool:
    """Drop ``graph`` in bounded transactions; return whether it existed.

    Deleting is the slow part of a store write: pyoxigraph deletes a graph of 1.5M quads
    in one transaction of minutes and gigabytes.  The graph is listed as pending in the
    journal first, so a crash half-way leaves an entry that :func:`recover` finishes:
    the graph ends deleted, never half there.
    """
    raw = _native(store)
    if raw is None:
        return store.drop_graph(graph)
    target = ox.NamedNode(graph)
    if not raw.contains_named_graph(target):
        return False
    entry = ox.Quad(JOURNAL, _PENDING, target, JOURNAL)
    raw.extend([entry])
    clear_in_chunks(raw, target)
    raw.remove(entry)
    if next(iter(raw.quads_for_pattern(None, None, None, JOURNAL)), None) is None:
        raw.remove_graph(JOURNAL)
    return True


def _move_in_chunks(raw: ox.Store, source: ox.NamedNode, target: ox.NamedNode) -> None:
    """Make ``target`` hold what ``source`` holds, then drop ``source``; idempotent."""
    clear_in_chunks(raw, target)
    batch: list[ox.Triple] = []
    for quad in raw.quads_for_pattern(None, None, None, source):
        batch.append(quad.triple)
        if len(batch) >= chunked.CHUNK_QUADS:
            raw.bulk_load(as_nquads({target.value: batch}), ox.RdfFormat.N_QUADS)
            batch = []
    if batch:
        raw.bulk_load(as_nquads({target.value: batch}), ox.RdfFormat.N_QUADS)
    raw.flush()
    clear_in_chunks(raw, source)


def graph_size(store: GraphStore, graph: str) -> int:
    raw = _native(store)
    if raw is not None:  # counted in Rust, not quad by quad in Python
        rows = raw.query(f"SELECT (COUNT(*) AS ?n) {{ GRAPH {ox.NamedNode(graph)} "
                         "{ ?s ?p ?o } }")
        assert isinstance(rows, ox.QuerySolutions)
        return int(next(rows)["n"].value)
    return store.count(graph)


def write_streamed(store: GraphStore, graph: str, parts: Iterable[bytes],
                   existing: set[str]) -> None:
    """Write one document graph whose N-Triples come in parts, all or nothing.

    With the embedded store each part is bulk-loaded as it comes, under the journal
    (see :func:`recover`): into the graph itself when it is new, else into a staging
    graph that then replaces it.  Memory holds one part at a time.  Other stores get
    the parts spooled to a temporary file and one ``replace_graph``.  If producing a
    part fails, what was written is removed and the error raised.
    """
    raw = _native(store)
    if raw is None:
        with tempfile.TemporaryFile() as spool:
            for part in parts:
                spool.write(part)
            spool.seek(0)
            store.replace_graph(graph, (q.triple for q in
                                        ox.parse(spool, ox.RdfFormat.N_TRIPLES)))
        existing.add(graph)
        return
    target = ox.NamedNode(graph)
    new = graph not in existing
    into = target if new else ox.NamedNode(
        _STAGING + hashlib.sha1(graph.encode()).hexdigest())
    if not new:
        clear_in_chunks(raw, into)  # a leftover of an earlier run
    entry = ox.Quad(JOURNAL, _PENDING, into, JOURNAL)
    raw.extend([entry])  # a transaction: the intent is durable before any data
    try:
        for part in parts:
            # N-Triples into the graph: no N-Quads copy of the part (a 5 MB document's
            # sections are tens of MB of text each)
            raw.bulk_load(part, ox.RdfFormat.N_TRIPLES, to_graph=into, lenient=LENIENT)
            del part
            chunked.trim_memory()  # each section's analyses are freed: keep the pages small
        raw.flush()
    except BaseException:
        clear_in_chunks(raw, into)
        raw.remove_graph(JOURNAL)  # no other entry: batches are settled before this write
        raise
    if not new:
        # The commit point: from here on, recovery finishes the replacement.
        raw.update(f"DELETE DATA {{ GRAPH {JOURNAL} {{ {JOURNAL} {_PENDING} {into} }} }} ; "
                   f"INSERT DATA {{ GRAPH {JOURNAL} {{ {target} {_REPLACING} {into} }} }}")
        _move_in_chunks(raw, into, target)
    raw.remove_graph(JOURNAL)
    existing.add(graph)


GraphContent = bytes | Sequence[ox.Triple]  # N-Triples, or triples


def ntriples_of(content: GraphContent) -> bytes:
    if isinstance(content, bytes):
        return content
    return ox.serialize(content, format=ox.RdfFormat.N_TRIPLES) or b""


def triples_of(content: GraphContent) -> list[ox.Triple]:
    if isinstance(content, bytes):
        return [q.triple for q in ox.parse(content, ox.RdfFormat.N_TRIPLES)]
    return list(content)


def as_nquads(contents: Mapping[str, GraphContent]) -> bytes:
    """N-Quads of several graphs, serialised in Rust (no Python object per quad).

    N-Triples escapes line breaks inside literals, so every raw " .\n" ends a line
    and can take the graph name in front of it.
    """
    return b"".join(ntriples_of(content).replace(b" .\n", b" <" + graph.encode() + b"> .\n")
                    for graph, content in contents.items())


def write_graphs(store: GraphStore, contents: Mapping[str, GraphContent],
                 existing: set[str]) -> None:
    """Write document graphs: new ones bulk-loaded under a journal, changed ones atomically."""
    new = {g: t for g, t in contents.items() if g not in existing}
    changed = {g: t for g, t in contents.items() if g in existing}
    raw = _native(store)
    if new and raw is not None:
        journal = [ox.Quad(JOURNAL, _PENDING, ox.NamedNode(g), JOURNAL) for g in new]
        raw.extend(journal)  # a transaction: the intent is durable before any data
        raw.bulk_load(as_nquads(new), ox.RdfFormat.N_QUADS, lenient=LENIENT)
        raw.flush()
        raw.remove_graph(JOURNAL)
        existing.update(new)
    else:
        changed.update(new)
    if not changed:
        return
    store.replace_graphs({graph: triples_of(content) for graph, content in changed.items()})
