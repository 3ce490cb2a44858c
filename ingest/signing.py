"""Who signed, read from the clause that says so, wherever the agreement noun stands.

Three clause shapes, each general English (cues in ``[clauses]`` of agreement-cues.toml):

* a list of signers "for" their parties: "X signed for A, Y for B and Z for C",
  "signed by the two ministers, X for A and Y for B": the people sign, the bodies are parties;
* an active signing verb whose object is the agreement or a pronoun for it ("A and B, the
  C leader, put their names to it"), or a relative clause on the noun ("an agreement that
  A's minister, X, and B's envoy, Y, signed"): the people of the subject sign, and the
  states of their posts ("A's minister", an aside "the C leader") are parties;
* the agreement binding its parties: "The accord binds A and B to ...".

Asides are read out first (``clauses.blank_asides``), so subject and verb meet.  A clause
that only proposes, negates or conditions the signing ("did not sign it", "could be
signed") gives nothing.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

from conflict_kg.ingest.analysis import Sentence
from conflict_kg.ingest.clauses import CUES_FILE, asides, blank_asides, pattern
from conflict_kg.ingest.dates import DateMention
from conflict_kg.ingest.entities import EntityFinder, Ref
from conflict_kg.ingest.kb import label_key
from conflict_kg.ingest.lexicon import NOT_NAMES

_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are)\s+(?:\w+\s+)?$", re.IGNORECASE)
_DATE_GAP = re.compile(r"\s+(?:(?:late|early)\s+)?(?:on\s+)?", re.IGNORECASE)
_LIST_GAP = re.compile(r"\s*(?:,|and|,\s*and)\s*")
# "signed (at the prime minister's office) by X for A, (and by) ...": a list of signers
_SIGNED_BY_LIST = re.compile(
    r"\bsigned\s+(?:[\w'’]+\s+){0,6}?by\s+[^;:]*?,\s*(?:and\s+)?(?:by\s+)?$", re.IGNORECASE)
_VERB = re.compile(r"\b(?:signed|initialled|initialed|inked|put\s+(?:his|her|their)\s+"
                   r"(?:names?|signatures?)\s+(?:(?:on|in|at|late|early|\w+day|[A-Z][\w'’-]*)\s+){0,4}"
                   r"to)\b", re.IGNORECASE)
_APPOSED_NAME = re.compile(
    r"(?:,|\bby)\s+(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){1,2}),")
_PASSIVE_SUBJECT = re.compile(
    r"^(?:[^—–]{0,60}\s[—–]\s*)?\W*(?:It|They|The\s+(?:[\w-]+\s+){0,2}?(?:agreements?|accords?|"
    r"deals?|pacts?|treat(?:y|ies)|declarations?|documents?|texts?|memorand(?:um|a)|"
    r"protocols?|truce|ceasefire))\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s+"
    r"(?:\w+\s+)?(?:signed|put\s+to\s+paper)\b[^;:]*?\bby\s+")
# (", as X and Y stood behind them", ", while X looked on": a subordinate clause after the
# list has its own subject, no signer)
_BY_LIST_END = re.compile(r",\s*(?:as|while|whereas|when)\s|"
                          r"\s(?:after|before|following|in\s+the\s+presence|at\s+a|with|"
                          r"who|which|at\s+(?:the\s+)?(?:talks|negotiations|meeting|summit)|"
                          r"hosted|brokered|mediated|facilitated)\b|[;:]")
# an active signing verb, then the body signed for: "signed for the Nicaraguan Resistance"
_SIGNED_FOR_BODY = re.compile(r"\s+for\s+(?:the\s+)?(?P<party>[A-Z][\w'’-]*(?:\s+(?:of\s+|for\s+)?"
                              r"[A-Z][\w'’-]*){0,5})")
# a body's name ends in its head noun ("the Malaita Eagle Force")
_BODY_HEAD_END = re.compile(r"\b(?:Movement|Front|Army|Alliance|Union|Congress|Organi[sz]ation|"
                            r"Brigades?|Council|Coalition|Opposition|Resistance|Militia|Forces?)$")
# a person named as whom another's post serves: "adviser to President Y", "envoy of Y"
_POST_OF_BEFORE = re.compile(r"\b(?:advis[eo]rs?|aides?|deputy|deputies|envoys?|assistants?|"
                             r"spokes(?:man|woman|person)|chief\s+of\s+staff)\s+(?:to|of|for)\s+"
                             r"(?:the\s+)?(?:(?:[A-Z][\w'’-]*|former|late)\s+){0,3}$")
_APPOSED_END = re.compile(r",\s*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}$")
_UNTITLED = re.compile(r"(?<![\w'’-])[A-ZÀ-Ý][a-zà-ÿ'’-]+(?:\s+[A-ZÀ-Ý][a-zà-ÿ'’-]+){1,2}"
                       r"(?![\w'’-])")
# right before capitalised words that are part of a longer name ("the Council for Northern
# Unity"), not a person's name on its own
_INSIDE_NAME = re.compile(r"(?:\bthe\s+|\b(?:for|of)\s+|[A-Z][\w'’-]*\s+)$")
_RELATIVE_ON_NOUN = re.compile(
    r"\b(?:agreements?|accords?|deals?|pacts?|treat(?:y|ies)|declarations?|documents?|"
    r"memorand(?:um|a)|truce|ceasefire|protocol)\s+(?:that|which)\s+$", re.IGNORECASE)


@dataclass
class Signing:
    """What one sentence says about who signed: people, and the parties they signed for."""

    signatories: list[Ref] = field(default_factory=list)
    parties: list[Ref] = field(default_factory=list)  # state or body refs (entity = party)
    verb_ends: list[int] = field(default_factory=list)  # document offsets after each verb

    def add(self, person: Ref | None, party: Ref | None) -> None:
        if person is not None and person.entity not in {r.entity for r in self.signatories}:
            self.signatories.append(person)
        if party is not None and party.entity not in {r.entity for r in self.parties}:
            self.parties.append(party)


def read_signing(finder: EntityFinder, s: Sentence, proposed: re.Pattern[str]) -> Signing:
    """The signers and parties that ``s`` states in its clause structure."""
    found = Signing()
    text = s.span.text
    blank = blank_asides(text)
    _signed_for(finder, s, text, found)
    if not found.signatories and not found.parties:
        # "by X, known as Y, for the Z": the signer's aside read out
        _signed_for(finder, s, blank, found)
    for verb in _VERB.finditer(blank):
        _active_signers(finder, s, text, blank, verb, proposed, found)
    _passive_signers(finder, s, text, blank, proposed, found)
    return found


def signing_day(s: Sentence, found: Signing) -> DateMention | None:
    """The date right after an active signing verb ("that X and Y signed on Monday")."""
    for end in found.verb_ends:
        for d in s.dates:
            if d.span.start >= end and _DATE_GAP.fullmatch(s.text_between(end, d.span.start)):
                return d
    return None


def bound_parties(finder: EntityFinder, s: Sentence, noun_end: int) -> list[Ref]:
    """'The accord(, aside,) binds A and B to ...': the agents right after the verb."""
    blank = blank_asides(s.span.text)
    local = noun_end - s.start
    agents = [r for r in s.agents(finder) if r.start >= noun_end and
              not finder.is_a(r.entity, "Place")]
    if not agents or not pattern("binds").match(blank[local:agents[0].start - s.start]):
        return []
    chain = [agents[0]]
    for ref in agents[1:]:
        if not _LIST_GAP.fullmatch(re.sub(r"\bthe\s+", "", s.text_between(chain[-1].end,
                                                                        ref.start))):
            break
        chain.append(ref)
    return [_as_party(finder, r) for r in chain] if len(chain) >= 2 else []


def _as_party(finder: EntityFinder, ref: Ref) -> Ref:
    state = finder.state_of(ref.entity) if finder.is_a(ref.entity, "Person") else None
    return Ref(ref.span, state, ref.how, state) if state else ref


def _signed_for(finder: EntityFinder, s: Sentence, text: str, found: Signing) -> None:
    previous_end: int | None = None
    for m in pattern("signed_for").finditer(text):
        opens = "signed" in m.group().split(" for ")[0].split()[-1:] or \
            re.search(r"\bsigned\s+for\b", m.group(), re.IGNORECASE) or \
            _SIGNED_BY_LIST.search(text[:m.start()])
        continues = previous_end is not None and _LIST_GAP.fullmatch(text[previous_end:m.start()])
        if not (opens or continues):
            previous_end = None
            continue
        person = _person(finder, s, s.start + m.start("name"), s.start + m.end("name"))
        party = _body(finder, s, s.start + m.start("party"), s.start + m.end("party"))
        # a signer "for" a body no rule can name ("for North Vietnam" when only "Vietnam" is
        # known) still signed: the person is kept, the party left out
        found.add(person, party)
        previous_end = m.end()


def _active_signers(finder: EntityFinder, s: Sentence, text: str, blank: str,
                    verb: re.Match[str], proposed: re.Pattern[str], found: Signing) -> None:
    before = blank[:verb.start()]
    if _PASSIVE_BEFORE.search(before):
        return  # "was signed by ...": the passive rules of agreements.py read it
    starts = list(pattern("subject_start").finditer(before))
    while starts and starts[-1].group().lstrip().startswith(",") and \
            _APPOSED_END.search(before[:starts[-1].start()]):
        # "A's minister, X, and B's minister, Y, put their names to it": the ", and"
        # coordinates two signers in apposition, it opens no new clause
        starts.pop()
    start = starts[-1].end() if starts else 0
    relative = bool(starts) and starts[-1].group().strip().lower() in {"that", "which"} and \
        bool(_RELATIVE_ON_NOUN.search(before[:starts[-1].end()]))
    signed_for = _SIGNED_FOR_BODY.match(blank, verb.end())
    side = pattern("signed_for_side").match(blank, verb.end()) if signed_for is None else None
    if not relative and not pattern("signing_active").match(blank, verb.start()) and \
            signed_for is None and side is None:
        return
    if proposed.search(before[start:]) or pattern("not_party_capacity").match(
            blank[verb.end():]):
        return
    _signers_between(finder, s, text, start, verb.start(), found)
    if side is not None:
        # "commanders of A and B signed for their groups": A and B are parties
        for m in pattern("signers_of").finditer(text, start, verb.start()):
            for name in re.finditer(r"(?:(?<=^)|(?<=,)|(?<=\band))\s*(?:the\s+)?"
                                    r"(?P<n>[A-Z][^,]*?)\s*(?=,|\band\b|$)", m["names"]):
                lo = s.start + m.start("names") + name.start("n")
                found.add(None, _body(finder, s, lo, lo + len(name["n"])))
    if signed_for is not None:
        # "Three leaders of the movement, A, B and C, signed for the X Front": the people of
        # the subject sign, the body after "for" is the party
        found.add(None, _body(finder, s, s.start + signed_for.start("party"),
                              s.start + signed_for.end("party")))
    found.verb_ends.append(s.start + verb.end())


def _passive_signers(finder: EntityFinder, s: Sentence, text: str, blank: str,
                     proposed: re.Pattern[str], found: Signing) -> None:
    """'The documents were signed by A's minister, X, and by Y, B's envoy, after talks':
    a sentence whose subject is the agreement named back (or "It"), in the passive."""
    m = _PASSIVE_SUBJECT.match(blank)
    if m is None or proposed.search(blank[:m.end()]):
        return
    # (an aside read out may hide where the list ends: ", at talks brokered by the UN
    # envoy, X" is no prepositional aside but the broker and his name)
    ends = [e.start() for e in (_BY_LIST_END.search(blank, m.end()),
                                _BY_LIST_END.search(text, m.end())) if e is not None]
    _signers_between(finder, s, text, m.end() - 1, min(ends, default=len(text)), found)


def _signers_between(finder: EntityFinder, s: Sentence, text: str, start: int, stop: int,
                     found: Signing) -> None:
    """The people named between ``start`` and ``stop`` (sentence offsets) sign, each for
    the state of their post: before the name ("A's minister, X"), in an aside after it
    ("X, the B leader,") or "X of B"."""
    lo, hi = s.start + start, s.start + stop
    people = [r for r in s.refs if lo <= r.start and r.end <= hi and
              finder.is_a(r.entity, "Person")]
    for m in _APPOSED_NAME.finditer(text, start, stop):
        # "the B Ambassador, Ryan C. Crocker, signed": a name in apposition to a post
        begin, end = s.start + m.start("name"), s.start + m.end("name")
        inside = [r for r in s.refs if r.start < end and begin < r.end]
        words = m["name"].split()
        if not inside and not any(label_key(w) in finder.kb.names for w in words) or (
                # "the B chief negotiator, Xavier Pereira,": a surname that is also a town's
                # name, after a first name no rule knows
                len(words) >= 2 and label_key(words[0]) not in finder.kb.names and
                words[0] not in NOT_NAMES and inside and all(
                    begin < r.start and r.end <= end and finder.is_a(r.entity, "Place") and
                    not finder.is_a(r.entity, "State") for r in inside)):
            span = s.slice(begin, end)
            people.append(Ref(span, finder.person(m["name"], span), "minted"))
    spans = asides(text)
    people += _untitled(finder, s, text, start, stop, people, spans)
    people.sort(key=lambda r: r.start)
    # (nor "X, adviser to President Y, signed": Y is named for X's post, he did not sign)
    outside = [p for p in people
               if not any(a + s.start <= p.start < b + s.start for a, b in spans)
               and not _POST_OF_BEFORE.search(s.text_between(max(s.start, p.start - 60),
                                                             p.start))]
    # "X and Y, then the presidents of A and B, signed": each signer for the state in the
    # same place of the aside's list
    respective = _respective_states(finder, s, spans, outside)
    for i, person in enumerate(outside):
        seg_lo = outside[i - 1].end if i else lo
        if re.match(r"\s+for\s+", text[person.end - s.start:person.end - s.start + 6]):
            # "by British General X for NATO": X signs for the body after "for" (see
            # _signed_for), not for the state of his demonym
            found.add(person, None)
            continue
        state = finder.state_of(person.entity) or _state_in(finder, s, seg_lo, person.start) \
            or (respective[i] if respective else None) \
            or _state_in_aside(finder, s, spans, person.end) or _state_of_phrase(finder, s, person)
        found.add(person, Ref(person.span, state, person.how, state) if state else None)


def _untitled(finder: EntityFinder, s: Sentence, text: str, start: int, stop: int,
              known: list[Ref], spans: list[tuple[int, int]]) -> list[Ref]:
    """People named without a title in a signing clause's subject ("that Boris Yeltsin and
    Mircea Snegur ... signed"): two or three capitalised words no rule knows."""
    found = []
    for m in _UNTITLED.finditer(text, start, stop):
        begin, end = s.start + m.start(), s.start + m.end()
        words = m.group().split()
        if any(r.start < end and begin < r.end for r in [*s.refs, *known]) or \
                _INSIDE_NAME.search(text[max(0, m.start() - 30):m.start()]) or \
                any(a <= m.start() < b for a, b in spans) or words[0] in NOT_NAMES or \
                _not_person().search(m.group()) or any(
                    w.casefold() in finder.kb.demonyms or label_key(w) in finder.kb.names
                    for w in words):
            continue
        span = s.slice(begin, end)
        found.append(Ref(span, finder.person(m.group(), span), "minted"))
    return found


