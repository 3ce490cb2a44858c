"""The OpenAPI description of the view APIs: ``/map.json``, ``/timeline.json``,
``/network.json`` and ``/labels`` (merged into ``/openapi.json`` by
:mod:`conflict_kg.server.named_queries.openapi`).

The schemas follow what :mod:`~conflict_kg.server.pages.maps`,
:mod:`~conflict_kg.server.pages.views` and :mod:`~conflict_kg.server.pages.labels`
answer; ``tests/server/pages/test_view_openapi.py`` validates real answers against them.
"""

from __future__ import annotations

from typing import Any

from conflict_kg.server.pages.labels import MAX_IRI_CHARS, MAX_IRIS
from conflict_kg.server.pages.maps import MAX_PARAM

_ERROR_SCHEMA = {"$ref": "#/components/schemas/Error"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/json": {"schema": _ERROR_SCHEMA}}}


_BUSY = {
    "429": _error("over this client's share of the query slots"),
    "502": _error("the store failed"),
    "503": {"description": "every query slot is taken, or the answer took longer than the "
                           "query timeout; try again after `Retry-After` seconds",
            "headers": {"Retry-After": {"schema": {"type": "integer"}}},
            "content": {"application/json": {"schema": _ERROR_SCHEMA}}},
}

_NULLABLE_STRING = {"type": "string", "nullable": True}
_NULLABLE_DATE = {"type": "string", "format": "date", "nullable": True}

_ITEM: dict[str, Any] = {
    "type": "object",
    "required": ["iri", "href", "label", "kind", "class", "date", "start", "end", "precision",
                 "factuality", "place"],
    "properties": {
        "iri": {"type": "string"},
        "href": {**_NULLABLE_STRING, "description": "this server's page"},
        "label": {"type": "string"},
        "kind": {"type": "string", "enum": ["event", "zone", "place"]},
        "class": {"type": "object", "required": ["iri", "label"], "properties": {
            "iri": _NULLABLE_STRING, "label": _NULLABLE_STRING}},
        "date": {**_NULLABLE_STRING, "description": "the date as reported (ck:date)"},
        "start": {**_NULLABLE_DATE, "description": "first day the date covers"},
        "end": {**_NULLABLE_DATE, "description": "last day the date covers (a month-precision "
                                                 "date spans its month)"},
        "precision": {"type": "string", "enum": ["day", "month", "year", "interval", None],
                      "nullable": True,
                      "description": "of the date; interval: from a start to an end date"},
        "factuality": {**_NULLABLE_STRING,
                       "description": "set when the event is not stated as having happened"},
        "place": {"type": "object", "nullable": True, "required": ["iri", "href", "label"],
                  "properties": {"iri": {"type": "string"}, "href": _NULLABLE_STRING,
                                 "label": {"type": "string"}}},
        "lat": {"type": "number", "minimum": -90, "maximum": 90,
                "description": "the place's latitude (WGS 84), when it has coordinates"},
        "lon": {"type": "number", "minimum": -180, "maximum": 180},
    },
}

_FILTERS_ECHO = {"type": "object", "required": ["from", "to", "class", "actor"], "properties": {
    "from": {**_NULLABLE_DATE, "description": "first day asked"},
    "to": {**_NULLABLE_DATE, "description": "last day asked"},
    "class": {**_NULLABLE_STRING, "description": "the event class's IRI"},
    "actor": {**_NULLABLE_STRING, "description": "the actor's IRI (a name resolved)"},
}}

_DATE_PARAM = {"type": "string", "maxLength": MAX_PARAM}


def _filters() -> list[dict[str, Any]]:
    return [
        {"name": "from", "in": "query", "required": False, "schema": _DATE_PARAM,
         "example": "2018-09",
         "description": "events on or after: YYYY, YYYY-MM or YYYY-MM-DD (a year or a month "
                        "counts as a whole); anything else is a 400"},
        {"name": "to", "in": "query", "required": False, "schema": _DATE_PARAM,
         "example": "2019",
         "description": "events on or before, as `from`; before `from` is a 400"},
        {"name": "class", "in": "query", "required": False,
         "schema": {"type": "string", "maxLength": MAX_PARAM}, "example": "AirStrike",
         "description": "an event class of the ontology: its IRI or local name; another "
                        "value is a 400"},
        {"name": "actor", "in": "query", "required": False,
         "schema": {"type": "string", "maxLength": MAX_PARAM},
         "description": "events this actor took part in: an http(s) IRI, or a name that "
                        "names one entity (resolved as `/search` does); a name that names "
                        "none or several is a 400"},
    ]


_BAD_FILTER = _error("a filter that does not fit (not a date, `from` after `to`, not an "
                     "event class, an unknown or ambiguous actor); `error` names the parameter")

VIEW_PATHS: dict[str, Any] = {
    "/map.json": {"get": {
        "operationId": "map_events",
        "summary": "Events with coordinates, for a map; and those without",
        "description": "The events (and agreements' zones) whose place has coordinates, as "
                       "markers; the events without such a place in `unplaced` (the first "
                       "200; `unplaced_count` counts them all). The `/map` page draws this.",
        "tags": ["views"],
        "parameters": _filters(),
        "responses": {
            "200": {"description": "markers and unplaced events", "content": {
                "application/json": {"schema": {
                    "type": "object",
                    "required": ["filters", "markers", "unplaced", "unplaced_count",
                                 "truncated"],
                    "properties": {
                        "filters": _FILTERS_ECHO,
                        "markers": {"type": "array", "items": {
                            **_ITEM, "required": [*_ITEM["required"], "lat", "lon"]}},
                        "unplaced": {"type": "array", "maxItems": 200, "items": _ITEM},
                        "unplaced_count": {"type": "integer", "minimum": 0},
                        "truncated": {"type": "boolean",
                                      "description": "cut at the first events: narrow the "
                                                     "filters"},
                    }}}}},
            "400": _BAD_FILTER,
            **_BUSY,
        },
    }},
    "/timeline.json": {"get": {
        "operationId": "timeline_events",
        "summary": "Dated events and agreement milestones, for a timeline; and undated events",
        "description": "Events with a `ck:date`, each spanning the days its precision covers, "
                       "in date order; agreements' milestones (signing, entry into force, "
                       "deadlines) on the same axis; the events without a date in `undated`.",
        "tags": ["views"],
        "parameters": _filters(),
        "responses": {
            "200": {"description": "dated items, milestones and undated events", "content": {
                "application/json": {"schema": {
                    "type": "object",
                    "required": ["filters", "items", "milestones", "undated", "truncated"],
                    "properties": {
                        "filters": _FILTERS_ECHO,
                        "items": {"type": "array", "items": {
                            **_ITEM, "properties": {
                                **_ITEM["properties"],
                                "date": {"type": "string"},
                                "start": {"type": "string", "format": "date"},
                                "end": {"type": "string", "format": "date"}}}},
                        "milestones": {"type": "array", "items": {
                            "type": "object",
                            "required": ["label", "href", "date", "start", "end"],
                            "properties": {
                                "label": {"type": "string"}, "href": _NULLABLE_STRING,
                                "date": {"type": "string"},
                                "start": {"type": "string", "format": "date"},
                                "end": {"type": "string", "format": "date"}}}},
                        "undated": {"type": "array", "items": _ITEM},
                        "truncated": {"type": "boolean"},
                    }}}}},
            "400": _BAD_FILTER,
            **_BUSY,
        },
    }},
    "/network.json": {"get": {
        "operationId": "claims_network",
        "summary": "Who blamed, accused, denied, confirmed or agreed with whom",
        "description": "Nodes (entities) and edges weighted by the claims (or the shared "
                       "agreements) behind them, each edge with links to up to 20 of them. "
                       "With `focus`, only the edges at that entity.",
        "tags": ["views"],
        "parameters": [
            {"name": "focus", "in": "query", "required": False,
             "schema": {"type": "string", "maxLength": 2000},
             "example": "https://w3id.org/conflict-kg/id/state/russia",
             "description": "an entity: an http(s) IRI or this server's path `/id/…`; "
                            "anything else is a 400"},
        ],
        "responses": {
            "200": {"description": "the network", "content": {"application/json": {"schema": {
                "type": "object", "required": ["focus", "nodes", "edges", "truncated"],
                "properties": {
                    "focus": _NULLABLE_STRING,
                    "nodes": {"type": "array", "items": {
                        "type": "object", "required": ["id", "label", "href"],
                        "properties": {"id": {"type": "string"}, "label": {"type": "string"},
                                       "href": {"type": "string",
                                                "description": "this server's page, or "
                                                               "empty"}}}},
                    "edges": {"type": "array", "items": {
                        "type": "object",
                        "required": ["source", "target", "kind", "weight", "claims"],
                        "properties": {
                            "source": {"type": "string"}, "target": {"type": "string"},
                            "kind": {"type": "string", "enum": [
                                "blames", "holds responsible", "accuses", "denies",
                                "confirms", "agreement"]},
                            "weight": {"type": "integer", "minimum": 1},
                            "claims": {"type": "array", "maxItems": 20, "items": {
                                "type": "object", "required": ["href", "label"],
                                "properties": {"href": {"type": "string"},
                                               "label": {"type": "string"}}}}}}},
                    "truncated": {"type": "boolean"},
                }}}}},
            "400": _error("`focus` is not an http(s) IRI or a path `/id/…`"),
            **_BUSY,
        },
    }},
    "/labels": {"post": {
        "operationId": "labels",
        "summary": "The labels of a batch of IRIs (the query UI's result views)",
        "description": "A name for each IRI of this dataset (its label, else a readable name "
                       "from its class), and the label of each other IRI the store labels; "
                       f"IRIs without one are left out. At most {MAX_IRIS} IRIs per request.",
        "tags": ["views"],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["iris"], "properties": {
                "iris": {"type": "array", "maxItems": MAX_IRIS, "items": {
                    "type": "string", "format": "iri", "maxLength": MAX_IRI_CHARS}}}}}}},
        "responses": {
            "200": {"description": "labels by IRI", "content": {"application/json": {
                "schema": {"type": "object", "required": ["labels"], "properties": {
                    "labels": {"type": "object",
                               "additionalProperties": {"type": "string"}}}}}}},
            "400": _error("not a JSON object with `iris`, too many, or one is not an IRI"),
            **_BUSY,
        },
    }},
}
