"""``POST /labels``: the labels of a batch of IRIs, for the query UI's result views.

The query UI (``server/static/workbench.js``) shows a result's resources by their
labels: it sends the distinct IRIs of one result here in one request. Each IRI is
checked as an IRI and bound as a term (``substitutions``), never spliced into the
query text. Resources of this dataset always get a name (their label, else the
readable fallback of the pages, e.g. "withdrawal provision 1"); other IRIs only when
the store labels them, so the client keeps their own text otherwise.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Flask, jsonify, request
from flask.typing import ResponseReturnValue

from conflict_kg.namespaces import RDFS, SKOS
from conflict_kg.server import context
from conflict_kg.server.http.iris import IriMapper
from conflict_kg.server.pages.data import Linker
from conflict_kg.server.pages.queries import PageQueryError, within_deadline
from conflict_kg.store import GraphStore

bp = Blueprint("labels", __name__)

MAX_IRIS = 500  # per request: a result's distinct IRIs, the client sends them in batches
MAX_IRI_CHARS = 2000

_HAS_LABEL = f"""ASK {{ ?x ?p ?l . FILTER(isLiteral(?l))
  FILTER(?p IN (<{SKOS}prefLabel>, <{RDFS}label>)) }}"""


class LabelRequestError(ValueError):
    """A malformed batch: the ``400`` message."""


def read_iris(body: Any) -> list[str]:
    """The IRIs of a ``{"iris": [...]}`` body, checked, duplicates dropped (order kept).

    >>> read_iris({"iris": ["https://e.org/a", "https://e.org/a", "urn:x:b"]})
    ['https://e.org/a', 'urn:x:b']
    >>> read_iris({"iris": ["not an iri"]})
    Traceback (most recent call last):
    ...
    conflict_kg.server.pages.labels.LabelRequestError: iris[0] is not an absolute IRI
    """
    if not isinstance(body, dict) or not isinstance(body.get("iris"), list):
        raise LabelRequestError('the body must be JSON: {"iris": ["<IRI>", ...]}')
    given = body["iris"]
    if len(given) > MAX_IRIS:
        raise LabelRequestError(f"iris: at most {MAX_IRIS} per request")
    seen: dict[str, None] = {}
    for i, iri in enumerate(given):
        if not isinstance(iri, str) or not iri or len(iri) > MAX_IRI_CHARS:
            raise LabelRequestError(f"iris[{i}] must be an IRI of at most "
                                    f"{MAX_IRI_CHARS} characters")
        if ":" not in iri or any(c in iri for c in ' <>"{}|\\^`') or \
                not iri.split(":", 1)[0].isascii() or not iri.split(":", 1)[0].isalpha():
            raise LabelRequestError(f"iris[{i}] is not an absolute IRI")
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise LabelRequestError(f"iris[{i}] is not an absolute IRI") from None
        seen[iri] = None
    return list(seen)


def labels_of(linker: Linker, iris: list[str]) -> dict[str, str]:
    """A name for each IRI of this dataset, and the label of each other labelled IRI."""
    out: dict[str, str] = {}
    for iri in iris:
        ours = linker.mapper.local_path(iri) is not None
        if ours or bool(linker.store.query(_HAS_LABEL,
                                            substitutions={"x": ox.NamedNode(iri)})):
            out[iri] = linker.label(iri)
    return out


@bp.post("/labels")
def labels() -> ResponseReturnValue:
    """``{"iris": [...]}`` in, ``{"labels": {iri: label}}`` out (IRIs without one left out)."""
    try:
        iris = read_iris(request.get_json(silent=True))
    except LabelRequestError as exc:
        return jsonify(error=str(exc)), 400
    ns = context.namespace()
    mapper = IriMapper(context.settings().base_iri, request.script_root)

    def build(store: GraphStore) -> dict[str, str]:
        return labels_of(Linker(store, ns, mapper), iris)

    try:
        found = within_deadline(build)
    except PageQueryError as exc:
        response = jsonify(error=exc.message)
        response.status_code = exc.status
        if exc.status in (429, 503):
            response.headers["Retry-After"] = "5"
        return response
    return jsonify(labels=found)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
