"""Events with their place and dates, for the map and the timeline (``/map``, ``/timeline``
and the sections of entity and document pages).

Every query here is a constant text; the request's values (an entity, a class, a
document graph) reach the store only as bound terms (pyoxigraph substitutions), and
the date window is applied in Python to the spans of :mod:`date_spans`. Which
classes are events (or zones) is read from the ontology's class hierarchy in Python,
not with ``rdfs:subClassOf*`` paths (Virtuoso 7 loses path solutions joined with
other patterns, see pages_entity) and without needing a reasoned store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pyoxigraph as ox

from conflict_kg.namespaces import ONTOLOGY, RDF, RDFS, SKOS
from conflict_kg.server.pages.data import Linker
from conflict_kg.server.pages.date_spans import Span, span

CK = ONTOLOGY
EVENT, ZONE, DOCUMENT = CK + "Event", CK + "Zone", CK + "Document"
#: Events in one answer (and, for an entity's events, looked at one by one); past it
#: the answer says it was cut.
MAX_EVENTS = 3000

_HIERARCHY = f"SELECT ?a ?b WHERE {{ ?a <{RDFS}subClassOf> ?b }}"
_OF_CLASS = "SELECT DISTINCT ?x WHERE { ?x a ?t }"
# Both ways: events an entity takes part in, and those it names (an agreement ck:reachedAt
# talks); with their types, so that the mentions of a much-named entity are dropped
# before the MAX_EVENTS cap, not counted in it.
# What links to an actor by an event's role (a property whose domain is ck:Event or
# below, or a subproperty: Linker.roles, written in as IRIs), and what it
# links to.  Every incoming link instead read 29,000 (node, type) rows for the most
# connected state of a 1,000-document feed, most of them mentions and weapons it
# operates (270-580 ms; 95 ms this way): the entity page's timeline tells events so.
# One UNION branch per role (Linker.linked_by_role), not ``?p IN (…)``: the store then
# reads the links by a role only, not every link of the entity (289 -> 140 ms, hub).
_LINKED_TO = """SELECT DISTINCT ?x ?t WHERE { LINKS
  UNION { ?e ?p ?x } FILTER(isIRI(?x)) ?x a ?t }"""
# The same, on an entity page: the first events the store gives (the entity written in
# for ENTITY; the event classes for CLASSES), read up to the page's limit only, so that
# the page's map costs the same for an entity in 10 or 10,000 events (sorting them all
# by IRI to keep the first read every link by a role of the entity: ~80 ms for the hub
# of a 1,000-document feed).  Its roles link events (their domain), so the rows read
# are nearly all events.
_SOME_LINKED_TO = """SELECT DISTINCT ?x WHERE { { LINKS UNION { ENTITY ?p ?x } }
  FILTER(isIRI(?x)) ?x a ?t FILTER(?t IN (CLASSES)) }"""
_DOC_GRAPH = f"SELECT ?g WHERE {{ GRAPH ?g {{ ?doc a <{DOCUMENT}> }} }} LIMIT 1"
_IN_GRAPH = "SELECT DISTINCT ?x ?t WHERE { GRAPH ?g { ?x a ?t } }"
_TYPES = "SELECT DISTINCT ?t WHERE { ?x a ?t }"
_WANTED = f"""VALUES ?p {{ <{RDF}type> <{CK}date> <{CK}startDate> <{CK}endDate>
  <{CK}datePrecision> <{CK}location> <{CK}factuality> <{CK}during> <{CK}effectiveFrom>
  <{CK}locatedIn> <{CK}latitude> <{CK}longitude> }}"""
_WANTED_LIST = ", ".join(_WANTED.split("{", 1)[1].rsplit("}", 1)[0].split())
# One subject's fields: its triples filtered by property, not a VALUES block joined to
# them, so that the store writes the bound subject into the pattern (a VALUES block
# stops that: pyoxigraph then read every triple of the 12 properties, 2.7 ms an event
# at 100 documents against 0.5 ms; the entity page asks for hundreds).
_FIELDS = f"SELECT DISTINCT ?p ?v WHERE {{ ?x ?p ?v FILTER(?p IN ({_WANTED_LIST})) }}"
# The same for every instance of a class at once, with labels, and their places':
# a few queries per class instead of a few per event (10,000 documents: 5 s -> <1 s).
_CLASS_FIELDS = f"SELECT DISTINCT ?x ?p ?v WHERE {{ ?x a ?t . {_WANTED} ?x ?p ?v }}"
_NAMES = f"VALUES ?p {{ <{SKOS}prefLabel> <{RDFS}label> }}"
_CLASS_LABELS = f"""SELECT DISTINCT ?x ?p ?v WHERE {{ ?x a ?t . {_NAMES} ?x ?p ?v .
  FILTER(isLiteral(?v)) }}"""
_CLASS_PLACES = f"""SELECT DISTINCT ?x ?p ?v WHERE {{ ?e a ?t ; <{CK}location> ?x .
  VALUES ?p {{ <{CK}latitude> <{CK}longitude> <{SKOS}prefLabel> <{RDFS}label> }}
  ?x ?p ?v }}"""
# An agreement's dates: its own, its provisions' and its zones' (deadlines, entry into force).
# These three are asked of one agreement (bound ?x): property lists as filters, so
# that the subject is written in (see _FIELDS).
_OWN_MILESTONES = f"""SELECT DISTINCT ?p ?v WHERE {{
  ?x ?p ?v FILTER(?p IN (<{CK}signingDate>, <{CK}effectiveFrom>)) }}"""
_PART_MILESTONES = f"""SELECT DISTINCT ?part ?p ?v WHERE {{
  ?x ?via ?part FILTER(?via IN (<{CK}provision>, <{CK}zone>))
  ?part ?p ?v FILTER(?p IN (<{CK}deadline>, <{CK}effectiveFrom>)) }}"""
_PLACES_OF = f"""SELECT DISTINCT ?p ?place WHERE {{
  ?x ?p ?place FILTER(?p IN (<{CK}signingPlace>, <{CK}zone>)) }}"""
MILESTONE_NAMES = {CK + "signingDate": "signed", CK + "effectiveFrom": "enters into force",
                   CK + "deadline": "deadline"}


@dataclass(frozen=True)
class Filters:
    """What an answer is narrowed to; each value already checked (see pages_map)."""

    first: date | None = None  # from: the first day of the ``from`` date
    last: date | None = None  # to: the last day of the ``to`` date
    cls: str | None = None  # an event class IRI
    actor: str | None = None  # an entity IRI: events it is agent, target, place, party... of

    @property
    def timed(self) -> bool:
        return self.first is not None or self.last is not None


@dataclass
class Place:
    iri: str
    href: str | None
    label: str
    lat: float | None = None
    lon: float | None = None


@dataclass
class Item:
    """An event (or a zone, or a place) with what the map and the timeline show of it."""

    iri: str
    href: str | None
    label: str
    kind: str  # event | zone | place
    cls: str  # the class's IRI
    cls_label: str
    span: Span | None = None
    place: Place | None = None
    factuality: str | None = None  # a label, when not stated as having happened


@dataclass
class Milestone:
    """A dated term of an agreement: signing, entry into force, a provision's deadline."""

    label: str
    span: Span
    href: str | None


