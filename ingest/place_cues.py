"""Where the text says a place is named: head nouns, locative prepositions, lists.

Each function returns candidates ``(start, end, name, class local name, cue)``
with offsets into the sentence text; :class:`~conflict_kg.ingest.entities.EntityFinder`
decides what they link to (a known place, a town of the towns table, or a new
place).  ``cue`` says how strong the evidence is:

* ``head``: a head noun names the kind ("Idlib province", "the town of X",
  "Yeonpyeong Island", "Subic Bay") and the name is taken whole;
* ``town``: the text says a town is meant, but not its kind ("in X", "near X",
  "Dessie and X", "its main town, X"): only a town of the towns table links.

Names are capitalised words (one to three), never only the first word of a
longer name ("Ras Lanuf").
"""

from __future__ import annotations

import re

from conflict_kg.ingest.prefilter import prefiltered

_CAP = r"[A-Z\u00C0-\u00D6\u00D8-\u00DE][\w'’]*(?:-[A-Za-z\u00C0-\u00FF][\w'’]*)*"
_NAME = rf"{_CAP}(?:\s+(?:al-|el-|de\s+|du\s+)?{_CAP}){{0,2}}"

# Capitalised geographic heads after a name: "Galwan Valley", "Yeonpyeong Island".
GEOGRAPHIC_HEADS = {
    "Sea": "BodyOfWater", "Gulf": "BodyOfWater", "Bay": "BodyOfWater", "Strait": "BodyOfWater",
    "Straits": "BodyOfWater", "River": "BodyOfWater", "Lake": "BodyOfWater",
    "Canal": "BodyOfWater", "Channel": "BodyOfWater", "Lagoon": "BodyOfWater",
    "Valley": "Region", "Island": "Region", "Islands": "Region", "Peninsula": "Region",
    "Mountains": "Region", "Hills": "Region", "Heights": "Region", "Desert": "Region",
    "Plateau": "Region", "Basin": "Region", "Delta": "Region", "Gorge": "Region",
    "Pass": "Region", "Corridor": "Zone", "Shoal": "Region", "Atoll": "Region",
}
_GEOGRAPHIC = prefiltered(
    rf"(?<![\w-])(?P<name>{_CAP}(?:\s+{_CAP})?)\s+(?P<head>"
    + "|".join(sorted(GEOGRAPHIC_HEADS, key=len, reverse=True)) + r")\b"
)
_WITH_HEAD = prefiltered(
    rf"(?P<name>{_CAP}(?:\s+{_CAP})?)\s+(?P<head>coastal\s+region|province|governorate|region|"
    r"district|air\s?base|naval\s+base|base)\b"
)
# "the Abqaiq processing facility", "the Khurais oil field": a site named with its kind.
_FACILITY = prefiltered(
    rf"(?<![\w-])(?P<name>{_CAP}(?:\s+{_CAP})?)\s+(?P<head>(?:oil|gas)\s?fields?|refinery|"
    r"(?:processing\s+|nuclear\s+|military\s+)?facility|(?:power|nuclear)\s+plant|airport|"
    r"oil\s+terminal|dam|(?:oil\s+|gas\s+|offshore\s+)?platforms?)\b"
)
# "the town of X", "the cities of X and Y", "the port of X" (a port town)
_OF = prefiltered(
    rf"\b(?P<head>towns?|city|cities|villages?|provinces?|port)\s+of\s+(?P<name>{_NAME})"
    rf"(?:\s*,\s*(?P<name2>{_NAME}))?(?:\s*,?\s+and\s+(?P<name3>{_NAME}))?"
)
_AFTER_PREPOSITION = prefiltered(
    rf"\b(?P<prep>in|near|outside|at|over|into|from|around|towards?|across)\s+"
    rf"(?P<name>{_NAME})"
)
# Prepositions after which an unknown capitalised name is minted as a place (the others
# only link to a town of the table: "from Reuters" is no place).
MINTING_PREPOSITIONS = frozenset({"in", "near", "outside", "at", "over"})
_ADJECTIVE_BEFORE = re.compile(
    r"\s+(?:cities|towns|villages|areas|regions|provinces|positions|forces|troops|territory|"
    r"territories|waters|airspace|soil|officials|targets|bases|lines|border|borders|side|"
    r"sides|installations|facilities|ports|coast|camps|military)\b")
