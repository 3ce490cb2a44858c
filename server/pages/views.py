"""The analyst's views beyond one resource: /network (and its JSON), /contested,
and the cards of an entity page (agreement, event, contested figures).

Every page is built on the query runner (``within_deadline``) like the other
pages; request values reach SPARQL only as bound terms.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from flask import Blueprint, Flask, jsonify, render_template, request
from flask.typing import ResponseReturnValue

from conflict_kg.namespaces import DataNamespace
from conflict_kg.server import context
from conflict_kg.server.http.iris import IriMapper
from conflict_kg.server.pages.cards import Cards, cards_for
from conflict_kg.server.pages.contested import Contested, contested, figure_disputes
from conflict_kg.server.pages.data import Linker
from conflict_kg.server.pages.network import Network, network
from conflict_kg.server.pages.queries import PageQueryError, within_deadline
from conflict_kg.server.pages.unavailable import unavailable
from conflict_kg.store import GraphStore

bp = Blueprint("views", __name__)


@dataclass
class CardViews:
    cards: Cards
    contested: Contested | None


def card_views(linker: Linker, iri: str) -> CardViews:
    """The cards of an entity page; an event's disputed figures beside its card."""
    cards = cards_for(linker, iri)
    disputes = None
    if cards.event is not None:
        disputes = Contested(figures=figure_disputes(linker, iri)[0])
    return CardViews(cards, disputes)


def _linker_factory() -> tuple[DataNamespace, IriMapper]:
    return context.namespace(), IriMapper(context.settings().base_iri, request.script_root)


class BadRequest(ValueError):
    pass


def _focus() -> str | None:
    """The ``focus`` parameter: an absolute IRI, or a path of this server (``/id/…``)."""
    raw = request.args.get("focus", "").strip()
    if not raw:
        return None
    if raw.startswith("/id/"):
        raw = context.settings().base_iri + raw[1:]
    if len(raw) > 2000 or not raw.startswith(("http://", "https://", "urn:")):
        raise BadRequest("focus must be an http(s) IRI of an entity, e.g. "
                         "https://w3id.org/conflict-kg/id/state/russia, or a path /id/…")
    try:
        ox.NamedNode(raw)
    except ValueError:
        raise BadRequest("focus is not a valid IRI") from None
    return raw


def _network(focus: str | None) -> Network:
    ns, mapper = _linker_factory()

    def build(store: GraphStore) -> Network:
        return network(Linker(store, ns, mapper), focus)

    return within_deadline(build)


@bp.get("/network.json")
def network_json() -> ResponseReturnValue:
    """Nodes and weighted edges of who blamed, accused, denied or agreed with whom."""
    try:
        focus = _focus()
        net = _network(focus)
    except BadRequest as exc:
        return jsonify({"error": str(exc)}), 400
    except PageQueryError as exc:
        return jsonify({"error": exc.message}), exc.status
    return jsonify({"focus": focus, **net.as_json()})


@bp.get("/network")
def network_page() -> ResponseReturnValue:
    try:
        focus = _focus()
        net = _network(focus)
    except BadRequest as exc:
        return render_template("unavailable.html", status=400, message=str(exc)), 400
    except PageQueryError as exc:
        return unavailable(exc)
    return render_template("network.html", net=net, data={"focus": focus, **net.as_json()},
                           focus=focus)


@bp.get("/contested")
def contested_page() -> ResponseReturnValue:
    ns, mapper = _linker_factory()

    def build(store: GraphStore) -> Contested:
        return contested(Linker(store, ns, mapper))

    try:
        cases = within_deadline(build)
    except PageQueryError as exc:
        return unavailable(exc)
    return render_template("contested.html", cases=cases)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
