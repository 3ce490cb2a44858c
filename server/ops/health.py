"""Liveness: ``GET /healthz``, cheap whatever the store's size.

The store's size is a full count on disk (0.4 s at 2M quads, seconds at 10M):
it is counted in the background once per store state (server.summaries), and
a probe waits for it at most ``SIZE_WAIT_SECONDS``; past that it answers with
the last count (``quads_current: false``) or none yet (``quads: null``).
``version`` is the software's (``conflict_kg.version()``).
"""

from __future__ import annotations

from flask import Blueprint, Flask, jsonify
from flask.typing import ResponseReturnValue

from conflict_kg import version
from conflict_kg.server import context, state
from conflict_kg.server.ops.summaries import Summary, summary

bp = Blueprint("health", __name__)
SIZE_WAIT_SECONDS = 0.5


def store_size() -> Summary:
    """Quads in the store, as a summary (shared by /healthz and /metrics)."""
    store = context.store()
    return summary("quads", store.count, wait=SIZE_WAIT_SECONDS)


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    size = store_size()
    return jsonify(status="ok", version=version(), quads=size.value, quads_current=size.fresh)


def size_lines() -> list[str]:
    """The store's size for /metrics, if counted (no sample rather than a wrong one)."""
    quads = store_size().value
    if quads is None:  # first count still running
        return []
    return ["# HELP conflict_kg_store_quads Quads in the store (as of the last count: it is "
            "recounted in the background after each write).",
            "# TYPE conflict_kg_store_quads gauge",
            f"conflict_kg_store_quads {quads}"]


def init_app(app: Flask) -> None:
    """Needs the metrics registry (ops.metrics.init_app first)."""
    state.of(app).metrics.register(size_lines)
    app.register_blueprint(bp)