@dataclass
class Events:
    items: list[Item] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    truncated: bool = False

    @property
    def placed(self) -> list[Item]:
        return [i for i in self.items if i.place is not None and i.place.lat is not None]

    @property
    def unplaced(self) -> list[Item]:
        return sorted((i for i in self.items if i.kind == "event" and (
            i.place is None or i.place.lat is None)), key=_by_date)

    @property
    def dated(self) -> list[Item]:
        return sorted((i for i in self.items if i.kind == "event" and i.span is not None),
                      key=_by_date)

    @property
    def undated(self) -> list[Item]:
        return sorted((i for i in self.items if i.kind == "event" and i.span is None),
                      key=lambda i: (i.label, i.iri))


def _by_date(i: Item) -> tuple[bool, str, str, str, str]:
    """Dated first, by start and end; then by label (ties: IRI)."""
    s = i.span
    return (s is None, s.start.isoformat() if s else "", s.end.isoformat() if s else "",
            i.label, i.iri)


class Hierarchy:
    """The ontology's subclass links, read once per answer."""

    def __init__(self, linker: Linker) -> None:
        self.down: dict[str, set[str]] = {}
        self._up: dict[str, set[str]] = {}
        self._above: dict[str, set[str]] = {}
        for row in linker.store.query(_HIERARCHY):
            a, b = row["a"], row["b"]
            if isinstance(a, ox.NamedNode) and isinstance(b, ox.NamedNode):
                self.down.setdefault(b.value, set()).add(a.value)

    def above(self, cls: str) -> set[str]:
        """Every strict superclass of ``cls``."""
        if cls in self._above:
            return self._above[cls]
        if not self._up:
            for sup, subs in self.down.items():
                for sub in subs:
                    self._up.setdefault(sub, set()).add(sup)
        seen: set[str] = set()
        todo = list(self._up.get(cls, ()))
        while todo:
            c = todo.pop()
            if c not in seen:
                seen.add(c)
                todo.extend(self._up.get(c, ()))
        seen.discard(cls)
        self._above[cls] = seen
        return seen

    def below(self, top: str) -> set[str]:
        """``top`` and every class under it."""
        seen, todo = {top}, [top]
        while todo:
            for sub in self.down.get(todo.pop(), ()):
                if sub not in seen:
                    seen.add(sub)
                    todo.append(sub)
        return seen


