"""``run(paths, store)`` and ``run_documents(documents, store)``: read, extract and
write each document into its own graph.

Extraction is pure and may run in worker processes (:mod:`.workers`); writing
stays in this process (:mod:`.batches`).  Each batch of document graphs is
written in one store transaction (new graphs directly, changed graphs through
staging graphs moved over their targets: :mod:`conflict_kg.store.journal`), so a
crash leaves every graph as it was or fully replaced, and the next run skips what
was already written (same content hash).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from conflict_kg.bundled import ensure_bundled
from conflict_kg.ingest.batches import BatchWriter
from conflict_kg.ingest.extract import SECTION_CHARS, content_hash
from conflict_kg.ingest.kb import KnowledgeBase
from conflict_kg.ingest.report import IngestReport, Progress
from conflict_kg.ingest.sources import DocumentError, SourceDocument, discover, read_documents
from conflict_kg.ingest.workers import extract_safely, extractions
from conflict_kg.namespaces import ONTOLOGY, DataNamespace
from conflict_kg.store.base import GraphStore
from conflict_kg.store.journal import recover

__all__ = ["BATCH_DOCUMENTS", "IngestReport", "read_paths", "run", "run_documents"]

log = logging.getLogger(__name__)

BATCH_DOCUMENTS = 256
_STORED_HASHES = """
SELECT ?g ?h ?p WHERE { GRAPH ?g { ?d ?p ?h } }
"""


def _stored_hashes(store: GraphStore, ns: DataNamespace) -> dict[str, str]:
    rows = store.query(
        _STORED_HASHES,
        substitutions={"p": ox.NamedNode(ONTOLOGY + "contentHash")},
        union_default_graph=False,
    )
    prefix = ns.graph("document")
    return {r["g"].value: r["h"].value for r in rows if r["g"].value.startswith(prefix)}


def read_paths(paths: Sequence[Path], *, max_bytes: int = 5_000_000,
               defaults: dict[str, Any] | None = None
               ) -> Iterator[SourceDocument | DocumentError]:
    """The documents of files and folders (supported suffixes under folders), in order."""
    for path in discover(list(paths)):
        yield from read_documents(path, max_bytes=max_bytes, defaults=defaults)


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
    kb: KnowledgeBase | None = None,
) -> IngestReport:
    """Ingest files and folders: :func:`run_documents` of :func:`read_paths`."""
    return run_documents(read_paths(paths, max_bytes=max_bytes, defaults=defaults), store, ns,
                         on_document=on_document, workers=workers, batch_size=batch_size,
                         strict=strict, section_chars=section_chars, kb=kb)


def run_documents(
    documents: Iterable[SourceDocument | DocumentError],
    store: GraphStore,
    ns: DataNamespace,
    *,
    on_document: Progress | None = None,
    workers: int = 1,
    batch_size: int = BATCH_DOCUMENTS,
    strict: bool = False,
    section_chars: int = SECTION_CHARS,
    kb: KnowledgeBase | None = None,
) -> IngestReport:
    """Ingest documents already read (from files, or uploads held in memory); a bad
    document (a :class:`DocumentError` among them, or one whose extraction fails) is
    reported and skipped, never half written.

    ``strict``: a document whose graph would add an error-severity finding (see
    ``conflict-kg check``) is refused and the store left as it was; kept
    documents are reasoned over as they go, so the inferred graph stays current.

    A document longer than ``section_chars`` characters is read in sections (see
    ``ingest.extract.SECTION_CHARS``) in this process, and written section by section
    as it is read: its memory does not grow with its length.

    ``kb``: the knowledge base of this store's ontology and reference graphs, when the
    caller already built it from the same graphs (the evaluation ingests each document
    into a fresh store with only the bundled graphs); by default it is read from the store.
    """
    if ensure_bundled(store, ns) and store.capabilities.native_quads:
        # Loading the bundled graphs leaves ~200 MB of freed pages and write buffers
        # behind; give them back before the knowledge base and the documents.
        store.native_quads().settle()
    recover(store)
    if kb is None:
        kb = KnowledgeBase.from_store(store, [ns.ontology_graph, ns.reference_graph])
    report = IngestReport()
    stored = _stored_hashes(store, ns)
    if strict:
        # Imported here: reasoning loads owlrl, which a plain ingest never needs.
        from conflict_kg.reasoning import reason

        reason(store, ns)  # the strict comparison needs a current inferred graph
    with BatchWriter(store, ns, kb, report, batch_size=batch_size, strict=strict,
                     section_chars=section_chars, on_document=on_document) as writer:
        todo = _new_documents(documents, ns, stored, writer)
        pairs: Iterable[tuple[SourceDocument, Any]]
        if workers > 1:
            docs = list(todo)  # the pool needs them all; reading is cheap next to extraction
            pooled = extractions([d for d in docs if not writer.is_large(d)], kb, ns, workers)
            pairs = ((doc, None if writer.is_large(doc) else next(pooled)) for doc in docs)
        else:
            pairs = ((doc, None if writer.is_large(doc) else extract_safely(doc, kb, ns))
                     for doc in todo)
        for doc, result in pairs:
            if result is None:
                writer.write_large(doc)
            elif isinstance(result, DocumentError):
                writer.refuse(result, doc.origin)
            else:
                writer.add(doc.origin, result)
        writer.flush()
    return report


def _new_documents(documents: Iterable[SourceDocument | DocumentError], ns: DataNamespace,
                   stored: dict[str, str], writer: BatchWriter) -> Iterator[SourceDocument]:
    """The documents to extract: errors reported, repeats refused, unchanged ones counted."""
    seen: set[str] = set()
    report = writer.report
    for item in documents:
        if isinstance(item, DocumentError):
            log.debug("rejected %s", item)
            writer.refuse(item, item.source)
            continue
        graph = ns.document_graph(item.doc_id)
        if graph in seen:
            report.errors.append(f"{item.origin}: document id {item.doc_id!r} "
                                 "appears twice in this batch; the first one was kept")
            continue
        seen.add(graph)
        if stored.get(graph) == content_hash(item):
            report.unchanged.append(ns.resource("document", item.doc_id))
            if writer.on_document:
                writer.on_document(item.origin, "unchanged")
            continue
        yield item
