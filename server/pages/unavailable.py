"""The page answered when a page's queries could not run (deadline, share, store)."""

from __future__ import annotations

from flask import Response, render_template

from conflict_kg.server.pages.queries import PageQueryError


def unavailable(error: PageQueryError) -> Response:
    """A page that could not be built in time (or at all): its status, and why."""
    html = render_template("unavailable.html", status=error.status, message=error.message)
    headers = {"Retry-After": "5"} if error.status in (429, 503) else {}
    return Response(html, status=error.status, mimetype="text/html", headers=headers)
