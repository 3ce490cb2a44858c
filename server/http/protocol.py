"""Helpers shared by the SPARQL, graph store and documents surfaces: errors,
bearer-token checks, CORS for reads, and the per-app write lock."""

from __future__ import annotations

import hmac
import json
import threading
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Flask, Response, current_app, jsonify, request
from flask.typing import ResponseReturnValue

from conflict_kg.server import context, state
from conflict_kg.server.http.body_limit import BodyLimit, too_large_message
from conflict_kg.store import StoreError

F = TypeVar("F", bound=Callable[..., ResponseReturnValue])


class ProtocolError(Exception):
    """A request the service refuses; ``status`` and message go to the client."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    response = jsonify(error=message, status=status)
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def problem(status: int, title: str, detail: str, **extra: Any) -> Response:
    """An ``application/problem+json`` answer (RFC 9457); ``error`` repeats the detail
    for clients of this service's plain JSON errors."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail,
            "error": detail, **extra}
    response = Response(json.dumps(body), status=status, mimetype="application/problem+json")
    return response


def handle_protocol_error(exc: ProtocolError) -> Response:
    return error_response(exc.status, exc.message, exc.headers)


def require_token() -> None:
    """Raise unless the request carries the configured bearer token."""
    token = context.settings().update_token
    if not token:
        raise ProtocolError(
            403, "this service is read-only: no update_token is configured "
                 "(set CONFLICT_KG_UPDATE_TOKEN to allow writes)")
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ProtocolError(401, "writes need an 'Authorization: Bearer <update_token>' header",
                            {"WWW-Authenticate": 'Bearer realm="conflict-kg"'})
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ProtocolError(
            401, "the bearer token is wrong",
            {"WWW-Authenticate": 'Bearer realm="conflict-kg", error="invalid_token"'})


class WriteGuard:
    """One writer at a time; every write bumps the store's generation, which
    keys the caches of store statistics (counts are full scans on disk)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.generation = 0
        self._cache: dict[str, tuple[int, Any]] = {}

    def __enter__(self) -> WriteGuard:
        self._lock.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.generation += 1
        self._lock.release()

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()``, recomputed only after a write."""
        generation = self.generation
        hit = self._cache.get(key)
        if hit is not None and hit[0] == generation:
            return hit[1]
        value = compute()
        self._cache[key] = (generation, value)
        return value


def write_lock() -> WriteGuard:
    return state.current().write_guard


def add_cors(response: Response) -> Response:
    """Allow the configured origins to read ``response`` (never used on writes)."""
    origins: list[str] = context.settings().cors_origins
    origin = request.headers.get("Origin")
    if not origins or not origin:
        return response
    if "*" in origins:
        response.headers["Access-Control-Allow-Origin"] = "*"
    elif origin in origins:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.vary.add("Origin")
    else:
        return response
    response.headers["Access-Control-Expose-Headers"] = "Content-Type, X-Result-Truncated"
    return response


def preflight() -> Response:
    """Answer a CORS preflight for reads: GET/POST with Content-Type and Accept only.

    ``Authorization`` is not allowed cross-site, so browsers never send writes."""
    response = Response(status=204)
    add_cors(response)
    if "Access-Control-Allow-Origin" in response.headers:
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Content-Type, Accept"
        response.headers["Access-Control-Max-Age"] = "600"
    return response


def cors_read(view: F) -> F:
    """Decorator: add CORS headers to a read view's response."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> ResponseReturnValue:
        if request.method == "OPTIONS":
            return preflight()
        result = current_app.make_response(view(*args, **kwargs))
        return add_cors(result) if request.method in ("GET", "HEAD") else result

    return cast(F, wrapper)


def init_app(app: Flask) -> None:
    state.of(app).write_guard = WriteGuard()
    app.register_error_handler(ProtocolError, handle_protocol_error)
    app.register_error_handler(StoreError, lambda exc: error_response(
        502, f"the store failed: {exc}"))
    max_bytes = state.of(app).settings.max_request_bytes
    # The body limit is enforced on the WSGI input itself (server/http/body_limit.py), exact
    # for chunked bodies too; werkzeug's own MAX_CONTENT_LENGTH would cut those silently.
    app.config["MAX_CONTENT_LENGTH"] = None
    app.config["MAX_FORM_MEMORY_SIZE"] = max_bytes or None  # a form field may fill the body
    app.wsgi_app = BodyLimit(app.wsgi_app, max_bytes)  # type: ignore[method-assign]
    app.register_error_handler(413, lambda e: error_response(
        413, too_large_message(max_bytes), {"Connection": "close"}))
