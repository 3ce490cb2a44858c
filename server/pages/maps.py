"""``/map`` and ``/timeline`` (with their JSON, ``/map.json`` and ``/timeline.json``), and the
map and timeline sections of entity and document pages.

Filters: ``from`` and ``to`` (YYYY, YYYY-MM or YYYY-MM-DD: a month or a year as a whole),
``class`` (an event class: IRI or local name) and ``actor`` (an IRI, or a name resolved
by the search index as in the analyst query forms). A value that does not fit is a
``400`` with a message naming the parameter. Every answer is built on the query runner
(query timeout, slots, metrics), as the other pages are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Flask, Response, g, jsonify, render_template, request
from flask.typing import ResponseReturnValue

from conflict_kg.namespaces import ONTOLOGY
from conflict_kg.server import context
from conflict_kg.server.http.iris import IriMapper
from conflict_kg.server.pages.data import Linker
from conflict_kg.server.pages.date_spans import DateError, filter_date
from conflict_kg.server.pages.events import (
    Events,
    Filters,
    Item,
    collect,
    event_classes,
)
from conflict_kg.server.pages.queries import PageQueryError, within_deadline
from conflict_kg.server.pages.timeline_svg import Chart, layout
from conflict_kg.server.search.views import LabelNotResolved, SearchLimitError, resolve_label
from conflict_kg.store import GraphStore

bp = Blueprint("maps", __name__)

MAX_PARAM = 300  # characters of any filter value
_IRI = re.compile(r"^https?://\S+$")
_LOCAL_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
COUNTRIES = "vendor/worldatlas/countries-110m.json"  # under /static (make assets)
LEAFLET = "vendor/leaflet/leaflet.js"


class FilterError(ValueError):
    """A filter value that does not fit: the ``400`` message."""


@dataclass
class Asked:
    """The filters as checked, and as given (to fill the form again)."""

    filters: Filters
    given: dict[str, str]


def _mapper() -> IriMapper:
    return IriMapper(context.settings().base_iri, request.script_root)


def _resolve_actor(raw: str) -> str:
    if _IRI.match(raw):
        try:
            return ox.NamedNode(raw).value
        except ValueError:
            raise FilterError(f"actor: {raw[:80]!r} is not a valid IRI") from None
    try:
        return resolve_label(raw)
    except (LabelNotResolved, SearchLimitError) as exc:
        raise FilterError(f"actor: {exc}") from None


def _event_class(raw: str, known: set[str]) -> str:
    iri = ONTOLOGY + raw if _LOCAL_NAME.match(raw) else raw
    if iri not in known:
        raise FilterError(f"class: {raw[:80]!r} is not an event class of the ontology "
                          f"(give its IRI or local name, e.g. AirStrike)")
    return iri


def read_filters(args: Any, known_classes: set[str]) -> Asked:
    """The request's filters, checked; raises :class:`FilterError` with the ``400`` message."""
    given = {k: str(args.get(k, "")).strip() for k in ("from", "to", "class", "actor")}
    for name, value in given.items():
        if len(value) > MAX_PARAM:
            raise FilterError(f"{name}: at most {MAX_PARAM} characters")
    try:
        first, last = filter_date("from", given["from"]), filter_date("to", given["to"])
    except DateError as exc:
        raise FilterError(str(exc)) from None
    if first is not None and last is not None and first.start > last.end:
        raise FilterError(f"from ({given['from']}) is after to ({given['to']})")
    cls = _event_class(given["class"], known_classes) if given["class"] else None
    actor = _resolve_actor(given["actor"]) if given["actor"] else None
    return Asked(Filters(first.start if first else None, last.end if last else None, cls, actor),
                 given)


def _classes() -> list[tuple[str, str]]:
    ns, mapper = context.namespace(), _mapper()
    return within_deadline(lambda store: event_classes(Linker(store, ns, mapper)))


def _collect(filters: Filters) -> Events | None:
    ns, mapper = context.namespace(), _mapper()
    return within_deadline(lambda store: collect(Linker(store, ns, mapper), filters))


def _error(status: int, message: str, as_json: bool) -> Response:
    if as_json:
        response = jsonify(error=message)
        response.status_code = status
        if status in (429, 503):
            response.headers["Retry-After"] = "5"
        return response
    html = render_template("unavailable.html", status=status, message=message)
    headers = {"Retry-After": "5"} if status in (429, 503) else {}
    return Response(html, status=status, mimetype="text/html", headers=headers)


