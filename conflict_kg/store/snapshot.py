"""Small graphs copied into memory, for code that runs many queries over them."""

from __future__ import annotations

from conflict_kg.store.base import GraphStore
from conflict_kg.store.oxigraph import OxigraphStore


def local_copy(store: GraphStore, graphs: list[str]) -> GraphStore:
    """The given graphs as an embedded store (the store itself when it is already embedded).

    Remote engines differ in what SPARQL they accept (Virtuoso refuses a
    property path with ``*`` and no bound start); the gazetteer's queries run
    on a local copy of the ontology and reference graphs instead.
    """
    if store.capabilities.native_quads:  # already pyoxigraph, whose SPARQL they are written for
        return store
    copy = OxigraphStore.in_memory()
    for graph in graphs:
        copy.add_to_graph(graph, store.query("CONSTRUCT WHERE { ?s ?p ?o }", default_graph=[graph]))
    return copy
