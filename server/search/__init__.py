"""Finding entities by name: ``/search`` (the label index), and W3C reconciliation (``/reconcile``).

May import: ``sparql``, ``http``, ``ops``, ``server.state`` / ``server.context``, and core.
"""

from __future__ import annotations

from flask import Flask

from conflict_kg.server.search import reconcile, views


def init_app(app: Flask) -> None:
    views.init_app(app)
    reconcile.init_app(app)
