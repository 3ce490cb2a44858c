"""Agents named indirectly: a pronoun, "its forces", "the country's coast guard" or "the
army" as the subject of an event's verb, resolved to the state (or body) named before.

Conservative by design (a false agent is worse than a missing one): a reference is
resolved only when one antecedent is left, and otherwise the slot stays empty.

* In a reported clause ("X said (on Sunday) (that) it had fired", "X said its forces
  struck") the subject pronoun stands for the speaker only when the speaker is the one
  agent before the reporting verb and no other agent comes between; "its <organ>" is
  then that state's organ (its armed forces, navy, coast guard...).
* "called on X to withdraw", "urged X to pull back": X would act.
* "accused X of ... and demanded that it withdraw": the pronoun stands for the accused,
  the entity the clause is about, never the accuser.
* At the head of a sentence ("It said", "Its foreign ministry said", "The country's coast
  guard fired", "The army said it had not...") the reference takes up the subject of a
  recent sentence: the state (or body) that sentence was about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from conflict_kg.ingest import lexicon
from conflict_kg.ingest.analysis import Sentence
from conflict_kg.ingest.entities import EntityFinder
from conflict_kg.ingest.text import Span

# auxiliaries, negation and adverbs between a subject and its verb
_AUX = (r"(?:(?:had|has|have|would|will|could|did|does|do|must|should|might|may|can|also|"
        r"then|later|since|already|first|not|never|n['’]t)\s+){0,4}")
_ORGAN = "|".join(f"(?:{p})" for p, *_rest in lexicon.ORGAN_HEADS)
# the subject of the trigger's verb, at the end of the words before it
_SUBJECT = re.compile(
    r"(?:^|(?<=\s))(?:(?P<it>[Ii]t)|(?P<owner>[Ii]ts|[Tt]he\s+country['’]s|[Tt]he)\s+"
    r"(?:own\s+)?(?P<organ>" + _ORGAN + r")|(?P<unnamed>" + r"(?:[Gg]overnment|[Ss]ecurity)\s+"
    r"(?:forces|troops)|[Ss]oldiers))\s+" + _AUX + r"$")
# "the troops", "the forces", "the soldiers" take up troops told of before, whoever's they
# are: only an institution ("the army", "the navy", "the government") is the state's own
_TAKEN_UP = re.compile(r"(?:troops|forces|soldiers|servicemen|military\s+units?|"
                       r"border\s+troops)", re.IGNORECASE)
# a reporting verb that opens the clause right before the subject (and a time between)
_REPORTED = re.compile(
    r"\s+(?:said|says|announced|stated|added|confirmed|reported)\s+"
    r"(?:(?:on|late\s+on|early\s+on|in\s+a\s+statement\s+on)\s+\w+\s+)?(?:that\s+)?$",
    re.IGNORECASE)
# "called on X to", "urged X to": X, the one asked, would act
_ASKED = re.compile(r"\b(?:call(?:ed|s)?\s+(?:on|upon)|urg(?:ed|es)|ask(?:ed|s)|press(?:ed|es)|"
                    r"appeal(?:ed|s)?\s+to|order(?:ed|s)|told|tells)\s+(?:the\s+)?$",
                    re.IGNORECASE)
_ASKED_GAP = re.compile(r"\s+to\s+(?:immediately\s+|quickly\s+|fully\s+)?$", re.IGNORECASE)
# "accused X of trespassing ... and demanded that it withdraw"
_ACCUSED = re.compile(r"\baccus(?:ed|es)\s+(?:the\s+)?$", re.IGNORECASE)
_DEMAND_THAT = re.compile(r"\b(?:and|,)\s+(?:demanded|insisted|urged|asked)\s+that\s+$",
                          re.IGNORECASE)
# what may come before a sentence's subject: a dateline, "On Tuesday,"
_OPENING = re.compile(r"^(?:[A-Z][A-Z .,'’-]+(?:\([^)]*\))?\s*[—–-]+\s*)?"
                      r"(?:(?:On|Late on|Early on)\s+\w+,\s+)?$")
_OPENING_PREFIX = re.compile(_OPENING.pattern[:-1])
# how many sentences back a reference at a sentence's head may look
_RECENT = 3
_NOT_AGENT_HEAD = re.compile(r"^\s+(?!(?:" + _ORGAN + r")\b)[a-z]", re.IGNORECASE)


@dataclass
class Subject:
    """A sentence's subject: the entity it is about and the state it is or acts for."""

    entity: str
    state: str | None


def organ_class(words: str) -> str | None:
    """The organ class of a head noun ("coast guard" -> CoastGuard), if it is one."""
    for pattern, class_name, *_rest in lexicon.ORGAN_HEADS:
        if re.fullmatch(pattern, words.strip(), re.IGNORECASE):
            return class_name
    return None


