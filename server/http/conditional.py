"""Conditional GET: every complete read response carries a strong ETag (a hash
of its bytes), and a client that sends it back in ``If-None-Match`` gets
``304 Not Modified`` with no body. ``Cache-Control: no-cache`` tells browsers
and proxies to revalidate before reusing what they kept.

Computed from the bytes sent, the tag changes exactly when the representation
does (after a write, or with another ``Accept``); negotiated responses already
say ``Vary: Accept``. Streamed responses (long query results, dumps) are sent
as they are produced, so they carry no tag.
"""

from __future__ import annotations

from flask import Flask, Response, request


def add_validators(response: Response) -> Response:
    if (request.method not in ("GET", "HEAD") or response.status_code != 200
            or response.is_streamed or response.direct_passthrough):
        return response
    if "ETag" not in response.headers:  # answers from the result cache bring theirs
        response.add_etag()
    if "Cache-Control" not in response.headers:
        # Caches may keep it but must ask again (cheap: a 304) before reusing it,
        # since any write can change it.
        response.headers["Cache-Control"] = "no-cache"
    response.make_conditional(request)  # turns it into a 304 in place when the tag matches
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_validators)
