"""The analyst query library over HTTP: `/queries` (forms, runs, results) and the OpenAPI doc.

The catalog itself (``queries/*.rq`` and their headers) is core:
``conflict_kg.query_catalog``.

May import: ``pages``, ``search``, ``sparql``, ``http``, ``ops``,
``server.state`` / ``server.context``, and core.
"""

from __future__ import annotations

from flask import Flask

from conflict_kg.server.named_queries import openapi, views


def init_app(app: Flask) -> None:
    views.init_app(app)
    openapi.init_app(app)
