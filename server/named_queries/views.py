"""Named analyst queries over HTTP: ``GET /queries`` and ``GET /queries/<name>?param=value``.

Parameter values are bound with ``store.query(..., substitutions=...)``, never
spliced into the query text.  Results as SPARQL JSON, CSV or HTML by Accept.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, Response, jsonify, render_template, request, url_for
from flask.typing import ResponseReturnValue

from conflict_kg.query_catalog import NamedQuery, ParamError, library
from conflict_kg.server import context
from conflict_kg.server.http.formats import SOLUTION_FORMATS, by_name
from conflict_kg.server.http.iris import IriMapper
from conflict_kg.server.http.negotiation import negotiate
from conflict_kg.server.http.protocol import cors_read
from conflict_kg.server.pages.data import Linker, Node
from conflict_kg.server.pages.queries import (
    PageQueryError,
    Solutions,
    select_for_page,
    within_deadline,
)
from conflict_kg.server.search.views import resolve_labels
from conflict_kg.server.sparql.engine import stream_query
from conflict_kg.store import GraphStore

bp = Blueprint("named_queries", __name__)

RESULTS_JSON = "application/sparql-results+json"
RESULT_TYPES = (RESULTS_JSON, "application/json", "text/csv", "text/html")


def _wants(offers: tuple[str, ...]) -> str | None:
    return negotiate(request.headers.get("Accept"), offers)


def describe(q: NamedQuery) -> dict[str, Any]:
    return {
        "name": q.name,
        "summary": q.summary,
        "description": q.description,
        "tags": list(q.tags),
        "url": url_for("named_queries.run_query", name=q.name),
        "params": [
            {"name": p.name, "type": p.type, "description": p.description,
             "example": p.example, "required": p.required}
            for p in q.params
        ],
    }


def _error(status: int, message: str) -> Response:
    response = jsonify(error=message)
    response.status_code = status
    return response


@bp.get("/queries")
@cors_read
def list_queries() -> ResponseReturnValue:
    queries = list(library().values())
    kind = _wants(("application/json", "text/html"))
    if kind == "text/html":
        return render_template("named_queries.html", queries=queries)
    if kind is None:
        return _error(406, "available as application/json or text/html")
    response = jsonify(queries=[describe(q) for q in queries])
    response.headers["Vary"] = "Accept"
    return response


@bp.get("/queries/<name>")
@cors_read
def run_query(name: str) -> ResponseReturnValue:
    query = library().get(name)
    if query is None:
        return _error(404, f"no analyst query named {name!r}")
    kind = _wants(RESULT_TYPES)
    if kind is None:
        return _error(406, "available as " + ", ".join(RESULT_TYPES))
    values = {p.name: request.args.get(p.name, "") for p in query.params}
    if kind == "text/html" and not request.args:
        values = query.example_values()  # a browser's first visit shows the example
    try:
        bindings = query.bindings(resolve_labels(query.params, values))
    except ParamError as exc:
        if kind == "text/html":
            return Response(render_template("named_query.html", q=query, values=values,
                                            error=str(exc), columns=[], rows=[]),
                            status=400, mimetype="text/html")
        return _error(400, str(exc))
    if kind != "text/html":
        # The /sparql path: the query timeout, the row cap, the concurrency
        # slots and the metrics apply to the analyst queries as well.
        fmt = by_name(SOLUTION_FORMATS, "csv" if kind == "text/csv" else "json")
        assert fmt is not None
        return stream_query(query.sparql, fmt, "select", substitutions=bindings)
    try:  # the same timeout and slots as /sparql; the table is capped for display
        found = select_for_page(query.sparql, bindings)
    except PageQueryError as exc:
        return Response(render_template("named_query.html", q=query, values=values,
                                        error=exc.message, columns=[], rows=[]),
                        status=exc.status, mimetype="text/html")
    try:  # the labels of the table's terms are queries too
        columns, rows = _table(found)
    except PageQueryError as exc:
        return Response(render_template("named_query.html", q=query, values=values,
                                        error=exc.message, columns=[], rows=[]),
                        status=exc.status, mimetype="text/html")
    html = render_template("named_query.html", q=query, values=values, error=None,
                           columns=columns, rows=rows, truncated=found.truncated)
    response = Response(html, mimetype="text/html")
    response.headers["Vary"] = "Accept"
    return response


def _table(found: Solutions) -> tuple[list[str], list[list[Node | None]]]:
    ns, mapper = context.namespace(), IriMapper(context.settings().base_iri, request.script_root)
    names = found.variables
    # The HTML table links IRIs by their labels, so "xLabel" beside "x" says it twice.
    keep = [i for i, c in enumerate(names)
            if not (c.endswith("Label") and c[: -len("Label")] in names)]

    def label(store: GraphStore) -> list[list[Node | None]]:
        linker = Linker(store, ns, mapper)
        return [[None if row[i] is None else linker.node(row[i]) for i in keep]
                for row in found.rows]

    return [names[i] for i in keep], within_deadline(label, "select")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