def event_classes(linker: Linker) -> list[tuple[str, str]]:
    """(IRI, label) of every ontology event class, by label: the class filter's choices."""
    found = Hierarchy(linker).below(EVENT)
    return sorted(((c, linker.label(c)) for c in found if c.startswith(CK)),
                  key=lambda x: (x[1].lower(), x[0]))


def _best_label(labels: list[tuple[str, Any]]) -> str:
    """The label the Linker would pick: skos:prefLabel first, English or no language first."""
    ranked = sorted(((0 if p == SKOS + "prefLabel" else 2) + (
        0 if v.language in (None, "en") else 1), v.value) for p, v in labels)
    return ranked[0][1]


#: Triples of one subject read quad by quad before its fields are left to _FIELDS: an
#: event has a few dozen (0.1 ms read so, 0.3-0.4 ms as a query, asked hundreds of times
#: by a hub's page); a much-repeated subject is deduplicated faster in the engine.
NATIVE_FIELD_QUADS = 256
_WANTED_PROPS = frozenset(iri.strip("<>") for iri in _WANTED_LIST.split(", "))


def _fields(linker: Linker, iri: str) -> dict[str, list[Any]]:
    node = ox.NamedNode(iri)
    found = _few_fields(linker, node) if linker.store.capabilities.native_quads else None
    if found is None:
        found = [(row["p"].value, row["v"]) for row in linker.store.query(
            _FIELDS, substitutions={"x": node})]
    out: dict[str, list[Any]] = {}
    for prop, value in found:
        out.setdefault(prop, []).append(value)
    return out


def _few_fields(linker: Linker, node: ox.NamedNode) -> list[tuple[str, Any]] | None:
    """The distinct (property, value) of _FIELDS in the quads of every graph, in the order
    of the subject's index as the query gives them; None past NATIVE_FIELD_QUADS quads."""
    seen: dict[tuple[str, Any], None] = {}
    for i, quad in enumerate(linker.store.native_quads().match(node)):
        if i >= NATIVE_FIELD_QUADS:
            return None
        if quad.predicate.value in _WANTED_PROPS:
            seen[(quad.predicate.value, quad.object)] = None
    return list(seen)


