"""Operations: ``/metrics`` (a collector registry), ``/healthz``, store summaries, stacks.

``metrics`` imports no sibling: other wings add their gauges with
``Metrics.register`` in their own ``init_app``.

May import: ``http`` and ``server.state`` / ``server.context``, and core.
"""

from __future__ import annotations

from flask import Flask

from conflict_kg.server.ops import health, metrics, summaries


def init_app(app: Flask) -> None:
    summaries.init_app(app)
    metrics.init_app(app)  # before any wing that registers a collector
    health.init_app(app)
