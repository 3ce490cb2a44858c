"""``run(paths, store)``: read, extract and write each document into its own graph."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from conflict_kg.bundled import ensure_bundled
from conflict_kg.namespaces import ONTOLOGY, DataNamespace
from conflict_kg.store.base import GraphStore
from ingest.extract import extract
from ingest.kb import KnowledgeBase
from ingest.sources import DocumentError, discover, read_text_document

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    triples: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return (
            f"{len(self.ingested)} ingested, {len(self.unchanged)} unchanged, "
            f"{len(self.errors)} failed, {self.triples} triples written"
        )


def _stored_hash(store: GraphStore, graph: str, document: str) -> str | None:
    rows = store.query(
        "SELECT * { GRAPH ?g { ?d ?p ?h } }",
        substitutions={
            "g": ox.NamedNode(graph),
            "d": ox.NamedNode(document),
            "p": ox.NamedNode(ONTOLOGY + "contentHash"),
        },
        union_default_graph=False,
    )
    return next((row["h"].value for row in rows), None)


def run(
    paths: Sequence[Path],
    store: GraphStore,
    ns: DataNamespace,
    *,
    max_bytes: int = 5_000_000,
    defaults: dict[str, Any] | None = None,
    on_document: Callable[[str, str], None] | None = None,
) -> IngestReport:
    """Ingest files and folders; a bad document is reported and skipped, never half written."""
    ensure_bundled(store, ns)
    kb = KnowledgeBase.from_store(store, [ns.ontology_graph, ns.reference_graph])
    report = IngestReport()
    for path in discover(list(paths)):
        try:
            doc = read_text_document(path, max_bytes=max_bytes, defaults=defaults)
            result = extract(doc, kb, ns)
        except DocumentError as exc:
            report.errors.append(str(exc))
            log.debug("rejected %s", path, exc_info=True)
            if on_document:
                on_document(str(path), "error")
            continue
        if _stored_hash(store, result.graph_iri, result.document_iri) == result.content_hash:
            report.unchanged.append(result.document_iri)
            status = "unchanged"
        else:
            store.replace_graph(result.graph_iri, result.triples)
            report.ingested.append(result.document_iri)
            report.triples += len(result.triples)
            status = "ingested"
        if on_document:
            on_document(str(path), status)
    return report