def _item_json(item: Item) -> dict[str, Any]:
    out: dict[str, Any] = {
        "iri": item.iri, "href": item.href, "label": item.label, "kind": item.kind,
        "class": {"iri": item.cls or None, "label": item.cls_label},
        "date": item.span.text if item.span else None,
        "start": item.span.start.isoformat() if item.span else None,
        "end": item.span.end.isoformat() if item.span else None,
        "precision": item.span.precision if item.span else None,
        "factuality": item.factuality,
        "place": None,
    }
    if item.place is not None:
        out["place"] = {"iri": item.place.iri, "href": item.place.href,
                        "label": item.place.label}
        if item.place.lat is not None:
            out["lat"], out["lon"] = item.place.lat, item.place.lon
    return out


def map_json(events: Events) -> dict[str, Any]:
    return {"markers": [_item_json(i) for i in events.placed],
            "unplaced": [_item_json(i) for i in events.unplaced[:200]],
            "unplaced_count": len(events.unplaced), "truncated": events.truncated}


def timeline_json(events: Events) -> dict[str, Any]:
    return {"items": [_item_json(i) for i in events.dated],
            "milestones": [{"label": m.label, "href": m.href, "date": m.span.text,
                            "start": m.span.start.isoformat(), "end": m.span.end.isoformat()}
                           for m in events.milestones],
            "undated": [_item_json(i) for i in events.undated],
            "truncated": events.truncated}


def _filters_json(asked: Asked) -> dict[str, Any]:
    f = asked.filters
    return {"from": f.first.isoformat() if f.first else None,
            "to": f.last.isoformat() if f.last else None, "class": f.cls, "actor": f.actor}


def _view(kind: str, as_json: bool) -> ResponseReturnValue:
    given = {k: str(request.args.get(k, "")) for k in ("from", "to", "class", "actor")}
    try:
        classes = _classes()
        asked = read_filters(request.args, {c for c, _ in classes})
        # the map page loads its markers from /map.json: not built twice
        events = None if kind == "map" and not as_json else _collect(asked.filters)
    except FilterError as exc:
        if as_json:
            return _error(400, str(exc), True)
        html = render_template(f"{kind}.html", error=str(exc), asked=Asked(Filters(), given),
                               events=None, classes=classes, chart=None, query={},
                               countries=COUNTRIES, leaflet=LEAFLET)
        return Response(html, status=400, mimetype="text/html")
    except PageQueryError as exc:
        return _error(exc.status, exc.message, as_json)
    if as_json:
        assert events is not None
        body = map_json(events) if kind == "map" else timeline_json(events)
        return jsonify(filters=_filters_json(asked), **body)
    chart = None if events is None else layout(events.dated, events.milestones,
                                               asked.filters.first, asked.filters.last)
    query = {k: v for k, v in asked.given.items() if v}
    return render_template(f"{kind}.html", error=None, asked=asked, events=events,
                           classes=classes, chart=chart, query=query, countries=COUNTRIES,
                           leaflet=LEAFLET)


@bp.get("/map")
def map_page() -> ResponseReturnValue:
    return _view("map", as_json=False)


@bp.get("/map.json")
def map_data() -> ResponseReturnValue:
    return _view("map", as_json=True)


@bp.get("/timeline")
def timeline_page() -> ResponseReturnValue:
    return _view("timeline", as_json=False)


@bp.get("/timeline.json")
def timeline_data() -> ResponseReturnValue:
    return _view("timeline", as_json=True)


@dataclass
class About:
    """The map and timeline sections of one entity or document page."""

    iri: str
    events: Events | None
    chart: Chart | None
    error: str | None = None

    @property
    def markers(self) -> dict[str, Any]:
        return map_json(self.events) if self.events else {"markers": []}


#: Events an entity or document page looks at for its map and chart (the first the store
#: gives, read up to this many: events.collect's ``sample``); the map and timeline pages
#: take up to events.MAX_EVENTS, the first by IRI.  A state in a 1,000-document
#: feed has ~500, each one a few lookups: all of them cost the page ~0.4 s.
PAGE_EVENTS = 200


def events_about(iri: str) -> About:
    """The events of an entity or document page, once per request (both partials use it)."""
    cache: dict[str, About] = g.setdefault("events_about", {})
    if iri not in cache:
        ns, mapper = context.namespace(), _mapper()

        def build(store: GraphStore) -> Events:
            return collect(Linker(store, ns, mapper), Filters(actor=iri), limit=PAGE_EVENTS,
                           sample=True)

        try:
            events = within_deadline(build)
            cache[iri] = About(iri, events, layout(events.dated, events.milestones))
        except PageQueryError as exc:
            cache[iri] = About(iri, None, None, exc.message)
    return cache[iri]


def init_app(app: Flask) -> None:
    app.add_template_global(events_about, "events_about")
    app.register_blueprint(bp)


__all__ = ["events_about", "init_app", "read_filters"]
