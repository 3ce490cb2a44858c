"""The query engine: admission, outbound checks and streamed evaluation under the deadline.

Every surface that runs a SPARQL query (``/sparql``, the graph store, pages,
named queries) goes through :func:`stream_query` or :func:`runner`, so the
query gate, the evaluation slots, the result cache and the metrics are the
same for all of them.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Iterable, Iterator, Mapping
from typing import Literal, TypeVar

import pyoxigraph as ox
from flask import Flask, Response, request

from conflict_kg.server import context, state
from conflict_kg.server.http import protocol
from conflict_kg.server.http.formats import Format
from conflict_kg.server.http.protocol import ProtocolError, error_response
from conflict_kg.server.ops.metrics import metrics
from conflict_kg.server.sparql.cache import CachedAnswer, answer_key, result_cache
from conflict_kg.server.sparql.execution import Busy, Execution, QueryRunner, QueryTimeout
from conflict_kg.server.sparql.guard import (
    Limits,
    Outbound,
    Refused,
    canonical_text,
    check_complexity,
    outbound_calls,
)
from conflict_kg.server.sparql.results import write_boolean, write_solutions, write_triples
from conflict_kg.server.sparql.text import Analysis, analyze
from conflict_kg.store import StoreError

T = TypeVar("T")

log = logging.getLogger(__name__)
BUFFER_BYTES = 256 * 1024


def runner() -> QueryRunner:
    return state.current().runner


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


def init_app(app: Flask) -> None:
    settings = state.of(app).settings
    state.of(app).runner = QueryRunner(
        slots=settings.max_concurrent_queries,
        timeout=settings.query_timeout,
        max_rows=settings.max_result_rows,
        per_client=settings.max_queries_per_client,
        queue_seconds=settings.query_queue_seconds,
    )
    state.of(app).metrics.register(_runner_lines)


def _runner_lines() -> list[str]:
    run = state.current().runner
    return [
        "# HELP conflict_kg_sparql_running Evaluations running now.",
        "# TYPE conflict_kg_sparql_running gauge",
        f"conflict_kg_sparql_running {run.running}",
        "# HELP conflict_kg_sparql_abandoned Timed-out evaluations still running.",
        "# TYPE conflict_kg_sparql_abandoned gauge",
        f"conflict_kg_sparql_abandoned {run.abandoned}",
    ]