class References:
    """The subjects of a document's recent sentences, and indirect agents read from them."""

    def __init__(self, finder: EntityFinder) -> None:
        self.finder = finder
        self.recent: list[Subject | None] = []

    # --- a sentence's subject, remembered -------------------------------------------

    def remember(self, s: Sentence) -> None:
        self.recent.append(self._head_subject(s))
        del self.recent[:-_RECENT]

    def _head_subject(self, s: Sentence) -> Subject | None:
        for ref in s.agents(self.finder):
            if not _OPENING.match(_bare(s.text_between(s.start, ref.start))):
                break
            if ref.how == "demonym" and _NOT_AGENT_HEAD.match(s.text_between(
                    ref.end, min(s.span.end, ref.end + 30))):
                return None  # "North Korean ships ...": about the ships
            if self.finder.is_a(ref.entity, "Person"):
                return None  # a person is "he" or "she", never "it" or "the country"
            return Subject(ref.entity, self.finder.state_of(ref.entity))
        # "The government said", "Its navy said": the subject is a reference itself
        opening = _OPENING_PREFIX.match(s.span.text)
        if opening is not None and _SUBJECT_HEAD.match(s.span.text, opening.end()):
            return self._last()
        return None

    def _last(self) -> Subject | None:
        """The latest subject, when the recent sentences that have one agree on its state
        (two states in turn leave "the country" or "the army" unresolved)."""
        subjects = [x for x in self.recent if x is not None]
        if not subjects:
            return None
        last = subjects[-1]
        if any((x.state or x.entity) != (last.state or last.entity) for x in subjects):
            return None
        return last

    # --- an event's indirect agent ----------------------------------------------------

    def agent(self, s: Sentence, trigger: Span) -> str | None:
        """The agent named indirectly as the subject of the trigger's verb, or None."""
        before = s.text_between(s.start, trigger.start)
        asked = self._asked(s, trigger, before)
        if asked is not None:
            return asked
        m = _SUBJECT.search(before)
        if m is None:
            return None
        organ = m.group("organ")
        if organ is not None and m.group("owner").lower() == "the" and (
                not organ_class(organ) or _TAKEN_UP.fullmatch(organ)):
            return None
        if m.group("unnamed") is not None:
            # "government forces", "soldiers" with no name or demonym before them: the
            # armed forces of the one state the clause is about
            if any(r.end >= s.start + m.start() - 2 and r.start < s.start + m.start()
                   for r in s.agents(self.finder)):
                return None
            organ = "forces"
        subject_at = s.start + m.start()
        head = s.text_between(s.start, subject_at)
        if _DEMAND_THAT.search(head) and m.group("it"):
            return self._accused(s, head)
        reported = _REPORTED.search(head)
        if reported is not None:
            speaker = self._speaker(s, head[:reported.start()])
        elif _OPENING.match(head) and m.group("unnamed") is None:
            # (never "Government forces ..." at a sentence's head: whose government is not
            # told by the sentences before it)
            speaker = self._last()
        else:
            return None
        if speaker is None:
            return None
        return self._as_agent(speaker, organ, s.slice(subject_at, s.start + m.end()))

    def _as_agent(self, speaker: Subject, organ: str | None, span: Span) -> str | None:
        if organ is None and self.finder.is_a(speaker.entity, "NewsOrganisation"):
            # "Iranian state television said it had shot down": the state, never the
            # broadcaster (an agency with no state is no antecedent)
            return speaker.state if speaker.state != speaker.entity else None
        if organ is None:
            return speaker.entity  # "it": the state or body itself
        class_name = organ_class(organ)
        if class_name is None or speaker.state is None:
            return None
        # "its forces", "the country's coast guard": that organ of the state
        return self.finder.organ(speaker.state, class_name, span)

    def _speaker(self, s: Sentence, head: str) -> Subject | None:
        """The one speaker before a reporting verb: named, or itself a reference."""
        refs = [r for r in s.agents(self.finder) if r.end <= s.start + len(head)]
        if not refs:
            opening = _OPENING_PREFIX.match(head)
            if opening is not None and _SUBJECT_HEAD.match(head, opening.end()) \
                    and not re.search(r"[,;:]", head[opening.end():]):
                return self._last()  # "The government said it", "Its navy said its ships"
            return None
        entities = {r.entity for r in refs}
        if len(entities) != 1 or not _OPENING.match(_bare(s.text_between(s.start,
                                                                          refs[0].start))):
            return None  # two candidates, or the speaker is not the clause's subject
        ref = refs[0]
        if self.finder.is_a(ref.entity, "Person"):
            return None
        return Subject(ref.entity, self.finder.state_of(ref.entity))

    def _asked(self, s: Sentence, trigger: Span, before: str) -> str | None:
        gap = _ASKED_GAP.search(before)
        if gap is None:
            return None
        end = s.start + gap.start()
        asked = next((r for r in s.agents(self.finder) if r.end == end), None)
        if asked is None or not _ASKED.search(s.text_between(s.start, asked.start)):
            return None
        return asked.entity

    def _accused(self, s: Sentence, head: str) -> str | None:
        accused = [r for r in s.agents(self.finder) if r.end <= s.start + len(head)
                   and _ACCUSED.search(s.text_between(s.start, r.start))]
        if len({r.entity for r in accused}) != 1:
            return None
        return accused[0].entity


def _bare(before: str) -> str:
    """The words before a name without its article: "The Philippines" opens a sentence."""
    return re.sub(r"(?:^|\s+)[Tt]he\s*$", "", before)


_SUBJECT_HEAD = re.compile(r"\s*(?:It|Its\s+(?:own\s+)?(?:" + _ORGAN + r")|The\s+country['’]s\s+"
                           r"(?:" + _ORGAN + r")|The\s+(?:" + _ORGAN + r"))\b")
