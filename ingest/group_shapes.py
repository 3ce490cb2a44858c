"""Unknown non-state armed groups recognised from the shape of their names.

"the Sahel Liberation Front", "Army of the Free Valley", "Islamic Movement of
the Coast", "the Wolf Brigade", "the Hill Militia": capitalised words ending in
a head that names an armed group, or "Army of"/"Islamic" before them. Heads
that political parties and state units share (Front, Movement, Brigade,
Battalion, Army of) need an armed cue, in the name ("Liberation", "Resistance",
"Jihad"…) or in the sentence ("rebels", "fighters", "militants"…). A name that
starts with a demonym or a state's word ("National", "Republican", "Royal") is
a state's organ, never a group: the caller also drops names starting with a
known state, demonym or organisation.
"""

from __future__ import annotations

import re

from conflict_kg.ingest.prefilter import prefiltered

_CAP = r"[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*"
_WORDS = rf"{_CAP}(?:\s+(?:of\s+the\s+|of\s+|for\s+the\s+|for\s+|and\s+|al-)?{_CAP}){{0,4}}"
# Heads that always name an armed group; heads that need an armed cue.
ARMED_HEADS = ("Militia", "Militias", "Mujahideen", "Liberation Army", "Jihad")
CUED_HEADS = ("Front", "Movement", "Brigade", "Brigades", "Battalion", "Battalions")
_AFTER = prefiltered(
    rf"(?<![\w'’-])(?P<name>{_CAP}(?:\s+(?:al-)?{_CAP}){{0,3}}\s+(?P<head>"
    + "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in ARMED_HEADS + CUED_HEADS)
    + r"))\b"
)
_BEFORE = prefiltered(
    rf"(?<![\w'’-])(?P<name>(?P<head>Army\s+of|Islamic\s+(?:State|Movement|Front|Army|Emirate)"
    rf"\s+of)\s+(?:the\s+)?{_WORDS})"
)
NAME_CUES = re.compile(r"\b(?:Liberation|Resistance|Revolutionary|Islamic|Jihad\w*|Armed|"
                       r"Rebel\w*|Mujahid\w*|Salvation|Freedom|Patriotic|Martyrs?|Popular|"
                       r"Insurgent\w*|Militia|Self-Defen[cs]e)\b")
SENTENCE_CUES = re.compile(r"\b(?:rebels?|rebellion|fighters|militants?|insurgents?|insurgency|"
                           r"armed\s+groups?|militias?|gunmen|jihadists?|guerrillas?|"
                           r"separatists?|attack(?:ed|s)?|ambush\w*|seized|captured)\b",
                           re.IGNORECASE)
STATE_WORDS = frozenset({"National", "Republican", "Royal", "Federal", "Presidential", "State",
                         "Government", "Special", "Border", "Coast", "Territorial", "Imperial",
                         "People's", "Peoples", "Regular", "Reserve", "The", "A", "An"})


def group_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of armed-group-shaped names in a sentence."""
    found: list[tuple[int, int, str]] = []
    sentence_cue: bool | None = None
    for pattern in (_AFTER, _BEFORE):
        for m in pattern.finditer(text):
            name, head, start = m["name"], " ".join(m["head"].split()), m.start("name")
            while name.split()[0] in ("The", "A", "An") and len(name.split()) > 2:
                first = name.split()[0]
                start += name.index(first) + len(first)
                start += len(name[len(first):]) - len(name[len(first):].lstrip())
                name = name[len(first):].lstrip()
            if name.split()[0] in STATE_WORDS:
                continue
            cued = head in ARMED_HEADS or bool(NAME_CUES.search(name))
            if not cued and head.startswith("Islamic"):
                cued = True
            if not cued:
                if sentence_cue is None:
                    sentence_cue = bool(SENTENCE_CUES.search(text))
                cued = sentence_cue
            if cued:
                found.append((start, m.end("name"), name))
    return found
