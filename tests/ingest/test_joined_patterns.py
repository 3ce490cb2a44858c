"""Tables derived once from the cue and frame files answer exactly as the lists they replace:
``AnyOf`` (several patterns joined into one scan) and the frames' mergeable classes."""

from __future__ import annotations

import random
import re

from conflict_kg.ingest import factuality, frames
from conflict_kg.ingest.prefilter import AnyOf


def _texts() -> list[str]:
    rng = random.Random(17)
    words = ("the army did not strike would could have been called off postponed planned to "
             "must withdraw by the deadline claimed denied never took place if unless will "
             "said that , which ; but and then Monday strike attack shot down the plane "
             "had been ſaid İn no plans for talks were cancelled").split()
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 16))) for _ in range(600)]
    return texts + ["", " ", "The president postponed the ", " on the town",
                    "officials said dozens could have ", "There are no plans for a ground ",
                    "Rebels must ", " back by Friday", "The zone, which will be "]


def test_factuality_cues_joined_answer_as_each_pattern() -> None:
    c = factuality.cues()
    assert set(c.before_any) == set(c.after_any) == set(c.order)
    for text in _texts():
        for value in c.order:
            for each, joined in ((c.before[value], c.before_any[value]),
                                 (c.after[value], c.after_any[value])):
                assert joined.patterns == each
                assert joined.search(text) == any(p.search(text) for p in each), (value, text)


def test_any_of_joins_plain_patterns_into_one_scan() -> None:
    joined = AnyOf((re.compile(r"^a"), re.compile(r"b$"), re.compile(r"\bcd\b")))
    assert len(joined._scans) == 1
    assert joined.search("xb") and joined.search("ax") and joined.search("x cd y")
    assert not joined.search("xa") and not joined.search("bx") and not joined.search("xcdy")
    assert not AnyOf(()).search("anything")


def test_any_of_keeps_apart_what_joining_would_change() -> None:
    # a back-reference would point at another group once joined; flags differ; a group name
    for patterns in ((re.compile(r"q"), re.compile(r"(\w)\1")),
                     (re.compile(r"xy", re.IGNORECASE), re.compile(r"zz")),
                     (re.compile(r"(?P<w>ab)"), re.compile(r"zz"))):
        joined = AnyOf(patterns)
        assert len(joined._scans) == 2
    twice = AnyOf((re.compile(r"q"), re.compile(r"(\w)\1")))
    assert twice.search("a bb c") and twice.search("q") and not twice.search("abc")
    mixed = AnyOf((re.compile(r"xy", re.IGNORECASE), re.compile(r"zz")))
    assert mixed.search("XY") and not mixed.search("ZZ")


FRAME_FILE = """
[objects]
people = '''\\bpeople\\b'''

[[frame]]
class = "Seizure"
triggers = ['''\\bseized\\b''']

[[frame]]
class = "Protest"
triggers = ['''\\bprotested\\b''']
mergeable = {protest}

[[frame]]
class = "Abduction"
people_class = "Kidnapping"
triggers = ['''\\babducted\\b''']
"""


def test_mergeable_classes_follow_the_frame_file() -> None:
    merged = frames.parse_frames(FRAME_FILE.format(protest="false")).mergeable
    assert merged == {"Seizure", "Abduction", "Kidnapping"}
    # another file, another table: nothing kept from the first
    assert frames.parse_frames(FRAME_FILE.format(protest="true")).mergeable \
        == {"Seizure", "Protest", "Abduction", "Kidnapping"}


def test_mergeable_classes_of_the_bundled_frames() -> None:
    loaded = frames.frames()
    names = {n for f in loaded.frames for n in (f.event_class, f.people_class) if n}
    for name in names | {"Thing", ""}:
        expected = any(f.mergeable and name in (f.event_class, f.people_class)
                       for f in loaded.frames)
        assert (name in loaded.mergeable) == expected, name
