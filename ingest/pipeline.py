"""``run(paths, store)``: read, extract and write each document into its own graph.

Extraction is pure and may run in worker processes; writing stays in this
process.  Each batch of document graphs is written in one store transaction
(new graphs directly, changed graphs through staging graphs moved over their
targets), so a crash leaves every graph as it was or fully replaced, and the
next run skips what was already written (same content hash).
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import hashlib
import logging
import multiprocessing
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from conflict_kg.bundled import ensure_bundled
from conflict_kg.ingest.extract import (
    PIPELINE_VERSION,
    SECTION_CHARS,
    Extraction,
    content_hash,
    count_classes,
    extract,
    extract_sections,
)
from conflict_kg.ingest.kb import KnowledgeBase
from conflict_kg.ingest.sources import DocumentError, SourceDocument, discover, read_documents
from conflict_kg.namespaces import ONTOLOGY, RDF, XSD, DataNamespace
from conflict_kg.store import chunked
from conflict_kg.store.base import GraphStore
from conflict_kg.store.chunked import clear_in_chunks

log = logging.getLogger(__name__)
A = ox.NamedNode(RDF + "type")

BATCH_DOCUMENTS = 256
_STORED_HASHES = """
SELECT ?g ?h ?p WHERE { GRAPH ?g { ?d ?p ?h } }
"""

# on_document(origin, status): status is "extracted" (extraction done, not yet written),
# then "ingested"; or "unchanged"; or "error".
Progress = Callable[[str, str], None]


ENTITIES_PER_DOCUMENT_LABEL = ("entities mentioned (distinct within each document, summed "
                               "over documents), by class")


@dataclass
class IngestReport:
    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    triples: int = 0
    # Entities mentioned, by class: each document counts the distinct entities it
    # mentions (under one class each), and these counts are summed over documents, so
    # an entity mentioned in three documents counts three times.  Not the number of
    # distinct resources in the store (that is `conflict-kg stats`).
    entities_per_document: Counter[str] = field(default_factory=Counter)
    events: int = 0
    claims: int = 0
    # Where the time went.  extract_seconds sums each document's extraction time in the
    # process that extracted it (so documents / extract_seconds is the rate of one worker);
    # write_seconds is the time spent loading graphs into the store.
    extract_seconds: float = 0.0
    write_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        first = (
            f"{len(self.ingested)} ingested, {len(self.unchanged)} unchanged, "
            f"{len(self.errors)} failed, {self.triples} triples written"
        )
        if not self.ingested:
            return first
        entity_classes = dict(self.entities_per_document)
        lines = [first, f"{self.events} events, {self.claims} claims, "
                        f"{len(self.warnings)} warnings"]
        if entity_classes:
            lines.append(f"{ENTITIES_PER_DOCUMENT_LABEL}: " + ", ".join(
                f"{c} {n}" for c, n in sorted(entity_classes.items(), key=lambda x: (-x[1], x[0]))
            ))
        lines += [f"warning: {w}" for w in self.warnings[:20]]
        if len(self.warnings) > 20:
            lines.append(f"… and {len(self.warnings) - 20} more warnings")
        return "\n".join(lines)



def _stored_hashes(store: GraphStore, ns: DataNamespace) -> dict[str, str]:
    rows = store.query(
        _STORED_HASHES,
        substitutions={"p": ox.NamedNode(ONTOLOGY + "contentHash")},
        union_default_graph=False,
    )
    prefix = ns.graph("document")
    return {r["g"].value: r["h"].value for r in rows if r["g"].value.startswith(prefix)}


# --- worker processes ---------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(kb: KnowledgeBase, ns: DataNamespace) -> None:
    _WORKER["kb"], _WORKER["ns"] = kb, ns


def _extract_safely(doc: SourceDocument, kb: KnowledgeBase,
                    ns: DataNamespace) -> Extraction | DocumentError:
    """A rule that trips on an unexpected text fails that document, not the batch."""
    started = time.perf_counter()
    try:
        result = extract(doc, kb, ns)
        return replace(result, seconds=time.perf_counter() - started)
    except Exception as exc:  # noqa: BLE001 - reported as the document's error
        log.exception("extraction failed for %s", doc.origin)
        return DocumentError(doc.origin, f"extraction failed ({type(exc).__name__}: {exc})")


def _extract_in_worker(doc: SourceDocument) -> Extraction | DocumentError:
    result = _extract_safely(doc, _WORKER["kb"], _WORKER["ns"])
    return result.compact() if isinstance(result, Extraction) else result


def extractions(docs: Iterable[SourceDocument], kb: KnowledgeBase, ns: DataNamespace,
                workers: int = 1) -> Iterator[Extraction | DocumentError]:
    """Extractions in input order (so writes, and the graph, do not depend on timing).

    With several workers the results come back compact (N-Triples bytes).
    """
    if workers <= 1:
        for doc in docs:
            yield _extract_safely(doc, kb, ns)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(kb, ns)) as pool:
        yield from pool.imap(_extract_in_worker, docs, chunksize=4)


# --- writing ------------------------------------------------------------------------

def _run_triples(ns: DataNamespace, started: dt.datetime, document: str) -> bytes:
    """Provenance of this ingest (N-Triples): the run that produced the graph, and when."""
    stamp = started.strftime("%Y%m%dT%H%M%S%fZ")
    run = ox.NamedNode(ns.resource("ingest-run", stamp))
    return ox.serialize([
        ox.Triple(ox.NamedNode(document), ox.NamedNode(ONTOLOGY + "ingestedBy"), run),
        ox.Triple(run, A, ox.NamedNode(ONTOLOGY + "IngestRun")),
        ox.Triple(run, ox.NamedNode(ONTOLOGY + "startedAt"),
                  ox.Literal(started.isoformat().replace("+00:00", "Z"),
                             datatype=ox.NamedNode(XSD + "dateTime"))),
        ox.Triple(run, ox.NamedNode(ONTOLOGY + "pipelineVersion"), ox.Literal(PIPELINE_VERSION)),
    ], format=ox.RdfFormat.N_TRIPLES) or b""


JOURNAL = ox.NamedNode("urn:conflict-kg:ingest-journal")
_PENDING = ox.NamedNode("urn:conflict-kg:pending-graph")
# (target, _REPLACING, staging): the staging graph is whole and replaces the target.
_REPLACING = ox.NamedNode("urn:conflict-kg:replacing-graph")
_STAGING = "urn:conflict-kg:ingest-staging:"
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
    raw = getattr(store, "raw", None)
    if not isinstance(raw, ox.Store):
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
    raw = getattr(store, "raw", None)
    if not isinstance(raw, ox.Store):
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
            raw.bulk_load(_as_nquads({target.value: batch}), ox.RdfFormat.N_QUADS)
            batch = []
    if batch:
        raw.bulk_load(_as_nquads({target.value: batch}), ox.RdfFormat.N_QUADS)
    raw.flush()
    clear_in_chunks(raw, source)


def _graph_size(store: GraphStore, graph: str) -> int:
    raw = getattr(store, "raw", None)
    if isinstance(raw, ox.Store):  # counted in Rust, not quad by quad in Python
        rows = raw.query(f"SELECT (COUNT(*) AS ?n) {{ GRAPH {ox.NamedNode(graph)} "
                         "{ ?s ?p ?o } }")
        assert isinstance(rows, ox.QuerySolutions)
        return int(next(rows)["n"].value)
    return store.count(graph)


class _ExtractionFailed(Exception):
    """A rule failed on a section of a document written as it is read."""


def write_streamed(store: GraphStore, graph: str, parts: Iterable[bytes],
                   existing: set[str]) -> None:
    """Write one document graph whose N-Triples come in parts, all or nothing.

    With the embedded store each part is bulk-loaded as it comes, under the journal
    (see :func:`recover`): into the graph itself when it is new, else into a staging
    graph that then replaces it.  Memory holds one part at a time.  Other stores get
    the parts spooled to a temporary file and one ``replace_graph``.  If producing a
    part fails, what was written is removed and the error raised.
    """
    raw = getattr(store, "raw", None)
    if not isinstance(raw, ox.Store):
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
            raw.bulk_load(part, ox.RdfFormat.N_TRIPLES, to_graph=into)
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


def _ntriples(content: GraphContent) -> bytes:
    if isinstance(content, bytes):
        return content
    return ox.serialize(content, format=ox.RdfFormat.N_TRIPLES) or b""


def _triples(content: GraphContent) -> list[ox.Triple]:
    if isinstance(content, bytes):
        return [q.triple for q in ox.parse(content, ox.RdfFormat.N_TRIPLES)]
    return list(content)


def _as_nquads(contents: Mapping[str, GraphContent]) -> bytes:
    """N-Quads of several graphs, serialised in Rust (no Python object per quad).

    N-Triples escapes line breaks inside literals, so every raw " .\n" ends a line
    and can take the graph name in front of it.
    """
    return b"".join(_ntriples(content).replace(b" .\n", b" <" + graph.encode() + b"> .\n")
                    for graph, content in contents.items())


def write_graphs(store: GraphStore, contents: Mapping[str, GraphContent],
                 existing: set[str]) -> None:
    """Write document graphs: new ones bulk-loaded under a journal, changed ones atomically."""
    new = {g: t for g, t in contents.items() if g not in existing}
    changed = {g: t for g, t in contents.items() if g in existing}
    raw = getattr(store, "raw", None)
    if new and isinstance(raw, ox.Store):
        journal = [ox.Quad(JOURNAL, _PENDING, ox.NamedNode(g), JOURNAL) for g in new]
        raw.extend(journal)  # a transaction: the intent is durable before any data
        raw.bulk_load(_as_nquads(new), ox.RdfFormat.N_QUADS)
        raw.flush()
        raw.remove_graph(JOURNAL)
        existing.update(new)
    else:
        changed.update(new)
    if not changed:
        return
    replace_many = getattr(store, "replace_graphs", None)
    if callable(replace_many):
        replace_many({graph: _triples(content) for graph, content in changed.items()})
    else:
        for graph, content in changed.items():
            store.replace_graph(graph, _triples(content))


def run(
    paths: Sequence[Path],
    store: GraphStore,
    ns: DataNamespace,
    *,
    max_bytes: int = 5_000_000,
    defaults: dict[str, Any] | None = None,
    on_document: Progress | None = None,
    workers: int = 1,
    batch_size: int = BATCH_DOCUMENTS,
    strict: bool = False,
    section_chars: int = SECTION_CHARS,
) -> IngestReport:
    """Ingest files and folders; a bad document is reported and skipped, never half written.

    ``strict``: a document whose graph would add an error-severity finding (see
    ``conflict-kg check``) is refused and the store left as it was; kept
    documents are reasoned over as they go, so the inferred graph stays current.

    A document longer than ``section_chars`` characters is read in sections (see
    ``ingest.extract.SECTION_CHARS``) in this process, and written section by section
    as it is read (:func:`write_streamed`): its memory does not grow with its length.
    """
    if ensure_bundled(store, ns) and isinstance(getattr(store, "raw", None), ox.Store):
        # Loading the bundled graphs leaves ~200 MB of freed pages and write buffers
        # behind; give them back before the knowledge base and the documents.
        chunked.settle(store.raw)  # type: ignore[attr-defined]
    recover(store)
    kb = KnowledgeBase.from_store(store, [ns.ontology_graph, ns.reference_graph])
    started = dt.datetime.now(dt.UTC)
    report = IngestReport()
    stored = _stored_hashes(store, ns)
    existing = set(store.graphs())
    seen: set[str] = set()

    def todo() -> Iterator[SourceDocument]:
        for path in discover(list(paths)):
            for item in read_documents(path, max_bytes=max_bytes, defaults=defaults):
                if isinstance(item, DocumentError):
                    report.errors.append(str(item))
                    log.debug("rejected %s", item)
                    if on_document:
                        on_document(item.source, "error")
                    continue
                graph = ns.document_graph(item.doc_id)
                if graph in seen:
                    report.errors.append(f"{item.origin}: document id {item.doc_id!r} "
                                         "appears twice in this batch; the first one was kept")
                    continue
                seen.add(graph)
                if stored.get(graph) == content_hash(item):
                    report.unchanged.append(ns.resource("document", item.doc_id))
                    if on_document:
                        on_document(item.origin, "unchanged")
                    continue
                yield item

    batch: dict[str, bytes] = {}
    origins: list[tuple[str, Extraction]] = []

    if strict:
        from conflict_kg.reasoning import reason

        reason(store, ns)  # the strict comparison needs a current inferred graph

    def refuse_inconsistent() -> None:
        from conflict_kg.checks.strict import apply_if_consistent

        for origin, result in list(origins):
            graph = result.graph_iri
            kept, errors = apply_if_consistent(store, ns, {graph: _triples(batch[graph])})
            if not kept:
                first = errors[0]
                report.errors.append(
                    f"{origin}: refused by --strict: {len(errors)} error finding(s), first: "
                    f"{first.check}: {first.resource}: {first.message}"
                )
                if on_document:
                    on_document(origin, "error")
                origins.remove((origin, result))
                del batch[graph]

    def account(contents: Mapping[str, bytes], written: list[tuple[str, Extraction]],
                triples: int | None = None) -> None:
        for origin, result in written:
            report.ingested.append(result.document_iri)
            report.triples += (contents[result.graph_iri].count(b"\n") if triples is None
                               else triples)
            report.entities_per_document.update(result.entities)
            report.events += result.events
            report.claims += result.claims
            report.extract_seconds += result.seconds
            report.warnings.extend(f"{origin}: {w}" for w in result.warnings)
            if on_document:
                on_document(origin, "ingested")

    # Batches are written by one writer thread while extraction goes on: pyoxigraph's bulk
    # load runs in Rust without the GIL, so loading a batch overlaps extracting the next.
    # One batch at a time, in input order, each under the journal as before.
    writer = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="ingest-writer")
    in_flight: list[tuple[concurrent.futures.Future[float], dict[str, bytes],
                          list[tuple[str, Extraction]]]] = []

    def timed_write(contents: dict[str, bytes]) -> float:
        started_writing = time.perf_counter()
        write_graphs(store, contents, existing)
        return time.perf_counter() - started_writing

    def settle() -> None:
        """Wait for the batch being written, then count its documents as ingested."""
        while in_flight:
            future, contents, written = in_flight.pop(0)
            report.write_seconds += future.result()
            account(contents, written)

    def flush() -> None:
        settle()
        if not batch:
            return
        if strict:
            started_writing = time.perf_counter()
            refuse_inconsistent()  # writes the documents it keeps
            report.write_seconds += time.perf_counter() - started_writing
            account(batch, origins)
        else:
            contents, written = dict(batch), list(origins)
            in_flight.append((writer.submit(timed_write, contents), contents, written))
        batch.clear()
        origins.clear()

    def large(doc: SourceDocument) -> bool:
        return len(doc.text) > section_chars

    def write_large(doc: SourceDocument) -> None:
        """Extract and write a document of several sections, one section at a time."""
        settle()  # the journal of the batch before must be closed first
        graph, document = ns.document_graph(doc.doc_id), ns.resource("document", doc.doc_id)
        classes: dict[str, str] = {}
        counts = {"events": 0, "claims": 0}
        warnings: list[str] = []
        seconds = [0.0]

        def parts() -> Iterator[bytes]:
            yield _run_triples(ns, started, document)
            sections = extract_sections(doc, kb, ns, section_chars)
            while True:
                begun = time.perf_counter()
                try:
                    section = next(sections, None)
                except Exception as exc:  # noqa: BLE001 - the document's error, as for others
                    log.exception("extraction failed for %s", doc.origin)
                    raise _ExtractionFailed(
                        f"extraction failed ({type(exc).__name__}: {exc})") from exc
                finally:
                    seconds[0] += time.perf_counter() - begun
                if section is None:
                    return
                for entity, cls in section.entity_classes.items():
                    classes.setdefault(entity, cls)
                counts["events"] += section.events
                counts["claims"] += section.claims
                warnings.extend(section.warnings)
                ntriples, section = section.ntriples, None
                yield ntriples
                del ntriples  # not alive while the next section is read

        begun = time.perf_counter()
        try:
            if strict:
                content = b"".join(parts())  # the strict check reads the graph whole
                from conflict_kg.checks.strict import apply_if_consistent

                kept, errors = apply_if_consistent(store, ns, {graph: _triples(content)})
                if not kept:
                    first = errors[0]
                    report.errors.append(
                        f"{doc.origin}: refused by --strict: {len(errors)} error finding(s), "
                        f"first: {first.check}: {first.resource}: {first.message}")
                    if on_document:
                        on_document(doc.origin, "error")
                    return
                existing.add(graph)
            else:
                write_streamed(store, graph, parts(), existing)
        except _ExtractionFailed as exc:
            report.errors.append(str(DocumentError(doc.origin, str(exc))))
            if on_document:
                on_document(doc.origin, "error")
            return
        report.write_seconds += time.perf_counter() - begun - seconds[0]
        result = Extraction(document, graph, content_hash(doc), b"", count_classes(classes),
                            counts["events"], counts["claims"], tuple(warnings), seconds[0])
        account({}, [(doc.origin, result)], triples=_graph_size(store, graph))

    pairs: Iterable[tuple[SourceDocument, Extraction | DocumentError | None]]
    if workers > 1:
        docs = list(todo())  # the pool needs them all; reading is cheap next to extraction
        pooled = extractions([d for d in docs if not large(d)], kb, ns, workers)
        pairs = ((doc, None if large(doc) else next(pooled)) for doc in docs)
    else:
        pairs = ((doc, None if large(doc) else _extract_safely(doc, kb, ns))
                 for doc in todo())
    try:
        for doc, result in pairs:
            if result is None:
                flush()
                write_large(doc)
                continue
            if isinstance(result, DocumentError):
                report.errors.append(str(result))
                if on_document:
                    on_document(doc.origin, "error")
                continue
            if on_document:
                on_document(doc.origin, "extracted")  # progress while a batch fills
            batch[result.graph_iri] = result.serialized() + _run_triples(ns, started,
                                                                         result.document_iri)
            origins.append((doc.origin, result))
            if len(batch) >= batch_size:
                flush()
        flush()
        settle()
    finally:
        writer.shutdown(wait=True)  # never leave a batch half way when something fails
    return report
