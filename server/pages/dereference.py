"""Dereferencing: every IRI of the data and ontology namespaces resolves here by path.

``/id/<path>`` names ``<base_iri>id/<path>``; ``/ontology`` the ontology
namespace (its terms are ``/ontology#Term``); ``/ontology/<module>`` one
module.  HTML for browsers, RDF by ``Accept`` (Turtle, JSON-LD, N-Triples,
RDF/XML, TriG and N-Quads keep the graph of each triple), and suffix twins
``.ttl``/``.jsonld``/``.nt``/``.rdf``/``.trig``/``.nq``/``.html``.
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
from flask import Blueprint, Flask, Response, abort, redirect, request
from flask.typing import ResponseReturnValue

from conflict_kg.namespaces import ONTOLOGY
from conflict_kg.server import context
from conflict_kg.server.http.iris import IriMapper
from conflict_kg.server.http.protocol import cors_read
from conflict_kg.server.linked_data.describe import (
    describe,
    describe_module,
    describe_ontology,
    described,
    module_file,
    named_node,
)
from conflict_kg.server.linked_data.formats import (
    BY_SUFFIX,
    FORMATS,
    HTML,
    Format,
    choose,
    serialize,
)
from conflict_kg.server.pages import routes
from conflict_kg.server.pages.queries import PageQueryError, within_deadline

bp = Blueprint("linked_data", __name__)


def mapper() -> IriMapper:
    return IriMapper(context.settings().base_iri, request.script_root)


def _split_suffix(path: str) -> tuple[str, Format | None]:
    stem, dot, ext = path.rpartition(".")
    if dot and ext in BY_SUFFIX and stem:
        return stem, BY_SUFFIX[ext]
    return path, None


def _alternates(m: IriMapper, iri: str) -> str:
    links = []
    for fmt in FORMATS:
        twin = m.twin(iri, fmt.suffix)
        if twin:
            links.append(f'<{twin}>; rel="alternate"; type="{fmt.media_type}"')
    return ", ".join(links)


def _not_acceptable() -> Response:
    offered = ", ".join(f.media_type for f in FORMATS)
    return Response(f"406 Not Acceptable: this resource is available as {offered}\n",
                    status=406, mimetype="text/plain", headers={"Vary": "Accept"})


def respond(iri: str, quads: list[ox.Quad], forced: Format | None,
            html: Callable[[list[ox.Quad]], str]) -> Response:
    """The negotiated (or suffix-forced) representation of a described resource."""
    m = mapper()
    fmt = forced or choose(request.headers.get("Accept", ""))
    if fmt is None:
        return _not_acceptable()
    if fmt is HTML:
        response = Response(html(quads), mimetype="text/html")
    else:
        body = serialize(quads, fmt, context.settings().base_iri)
        response = Response(body, mimetype=fmt.media_type)
    response.headers["Vary"] = "Accept"
    response.headers["Link"] = _alternates(m, iri)
    if forced is None:
        twin = m.twin(iri, fmt.suffix)
        if twin:
            response.headers["Content-Location"] = twin
    return response


def _look_up(iri: str, forced: Format | None) -> list[ox.Quad] | bool:
    """The description of ``iri`` for RDF; for the HTML page only whether there is one
    (the page reads what it shows)."""
    if (forced or choose(request.headers.get("Accept", ""))) is HTML:
        return within_deadline(lambda store: described(store, iri), "describe")
    return within_deadline(lambda store: describe(store, iri), "describe")


@bp.get("/id/<path:rest>")
@cors_read
def data_resource(rest: str) -> ResponseReturnValue:
    m = mapper()
    path, forced = _split_suffix(rest)
    iri = m.data_iri(path)
    try:  # the description and the page run under the query deadline
        found = _look_up(iri, forced)
        if not found and forced is not None:  # a dot that is part of the IRI itself
            iri, forced = m.data_iri(rest), None
            found = _look_up(iri, forced)
        if not found:
            return routes.not_found(iri)
        quads = found if isinstance(found, list) else []
        return respond(iri, quads, forced, lambda _: routes.render_resource(iri))
    except PageQueryError as exc:
        return routes.unavailable(exc)


@bp.get("/ontology")
@bp.get("/ontology.<ext>")
@cors_read
def ontology(ext: str | None = None) -> ResponseReturnValue:
    forced = None
    if ext is not None:
        forced = BY_SUFFIX.get(ext)
        if forced is None:
            abort(404)
    iri = IriMapper.ontology_iri()
    quads = describe_ontology(context.store(), context.namespace())
    return respond(iri, quads, forced, lambda q: routes.render_ontology(q))


@bp.get("/ontology/<path:rest>")
@cors_read
def ontology_module(rest: str) -> ResponseReturnValue:
    path, forced = _split_suffix(rest)
    name, _, version = path.partition("/")
    if module_file(name) is None:
        term = named_node(ONTOLOGY + name) if not version else None
        if term is not None and forced is None and _is_term(term):
            return redirect(f"{request.script_root}/ontology#{name}", code=303)
        return routes.not_found(IriMapper.ontology_iri(rest))
    quads = describe_module(name, context.namespace(), version or None)
    if not quads:
        return routes.not_found(IriMapper.ontology_iri(rest))
    iri = IriMapper.ontology_iri(path)
    return respond(iri, quads, forced, lambda q: routes.render_module(name, iri, q))


def _is_term(term: ox.NamedNode) -> bool:
    return bool(context.store().query("ASK { ?t ?p ?o }", substitutions={"t": term}))


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
