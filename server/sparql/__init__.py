"""The SPARQL service: protocol endpoints, the query engine and everything a query passes through.

``endpoint`` (``/sparql``, ``/update``), ``engine`` (admission, outbound checks,
streamed evaluation with the deadline: every surface runs its queries here),
``guard`` and ``text`` (what a query holds, read from parsed structures),
``execution`` (slots and deadlines), ``results`` (result format writers),
``cache`` (the result cache), ``graph_store`` (``/store``),
``service_description`` and ``writes`` (what follows a write).

May import: ``http``, ``ops``, ``server.state`` / ``server.context``, and core.
"""

from __future__ import annotations

from flask import Flask

from conflict_kg.server import state
from conflict_kg.server.sparql import cache, endpoint, engine, graph_store, service_description


def init_app(app: Flask) -> None:
    app_state = state.of(app)
    # Only a store this app opened itself is written by nobody else (see cache).
    cache.init_app(app, sole_writer=app_state.owns_store
                   and app_state.store.capabilities.exclusive)
    engine.init_app(app)
    endpoint.init_app(app)
    graph_store.init_app(app)
    service_description.init_app(app)
