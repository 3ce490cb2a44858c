"""``GET /openapi.json``: the named-query API described from the query headers, and
the documents API (ingest, background ingest jobs)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, jsonify, request
from flask.typing import ResponseReturnValue

from conflict_kg import __version__
from conflict_kg.query_catalog import NamedQuery, library
from conflict_kg.server.http.protocol import cors_read
from conflict_kg.server.pages.openapi import VIEW_PATHS
from conflict_kg.server.search.openapi import SEARCH_PATHS

bp = Blueprint("openapi", __name__)

_SCHEMAS: dict[str, dict[str, Any]] = {
    # The form also takes a name, resolved by the lookup of /search (server/search/views.py):
    # said in the description, not in the schema, as only a name of one entity is valid.
    "iri": {"type": "string", "format": "uri", "pattern": "^https?://",
            "description": "an http(s) IRI; a name that names one entity is taken too"},
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


_WRITE_ERRORS = {
    "400": _ERROR, "401": _ERROR, "403": _ERROR, "404": _ERROR, "413": _ERROR, "415": _ERROR,
    "422": {"description": "no document could be ingested (RFC 9457 problem, `errors` lists "
                           "each document's problem)",
            "content": {"application/problem+json": {"schema": {
                "$ref": "#/components/schemas/Error"}}}},
    "503": {"description": "`max_ingest_jobs` background jobs are already waiting or running; "
                           "try again after `Retry-After` seconds",
            "headers": {"Retry-After": {"schema": {"type": "integer"}}},
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
}
_INGEST_RESULT = {"type": "object", "properties": {
    "documents": {"type": "array", "items": {"type": "object", "properties": {
        "iri": {"type": "string"}, "status": {"type": "string"}, "graph": {"type": "string"}}}},
    "errors": {"type": "array", "items": {"type": "string"}},
    "triples": {"type": "integer"}, "summary": {"type": "string"},
    "inferences": {"type": "string"}}}
_JOB = {"type": "object", "required": ["id", "state"], "properties": {
    "id": {"type": "string"},
    "state": {"type": "string", "enum": ["queued", "running", "done", "failed"]},
    "bytes": {"type": "integer"}, "created": {"type": "string"},
    "started": {"type": "string", "nullable": True},
    "finished": {"type": "string", "nullable": True},
    "href": {"type": "string", "description": "the job's status URL (in the 202 answer)"},
    "document": {"type": "string", "description": "when done: the (first) document's IRI"},
    "error": {"type": "string", "description": "when failed: why"},
    **_INGEST_RESULT["properties"]}}  # type: ignore[dict-item]

_DOCUMENTS: dict[str, Any] = {
    "/documents": {"post": {
        "operationId": "ingest_documents",
        "summary": "Ingest documents (needs the bearer token)",
        "description": "Markdown, text, HTML or JSON Lines, as multipart/form-data (`file` "
                       "parts) or as the body with its Content-Type and `?name=`. An upload "
                       "of at most `background_ingest_bytes` (default 262,144) is ingested "
                       "before the answer (201, or 200 when unchanged). A larger one is "
                       "ingested by a background job: 202 Accepted with `Location` of the "
                       "job's status URL (`GET /documents/jobs/{job_id}`). Jobs run one at a "
                       "time; at most `max_ingest_jobs` (default 4) wait or run, beyond that "
                       "503 with `Retry-After`.",
        "tags": ["documents"],
        "security": [{"bearer": []}],
        "parameters": [
            {"name": "name", "in": "query", "required": False, "schema": {"type": "string"},
             "description": "file name of a document sent as the body"},
            {"name": "published", "in": "query", "required": False,
             "schema": {"type": "string", "format": "date"},
             "description": "publication date for documents that give none"},
        ],
        "requestBody": {"content": {
            "multipart/form-data": {"schema": {"type": "object", "properties": {
                "file": {"type": "string", "format": "binary"}}}},
            "text/markdown": {"schema": {"type": "string"}},
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
            "application/jsonl": {"schema": {"type": "string"}},
        }},
        "responses": {
            "200": {"description": "every document was already in the store, unchanged",
                    "content": {"application/json": {"schema": _INGEST_RESULT}}},
            "201": {"description": "ingested; `Location` is the document's IRI (one document)",
                    "content": {"application/json": {"schema": _INGEST_RESULT}}},
            "202": {"description": "a large upload: ingested by a background job; `Location` "
                                   "is its status URL",
                    "headers": {"Location": {"schema": {"type": "string"}}},
                    "content": {"application/json": {"schema": _JOB}}},
            **_WRITE_ERRORS,
        },
    }},
    "/documents/jobs/{job_id}": {"get": {
        "operationId": "ingest_job_status",
        "summary": "A background ingest job's state (needs the bearer token)",
        "description": "`state` is queued, running, done (with the ingest result and "
                       "`document`, the document's IRI) or failed (with `error`). The last "
                       "100 finished jobs are kept, in memory.",
        "tags": ["documents"],
        "security": [{"bearer": []}],
        "parameters": [{"name": "job_id", "in": "path", "required": True,
                        "schema": {"type": "string"}}],
        "responses": {
            "200": {"description": "the job", "content": {"application/json": {
                "schema": _JOB}}},
            "401": _ERROR, "403": _ERROR, "404": _ERROR,
        },
    }},
}


def openapi_document(server_url: str = "/") -> dict[str, Any]:
    """The OpenAPI 3.0 document of ``/queries`` and of every query of the library, of
    the documents API, of ``/search`` and ``/reconcile`` and of the view APIs."""
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
    paths.update(_DOCUMENTS)
    paths.update(SEARCH_PATHS)
    paths.update(VIEW_PATHS)
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
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
                       "schemas": {
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
