"""A remote SPARQL 1.1 engine (Virtuoso, Fuseki, GraphDB, QLever…) behind the store interface.

Reads go to the query endpoint, writes to the update endpoint, and whole-graph
replacement to the Graph Store HTTP Protocol endpoint when one is configured
(one request replaces a graph, so readers never see it half written).
Results come back as pyoxigraph terms and result objects, like the embedded store.
This module holds the store semantics (datasets, staging graphs, the SPARQL
Update it writes); the HTTP requests, authentication, timeouts and error
mapping are :mod:`conflict_kg.store.connector`'s.

Two differences from the embedded store, both documented in docs/scaling.md:
substitutions are sent as a ``VALUES`` block (engines do not implement
SEP-0007; terms are serialised by pyoxigraph, never pasted from text), and the
"union of all graphs" is the list of the engine's graphs but its own system
graphs (:data:`ENGINE_GRAPHS`), sent as ``default-graph-uri``, so those stay out.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from conflict_kg.store.base import STAGING_PREFIX, StoreCapabilities, StoreError
from conflict_kg.store.connector import RemoteEndpoints, SparqlConnector
from conflict_kg.store.native import NativeQuads
from conflict_kg.store.rdf_input import read_rdf_file
from conflict_kg.store.set_union import distinct_solutions
from conflict_kg.store.sparql_text import (
    bind_substitutions,
    insert_data_as_template,
    query_form,
    tokenize,
)

# Keep INSERT DATA requests to a size every engine accepts: Virtuoso 7's SPARQL
# parser runs out of memory ("SP030 memory exhausted") at 5,000 triples, whatever
# their length, and takes 2,500.
_BATCH = 1_000
# Graphs an engine keeps for itself, never a deployment's data: Virtuoso's RDF-view
# schema (virtrdf:), its LDP vocabulary and URI-QA graphs, the three a fresh
# Virtuoso 7 holds, and the other OpenLink schema graphs its add-ons load.  Every
# other graph is data: the union of all graphs, graphs() and GRAPH ?g range over it,
# as on the embedded store, whatever the graph's IRI (a client of the server may
# PUT any graph).
ENGINE_GRAPHS = (
    "http://www.openlinksw.com/schemas/",
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/",
)


def _named_in(sparql: str) -> set[str]:
    """IRIs the query names in ``GRAPH <...>`` (listing an extra one is harmless), read
    on the project's one SPARQL scanner (not in strings or comments).

    >>> sorted(_named_in("ASK { GRAPH <urn:x:a> { ?s ?p ?o } graph<urn:x:b> {} } # GRAPH <urn:c>"))
    ['urn:x:a', 'urn:x:b']
    """
    tokens = tokenize(sparql)
    return {nxt.text[1:-1] for tok, nxt in zip(tokens, tokens[1:], strict=False)
            if tok.keyword == "GRAPH" and nxt.kind == "iri"}


class RemoteStore:
    """A :class:`~conflict_kg.store.base.GraphStore` over SPARQL 1.1 HTTP protocols."""

    def __init__(self, endpoints: RemoteEndpoints, graph_prefix: str) -> None:
        self.endpoints = endpoints
        self.graph_prefix = graph_prefix
        self.location = endpoints.query
        # Persistent, but written by whoever else the engine lets in, and planned by an
        # engine that may join a predicate variable badly (Virtuoso 7 does).
        self.capabilities = StoreCapabilities(persistent=True)
        self._connector = SparqlConnector(endpoints)

    # -- GraphStore ---------------------------------------------------------
    def query(
        self,
        sparql: str,
        *,
        substitutions: Mapping[str, Any] | None = None,
        union_default_graph: bool = True,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> Any:
        if substitutions:
            sparql = bind_substitutions(sparql, substitutions)
        if default_graph is None and union_default_graph or (
                default_graph is not None and len(default_graph) > 1):
            # Virtuoso merges graphs as a bag too; bound first, so VALUES stays inside.
            sparql = distinct_solutions(sparql)
        fields = [("query", sparql)]
        ours: list[str] = []
        scratch: list[str] = []
        if default_graph is None and not union_default_graph and named_graphs is None:
            # The store's own default graph: the engine's (on Virtuoso, every graph).
            # Naming graphs would make it empty, and the reasoner would then keep DRed
            # candidates there, which Virtuoso refuses (no default graph to INSERT
            # into); this way incremental removal falls back to full reasoning.
            return self._answer(sparql, fields)
        if default_graph is None and union_default_graph or named_graphs is None:
            ours, scratch = self._dataset_graphs()
        if default_graph is not None:
            fields += [("default-graph-uri", g) for g in default_graph]
        elif union_default_graph:
            # An empty list would mean "the engine's default"; name a graph that holds nothing.
            fields += [("default-graph-uri", g) for g in ours or [self.graph_prefix + "none"]]
        if named_graphs is None:
            # GRAPH ?g ranges over the engine's data graphs (and the reasoner's scratch
            # graphs, as on the embedded store), never the engine's system graphs.  Graphs
            # the query names are listed even when they do not exist (yet): Virtuoso 7
            # matches GRAPH <g> as an empty pattern, i.e. true, when g is neither listed
            # nor existing, so ASK { GRAPH <empty> { ?s ?p ?o } } would answer true.
            named_graphs = sorted({*ours, *scratch, *_named_in(sparql)})
        fields += [("named-graph-uri", g) for g in named_graphs or [self.graph_prefix + "none"]]
        return self._answer(sparql, fields)

    def _answer(self, sparql: str, fields: list[tuple[str, str]]) -> Any:
        return self._connector.query(fields, query_form(sparql) in ("CONSTRUCT", "DESCRIBE"))

    def update(self, sparql: str) -> None:
        # The WHERE clause of an update sees every graph on the engine: restricting it
        # with using-named-graph-uri made one reasoning rule (prp-ifp) take 35 s instead
        # of 0.1 s on Virtuoso 7.  Give the deployment an engine of its own (scaling.md).
        self._connector.update(insert_data_as_template(sparql))

    def replace_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        self.replace_graphs({graph: triples})

    def replace_graphs(self, contents: Mapping[str, Iterable[ox.Triple]]) -> None:
        for graph, triples in contents.items():
            target = self._iri(graph)
            triples = list(triples)
            if self._connector.has_graph_store:
                body = io.BytesIO()
                ox.serialize(triples, body, ox.RdfFormat.N_TRIPLES)
                self._connector.put_graph(target.value, body.getvalue())
            else:
                self.update(f"DROP SILENT GRAPH {target}")
                self.add_to_graph(graph, triples)

    def add_to_graph(self, graph: str, triples: Iterable[ox.Triple], *,
                     atomic: bool = True) -> None:
        # ``atomic`` is moot here: the endpoint decides how it commits a request.
        target = self._iri(graph)
        if self._connector.has_graph_store:
            # One POST appends the whole set: blank nodes keep their identity across
            # it (Virtuoso also refuses blank nodes in INSERT DATA), and no batching.
            body = io.BytesIO()
            ox.serialize(list(triples), body, ox.RdfFormat.N_TRIPLES)
            if body.getvalue():
                self._connector.post_graph(target.value, body.getvalue())
            return
        batch: list[str] = []
        for triple in triples:
            batch.append(f"{triple.subject} {triple.predicate} {triple.object} .")
            if len(batch) >= _BATCH:
                self.update(f"INSERT DATA {{ GRAPH {target} {{ {' '.join(batch)} }} }}")
                batch = []
        if batch:
            self.update(f"INSERT DATA {{ GRAPH {target} {{ {' '.join(batch)} }} }}")

    def drop_graph(self, graph: str, *, atomic: bool = True) -> bool:
        # Asked of the graph itself, not of graphs(): that hides staging and scratch
        # graphs, which must be dropped all the same (the reasoner's rounds rely on it).
        target = self._iri(graph)
        existed = bool(self.query("ASK { ?s ?p ?o }", default_graph=[target.value]))
        if existed:
            self.update(f"DROP SILENT GRAPH {target}")
        return existed

    def copy_graph(self, source: str, target: str) -> None:
        self.update(f"ADD SILENT GRAPH {self._iri(source)} TO {self._iri(target)}")

    def move_graph(self, source: str, target: str) -> None:
        self.update(f"MOVE SILENT GRAPH {self._iri(source)} TO {self._iri(target)}")

    def graphs(self) -> list[str]:
        return self._dataset_graphs()[0]

    def _dataset_graphs(self) -> tuple[list[str], list[str]]:
        """The data graphs, and the reasoner's scratch graphs (hidden from graphs())."""
        # GROUP BY, not DISTINCT: Virtuoso 7 answers DISTINCT ?g by scanning every quad
        # (3-4 s on a 10k-quad test database, against 2-7 ms grouped); the answer is the same.
        answer = self._connector.select_json(
            "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        bindings = answer["results"]["bindings"]
        names = sorted({b["g"]["value"] for b in bindings if "g" in b})
        ours = [n for n in names if not n.startswith((*ENGINE_GRAPHS, STAGING_PREFIX))]
        return ours, [n for n in names if n.startswith(STAGING_PREFIX)]

    def count(self, graph: str | None = None) -> int:
        graphs = [graph] if graph is not None else self.graphs()
        total = 0
        for name in graphs:
            rows = self.query(
                "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=[self._iri(name).value]
            )
            total += sum(int(row["n"].value) for row in rows)
        return total

    def dump(self, output: IO[bytes], fmt: ox.RdfFormat, graph: str | None = None) -> None:
        if graph is None and not fmt.supports_datasets:
            raise StoreError(f"{fmt.name} holds one graph; name a graph or use N-Quads/TriG")
        quads: list[ox.Quad] = []
        for name in [graph] if graph is not None else self.graphs():
            node = self._iri(name)
            triples = self.query("CONSTRUCT WHERE { ?s ?p ?o }", default_graph=[node.value])
            quads.extend(ox.Quad(t.subject, t.predicate, t.object, node) for t in triples)
        if fmt.supports_datasets:
            ox.serialize(quads, output, fmt)
        else:
            ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads], output, fmt)

    def load_file(self, path: Path, graph: str, fmt: ox.RdfFormat | None = None, *,
                  keep_graphs: bool = False) -> int:
        by_graph = read_rdf_file(path, graph, fmt, keep_graphs=keep_graphs)
        self.replace_graphs(by_graph)
        return sum(len(t) for t in by_graph.values())

    def close(self) -> None:
        """Nothing to release: every call is its own HTTP request."""

    def native_quads(self) -> NativeQuads:
        raise StoreError(f"{self.location} is a remote engine: no quad-level access")

    @staticmethod
    def _iri(name: str) -> ox.NamedNode:
        try:
            return ox.NamedNode(name)
        except ValueError as exc:
            raise StoreError(f"not a valid IRI: {name!r} ({exc})") from exc
