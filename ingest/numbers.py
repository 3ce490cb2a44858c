"""Numbers written as digits or words.

>>> [parse_number(w) for w in ("15", "30,000", "twelve", "twenty-five", "a dozen", "1.5")]
[15, 30000, 12, 25, 12, 1.5]
"""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a dozen": 12, "dozen": 12,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

NUMBER_WORD = (
    r"(?:a\s+dozen|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|"
    r"three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
    r"(?:\s+(?:hundred|thousand|million))?)"
)
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{NUMBER_WORD})(?:\s+(?:thousand|million))?"
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")


def parse_number(text: str) -> float | int | None:
    words = " ".join(text.lower().split())
    scale = 1
    for name, factor in _SCALES.items():
        if words.endswith(" " + name):
            words = words[: -len(name) - 1]
            scale = factor
            break
    if _DIGITS.match(words):
        value = float(words.replace(",", ""))
    elif words in _UNITS:
        value = _UNITS[words]
    elif words in _TENS:
        value = _TENS[words]
    elif "-" in words and words.split("-", 1)[0] in _TENS and words.split("-", 1)[1] in _UNITS:
        tens, units = words.split("-", 1)
        value = _TENS[tens] + _UNITS[units]
    else:
        return None
    value *= scale
    return int(value) if float(value).is_integer() else value
