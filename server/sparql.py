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

import functools
import logging
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeVar
from urllib.parse import parse_qsl

import pyoxigraph as ox
from flask import Blueprint, Flask, Response, request
from flask.typing import ResponseReturnValue

from conflict_kg.server import context, protocol, state
from conflict_kg.server.execution import Busy, Execution, QueryRunner, QueryTimeout
from conflict_kg.server.format_choice import choose_format
from conflict_kg.server.formats import BOOLEAN_FORMATS, GRAPH_FORMATS, SOLUTION_FORMATS, Format
from conflict_kg.server.metrics import metrics
from conflict_kg.server.protocol import ProtocolError, error_response
from conflict_kg.server.result_cache import CachedAnswer, answer_key, result_cache
from conflict_kg.server.results import write_boolean, write_solutions, write_triples
from conflict_kg.server.service_description import describe_service
from conflict_kg.server.sparql_guard import (
    Limits,
    Outbound,
    Refused,
    canonical_text,
    check_complexity,
    outbound_calls,
)
from conflict_kg.server.sparql_text import (
    Analysis,
    UsingConflict,
    add_using,
    analyze,
    update_targets,
)
from conflict_kg.server.writes import refresh_inferences
from conflict_kg.store import StoreError

T = TypeVar("T")

log = logging.getLogger(__name__)
bp = Blueprint("sparql", __name__)

EMPTY_GRAPH = "urn:conflict-kg:empty-default-graph"
BUFFER_BYTES = 256 * 1024
FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"


def runner() -> QueryRunner:
    return state.current().runner


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


# --- safety checks ------------------------------------------------------------


def _limits() -> Limits:
    settings = context.settings()
    return Limits(settings.max_query_bytes, settings.max_query_depth,
                  settings.max_query_patterns)


_ANALYSIS_CACHE_TEXT = 8192  # longer texts are checked and analysed on each request


@functools.lru_cache(maxsize=512)
def _admitted(text: str, limits: Limits) -> str:
    canonical = canonical_text(text)
    check_complexity(canonical, limits)
    return canonical  # only admitted texts are remembered: a refusal raises


def admit(text: str) -> str:
    """The text the store will run, once it passed the gate (see sparql_guard).

    Remembered for recent texts up to 8 KB (clients repeat theirs)."""
    try:
        if len(text) <= _ANALYSIS_CACHE_TEXT:
            return _admitted(text, _limits())
        canonical = canonical_text(text)
        check_complexity(canonical, _limits())
    except Refused as exc:
        raise ProtocolError(exc.status, exc.message) from exc
    return canonical


@functools.lru_cache(maxsize=256)
def _calls(text: str, kind: Literal["query", "update"]) -> Outbound:
    return outbound_calls(text, kind)  # a refusal raises and is not remembered


def check_outbound(text: str, kind: Literal["query", "update"]) -> Outbound:
    """Refuse SERVICE calls outside the allow-list, and every LOAD (read from a parse)."""
    try:
        calls = (_calls(text, kind) if len(text) <= _ANALYSIS_CACHE_TEXT
                 else outbound_calls(text, kind))
    except Refused as exc:
        raise ProtocolError(exc.status, exc.message) from exc
    allowed = set(context.settings().federation_allow)
    if calls.dynamic_service:
        raise ProtocolError(400, "SERVICE with a variable or unresolvable endpoint is refused: "
                                 "federation is limited to the federation_allow list")
    for iri in calls.services:
        if iri not in allowed:
            raise ProtocolError(
                400, f"SERVICE <{iri}> is refused: this endpoint makes no outbound requests "
                     "except to endpoints in the federation_allow setting")
    if calls.loads:
        raise ProtocolError(400, "LOAD is refused: this service fetches nothing from the "
                                 "network; send data with the graph store protocol (/store)")
    return calls


def base_iri() -> str:
    return str(context.settings().base_iri) + "sparql"


def with_base(text: str, analysis: Analysis) -> str:
    """Give relative IRIs a base (the service's, as the protocol allows)."""
    if analysis.has_relative_iris and not analysis.has_base:
        return f"BASE <{base_iri()}> {text}"
    return text


# --- queries ------------------------------------------------------------------


def _formats_for(form: str | None) -> tuple[Format, ...]:
    if form in ("CONSTRUCT", "DESCRIBE"):
        return GRAPH_FORMATS
    if form == "ASK":
        return BOOLEAN_FORMATS
    return SOLUTION_FORMATS


def _capped(items: Iterable[T], run: Execution) -> Iterator[T]:
    """Results up to the row cap, checking the deadline between items."""
    count = 0
    for item in items:
        run.check()
        if run.max_rows and count >= run.max_rows:
            run.truncated = True
            return
        count += 1
        yield item


