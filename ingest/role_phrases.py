"""Patterns of the phrases that give a person's post, built from the KB's roles and ranks.

* a title before the name: "Malian President X", "Col. Y" (:func:`title_pattern`);
* an apposition after it: "X, a military spokesman for the Houthis"
  (:func:`apposition_pattern`);
* the role first, then a comma: "Cuba's foreign minister, X", "Its spokesman, Y",
  "his foreign minister, Z" (:func:`role_comma_name_pattern`);
* two holders of one role, respectively: "the foreign ministers of A and B, X and Y"
  (:func:`respective_pattern`).

The role and rank alternations come from the ontology's labels (``ck:Role``,
``ck:Rank``), so a role added there is found by every pattern here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from conflict_kg.ingest.lexicon import ROLE_MODIFIERS

_CAP = r"[A-Z\u00C0-\u00D6\u00D8-\u00DE][\w'’]*(?:-[A-Za-z\u00C0-\u00FF][\w'’]*)*"
_PARTICLE = r"(?:al-|el-|bin\s+|ibn\s+|van\s+|von\s+|de\s+)?"
# a middle initial stays inside the name ("William K. Harrison", "George W. Bush")
_INITIAL = r"(?:\s+[A-Z]\.(?=\s+[A-Z][a-z]))?"
NAME = rf"{_PARTICLE}{_CAP}{_INITIAL}(?:\s+{_PARTICLE}{_CAP}){{0,3}}"
# The owner of a post named before it: a state, demonym or organisation (up to three
# capitalised words, possessive or not), or a pronoun that points back to one.
_OWNER_WORDS = r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}"
OWNER_PRONOUNS = {"its": "organisation", "their": "organisation", "his": "person",
                  "her": "person"}
# "the country's", "the nation's": the state named last before.
STATE_POINTER = re.compile(r"(?i:the)\s+(?:country|nation|state)['’]s")


@lru_cache(maxsize=8)
def title_pattern(roles: str, ranks: str) -> re.Pattern[str]:
    """'Defence Minister X', 'Maj. Gen. Y', 'military spokesman Z'."""
    return re.compile(
        rf"(?:(?P<orghead>(?i:defen[cs]e\s+ministry|foreign\s+ministry|military))\s+)?"
        rf"(?:(?P<role>{roles})\s+(?:(?P<rank>{ranks})\s+)?"
        rf"|(?P<rank2>{ranks})\s+)(?P<name>{NAME})"
    )


@lru_cache(maxsize=8)
def apposition_pattern(roles: str) -> re.Pattern[str]:
    """', a military spokesman for the Houthis' after a name (``owner``: 'NATO', 'Russian')."""
    return re.compile(
        rf",\s+(?:(?i:the|a|an)\s+)?(?:(?P<owner>[A-Z][\w.-]*)\s+)?(?:{ROLE_MODIFIERS}\s+)?"
        rf"(?P<role>{roles})(?:\s+(?:for|of|to)\s+(?:the\s+)?(?P<of>[^,.;]+))?"
    )


@lru_cache(maxsize=8)
def role_comma_name_pattern(roles: str, ranks: str) -> re.Pattern[str]:
    """'Cuba's foreign minister, X', 'Its political spokesman, Y', 'The United States special
    envoy for the Horn of Africa, Z': the name must end at a comma, a stop or a verb."""
    return re.compile(
        rf"(?<![\w’'-])(?P<owner>(?:[Tt]he\s+(?:country|nation|state)['’]s|[Ii]ts|[Hh]is|[Hh]er"
        rf"|[Tt]heir|[Tt]he|{_OWNER_WORDS}))\s+"
        rf"(?:{ROLE_MODIFIERS}\s+)?(?P<role>{roles})"
        rf"(?:\s+(?:for|of|to|in)\s+(?:the\s+)?(?P<of>[A-Z][^,;.]{{0,60}}?))?"
        rf",\s+(?:(?P<rank>{ranks})\s+)?(?P<name>{NAME})(?=\s*[,;.]|\s+[a-z]|$)"
    )


@lru_cache(maxsize=8)
def respective_pattern(roles: str) -> re.Pattern[str]:
    """'the foreign ministers of Armenia and Azerbaijan, X and Y'."""
    return re.compile(
        rf"(?P<role>{roles})s\s+of\s+(?P<a>{_OWNER_WORDS})\s+and\s+(?:the\s+)?(?P<b>{_OWNER_WORDS}),"
        rf"\s+(?P<n1>{NAME})\s+and\s+(?P<n2>{NAME})(?=\s*[,;.]|\s+[a-z]|$)"
    )
