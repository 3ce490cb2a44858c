"""Keep the bundled ontology and reference individuals loaded in a store."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox

from conflict_kg import resources
from conflict_kg.namespaces import ONTOLOGY, DataNamespace
from conflict_kg.store.base import GraphStore

_HASH = ox.NamedNode(ONTOLOGY + "contentHash")


def _files_hash(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _load_if_changed(store: GraphStore, graph: str, files: list[Path]) -> bool:
    digest = _files_hash(files)
    current = store.query(
        "SELECT * { GRAPH ?g { ?g ?p ?h } }",
        substitutions={"g": ox.NamedNode(graph), "p": _HASH},
        union_default_graph=False,
    )
    if any(row["h"].value == digest for row in current):
        return False
    triples: list[ox.Triple] = []
    for path in files:
        triples.extend(
            ox.Triple(q.subject, q.predicate, q.object)
            for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
        )
    triples.append(ox.Triple(ox.NamedNode(graph), _HASH, ox.Literal(digest)))
    store.replace_graph(graph, triples)
    return True


def ensure_bundled(store: GraphStore, ns: DataNamespace) -> bool:
    """Load the ontology and reference graphs unless already current; return whether loaded."""
    changed = _load_if_changed(store, ns.ontology_graph, resources.ontology_modules())
    changed |= _load_if_changed(store, ns.reference_graph, resources.reference_files())
    return changed