def _first_value(values: list[Any]) -> str | None:
    texts = sorted(v.value for v in values if isinstance(v, ox.Literal))
    return texts[0] if texts else None


def _coordinates(fields: dict[str, list[Any]]) -> tuple[float, float] | None:
    try:
        lat = float(_first_value(fields.get(CK + "latitude", [])) or "x")
        lon = float(_first_value(fields.get(CK + "longitude", [])) or "x")
    except ValueError:
        return None
    if -90 <= lat <= 90 and -180 <= lon <= 180:
        return lat, lon
    return None


class _Collector:
    def __init__(self, linker: Linker, hierarchy: Hierarchy) -> None:
        self.linker = linker
        self.hierarchy = hierarchy
        self.events = hierarchy.below(EVENT)
        self.zones = hierarchy.below(ZONE)
        self._places: dict[str, Place] = {}
        self._fields: dict[str, dict[str, list[Any]]] = {}  # preloaded, see preload
        self._place_fields: dict[str, dict[str, list[Any]]] = {}
        self._labels: dict[str, str] = {}

    def preload(self, cls: str) -> list[str]:
        """Fields, labels and places of every instance of ``cls``, in three queries."""
        t = ox.NamedNode(cls)
        found: set[str] = set()
        for row in self.linker.store.query(_CLASS_FIELDS, substitutions={"t": t}):
            x = row["x"]
            if isinstance(x, ox.NamedNode):
                found.add(x.value)
                self._fields.setdefault(x.value, {}).setdefault(row["p"].value, []).append(
                    row["v"])
        names: dict[str, list[tuple[str, Any]]] = {}
        for row in self.linker.store.query(_CLASS_LABELS, substitutions={"t": t}):
            names.setdefault(row["x"].value, []).append((row["p"].value, row["v"]))
        for row in self.linker.store.query(_CLASS_PLACES, substitutions={"t": t}):
            p, x = row["p"].value, row["x"].value
            known = self._place_fields.setdefault(x, {})  # seen: no query for it later
            if p in (CK + "latitude", CK + "longitude"):
                known.setdefault(p, []).append(row["v"])
            else:
                names.setdefault(x, []).append((p, row["v"]))
        for x, labels in names.items():
            if x not in self._labels:
                self._labels[x] = _best_label(labels)
        return sorted(found)

    def label(self, iri: str) -> str:
        return self._labels.get(iri) or self.linker.label(iri)

    def fields(self, iri: str) -> dict[str, list[Any]]:
        if iri not in self._fields:
            self._fields[iri] = _fields(self.linker, iri)
        return self._fields[iri]

    def place(self, iri: str, fields: dict[str, list[Any]] | None = None) -> Place:
        """A place with its coordinates, else those of the zone's place (ck:locatedIn)."""
        if iri not in self._places:
            if fields is None:
                known = self._place_fields.get(iri)
                fields = known if known is not None else self.fields(iri)
            at = _coordinates(fields)
            found = Place(iri, self.linker.mapper.href(iri), self.label(iri))
            if at is not None:
                found.lat, found.lon = at
            self._places[iri] = found
        return self._places[iri]

    def specific(self, types: list[Any], among: set[str]) -> str | None:
        """The most specific of ``types`` that is in ``among`` (ties: by IRI)."""
        mine = sorted(t.value for t in types if isinstance(t, ox.NamedNode) and t.value in among)
        if not mine:
            return None
        # a reasoned store types an event with every superclass too: keep the lowest
        lowest = [t for t in mine if not any(t in self.hierarchy.above(o) for o in mine)]
        return lowest[0]

    def event(self, iri: str, only: set[str]) -> Item | None:
        fields = self.fields(iri)
        cls = self.specific(fields.get(RDF + "type", []), self.events & only)
        if cls is None:
            return None
        item = Item(iri, self.linker.mapper.href(iri), self.label(iri), "event", cls,
                    self.linker.label(cls), span=self._span(fields))
        locations = sorted(v.value for v in fields.get(CK + "location", [])
                           if isinstance(v, ox.NamedNode))
        places = [self.place(p) for p in locations]
        # the first place with coordinates, else the first named one
        item.place = next((p for p in places if p.lat is not None), places[0] if places else None)
        facts = [v.value for v in fields.get(CK + "factuality", []) if isinstance(v, ox.NamedNode)]
        if facts and CK + "actual" not in facts:
            item.factuality = self.linker.label(sorted(facts)[0])
        return item

    def zone(self, iri: str) -> Item | None:
        fields = self.fields(iri)
        cls = self.specific(fields.get(RDF + "type", []), self.zones)
        if cls is None:
            return None
        where = self.place(iri, fields)
        if where.lat is None:  # a zone drawn at the place it lies in, when that has coordinates
            for inside in sorted(v.value for v in fields.get(CK + "locatedIn", [])
                                 if isinstance(v, ox.NamedNode)):
                candidate = self.place(inside)
                if candidate.lat is not None:
                    where = candidate
                    break
        start = _first_value(fields.get(CK + "effectiveFrom", []))
        return Item(iri, self.linker.mapper.href(iri), self.label(iri), "zone", cls,
                    self.linker.label(cls), span=span(start) if start else None, place=where)

    def _span(self, fields: dict[str, list[Any]]) -> Span | None:
        precision = next((v.value for v in fields.get(CK + "datePrecision", [])
                          if isinstance(v, ox.NamedNode)), None)
        given = _first_value(fields.get(CK + "date", []))
        if given and (found := span(given, precision)):
            return found
        start, end = (_first_value(fields.get(CK + k, [])) for k in ("startDate", "endDate"))
        for interval in sorted(v.value for v in fields.get(CK + "during", [])
                               if isinstance(v, ox.NamedNode)):
            if start or end:
                break
            inner = self.fields(interval)  # "in the past 18 months": its bounds
            start, end = (_first_value(inner.get(CK + k, [])) for k in ("startDate", "endDate"))
        spans = [s for s in (span(start) if start else None, span(end) if end else None) if s]
        if len(spans) == 2:
            return spans[0].join(spans[1])
        return spans[0] if spans else None


