"""The synthetic ontology and data of the incremental-reasoning tests, split T-box / A-box."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from conflict_kg.namespaces import RDF, DataNamespace
from conflict_kg.reasoning.rules import SCHEMA_PREDICATES, SCHEMA_TYPES
from conflict_kg.store import OxigraphStore

NS = DataNamespace("http://example.org/")
SYNTHETIC = Path(__file__).parent / "data" / "synthetic.ttl"


def _split() -> tuple[list[ox.Triple], list[ox.Triple]]:
    tbox, abox = [], []
    for q in ox.parse(path=str(SYNTHETIC), format=ox.RdfFormat.TURTLE):
        t = ox.Triple(q.subject, q.predicate, q.object)
        schema = (
            q.predicate.value in SCHEMA_PREDICATES
            or isinstance(q.subject, ox.BlankNode)
            or (q.predicate.value == RDF + "type" and q.object.value in SCHEMA_TYPES)
            or (q.predicate.value == RDF + "type" and "owl#" in q.object.value)
        )
        (tbox if schema else abox).append(t)
    return tbox, abox


TBOX, ABOX = _split()


def inferred_quads(store: OxigraphStore) -> set[ox.Quad]:
    return set(store.raw.quads_for_pattern(None, None, None, ox.NamedNode(NS.inferred_graph)))
