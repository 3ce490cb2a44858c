"""What a dereferenced IRI returns: a concise bounded description, with provenance.

For a data resource: every triple with it as subject (and one level of blank
nodes below), every triple with it as object, the evidence behind it (its
``ck:evidence`` mentions, their sentences) and, for a document, the mentions
whose ``nif:referenceContext`` it is (their ``#char=`` IRIs dereference to
the document).  Each triple is returned as a quad naming the graph it was
found in, so TriG/N-Quads keep the provenance and the HTML page can say
"according to".
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from conflict_kg import resources
from conflict_kg.namespaces import NIF, ONTOLOGY, ONTOLOGY_BASE, DataNamespace
from conflict_kg.store import GraphStore

#: Upper bound on the quads of one description (a hub such as a state has many mentions).
MAX_QUADS = 5000

_DESCRIBE = f"""
SELECT * WHERE {{
  {{ GRAPH ?g {{ ?e ?p ?o }} BIND(?e AS ?s) }}
  UNION {{ GRAPH ?g {{ ?s ?p ?e }} BIND(?e AS ?o) }}
  UNION {{ GRAPH ?g {{ ?e ?p0 ?s . FILTER(isBlank(?s)) ?s ?p ?o }} }}
  UNION {{ GRAPH ?g {{ ?e <{ONTOLOGY}evidence> ?s . ?s ?p ?o }} }}
  UNION {{ GRAPH ?g {{ ?e <{ONTOLOGY}evidence> ?m . ?m <{ONTOLOGY}sentence> ?s . ?s ?p ?o }} }}
  UNION {{ GRAPH ?g {{ ?s <{NIF}referenceContext> ?e . ?s ?p ?o }} }}
}} LIMIT {MAX_QUADS}
"""

_EXISTS = "ASK { { ?e ?p ?o } UNION { ?s ?p ?e } }"
# A description is empty unless a named graph holds a triple with the resource as its
# subject or object (every branch of _DESCRIBE starts from one of these two).
_DESCRIBED = "ASK { { GRAPH ?g { ?e ?p ?o } } UNION { GRAPH ?g { ?s ?p ?e } } }"
_DOCUMENT = f"ASK {{ GRAPH ?g {{ ?e ?p <{ONTOLOGY}Document> }} }}"


def named_node(iri: str) -> ox.NamedNode | None:
    """The IRI as a term, or None when it is not a valid IRI (a request path can be anything)."""
    try:
        return ox.NamedNode(iri)
    except ValueError:
        return None


def exists(store: GraphStore, iri: str) -> bool:
    node = named_node(iri)
    return node is not None and bool(store.query(_EXISTS, substitutions={"e": node}))


def describe(store: GraphStore, iri: str) -> list[ox.Quad]:
    """The bounded description of a resource of the data namespace, as quads."""
    node = named_node(iri)
    if node is None:
        return []
    rows = store.query(_DESCRIBE, substitutions={"e": node}, union_default_graph=False)
    seen: dict[ox.Quad, None] = {}
    for row in rows:
        seen[ox.Quad(row["s"], row["p"], row["o"], row["g"])] = None
    return list(seen)


def describe_ontology(store: GraphStore, ns: DataNamespace) -> list[ox.Quad]:
    """The ontology namespace document: the ontology graph as loaded in the store."""
    graph = ox.NamedNode(ns.ontology_graph)
    rows = store.query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }",
                       substitutions={"g": graph}, union_default_graph=False)
    return [ox.Quad(r["s"], r["p"], r["o"], graph) for r in rows
            if r["p"].value != ONTOLOGY + "contentHash"]


def module_file(name: str) -> Path | None:
    """The bundled file of an ontology module (``core``, ``agents``...), if any."""
    for path in resources.ontology_modules():
        if path.stem == name:
            return path
    return None


def module_iri(name: str) -> str:
    return f"{ONTOLOGY_BASE}/{name}"


def describe_module(name: str, ns: DataNamespace, version: str | None = None) -> list[ox.Quad]:
    """The triples of one ontology module file; empty if there is no such module/version."""
    path = module_file(name)
    if path is None:
        return []
    graph = ox.NamedNode(ns.ontology_graph)
    quads = [ox.Quad(q.subject, q.predicate, q.object, graph)
             for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]
    if version is not None:
        wanted = ox.NamedNode(f"{module_iri(name)}/{version}")
        if not any(q.object == wanted for q in quads):
            return []
    return quads


def described(store: GraphStore, iri: str) -> bool:
    """Whether :func:`describe` has something to say of ``iri``, without reading it
    (the HTML page reads what it shows: the hub's 5,000 quads took ~0.1 s)."""
    node = named_node(iri)
    return node is not None and bool(store.query(
        _DESCRIBED, substitutions={"e": node}, union_default_graph=False))


def is_document(store: GraphStore, iri: str) -> bool:
    """Whether a named graph says ``iri`` is (any property) a ``ck:Document``."""
    node = named_node(iri)
    return node is not None and bool(store.query(
        _DOCUMENT, substitutions={"e": node}, union_default_graph=False))
