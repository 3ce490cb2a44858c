"""SPARQL 1.1 query endpoint at ``/sparql`` (first slice: SELECT/ASK as JSON)."""

from __future__ import annotations

import io

import pyoxigraph as ox
from flask import Blueprint, Flask, Response, jsonify, request
from flask.typing import ResponseReturnValue

from server import context

bp = Blueprint("sparql", __name__)

RESULTS_JSON = "application/sparql-results+json"


def _error(status: int, message: str) -> ResponseReturnValue:
    return jsonify(error=message), status


@bp.route("/sparql", methods=["GET", "POST"])
def sparql() -> ResponseReturnValue:
    if request.method == "POST" and request.mimetype == "application/sparql-query":
        query = request.get_data(as_text=True)
    else:
        query = request.values.get("query", "")
    if not query.strip():
        return _error(400, "missing 'query' parameter")
    try:
        results = context.store().query(query)
    except SyntaxError as exc:
        return _error(400, f"malformed query: {exc}")
    out = io.BytesIO()
    if isinstance(results, ox.QueryTriples):
        results.serialize(out, ox.RdfFormat.N_TRIPLES)
        return Response(out.getvalue(), mimetype="application/n-triples")
    results.serialize(out, ox.QueryResultsFormat.JSON)
    return Response(out.getvalue(), mimetype=RESULTS_JSON)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