@lru_cache(maxsize=1)
def _not_person() -> re.Pattern[str]:
    """Capitalised words that name a body or a building, not a person (case matters)."""
    signers = tomllib.loads(CUES_FILE.read_text(encoding="utf-8"))["signers"]
    return re.compile(signers["not_person"])


def _respective_states(finder: EntityFinder, s: Sentence, spans: list[tuple[int, int]],
                       people: list[Ref]) -> list[str] | None:
    """The states named in the aside right after the last of ``people``, one per person."""
    if len(people) < 2:
        return None
    for a, b in spans:
        if a + s.start == people[-1].end:
            states = [finder.state_of(r.entity) for r in s.refs
                      if a + s.start <= r.start and r.end <= b + s.start and
                      finder.is_a(r.entity, "State")]
            if len(states) == len(people) and all(states):
                return [st for st in states if st is not None]
    return None


def _state_in(finder: EntityFinder, s: Sentence, lo: int, hi: int) -> str | None:
    """A state named in a signer's post ("Iraq's Foreign Minister", "the United States
    Ambassador"), between the previous signer and this one."""
    for r in s.refs:
        if lo <= r.start and r.end <= hi and not finder.is_a(r.entity, "Person"):
            state = finder.state_of(r.entity)
            if state is not None:
                return state
    return None


