"""The OpenAPI description of ``/search`` and ``/reconcile`` (merged into
``/openapi.json`` by :mod:`conflict_kg.server.named_queries.openapi`)."""

from __future__ import annotations

from typing import Any

from conflict_kg.server.search.reconcile import DEFAULT_CANDIDATES, MAX_BATCH
from conflict_kg.server.search.views import DEFAULT_LIMIT, MAX_LIMIT, MAX_QUERY_CHARS, MAX_WORDS

_ERROR = {"description": "a request beyond the limits, or malformed; `error` says which",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}},
                      "text/html": {"schema": {"type": "string"}}}}

_HIT = {"type": "object", "required": ["iri", "label", "match"], "properties": {
    "iri": {"type": "string"},
    "href": {"type": "string", "nullable": True, "description": "this server's page"},
    "label": {"type": "string"},
    "matched": {"type": "string", "description": "the label that matched"},
    "match": {"type": "string", "enum": ["exact", "prefix", "words"]},
    "alternative": {"type": "boolean", "description": "matched an alternative label"},
    "class": {"type": "object", "nullable": True, "properties": {
        "iri": {"type": "string"}, "label": {"type": "string", "nullable": True},
        "href": {"type": "string", "nullable": True}}},
    "mentions": {"type": "integer"},
    "source": {"type": "string", "enum": ["reference", "document", "curated", "other"]},
}}

_QUERIES = {"type": "object", "maxProperties": MAX_BATCH, "additionalProperties": {
    "type": "object", "required": ["query"], "properties": {
        "query": {"type": "string", "maxLength": MAX_QUERY_CHARS},
        "type": {"type": "string", "description": "an ontology class (IRI or local name)"},
        "limit": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT,
                  "default": DEFAULT_CANDIDATES}}}}

SEARCH_PATHS: dict[str, Any] = {
    "/search": {"get": {
        "operationId": "search",
        "summary": "Find entities by name (labels and alternative labels)",
        "description": "Exact names first, then names that start with `q`, then names whose "
                       "words start with each word of `q` (diacritics and case ignored); "
                       "ties: more mentioned first. JSON with `Accept: application/json` or "
                       "`format=json`, else an HTML page.",
        "tags": ["search"],
        "parameters": [
            {"name": "q", "in": "query", "required": False,
             "schema": {"type": "string", "maxLength": MAX_QUERY_CHARS},
             "description": f"the name or its start; at most {MAX_QUERY_CHARS} characters "
                            f"(none: no hits); its first {MAX_WORDS} distinct words are "
                            "matched as words"},
            {"name": "limit", "in": "query", "required": False,
             "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT,
                        "default": DEFAULT_LIMIT}},
            {"name": "format", "in": "query", "required": False,
             "schema": {"type": "string", "enum": ["json", "html"]}},
        ],
        "responses": {
            "200": {"description": "the hits, best first", "content": {
                "application/json": {"schema": {"type": "object", "properties": {
                    "query": {"type": "string"}, "limit": {"type": "integer"},
                    "results": {"type": "array", "items": _HIT}}}},
                "text/html": {"schema": {"type": "string"}}}},
            "400": _ERROR,
        },
    }},
    "/reconcile": {
        method: {
            "operationId": f"reconcile_{method}",
            "summary": "W3C Reconciliation Service API 0.2 (OpenRefine): manifest, or "
                       "scored candidates for a batch of names",
            "description": "Without `queries`: the service manifest. With `queries`, a JSON "
                           "object of keyed query objects (`query`, optional `type`: an "
                           f"ontology class, optional `limit`, default {DEFAULT_CANDIDATES}): "
                           "for each key, `result`, the candidates with `id` (the path under "
                           "the manifest's identifierSpace), `name`, `type`, `score` (0-100) and "
                           f"`match`. At most {MAX_BATCH} queries per batch.",
            "tags": ["search"],
            **({"parameters": [{"name": "queries", "in": "query", "required": False,
                                "content": {"application/json": {"schema": _QUERIES}}}]}
               if method == "get" else {
                "requestBody": {"required": True, "content": {
                    "application/x-www-form-urlencoded": {
                        "schema": {"type": "object", "required": ["queries"],
                                   "properties": {"queries": _QUERIES}},
                        "encoding": {"queries": {"contentType": "application/json"}}}}}}),
            "responses": {
                "200": {"description": "the manifest, or the candidates by query key",
                        "content": {"application/json": {"schema": {"type": "object"}}}},
                "400": {"description": "a malformed batch or one beyond the limits",
                        "content": {"application/json": {"schema": {
                            "$ref": "#/components/schemas/Error"}}}},
            },
        } for method in ("get", "post")
    },
}
