"""How the document presents an event: actual, future, obliged, hypothetical, called off,
negated (or, decided later from the claims, reported only).

The cues are data (``factuality-cues.toml`` beside this module); this module only
reads them and applies them to the clause around a trigger.  The scope is the
clause: a cue before a clause break ("said that", "; ", ", which") does not reach
the trigger after it, so "talks were called off, but the strike went ahead" keeps
the strike actual.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from conflict_kg.ingest.prefilter import AnyOf

CUES_FILE = Path(__file__).resolve().parent / "factuality-cues.toml"
ACTUAL = "actual"
REPORTED_ONLY = "reportedOnly"
# Every value the pipeline writes; the ontology defines each as a ck:Factuality.
VALUES = ("actual", "future", "obliged", "hypothetical", "calledOff", "negated", "reportedOnly")


@dataclass(frozen=True)
class Cues:
    order: tuple[str, ...]
    clause_break: re.Pattern[str]
    before: dict[str, tuple[re.Pattern[str], ...]]
    after: dict[str, tuple[re.Pattern[str], ...]]
    hedged_verb: re.Pattern[str]
    unsettled_frame: re.Pattern[str]
    denied_frame: re.Pattern[str]
    mandative_frame: re.Pattern[str]
    first: tuple[tuple[str, re.Pattern[str]], ...] = ()
    question: re.Pattern[str] | None = None
    coordinated: tuple[tuple[str, re.Pattern[str]], ...] = ()
    future_means: re.Pattern[str] | None = None
    future_verb_clause: re.Pattern[str] | None = None
    bare_claim: re.Pattern[str] | None = None
    relative_on_person: re.Pattern[str] | None = None
    # ``before`` and ``after`` joined per value: one scan says whether any of them matches
    before_any: dict[str, AnyOf] = field(default_factory=dict)
    after_any: dict[str, AnyOf] = field(default_factory=dict)


@lru_cache(maxsize=1)
def cues() -> Cues:
    """The cue lexicon, read once on first use (never at import time)."""
    data = tomllib.loads(CUES_FILE.read_text(encoding="utf-8"))
    order = tuple(data["order"])

    def patterns(value: str, side: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.IGNORECASE) for p in data[value].get(side, ()))

    before = {v: patterns(v, "before") for v in order}
    after = {v: patterns(v, "after") for v in order}
    return Cues(
        order,
        re.compile(data["clause_breaks"], re.IGNORECASE),
        before,
        after,
        re.compile(data["reported"]["hedged_verbs"], re.IGNORECASE),
        re.compile(data["framing"]["hypothetical"], re.IGNORECASE),
        re.compile(data["framing"]["reportedOnly"], re.IGNORECASE),
        re.compile(data["framing"]["future"], re.IGNORECASE),
        tuple((value, re.compile(p, re.IGNORECASE))
              for value, found in data.get("first", {}).items() for p in found),
        re.compile(data["hypothetical"]["question"], re.IGNORECASE),
        tuple((value, re.compile(p, re.IGNORECASE))
              for value, found in data.get("coordinated", {}).items() for p in found),
        re.compile(data["across"]["future_means"], re.IGNORECASE),
        re.compile(data["across"]["future_verb_clause"], re.IGNORECASE),
        re.compile(data["across"]["reportedOnly"], re.IGNORECASE),
        re.compile(data["relative_on_person"], re.IGNORECASE),
        {v: AnyOf(before[v]) for v in order},
        {v: AnyOf(after[v]) for v in order},
    )


_RELATIVE_PRONOUN = re.compile(r"\b(?:which|who|whose)$", re.IGNORECASE)


def clause_before(text_before: str) -> str:
    """The part of ``text_before`` that lies in the trigger's own clause.

    A relative clause keeps its pronoun, so that a cue anchored at the start of a clause
    never reads it as opening the sentence ("tensions, which had risen after Iran fired"
    is no inverted condition like "Had Iran fired, ...").

    >>> clause_before("Tensions, which had risen after Iran ")
    'which had risen after Iran '
    >>> clause_before("Officials said that had Iran ")
    ' had Iran '
    """
    breaks = list(cues().clause_break.finditer(text_before))
    if not breaks:
        return text_before
    last = breaks[-1]
    pronoun = _RELATIVE_PRONOUN.search(last.group(0))
    return text_before[last.start() + pronoun.start() if pronoun else last.end():]


def classify(text_before: str, text_after: str, trigger: str = "") -> str:
    """The factuality the clause gives a trigger, from the text just before and after it.

    ``trigger`` (the trigger's words, when known) lets the ``[coordinated]`` cues reach a
    verb joined to an infinitive of intention ("planned to seize the port and capture the
    governor"), never a past form ("plotted to bomb it and arrested four men").

    >>> classify("The president postponed the ", " on the town")
    'calledOff'
    >>> classify("officials said dozens could have ", "")
    'hypothetical'
    >>> classify("There are no plans for a ground ", "")
    'negated'
    >>> classify("Rebels must ", " back by Friday")
    'obliged'
    >>> classify("Talks were called off, but the army ", " the town")
    'actual'
    >>> classify("The US has not confirmed that its jets ", " the convoy")
    'hypothetical'
    >>> classify("The council demanded that the rebels ", " from the town")
    'future'
    >>> classify("The minister did not rule out further ", " on the camps")
    'hypothetical'
    >>> classify("Did the army ", " the village?")
    'hypothetical'
    >>> classify("The zone, which will be ", " by troops")
    'future'
    >>> classify("The pilots would be freed only in a prisoner ", ", the rebels said.")
    'future'
    >>> classify("The truce would take effect after both sides ", " prisoners", "exchanged")
    'future'
    >>> classify("Troops will stay in the town after Monday's ", " on the port", "attack")
    'actual'
    >>> classify("The march on the road taken by the men who tried to ", " was cancelled.")
    'hypothetical'
    """
    c = cues()
    text_before, trigger = _infinitive_marker_out(text_before, trigger)
    clause = clause_before(text_before)
    if (c.question is not None and clause == text_before and "?" in text_after
            and c.question.search(clause)):
        return "hypothetical"  # a yes/no question opening the sentence
    for value, pattern in c.first:  # "did not rule out strikes": a negated negation
        if pattern.search(clause):
            return value
    words = _TOKEN.findall(trigger)
    if words and not _is_past_form(words[0]):
        for value, pattern in c.coordinated:
            if pattern.search(clause):
                return value
    # "the men who tried to flee ... was cancelled": the verb after is the head noun's
    inside_relative = c.relative_on_person is not None and c.relative_on_person.search(clause)
    done_by = _done_by(clause, words)
    for value in c.order:
        if c.before_any[value].search(clause):
            return value
        if inside_relative or (value == "obliged" and done_by):
            continue
        if c.after_any[value].search(text_after):
            return value
    if _future_condition(c, text_before, words):
        return "future"  # "would be freed only in a prisoner exchange": a means, not a deed
    if c.bare_claim is not None and c.bare_claim.search(text_before):
        return REPORTED_ONLY  # "claimed the army had massacred civilians"
    # "has not confirmed that its jets struck": the clause is opened by an unsettled saying
    frame = text_before[: len(text_before) - len(clause)]
    if c.unsettled_frame.search(frame):
        return "hypothetical"
    if c.denied_frame.search(frame):
        return REPORTED_ONLY  # "denied reports that it had bombed a hospital"
    if c.mandative_frame.search(frame):
        return "future"  # "demanded that Argentina withdraw its forces": asked for, not done
    return ACTUAL


def _infinitive_marker_out(before: str, trigger: str) -> tuple[str, str]:
    """A trigger that opens with the infinitive marker ("to leave") gives it to the text
    before, so that the cues and the evidence read "requires them to" and the verb alone.

    >>> _infinitive_marker_out("which requires them ", "to leave")
    ('which requires them to ', 'leave')
    >>> _infinitive_marker_out("Troops ", "withdrew")
    ('Troops ', 'withdrew')
    """
    m = _LEADING_TO.match(trigger)
    if m is None or not trigger[m.end():].strip():
        return before, trigger
    return before + m.group(0), trigger[m.end():]


_LEADING_TO = re.compile(r"to\s+", re.IGNORECASE)


def _done_by(clause: str, words: list[str]) -> bool:
    """Whether the trigger is a finite past or perfect form, so that "by Friday" after it
    is the time by which it was done, not a deadline ("seventeen people had been detained
    by Thursday", "the rebels withdrew by Sunday"); "must be released by Friday", "are to
    withdraw by Friday" keep their deadline.

    >>> _done_by("Seventeen people had been ", ["detained"])
    True
    >>> _done_by("The men must be ", ["released"])
    False
    """
    if not words or not _is_past_form(words[0]):
        return False
    tokens = _TOKEN.findall(clause) + words[:1]
    lex = evidence_lexicon()
    return _governor(tokens, len(tokens) - 1) not in lex.modals | lex.present_be | {"be"}


def _future_condition(c: Cues, text_before: str, words: list[str]) -> bool:
    """Whether the trigger lies in a condition, means or time of a future or modal act
    (the ``[across]`` cues, read over the clause breaks)."""
    if c.future_means is not None and c.future_means.search(text_before):
        return True
    return bool(words) and _is_past_form(words[0]) and c.future_verb_clause is not None \
        and c.future_verb_clause.search(text_before) is not None


def is_inside_relative_on_person(before: str) -> bool:
    """Whether the trigger after ``before`` sits in a relative clause on people ("the men who
    tried to flee"): a verb of the head noun may follow it ("… was cancelled this year").

    >>> is_inside_relative_on_person("The march along the route of the men who tried to ")
    True
    >>> is_inside_relative_on_person("The soldiers ")
    False
    """
    rx = cues().relative_on_person
    return rx is not None and rx.search(clause_before(before)) is not None


def is_hedged_verb(word: str) -> bool:
    """A reporting verb that keeps its content the claimant's alone ("claimed", "alleged")."""
    return cues().hedged_verb.match(" ".join(word.split())) is not None


# --- positive evidence ---------------------------------------------------------------------

_TOKEN = re.compile(r"[A-Za-z][\w'’-]*|\d+")


@dataclass(frozen=True)
class Evidence:
    past: frozenset[str]
    not_past: frozenset[str]
    modals: frozenset[str]
    skipped: frozenset[str]
    progressive: frozenset[str]
    present_be: frozenset[str]
    heads: re.Pattern[str]
    past_time_before: re.Pattern[str]
    past_time_after: re.Pattern[str]
    clause_end: re.Pattern[str]
    conditional: re.Pattern[str]
    withdrawn_saying: re.Pattern[str]
    temporal_preposition: re.Pattern[str]
    before_preposition: re.Pattern[str]
    be_hedges: frozenset[str]
    implicative: re.Pattern[str]
    implicative_with_trigger: re.Pattern[str]
    withdrawn_saying_after: re.Pattern[str]
    commemorated: re.Pattern[str]


@lru_cache(maxsize=1)
def evidence_lexicon() -> Evidence:
    """The ``[evidence]`` word lists of the cue file, read once on first use."""
    data = tomllib.loads(CUES_FILE.read_text(encoding="utf-8"))["evidence"]

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in data[key])

    def rx(key: str) -> re.Pattern[str]:
        return re.compile(data[key], re.IGNORECASE)

    return Evidence(words("irregular_past"), words("not_past"), words("modals"),
                    words("skipped"), words("progressive"), words("present_be"), rx("heads"),
                    rx("past_time_before"), rx("past_time_after"), rx("clause_end"),
                    rx("conditional"), rx("withdrawn_saying"),
                    rx("temporal_preposition"), rx("before_preposition"),
                    words("be_hedges"), rx("implicative"),
                    rx("implicative_with_trigger"), rx("withdrawn_saying_after"),
                    rx("commemorated"))


def is_withdrawn_saying(before: str) -> bool:
    """Whether a passive "withdrawn" after ``before`` withdraws a saying, not forces.

    >>> is_withdrawn_saying("Earlier reports that columns had moved south were ")
    True
    >>> is_withdrawn_saying("The troops were ")
    False
    """
    return evidence_lexicon().withdrawn_saying.search(before) is not None


def is_withdrawn_saying_after(after: str) -> bool:
    """Whether an active "withdrew" before ``after`` withdraws a saying, not forces.

    >>> is_withdrawn_saying_after(" the claim that rebels had downed the jet")
    True
    >>> is_withdrawn_saying_after(" its troops from the town")
    False
    """
    return evidence_lexicon().withdrawn_saying_after.match(after) is not None


def is_commemorated(before: str) -> bool:
    """Whether the trigger after ``before`` names an old event a ceremony recalls ("marked the
    anniversary of the 1968 bombing"): the sentence's date is the ceremony's, not the event's.

    >>> is_commemorated("Veterans gathered on Sunday to mark the anniversary of the 1968 ")
    True
    >>> is_commemorated("Jets struck the city on Sunday after the ")
    False
    """
    return evidence_lexicon().commemorated.search(before) is not None


def _is_past_form(word: str, *, first: bool = False) -> bool:
    """A past tense or past participle by its form: "shelled", "struck", "had"."""
    lex = evidence_lexicon()
    low = word.lower()
    if low in lex.not_past:
        return False
    if low in lex.past:
        return True
    # "-ed", not a capitalised name ("United") unless it opens the sentence
    return low.endswith("ed") and len(low) > 3 and (first or not word[:1].isupper())


def _governor(tokens: list[str], i: int) -> str:
    """The word that governs the verb ``tokens[i]``, looking back past auxiliaries
    and adverbs ("could have been struck" → "could")."""
    lex = evidence_lexicon()
    j = i - 1
    while j >= 0 and (tokens[j].lower() in lex.skipped or tokens[j].lower().endswith("ly")):
        j -= 1
    if j > 0 and tokens[j] == "May":
        return "may (the month)"  # "planned for May began on Monday": no modal
    return tokens[j].lower() if j >= 0 else ""


def _finite_past_in(text: str) -> bool:
    """Whether ``text`` (one clause, conditions blanked) holds a finite past or perfect verb."""
    lex = evidence_lexicon()
    tokens = _TOKEN.findall(text)
    for i, word in enumerate(tokens):
        if not _is_past_form(word, first=i == 0) \
                or _governor(tokens, i) in lex.modals | lex.present_be:
            continue
        if word.lower() in ("was", "were", "been") and i + 1 < len(tokens) \
                and tokens[i + 1].lower() in lex.be_hedges:
            continue  # "was reported by", "were due to": no deed
        if word.lower() in _AUXILIARIES and _main_verb_is_hedge(tokens, i):
            continue  # "had been scheduled", "had planned to", "were expected to": no deed
        return True
    return False


_AUXILIARIES = frozenset({"had", "was", "were", "been"})


def _main_verb_is_hedge(tokens: list[str], i: int) -> bool:
    """Whether the auxiliary ``tokens[i]`` carries a verb of plan or expectation ("had been
    scheduled", "had planned to", "was supposed to"), looking past auxiliaries and adverbs."""
    lex = evidence_lexicon()
    j = i + 1
    while j < len(tokens) and (tokens[j].lower() in lex.skipped | _AUXILIARIES
                               or tokens[j].lower().endswith("ly")):
        j += 1
    if j >= len(tokens):
        return False
    main = tokens[j].lower()
    return main in lex.be_hedges or (main in lex.not_past and main.endswith("ed")
                                     and main not in ("armed", "concerned", "united", "based",
                                                      "related", "disputed"))


# "… that the pull-out": a complement clause whose subject is the trigger's noun phrase
_COMPLEMENT_SUBJECT = re.compile(r"\bthat\s+(?P<np>(?:the|a|an|its|their|his|her|this|any)\s+"
                                 r"(?:[\w’'-]+\s+){0,2})$", re.IGNORECASE)


def _clause_around(before: str, after: str) -> tuple[str, str]:
    """The parts of the trigger's clause before and after it, for the evidence search."""
    lex = evidence_lexicon()
    ends = list(lex.clause_end.finditer(before))
    own_before = before[ends[-1].end():] if ends else before
    complement = _COMPLEMENT_SUBJECT.search(own_before)
    if complement is not None:
        # "made clear that the pull-out was …": the verb before "that" is the matrix clause's
        own_before = own_before[complement.start("np"):]
    end = lex.clause_end.search(after)
    own_after = after[:end.start()] if end else after
    return own_before, own_after


def has_actual_evidence(before: str, trigger: str, after: str) -> bool:
    """Whether the text gives positive evidence that the event of ``trigger`` happened.

    ``before`` and ``after`` are the sentence's text before and after the trigger.  Only
    asked when no cue gave a non-actual value; without evidence the event is not actual.

    >>> has_actual_evidence("Artillery ", "shelled", " the port on Monday.")
    True
    >>> has_actual_evidence("The convoy had been ", "struck", " by a missile.")
    True
    >>> has_actual_evidence("The army could ", "strike", " the port.")
    False
    >>> has_actual_evidence("The ", "strike", " killed four people.")
    True
    >>> has_actual_evidence("", "Strikes", " kill civilians every week.")
    False
    >>> has_actual_evidence("The ", "talks", " are set to resume next month.")
    False
    >>> has_actual_evidence("Troops withdrew after the ", "raid", " on the camp.")
    True
    >>> has_actual_evidence("Troops took it, officials said, after a week of ", "air strikes", ".")
    True
    """
    lex = evidence_lexicon()
    before, trigger = _infinitive_marker_out(before, trigger)
    before_tokens = _TOKEN.findall(before)
    trigger_tokens = _TOKEN.findall(trigger)
    if not trigger_tokens:
        return False
    head = trigger_tokens[0]
    tokens = before_tokens + trigger_tokens
    i = len(before_tokens)
    own_before, own_after = _clause_around(before, after)
    if lex.conditional.search(own_before):
        return False  # "if troops crossed the border": a condition, not a deed
    governor = _governor(tokens, i)
    low = head.lower()
    if lex.implicative.search(before) or lex.implicative_with_trigger.search(before + trigger):
        return True  # "forced 15,000 residents to flee": the infinitive happened
    for k, word in enumerate(trigger_tokens[1:], i + 1):
        # a verb inside a longer trigger: "the truce was broken", "came under fire"
        if _is_past_form(word) and _governor(tokens, k) not in lex.modals:
            return True
    if low.endswith("ing") and before.rstrip().endswith(",") \
            and _finite_past_in(lex.conditional.sub(" ", before)):
        return True  # "overran the base on Sunday, officials said, capturing tanks"
    if _is_past_form(head, first=i == 0):
        # "shelled", "had shelled", "was shelled", "the convoy, struck by"; not "to have
        # struck", "could have shelled", "will be deployed"
        return governor not in lex.modals
    if governor in lex.modals:
        return False  # "to strike", "would invade", "may attack"
    if governor == "did":
        return True  # "did strike the port"
    if governor in ("do", "does"):
        return False
    if low.endswith("ing") and governor in lex.progressive:
        return True  # "were shelling the town", "are shelling"
    # a noun, a gerund or a present-tense verb: its clause must hold the past
    if lex.heads.search(own_before):
        return False  # "the threat of an invasion", "plans for an offensive"
    if lex.past_time_before.search(own_before) or lex.past_time_after.search(own_after):
        return True  # "Tuesday's strike", "the 2008 war", "the raid last week"
    if lex.temporal_preposition.search(own_before) \
            and _finite_past_in(lex.conditional.sub(" ", before)):
        return True  # "captured the port, the ministry said, after a week of air strikes"
    if lex.before_preposition.search(own_before):
        own_before = ""  # "were arrested before the bombing": not presupposed
    return _finite_past_in(lex.conditional.sub(" ", own_before)) \
        or _finite_past_in(lex.conditional.sub(" ", own_after))
