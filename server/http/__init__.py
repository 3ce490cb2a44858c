"""HTTP plumbing: what any view needs to speak HTTP well, and nothing about the store or the domain.

Errors and auth (``protocol``), CORS, content negotiation (``negotiation``,
``format_choice``), the one table of media types (``formats``), conditional
requests, body limits, request reading, security headers, and the mapping
between entity IRIs and this server's URLs (``iris``).

May import: core (``conflict_kg.*`` below ``server``) and ``server.state`` /
``server.context``. Never another wing: every other wing imports this one.
"""

from __future__ import annotations

from flask import Flask

from conflict_kg.server.http import conditional, protocol, security_headers


def init_app(app: Flask) -> None:
    security_headers.init_app(app)
    protocol.init_app(app)
    conditional.init_app(app)
