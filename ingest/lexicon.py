"""Word lists the rules share: organisation heads, place heads, reporting verbs.

Only general English and the ontology's own terms live here; names of
particular entities come from the reference graph, never from this file.
"""

from __future__ import annotations

import re

# After a demonym or a state's name: which organ of the state is meant.
# (pattern, class local name, IRI kind segment, label words)
ORGAN_HEADS: tuple[tuple[str, str, str, str], ...] = (
    (r"state\s+media|state\s+news\s+agency|state\s+television", "NewsOrganisation",
     "state-media", "state media"),
    (r"(?:ministry\s+of\s+defen[cs]e|defen[cs]e\s+ministry)", "DefenceMinistry",
     "defence-ministry", "defence ministry"),
    (r"(?:ministry\s+of\s+(?:foreign|external)\s+affairs|(?:foreign|external\s+affairs)\s+"
     r"ministry)", "ForeignMinistry",
     "foreign-ministry", "foreign ministry"),
    (r"(?:parliament|legislature|national\s+assembly|lower\s+house|upper\s+house|senate)",
     "Legislature", "legislature", "legislature"),
    (r"(?:(?:state\s+)?security\s+(?:service|services|agency|committee)|intelligence\s+"
     r"(?:service|services|agency|agencies))", "SecurityService", "security-service",
     "security service"),
    (r"border\s+(?:guards?|service|police|troops)", "BorderGuard", "border-guard",
     "border guard"),
    (r"coast\s+guards?", "CoastGuard", "coast-guard", "coast guard"),
    (r"air\s+forces?", "AirForce", "air-force", "air force"),
    (r"navy", "Navy", "navy", "navy"),
    (r"(?:air[\s-]+defen[cs]es?|anti-?aircraft\s+(?:batteries|defen[cs]es|units))(?:\s+network)?",
     "AirDefenceForce", "air-defence-force", "air defences"),
    (r"(?:joint\s+chiefs\s+of\s+staff|general\s+staff|(?:military\s+)?(?:supreme|high)\s+"
     r"command)", "ArmedForce", "armed-forces", "armed forces"),
    (r"(?:defen[cs]e\s+forces|armed\s+forces|military(?!\s+(?:plane|aircraft|jet|equipment|"
     r"activity|presence|operation|units?))|army|troops|forces|soldiers|servicemen|"
     r"military\s+units?)", "ArmedForce", "armed-forces", "armed forces"),
    # "Sudan's transitional government", "Mali's interim authorities"
    (r"(?:(?:transitional|interim|provisional|caretaker|new|federal|central|national|"
     r"elected)\s+)?(?:government|regime|authorities|leadership|administration)", "Government",
     "government", "government"),
)
ORGAN_HEAD_RE = re.compile(
    r"^(?:['’]s)?[\s-]+(?:"  # "Russian army", "Mali's army", "Syrian-government"
    + "|".join(f"(?P<h{i}>{p})" for i, (p, *_rest) in enumerate(ORGAN_HEADS))
    + r")\b",
    re.IGNORECASE,
)
# "the army of Mali", "the foreign ministry of Ethiopia": the head before the state.
ORGAN_HEAD_BEFORE_RE = re.compile(
    r"(?:" + "|".join(f"(?P<h{i}>{p})" for i, (p, *_rest) in enumerate(ORGAN_HEADS))
    + r")\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Words before a title that make it another post than the title's own:
# a deputy prime minister is not the prime minister, a former one no longer is.
# The state's name or demonym may come between: "former Kenyan president X",
# "Deputy Ukrainian Defence Minister Y", "ex-NATO Secretary General Z".
NOT_THE_POST = re.compile(
    r"\b(?i:deputy|vice|assistant|junior|former|ex|first\s+deputy|outgoing)[\s-]*"
    r"(?:(?:[A-Z][\w.’'-]*|of|the)\s+){0,3}$"
    r"|\b(?i:under)[\s-]*$"  # "Under-Secretary-General" (not "troops under President X")
)
# Words between an article or owner and a role that keep the role what it is:
# "a military spokesman", "its political spokesman", "the chief spokesman".
ROLE_MODIFIERS = (r"(?i:military|political|chief|senior|official|top|main|government|army|"
                  r"acting|new|current|interim|transitional|caretaker|coalition|police|rebel)")

# What a role's holder represents when the text names only a state.
ROLE_ORGAN = {
    "president": "Government",
    "primeMinister": "Government",
    "headOfState": "Government",
    "defenceMinister": "DefenceMinistry",
    "foreignMinister": "ForeignMinistry",
    "pressSecretary": "Government",
    "commander": "ArmedForce",
    "chiefOfGeneralStaff": "ArmedForce",
    "cabinetMinister": "Government",
}
# Representative roles: the holder speaks for the organisation (ck:represents).
REPRESENTATIVE_ROLES = {
    "president", "primeMinister", "headOfState", "defenceMinister", "foreignMinister",
    "pressSecretary", "spokesperson", "secretaryGeneral", "leader", "specialEnvoy",
    "cabinetMinister",
}
# Role words the ontology may lack as labels (US usage), mapped to its role individuals.
EXTRA_ROLE_WORDS = {
    "secretary of state": "foreignMinister",
    "foreign secretary": "foreignMinister",  # British usage
    "defense secretary": "defenceMinister",
    "defence secretary": "defenceMinister",
    "premier": "primeMinister",
}

PLACE_HEADS = {
    "province": "Province", "governorate": "Province", "region": "Region",
    "coastal region": "Region", "area": "Region", "district": "Region", "city": "City",
    "town": "City", "village": "City", "air base": "AirBase", "airbase": "AirBase",
    "base": "MilitaryBase", "naval base": "NavalBase",
}
LOCATIVE = {"in", "at", "near", "over", "outside", "into", "to", "from", "toward", "towards"}
NOT_NAMES = {
    "The", "A", "An", "In", "On", "At", "But", "And", "Or", "If", "As", "By", "For", "With",
    "From", "To", "Of", "It", "He", "She", "They", "We", "I", "Our", "His", "Her", "Their",
    "This", "That", "These", "Those", "There", "Here", "Earlier", "Later", "Last", "Next",
    "According", "Speaking", "After", "Before", "While", "When", "Under", "Over", "All",
    "Both", "Some", "Many", "One", "Two", "Three", "US", "UN", "Anti", "Demilitarized",
    "Israeli", "Russian", "Syrian", "Turkish", "Iranian", "Lebanese", "American", "Minister",
    "President", "Prime", "Defense", "Defence", "Foreign", "Ministry", "Gen", "Maj", "Army",
}

MODEL_CLASS_HINTS: tuple[tuple[str, str], ...] = (
    (r"fighter|warplane", "FighterAircraftModel"),
    (r"maritime\s+patrol", "MaritimePatrolAircraftModel"),
    (r"reconnaissance|surveillance|spy", "ReconnaissanceAircraftModel"),
    (r"attack\s+helicopter", "AttackHelicopterModel"),
    (r"helicopter", "MilitaryHelicopterModel"),
    (r"drone|unmanned", "UnmannedAerialVehicleModel"),
    (r"surface-to-air|ground-to-air|air[\s-]defen[cs]e|anti-?aircraft|missile\s+systems?",
     "SurfaceToAirMissileSystemModel"),
    (r"missile", "MissileModel"),
    (r"tank", "TankModel"),
    (r"aircraft|plane|jet|bomber", "MilitaryAircraftModel"),
)
