"""Security headers on every response; a Content Security Policy on every HTML page.

The pages load scripts, styles, fonts and images from this service only (YASGUI
is served from here, no CDN) and the query editor talks to ``/sparql`` here, so
the policy allows ``'self'`` and nothing else: no inline script, no ``eval``, no
plugin, no framing.  Two exceptions, each one exact text: the column resizer of
YASGUI's result table adds a ``<style>`` element with constant rules, and another
while a column is dragged; their SHA-256 hashes (of the vendored YASGUI 4 build,
pinned in package-lock.json) allow those two and nothing else.  A YASGUI update
that changes them shows in tests/browser (no policy violation on the query page).
The page's data for the query editor is a JSON data block
(``<script type="application/json">``), which a policy does not execute.
"""

from __future__ import annotations

from flask import Flask, Response

YASGUI_STYLE_HASHES = (
    "zCK2EVMoPc04mRF/g5CotUvxbJPWS+8V0b+s9ptqQIk=",  # ' .grip-resizable{table-layout:fixed;} ...'
    "c0O6TmFAkgpNbHxKAa1BrveWHHopjEtC47i0PzMudxg=",  # '*{cursor:col-resize!important}'
)
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' " + " ".join(f"'sha256-{h}'" for h in YASGUI_STYLE_HASHES),
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
ALWAYS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def add_security_headers(response: Response) -> Response:
    for name, value in ALWAYS.items():
        response.headers.setdefault(name, value)
    if response.mimetype in ("text/html", "application/xhtml+xml"):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_security_headers)