def _candidates(linker: Linker, collector: _Collector, filters: Filters,
                classes: set[str], limit: int, sample: bool = False) -> tuple[list[str], bool]:
    """Resources that may be events of the answer (checked one by one after), and whether
    some were left out. Without an actor, every instance of the classes, preloaded.
    With ``sample``, an actor's are the first ``limit`` in the store's order (see
    _SOME_LINKED_TO), else the first by IRI of them all."""
    found: set[str] = set()
    if filters.actor is None:
        for cls in sorted(classes):
            found.update(collector.preload(cls))
        return sorted(found), False
    actor = ox.NamedNode(filters.actor)
    graph = None
    for row in linker.store.query(_TYPES, substitutions={"x": actor}):
        if row["t"].value == DOCUMENT:
            for g in linker.store.query(_DOC_GRAPH, substitutions={"doc": actor}):
                graph = g["g"]
    if graph is not None:  # a document: the events its graph describes
        for row in linker.store.query(_IN_GRAPH, substitutions={"g": graph}):
            if row["t"].value in classes and isinstance(row["x"], ox.NamedNode):
                found.add(row["x"].value)
    else:
        found.add(filters.actor)  # an event itself
        if sample:
            entity = str(actor)
            text = (_SOME_LINKED_TO.replace("LINKS", linker.linked_by_role(
                CK + "Event", "?x", entity)).replace("ENTITY", entity)
                .replace("CLASSES", ", ".join(str(ox.NamedNode(c)) for c in sorted(classes))))
            for row in linker.store.query(f"{text} LIMIT {limit + 1}"):
                found.add(row["x"].value)
            ordered = sorted(found)
            return ordered[:limit], len(ordered) > limit
        linked = _LINKED_TO.replace("LINKS", linker.linked_by_role(CK + "Event", "?x", "?e"))
        for row in linker.store.query(linked, substitutions={"e": actor}):
            if row["t"].value in classes:
                found.add(row["x"].value)
    ordered = sorted(found)
    return ordered[:limit], len(ordered) > limit


