"""SPARQL 1.1 Graph Store HTTP Protocol at ``/store``.

Indirect identification (``/store?graph=IRI``, ``/store?default``) and direct
identification (``/store/<path>``: the graph's IRI is the request URL).
GET and HEAD are reads (CORS applies); PUT, POST and DELETE need the bearer
token and bring the inferred graph up to date.  ``?default`` is the store's
own default graph (queries see the union of all graphs by default).
"""

from __future__ import annotations

import time
import uuid
from urllib.parse import urljoin

import pyoxigraph as ox
from flask import Blueprint, Flask, Response, request
from flask.typing import ResponseReturnValue

from conflict_kg.server import context
from conflict_kg.server.http import protocol
from conflict_kg.server.http.format_choice import choose_format
from conflict_kg.server.http.formats import GRAPH_FORMATS
from conflict_kg.server.http.protocol import ProtocolError, cors_read
from conflict_kg.server.ops.metrics import metrics
from conflict_kg.server.sparql.engine import stream_query
from conflict_kg.server.sparql.writes import refresh_inferences
from conflict_kg.store.journal import drop_graph_journalled
from conflict_kg.store.rdf_input import UnsafeRdf, parse_dataset

bp = Blueprint("graph_store", __name__)

_GRAPH_CONTENT = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
_DEFAULT_CONTENT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
_SCRATCH = "urn:conflict-kg:gsp-scratch:"


def _target(direct: bool) -> tuple[bool, str | None]:
    """(named?, IRI); (False, None) is the default graph; raise when unspecified."""
    if direct:
        return True, request.base_url
    has_default, graph = "default" in request.args, request.args.get("graph")
    if has_default and graph is not None:
        raise ProtocolError(400, "give either ?graph=IRI or ?default, not both")
    if has_default:
        return False, None
    if graph is None:
        return True, None
    iri = urljoin(request.base_url, graph)
    try:
        ox.NamedNode(iri)
    except ValueError as exc:
        raise ProtocolError(400, f"graph: not an IRI: {graph!r} ({exc})") from exc
    return True, iri


def _exists(graph: str) -> bool:
    return graph in context.store().graphs()


def _content(graph: str) -> list[ox.Triple]:
    rows = context.store().query("SELECT * { GRAPH ?g { ?s ?p ?o } }",
                                 substitutions={"g": ox.NamedNode(graph)},
                                 union_default_graph=False)
    return [ox.Triple(r["s"], r["p"], r["o"]) for r in rows]


def _parse(data: bytes, mimetype: str, base: str) -> list[ox.Triple]:
    """The triples of one graph's content; a body that names graphs (N-Quads, TriG) is
    refused, so a write only ever touches the graph the request names."""
    fmt = ox.RdfFormat.from_media_type(mimetype) if mimetype else None
    if fmt is None:
        raise ProtocolError(415, f"unsupported RDF media type {mimetype!r}; use one of "
                                 + ", ".join(f.media_type for f in GRAPH_FORMATS))
    try:
        parsed = parse_dataset(data, fmt, base)
    except UnsafeRdf as exc:
        raise ProtocolError(400, str(exc)) from exc
    except (SyntaxError, ValueError) as exc:
        raise ProtocolError(400, f"cannot parse the {fmt.name} body: {exc}") from exc
    if parsed.named:
        raise ProtocolError(400, f"the body names {len(parsed.named)} graph(s) of its own; "
                                 "send the content of one graph (the request names it)")
    return parsed.default


def _body(base: str) -> list[ox.Triple]:
    if request.mimetype == "multipart/form-data":
        triples: list[ox.Triple] = []
        for upload in request.files.values():
            mimetype = upload.mimetype
            if not mimetype or mimetype == "application/octet-stream":
                guessed = ox.RdfFormat.from_extension((upload.filename or "").rpartition(".")[2])
                mimetype = guessed.media_type if guessed else ""
            triples += _parse(upload.read(), mimetype, base)
        return triples
    return _parse(request.get_data(), request.mimetype, base)


def _scratch() -> str:
    return _SCRATCH + uuid.uuid4().hex


def _read(named: bool, graph: str | None) -> Response:
    if named and graph is None:
        raise ProtocolError(400, "name a graph with ?graph=IRI, or ?default for the default graph")
    if named and graph is not None and not _exists(graph):
        raise ProtocolError(404, f"no graph <{graph}> in the store")
    fmt = choose_format(GRAPH_FORMATS)
    if request.method == "HEAD":
        return Response(b"", mimetype=fmt.media_type, headers={"Vary": "Accept"})
    if named and graph is not None:
        return stream_query(_GRAPH_CONTENT, fmt, "gsp", substitutions={"g": ox.NamedNode(graph)},
                            union=False, max_rows=0)
    return stream_query(_DEFAULT_CONTENT, fmt, "gsp", union=False, max_rows=0)


def _write(named: bool, graph: str | None) -> Response:
    protocol.require_token()
    store, ns = context.store(), context.namespace()
    method = request.method
    created = False
    if method == "POST" and named and graph is None:  # a new graph, named by the service
        graph = f"{ns.base}graph/uploaded/{uuid.uuid4().hex}"
        created = True
    if named and graph is None:
        raise ProtocolError(400, "name a graph with ?graph=IRI, or ?default for the default graph")
    triples = _body(graph or ns.base) if method in ("PUT", "POST") else []
    with protocol.write_lock():
        if not named:
            try:
                if method == "DELETE":
                    store.update("CLEAR SILENT DEFAULT")
                else:
                    scratch = _scratch()
                    store.replace_graph(scratch, triples)
                    verb = "MOVE" if method == "PUT" else "ADD"
                    try:
                        store.update(f"{verb} SILENT GRAPH <{scratch}> TO DEFAULT ; "
                                     f"DROP SILENT GRAPH <{scratch}>")
                    finally:
                        store.update(f"DROP SILENT GRAPH <{scratch}>")
            except SyntaxError as exc:
                # A remote engine refused the update this service wrote: Virtuoso 7 has
                # no default graph of its own to write (docs/scaling.md).
                raise ProtocolError(502, f"the store cannot write its default graph: {exc}"
                                    ) from exc
            return Response(status=204)
        assert graph is not None
        existed = _exists(graph)
        if method == "DELETE":
            if not existed:
                raise ProtocolError(404, f"no graph <{graph}> in the store")
            old = _content(graph)
            drop_graph_journalled(store, graph)
            refresh_inferences(store, ns, removed=old)
            return Response(status=204)
        if method == "PUT":
            old = _content(graph) if existed else []
            store.replace_graph(graph, triples)
            refresh_inferences(store, ns, added=[graph], removed=old)
        else:
            store.add_to_graph(graph, triples)
            refresh_inferences(store, ns, added=[graph])
    if created:
        return Response(status=201, headers={"Location": graph})
    return Response(status=204 if existed else 201)


def _handle(direct: bool) -> ResponseReturnValue:
    started = time.perf_counter()
    named, graph = _target(direct)
    if request.method in ("GET", "HEAD"):
        return _read(named, graph)
    response = _write(named, graph)
    metrics().observe("gsp", response.status_code, time.perf_counter() - started)
    return response


_METHODS = ["GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS"]


@bp.route("/store", methods=_METHODS)
@cors_read
def indirect() -> ResponseReturnValue:
    return _handle(direct=False)


@bp.route("/store/<path:_path>", methods=_METHODS)
@cors_read
def direct(_path: str) -> ResponseReturnValue:
    return _handle(direct=True)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
