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


# --- former states ---------------------------------------------------------------
#
# ISO 3166-3 (``pycountry.historic_countries``) lists the codes withdrawn from ISO 3166-1.
# A withdrawn code is one of three things, kept apart here by its alpha-3 code (a test
# checks that every ISO 3166-3 entry is in exactly one of the three):
#
# * a state that no longer exists (:data:`FORMER_STATES`): a ``ck:State`` of its own,
#   with the date it ended (``ck:endDate``: the dissolution or union, from each state's
#   Wikipedia article; not ISO's withdrawal date, which is often months or years later);
# * a state that was renamed (:data:`RENAMED`): the old name is another name of the
#   state that still exists ("Zaire" is the Democratic Republic of the Congo);
# * a territory, a part of a state or a code change that is no state (:data:`NOT_FORMER_STATES`).
#
# ISO 3166-3 does not list a state that never had a code of its own (South Vietnam, North
# Yemen): those are in :data:`FORMER_STATES_OUTSIDE_ISO`.  Demonyms come from Wikipedia's
# article on each state (countryinfo has none for former states).


@dataclass(frozen=True)
class FormerState:
    """A state that no longer exists, as news of its time names it."""

    slug: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    end: str  # xsd:date or xsd:gYearMonth
    note: str
    alpha3: str | None = None  # its ISO 3166-3 entry, if any


FORMER_STATES = (
    # kept as the curated node of ontology/reference/states.ttl (same slug), which has its
    # labels, demonym and end date; the generator adds only the ISO identifiers
    FormerState("soviet-union", "Soviet Union", (), (), "1991-12-26",
                "The Union of Soviet Socialist Republics (1922-1991).", "SUN"),
    FormerState("czechoslovakia", "Czechoslovakia",
                ("Czechoslovak Socialist Republic", "Czech and Slovak Federative Republic"),
                ("Czechoslovak",), "1993-01-01",
                "Dissolved on 1 January 1993 into the Czech Republic and Slovakia.", "CSK"),
    FormerState("east-germany", "East Germany", ("German Democratic Republic",),
                ("East German",), "1990-10-03",
                "The German Democratic Republic (1949-1990), joined to the Federal Republic "
                "of Germany on 3 October 1990.", "DDR"),
    FormerState("yugoslavia", "Yugoslavia",
                ("Socialist Federal Republic of Yugoslavia", "Federal Republic of Yugoslavia",
                 "SFRY"),
                ("Yugoslav", "Yugoslavian"), "2003-02-04",
                "The Socialist Federal Republic of Yugoslavia (1945-1992) and the Federal "
                "Republic of Yugoslavia (1992-2003, Serbia and Montenegro), which ISO 3166 "
                "kept under one alpha-3 code; renamed Serbia and Montenegro in 2003.", "YUG"),
    FormerState("serbia-and-montenegro", "Serbia and Montenegro",
                ("State Union of Serbia and Montenegro",), (), "2006-06",
                "The state union of Serbia and Montenegro (2003-2006), ended by Montenegro's "
                "independence in June 2006.", "SCG"),
    FormerState("north-vietnam", "North Vietnam", ("Democratic Republic of Vietnam",),
                ("North Vietnamese",), "1976-07-02",
                "The Democratic Republic of Vietnam (1945-1976), reunified with the south as "
                "the Socialist Republic of Vietnam on 2 July 1976.", "VDR"),
    FormerState("south-yemen", "South Yemen", ("People's Democratic Republic of Yemen",),
                ("South Yemeni",), "1990-05-22",
                "The People's Democratic Republic of Yemen (1967-1990), united with North "
                "Yemen as the Republic of Yemen on 22 May 1990.", "YMD"),
    FormerState("rhodesia", "Rhodesia", ("Zimbabwe Rhodesia",), ("Rhodesian",), "1979-12-12",
                "The unrecognised state declared by the colony of Southern Rhodesia in 1965 "
                "(Zimbabwe Rhodesia from June 1979), which returned to British rule on 12 "
                "December 1979 before independence as Zimbabwe in 1980.", "RHO"),
)
FORMER_STATES_OUTSIDE_ISO = (
    FormerState("south-vietnam", "South Vietnam", ("Republic of Vietnam",),
                ("South Vietnamese",), "1975-04-30",
                "The Republic of Vietnam (1955-1975), which fell with Saigon on 30 April 1975."),
    FormerState("north-yemen", "North Yemen", ("Yemen Arab Republic",), ("North Yemeni",),
                "1990-05-22",
                "The Yemen Arab Republic (1962-1990), united with South Yemen as the Republic "
                "of Yemen on 22 May 1990."),
)
# Renamed states: ISO 3166-3 alpha-3 → the ISO 3166-1 alpha-2 of the same state today.
RENAMED = {"BUR": "MM", "ZAR": "CD", "DHY": "BJ", "HVO": "BF", "TMP": "TL"}
# Former names and adjectives of renamed states that countryinfo lacks.
RENAMED_DEMONYMS = {"MM": ("Burmese",), "CD": ("Zairean", "Zairian")}
# ISO 3166-3 entries that were never a sovereign state of their own: dependencies,
# uninhabited or divided territories, a Soviet republic, metropolitan France.
NOT_FORMER_STATES = frozenset({
    "AFI", "ANT", "ATB", "BYS", "CTE", "ATF", "FXX", "GEL", "JTN", "MID", "NHB", "ATN", "NTZ",
    "PCI", "PUS", "PCZ", "SKM", "WAK",
})
