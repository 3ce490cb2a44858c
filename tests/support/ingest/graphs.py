"""Document graphs of a store compared by content, for the pipeline tests."""

from __future__ import annotations

import pyoxigraph as ox

from conflict_kg.namespaces import ONTOLOGY
from conflict_kg.store import OxigraphStore

RUN_PREDICATES = {ONTOLOGY + "ingestedBy", ONTOLOGY + "startedAt", ONTOLOGY + "pipelineVersion"}


def graph_contents(store: OxigraphStore) -> dict[str, set[str]]:
    """Document graphs as sets of N-Triples lines, without the ingest-run bookkeeping."""
    contents: dict[str, set[str]] = {}
    for graph in store.graphs():
        if "/graph/document/" not in graph:
            continue
        lines = set()
        for quad in store.raw.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
            if quad.predicate.value in RUN_PREDICATES or "/id/ingest-run/" in str(quad.subject):
                continue
            lines.add(f"{quad.subject} {quad.predicate} {quad.object}")
        contents[graph] = lines
    return contents
