"""Extraction in worker processes: pure, so it may run anywhere; results come back in
input order, so what is written (and the graph) never depends on timing."""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from conflict_kg.ingest.extract import Extraction, extract
from conflict_kg.ingest.kb import KnowledgeBase
from conflict_kg.ingest.sources import DocumentError, SourceDocument
from conflict_kg.namespaces import DataNamespace

__all__ = ["extract_safely", "extractions"]

log = logging.getLogger(__name__)

_WORKER: dict[str, Any] = {}


def _init_worker(kb: KnowledgeBase, ns: DataNamespace) -> None:
    _WORKER["kb"], _WORKER["ns"] = kb, ns


def extract_safely(doc: SourceDocument, kb: KnowledgeBase,
                    ns: DataNamespace) -> Extraction | DocumentError:
    """A rule that trips on an unexpected text fails that document, not the batch."""
    started, cpu_started = time.perf_counter(), time.thread_time()
    try:
        result = extract(doc, kb, ns)
        return replace(result, seconds=time.perf_counter() - started,
                       cpu_seconds=time.thread_time() - cpu_started)
    except Exception as exc:  # noqa: BLE001 - reported as the document's error
        log.exception("extraction failed for %s", doc.origin)
        return DocumentError(doc.origin, f"extraction failed ({type(exc).__name__}: {exc})")


def _extract_in_worker(doc: SourceDocument) -> Extraction | DocumentError:
    result = extract_safely(doc, _WORKER["kb"], _WORKER["ns"])
    return result.compact() if isinstance(result, Extraction) else result


def extractions(docs: Iterable[SourceDocument], kb: KnowledgeBase, ns: DataNamespace,
                workers: int = 1) -> Iterator[Extraction | DocumentError]:
    """Extractions in input order (so writes, and the graph, do not depend on timing).

    With several workers the results come back compact (N-Triples bytes).
    """
    if workers <= 1:
        for doc in docs:
            yield extract_safely(doc, kb, ns)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(kb, ns)) as pool:
        yield from pool.imap(_extract_in_worker, docs, chunksize=4)
