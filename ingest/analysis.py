"""One sentence read once: its entity references, dates, periods and quantities."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from conflict_kg.ingest.dates import DateMention, PeriodMention
from conflict_kg.ingest.entities import EntityFinder, Ref
from conflict_kg.ingest.quantities import QuantityMention, lexicon
from conflict_kg.ingest.text import Span

_REPORTING = re.compile(r"\b(?:said|says|told|hinted|announced|wrote|reported|claimed|"
                        r"described|called|blamed)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:]|,\s*(?:which|who|whose|while|but|and\s+then)\b|\bthat\b")
# "X, which launched an offensive": a subject relative clause keeps X as the verb's subject.
_SUBJECT_RELATIVE = re.compile(
    r"^\s*,\s*(?:which|who)\s+(?:has\s+|have\s+|had\s+|also\s+|later\s+)?"
    r"(?!(?:said|says|told|claimed|denied|accused|blamed|warned)\b)[a-z]+\s+"
    r"(?:an?\s+|the\s+|its\s+|their\s+)?(?:[\w-]+\s+)?$")
# The verb may be the trigger itself: "Kenya, which launched its operation in May" (a frame
# whose trigger holds its verb) leaves only ", which" between; never for a name that is the
# object of a preposition ("an adviser to Y, who ...": Y is no subject here)
_SUBJECT_RELATIVE_BARE = re.compile(
    r"^\s*,\s*(?:which|who)\s+(?:has\s+|have\s+|had\s+|also\s+|later\s+)?$")
_PREPOSITION_GAP = re.compile(r"^\s*(?:of|from|by|with|to|for)\b")
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:of|with|to|from|for|in|on|at|against|into|about|off)\s+(?:the\s+)?$")
# "Dozens of Maute fighters seized", "gunmen of the Maute group overran": a count or armed
# people of a group name the group, which is the subject despite the "of" before it
_MEMBERS_OF_BEFORE = re.compile(
    r"\b(?:dozens|hundreds|thousands|scores|some|many|several|fighters|gunmen|militants|members|"
    r"rebels|insurgents|guerrillas|militiamen|jihadists)\s+(?:of|from)\s+(?:the\s+)?$",
    re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s\b")
# "Ecuador expelled Colombia's ambassador and sent troops": a possessor inside the object of
# the first of two coordinated verbs is not the subject of the second.
_OBJECT_POSSESSOR_THEN_AND = re.compile(r"^['’]s\s+(?:[\w-]+\s+){1,3}and\s+(?:then\s+|later\s+)?$")
_NOT_LOCATIVE = re.compile(r"\bin\s+(?:response|order|addition|anticipation)\b|[;]")
# "in Goma", "near the city X", and past a head noun with its modifiers: "in the Syrian border
# town of Ras al-Ain", "in the capital, Naypyitaw", "near the port city of Hodeidah"
_LOCATIVE = re.compile(r"\b(?:in|over|near|at|on|outside|inside|through|across)\s+(?:the\s+)?"
                       r"(?:(?:[\w’'-]+\s+){0,3}?(?:towns?|city|cities|villages?|port|provinces?|"
                       r"regions?|districts?|capital|suburbs?|outskirts|enclave|townships?|"
                       r"islands?|states|oblasts?|governorates?|counties|county|prefectures?|"
                       r"municipalit(?:y|ies))(?:\s+of\s+|\s*,\s*)|(?:[\w’']+\s+)?)$")
# the verb of saying before a date, and the "that" after it (see Sentence._dates_saying)
_SAYING_VERB = re.compile(r"\b(?:said|says|told|tells|announced|announces|wrote|reported|"
                          r"stated|added|declared|insisted|confirmed|claimed|admitted|"
                          r"acknowledged|disclosed|revealed|informed)\b", re.IGNORECASE)
_THAT_AFTER = re.compile(r"\s*that\b", re.IGNORECASE)
_DATES_REPORTING = re.compile(r"\b(?:said|says|told|announced|wrote|reported|speaking)\s+"
                              r"(?:\w+\s+)?(?:(?:in|at|during|to)\s+(?:an?|the|his|her|its|their)"
                              r"\s+(?:[\w-]+\s+){1,3}?)?(?:on\s+)?$", re.IGNORECASE)


@dataclass
class Sentence:
    span: Span
    refs: list[Ref]
    dates: list[DateMention]
    periods: list[PeriodMention]
    quantities: list[QuantityMention]
    # agents and places among refs, worked out once: every rule module asks for them
    _agents: list[Ref] | None = field(default=None, init=False, repr=False, compare=False)
    _places: list[Ref] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def start(self) -> int:
        return self.span.start

    def text_between(self, start: int, end: int) -> str:
        return self.span.text[start - self.span.start : end - self.span.start]

    def slice(self, start: int, end: int) -> Span:
        return Span(start, end, self.text_between(start, end))

    def local(self, m: re.Match[str], group: int | str = 0) -> Span:
        """A regex match over ``span.text`` as a document span."""
        return self.slice(self.start + m.start(group), self.start + m.end(group))

    def add_ref(self, ref: Ref) -> None:
        """A reference found after the sentence was read (a speaker minted by the claims)."""
        self.refs.append(ref)
        self.refs.sort(key=lambda r: (r.start, r.end))
        self._agents = self._places = None

    def agents(self, finder: EntityFinder) -> list[Ref]:
        """Refs to agents (a list shared between callers: do not change it)."""
        if self._agents is None:
            self._agents = [r for r in self.refs if finder.is_a(r.entity, "Agent")]
        return self._agents

    def places(self, finder: EntityFinder) -> list[Ref]:
        """Refs to places (a list shared between callers: do not change it)."""
        if self._places is None:
            self._places = [r for r in self.refs if finder.is_a(r.entity, "Place")]
        return self._places

    def agent_before(self, finder: EntityFinder, position: int, *, window: int = 120,
                     stop_at_clause: bool = True) -> Ref | None:
        """The nearest agent before ``position`` in the same clause."""
        for ref in reversed(self.agents(finder)):
            if ref.end > position:
                continue
            if ref.how == "demonym" and _non_state_head(self.text_between(ref.end, position)):
                continue  # "Somali militants stormed the mall": no state acted
            gap = self.text_between(ref.end, position)
            if len(gap) > window:
                return None
            if _SUBJECT_RELATIVE.match(gap):
                return ref  # "belongs to the X alliance, which launched an offensive": X
            if _SUBJECT_RELATIVE_BARE.match(gap) and not _PREPOSITION_BEFORE.search(
                    self.text_between(max(self.start, ref.start - 25), ref.start)[-12:]):
                return ref  # "Kenya, which launched its operation": Kenya
            if stop_at_clause and _CLAUSE_BREAK.search(gap):
                return None
            if _OBJECT_POSSESSOR_THEN_AND.match(gap) and self.text_between(
                    max(self.start, ref.start - 30), ref.start).strip():
                continue
            before = self.text_between(max(self.start, ref.start - 25), ref.start)
            if _PREPOSITION_GAP.match(gap) is None and (
                    not _PREPOSITION_BEFORE.search(before[-12:])
                    or _MEMBERS_OF_BEFORE.search(before)):
                return ref
        return None

    def agent_after(self, finder: EntityFinder, position: int, *,
                    window: int = 60) -> Ref | None:
        for ref in self.agents(finder):
            if ref.start < position:
                continue
            if ref.start - position > window:
                return None
            return ref
        return None

    def place_after(self, finder: EntityFinder, position: int, *,
                    window: int = 60) -> Ref | None:
        """A place introduced by a locative preposition after ``position``.

        A state's name that locates something stands for its territory (ck:territory).
        """
        for ref in self.refs:
            if ref.start < position or ref.start - position > window:
                continue
            entity = ref.entity
            if _POSSESSIVE.match(self.text_between(ref.end, min(self.span.end, ref.end + 2))):
                continue  # "Syria's Idlib province": the possessor is not the place
            if not finder.is_a(entity, "Place"):
                if ref.how != "name" or entity not in finder.kb.territory:
                    continue
                entity = finder.kb.territory[entity]
            gap = self.text_between(position, ref.start)
            if _NOT_LOCATIVE.search(gap):
                return None
            before = self.text_between(max(position, ref.start - 30), ref.start)
            if _LOCATIVE.search(before):
                return Ref(ref.span, entity, ref.how, ref.state)
        return None

    def date_near(self, position: int, *, reported: bool = False) -> DateMention | None:
        """The date closest to ``position`` that does not date a reporting verb (with
        ``reported``, nor a saying whose "that" clause holds ``position``)."""
        candidates = [
            d for d in self.dates
            if not _DATES_REPORTING.search(
                self.text_between(max(self.start, d.span.start - 50), d.span.start))
            and not _REPORTING.search(self.text_between(min(d.span.end, position),
                                                        max(d.span.start, position)))
            and not (reported and self._dates_saying(d, position))
        ]
        if not candidates:
            return None
        return min(candidates, key=lambda d: abs(d.span.start - position))

    def _dates_saying(self, d: DateMention, position: int) -> bool:
        """A date right before the "that" of a reporting verb in its clause dates the saying:
        "told a news conference in Lima on Saturday that the raids had", "told parliament on
        Saturday that the pilot of the plane downed"; never the reported event."""
        if position < d.span.end or not _THAT_AFTER.match(
                self.text_between(d.span.end, min(self.span.end, d.span.end + 8))):
            return False
        before = self.text_between(max(self.start, d.span.start - 90), d.span.start)
        verbs = list(_SAYING_VERB.finditer(before))
        return bool(verbs) and not re.search(r"[,;:]|\bthat\b", before[verbs[-1].end():])


@lru_cache(maxsize=1)
def _non_state_words() -> frozenset[str]:
    return frozenset(lexicon().data["events"]["non_state_actors"])


def _non_state_head(after: str) -> bool:
    """The word after a demonym names armed people of no state ("militants", "gunmen")."""
    word = re.match(r"\s+([\w-]+)", after)
    return word is not None and word.group(1).lower() in _non_state_words()
