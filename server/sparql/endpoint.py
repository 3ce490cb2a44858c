"""SPARQL 1.1 Protocol at ``/sparql`` (query and update) and ``/update``.

* query: GET ``?query=``, POST form (``application/x-www-form-urlencoded``),
  POST direct (``application/sparql-query``); ``default-graph-uri`` and
  ``named-graph-uri``; without them the default graph is the union of all
  graphs (unless the query says ``FROM``);
* results chosen by ``Accept`` (q-values, wildcards; 406 when nothing fits) or
  by the ``format`` parameter; streamed from a worker thread with a deadline;
* update: POST form ``update=`` or ``application/sparql-update``, bearer token
  required, ``using-graph-uri`` / ``using-named-graph-uri``;
* GET ``/sparql`` without a query: the Service Description.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

import pyoxigraph as ox
from flask import Blueprint, Flask, Response, request
from flask.typing import ResponseReturnValue

from conflict_kg.server import context
from conflict_kg.server.http import protocol
from conflict_kg.server.http.format_choice import choose_format
from conflict_kg.server.http.formats import BOOLEAN_FORMATS, GRAPH_FORMATS, SOLUTION_FORMATS, Format
from conflict_kg.server.http.protocol import ProtocolError, error_response
from conflict_kg.server.ops.metrics import metrics
from conflict_kg.server.sparql.engine import (
    admit,
    analyze_query,
    check_outbound,
    stream_query,
    with_base,
)
from conflict_kg.server.sparql.service_description import describe_service
from conflict_kg.server.sparql.text import (
    UsingConflict,
    add_using,
    analyze,
    update_targets,
)
from conflict_kg.server.sparql.writes import refresh_inferences

log = logging.getLogger(__name__)
bp = Blueprint("sparql", __name__)

EMPTY_GRAPH = "urn:conflict-kg:empty-default-graph"
FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"


# --- reading the protocol request ---------------------------------------------


@dataclass
class Operation:
    kind: str  # "query" or "update"
    text: str
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)


def _one(values: list[str], name: str) -> str:
    if len(values) > 1:
        raise ProtocolError(400, f"give exactly one '{name}' parameter ({len(values)} given)")
    return values[0]


def _iris(values: list[str], name: str) -> list[str]:
    for value in values:
        try:
            ox.NamedNode(value)
        except ValueError as exc:
            raise ProtocolError(400, f"{name}: not an absolute IRI: {value!r} ({exc})") from exc
    return values


def _charset_ok() -> None:
    charset = request.mimetype_params.get("charset")
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise ProtocolError(415, f"SPARQL text must be UTF-8 (charset={charset} given)")


def _body_text() -> str:
    _charset_ok()
    try:
        return request.get_data().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, f"request body is not valid UTF-8: {exc}") from exc


def _strict_pairs(encoded: bytes, where: str) -> None:
    """Refuse URL-encoded parameters that are not UTF-8 once decoded (werkzeug would
    quietly replace the bad bytes with U+FFFD and run a different text)."""
    try:
        parse_qsl(encoded.decode("utf-8"), keep_blank_values=True, encoding="utf-8",
                  errors="strict")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, f"{where} is not valid UTF-8 once URL-decoded: {exc}") from exc


def read_operation(allow_query: bool = True) -> Operation | None:
    """The operation a protocol request carries; ``None`` for a bare GET."""
    args = request.args
    _strict_pairs(request.query_string, "the query string")
    if request.method in ("GET", "HEAD"):
        if "update" in args:
            raise ProtocolError(400, "updates must be sent with POST, never GET")
        if "query" not in args:
            return None
        return Operation("query", _one(args.getlist("query"), "query"),
                         _iris(args.getlist("default-graph-uri"), "default-graph-uri"),
                         _iris(args.getlist("named-graph-uri"), "named-graph-uri"))
    mimetype = request.mimetype
    if mimetype == FORM:
        _charset_ok()
        _strict_pairs(request.get_data(), "the form body")  # cached: the form is parsed from it
        form = request.form
        queries, updates = form.getlist("query"), form.getlist("update")
        if queries and updates:
            raise ProtocolError(400, "give either 'query' or 'update', not both")
        values = request.values
        if updates or not allow_query:
            if not updates:
                raise ProtocolError(400, "missing 'update' parameter")
            return Operation("update", _one(updates, "update"),
                             _iris(values.getlist("using-graph-uri"), "using-graph-uri"),
                             _iris(values.getlist("using-named-graph-uri"),
                                   "using-named-graph-uri"))
        if not queries:
            raise ProtocolError(400, "missing 'query' or 'update' parameter")
        return Operation("query", _one(queries, "query"),
                         _iris(values.getlist("default-graph-uri"), "default-graph-uri"),
                         _iris(values.getlist("named-graph-uri"), "named-graph-uri"))
    if mimetype == QUERY_TYPE and allow_query:
        return Operation("query", _body_text(),
                         _iris(args.getlist("default-graph-uri"), "default-graph-uri"),
                         _iris(args.getlist("named-graph-uri"), "named-graph-uri"))
    if mimetype == UPDATE_TYPE:
        return Operation("update", _body_text(),
                         _iris(args.getlist("using-graph-uri"), "using-graph-uri"),
                         _iris(args.getlist("using-named-graph-uri"), "using-named-graph-uri"))
    if not mimetype:
        raise ProtocolError(400, "POST needs a Content-Type: application/sparql-query, "
                                 "application/sparql-update or application/x-www-form-urlencoded")
    expected = (f"{QUERY_TYPE}, {UPDATE_TYPE} or {FORM}" if allow_query
                else f"{UPDATE_TYPE} or {FORM}")
    raise ProtocolError(415, f"unsupported Content-Type {mimetype!r}: use {expected}")


# --- queries ------------------------------------------------------------------


def _formats_for(form: str | None) -> tuple[Format, ...]:
    if form in ("CONSTRUCT", "DESCRIBE"):
        return GRAPH_FORMATS
    if form == "ASK":
        return BOOLEAN_FORMATS
    return SOLUTION_FORMATS


def run_query(op: Operation) -> Response:
    text = admit(op.text)
    analysis = analyze_query(text)
    text = with_base(text, analysis)
    calls = check_outbound(text, "query")
    kind = (analysis.form or "query").lower()
    fmt = choose_format(_formats_for(analysis.form))
    default_graph: list[str] | None = None
    named: list[str] | None = None
    union = not analysis.has_dataset_clause
    if op.default_graphs or op.named_graphs:
        default_graph = op.default_graphs or [EMPTY_GRAPH]
        named = op.named_graphs or None
        if op.default_graphs and not op.named_graphs:
            named = []  # the protocol's dataset: only the given graphs
        union = False
    return stream_query(text, fmt, kind, default_graph=default_graph,
                        named_graphs=named, union=union, federated=bool(calls.services))


# --- updates ------------------------------------------------------------------


def _graph_triples(graph: str) -> set[ox.Triple]:
    rows = context.store().query("SELECT * { GRAPH ?g { ?s ?p ?o } }",
                                 substitutions={"g": ox.NamedNode(graph)},
                                 union_default_graph=False)
    return {ox.Triple(r["s"], r["p"], r["o"]) for r in rows}


def run_update(op: Operation) -> Response:
    protocol.require_token()
    started = time.perf_counter()
    text = admit(op.text)
    analysis = analyze(text)
    try:
        text = add_using(text, op.default_graphs, op.named_graphs)
    except UsingConflict as exc:
        raise ProtocolError(400, str(exc)) from exc
    except ValueError as exc:
        raise ProtocolError(400, f"malformed update: {exc}") from exc
    text = with_base(text, analysis)
    check_outbound(text, "update")
    store, ns = context.store(), context.namespace()
    targets = update_targets(text)
    if targets is not None:
        targets.discard(ns.inferred_graph)
        try:
            for graph in targets:
                ox.NamedNode(graph)
        except ValueError:
            targets = None
    with protocol.write_lock():
        before = {g: _graph_triples(g) for g in targets or ()}
        try:
            store.update(text)
        except SyntaxError as exc:
            metrics().observe("update", 400, time.perf_counter() - started)
            return error_response(400, f"malformed update: {exc}")
        except RuntimeError as exc:
            # The store refuses an operation on the graphs as they are (CREATE GRAPH of a
            # graph that exists, DROP/CLEAR/MOVE of one that does not): the client's error.
            metrics().observe("update", 409, time.perf_counter() - started)
            return error_response(409, f"update failed: {exc}")
        except ValueError as exc:
            metrics().observe("update", 400, time.perf_counter() - started)
            return error_response(400, f"update failed: {exc}")
        except OSError as exc:
            metrics().observe("update", 500, time.perf_counter() - started)
            return error_response(500, f"update failed: {exc}")
        if targets is None:  # which graphs changed cannot be told: recompute
            refresh_inferences(store, ns, full=True)
        else:
            after = {g: _graph_triples(g) for g in targets}
            removed = [t for g in targets for t in before[g] - after[g]]
            added = [g for g in targets if after[g] - before[g]]
            if added or removed:
                refresh_inferences(store, ns, added=added, removed=removed)
    metrics().observe("update", 204, time.perf_counter() - started)
    return Response(status=204)


# --- views --------------------------------------------------------------------


@bp.route("/sparql", methods=["GET", "POST", "HEAD", "OPTIONS"])
@bp.route("/sparql/", methods=["GET", "POST", "HEAD", "OPTIONS"])
def sparql() -> ResponseReturnValue:
    if request.method == "OPTIONS":
        return protocol.preflight()
    op = read_operation()
    if op is None:
        return protocol.add_cors(describe_service())
    if op.kind == "update":
        return run_update(op)
    return protocol.add_cors(run_query(op))


@bp.post("/update")
def update() -> ResponseReturnValue:
    op = read_operation(allow_query=False)
    assert op is not None and op.kind == "update"
    return run_update(op)


@bp.route("/update", methods=["GET", "PUT", "DELETE"])
def update_wrong_method() -> ResponseReturnValue:
    raise ProtocolError(405, "send updates with POST", {"Allow": "POST"})


@bp.route("/sparql", methods=["PUT", "DELETE", "PATCH"])
def sparql_wrong_method() -> ResponseReturnValue:
    raise ProtocolError(405, "the SPARQL protocol uses GET and POST", {"Allow": "GET, POST"})


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
