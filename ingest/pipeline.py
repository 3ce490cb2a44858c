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
from ingest.gazetteer import Gazetteer
from ingest.sources import DocumentError, discover, read_text_document

log = logging.getLogger(__name__)

_AGENT_CLASSES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?c ?agent { ?c rdfs:subClassOf* ?agent }
"""


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


def _agent_flags(store: GraphStore, ns: DataNamespace, gazetteer: Gazetteer) -> dict[str, bool]:
    rows = store.query(
        _AGENT_CLASSES,
        substitutions={"agent": ox.NamedNode(ONTOLOGY + "Agent")},
        default_graph=[ns.ontology_graph],
    )
    agent_classes = {row["c"].value for row in rows}
    return {e: bool(t & agent_classes) for e, t in gazetteer.types.items()}


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
    gazetteer = Gazetteer.from_store(store, [ns.ontology_graph, ns.reference_graph])
    is_agent = _agent_flags(store, ns, gazetteer)
    report = IngestReport()
    for path in discover(list(paths)):
        try:
            doc = read_text_document(path, max_bytes=max_bytes, defaults=defaults)
            result = extract(doc, gazetteer, is_agent, ns)
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
