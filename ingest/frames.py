"""Event frames defined as data (``ingest/event-frames.toml``), read by one generic reader.

A frame is a class, its trigger patterns and a few options (see the file's
header).  :func:`frames` reads the file once, on first use.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from conflict_kg.ingest.prefilter import Prefiltered, prefiltered

FRAMES_FILE = Path(__file__).with_name("event-frames.toml")

# A passive trigger: "was seized", "were detained by", "had been intercepted".
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are|got|get)\s+"
                            r"(?:(?:not|never|\w+ly)\s+)?$",
                            re.IGNORECASE)
OBJECT_WINDOW = 60  # characters after (or, passive, before) the trigger for its object
# The object of an active trigger lies in its own clause: "released a statement denying
# they had captured the soldiers" has no people as its object.
OBJECT_END = re.compile(r"[,;:]|\b(?:that|which|who|when|while)\b|"
                        r"\b\w+ing\s+(?:that|they|it|he|she|we)\b", re.IGNORECASE)


def object_window(after: str) -> str:
    """The text after an active trigger where its object may be, up to its clause's end."""
    window = after[:OBJECT_WINDOW]
    end = OBJECT_END.search(window)
    return window[:end.start()] if end else window


class FrameFileError(ValueError):
    """The frame file names an unknown option or object, or a pattern does not compile."""


@dataclass(frozen=True)
class Frame:
    event_class: str
    triggers: Prefiltered  # scanned only when a sentence holds one of its words
    nouns: frozenset[str] = frozenset()
    object: re.Pattern[str] | None = None
    people_class: str | None = None
    mergeable: bool = True
    reader: str | None = None  # an argument reader of ingest/events.py, else the generic one
    # the passive subject is the force that moves, so its state acts ("Polish troops were
    # deployed": Poland), not a target
    subject_moves: bool = False
    # a place (a town, a region: not a state) may be the target ("captured Goma", "the siege of
    # Sarajevo"); for the other frames a place after the trigger is never what was acted on
    # ("arrested four men in Tripoli": Tripoli is where, not whom)
    place_target: bool = False
    victim_subject: bool = False  # the subject is harmed ("his car hit a mine"), not the agent
    joins_attack: bool = False  # merged into the sentence's own attack, if it has one
    # the subject is the target and the agent follows the trigger without "by" ("the town fell
    # to rebel fighters"): read as a passive whose agent comes right after
    agent_after: bool = False

    def is_noun(self, trigger_text: str) -> bool:
        return trigger_text.lower() in self.nouns


@dataclass(frozen=True)
class Frames:
    frames: tuple[Frame, ...]
    people: re.Pattern[str]
    # the event classes (and people classes) of the mergeable frames: two mentions of one
    # of these may be one event (``events._same_event`` asks for every pair)
    mergeable: frozenset[str] = frozenset()


_KEYS = {"class", "triggers", "nouns", "object", "people_class", "mergeable", "reader",
         "subject_moves", "place_target", "victim_subject", "joins_attack", "agent_after"}
READERS = frozenset({"shootdown", "attack", "transfer", "communication", "movement"})


_OBJECT_REF = re.compile(r"\{\{(\w+)\}\}")


def _with_objects(pattern: str, objects: dict[str, str], index: int) -> str:
    """A trigger pattern with each ``{{name}}`` replaced by the named pattern of
    ``[objects]``: one word class (vessels, sites) shared by the frames that need it."""
    def named(m: re.Match[str]) -> str:
        if m.group(1) not in objects:
            raise FrameFileError(f"{FRAMES_FILE.name}: frame {index}: unknown object "
                                 f"{{{{{m.group(1)}}}}} in a trigger")
        return f"(?:{objects[m.group(1)]})"
    return _OBJECT_REF.sub(named, pattern)


@lru_cache(maxsize=1)
def frames() -> Frames:
    """The frames of :data:`FRAMES_FILE`, read once on first use (never at import time)."""
    return parse_frames(FRAMES_FILE.read_text(encoding="utf-8"))


def parse_frames(text: str) -> Frames:
    try:
        data = tomllib.loads(text)
        objects = {name: re.compile(p, re.IGNORECASE) for name, p in data["objects"].items()}
    except (tomllib.TOMLDecodeError, KeyError, re.error) as exc:
        raise FrameFileError(f"{FRAMES_FILE.name}: {exc}") from exc
    found = []
    for i, entry in enumerate(data.get("frame", []), 1):
        unknown = set(entry) - _KEYS
        if unknown or "class" not in entry or not entry.get("triggers"):
            raise FrameFileError(f"{FRAMES_FILE.name}: frame {i}: needs class and triggers"
                                 + (f"; unknown {', '.join(sorted(unknown))}" if unknown else ""))
        if entry.get("object") is not None and entry["object"] not in objects:
            raise FrameFileError(f"{FRAMES_FILE.name}: frame {i}: unknown object "
                                 f"{entry['object']!r}")
        if entry.get("reader") is not None and entry["reader"] not in READERS:
            raise FrameFileError(f"{FRAMES_FILE.name}: frame {i}: unknown reader "
                                 f"{entry['reader']!r}")
        try:
            patterns = [_with_objects(p, data["objects"], i) for p in entry["triggers"]]
            triggers = prefiltered("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
        except re.error as exc:
            raise FrameFileError(f"{FRAMES_FILE.name}: frame {i}: {exc}") from exc
        found.append(Frame(
            event_class=entry["class"],
            triggers=triggers,
            nouns=frozenset(n.lower() for n in entry.get("nouns", ())),
            object=objects.get(entry["object"]) if entry.get("object") else None,
            people_class=entry.get("people_class"),
            mergeable=bool(entry.get("mergeable", True)),
            reader=entry.get("reader"),
            subject_moves=bool(entry.get("subject_moves", False)),
            place_target=bool(entry.get("place_target", False)),
            victim_subject=bool(entry.get("victim_subject", False)),
            joins_attack=bool(entry.get("joins_attack", False)),
            agent_after=bool(entry.get("agent_after", False)),
        ))
    mergeable = frozenset(c for f in found if f.mergeable
                          for c in (f.event_class, f.people_class) if c is not None)
    return Frames(tuple(found), objects["people"], mergeable)
