"""Liveness: ``GET /healthz``."""

from __future__ import annotations

from flask import Blueprint, Flask, jsonify
from flask.typing import ResponseReturnValue

from server import context

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    from server.protocol import write_lock

    # count() is a full scan on disk: cached until the next write through the service
    return jsonify(status="ok", quads=write_lock().cached("quads", context.store().count))


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
