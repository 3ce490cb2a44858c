"""``/reconcile``: the W3C Reconciliation Service API, version 0.2 (what OpenRefine
speaks), over the label index of ``/search``.

``GET /reconcile`` answers the service manifest. ``GET`` or ``POST`` (form-encoded)
with ``queries={"q0": {"query": "Russia", "type": "…#State", "limit": 3}, …}``
answers ``{"q0": {"result": [{"id", "name", "type": [{"id", "name"}], "score",
"match"}, …]}, …}``. An ``id`` is the entity's path under ``<base>id/`` (the
manifest's ``identifierSpace``; ``view`` links it to this server's page); a type
is an ontology class. ``properties`` of a query are not used for matching.
Specification: https://www.w3.org/community/reports/reconciliation/CG-FINAL-specs-0.2-20230410/
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Flask, Response, jsonify, request
from flask.typing import ResponseReturnValue

from conflict_kg.namespaces import ONTOLOGY
from conflict_kg.server import context
from conflict_kg.server.http.protocol import cors_read
from conflict_kg.server.search.index import Hit
from conflict_kg.server.search.views import (
    MAX_LIMIT,
    SearchLimitError,
    check_query,
    is_text,
    label_index,
)

bp = Blueprint("reconcile", __name__)

#: Most queries in one batch.
MAX_BATCH = 50
#: Candidates per query unless the query's ``limit`` says otherwise.
DEFAULT_CANDIDATES = 5
#: Types offered to clients in the manifest (any ontology class is accepted).
DEFAULT_TYPES = ("State", "ArmedForce", "NonStateArmedGroup", "Person", "Place",
                 "WeaponModel", "Event", "Agreement")
#: Scores: an exact preferred label, an exact alternative label; prefix and word
#: matches score less, more so the more of the label the query leaves out.
EXACT_SCORE, EXACT_ALT_SCORE = 100.0, 90.0


def score(hit: Hit, query: str) -> float:
    """0 to 100: how well ``query`` names the hit (exact > prefix > words).

    >>> h = Hit("i", "Russia", "Russia", "exact", False, None, None, 0, "reference")
    >>> score(h, "russia")
    100.0
    >>> score(Hit("i", "Russia", "Russia", "prefix", False, None, None, 0, "x"), "russ")
    76.7
    """
    if hit.match == "exact":
        return EXACT_ALT_SCORE if hit.alt else EXACT_SCORE
    coverage = min(1.0, len(query.strip()) / max(1, len(hit.matched)))
    base, span = (50.0, 40.0) if hit.match == "prefix" else (20.0, 40.0)
    return round(base + span * coverage - (5.0 if hit.alt else 0.0), 1)


class BatchError(ValueError):
    """A batch of queries that does not follow the API or the limits."""


def _one(key: str, spec: Any) -> tuple[str, int, str]:
    """(query text, candidate limit, type IRI or '') of one query object."""
    if isinstance(spec, str):  # version 0.1 clients may send the bare text
        spec = {"query": spec}
    if not isinstance(spec, dict) or not isinstance(spec.get("query"), str):
        raise BatchError(f"{key}: a query object with a \"query\" string")
    limit = spec.get("limit", DEFAULT_CANDIDATES)
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise BatchError(f"{key}: limit is a whole number from 1 to {MAX_LIMIT}")
    kind = spec.get("type", "")
    if isinstance(kind, list):
        kind = kind[0] if len(kind) == 1 else ""  # several types: not narrowed
    if not isinstance(kind, str) or not is_text(kind):
        raise BatchError(f"{key}: type is a class IRI (or a list of them)")
    if kind and ":" not in kind:
        kind = ONTOLOGY + kind  # "State" as well as the full IRI
    try:
        text, _ = check_query(spec["query"], None)
    except SearchLimitError as exc:
        raise BatchError(f"{key}: {exc}") from None
    return text, limit, kind


def parse_batch(raw: str) -> dict[str, tuple[str, int, str]]:
    try:
        data = json.loads(raw)
    except ValueError:
        raise BatchError("queries: not JSON") from None
    if not isinstance(data, dict):
        raise BatchError('queries: a JSON object of keyed queries, {"q0": {"query": "…"}}')
    if len(data) > MAX_BATCH:
        raise BatchError(f"queries: at most {MAX_BATCH} in one batch (got {len(data)})")
    return {str(key)[:100]: _one(str(key)[:100], spec) for key, spec in data.items()}


def candidates(text: str, limit: int, type_iri: str) -> list[dict[str, Any]]:
    prefix = context.namespace().base + "id/"
    hits = label_index().search(text, limit, type_iri) if text.strip() else []
    exact = sum(1 for h in hits if h.match == "exact")
    out = []
    for hit in hits:
        types = [] if hit.class_iri is None else [
            {"id": hit.class_iri, "name": hit.class_label or hit.class_iri}]
        out.append({
            "id": hit.iri[len(prefix):] if hit.iri.startswith(prefix) else hit.iri,
            "name": hit.label,
            "type": types,
            "score": score(hit, text),
            "match": hit.match == "exact" and exact == 1,
            "description": f"matched {hit.matched!r}" if hit.matched != hit.label else "",
        })
    return out


def manifest() -> dict[str, Any]:
    ns = context.namespace()
    return {
        "versions": ["0.1", "0.2"],
        "name": "conflict-kg entities",
        "identifierSpace": ns.base + "id/",
        "schemaSpace": ONTOLOGY,
        "view": {"url": request.url_root + "id/{{id}}"},
        "defaultTypes": [{"id": ONTOLOGY + t, "name": label_index().class_label(ONTOLOGY + t) or t}
                         for t in DEFAULT_TYPES],
        "batchSize": MAX_BATCH,
    }


def _error(message: str) -> Response:
    response = jsonify(error=message, status=400)
    response.status_code = 400
    return response


@bp.route("/reconcile", methods=["GET", "POST", "OPTIONS"])
@cors_read
def reconcile() -> ResponseReturnValue:
    raw = request.values.get("queries")
    if raw is None:
        return jsonify(manifest())
    try:
        batch = parse_batch(raw)
    except BatchError as exc:
        return _error(str(exc))
    return jsonify({key: {"result": candidates(*spec)} for key, spec in batch.items()})


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
