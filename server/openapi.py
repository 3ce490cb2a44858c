"""``GET /openapi.json``: the named-query API described from the query headers."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, jsonify, request
from flask.typing import ResponseReturnValue

from conflict_kg import __version__
from conflict_kg.server.named_queries_catalog import NamedQuery, library
from conflict_kg.server.protocol import cors_read

bp = Blueprint("openapi", __name__)

_SCHEMAS: dict[str, dict[str, Any]] = {
    "iri": {"type": "string", "format": "uri", "pattern": "^https?://"},
    "string": {"type": "string"},
    "date": {"type": "string", "format": "date"},
    "integer": {"type": "integer"},
    "decimal": {"type": "number"},
    "boolean": {"type": "boolean"},
}

_ERROR = {
    "description": "an error",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}

_SPARQL_JSON = {
    "type": "object",
    "required": ["head"],
    "properties": {
        "head": {"type": "object", "properties": {
            "vars": {"type": "array", "items": {"type": "string"}}}},
        "results": {"type": "object", "properties": {
            "bindings": {"type": "array", "items": {"type": "object"}}}},
        "boolean": {"type": "boolean"},
    },
}


def _operation(q: NamedQuery) -> dict[str, Any]:
    params = []
    for p in q.params:
        schema = dict(_SCHEMAS[p.type])
        param: dict[str, Any] = {
            "name": p.name, "in": "query", "required": p.required,
            "description": p.description, "schema": schema,
        }
        if p.example is not None:
            param["example"] = p.example
        params.append(param)
    return {
        "get": {
            "operationId": q.name.replace("-", "_"),
            "summary": q.summary,
            "description": q.description,
            "tags": list(q.tags) or ["analyst"],
            "parameters": params,
            "responses": {
                "200": {
                    "description": "the query's answer",
                    "content": {
                        "application/sparql-results+json": {"schema": _SPARQL_JSON},
                        "text/csv": {"schema": {"type": "string"}},
                        "text/html": {"schema": {"type": "string"}},
                    },
                },
                "400": _ERROR,
                "406": _ERROR,
            },
        }
    }


def openapi_document(server_url: str = "/") -> dict[str, Any]:
    """The OpenAPI 3.0 document of ``/queries`` and of every query of the library."""
    paths: dict[str, Any] = {
        "/queries": {
            "get": {
                "operationId": "list_queries",
                "summary": "The analyst query library, with summaries and parameters",
                "responses": {
                    "200": {"description": "the library", "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Library"}},
                        "text/html": {"schema": {"type": "string"}},
                    }},
                    "406": _ERROR,
                },
            }
        }
    }
    for q in library().values():
        paths[f"/queries/{q.name}"] = _operation(q)
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "conflict-kg analyst queries",
            "version": __version__,
            "description": "Named SPARQL queries over the conflict knowledge graph. Parameter "
                           "values are bound as RDF terms, never spliced into the query text; "
                           "a parameter left out matches anything.",
        },
        "servers": [{"url": server_url}],
        "paths": paths,
        "components": {"schemas": {
            "Error": {"type": "object", "required": ["error"],
                      "properties": {"error": {"type": "string"}}},
            "Library": {"type": "object", "required": ["queries"], "properties": {
                "queries": {"type": "array", "items": {"type": "object", "required": [
                    "name", "summary", "url", "params"]}}}},
        }},
    }


@bp.get("/openapi.json")
@cors_read
def openapi_json() -> ResponseReturnValue:
    return jsonify(openapi_document(request.script_root + "/"))


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