# "its main town, X", "the city, X"
_APPOSED = prefiltered(rf"\b(?:town|city|village|capital),\s+(?P<name>{_NAME})")
# "X, the capital of …", "X, a village near …": a name before its kind in apposition
_APPOSED_AFTER = prefiltered(
    rf"(?<![\w'’-])(?P<name>{_NAME}),\s+(?:the|a|an|its|their)\s+(?:[\w’'-]+\s+){{0,2}}?"
    r"(?P<head>capital|town|city|village|port(?:\s+city)?)(?=\s+(?:of|in|on|near|north|south|"
    r"east|west|that|which|where)\b|\s*[,.;:])")
_HEAD_CLASS = {"town": "City", "towns": "City", "city": "City", "cities": "City",
               "village": "City", "villages": "City", "province": "Province",
               "provinces": "Province", "port": "City"}

Candidate = tuple[int, int, str, str, str]


def candidates(text: str, place_heads: dict[str, str]) -> list[Candidate]:
    """Place candidates of a sentence, strongest cues first."""
    found: list[Candidate] = []
    for m in _GEOGRAPHIC.finditer(text):
        found.append((m.start("name"), m.end(), f"{m['name']} {m['head']}",
                      GEOGRAPHIC_HEADS[m["head"]], "head"))
    for m in _WITH_HEAD.finditer(text):
        head = " ".join(m["head"].lower().split())
        found.append((m.start("name"), m.end(), m["name"], place_heads.get(head, "Region"),
                      "head"))
    for m in _FACILITY.finditer(text):
        found.append((m.start("name"), m.end(), f"{m['name']} {' '.join(m['head'].split())}",
                      "Facility", "head"))
    for m in _OF.finditer(text):
        class_name = _HEAD_CLASS[m["head"].lower()]
        for group in ("name", "name2", "name3"):
            if m[group]:
                found.append((m.start(group), m.end(group), m[group], class_name, "head"))
    for m in _APPOSED.finditer(text):
        found.append((m.start("name"), m.end("name"), m["name"], "City", "town"))
    for m in _APPOSED_AFTER.finditer(text):
        found.append((m.start("name"), m.end("name"), m["name"], "City", "head"))
    for m in _AFTER_PREPOSITION.finditer(text):
        if _ADJECTIVE_BEFORE.match(text, m.end("name")):
            continue  # "at Saudi cities", "in Kurdish areas": a modifier, not a place
        cue = "prep" if m["prep"].lower() in MINTING_PREPOSITIONS else "town"
        found.append((m.start("name"), m.end("name"), m["name"], "Place", cue))
    return found


_BESIDE_AFTER = re.compile(rf"\s*(?:,|,?\s+and|,?\s+or)\s+(?P<name>{_NAME})")
_BESIDE_BEFORE = re.compile(rf"(?<![\w'’-])(?P<name>{_NAME})\s*(?:,|,?\s+and|,?\s+or)\s*$")


def beside(text: str, start: int, end: int) -> list[Candidate]:
    """Names listed with a place found at ``start:end`` of ``text``: "Dessie and X",
    "X, Dessie"."""
    found: list[Candidate] = []
    after = _BESIDE_AFTER.match(text, end)
    if after is not None:
        found.append((after.start("name"), after.end("name"), after["name"], "City", "town"))
    before = _BESIDE_BEFORE.search(text[:start])
    if before is not None:
        found.append((before.start("name"), before.end("name"), before["name"], "City", "town"))
    return found
