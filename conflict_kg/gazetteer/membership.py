"""Which ISO 3166-1 entries are states, and the de facto states ISO does not list.

Membership of the United Nations is not in pycountry, so it is kept here as the
short list of ISO 3166-1 entries that are *not* sovereign states (dependencies,
overseas territories, uninhabited territories).  Every other ISO entry is one
of the 193 UN member states, an observer state or a de facto state; a test
checks that exactly 193 members remain.

Sources: the United Nations' list of member states (un.org/en/about-us/
member-states) and of non-member observer states; ISO 3166-1 (via pycountry)
for the territories; the de facto states are those news reports commonly
name as states, with capitals and demonyms from their Wikipedia articles.
"""

from __future__ import annotations

from dataclasses import dataclass

# ISO 3166-1 alpha-2 codes of territories that are not states.
NOT_STATES = frozenset({
    "AI", "AQ", "AS", "AW", "AX", "BL", "BM", "BQ", "BV", "CC", "CK", "CW", "CX", "FK", "FO",
    "GF", "GG", "GI", "GL", "GP", "GS", "GU", "HK", "HM", "IM", "IO", "JE", "KY", "MF", "MO",
    "MP", "MQ", "MS", "NC", "NF", "NU", "PF", "PM", "PN", "PR", "RE", "SH", "SJ", "SX", "TC",
    "TF", "TK", "UM", "VG", "VI", "WF", "YT",
})
OBSERVERS = frozenset({"VA", "PS"})  # the Holy See; the State of Palestine
DE_FACTO_IN_ISO = frozenset({"TW", "EH"})  # Taiwan; Western Sahara (the SADR)
UN_MEMBER_COUNT = 193


@dataclass(frozen=True)
class DeFactoState:
    """A commonly reported state that ISO 3166-1 does not list."""

    slug: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str
    latitude: float
    longitude: float


DE_FACTO_OUTSIDE_ISO = (
    DeFactoState("kosovo", "Kosovo", ("Republic of Kosovo",), ("Kosovar", "Kosovan"),
                 "Pristina", 42.67, 21.17),
    DeFactoState("somaliland", "Somaliland", ("Republic of Somaliland",), ("Somalilander",),
                 "Hargeisa", 9.56, 44.06),
    DeFactoState("abkhazia", "Abkhazia", ("Republic of Abkhazia",), ("Abkhaz", "Abkhazian"),
                 "Sukhumi", 43.00, 41.02),
    DeFactoState("south-ossetia", "South Ossetia", ("Republic of South Ossetia",),
                 ("South Ossetian",), "Tskhinvali", 42.23, 43.97),
    DeFactoState("transnistria", "Transnistria", ("Pridnestrovie", "Transdniestria"),
                 ("Transnistrian",), "Tiraspol", 46.84, 29.63),
    DeFactoState("northern-cyprus", "Northern Cyprus",
                 ("Turkish Republic of Northern Cyprus", "TRNC"), ("Turkish Cypriot",),
                 "North Nicosia", 35.19, 33.36),
)
