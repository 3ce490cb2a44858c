"""Keep the bundled ontology and reference individuals loaded in a store."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from conflict_kg import resources
from conflict_kg.gazetteer import generated_reference_files
from conflict_kg.namespaces import DataNamespace
from conflict_kg.store.base import GraphStore

# A private predicate: an ontology term here would feed the reasoner (domains).
_HASH = ox.NamedNode("urn:conflict-kg:bundle-hash")
# Reference individuals are written under the default data namespace and moved
# under the deployment's base IRI when that differs.
BUNDLED_DATA_PREFIX = "https://w3id.org/conflict-kg/id/"


def _files_hash(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _rebase(
    term: ox.NamedNode | ox.BlankNode | ox.Literal, prefix: str
) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, ox.NamedNode) and term.value.startswith(BUNDLED_DATA_PREFIX):
        return ox.NamedNode(prefix + term.value[len(BUNDLED_DATA_PREFIX) :])
    return term


def _load_if_changed(store: GraphStore, graph: str, files: list[Path], data_prefix: str) -> bool:
    digest = _files_hash(files) + ":" + data_prefix
    current = store.query(
        "SELECT * { GRAPH ?g { ?g ?p ?h } }",
        substitutions={"g": ox.NamedNode(graph), "p": _HASH},
        union_default_graph=False,
    )
    if any(row["h"].value == digest for row in current):
        return False
    triples = _parsed(digest, tuple(files), data_prefix)
    stamp = ox.Triple(ox.NamedNode(graph), _HASH, ox.Literal(digest))
    if _graph_exists(store, graph):
        # An upgrade: replaced in one step, so readers never see half an ontology.
        store.replace_graph(graph, [*triples, stamp])
    else:
        # A fresh store has no readers yet: written in bounded transactions (one
        # transaction and a MOVE peaked at ~290 MB for the reference graph's 54k
        # triples, chunks at ~140 MB), the hash last, so a crash part-way leaves
        # a graph without it, which the next start replaces.
        store.add_to_graph(graph, triples, atomic=False)
        store.add_to_graph(graph, [stamp])
    return True


@lru_cache(maxsize=4)
def _parsed(digest: str, files: tuple[Path, ...], data_prefix: str) -> tuple[ox.Triple, ...]:
    """The files' triples under ``data_prefix``, parsed once per process and content
    ``digest`` (part of the key, so edited files are read again). Parsing and rebasing the
    reference graph's ~54,000 triples took most of the load into each new store (tests and
    one-off commands build many); the tuple takes about 10 MB."""
    triples: list[ox.Triple] = []
    for path in files:
        for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, rename_blank_nodes=True):
            subject = _rebase(q.subject, data_prefix)
            obj = _rebase(q.object, data_prefix)
            triples.append(ox.Triple(subject, q.predicate, obj))  # type: ignore[arg-type]
    return tuple(triples)


def _graph_exists(store: GraphStore, graph: str) -> bool:
    # Named graphs listed as the reasoner's ASK does (a remote engine answers
    # GRAPH <g> for a graph it was not told of as true).
    return bool(store.query("ASK { GRAPH ?g { ?s ?p ?o } }",
                            substitutions={"g": ox.NamedNode(graph)}))


def ensure_bundled(store: GraphStore, ns: DataNamespace) -> bool:
    """Load the ontology and reference graphs unless already current; return whether loaded."""
    prefix = ns.base + "id/"
    changed = _load_if_changed(store, ns.ontology_graph, resources.ontology_modules(), prefix)
    reference = [*resources.reference_files(), *generated_reference_files()]
    changed |= _load_if_changed(store, ns.reference_graph, reference, prefix)
    return changed
