"""The documents API: ``/documents`` takes news documents and ingests them as background jobs.

May import: ``sparql``, ``ops``, ``http``, ``server.state`` / ``server.context``,
the ``ingest`` layer and core.
"""

from __future__ import annotations

from flask import Flask

from conflict_kg.server.documents import api


def init_app(app: Flask) -> None:
    api.init_app(app)
