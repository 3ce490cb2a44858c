"""SPARQL 1.1 Service Description (GET ``/sparql``) and VoID (``/.well-known/void``)."""

from __future__ import annotations

import hashlib

import pyoxigraph as ox
from flask import Blueprint, Flask, Response, request
from flask.typing import ResponseReturnValue

from conflict_kg import version
from conflict_kg.server import context
from conflict_kg.server.http.format_choice import choose_format
from conflict_kg.server.http.formats import GRAPH_FORMATS, Format
from conflict_kg.server.http.protocol import cors_read, write_lock
from conflict_kg.server.sparql.results import write_triples

bp = Blueprint("service_description", __name__)

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
FORMATS = "http://www.w3.org/ns/formats/"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"  # as in ontology/alignments.ttl
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
PREFIXES = {"sd": SD, "void": VOID, "formats": FORMATS, "dcterms": DCTERMS, "schema": SCHEMA}
_RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                   "SPARQL_Results_TSV", "Turtle", "N-Triples", "N-Quads", "TriG", "JSON-LD",
                   "RDF_XML")


def _iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def _endpoint() -> ox.NamedNode:
    try:
        return ox.NamedNode(request.host_url + "sparql")
    except ValueError:  # a Host header that makes no IRI
        return ox.NamedNode(str(context.settings().base_iri) + "sparql")


def _negotiated() -> Format:
    """The RDF format the request accepts (406 otherwise), chosen before any counting."""
    return choose_format(GRAPH_FORMATS)


def _respond(triples: list[ox.Triple], fmt: Format) -> Response:
    chunks: list[bytes] = []
    write_triples(fmt, iter(triples), chunks.append, prefixes=PREFIXES)
    return Response(b"".join(chunks), mimetype=fmt.media_type, headers={"Vary": "Accept"})


def _graph_counts() -> list[tuple[str, int]]:
    """Triples per named graph (a full scan: cached until the next write)."""
    store = context.store()

    def compute() -> list[tuple[str, int]]:
        rows = store.query(
            "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
            union_default_graph=False,
        )
        return [(row["g"].value, int(row["n"].value)) for row in rows]

    result: list[tuple[str, int]] = write_lock().cached("graph_counts", compute)
    return result


def _node(kind: str, graph: str = "") -> ox.BlankNode:
    """A blank node labelled by what it stands for: the same description serializes to the
    same bytes (and the same ETag) until the store changes."""
    if not graph:
        return ox.BlankNode(kind)
    return ox.BlankNode(kind + hashlib.sha1(graph.encode(), usedforsecurity=False).hexdigest()[:20])


def _dataset_triples(dataset: ox.BlankNode | ox.NamedNode) -> list[ox.Triple]:
    triples = [ox.Triple(dataset, RDF_TYPE, _iri(VOID + "Dataset"))]
    total = 0
    for graph, count in _graph_counts():
        total += count
        node = _node("subset", graph)
        triples += [
            ox.Triple(dataset, _iri(VOID + "subset"), node),
            ox.Triple(node, RDF_TYPE, _iri(SD + "NamedGraph")),
            ox.Triple(node, _iri(SD + "name"), _iri(graph)),
            ox.Triple(node, _iri(VOID + "triples"), ox.Literal(str(count), datatype=XSD_INTEGER)),
        ]
    triples.append(
        ox.Triple(dataset, _iri(VOID + "triples"), ox.Literal(str(total), datatype=XSD_INTEGER)))
    return triples


def describe_service() -> Response:
    """The Service Description of this endpoint, in a negotiated RDF format."""
    fmt = _negotiated()
    service = _node("service")
    endpoint = _endpoint()
    t = ox.Triple
    triples = [
        t(service, RDF_TYPE, _iri(SD + "Service")),
        t(service, _iri(SD + "endpoint"), endpoint),
        t(service, _iri(SD + "supportedLanguage"), _iri(SD + "SPARQL11Query")),
        t(service, _iri(SD + "supportedLanguage"), _iri(SD + "SPARQL11Update")),
        t(service, _iri(SD + "feature"), _iri(SD + "UnionDefaultGraph")),
        # The version of the software answering (schema:softwareVersion takes a plain
        # literal; dcterms:hasVersion would want a resource, not a version string).
        t(service, _iri(SCHEMA + "softwareVersion"), ox.Literal(version())),
    ]
    if context.settings().federation_allow:
        triples.append(t(service, _iri(SD + "feature"), _iri(SD + "BasicFederatedQuery")))
    triples += [t(service, _iri(SD + "resultFormat"), _iri(FORMATS + name))
                for name in _RESULT_FORMATS]
    dataset = _node("dataset")
    default_graph = _node("defaultGraph")
    triples += [
        t(service, _iri(SD + "defaultDataset"), dataset),
        t(dataset, RDF_TYPE, _iri(SD + "Dataset")),
        t(dataset, _iri(SD + "defaultGraph"), default_graph),
        t(default_graph, RDF_TYPE, _iri(SD + "Graph")),
        t(default_graph, _iri(DCTERMS + "description"),
          ox.Literal("The union of all named graphs (queries), as a set: a triple in "
                     "several graphs is one triple; the store's own default graph for "
                     "updates and the graph store protocol.")),
    ]
    for graph, count in _graph_counts():
        node = _node("namedGraph", graph)
        graph_node = _node("graph", graph)
        triples += [
            t(dataset, _iri(SD + "namedGraph"), node),
            t(node, _iri(SD + "name"), _iri(graph)),
            t(node, _iri(SD + "graph"), graph_node),
            t(graph_node, RDF_TYPE, _iri(SD + "Graph")),
            t(graph_node, _iri(VOID + "triples"), ox.Literal(str(count), datatype=XSD_INTEGER)),
        ]
    return _respond(triples, fmt)


@bp.route("/.well-known/void", methods=["GET", "HEAD", "OPTIONS"])
@cors_read
def void() -> ResponseReturnValue:
    fmt = _negotiated()
    dataset = ox.NamedNode(request.host_url + ".well-known/void#dataset") \
        if request.host_url.startswith("http") else _node("dataset")
    triples = _dataset_triples(dataset)
    triples.append(ox.Triple(dataset, _iri(VOID + "sparqlEndpoint"), _endpoint()))
    triples.append(ox.Triple(dataset, _iri(VOID + "uriSpace"),
                             ox.Literal(str(context.settings().base_iri) + "id/")))
    return _respond(triples, fmt)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
