"""Writing extracted documents: batches of graphs, and long documents section by section.

A :class:`BatchWriter` collects document graphs and writes each full batch in
one store transaction (through the crash journal of
:mod:`conflict_kg.store.journal`), on one writer thread while extraction goes
on: pyoxigraph's bulk load runs in Rust without the GIL, so loading a batch
overlaps extracting the next.  One batch at a time, in input order.  A batch
is handed over when it is full (``batch_size`` documents) or, once it holds
``EARLY_BATCH_DOCUMENTS``, as soon as the writer thread is free: when
extraction is the slower side the writer never waits for a full batch, so the
documents written (and the progress bar) follow the extraction closely and the
write left after the last extraction is a small batch, not up to
``batch_size`` documents.  A document
longer than one section is extracted and written as it is read
(:meth:`BatchWriter.write_large`).  With ``strict`` a document whose graph would
add an error finding is refused before anything of it is written.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import logging
import time
from collections.abc import Iterator, Mapping

import pyoxigraph as ox

from conflict_kg.ingest.extract import (
    PIPELINE_VERSION,
    Extraction,
    content_hash,
    count_classes,
    extract_sections,
)
from conflict_kg.ingest.kb import KnowledgeBase
from conflict_kg.ingest.report import IngestReport, Progress
from conflict_kg.ingest.sources import DocumentError, SourceDocument
from conflict_kg.namespaces import ONTOLOGY, RDF, XSD, DataNamespace
from conflict_kg.store.base import GraphStore
from conflict_kg.store.journal import graph_size, triples_of, write_graphs, write_streamed

__all__ = ["EARLY_BATCH_DOCUMENTS", "BatchWriter"]

log = logging.getLogger(__name__)
A = ox.NamedNode(RDF + "type")
# The smallest batch handed to an idle writer: one bulk load per handful of documents
# costs a fifth more CPU per document than 64 or 256 (files and index runs per load).
EARLY_BATCH_DOCUMENTS = 32


def run_triples(ns: DataNamespace, started: dt.datetime, document: str) -> bytes:
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


class _ExtractionFailed(Exception):
    """A rule failed on a section of a document written as it is read."""


class BatchWriter:
    """Writes extracted documents into ``store``, counting them in ``report``.

    Use as a context manager: leaving it (normally or by an exception) waits for
    the batch being written, so no batch is left half way.
    """

    def __init__(self, store: GraphStore, ns: DataNamespace, kb: KnowledgeBase,
                 report: IngestReport, *, batch_size: int, strict: bool, section_chars: int,
                 on_document: Progress | None = None,
                 early_batch: int = EARLY_BATCH_DOCUMENTS) -> None:
        self.store, self.ns, self.kb, self.report = store, ns, kb, report
        self.batch_size, self.strict, self.section_chars = batch_size, strict, section_chars
        self.early_batch = min(early_batch, batch_size)
        self.on_document = on_document
        self.started = dt.datetime.now(dt.UTC)
        self.existing = set(store.graphs())
        self._batch: dict[str, bytes] = {}
        self._origins: list[tuple[str, Extraction]] = []
        self._writer = concurrent.futures.ThreadPoolExecutor(
            1, thread_name_prefix="ingest-writer")
        self._in_flight: list[tuple[concurrent.futures.Future[float], dict[str, bytes],
                                    list[tuple[str, Extraction]]]] = []

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, *_exc: object) -> None:
        try:
            self.settle()
        finally:
            self._writer.shutdown(wait=True)  # never leave a batch half way

    # --- progress and counts ---------------------------------------------------------
    def _tell(self, origin: str, status: str) -> None:
        if self.on_document:
            self.on_document(origin, status)

    def refuse(self, error: DocumentError | str, origin: str) -> None:
        """Count a document that cannot be ingested."""
        self.report.errors.append(str(error))
        self._tell(origin, "error")

    def _account(self, contents: Mapping[str, bytes], written: list[tuple[str, Extraction]],
                 triples: int | None = None) -> None:
        report = self.report
        for origin, result in written:
            report.ingested.append(result.document_iri)
            report.triples += (contents[result.graph_iri].count(b"\n") if triples is None
                               else triples)
            report.entities_per_document.update(result.entities)
            report.events += result.events
            report.claims += result.claims
            report.extract_seconds += result.seconds
            report.extract_cpu_seconds += result.cpu_seconds
            report.warnings.extend(f"{origin}: {w}" for w in result.warnings)
            self._tell(origin, "ingested")

    # --- batches ---------------------------------------------------------------------
    def add(self, origin: str, result: Extraction) -> None:
        """Queue one extracted document; a full batch is handed to the writer thread."""
        self._tell(origin, "extracted")  # progress while a batch fills
        self._batch[result.graph_iri] = result.serialized() + run_triples(
            self.ns, self.started, result.document_iri)
        self._origins.append((origin, result))
        if len(self._batch) >= self.batch_size or (
                len(self._batch) >= self.early_batch and self._writer_idle()):
            self.flush()

    def _writer_idle(self) -> bool:
        """Whether the writer thread has nothing left to write (strict runs write in
        this thread, a document at a time: they keep full batches)."""
        return not self.strict and all(future.done() for future, _c, _w in self._in_flight)

    def _timed_write(self, contents: dict[str, bytes]) -> float:
        begun = time.perf_counter()
        write_graphs(self.store, contents, self.existing)
        return time.perf_counter() - begun

    def settle(self) -> None:
        """Wait for the batch being written, then count its documents as ingested."""
        while self._in_flight:
            future, contents, written = self._in_flight.pop(0)
            self.report.write_seconds += future.result()
            self._account(contents, written)

    def flush(self) -> None:
        """Write what is queued (the writer thread takes it; strict runs write here)."""
        self.settle()
        if not self._batch:
            return
        if self.strict:
            begun = time.perf_counter()
            self._refuse_inconsistent()  # writes the documents it keeps
            self.report.write_seconds += time.perf_counter() - begun
            self._account(self._batch, self._origins)
        else:
            contents, written = dict(self._batch), list(self._origins)
            self._in_flight.append((self._writer.submit(self._timed_write, contents),
                                    contents, written))
        self._batch.clear()
        self._origins.clear()

    def _refuse_inconsistent(self) -> None:
        # Imported here: the checks load SHACL shapes that a plain ingest never needs.
        from conflict_kg.checks.strict import apply_if_consistent

        for origin, result in list(self._origins):
            graph = result.graph_iri
            kept, errors = apply_if_consistent(self.store, self.ns,
                                               {graph: triples_of(self._batch[graph])})
            if not kept:
                first = errors[0]
                self.refuse(f"{origin}: refused by --strict: {len(errors)} error finding(s), "
                            f"first: {first.check}: {first.resource}: {first.message}", origin)
                self._origins.remove((origin, result))
                del self._batch[graph]

    # --- long documents --------------------------------------------------------------
    def is_large(self, doc: SourceDocument) -> bool:
        return len(doc.text) > self.section_chars

    def write_large(self, doc: SourceDocument) -> None:
        """Extract and write a document of several sections, one section at a time."""
        self.flush()
        self.settle()  # the journal of the batch before must be closed first
        ns = self.ns
        graph, document = ns.document_graph(doc.doc_id), ns.resource("document", doc.doc_id)
        classes: dict[str, str] = {}
        counts = {"events": 0, "claims": 0}
        warnings: list[str] = []
        seconds = [0.0]

        def parts() -> Iterator[bytes]:
            yield run_triples(ns, self.started, document)
            sections = extract_sections(doc, self.kb, ns, self.section_chars)
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
            if self.strict:
                if not self._strict_large(doc, graph, b"".join(parts())):
                    return
            else:
                write_streamed(self.store, graph, parts(), self.existing)
        except _ExtractionFailed as exc:
            self.refuse(DocumentError(doc.origin, str(exc)), doc.origin)
            return
        self.report.write_seconds += time.perf_counter() - begun - seconds[0]
        result = Extraction(document, graph, content_hash(doc), b"", count_classes(classes),
                            counts["events"], counts["claims"], tuple(warnings), seconds[0])
        self._account({}, [(doc.origin, result)], triples=graph_size(self.store, graph))

    def _strict_large(self, doc: SourceDocument, graph: str, content: bytes) -> bool:
        """The strict check of a long document, read whole; whether it was written."""
        from conflict_kg.checks.strict import apply_if_consistent  # see _refuse_inconsistent

        kept, errors = apply_if_consistent(self.store, self.ns, {graph: triples_of(content)})
        if not kept:
            first = errors[0]
            self.refuse(f"{doc.origin}: refused by --strict: {len(errors)} error finding(s), "
                        f"first: {first.check}: {first.resource}: {first.message}", doc.origin)
            return False
        self.existing.add(graph)
        return True
