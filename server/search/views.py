"""``GET /search?q=``: find entities by name, as an HTML page or JSON.

Hits come from the label index (:mod:`conflict_kg.server.search.index`), each with
its class and a link to this server's own page for it. The query is bounded
(:data:`MAX_QUERY_CHARS`, :data:`MAX_LIMIT`); anything beyond is a 400 that says
which limit. The same lookup resolves the labels typed into the analyst query
forms (:func:`resolve_labels`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from flask import Blueprint, Flask, Response, jsonify, render_template, request
from flask.typing import ResponseReturnValue

from conflict_kg.query_catalog import Param, ParamError
from conflict_kg.server import context, state
from conflict_kg.server.http.iris import IriMapper
from conflict_kg.server.http.negotiation import negotiate
from conflict_kg.server.http.protocol import cors_read
from conflict_kg.server.search.index import MAX_WORDS, Hit, LabelIndex

bp = Blueprint("search", __name__)

#: Longest query accepted, in characters.
MAX_QUERY_CHARS = 200
#: Most hits one request may ask for (``limit``), and the default.
MAX_LIMIT = 100
DEFAULT_LIMIT = 20

OFFERS = ("text/html", "application/json")
#: What an IRI parameter of an analyst query takes as an IRI; anything else is a label.
IRI_LIKE = re.compile(r"^https?://")


class SearchLimitError(ValueError):
    """A request beyond the documented limits of the search."""


def label_index() -> LabelIndex:
    return state.current().search_index


def check_query(q: str, limit_raw: str | None) -> tuple[str, int]:
    """The query text and hit limit of a request, within the limits (else raises).

    >>> check_query("russia", None)
    ('russia', 20)
    >>> check_query("x" * 201, None)
    Traceback (most recent call last):
    ...
    conflict_kg.server.search.views.SearchLimitError: q: at most 200 characters (got 201)
    """
    if len(q) > MAX_QUERY_CHARS:
        raise SearchLimitError(f"q: at most {MAX_QUERY_CHARS} characters (got {len(q)})")
    if not is_text(q):
        raise SearchLimitError("q: not Unicode text (a lone surrogate)")
    if limit_raw is None or limit_raw == "":
        return q, DEFAULT_LIMIT
    if not limit_raw.isdigit() or not 1 <= int(limit_raw) <= MAX_LIMIT:
        raise SearchLimitError(f"limit: a whole number from 1 to {MAX_LIMIT} "
                               f"(got {limit_raw[:20]!r})")
    return q, int(limit_raw)


def is_text(value: str) -> bool:
    """False for a string that cannot be UTF-8 (JSON lets lone surrogates through)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def hit_json(hit: Hit, mapper: IriMapper) -> dict[str, Any]:
    return {
        "iri": hit.iri,
        "href": mapper.href(hit.iri),
        "label": hit.label,
        "matched": hit.matched,
        "match": hit.match,
        "alternative": hit.alt,
        "class": None if hit.class_iri is None else {
            "iri": hit.class_iri, "label": hit.class_label, "href": mapper.href(hit.class_iri)},
        "mentions": hit.mentions,
        "source": hit.source,
    }


def _wants_json() -> bool:
    fmt = request.args.get("format", "")
    if fmt in ("json", "html"):
        return fmt == "json"
    return negotiate(request.headers.get("Accept"), OFFERS) == "application/json"


@bp.get("/search")
@cors_read
def search() -> ResponseReturnValue:
    as_json = _wants_json()
    fmt = request.args.get("format", "")
    raw_q = request.args.get("q", "")
    try:
        if fmt not in ("", "json", "html"):
            raise SearchLimitError(f"format: json or html (got {fmt[:20]!r})")
        q, limit = check_query(raw_q, request.args.get("limit"))
    except SearchLimitError as exc:
        if as_json:
            response = jsonify(error=str(exc), status=400)
            response.status_code = 400
            return response
        html = render_template("search.html", q=raw_q[:MAX_QUERY_CHARS], hits=[], error=str(exc),
                               limits=_limits())
        return Response(html, status=400, mimetype="text/html")
    mapper = IriMapper(context.settings().base_iri, request.script_root)
    hits = label_index().search(q, limit) if q.strip() else []
    if as_json:
        response = jsonify(query=q, limit=limit, results=[hit_json(h, mapper) for h in hits])
    else:
        rows = [(h, mapper.href(h.iri)) for h in hits]
        response = Response(render_template("search.html", q=q, hits=rows, error=None,
                                            limit=limit, limits=_limits()),
                            mimetype="text/html")
    response.headers["Vary"] = "Accept"
    return response


def _limits() -> dict[str, int]:
    return {"chars": MAX_QUERY_CHARS, "limit": MAX_LIMIT, "words": MAX_WORDS}


# --- labels in the analyst query forms ----------------------------------------------

class LabelNotResolved(ValueError):
    """A label that names no entity, or several equally well."""


def resolve_label(text: str) -> str:
    """The IRI of the one entity ``text`` names: the only entity with it as a label
    (preferred, else alternative), or the only hit at all; else raises with the
    candidates, so that a query never runs on a guess."""
    q, _ = check_query(text, None)
    hits = label_index().search(q, 6)
    for rank in (0, 1):  # exact on a preferred label, then on an alternative one
        exact = [h for h in hits if h.rank == rank]
        if len(exact) == 1:
            return exact[0].iri
        if exact:
            hits = exact
            break
    if len(hits) == 1:
        return hits[0].iri
    if not hits:
        raise LabelNotResolved(f"no entity is named {text!r}")
    names = "; ".join(f"{h.label} ({h.class_label or 'entity'}) <{h.iri}>" for h in hits[:5])
    raise LabelNotResolved(f"{text!r} names more than one entity: {names}; give its IRI")


def resolve_labels(params: Iterable[Param], values: dict[str, str]) -> dict[str, str]:
    """``values`` with each IRI parameter given as a label replaced by the entity's IRI."""
    resolved = dict(values)
    for param in params:
        raw = values.get(param.name, "").strip()
        if param.type != "iri" or not raw or IRI_LIKE.match(raw):
            continue
        try:
            resolved[param.name] = resolve_label(raw)
        except (LabelNotResolved, SearchLimitError) as exc:
            raise ParamError(f"{param.name}: {exc}") from None
    return resolved


def init_app(app: Flask) -> None:
    app_state = state.of(app)
    app_state.search_index = LabelIndex(app_state.store, app_state.namespace)
    app.register_blueprint(bp)
