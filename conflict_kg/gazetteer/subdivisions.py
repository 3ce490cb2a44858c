"""Subdivisions of every state (provinces, governorates, regions, districts) from
``pycountry``'s ISO 3166-2 table.

Only first-level subdivisions are taken (lower levels, such as English
districts or Slovene municipalities, are too often words or surnames).
A subdivision is linked by name wherever the text is capitalised, so names
that would link wrongly are left out: names of two subdivisions (which one is
meant cannot be told), names that a state, a capital, a large city or a
curated entry already has (they keep that meaning), short names, and names
that are common words (:data:`NOT_SUBDIVISION_NAMES`). Names as ISO writes
them ("Ladākh", "Ma’rib") link through the matcher's accent and apostrophe
folding; an ISO name with a bracketed note ("Sanaa [city]") drops the note.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from conflict_kg.gazetteer.cities import NOT_PLACE_NAMES, CityRecord
from conflict_kg.gazetteer.states import StateRecord, folded, slugify

# Names of subdivisions that are ordinary words or directions in English text.
NOT_SUBDIVISION_NAMES = NOT_PLACE_NAMES | frozenset({
    "centre", "center", "central", "capital", "north", "south", "east", "west", "northern",
    "southern", "eastern", "western", "coast", "coastal", "lakes", "upper", "lower", "islands",
    "island", "mountain", "mountains", "plateau", "littoral", "maritime", "valley", "borders",
    "highland", "highlands", "lagoons", "ocean", "river", "federal", "sea", "delta", "national",
    "interior", "border", "plains", "union", "liberty", "grand", "great", "north east",
    "north west", "south east", "south west", "far north", "midlands", "gold", "saint",
    "commune", "city", "district", "region", "province", "state", "oriental", "occidental",
    "atlantic", "pacific", "caribbean", "andes", "amazon", "amazonas", "savannah", "savanes",
    "plateaux", "nord", "sud", "est", "ouest", "centre-est", "centre-nord", "centre-ouest",
    "centre-sud", "haut", "bas", "hope", "providence", "mercy", "peace", "unity", "progress",
    "independence", "victory", "freedom", "paradise", "eden", "mon", "man", "sur", "salt",
    "cook", "mayo", "clare", "down", "anglo", "george", "james", "john", "mary", "paul",
    "peter", "andrew", "david", "thomas", "joseph", "patrick", "philip", "lucia", "christ",
})
_NOTE = re.compile(r"\s*[\[(].*?[\])]\s*")
_APOSTROPHES = re.compile(r"[’‘ʻʼ'`]")


def plain(name: str) -> str:
    """A name compared as news writes it: case, accents and apostrophes folded
    ("‘Ajmān" is "Ajman")."""
    return folded(_APOSTROPHES.sub("", name))


@dataclass(frozen=True)
class SubdivisionRecord:
    slug: str
    name: str
    code: str  # ISO 3166-2, "ET-TI"
    kind: str  # ISO's type, "Regional state"
    state_slug: str
    top_level: bool  # a first-level subdivision (ck:Province), else ck:AdministrativeRegion


def subdivision_records(states: list[StateRecord], cities: list[CityRecord],
                        taken_labels: set[str]) -> list[SubdivisionRecord]:
    """Subdivisions of the states in ``states``, without names that would mislead;
    ``taken_labels``: case-folded labels the curated files already give."""
    import pycountry

    by_code = {s.alpha2: s for s in states if s.alpha2}
    taken = {plain(n) for s in states for n in (s.name, *s.aliases, *s.demonyms)}
    taken |= {plain(s.capital.name) for s in states if s.capital}
    taken |= {plain(c.name) for c in cities} | {plain(label) for label in taken_labels}
    rows = []
    for sub in pycountry.subdivisions:
        state = by_code.get(sub.country_code)
        name = _NOTE.sub(" ", str(sub.name)).strip()
        if state is None or not name or sub.parent_code is not None:
            continue  # first-level subdivisions only: lower levels are often common words
        rows.append((name, str(sub.code), str(sub.type), state, sub.parent_code is None))
    counts = Counter(plain(name) for name, *_rest in rows)
    used = {s.slug for s in states} | {c.slug for c in cities}
    used |= {slugify(s.capital.name) for s in states if s.capital}
    records = []
    for name, code, kind, state, top_level in sorted(rows, key=lambda r: r[1]):
        key = plain(name)
        if (counts[key] > 1 or key in taken or key in NOT_SUBDIVISION_NAMES or len(name) <= 3
                or "," in name):
            continue
        slug = slugify(name)
        if not slug or slug in used:
            slug = f"{slug}-{code.lower()}".strip("-")
        used.add(slug)
        records.append(SubdivisionRecord(slug, name, code, kind, state.slug, top_level))
    return records
