"""HTML pages for analysts: entities, documents, agreements, events, maps, timelines, networks.

``dereference`` answers a resource IRI (``/id/…``, ``/ontology``) with a page or
its RDF twin; ``routes`` holds the page blueprint; ``data`` reads what pages show,
``queries`` runs page queries under the deadline; one module per view.

May import: ``search``, ``linked_data``, ``sparql``, ``ops``, ``http``,
``server.state`` / ``server.context``, and core.
"""

from __future__ import annotations

from flask import Flask

from conflict_kg.server.pages import dereference, labels, maps, routes


def init_app(app: Flask) -> None:
    dereference.init_app(app)
    routes.init_app(app)
    maps.init_app(app)
    labels.init_app(app)