def _state_in_aside(finder: EntityFinder, s: Sentence, spans: list[tuple[int, int]],
                    end: int) -> str | None:
    """The state of a post in the aside right after a signer ("X, the Soviet leader,")."""
    for a, b in spans:
        if a + s.start == end:
            return _state_in(finder, s, a + s.start, b + s.start)
    return None


def _state_of_phrase(finder: EntityFinder, s: Sentence, person: Ref) -> str | None:
    """'President X of A': the state right after the name."""
    for r in s.refs:
        if r.start > person.end and re.fullmatch(r"\s+of\s+(?:the\s+)?",
                                                 s.text_between(person.end, r.start)):
            return finder.state_of(r.entity) if finder.is_a(r.entity, "State") else None
    return None


def _person(finder: EntityFinder, s: Sentence, lo: int, hi: int) -> Ref | None:
    for r in s.refs:
        if r.start < hi and lo < r.end and finder.is_a(r.entity, "Person") and r.end == hi:
            return r
    words = s.text_between(lo, hi).split()
    while len(words) > 2 and (words[0] in NOT_NAMES or label_key(words[0]) in finder.kb.names):
        words = words[1:]  # a title or post before the name ("State William P. Rogers")
    if len(words) < 2:
        return None
    name = " ".join(words)
    begin = hi - len(name)
    if s.text_between(begin, hi) != name:
        return None
    span = s.slice(begin, hi)
    return Ref(span, finder.person(name, span), "minted")


def _body(finder: EntityFinder, s: Sentence, lo: int, hi: int) -> Ref | None:
    """The party a signer signed for: a known entity that covers the words, or a body no
    rule knows, minted from its capitalised name; a partly known name is left alone."""
    inside = [r for r in s.refs if r.start < hi and lo < r.end]
    whole = [r for r in inside if r.start <= lo and r.end >= hi]
    if whole:
        ref = whole[0]
        if finder.is_a(ref.entity, "Place") and not finder.state_of(ref.entity):
            return None
        state = finder.state_of(ref.entity)
        if finder.is_a(ref.entity, "Person"):
            return None
        return Ref(ref.span, state, ref.how, state) if state else ref
    name = s.text_between(lo, hi)
    if inside and _BODY_HEAD_END.search(name) and all(
            finder.is_a(r.entity, "Place") and not finder.is_a(r.entity, "State")
            for r in inside):
        inside = []  # "the Malaita Eagle Force": a province's name inside a body's name
    if inside or len(name.split()) < 2:
        return None
    span = s.slice(lo, hi)
    entity = finder.kb.names.get(label_key(name)) or finder.mint(
        "organisation", name, ("Organisation", "Agent"), span)
    return Ref(span, entity, "minted")