def stream_query(
    text: str,
    fmt: Format,
    kind: str,
    *,
    default_graph: list[str] | None = None,
    named_graphs: list[str] | None = None,
    union: bool = True,
    substitutions: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
    max_rows: int | None = None,
    federated: bool = False,
) -> Response:
    """Evaluate ``text`` on a worker with the deadline and stream it as ``fmt``.

    A complete answer that fits the first buffer is kept in the result cache
    (unless the query calls NOW(), RAND()... or SERVICE) and served again
    until the next write."""
    store = context.store()
    started = time.perf_counter()
    cache = result_cache()
    generation = protocol.write_lock().generation  # before evaluating: see result_cache
    key = None
    if cache.enabled and not federated and not analyze_query(text).volatile:
        key = answer_key(text, fmt.media_type, default_graph=default_graph,
                         named_graphs=named_graphs, union=union, substitutions=substitutions,
                         max_rows=max_rows)
        directives = _cache_directives()
        if "no-cache" not in directives and "no-store" not in directives:
            hit = cache.get(key, generation)
            if hit is not None:
                metrics().observe(kind, 200, time.perf_counter() - started)
                return Response(hit.body, status=200, mimetype=hit.media_type,
                                headers=[*hit.headers, ("X-Result-Cache", "hit")])
        if "no-store" in directives:
            key = None

    def produce(run: Execution) -> None:
        results = store.query(text, substitutions=substitutions, union_default_graph=union,
                              default_graph=default_graph, named_graphs=named_graphs)
        if isinstance(results, ox.QuerySolutions):
            if fmt.rdf is not None:
                raise ProtocolError(406, "a SELECT query gives solutions, not RDF")
            variables = [v.value for v in results.variables]
            rows = (list(solution) for solution in _capped(results, run))
            write_solutions(fmt, variables, rows, run.write,
                            truncated=lambda: run.truncated)
        elif isinstance(results, ox.QueryTriples):
            if fmt.rdf is None:
                raise ProtocolError(406, "a CONSTRUCT/DESCRIBE query gives RDF, not solutions")
            write_triples(fmt, _capped(results, run), run.write)
        else:
            write_boolean(fmt, bool(results), run.write)

    try:
        run = runner().start(produce, max_rows=max_rows, client=context.client_address())
    except Busy as exc:
        metrics().observe(kind, exc.status, time.perf_counter() - started)
        return error_response(exc.status, str(exc), {"Retry-After": "1"})
    try:
        chunks, complete = run.first(BUFFER_BYTES)
    except QueryTimeout as exc:
        runner().abandon(run)
        metrics().observe(kind, 503, time.perf_counter() - started)
        return error_response(503, str(exc))
    except SyntaxError as exc:
        metrics().observe(kind, 400, time.perf_counter() - started)
        return error_response(400, f"malformed query: {exc}")
    except ProtocolError as exc:
        metrics().observe(kind, exc.status, time.perf_counter() - started)
        return error_response(exc.status, exc.message)
    except StoreError as exc:  # a remote store (see the store setting) failed
        metrics().observe(kind, 502, time.perf_counter() - started)
        if federated:  # the remote engine makes the SERVICE call: it may be what failed
            return error_response(502, f"a federated (SERVICE) query failed in the store: {exc}")
        return error_response(502, f"the store failed: {exc}")
    except (ValueError, OSError, RuntimeError) as exc:
        status = 502 if federated else 500
        metrics().observe(kind, status, time.perf_counter() - started)
        log.warning("query evaluation failed: %s", exc)
        if federated:
            return error_response(502, f"a federated (SERVICE) endpoint failed: {exc}")
        return error_response(500, f"query evaluation failed: {exc}")
    headers = {"Vary": "Accept"}
    mimetype = fmt.media_type
    if complete:
        if run.truncated:
            headers["X-Result-Truncated"] = f"results cut at {run.max_rows} (max_result_rows)"
        body = b"".join(chunks)
        if key is not None:
            cache.put(key, generation, CachedAnswer.of(body, mimetype, headers))
            headers["X-Result-Cache"] = "miss"
        response = Response(body, status=200, mimetype=mimetype, headers=headers)
        observe = metrics().observe
        response.call_on_close(lambda: observe(kind, 200, time.perf_counter() - started))
        return response
    observe = metrics().observe

    def stream() -> Iterator[bytes]:
        outcome: int | str = 200
        try:
            yield from chunks
            yield from run.rest()
        except QueryTimeout:
            outcome = "timeout"
            log.warning("query timed out while streaming; the response is cut")
            raise
        except GeneratorExit:
            outcome = "aborted"
            raise
        finally:
            run.cancel()
            observe(kind, outcome, time.perf_counter() - started)

    return Response(stream(), status=200, mimetype=mimetype, headers=headers)


def _cache_directives() -> set[str]:
    """The request's Cache-Control directives (and HTTP/1.0's ``Pragma: no-cache``)."""
    header = request.headers.get("Cache-Control", "")
    directives = {d.strip().split("=", 1)[0].lower() for d in header.split(",") if d.strip()}
    if "no-cache" in request.headers.get("Pragma", "").lower():
        directives.add("no-cache")
    return directives




@functools.lru_cache(maxsize=512)
def _analyze_cached(text: str) -> Analysis:
    return analyze(text)


def analyze_query(text: str) -> Analysis:
    """:func:`analyze`, remembered for recent query texts (clients repeat theirs).

    The analysis is a pure function of the text; callers only read it."""
    return _analyze_cached(text) if len(text) <= _ANALYSIS_CACHE_TEXT else analyze(text)


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
    settings = state.of(app).settings
    state.of(app).runner = QueryRunner(
        slots=settings.max_concurrent_queries,
        timeout=settings.query_timeout,
        max_rows=settings.max_result_rows,
        per_client=settings.max_queries_per_client,
        queue_seconds=settings.query_queue_seconds,
    )
    app.register_blueprint(bp)