def collect(linker: Linker, filters: Filters, zones: bool = True,
            limit: int = MAX_EVENTS, sample: bool = False) -> Events:
    """The events (and zones, places, agreement dates) that ``filters`` select: at most
    ``limit`` looked at (``truncated`` says when some were left out).  With ``sample``
    an actor's events looked at are the first ``limit`` the store gives (a page's map:
    bounded whatever the actor's number of events), not the first by IRI of them all."""
    hierarchy = Hierarchy(linker)
    collector = _Collector(linker, hierarchy)
    classes = hierarchy.below(filters.cls) if filters.cls else collector.events
    candidates, truncated = _candidates(linker, collector, filters, classes, limit, sample)
    out = Events(truncated=truncated)
    for iri in candidates:
        item = collector.event(iri, classes)
        if item is None:
            continue
        if filters.timed and (item.span is None or not item.span.overlaps(filters.first,
                                                                          filters.last)):
            continue  # undated events cannot be said to fall in the window
        if len(out.items) >= limit:
            out.truncated = True
            break
        out.items.append(item)
    if filters.actor is not None and filters.cls is None:
        _about(linker, collector, filters, out)
    elif zones and filters.cls is None:
        for cls in sorted(collector.zones):
            for row in linker.store.query(_OF_CLASS, substitutions={"t": ox.NamedNode(cls)}):
                if isinstance(row["x"], ox.NamedNode) and not any(
                        i.iri == row["x"].value for i in out.items):
                    _add_zone(collector, row["x"].value, filters, out)
    return out


def _add_zone(collector: _Collector, iri: str, filters: Filters, out: Events) -> None:
    zone = collector.zone(iri)
    if zone is None or zone.place is None or zone.place.lat is None:
        return
    if zone.span is not None and not zone.span.overlaps(filters.first, filters.last):
        return  # in force only after the window (no date: shown in every window)
    out.items.append(zone)


def _about(linker: Linker, collector: _Collector, filters: Filters, out: Events) -> None:
    """An entity's own place, its agreement's signing place and zones, and its dates."""
    assert filters.actor is not None
    actor = ox.NamedNode(filters.actor)
    if not any(i.iri == filters.actor for i in out.items):
        own = collector.place(filters.actor)
        if own.lat is not None:
            out.items.append(Item(own.iri, own.href, own.label, "place", "", "place",
                                  place=own))
    for row in linker.store.query(_PLACES_OF, substitutions={"x": actor}):
        target = row["place"]
        if not isinstance(target, ox.NamedNode):
            continue
        if row["p"].value == CK + "zone":
            _add_zone(collector, target.value, filters, out)
            continue
        where = collector.place(target.value)
        if where.lat is not None and not any(i.iri == where.iri for i in out.items):
            out.items.append(Item(where.iri, where.href, where.label, "place", "",
                                  "signing place", place=where))
    for row in linker.store.query(_OWN_MILESTONES, substitutions={"x": actor}):
        _milestone(out, MILESTONE_NAMES[row["p"].value], row["v"], None, filters)
    for row in linker.store.query(_PART_MILESTONES, substitutions={"x": actor}):
        part = row["part"]
        name = f"{MILESTONE_NAMES[row['p'].value]}: {linker.label(part.value)}"
        _milestone(out, name, row["v"], linker.mapper.href(part.value), filters)
    out.milestones.sort(key=lambda m: (m.span.start, m.label))


def _milestone(out: Events, name: str, value: Any, href: str | None, filters: Filters) -> None:
    if not isinstance(value, ox.Literal):
        return
    found = span(value.value)
    if found is not None and found.overlaps(filters.first, filters.last):
        out.milestones.append(Milestone(name, found, href))


__all__ = ["Events", "Filters", "Item", "Milestone", "collect", "event_classes"]
