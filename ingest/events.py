"""Events from trigger words, with their arguments, merged within a document.

Rules are about English syntax around a trigger, never about one article:
the agent is the nearest agent before an active trigger (or after "by" in
the passive), the target follows an active trigger, the place follows a
locative preposition, the date is the nearest date that does not date a
reporting verb.  Mentions of one event in several sentences of a document
(same type, compatible date, same key participant) merge into one node.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from conflict_kg.ingest import (
    factuality,
    frames,
    noun_phrase_agents,
    passive_subjects,
    quantities,
    reference,
)
from conflict_kg.ingest.analysis import Sentence
from conflict_kg.ingest.dates import DateMention, PeriodMention
from conflict_kg.ingest.entities import EntityFinder, Ref
from conflict_kg.ingest.kb import label_key
from conflict_kg.ingest.prefilter import prefiltered
from conflict_kg.ingest.quantities import QuantityMention
from conflict_kg.ingest.text import Span, tokens
from conflict_kg.namespaces import ONTOLOGY

_MANY = re.compile(r"\b(?:several|many|dozens|scores|numerous|multiple|number\s+of|hundreds)\b",
                   re.IGNORECASE)
_OVER_TIME = re.compile(r"\b(?:in\s+recent|over\s+the\s+(?:past|last)|since|so\s+far|"
                        r"this\s+(?:year|month))\b", re.IGNORECASE)
_PASSIVE_INSIDE = re.compile(r"\b(?:was|were|been|being)\s+\w+\b", re.IGNORECASE)
# An active verb followed by its object: "shot down a balloon", "downed two drones".
_ACTIVE_OBJECT = re.compile(r"\s+(?:a|an|the|its|their|his|her|two|three|four|five|several|"
                            r"\d+|\w+['’]s)\b", re.IGNORECASE)
_HIT = re.compile(r"\b(?:hit|struck|shot)$", re.IGNORECASE)
# a shootdown named by a noun, whose agent is a possessor or follows "by" ("Turkey's downing of
# the Su-24", "the shootdown of the drone by Iran", "the shoot-down")
_SHOOTDOWN_NOUN = re.compile(r"downing|shoot-?downs?", re.IGNORECASE)
# "fighters" alone may be militants ("police shot two fighters"): an aircraft only after
# a type family that names aircraft ("MiG fighters", "Sukhoi fighters").
_AIRCRAFT_HEAD = re.compile(
    r"\b(?<!anti-)(?:aircraft|plane|planes|jet|jets|warplanes?|fighter\s+jets?|helicopters?|drones?|"
    r"bombers?|balloons?|airships?|airliners?|interceptors?|gunships?|F-\d+[A-Z]?|"
    r"(?-i:MiG|Sukhoi|Mirage)(?:-\d+[A-Z]?)?(?:\s+fighters?|s)?|"
    r"(?-i:Su|Mi|Tu|Il|Yak)-\d+[A-Z]?s?)\b(?!\s+(?:ejected|crashed))",
    re.IGNORECASE)
_WEAPON_WORDS = prefiltered(
    r"\b(?:weapons?|arms|missiles?|systems?|batteries|jets|aircraft|tanks|drones|rockets|"
    r"launchers?|howitzers?|artillery|ammunition|shells|helicopters|fighters|"
    r"S-\d+|air[\s-]defen[cs]e)\b", re.IGNORECASE)
_TRANSFER_COMPLETED = re.compile(r"\b(?:sold|supplied|delivered|finished\s+delivering|"
                                 r"handed\s+over|transferred|has\s+delivered)\b", re.IGNORECASE)
_TRANSFER_ANNOUNCED = prefiltered(r"\b(?:announced|said|says|promised)\b.*\b(?:would|will)\b",
                                 re.IGNORECASE)
# Verbs of sending that also send troops, aid or letters: only weapons after them count.
_SENDING = re.compile(r"(?:provide|provided|provides|providing|send|sends|sent|sending|ship|"
                      r"shipped|shipping)", re.IGNORECASE)
_FORCES = re.compile(r"\b(?:troops|soldiers|forces|personnel|peacekeepers|units|battalions?|"
                     r"brigades?|reinforcements|advisers|advisors|instructors|crews?)\b",
                     re.IGNORECASE)
_CAUSE = re.compile(r"\b(?:after|amid|during|following|in\s+response\s+to)\b", re.IGNORECASE)

_ATTACKS = ("Attack", "Strike", "AirStrike")
# The agent phrase of a passive: "by Iran", "by a Soviet missile", "by sailors from two US
# destroyers", "by a rocket fired by Cambodian troops", "by torpedoes fired from the British
# submarine": past a determiner, up to three words and a linking "from/of/aboard/by".
_BY_AGENT = re.compile(
    r"(?P<by>\bby\s+(?:(?:the|an?|its|their|two|three|four|five|several|\d+)\s+)?"
    r"(?:(?:[\w’'-]+\s+){1,3}?(?:from|of|aboard|by)\s+"
    r"(?:(?:the|an?|its|their|two|three|four|five|several|\d+)\s+)?)?)", re.IGNORECASE)
# "the offensive on the city was launched on Monday by X": a noun's light verb in the passive
_LAUNCHED_BY = re.compile(
    r"[^,;:]{0,40}?\b(?:was|were|has\s+been|had\s+been)\s+(?:launched|begun|started|mounted|"
    r"staged|carried\s+out)(?:\s+(?!by\b)[\w’'-]+){0,3}?\s+" + _BY_AGENT.pattern,
    re.IGNORECASE)
# Words between a passive verb and its "by" phrase: "was sunk on Sunday by torpedoes".
_BEFORE_BY = re.compile(
    r"(?:\s+(?!(?:by|and|but|or|which|who|that|after|before|when|while|as|said|says)\b)"
    r"[\w’'-]+(?:,\d{3})*){0,8}?\s+(?=by\b)", re.IGNORECASE)  # ("at some 20,000 metres")


@dataclass
class Aircraft:
    """An individual aircraft the document talks about (the target of a shootdown)."""

    owner: str | None = None
    model: str | None = None
    kind: str | None = None  # ontology class IRI
    evidence: list[Span] = field(default_factory=list)


@dataclass
class EventFinding:
    type: str
    triggers: list[tuple[Span, Span]]  # (trigger, sentence)
    agents: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    instruments: list[str] = field(default_factory=list)
    items: list[tuple[str, str, Span]] = field(default_factory=list)  # (class or model, kind, span)
    locations: list[str] = field(default_factory=list)
    origin: str | None = None
    date: DateMention | None = None
    period: PeriodMention | None = None
    quantities: dict[str, QuantityMention] = field(default_factory=dict)
    aircraft: Aircraft | None = None
    factuality: str = "actual"
    # hypothetical only for want of evidence that it happened (no cue said so): may be
    # a mention of an event told as done elsewhere ("the downing ... would not affect")
    unproven: bool = False
    status: str | None = None
    caused_by: EventFinding | None = None
    aggregate: bool = False
    # agent IRI -> the triggers that gave it (to tell the document's voice from a claim's)
    agent_sources: dict[str, list[Span]] = field(default_factory=dict)
    # later definite mentions ("the strike") that name the event without asserting it
    # (ingest/anaphora.py): they never count as the document's own voice telling it
    anaphors: list[Span] = field(default_factory=list)

    @property
    def first(self) -> tuple[Span, Span]:
        return self.triggers[0]

    def key_state(self, finder: EntityFinder) -> list[str]:
        if self.type == "Shootdown" and self.aircraft and self.aircraft.owner:
            return [self.aircraft.owner]
        if self.type == "ArmsTransfer":
            return [s for s in (_state(finder, self.agents), _state(finder, self.recipients)) if s]
        if self.type in ("PhoneCall", "Talks"):
            # the people (or bodies) who spoke: two calls between the same states differ
            return sorted(set(self.participants))
        return sorted({s for s in (finder.state_of(a) for a in self.agents) if s})


def _state(finder: EntityFinder, entities: list[str]) -> str | None:
    for entity in entities:
        state = finder.state_of(entity)
        if state:
            return state
    return None


class EventFinder:
    def __init__(self, finder: EntityFinder) -> None:
        self.finder = finder
        self.events: list[EventFinding] = []
        # merged finding → (the finding, the event it joined); the finding is kept alive so
        # that its id() is never reused by a new object while this map exists
        self.alias: dict[int, tuple[EventFinding, EventFinding]] = {}
        # tolls attached in the last sentence, withdrawn if the next one says so
        self._recent_tolls: list[tuple[EventFinding, str, QuantityMention]] = []
        # the subjects of recent sentences, for agents named by "it", "the country's navy"
        self.references = reference.References(finder)

    def lead(self) -> EventFinding | None:
        """The document's main event so far: its first single shootdown or attack."""
        for event in self.events:
            if event.type in ("Shootdown", *_ATTACKS) and not event.aggregate \
                    and event.factuality == factuality.ACTUAL:
                return event
        return None

    def sentence(self, s: Sentence) -> list[EventFinding]:
        found: list[EventFinding] = []
        joining: list[EventFinding] = []  # killings that join the sentence's own attack
        taken: list[tuple[int, int]] = []
        for frame in frames.frames().frames:
            for m in frame.triggers.finditer(s.span.text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                if frame.reader is not None:
                    event = self._read(frame.event_class, frame.reader, s.local(m), s,
                                       victim_subject=frame.victim_subject)
                else:
                    event = self._read_frame(frame, s.local(m), s)
                if event is None:
                    continue
                taken.append((m.start(), m.end()))
                # "protesters took to the streets": two words of one event in one sentence
                # (never across a saying: "said X was rammed by Y, and denied that Y rammed X")
                same = None if frame.reader is not None else next(
                    (e for e in found if e.type == event.type
                     and e.factuality == event.factuality
                     and (not e.agents or not event.agents
                          or set(e.agents) & set(event.agents))
                     and not _said_between(s, e.first[0], event.first[0])
                     and not _own_subject_between(s, e.first[0], event.first[0])), None)
                if same is not None:
                    _merge(same, event)
                else:
                    found.append(event)
                    if frame.joins_attack:
                        joining.append(event)
        found = _join_attacks(found, joining)
        found.sort(key=lambda e: e.first[0].start)
        found = _called_off_anaphors(found)
        _one_date_one_event(found, s)
        self._coordinated_verbs(found, s)
        self._with_phrase_agents(found, s)
        self._causes(found, s)
        self._casualties(found, s)
        for event in found:
            if event.date is not None and factuality.is_commemorated(
                    s.text_between(s.start, event.first[0].start)):
                event.date = None  # "marked on Sunday the anniversary of the 1968 bombing"
            elif event.date is not None and event.date.span.start >= event.first[0].end \
                    and factuality.is_inside_relative_on_person(
                        s.text_between(s.start, event.first[0].start)) \
                    and _HEAD_VERB.search(s.text_between(event.first[0].end,
                                                         event.date.span.start)):
                event.date = None  # "the men who tried to flee ... was cancelled this year"
        for event in found:
            self._merge_or_add(event)
        self.references.remember(s)
        return found

    # --- per type -----------------------------------------------------------

    def _read(self, event_type: str, reader: str, trigger: Span,
              s: Sentence, *, victim_subject: bool = False) -> EventFinding | None:
        before = s.text_between(max(s.start, trigger.start - 120), trigger.start)
        event = EventFinding(event_type, [(trigger, s.span)])
        event.factuality, event.unproven = _settled_factuality(s, trigger, before)
        if reader == "attack":
            found = self._attack(event, trigger, s, victim_subject=victim_subject)
        else:
            found = self._read_type(event, reader, trigger, s)
        if found is not None:
            # before the speakers: "X blamed Y for the incursion" names Y the agent again
            noun_phrase_agents.drop_agents_outside(found, trigger, s)
            noun_phrase_agents.reduced_relative_agents(found, trigger, s)
            _drop_speakers(found, trigger, s)
            if not found.agents and not victim_subject and not _passive(s, trigger):
                self._indirect_agent(found, trigger, s)
            found.agent_sources = {a: [trigger] for a in found.agents}
        return found

    def _read_frame(self, frame: frames.Frame, trigger: Span, s: Sentence) -> EventFinding | None:
        """A frame of ``event-frames.toml``: agent, target, place and date by voice."""
        before = s.text_between(max(s.start, trigger.start - 120), trigger.start)
        after = s.text_between(trigger.end, min(s.span.end, trigger.end + 80))
        near_before = s.text_between(max(s.start, trigger.start - 14), trigger.start)
        passive = frames.PASSIVE_BEFORE.search(near_before) is not None \
            or _PASSIVE_INSIDE.search(trigger.text) is not None  # "the truce was broken"
        # "the fishermen seized by Ecuador": a participle after its noun, with its own agent
        reduced = not passive and self._reduced_relative(s, trigger)
        passive = passive or reduced or frame.agent_after
        noun = frame.is_noun(trigger.text) \
            and not noun_phrase_agents.light_verb_before(before)
        window = frames.object_window(after) if not passive \
            else before[-frames.OBJECT_WINDOW:]
        if frame.object is not None and not frame.object.search(window) \
                and not frame.object.search(trigger.text) \
                and not (re.match(r"\s*(?:it|them)\b", window) and frame.object.search(before))\
                and not self._person_object(s, trigger, frame, passive=passive):
            return None  # "released a statement", "boarded a plane to Geneva"
        event_class = frame.event_class
        # "captured two soldiers": a detention; the people must be the object, not after a
        # preposition ("recaptured the town from rebel fighters", "the capture of the city
        # by Islamic State fighters")
        if frame.people_class and frames.frames().people.search(
                window if passive else _object_part(window)):
            event_class = frame.people_class
        event = EventFinding(event_class, [(trigger, s.span)])
        event.factuality, event.unproven = _settled_factuality(s, trigger, before)
        if passive or noun:
            agent = self._noun_agent(s, trigger, noun=noun)
            if agent is None and frame.agent_after:
                agent = s.agent_after(self.finder, trigger.end, window=40)  # "fell to X"
            if agent is not None:
                event.agents.append(agent.entity)
            if noun:
                of = re.match(r"\s+of\s+(?:the\s+|a\s+|an\s+)?", after)
                target = self._frame_target(s, trigger.end, of.end() + 2,
                                            places=frame.place_target) if of else None
            else:
                # the subject of the passive, unless a speaker ("X said Y was seized") or
                # the agent of another participle ("the pilot captured by X was released");
                # of a reduced relative, only the noun right before ("the Indian pilot
                # captured by"), never the main clause's subject
                target = s.agent_before(self.finder, trigger.start, window=40)
                if not reduced:
                    target = _passive_target(s, self.finder, trigger, target)
                if target is not None and (_REPORTING.search(
                        s.text_between(target.end, trigger.start)) or _IN_BY_PHRASE.search(
                        s.text_between(max(s.start, target.start - 30), target.start))
                        or (reduced and not _HEAD_GAP.fullmatch(
                            s.text_between(target.end, trigger.start)))):
                    target = None
                if target is None and frame.place_target and not reduced:
                    # "Port Said was captured", "Goma fell to the rebels": a place as subject
                    target = _passive_place(s, self.finder, trigger)
                if frame.subject_moves and target is not None and not event.agents:
                    # "Ukrainian and Polish troops were deployed": the movers act
                    event.agents.extend(a.entity for a in _coordinated_before(
                        s, self.finder, target))
                    target = None
        else:
            agent = _pronoun_subject(s, self.finder, _past_aside(s, self.finder, s.agent_before(
                self.finder, trigger.start, window=80), trigger), trigger)
            if agent is not None and (_other_subject(s.text_between(agent.end, trigger.start))
                                      or _NEW_SUBJECT.search(s.text_between(agent.end,
                                                                            trigger.start))):
                agent = None  # (", and the government released": not the first subject)
            if agent is not None and agent.how == "demonym" and event_class == "Protest":
                agent = None  # "thousands of Fijians marched": people, not their state
            if agent is not None:
                event.agents.extend(a.entity for a in _coordinated_before(s, self.finder, agent))
            target = self._frame_target(s, trigger.end, 30, places=frame.place_target)
            # (never a backer named in an aside inside the trigger: "troops, backed by
            # French jets, rolled into")
            inside = [r for r in s.agents(self.finder)
                      if trigger.start < r.start and r.end <= trigger.end
                      and not re.search(r"\bby\s+(?:[\w’'-]+\s+){0,3}$", s.text_between(
                          trigger.start, r.start), re.IGNORECASE)]
            # "the sanctions Washington imposed on": a name inside the trigger with a verb
            # right after it is the subject of that verb (the agent), never the object
            subjects = [r for r in inside if _VERB_AFTER.match(s.text_between(r.end,
                                                                              trigger.end))]
            if subjects and not event.agents:
                event.agents.append(subjects[0].entity)
            if target is None:
                # "took Prime Minister X and his cabinet hostage": the object inside the trigger
                target = next((r for r in inside if r not in subjects), None)
        if frame.agent_after and target is None:
            return None  # "the decision fell to the army": no place or party changed hands
        if target is not None and target.entity not in event.agents:
            event.targets.append(target.entity)
            if frame.people_class and self.finder.is_a(target.entity, "Person"):
                event.type = frame.people_class  # "X, the militia's leader, was captured"
        self._instruments(event, trigger, s)
        self._place_and_time(event, trigger, s)
        noun_phrase_agents.drop_agents_outside(event, trigger, s, noun=noun or None)
        noun_phrase_agents.reduced_relative_agents(event, trigger, s)
        _drop_speakers(event, trigger, s)
        if not event.agents and not passive and not noun:
            self._indirect_agent(event, trigger, s)
        event.agent_sources = {a: [trigger] for a in event.agents}
        return event

    def _indirect_agent(self, event: EventFinding, trigger: Span, s: Sentence) -> None:
        """An agent named by a pronoun or "the country's <organ>" (see ``reference``)."""
        agent = self.references.agent(s, trigger)
        if agent is not None and agent not in event.targets:
            event.agents.append(agent)

    def _passive_subject(self, s: Sentence, trigger: Span) -> Ref | None:
        """The subject of a passive trigger: right before its auxiliary, past an apposition
        ("Colonel X, commander of the brigade, was killed"), never a speaker's or a "by"
        phrase's agent."""
        subject = s.agent_before(self.finder, trigger.start, window=90)
        if subject is None or not _SUBJECT_TO_PASSIVE.fullmatch(
                s.text_between(subject.end, trigger.start)) or _IN_BY_PHRASE.search(
                s.text_between(max(s.start, subject.start - 30), subject.start)):
            return None
        return subject

    def _reduced_relative(self, s: Sentence, trigger: Span) -> bool:
        """A participle after its noun with a "by" phrase naming an agent: "the fishermen
        seized by Ecuador", "the pilot captured on Monday by Pakistan" (a passive without
        its auxiliary).  An active verb's object comes first ("seized the tanker by force")."""
        words = trigger.text.split()
        if not words or not _PARTICIPLE_WORD.fullmatch(words[-1]) or _PERFECT_BEFORE.search(
                s.text_between(max(s.start, trigger.start - 12), trigger.start)):
            return False
        after = s.text_between(trigger.end, min(s.span.end, trigger.end + 60))
        return _REDUCED_BY.match(after) is not None

    def _person_object(self, s: Sentence, trigger: Span, frame: frames.Frame, *,
                       passive: bool) -> bool:
        """A named person as the object a people frame needs ("will release Chaudhry only
        if ..."; passive: "Chaudhry was freed")."""
        if frame.object is not frames.frames().people:
            return False
        if passive:
            ref = s.agent_before(self.finder, trigger.start, window=20)
        else:
            ref = s.agent_after(self.finder, trigger.end, window=3)
        return ref is not None and self.finder.is_a(ref.entity, "Person")

    def _noun_agent(self, s: Sentence, trigger: Span, *, noun: bool) -> Ref | None:
        """The agent of a passive or a nominalisation.

        "was seized by Iran", "the seizure of the tanker by Iran" (after "by", past an
        "of" phrase for a noun), "Iran's seizure of", "the Iranian seizure of" (right before
        the noun).
        """
        agent = _by_agent(self.finder, s, trigger, noun=noun)
        if agent is None and noun:
            agent = s.agent_before(self.finder, trigger.start, window=25)
            if agent is not None and not re.fullmatch(
                    r"[’']s\s+|\s+", s.text_between(agent.end, trigger.start)):
                agent = None
        if agent is None and noun:
            # "revenge for Kenya's deployment of": a possessor right before the noun acts,
            # even after a preposition
            agent = next((r for r in s.agents(self.finder) if r.end <= trigger.start
                          and re.fullmatch(r"[’']s\s+", s.text_between(r.end, trigger.start))),
                         None)
        return agent

    def _instruments(self, event: EventFinding, trigger: Span, s: Sentence) -> None:
        """Weapon models the event was carried out with (ck:instrument).

        In the subject ("K-9 howitzers on the island fired"), inside the trigger ("fired two
        Tochka-U missiles") or after "with", "using" or "by" ("struck with Kalibr missiles",
        "was hit by a Buk missile"); a model right after an active trigger is its target
        ("struck a HIMARS launcher"), and a downed aircraft's model is never its instrument.
        """
        exclude = {event.aircraft.model} if event.aircraft and event.aircraft.model else set()
        # the subject of a passive ("the Su-25 was struck by") is the target, not the weapon
        passive = _PASSIVE_INSIDE.search(trigger.text) is not None or frames.PASSIVE_BEFORE.search(
            s.text_between(max(s.start, trigger.start - 14), trigger.start)) is not None
        for ref in s.refs:
            if ref.entity in exclude or ref.entity in event.instruments \
                    or not self.finder.is_a(ref.entity, "WeaponModel"):
                continue
            if ref.start < trigger.end and trigger.start < ref.end:
                # inside the trigger, or the weapon that opens it ("Kalibr missiles struck")
                found = True
            elif ref.end <= trigger.start:
                gap = s.text_between(ref.end, trigger.start)
                found = not passive and len(gap) <= 40 \
                    and not re.search(r"[,;:]|\b(?:that|which|who)\b", gap) \
                    and not _REPORTING.search(gap) and not re.search(
                        r"\b(?:of|at|on|against|to|from)\s+(?:the\s+|a\s+|an\s+|its\s+)?$",
                        s.text_between(max(s.start, ref.start - 14), ref.start))
            else:
                found = ref.start - trigger.end <= 60 and re.fullmatch(
                    r"\s*(?:[\w’'-]+\s+){0,6}?(?:with|using|by)\s+(?:[\w’'-]+\s+){0,3}",
                    s.text_between(trigger.end, ref.start)) is not None
            if found:
                event.instruments.append(ref.entity)

    def _frame_target(self, s: Sentence, position: int, window: int, *,
                      places: bool = True) -> Ref | None:
        """The agent or place that opens the words after ``position`` (within ``window``).

        Never one after a locative or source preposition ("arrested four men in Tripoli",
        "recaptured the town from the rebels"): that is where, or whom it was taken from; a
        place only when the frame lets a place be its target (``places``).
        """
        agent = s.agent_after(self.finder, position, window=window)
        place = next((p for p in s.places(self.finder)
                      if position <= p.start <= position + window), None) if places else None
        # "seized laptops belonging to Reyes": the owner of the object is not the target
        if agent is not None and _OWNED_BY.search(s.text_between(position, agent.start)):
            agent = None
        if agent is not None and _NOT_OBJECT_GAP.search(s.text_between(position, agent.start)):
            agent = None
        if place is not None and _NOT_OBJECT_GAP.search(s.text_between(position, place.start)):
            place = None
        if agent is None:
            return place
        if place is None:
            return agent
        if agent.start == place.start and agent.how == "metonym":
            return place  # "took control of Kabul": the city, not the state it stands for
        return agent if agent.start <= place.start else place

    def _read_type(self, event: EventFinding, reader: str, trigger: Span,
                   s: Sentence) -> EventFinding | None:
        if reader == "shootdown":
            return self._shootdown(event, trigger, s)
        if reader == "attack":
            return self._attack(event, trigger, s)
        if reader == "transfer":
            return self._transfer(event, trigger, s)
        if reader == "communication":
            return self._communication(event, trigger, s)
        return self._movement(event, trigger, s)

    def _shootdown(self, event: EventFinding, trigger: Span, s: Sentence) -> EventFinding | None:
        hit = _HIT.search(trigger.text) is not None  # "it was hit by", "went down after being"
        passive = hit or re.search(r"\b(?:was|were|been|being|be)\s+$",
                                   s.text_between(max(s.start, trigger.start - 12), trigger.start))
        noun = _SHOOTDOWN_NOUN.fullmatch(trigger.text) is not None  # "the downing of", "shootdown"
        if not passive and not noun and trigger.text.lower() not in ("loss", "lost") and re.match(
                r"\s+by\b", s.text_between(trigger.end, min(s.span.end, trigger.end + 6))):
            passive = True  # a reduced relative: "An Iranian airliner, shot down by a missile"
        is_loss = trigger.text.lower().startswith(("loss", "lost"))
        reduced = False  # the aircraft before an active-looking participle: "the plane shot
        # down over the desert" is a passive without its auxiliary
        if hit:
            aircraft = self._aircraft_subject(s, trigger)
        else:
            aircraft = self._aircraft_inside(s, trigger)
            if aircraft is None:
                aircraft = self._aircraft(s, trigger, before=bool(passive))
            if aircraft is None and not (passive or _ACTIVE_OBJECT.match(
                    s.text_between(trigger.end, s.span.end))):
                # "the Il-20 downed by Syrian fire"; never the subject of an active verb with
                # its own object ("a US F-22 shot down a balloon": the F-22 is the shooter's)
                aircraft = self._aircraft(s, trigger, before=True)
                reduced = aircraft is not None and not noun and not passive \
                    and bool(aircraft.evidence) and not s.text_between(
                        aircraft.evidence[-1].end, trigger.start).strip()
        if aircraft is None:
            return None
        event.aircraft = aircraft
        if aircraft.evidence and _MANY.search(aircraft.evidence[0].text) or (
                re.search(r"s$", aircraft.evidence[0].text if aircraft.evidence else "")
                and _OVER_TIME.search(s.text_between(trigger.end, s.span.end))):
            # "several helicopters in recent weeks": many shootdowns, never the one of the day
            event.aggregate = True
        if is_loss:
            event.aggregate = False
            event.triggers = [(trigger, s.span)]
            event.type = "Shootdown"
            event.agents = []
            event.factuality = "loss"  # only merges into a shootdown reported elsewhere
        elif reduced:
            # "the Chilean pilot of the jet shot down over the desert": the jet was downed;
            # whoever is named before it (its crew's country) is not the shooter, only a "by"
            # phrase names one
            agent = self._noun_agent(s, trigger, noun=False)
            if agent is not None and (agent.state is None or agent.state != aircraft.owner):
                event.agents.append(self._acting(agent))
        elif not passive and not noun:
            agent = s.agent_before(self.finder, trigger.start, window=80)
            if agent is not None and agent.state != aircraft.owner:
                event.agents.append(self._acting(agent))
        else:
            # "was shot down by", "Turkey's downing of the Su-24", "the downing of X by Y"
            agent = self._noun_agent(s, trigger, noun=noun)
            if agent is not None and (agent.state is None or agent.state != aircraft.owner):
                event.agents.append(self._acting(agent))
        self._instruments(event, trigger, s)
        self._place_and_time(event, trigger, s)
        return event

    def _acting(self, ref: Ref) -> str:
        """Demonyms stand for their state; names and organs for themselves."""
        return ref.entity

    def _aircraft_subject(self, s: Sentence, trigger: Span) -> Aircraft | None:
        """The aircraft that is the subject of 'was hit by', 'went down after being struck'.

        Right before the trigger ("the helicopter was hit by"), or the aircraft of the clause
        that a pronoun takes up ("the Il-76 was carrying troops when it was hit by").
        """
        heads = self._heads(s, max(0, trigger.start - s.start - 120), trigger.start - s.start)
        if not heads:
            return None
        gap = s.span.text[heads[-1][1]:trigger.start - s.start]
        if not re.fullmatch(r"\s*|\s+(?:[\w’'-]+\s+){0,12}?(?:when|as|after|before|until)\s+"
                            r"(?:it|they)\s+", gap) or re.search(r"[,;:]", gap):
            return None
        head = s.slice(s.start + heads[-1][0], s.start + heads[-1][1])
        return self._aircraft(s, head, before=True, limit=None, end=head.end)

    def _aircraft_inside(self, s: Sentence, trigger: Span) -> Aircraft | None:
        """'shot the maritime patrol aircraft down', 'blew the airliner out of the sky': the
        aircraft sits inside the trigger."""
        heads = self._heads(s, trigger.start - s.start, trigger.end - s.start)
        if not heads or not trigger.text.lower().endswith(("down", "out of the sky")):
            return None
        inner = s.slice(trigger.start, s.start + heads[0][1])
        return self._aircraft(s, inner, before=True, limit=trigger.start)

    def _heads(self, s: Sentence, lo: int, hi: int) -> list[tuple[int, int]]:
        """Aircraft heads between sentence offsets lo and hi: words ("helicopter") and models."""
        heads = [(m.start(), m.end()) for m in _AIRCRAFT_HEAD.finditer(s.span.text, lo, hi)]
        heads += [(r.start - s.start, r.end - s.start) for r in s.refs
                  if lo <= r.start - s.start and r.end - s.start <= hi
                  and self.finder.is_a(r.entity, "MilitaryAircraftModel")
                  and (r.start - s.start, r.end - s.start) not in heads]
        return sorted(heads)

    def _aircraft(self, s: Sentence, trigger: Span, *, before: bool,
                  limit: int | None = None, end: int | None = None) -> Aircraft | None:
        text = s.span.text
        head: tuple[int, int] | None
        if before:
            window_start = max(0, trigger.start - s.start - 60)
            if end is None:
                end = trigger.end if limit is not None else trigger.start
            heads = self._heads(s, window_start, end - s.start)
            head = heads[-1] if heads else None
        else:
            after = self._heads(s, trigger.end - s.start,
                                min(len(text), trigger.end - s.start + 60))
            head = after[0] if after else None
            if head is not None and re.search(r"[,;.]", text[trigger.end - s.start : head[0]]):
                head = None
        if head is None:
            return None
        np_start = _np_start(text, head[0])
        if limit is not None:
            np_start = max(np_start, limit - s.start + len(trigger.text.split()[0]) + 1)
        np = s.slice(s.start + np_start, s.start + head[1])
        aircraft = Aircraft(evidence=[np])
        for ref in s.refs:
            if np.start <= ref.start < np.end:
                if ref.state and aircraft.owner is None and ref.how in ("demonym", "name", "organ"):
                    aircraft.owner = ref.state
                if self.finder.is_a(ref.entity, "WeaponModel"):
                    aircraft.model = ref.entity
        if aircraft.owner is None and re.search(r"\b(?:our|its)\b", np.text):
            aircraft.owner = None
        aircraft.kind = self._class_in(np.text) or "MilitaryAircraft"
        return aircraft

    def _class_in(self, text: str, under: str | None = None) -> str | None:
        """The most specific ontology class named in a phrase ('maritime patrol aircraft').

        With ``under``, only a subclass of that class counts.
        """
        keys = [label_key(t.text)[0] for t in tokens(text) if label_key(t.text)]
        best: tuple[int, str] | None = None
        for i in range(len(keys)):
            for j in range(len(keys), i, -1):
                cls = self.finder.kb.class_names.get(tuple(keys[i:j]))
                if cls is not None and under is not None and ONTOLOGY + under \
                        not in self.finder.kb.class_supers.get(cls, frozenset()):
                    continue
                if cls is not None and (best is None or j - i > best[0]):
                    best = (j - i, cls)
                    break
        return best[1].rsplit("#", 1)[-1] if best else None

    def _attack(self, event: EventFinding, trigger: Span, s: Sentence, *,
                victim_subject: bool = False) -> EventFinding | None:
        low = trigger.text.lower()
        if low in ("strike", "strikes") and _labour_strike(s, trigger):
            return None  # "joined a general strike", "went on strike over pay"
        military = _word_before_trigger(s, trigger) in _lexicon_list("events", "strike_modifiers")
        if low in ("strike", "strikes") and re.match(r"^\s+(?:on|against|in)\b", s.text_between(
                trigger.end, min(s.span.end, trigger.end + 10))) is None and not re.search(
                r"\b(?:an?|the|such|\w+['’]s|israeli|its)\s+(?:\w+\s+)?$", s.text_between(
                max(s.start, trigger.start - 20), trigger.start), re.IGNORECASE) and not military \
                and not (_INFINITIVE_OR_MODAL.search(s.text_between(
                    max(s.start, trigger.start - 20), trigger.start))
                         and _MODAL_OBJECT.match(s.text_between(
                             trigger.end, min(s.span.end, trigger.end + 40)))):
            return None
        if low.startswith("attack") and re.match(r"^\s+(?:helicopter)", s.text_between(
                trigger.end, min(s.span.end, trigger.end + 12))):
            return None
        if _LAUNCH_TALLY.search(trigger.text + s.text_between(
                trigger.end, min(s.span.end, trigger.end + 40))):
            return None  # "has fired a record number of missiles this year": launches, no strike
        if re.search(r"\bone\s+of\s+the\s+(?:[\w-]+\s+){0,3}$", s.text_between(
                max(s.start, trigger.start - 50), trigger.start), re.IGNORECASE):
            return None  # "one of the heaviest attacks since 1953": a comparison, not an event
        aircraft_words = re.search(r"\b(?:jets?|warplanes?|aircraft|planes?|air\s+force|drones?)\b",
                                   s.span.text, re.IGNORECASE)
        if event.type == "Strike" and low in ("struck", "strike", "strikes") and aircraft_words:
            event.type = "AirStrike"
        if _UNDER_FIRE.match(trigger.text):
            # "the patrol came under fire from the rebels": the subject is the target, the
            # attacker follows "from"
            attackers, target = self._under_fire(s, trigger)
        elif victim_subject or _SANK_ALONE.match(
                trigger.text + s.text_between(trigger.end, min(s.span.end, trigger.end + 12))):
            # "his car hit a mine", "the boat sank within minutes": the subject is harmed;
            # who laid the mine or sank the boat is not said here
            attackers, target = [], None
        elif _WEAPON_FIRED.match(trigger.text):
            # "two Libyan missiles were fired toward the island": the weapon's adjective is
            # the attacker, the place it was fired at the target
            agent = s.agent_before(self.finder, trigger.start, window=20)
            attackers = [agent] if agent is not None and re.fullmatch(
                r"[\s\w-]{0,12}", s.text_between(agent.end, trigger.start)) else []
            target = self._frame_target(s, trigger.end, 40)
        else:
            attackers = self._attackers(s, trigger)
            if _passive(s, trigger) or self._reduced_relative(s, trigger):
                # "Colonel X, commander of the brigade, was killed by a sniper at the
                # airport": the subject, never a place or agent after the verb
                target = self._passive_subject(s, trigger)
            else:
                target = self._attack_target(s, trigger)
        if low in ("hit", "hits", "hitting") and not attackers:
            # "the troops had hit several camps": a strike retold without its attacker is
            # most often one told before (and perhaps denied), never a new one of its own
            return None
        event.agents.extend(a.entity for a in attackers)
        if target is not None and target.entity not in event.agents:
            event.targets.append(target.entity)
        self._instruments(event, trigger, s)
        self._place_and_time(event, trigger, s)
        if target is not None and not event.locations and any(
                p.entity == target.entity for p in s.places(self.finder)):
            event.locations.append(target.entity)  # a town shelled is where the attack was
        for q in s.quantities:
            if q.counted in ("times",) or (q.counted or "").endswith(("targets", "strikes")):
                event.quantities["occurrences" if q.counted == "times" else "quantity"] = q
                event.aggregate = True
        if event.period is not None:
            event.aggregate = True
        return event

    def _under_fire(self, s: Sentence, trigger: Span) -> tuple[list[Ref], Ref | None]:
        rest = s.text_between(trigger.end, min(s.span.end, trigger.end + 60))
        source = re.match(r"\s+from\s+", rest)
        attacker = s.agent_after(self.finder, trigger.end + source.end(), window=40) \
            if source else None
        subject = s.agent_before(self.finder, trigger.start, window=40)
        if subject is not None and _REPORTING.search(s.text_between(subject.end, trigger.start)):
            subject = None  # "Colombia said its troops came under fire": not the speaker
        return ([attacker] if attacker else []), subject

    def _attackers(self, s: Sentence, trigger: Span) -> list[Ref]:
        # "an Israeli attack", "Israeli warplanes struck", "an attack by Israeli jets"
        by = re.match(r"\s+by\s+(?:the\s+)?", s.text_between(trigger.end, s.span.end))
        if by:
            ref = _by_agent(self.finder, s, trigger, noun=False)
            return [ref] if ref else []
        if _passive(s, trigger) or self._reduced_relative(s, trigger):
            # "the cruiser was sunk on Sunday by torpedoes fired from the British submarine",
            # "the village shelled on Monday by Azerbaijani artillery":
            # the subject is the target; the agent, if any, follows "by"
            ref = _by_agent(self.finder, s, trigger, noun=False)
            return [ref] if ref else []
        noun = re.fullmatch(r"(?:strikes?|attacks?|air\s?strikes?|air\s+raids?|raids?|sinking|"
                            r"bombing|shelling)",
                            trigger.text, re.IGNORECASE)
        if noun and _INFINITIVE_OR_MODAL.search(s.text_between(max(s.start, trigger.start - 12),
                                                               trigger.start)):
            noun = None  # "threatened to attack the base", "would bomb the bridges": a verb
        window = 25 if noun else 60
        light_verb = re.search(r"\b(?:conducted|carried\s+out|launched|staged|mounted|made)\s+"
                               r"(?:[\w-]+\s+){0,3}$", s.text_between(
                                   max(s.start, trigger.start - 40), trigger.start))
        if noun and light_verb:
            window, noun = 90, None  # "planes have conducted scores of airstrikes"
        agent = _pronoun_subject(s, self.finder, _past_aside(s, self.finder, s.agent_before(
            self.finder, trigger.start, window=window), trigger), trigger)
        if agent is None:
            return []
        if _SUBORDINATE_NOUN.search(s.text_between(agent.end, trigger.start)):
            return []  # "killed 58 French paratroopers, minutes after a truck bomb": no attacker
        if noun and not re.fullmatch(r"[\s\w’'-]{0,14}", s.text_between(agent.end,
                                                                        trigger.start)):
            return []
        if noun and _PREPOSITION_BETWEEN.search(s.text_between(agent.end, trigger.start)):
            return []  # "detained X in dawn raids": X, the object before "in", raided nobody
        if noun and re.search(r"\b(?:the|a|an)\s+$", s.text_between(
                max(s.start, trigger.start - 5), trigger.start)) and agent.end < trigger.start - 5:
            return []  # "condemned the strikes": the subject did not strike
        return _coordinated_before(s, self.finder, agent)

    def _attack_target(self, s: Sentence, trigger: Span) -> Ref | None:
        rest = s.text_between(trigger.end, s.span.end)
        hit = _NOUN_HIT.match(rest) if _ATTACK_NOUN_END.search(trigger.text) else None
        if hit is not None:
            # "a suicide truck bomb destroyed the US Marine barracks": the noun is the subject,
            # what it destroyed or hit the target
            ref = s.agent_after(self.finder, trigger.end, window=hit.end() + 2)
            if ref is not None:
                return ref
        # "shelled the towns of X, Y and Z": the named place is the object
        m = re.match(r"\s+(?:on|against|at)?\s*(?:the\s+|a\s+|an\s+)?"
                     r"(?:(?:towns?|city|cities|villages?|port)\s+of\s+)?", rest)
        if m is None:
            return None
        ref = s.agent_after(self.finder, trigger.end, window=m.end() + 2)
        if ref is not None:
            return ref
        for place in s.places(self.finder):
            if trigger.end <= place.start <= trigger.end + m.end() + 2:
                return place
        return None

    def _transfer(self, event: EventFinding, trigger: Span, s: Sentence) -> EventFinding | None:
        if not _WEAPON_WORDS.search(s.span.text):
            return None
        rest = s.text_between(trigger.end, s.span.end)
        supplier = None
        by = re.search(r"^(?:[^,.;]{0,40}?)(?P<by>\bby\s+(?:the\s+)?)", rest)
        if by:
            supplier = s.agent_after(self.finder, trigger.end + by.start("by"),
                                     window=len(by["by"]) + 2)
        if supplier is None:
            supplier = s.agent_before(self.finder, trigger.start, window=90, stop_at_clause=False)
        to = re.search(r"\bto\s+(?:the\s+)?", rest[:80])
        recipient = None
        if to:
            recipient = s.agent_after(self.finder, trigger.end + to.start(), window=to.end() -
                                      to.start() + 2)
        if recipient is None:
            # "will send Ukraine four launchers", "provide Kyiv with": the first object
            first = s.agent_after(self.finder, trigger.end, window=6)
            if first is not None and first.how != "demonym" and re.fullmatch(
                    r"\s+(?:the\s+)?", s.text_between(trigger.end, first.start)) \
                    and re.match(r"\s+(?:with\s+)?(?:[\w-]+)", s.text_between(
                        first.end, min(s.span.end, first.end + 20))) \
                    and not re.match(r"[’']s\b", s.text_between(first.end, first.end + 2)):
                recipient = first
        if supplier is not None:
            event.agents.append(supplier.entity)
        if recipient is not None and (supplier is None or recipient.state != supplier.state):
            event.recipients.append(recipient.entity)
        # what was transferred: models and weapon classes near the trigger
        lo, hi = max(s.start, trigger.start - 70), min(s.span.end, trigger.end + 70)
        sending = _SENDING.fullmatch(trigger.text) is not None
        if sending:
            # "sent troops and tanks", "provided support": only weapons it sends, after it
            lo = trigger.end
            people = _FORCES.search(s.text_between(trigger.end, hi))
            if people is not None:
                hi = trigger.end + people.start()
        for ref in s.refs:
            if lo <= ref.start <= hi and self.finder.is_a(ref.entity, "WeaponModel"):
                event.items.append((ref.entity, "model", ref.span))
        if not event.items:
            # only artefacts: in "so that it could strike", the class Strike is no item
            cls = self._class_in(s.text_between(lo, hi), under="Artefact")
            if cls is not None:
                m = re.search(r"(?:an?\s+|the\s+)?[\w\s-]{0,30}?(?:system|systems|missiles|jets|"
                              r"aircraft|weapons)\b", s.text_between(lo, hi), re.IGNORECASE)
                span = s.slice(lo + m.start(), lo + m.end()) if m else trigger
                event.items.append((cls, "class", span))
        if not event.items:
            # "would supply the systems": the weapons of the last transfer in the document
            the = re.search(r"\bthe\s+(?:[\w-]+\s+)?(?:systems|weapons|missiles|jets|aircraft)\b",
                            s.text_between(trigger.end, min(s.span.end, trigger.end + 40)))
            earlier = next((e for e in reversed(self.events)
                            if e.type == "ArmsTransfer" and e.items), None)
            if the is not None and earlier is not None:
                span = s.slice(trigger.end + the.start(), trigger.end + the.end())
                event.items.extend((item, how, span) for item, how, _ in earlier.items[:1])
                if not event.recipients and (not event.agents or event.agents == earlier.agents):
                    event.recipients.extend(earlier.recipients)  # the same systems, same buyer
        if not event.items:
            return None
        if re.fullmatch(r"(?:sale|supply|supplies|delivery|deliveries)", trigger.text,
                        re.IGNORECASE) and not event.recipients and (supplier is None or (
                            not by and not re.fullmatch(r"(?:[’']s)?\s+(?:[\w-]+\s+){0,2}",
                                                        s.text_between(supplier.end,
                                                                       trigger.start)))):
            # "delivery could take months": a noun whose supplier is not its own ("Germany's
            # deliveries", "deliveries by Germany") and without a recipient is no event
            return None
        window = s.text_between(max(s.start, trigger.start - 60), trigger.end)
        if event.factuality in ("future", "obliged") or re.search(r"\b(?:would|will|to)\s+$",
                                                                  window[:-len(trigger.text)]):
            event.factuality = "future"
            event.status = "announced" if _TRANSFER_ANNOUNCED.search(s.span.text) else "planned"
        elif _TRANSFER_COMPLETED.search(window):
            event.status = "completed"
        self._place_and_time(event, trigger, s, place=False)
        return event

    def _communication(self, event: EventFinding, trigger: Span, s: Sentence) -> EventFinding:
        subject = s.agent_before(self.finder, trigger.start, window=80, stop_at_clause=False)
        for ref in s.agents(self.finder):
            if ref.how in ("demonym",) or self.finder.is_a(ref.entity, "Role"):
                continue
            if ref.end <= trigger.start:
                gap = s.text_between(ref.end, trigger.start)
                if _ABSENT.search(gap):
                    continue  # "X did not travel to the summit", "X was not at the talks"
            else:
                gap = s.text_between(trigger.end, ref.start)
            if _CLAUSE_APART.search(gap) and ref is not subject:
                continue  # "attended the summit, but Y did not travel": Y is in another clause
            if self.finder.is_a(ref.entity, "Person") or ref is subject or (
                re.search(r"\bwith\s+(?:the\s+|his\s+|her\s+)?(?:\w+\s+){0,3}$",
                          s.text_between(max(s.start, ref.start - 40), ref.start))
            ):
                if ref.entity not in event.participants:
                    event.participants.append(ref.entity)
        self._place_and_time(event, trigger, s)
        return event

    def _movement(self, event: EventFinding, trigger: Span, s: Sentence) -> EventFinding | None:
        if event.type == "Patrol":
            by = re.match(r"\s+by\s+", s.text_between(trigger.end, s.span.end))
            agents = s.agents(self.finder)
            if by:
                agents = [a for a in agents if trigger.end <= a.start <= trigger.end + 60]
                agents = _coordinated(s, agents)
            else:
                ref = s.agent_before(self.finder, trigger.start, window=80, stop_at_clause=False)
                agents = _coordinated_before(s, self.finder, ref) if ref else []
            event.agents.extend(a.entity for a in agents)
        elif event.type == "Withdrawal" and (
                factuality.is_withdrawn_saying(s.text_between(s.start, trigger.start))
                or factuality.is_withdrawn_saying_after(s.text_between(trigger.end, s.span.end))):
            return None  # "reports that troops had moved were withdrawn", "withdrew the claim"
        if event.type in ("Withdrawal", "Incursion", "Offensive"):
            # "if the warships were not withdrawn": the subject is what moves, not who moves it
            ref = _by_agent(self.finder, s, trigger, noun=False) if _passive(s, trigger) \
                else _pronoun_subject(s, self.finder, _past_aside(s, self.finder, s.agent_before(
                    self.finder, trigger.start, window=80), trigger), trigger)
            if ref is not None and not _passive(s, trigger) and _MOVEMENT_NOUN.fullmatch(
                    trigger.text) and _determined_noun(s, trigger, ref):
                ref = None  # "fled on the day of the invasion": not Kuwait's invasion
            launched = _LAUNCHED_BY.match(s.text_between(trigger.end, s.span.end))
            if ref is None and launched:
                # "the offensive on the city was launched on Monday by Ethiopian forces"
                ref = s.agent_after(self.finder, trigger.end + launched.start("by"),
                                    window=launched.end() - launched.start("by") + 2)
            if ref is not None:
                event.agents.extend(a.entity for a in _coordinated_before(s, self.finder, ref))
        if event.type == "Offensive" and not _passive(s, trigger):
            # "invaded Grenada", "the invasion of Kuwait": the state right after the verb, or
            # after the noun's "of", is the one invaded
            of = _INVADED.match(trigger.text + s.text_between(
                trigger.end, min(s.span.end, trigger.end + 12)))
            target = s.agent_after(self.finder, trigger.start + of.end(), window=2) \
                if of else None
            if target is not None and target.entity not in event.agents \
                    and self.finder.is_a(target.entity, "State"):
                event.targets.append(target.entity)
        if event.type == "Incursion":
            entered = self._entered_state(s, trigger, event)
            if entered is not None:
                event.targets.append(entered)
        if event.type == "Withdrawal":
            # "leave Manbij", "withdraw from the zone": the place left is the origin
            rest = s.text_between(trigger.end, min(s.span.end, trigger.end + 30))
            left = re.match(r"\s+(?:from\s+)?(?:the\s+)?", rest)
            for place in s.places(self.finder):
                if left and place.start == trigger.end + left.end():
                    event.origin = place.entity
        self._place_and_time(event, trigger, s)
        return event

    def _entered_state(self, s: Sentence, trigger: Span, event: EventFinding) -> str | None:
        """The state whose airspace, waters or territory an incursion entered: named in the
        trigger's own words ("violated Greek airspace", "crossed the border into Polish
        airspace") or right after "into" ("incursions into Lebanon", "crossed into Chad").
        Never the state of the intruder itself."""
        own = {self.finder.state_of(a) or a for a in event.agents}
        rest = s.text_between(trigger.end, min(s.span.end, trigger.end + 40))
        into = _INTO.match(rest)
        limit = trigger.end + (into.end() + 2 if into else 0)
        for ref in s.refs:
            if not trigger.start < ref.start <= limit:
                continue
            state = ref.state or self.finder.state_of(ref.entity)
            if state is None or state in own:
                continue
            inside = ref.end <= trigger.end
            after_into = _INTO_BEFORE.search(s.text_between(max(s.start, ref.start - 16),
                                                           ref.start))
            if (inside and (_ENTERED_SPACE.match(s.text_between(ref.end, trigger.end))
                            or after_into)) or (not inside and into is not None):
                return state
        return None

    def _place_and_time(self, event: EventFinding, trigger: Span, s: Sentence, *,
                        place: bool = True) -> None:
        if place:
            shootdown = event.type == "Shootdown"
            where = s.place_after(self.finder, trigger.start - 60 if shootdown else trigger.start,
                                  window=160 if shootdown else 60)
            if where is None and not shootdown:
                # "captured the headquarters of the army's command in Lashio": a longer
                # object, as long as no clause or list break comes before the place
                # past an apposition ("arrested X, the wartime leader of the Y, in Belgrade")
                far = s.place_after(self.finder, trigger.start, window=120)
                if far is not None and not re.search(
                        r"[,;:]|\b(?:and|but|which|who|that|after|before|since|when)\b",
                        _COORDINATED_OBJECT.sub(" ", _HEAD_APPOSITION.sub(" ", _NAME_PAIR.sub(
                            "X", _APPOSITION.sub(" ", s.text_between(trigger.end, far.start),
                                                 count=1))), count=1)):
                    where = far
            if where is None and not shootdown:
                # "placed four districts of Lagos under martial law": a place inside the
                # trigger's own words is where the act holds
                where = next((p for p in s.places(self.finder)
                              if trigger.start < p.start and p.end <= trigger.end
                              and self.finder.is_a(p.entity, "Place")), None)
            if where is None and not shootdown:
                where = _place_modifier(s, self.finder, trigger)  # "the Srebrenica massacre"
            if where is not None and _MADE_IN.search(s.text_between(max(s.start, where.start - 30),
                                                                    where.start)):
                where = None  # "a drone, built in Israel, near the village of": where it was made
            if where is not None and _SPEAKER_PLACE_BEFORE.search(s.text_between(
                    max(s.start, where.start - 50), where.start)) and _SPEAKER_PLACE_AFTER.match(
                    s.text_between(where.end, min(s.span.end, where.end + 20))):
                where = None  # "…, a diplomat in Moscow said": where the speaker is
            if where is not None and not re.search(
                    r"\b(?:call(?:ed|s|ing)?|prevail(?:ed|s)?|rel(?:y|ied|ies)|depend(?:ed|s)?)\s+"
                    r"(?:upon|on)\s+(?:the\s+)?$",
                    s.text_between(max(s.start, where.start - 30), where.start), re.IGNORECASE):
                event.locations.append(where.entity)  # "called on Iran": an addressee
        event.date = s.date_near(trigger.start, reported=True)
        if event.date is not None and _date_of_other_clause(s, event.date, trigger):
            # "X, who was indicted in 1995, was detained on Monday": the verb's own date
            event.date = _date_right_after(s, trigger) \
                if event.date.span.end <= trigger.start else None
        if event.date is not None and event.date.span.end <= trigger.start and re.fullmatch(
                r"\s*(?:was|were|has\s+been|had\s+been|have\s+been)\s+(?:\w+ly\s+)?",
                s.text_between(event.date.span.end, trigger.start)):
            # "an aid worker kidnapped in 2016 was freed on Sunday": the date in the subject
            # dates its participle; the verb's own date follows it
            later = _date_right_after(s, trigger)
            if later is not None:
                event.date = later
        if event.date is not None and event.date.span.end <= trigger.start \
                and _TIME_APART.search(s.text_between(event.date.span.end, trigger.start)):
            event.date = None  # "declared martial law on Monday, ten days after gunmen stormed"
        if event.date is not None and event.factuality in ("future", "obliged") \
                and event.date.span.end <= trigger.start:
            # "captured the town on Tuesday, and Sudan vowed to retake it": a date before a
            # promised act dates another clause or the saying, not when it is to happen
            event.date = None
        for period in s.periods:
            if 0 <= period.span.start - trigger.end <= 60:
                event.period = period

    # --- sentence level -------------------------------------------------------

    def _coordinated_verbs(self, found: list[EventFinding], s: Sentence) -> None:
        """'X opened fire on the boat and took them into custody': one subject for both verbs.

        A verb right after 'and' that follows another event's trigger in the clause shares
        that event's agents (never the object of the first verb), and 'them', 'it' its target.
        So does a verb after a comma in a list of verbs ("seized a hospital, torched a
        cathedral and took ...") or a participle ("stormed the yacht, freeing four hostages").
        A noun inside the first verb's object ("ambushed an army patrol and captured two
        soldiers": the patrol) is no verb whose subject is shared.
        """
        for i, event in enumerate(found):
            trigger = event.first[0]
            previous = [e for e in found[:i] if e.first[0].end <= trigger.start
                        and not _OBJECT_NOUN.search(s.text_between(
                            max(s.start, e.first[0].start - 30), e.first[0].start))]
            if not previous or not previous[-1].agents:
                continue
            first = previous[-1]
            gap = s.text_between(first.first[0].end, trigger.start)
            # a list of verbs: nothing between that could be another subject or clause
            listed = re.search(r"[^,],\s*$", gap) is not None \
                and _LISTED_VERB.match(trigger.text) is not None \
                and not re.search(r"\b(?:after|before|when|while|as|because|since|until|if)\b",
                                  gap, re.IGNORECASE) \
                and not any(first.first[0].end <= r.start and r.end <= trigger.start
                            and not _AFTER_PREPOSITION.search(s.text_between(
                                max(s.start, r.start - 12), r.start))
                            for r in s.agents(self.finder))
            if len(gap) > 100 or re.search(r"[;:]|\b(?:said|says|who|which|that)\b", gap) \
                    or not (re.search(r"\band\s+(?:then\s+|later\s+)?$", gap) or listed) \
                    or frames.PASSIVE_BEFORE.search(gap):
                continue
            event.agents[:] = list(first.agents)
            event.agent_sources = {a: [trigger] for a in event.agents}
            if re.match(r"\s*(?:them|it|him|her)\b", s.text_between(
                    trigger.end, min(s.span.end, trigger.end + 6))) or re.match(
                    r"\S+\s+(?:them|it|him|her)\b", trigger.text):
                event.targets[:] = list(first.targets)

    def _with_phrase_agents(self, found: list[EventFinding], s: Sentence) -> None:
        """An attack told as the means of a verb, in its "with" phrase, has that verb's
        subject as agent: "the army, which began its offensive on May 3 with air strikes on
        rebel camps" (the offensive's agent), "Kenya retaliated with air strikes" (the subject
        of the one verb before "with").  Nothing that opens another clause may come between.
        """
        for i, event in enumerate(found):
            if event.agents or event.type not in _ATTACKS:
                continue
            trigger = event.first[0]
            with_ = _WITH_MEANS.search(s.text_between(max(s.start, trigger.start - 40),
                                                      trigger.start))
            if with_ is None:
                continue
            at = trigger.start - len(with_.group(0))
            governing = [e for e in found[:i] if e.first[0].end <= at and e.agents
                         and e.type not in _ATTACKS
                         and not _WITH_APART.search(s.text_between(e.first[0].end, at))]
            agents: list[str] = list(governing[-1].agents) if governing else []
            if not agents:
                subject = s.agent_before(self.finder, at, window=40)
                if subject is not None and _ONE_VERB_GAP.fullmatch(
                        s.text_between(subject.end, at)):
                    agents = [r.entity for r in _coordinated_before(s, self.finder, subject)]
            if agents:
                event.agents[:] = agents
                event.agent_sources = {a: [trigger] for a in event.agents}

    def _causes(self, found: list[EventFinding], s: Sentence) -> None:
        for event in found:
            if event.type != "Shootdown":
                continue
            for other in found:
                if other.type in _ATTACKS and other.first[0].start > event.first[0].start:
                    gap = s.text_between(event.first[0].end, other.first[0].start)
                    if _CAUSE.search(gap):
                        event.caused_by = other
                        if not event.locations and other.locations:
                            event.locations = list(other.locations)

    def _casualties(self, found: list[EventFinding], s: Sentence) -> None:
        """Counts of a sentence: tolls, people displaced, the objects an event counts.

        The words that decide are data (``quantity-lexicon.toml``); see
        :mod:`conflict_kg.ingest.quantities` for what a count counts.
        """
        self._retract_unconfirmed(s)
        used: set[int] = set()
        recent: list[tuple[EventFinding, str, QuantityMention]] = []
        for q in s.quantities:
            toll = _toll(q, s)
            if toll is None:
                continue
            prop, word = toll
            used.add(id(q))
            if _unconfirmed(q, word, s):
                continue  # "claimed to have killed 50": the claimant's figure, not a toll
            if q.value != 0 and factuality.classify(
                    s.text_between(max(s.start, word.start - 120), word.start),
                    s.text_between(word.end, min(s.span.end, word.end + 80))) != factuality.ACTUAL:
                continue  # "dozens could have died", "the strike would kill"
            host = self._toll_host(found, q, s)
            if host is None:
                continue
            if prop not in host.quantities:
                host.quantities[prop] = q
                recent.append((host, prop, q))
        self._recent_tolls = recent
        self._displaced(found, s, used)
        self._counts(found, s, used)

    def _toll_host(self, found: list[EventFinding], q: QuantityMention,
                   s: Sentence) -> EventFinding | None:
        """The event a toll counts: the nearest casualty event of its sentence, else the
        document's main event, else a new ck:Casualties event (None: no event of its own)."""
        hosts = _lexicon_list("events", "casualty_hosts")
        candidates = [e for e in found if e.type in hosts and not e.aggregate
                      and _bound_to(e.first[0], q.span, s)]
        shootdowns = [e for e in candidates if e.type == "Shootdown"]
        if shootdowns:
            candidates = shootdowns  # "the plane was shot down after the strike, killing 15"
        if candidates:
            host = min(candidates, key=lambda e: _distance(e.first[0], q.span))
            # a toll of a planned, called-off or denied event is no toll, unless the toll has
            # a clause of its own ("called off the mission ..., and eight servicemen were
            # killed when ..."): then the dead are real, counted by an event of their own
            if host.factuality != factuality.ACTUAL:
                trigger = host.first[0]
                if trigger.end <= q.span.start and _OWN_CLAUSE.search(s.text_between(
                        trigger.end, min(s.span.end, q.span.end + 40))):
                    host = EventFinding("Casualties", [(q.span, s.span)])
                    host.date = s.date_near(q.span.start)
                    found.append(host)
                    return host
                return None
            return host
        if q.value != 0 and _cue("scope", "aggregate").search(s.span.text):
            return None  # "5,000 people have been killed since the war began"
        if not found:
            # A toll with no event of its own counts the document's main event.
            lead = self.lead()
            if lead is not None:
                return lead
        host = EventFinding("Casualties", [(q.span, s.span)])
        host.date = s.date_near(q.span.start)
        found.append(host)
        return host

    def _retract_unconfirmed(self, s: Sentence) -> None:
        """"Beijing did not confirm the figure.": the tolls of the sentence before go."""
        recent, self._recent_tolls = self._recent_tolls, []
        if not recent or not _cue("casualty", "retracts_previous").search(s.span.text):
            return
        for event, prop, q in recent:
            if event.quantities.get(prop) is q:
                del event.quantities[prop]
            if event.type == "Casualties" and not event.quantities and event in self.events:
                self.events.remove(event)

    def _displaced(self, found: list[EventFinding], s: Sentence, used: set[int]) -> None:
        """"forced more than 180,000 people from their homes": how many were displaced."""
        for q in s.quantities:
            if q.category != "people" or id(q) in used or not q.value and not q.lower \
                    or _part_of(q, s):
                continue
            after = s.text_between(q.span.end, min(s.span.end, q.span.end + 50))
            before = s.text_between(max(s.start, q.span.start - 30), q.span.start)
            if not (_cue("displacement", "after").search(after)
                    or _cue("displacement", "before").search(before)):
                continue
            used.add(id(q))
            if factuality.classify(s.text_between(max(s.start, q.span.start - 120),
                                                  q.span.start), after) != factuality.ACTUAL:
                continue
            hosts = [e for e in found if e.type == "Displacement"]
            if hosts:
                host = min(hosts, key=lambda e: _distance(e.first[0], q.span))
            else:
                host = EventFinding("Displacement", [(q.span, s.span)])
                host.date = s.date_near(q.span.start)
                found.append(host)
            host.quantities.setdefault("displaced", q)

    def _counts(self, found: list[EventFinding], s: Sentence, used: set[int]) -> None:
        """"released 181 prisoners", "will deliver four launchers": the count of an event's
        object (or of the subject of a passive or intransitive trigger)."""
        kinds = _lexicon_list("events", "counted_objects")
        materiel_only = _lexicon_list("events", "materiel_only")
        intransitive = _lexicon_list("events", "intransitive")
        for event in found:
            if event.type not in kinds or "quantity" in event.quantities or event.aggregate:
                continue
            trigger = event.first[0]
            allowed = ("materiel",) if event.type in materiel_only else ("people", "materiel")
            for q in s.quantities:
                if q.category not in allowed or id(q) in used or not (q.value or q.lower
                                                                      or q.upper):
                    continue
                if q.span.start >= trigger.end:
                    gap = s.text_between(trigger.end, q.span.start)
                    bound = _OBJECT_GAP.fullmatch(gap) is not None
                else:
                    gap = s.text_between(q.span.end, trigger.start)
                    bound = _SUBJECT_GAP.fullmatch(gap) is not None and (
                        event.type in intransitive or _PASSIVE_GAP.fullmatch(gap) is not None)
                if bound and not _part_of(q, s):
                    event.quantities["quantity"] = q
                    used.add(id(q))
                    break

    def _merge_or_add(self, event: EventFinding) -> None:
        if event.factuality == "negated" and event.type == "Shootdown" and any(
                known.type == "Shootdown" and known.factuality == factuality.ACTUAL
                and (event.aircraft is None or event.aircraft.owner is None or known.aircraft
                     is None or known.aircraft.owner in (None, event.aircraft.owner))
                for known in self.events):
            # "Israel didn't shoot our plane down" after the plane's downing was told: a denial
            # of who did it (a claim), not another, negated shootdown of the same plane
            return
        for known in self.events:
            if _same_event(known, event, self.finder):
                _merge(known, event)
                self.alias[id(event)] = (event, known)
                return
        if event.factuality == "loss":
            self.events.append(event)  # kept until a shootdown claims it
            return
        self.events.append(event)

    def finish(self) -> list[EventFinding]:
        """Events of the document, after merging 'loss of an aircraft' into shootdowns."""
        merged: list[EventFinding] = []
        for event in self.events:
            if event.factuality == "loss":
                host = next((e for e in merged if _same_event(e, event, self.finder)), None)
                if host is None:
                    continue  # a loss alone is not a shootdown
                _merge(host, event)
                self.alias[id(event)] = (event, host)
                continue
            merged.append(event)
        return merged

    def resolve(self, event: EventFinding | None) -> EventFinding | None:
        """The event a finding ended up in after merging."""
        seen = 0
        while event is not None and id(event) in self.alias and seen < 20:
            event, seen = self.alias[id(event)][1], seen + 1
        return event


_REPORTING = re.compile(r"\b(?:said|says|told|tells|added|claimed|claims|announced|reported|"
                        r"stated|insisted|alleged|confirmed|denied)\b(?:\s+that)?",
                        re.IGNORECASE)


def _join_attacks(found: list[EventFinding], joining: list[EventFinding]) -> list[EventFinding]:
    """A killing told with an attack of its own ("troops killed X in a raid", "was killed
    by a sniper in an ambush") is that attack: its arguments fill the attack's empty ones."""
    if not joining:
        return found
    hosts = [e for e in found if e not in joining and e.type in (*_ATTACKS, "Shootdown")
             and e.factuality == found[0].factuality]
    kept = []
    for event in found:
        host = next((h for h in hosts if h.factuality == event.factuality), None) \
            if event in joining else None
        if host is None:
            kept.append(event)
            continue
        if not host.agents:
            host.agents[:] = event.agents
            host.agent_sources.update(event.agent_sources)
        if not host.targets and event.type != "Shootdown":
            host.targets[:] = [t for t in event.targets if t not in host.agents]
        host.locations = host.locations or event.locations
        host.date = host.date or event.date
    return kept


def _object_part(window: str) -> str:
    """The object of an active verb: its words up to a preposition, a "by" phrase, a time
    clause or a coordination ("seized the depot and the rebels fled": the depot)."""
    if _THING_PRONOUN.match(window):
        return ""  # "seized it after a gun battle with the workers": the object is a thing
    end = re.search(_NOT_OBJECT_GAP.pattern
                    + r"|\b(?:by|after|before|following|amid|despite|with|and|but)\b",
                    window, re.IGNORECASE)
    return window[:end.start()] if end else window


_THING_PRONOUN = re.compile(r"\s*it\b", re.IGNORECASE)


# ", the wartime leader of the Bosnian Serbs," after a name: an apposition
_APPOSITION = re.compile(r",\s*(?:the|a|an|his|her|its|their)\s[^,;:]{1,60},", re.IGNORECASE)
# ", backed by Russian jets," between a subject and its verb: the aside's agent is a helper
_ASIDE = re.compile(r",\s*(?:\w+ly\s+)?(?:backed|supported|aided|assisted|helped|armed|trained|"
                    r"funded|equipped|accompanied|escorted|joined|reinforced|covered|led)\s+by\s+"
                    r"[^,;:]{1,60},\s*$", re.IGNORECASE)


def _past_aside(s: Sentence, finder: EntityFinder, agent: Ref | None,
                trigger: Span) -> Ref | None:
    """The subject's agent, past an aside between it and the verb: "Syrian forces, backed
    by Russian jets, recaptured Palmyra" (not the helper), "the Indonesian army, which
    invaded East Timor in 1975, withdrew" (not the relative clause's object); a backer
    named in a compound ("Rwandan-backed rebels captured") is no agent."""
    if agent is not None and _BACKED.match(
            s.text_between(agent.end, min(s.span.end, agent.end + 12))):
        return None
    lo = max(s.start, (agent.start if agent is not None else trigger.start) - 80)
    aside = _ASIDE.search(s.text_between(lo, trigger.start)) \
        or _RELATIVE_BEFORE_VERB.search(s.text_between(lo, trigger.start))
    if aside is None or (agent is not None and lo + aside.start() > agent.start):
        return agent
    subject = s.agent_before(finder, lo + aside.start(), window=40)
    if subject is not None and _BACKED.match(
            s.text_between(subject.end, min(s.span.end, subject.end + 12))):
        return None
    return subject


# "Rwandan-backed rebels": the state backs the subject
_BACKED = re.compile(r"-(?:backed|supported|sponsored|funded|armed|allied|aligned|trained)\b",
                     re.IGNORECASE)
# ", which invaded East Timor in 1975," right before the verb: a relative clause aside
_RELATIVE_BEFORE_VERB = re.compile(r",\s*(?:who|which|whose)\s+[^,;:]{1,80},\s*(?:\w+ly\s+)?$",
                                   re.IGNORECASE)


# ", who captured Bukavu in February,": a relative clause between commas
_RELATIVE_ASIDE = re.compile(r",\s*(?:who|which|whose|where)\b[^,;:]*(?:,|$)", re.IGNORECASE)


def _date_of_other_clause(s: Sentence, date: DateMention, trigger: Span) -> bool:
    """The date is inside a relative clause between commas that does not hold the trigger
    ("rebels, who captured Bukavu in February, detained dozens": not February)."""
    for m in _RELATIVE_ASIDE.finditer(s.span.text):
        a, b = s.start + m.start(), s.start + m.end()
        if a <= date.span.start < b and not a <= trigger.start < b and not (
                b <= trigger.start and _CLAUSE_WORD.search(s.text_between(b, trigger.start))):
            # (not "held out since Saturday, when gunmen stormed": a clause of the date's own)
            return True
    return False


_CLAUSE_WORD = re.compile(r"\b(?:when|where|as|after|before|while|and|but|which|who|that|"
                          r"since|until)\b", re.IGNORECASE)


# "a patrol of American and Nigerien soldiers": two names joined, no clause break
# the head noun of a place named after a comma ("in the capital, Naypyitaw"), and a second
# object coordinated with the first right before the place ("bombed the bases and an oil depot
# at Vinh"; never a clause: "and the army withdrew to", which has a verb)
_HEAD_APPOSITION = re.compile(r"\b(?:capital|city|town|port|village|region|province|district)"
                              r"\s*,\s*$", re.IGNORECASE)
_COORDINATED_OBJECT = re.compile(
    r"\band\s+(?:an?|the|its|their|two|three|four|several|other)\s+"
    r"(?:(?!(?:[\w’'-]+ed|fled|fought|took|went|came|left|ran|shot|struck|hit|sank|withdrew|drove|"
    r"flew|fell|held|met|sent|began|broke|was|were|had|has|have|is|are)\b)[\w’'-]+\s+){1,3}"
    r"(?=(?:at|in|near|outside|on)\b)", re.IGNORECASE)
_NAME_PAIR = re.compile(r"\b[A-Z][\w’'-]*\s+and\s+[A-Z][\w’'-]*")


def _place_modifier(s: Sentence, finder: EntityFinder, trigger: Span) -> Ref | None:
    """A town or region named right before a noun trigger after "the": "the Srebrenica
    massacre", "the Baga attack" (a state there is rather whom it was against)."""
    if not trigger.text[:1].islower():
        return None
    return next((p for p in s.places(finder) if p.end <= trigger.start
                 and not s.text_between(p.end, trigger.start).strip()
                 and not finder.is_a(p.entity, "State")
                 and re.search(r"\bthe\s+$", s.text_between(max(s.start, p.start - 5),
                                                             p.start), re.IGNORECASE)), None)


def _date_right_after(s: Sentence, trigger: Span) -> DateMention | None:
    """A date in the trigger's own clause after it ("was freed on Sunday")."""
    return next((d for d in s.dates if trigger.end <= d.span.start <= trigger.end + 40
                 and not re.search(r"[,;:]", s.text_between(trigger.end, d.span.start))), None)


_PREPOSITION_RIGHT_BEFORE = re.compile(
    r"\b(?:in|near|outside|inside|at|off|over|along|across|around|within|through|from|to|into|"
    r"toward|towards|between|under|via|by|for|with|on|against)\s+(?:the\s+)?$", re.IGNORECASE)


def _passive_place(s: Sentence, finder: EntityFinder, trigger: Span) -> Ref | None:
    """A place that is the subject of a passive trigger (or of "fell to"): right before its
    auxiliary, past at most two words or an apposition, never inside a "by" or locative phrase
    ("the town of Goma was captured", "Kherson, the regional capital, was liberated")."""
    places = [p for p in s.places(finder) if p.end <= trigger.start
              and trigger.start - p.end <= 80]
    if not places:
        return None
    place = places[-1]
    if not _SUBJECT_TO_PASSIVE.fullmatch(s.text_between(place.end, trigger.start)) \
            or _PREPOSITION_RIGHT_BEFORE.search(s.text_between(max(s.start, place.start - 16),
                                                               place.start)) \
            or _IN_BY_PHRASE.search(s.text_between(max(s.start, place.start - 30), place.start)):
        return None
    return place


def _passive_target(s: Sentence, finder: EntityFinder, trigger: Span,
                    nearest: Ref | None) -> Ref | None:
    """The passive's subject past a relative clause on it; never a name in an "of" phrase
    that "who" may not stand for ("a friend of Y who was arrested")."""
    subject = passive_subjects.past_relative(s, finder, trigger)
    if subject is not None:
        return subject
    if nearest is not None and passive_subjects.who_in_of_phrase(s, nearest, trigger):
        return passive_subjects.apposition_head(s, finder, nearest)
    return nearest


# ", and the government released": a clause with a subject of its own tells another event
# (a possessive one stands for the first subject: "Iran protested, and its troops seized")
_NEW_SUBJECT = re.compile(r",\s*(?:and|but|while|whereas)\s+(?:the|an?)\s+"
                          r"(?:[\w’'-]+\s+){1,3}$", re.IGNORECASE)


def _own_subject_between(s: Sentence, a: Span, b: Span) -> bool:
    first, second = (a, b) if a.end <= b.start else (b, a)
    return _NEW_SUBJECT.search(s.text_between(first.end, second.start)) is not None


def _passive(s: Sentence, trigger: Span) -> bool:
    """"was sunk", "were not withdrawn", "had been struck": the trigger is a passive verb."""
    return _PASSIVE_INSIDE.search(trigger.text) is not None or frames.PASSIVE_BEFORE.search(
        s.text_between(max(s.start, trigger.start - 20), trigger.start)) is not None


def _by_agent(finder: EntityFinder, s: Sentence, trigger: Span, *, noun: bool) -> Ref | None:
    """The agent named in the "by" phrase after a passive verb or a nominalisation.

    A noun's "of" phrase may come first ("the seizure of the tanker by Iran"), a verb's
    short adverbial ("was sunk on Sunday by"); the phrase may name the agent through its
    people or weapon ("by sailors from two US destroyers", "by a Soviet missile").
    """
    after = s.text_between(trigger.end, min(s.span.end, trigger.end + 100))
    lead = re.match(r"\s+of\s+(?:[\w’'-]+\s+){0,6}?(?=by\b)", after) if noun else None
    if lead is not None and _PARTICIPLE_WORD.fullmatch(lead.group().split()[-1]):
        # "the release of the tourists kidnapped by X": the "by" phrase is the participle's
        return None
    if lead is None:
        lead = _BEFORE_BY.match(after) or re.match(r"\s*(?=by\b)", after)
    if lead is None:
        return None
    by = _BY_AGENT.match(after, lead.end())
    if by is None:
        return None
    return s.agent_after(finder, trigger.end + by.start("by"),
                         window=by.end() - by.start("by") + 2)


# a weapon that opens a passive firing trigger ("missiles were fired toward the island")
_WEAPON_FIRED = re.compile(r"(?:missiles?|rockets?|shells|mortars?|mortar\s+rounds|torpedoes|"
                           r"salvos?)\s+(?:was|were|had\s+been|have\s+been|has\s+been)\s+fired$",
                           re.IGNORECASE)
# an invading verb and its object, or the noun and its "of": "invaded Grenada", "the invasion of"
# an incursion's object: "into (the) X", a state's "airspace", "waters" or "territory"
_INTO = re.compile(r"\s+(?:into|over)\s+(?:the\s+)?", re.IGNORECASE)
_INTO_BEFORE = re.compile(r"\b(?:into|over)\s+(?:the\s+)?$", re.IGNORECASE)
_ENTERED_SPACE = re.compile(r"(?:['’]s)?\s+(?:(?:territorial|national|sovereign|internal)\s+)?"
                            r"(?:airspace|air\s+space|waters|territory|border)\b", re.IGNORECASE)
_INVADED = re.compile(r"(?:invaded|invades|invade|invading)\s+|invasion\s+of\s+", re.IGNORECASE)
_MOVEMENT_NOUN = re.compile(r"(?:invasions?|offensive|incursions?|withdrawal)", re.IGNORECASE)
# "ten days after", "a day before", "hours after": the clause is at another time
_TIME_APART = re.compile(r"\b(?:days?|weeks?|months?|years?|hours?|minutes)\s+(?:after|before)\b|"
                         r"\b(?:a\s+day|the\s+day|shortly|soon|long)\s+(?:after|before)\b",
                         re.IGNORECASE)
_GROUP_SUBJECT = re.compile(
    r"(?:,\s*(?:and|but|while|when|as)\s+|\bwhen\s+)(?:the\s+|some\s+|armed\s+)?"
    r"(?!(?:its|their|his|her|our)\s)(?:[\w-]+\s+)?"
    r"(?:pirates|gunmen|militants|rebels|insurgents|hijackers|kidnappers|rioters|looters|mobs?|"
    r"crowds?|protesters|demonstrators|attackers|assailants|police|policemen|soldiers|troops|"
    r"guards|commandos|marines|sailors|agents)\s+(?:[\w-]+\s+(?:and\s+)?)?$",
    re.IGNORECASE)


def _determined_noun(s: Sentence, trigger: Span, agent: Ref) -> bool:
    """'on the day of the invasion': a noun after a determiner, its agent before the
    determiner and no light verb ("launched an offensive") between: not the noun's agent."""
    det = re.search(r"\b(?:the|a|an)\s+(?:[\w’'-]+\s+){0,2}$",
                    s.text_between(max(s.start, trigger.start - 40), trigger.start),
                    re.IGNORECASE)
    if det is None:
        return False
    det_start = max(s.start, trigger.start - 40) + det.start()
    return agent.end <= det_start and not noun_phrase_agents.light_verb_before(
        s.text_between(max(s.start, det_start - 40), trigger.start))


# "an Israeli army patrol": a trigger word inside a noun phrase (an object, not a verb)
_OBJECT_NOUN = re.compile(r"\b(?:a|an|the)\s+(?:[\w’'-]+\s+){0,3}$", re.IGNORECASE)
# a verb that continues a list after a comma: a past form or a participle
_LISTED_VERB = re.compile(r"(?:\w+ed|\w+ing|took|overran|shot|struck|sank|stormed|seized|fled|"
                          r"withdrew|blew|burnt|set)\b", re.IGNORECASE)
# "Iraq annexed Kuwait, after its troops invaded": the possessive pronoun of the subject
_PRONOUN_SUBJECT = re.compile(r"\b(?:and|but|then)\s+(?:it|they)\s+(?:(?:also|later|then|"
                              r"quickly|swiftly|has|had|have)\s+){0,2}$", re.IGNORECASE)
_POSSESSIVE_SUBJECT = re.compile(r"\b(?:its|their)\s+(?:own\s+)?(?:[\w-]+\s+){1,2}$",
                                 re.IGNORECASE)


def _pronoun_subject(s: Sentence, finder: EntityFinder, agent: Ref | None,
                     trigger: Span) -> Ref | None:
    """The agent of a verb whose subject is "its troops", "their warplanes".

    The nearest agent before such a subject is often the first verb's object ("Israel
    imposed a blockade on Lebanon, and its warplanes pounded"): the pronoun stands for the
    sentence's subject, its first agent not after a preposition; without one, no agent.
    """
    # "Thailand said the Marines must leave, and it recalled its ambassador": a subject
    # pronoun after "and" stands for the sentence's subject as well
    pronoun = _PRONOUN_SUBJECT.search(s.text_between(max(s.start, trigger.start - 30),
                                                     trigger.start))
    if pronoun is not None:
        agent = None
    elif not _POSSESSIVE_SUBJECT.search(s.text_between(
            agent.end if agent is not None else max(s.start, trigger.start - 40), trigger.start)):
        return agent
    for ref in s.agents(finder):
        if ref.start > (agent.start if agent is not None else trigger.start):
            break
        if not _AFTER_PREPOSITION.search(s.text_between(max(s.start, ref.start - 12),
                                                        ref.start)):
            return ref
    return None


# an attack told by its weapon or noun as the subject of a verb of damage
_ATTACK_NOUN_END = re.compile(r"\b(?:bombs?|bombings?|attacks?|strikes?|raids?|blasts?|"
                              r"explosions?|missiles?|rockets?)$", re.IGNORECASE)
_NOUN_HIT = re.compile(r"\s+(?:(?:has|had)\s+)?(?:destroyed|hit|struck|damaged|wrecked|"
                       r"flattened|levell?ed|targeted|ripped\s+through|tore\s+through|"
                       r"demolished|gutted)\s+(?:the\s+|an?\s+)?", re.IGNORECASE)
# a noun trigger that opens a time clause of its own, past the agent before it: "killed 58
# French paratroopers, minutes after a suicide truck bomb destroyed the barracks"
_SUBORDINATE_NOUN = re.compile(r"\b(?:after|before|when|while|as|since|until)\s+(?:an?|the|its|"
                               r"their|another|one)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
# "began its offensive with air strikes", "retaliated with artillery strikes": an attack noun
# as the means of the verb before it
_WITH_MEANS = re.compile(r"\bwith\s+(?:(?:a|an|the|its|their|heavy|fresh|new|more|wave\s+of|"
                         r"barrage\s+of|series\s+of|[\w-]+)\s+){0,2}$", re.IGNORECASE)
# between the verb that governs the "with" phrase and it: no other clause, speaker or event
_WITH_APART = re.compile(r"[;:]|,\s*(?:and|but|while|which|who|as)\b|\b(?:said|says|after|before|"
                         r"when|while|because|since|until|if|that)\b", re.IGNORECASE)
# the subject and the one verb before "with" ("Kenya retaliated", "Israel hit back")
_ONE_VERB_GAP = re.compile(r"\s+(?:(?:has|had|have|then|also|quickly|swiftly|later)\s+)?"
                           r"[a-z]+ed(?:\s+back)?\s+|\s+hit\s+back\s+|\s+struck\s+back\s+")
# a verb right after a name inside a trigger ("sanctions Washington imposed on"): its subject
_VERB_AFTER = re.compile(r"\s+(?:(?:had|has|have)\s+)?(?:imposed|declared|ordered|announced|"
                         r"introduced|proclaimed)\b", re.IGNORECASE)
# a preposition between an agent and a noun trigger: the agent is the object of another word,
# never the noun's possessor ("detained X in dawn raids", "arrested Y during raids")
_PREPOSITION_BETWEEN = re.compile(r"\b(?:in|during|at|on|after|before|amid|under|with|for|from|"
                                  r"into|of)\b", re.IGNORECASE)
_AFTER_PREPOSITION = re.compile(r"\b(?:of|with|to|from|for|in|on|at|against|into|about|by|off|"
                                r"over|near)\s+(?:the\s+)?$", re.IGNORECASE)


# ", and eight servicemen were killed": a coordinated clause with a subject of its own
_OWN_CLAUSE = re.compile(r",\s+and\s+(?:[\w’'-]+\s+){1,4}(?:were|was|had\s+been|have\s+been)\s+"
                         r"(?:killed|wounded|injured)\b", re.IGNORECASE)
_ACCUSED_OF = re.compile(r"\b(?:accus(?:ed|es|ing)|blam(?:ed|es|ing)|charg(?:ed|es|ing)|"
                         r"suspect(?:ed|s|ing))\s+(?P<who>[^,;:]{1,60}?)\s+(?:of|for)\s+"
                         r"(?:\w+\s+){0,2}$", re.IGNORECASE)
_OWNED_BY = re.compile(r"\w\s+(?:belonging\s+to|owned\s+by|used\s+by|carried\s+by)\s+(?:the\s+)?$",
                       re.IGNORECASE)
_UNDER_FIRE = re.compile(r"c(?:ame|ome|omes|oming)\s+under\b", re.IGNORECASE)
# "the boat sank within minutes", "sank after": the verb without an object
_SANK_ALONE = re.compile(r"sank(?:\s*[,.;:]|\s*$|\s+(?:within|after|in|on|off|near|at|"
                         r"quickly|slowly|later|soon|overnight|and|but|when|while|as)\b)",
                         re.IGNORECASE)
# A reduced relative: a participle (not after "has/had/have"), then "by" right away or
# after a short adverbial that opens with a preposition or a time word ("seized in the Gulf
# by", "shelled on Monday by"), never after an object ("seized the tanker by force").
_PARTICIPLE_WORD = re.compile(r"\w+ed|taken|retaken|overrun|held|shot|struck|hit|sunk|caught|"
                              r"blown|thrown|brought", re.IGNORECASE)
_PERFECT_BEFORE = re.compile(r"\b(?:has|had|have|having)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_REDUCED_BY = re.compile(r"\s+(?:(?:on|in|at|near|off|outside|last|earlier|overnight|during)\s+"
                         r"(?:(?!(?:by|was|were|is|are|be|been|being|had|has|have|and|or|but|said|says)\b)"
                         r"[\w’'-]+,?\s+){1,4}?)?by\b(?!\s+(?:force|surprise|night|"
                         r"day|storm|land|sea|air|mistake|accident|default|phone|hand)\b)",
                         re.IGNORECASE)
# the text before a name inside a "by" phrase ("captured by the Pakistani army")
_IN_BY_PHRASE = re.compile(r"\bby\s+(?:the\s+|an?\s+)?(?:[\w’'-]+\s+){0,2}$", re.IGNORECASE)
# between a passive's subject and its verb: a head noun or two, an apposition between commas,
# the auxiliary ("X, commander of the brigade, was", "two Israeli soldiers were", "the pilot")
_SUBJECT_TO_PASSIVE = re.compile(
    r"\s*(?:[\w’'-]+\s+){0,2}?(?:,\s*(?!(?:which|who|whose|that|and|but|when|after)\b)[^,;:]{1,60},\s*)?"
    r"(?:(?:was|were|had\s+been|has\s+been|have\s+been|is|are|been|being)\s+(?:\w+ly\s+)?)?",
    re.IGNORECASE)
# a head noun between a name and its participle: "the Indian pilot captured by"
_HEAD_GAP = re.compile(r"\s*(?:[\w’'-]+\s+){0,2}", re.IGNORECASE)
# Words between a verb and a name that make the name no object: a locative or source
# preposition ("arrested four men in Tripoli", "took the town from the rebels").
_NOT_OBJECT_GAP = re.compile(r"\b(?:in|near|outside|inside|at|off|over|along|across|around|"
                             r"within|through|throughout|beyond|behind|from|to|into|during|"
                             r"toward|towards|between|under|via|aboard|onto|"
                             # a subordinate clause opens: "a blockade on the strip since Hamas
                             # took control of it" (Hamas is no target of the blockade)
                             r"since|until|after|before|when|while|because|whereas)\b",
                             re.IGNORECASE)


# "X called on Y to send peacekeepers", "urged Y to withdraw": X asks, Y would act
_ASKING = re.compile(r"\b(?:call(?:ed|s|ing)?\s+(?:on|upon)|urg(?:ed|es|ing)|ask(?:ed|s|ing)|"
                     r"appeal(?:ed|s|ing)?\s+to|press(?:ed|es|ing)|invit(?:ed|es|ing))\s+"
                     r"(?:[\w’'-]+\s+){0,6}?to\b", re.IGNORECASE)


def _drop_speakers(event: EventFinding, trigger: Span, s: Sentence) -> None:
    """The speaker is never the agent of the event they talk about.

    "The navy said the vessel had entered its waters": an agent found before the
    reporting verb that opens the trigger's clause is the speaker; drop it (a missing
    agent is better than a false one).
    """
    before = s.text_between(s.start, trigger.start)
    _drop_according_to(event, s, before)
    accused = _ACCUSED_OF.search(before)
    if accused is not None:
        # "China accused the United States of violating its airspace": the accuser speaks,
        # the accused is who the claim says acted
        who = [r for r in s.refs if s.start + accused.start("who") <= r.start
               < s.start + accused.end("who")]
        accuser = {r.entity for r in s.refs if r.start < s.start + accused.start()}
        event.agents[:] = [a for a in event.agents if a not in accuser]
        for ref in who:
            if ref.entity not in event.agents and ref.entity not in event.targets:
                event.agents.append(ref.entity)
        if event.factuality == factuality.ACTUAL:
            event.factuality = factuality.REPORTED_ONLY  # an accusation, not the document's word
        return
    openings = list(_REPORTING.finditer(before))
    openings += _ASKING.finditer(before)
    openings.sort(key=lambda m: m.end())
    if not openings:
        return
    opening = openings[-1]
    if re.search(r",\s*(?:and|but)\s+(?:it|they)\s+(?:(?:also|later|then|has|had|have)\s+){0,2}$",
                 s.text_between(s.start + opening.end(), trigger.start), re.IGNORECASE):
        return  # "Thailand said the Marines must leave, and it recalled": the speaker's own act
    # who is asked ("called on the Security Council to send") would act: not a speaker
    boundary = s.start + (opening.start() if opening.re is _ASKING else opening.end())
    inside = {r.entity for r in s.refs if boundary <= r.start < trigger.start
              or trigger.end <= r.start}
    speakers = {r.entity for r in s.refs if r.start < boundary} - inside
    if re.search(r"\bits\s+(?:own\s+)?(?:[\w-]+\s+){1,2}$", s.text_between(boundary, trigger.start),
                 re.IGNORECASE) and not re.match(r"(?:denied|claimed|alleged)", opening.group(0),
                                                 re.IGNORECASE):
        # "Colombia said its soldiers had seized laptops": the speaker's own forces (a denial
        # or a claim keeps its agent out: the claims decide what it says about whom)
        return
    event.agents[:] = [a for a in event.agents if a not in speakers]
    event.participants[:] = [p for p in event.participants if p not in speakers]


# "According to the ministry's spokesman, X, …": the source phrase up to its comma
_ACCORDING_OPENING = re.compile(r"\baccording\s+to\b", re.IGNORECASE)


def _drop_according_to(event: EventFinding, s: Sentence, before: str) -> None:
    """The source of "According to X, C" is never an agent of the event in C.

    The source phrase runs from "according to" to its comma, and on over an apposition
    that is only a name ("According to the ministry's spokesman, Ali Musa, gunboats
    shelled the port": neither the ministry nor Ali Musa shelled it).
    """
    for m in _ACCORDING_OPENING.finditer(before):
        comma = before.find(",", m.end())
        if comma < 0:
            continue  # "according to X" without its comma before the trigger: no clause yet
        end = s.start + comma
        nxt = before.find(",", comma + 1)
        if nxt > 0:
            named = [r for r in s.refs if s.start + comma < r.start and r.end <= s.start + nxt]
            if named and re.fullmatch(r"[,\s]*", s.text_between(s.start + comma, named[0].start))\
                    and re.fullmatch(r"\s*", s.text_between(named[-1].end, s.start + nxt)):
                end = s.start + nxt  # ", Ali Musa,": an apposition naming the source
        source = {r.entity for r in s.refs if s.start + m.start() <= r.start < end}
        event.agents[:] = [a for a in event.agents if a not in source]
        event.participants[:] = [p for p in event.participants if p not in source]


# Between a participant and the talks: another clause, or words saying they were not there.
_CLAUSE_APART = re.compile(r"[;:]|,\s*(?:but|while|whereas|although|though|which|who)\b"
                           r"|\b(?:but|whereas)\b", re.IGNORECASE)
_ABSENT = re.compile(r"\b(?:not|never|no\s+longer)\b|n[’']t\b|\b(?:refused|declined)\s+to\b"
                     r"|\b(?:boycotted|skipped|snubbed|absent\s+from|stayed\s+away\s+from)\b",
                     re.IGNORECASE)

_DETERMINER = re.compile(r"(?:a|an|the|its|our|their|his|her)", re.IGNORECASE)
_NP_STOP = re.compile(r"(?:shot|down|downed|of|by|was|were|had|has|and|to|from|in|on|that|"
                      r"which|said|after|amid|for|with)", re.IGNORECASE)


def _np_start(text: str, head_start: int) -> int:
    """Start of the noun phrase ending at a head: back over modifiers, up to a determiner."""
    start = head_start
    for w in reversed(list(re.finditer(r"[\w’'-]+", text[:head_start]))[-5:]):
        if _DETERMINER.fullmatch(w.group()):
            return w.start()
        if _NP_STOP.fullmatch(w.group()):
            return start
        start = w.start()
    return start


def _coordinated_before(s: Sentence, finder: EntityFinder, last: Ref) -> list[Ref]:
    """'The United States, Britain and France launched': every agent of the coordination."""
    agents = [a for a in s.agents(finder) if a.end <= last.start]
    chain = [last]
    for ref in reversed(agents):
        if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?",
                        s.text_between(ref.end, chain[0].start)):
            chain.insert(0, ref)
        else:
            break
    return chain


def _coordinated(s: Sentence, agents: list[Ref]) -> list[Ref]:
    """Agents joined by 'and' or commas, starting with the first."""
    if not agents:
        return []
    chain = [agents[0]]
    for ref in agents[1:]:
        gap = s.text_between(chain[-1].end, ref.start)
        if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", gap):
            chain.append(ref)
        else:
            break
    return chain


def _compatible_dates(a: DateMention | None, b: DateMention | None) -> bool:
    if a is None or b is None:
        return True
    if a.precision == b.precision == "day":
        return a.value == b.value
    return abs((a.value - b.value).days) <= 31


_FAMILY = {"Shootdown": "shootdown", "AirStrike": "attack", "Strike": "attack",
           "Attack": "attack"}


def _mergeable(event_type: str) -> bool:
    return event_type in frames.frames().mergeable


def _same_event(known: EventFinding, new: EventFinding, finder: EntityFinder) -> bool:
    if not _mergeable(new.type) or known.aggregate or new.aggregate:
        return False
    family = _FAMILY
    if family.get(known.type, known.type) != family.get(new.type, new.type):
        return False
    if not _compatible_dates(known.date, new.date):
        return False
    if "loss" not in (known.factuality, new.factuality) \
            and known.factuality != new.factuality \
            and {known.factuality, new.factuality} != _TOLD_AND_DENIED \
            and not _unproven_mention_of_done(known, new):
        return False  # planned, called off or negated is kept apart from done
    if _ANOTHER.search(_words_before(new)) or (
            new.aircraft is not None and new.aircraft.evidence
            and _ANOTHER.search(new.aircraft.evidence[0].text)):
        return False  # "shot down a second plane", "another attack": not the one told before
    if known.type == "Shootdown":
        a, b = known.aircraft, new.aircraft
        if a is not None and b is not None and a.model and b.model and a.model != b.model:
            return False  # "his MiG-21 was shot down ... said he had downed an F-16": two planes
        return a is not None and b is not None and (a.owner == b.owner or None in (a.owner,
                                                                                    b.owner))
    ka, na = known.key_state(finder), new.key_state(finder)
    if known.type == "ArmsTransfer":
        return bool(ka) and ka == na and known.status == new.status
    if known.type in ("PhoneCall", "Talks"):
        return bool(set(ka) & set(na)) or (
            not na and _word_before(new).lower() in ("the", "those", "these", "this", "that"))
    definite = re.match(r"(?:the|this|that)\b", _word_before(new), re.IGNORECASE) is not None
    if _denial_of_told(known, new):
        return True  # "A said it shelled the base; B denied that the base had been shelled"
    if not na and not new.agents and new.date is None and _target_states(new, finder) \
            & _target_states(known, finder) and _DEFINITE_SUBJECT.search(_words_before(new, 4)):
        return True  # "denied that the frigate had rammed the ship": the ramming told before
    return bool(set(ka) & set(na)) or (not na and definite and family.get(known.type, known.type)
                                       == family.get(new.type, new.type))


def _denial_of_told(known: EventFinding, new: EventFinding) -> bool:
    """A mention inside a denial ("denied that the base had been shelled", "denied that any
    of its ships had been seized"), without an agent of its own, right after (600 characters)
    an event of the same kind told as done: the denial answers it (one event, two claims)."""
    return (new.factuality == factuality.REPORTED_ONLY and known.factuality in _TOLD_AND_DENIED
            and not new.agents and not known.unproven
            and 0 <= new.first[0].start - known.triggers[-1][0].start <= 600
            and _DENIED_MENTION.search(_words_before(new, 9)) is not None)


# the head noun's own verb after a relative clause on people: "the men who fled ... were"
_HEAD_VERB = re.compile(r"\b(?:was|were|has\s+been|have\s+been|had\s+been)\b", re.IGNORECASE)
_DENIED_MENTION = re.compile(
    r"\b(?:denied|denies|deny|denying|rejected|rejects|disputed|disputes)\s+(?:that\s+)?"
    r"(?:the|this|that|its|their|any\s+of\s+(?:its|their|the)|any)\s+(?:[\w-]+\s+){0,2}"
    r"(?:(?:had|has|have|was|were)\s+)?(?:been)?\s*$", re.IGNORECASE)


def _unproven_mention_of_done(known: EventFinding, new: EventFinding) -> bool:
    """One of the two is told as done, the other is without evidence either way (no cue):
    the same event if the rest agrees ("downed the plane ... the downing of the plane
    would not affect the deal")."""
    return any(a.unproven and b.factuality == factuality.ACTUAL and not b.unproven
               for a, b in ((known, new), (new, known)))


# A mention told as fact and one inside "denied that …" are one event (the claims decide).
_TOLD_AND_DENIED = {factuality.ACTUAL, factuality.REPORTED_ONLY}
_ANOTHER = re.compile(r"\b(?:another|second|third|fourth|fifth|further|new|fresh|separate)\b",
                      re.IGNORECASE)
# a place inside a trailing attribution: ", a diplomat in Moscow said", ", officials in
# Nairobi told reporters"
_SPEAKER_PLACE_BEFORE = re.compile(r",\s*(?:(?:an?|the|one|two|several)\s+)?(?:[\w-]+\s+){0,3}?"
                                   r"(?:in|from|based\s+in)\s+$", re.IGNORECASE)
_SPEAKER_PLACE_AFTER = re.compile(r"\s*,?\s*(?:said|says|told|reported|added|confirmed)\b",
                                  re.IGNORECASE)
# a thing's origin, never the event's place: "a drone, built in Israel", "made in China"
_MADE_IN = re.compile(r"\b(?:built|made|manufactured|produced|designed|developed|assembled|"
                      r"registered|bought|purchased|supplied)\s+(?:in|by)\s+(?:the\s+)?$",
                      re.IGNORECASE)
# "postponed the strike", "postponed any such strike", "called off such an attack"
_DEFINITE = re.compile(r"\b(?:the|this|that|such|such\s+an?)\s+$", re.IGNORECASE)
# "the frigate had": a definite subject right before the verb (someone already named)
_DEFINITE_SUBJECT = re.compile(r"\b(?:the|this|that)\s+[\w-]+(?:\s+(?:had|has|have))?\s*$",
                               re.IGNORECASE)


def _words_before(event: EventFinding, count: int = 3) -> str:
    trigger, sentence = event.first
    return " ".join(sentence.text[: trigger.start - sentence.start].split()[-count:])


def _target_states(event: EventFinding, finder: EntityFinder) -> set[str]:
    """The targets, each as its state when it has one (a coast guard as its country)."""
    return {finder.state_of(t) or t for t in event.targets}


def _said_between(s: Sentence, a: Span, b: Span) -> bool:
    """A reporting verb between two triggers: they belong to two sayings."""
    first, second = (a, b) if a.start <= b.start else (b, a)
    return _REPORTING.search(s.text_between(first.end, second.start)) is not None


def _settled_factuality(s: Sentence, trigger: Span, before: str) -> tuple[str, bool]:
    """How the text presents the event of ``trigger``: the cues first (they give the
    specific non-actual value), then the burden of proof: ``actual`` only with positive
    evidence that it happened (:func:`factuality.has_actual_evidence`), else hypothetical,
    and then flagged unproven (it may name an event told as done elsewhere)."""
    value = factuality.classify(before, _factuality_after(s, trigger), trigger.text)
    if value == factuality.ACTUAL and not factuality.has_actual_evidence(
            s.text_between(s.start, trigger.start), trigger.text,
            s.text_between(trigger.end, s.span.end)):
        return "hypothetical", True
    return value, False


def _factuality_after(s: Sentence, trigger: Span) -> str:
    """The words after a trigger that may still say how it is presented: a long subject
    ("talks on a plan drawn up by X, Y, were abandoned") reaches its verb late."""
    return s.text_between(trigger.end, min(s.span.end, trigger.end + 140))


def _called_off_anaphors(found: list[EventFinding]) -> list[EventFinding]:
    """"urged an air strike for Monday, but the president postponed the strike": one event.

    A definite mention ("the strike") called off or negated later in the sentence is the
    planned or obliged event of the same kind named before it; the plan takes its fate.
    """
    kept: list[EventFinding] = []
    for event in found:
        trigger, sentence = event.first
        before = sentence.text[: trigger.start - sentence.start]
        planned = next((e for e in reversed(kept)
                        if e.factuality in ("future", "obliged")
                        and _FAMILY.get(e.type, e.type) == _FAMILY.get(event.type, event.type)
                        and not (set(e.agents) - set(event.agents) and event.agents)), None)
        if planned is not None and event.factuality in ("calledOff", "negated") \
                and _DEFINITE.search(before):
            planned.factuality = event.factuality
            planned.status = event.status or planned.status
            _merge(planned, event)
            continue
        kept.append(event)
    return kept


def _one_date_one_event(found: list[EventFinding], s: Sentence) -> None:
    """A date dates the event next to it, not one told earlier in the sentence.

    "X's sinking of the cruiser was the worst since Y's seizure of the islands on April 2":
    the date is the seizure's. A coordinated verb ("shelled and bombed the town on Monday")
    keeps the shared date.
    """
    for event in found:
        date = event.date
        if date is None:
            continue
        here = event.first[0]
        for other in found:
            there = other.first[0]
            if other is event or other.date is not date:
                continue
            between = here.end <= there.start and there.end <= date.span.start
            if between and len(s.text_between(here.end, there.start).split()) > 3:
                event.date = None
                break


def _word_before(event: EventFinding) -> str:
    trigger, sentence = event.first
    before = sentence.text[: trigger.start - sentence.start].split()
    return before[-1] if before else ""


def merge_findings(known: EventFinding, new: EventFinding) -> None:
    """Two mentions of one event: the arguments of ``new`` join ``known``."""
    _merge(known, new)


def _merge(known: EventFinding, new: EventFinding) -> None:
    known.triggers.extend(new.triggers)
    if known.unproven and new.factuality == factuality.ACTUAL and not new.unproven:
        known.factuality, known.unproven = factuality.ACTUAL, False  # told as done later
    if {known.factuality, new.factuality} == _TOLD_AND_DENIED:
        # "A said X happened; B denied that it had": one event, actual until the claims
        # (reported.py) find every mention inside contested claims
        known.factuality = factuality.ACTUAL
    specific = ["Attack", "Strike", "AirStrike"]
    if known.type in specific and new.type in specific:
        known.type = max(known.type, new.type, key=specific.index)
    for name in ("agents", "targets", "recipients", "participants", "instruments", "locations"):
        values: list[str] = getattr(known, name)
        for v in getattr(new, name):
            if v not in values:
                values.append(v)
    for agent, spans in new.agent_sources.items():
        known.agent_sources.setdefault(agent, []).extend(spans)
    known.items.extend(i for i in new.items if i[0] not in {k[0] for k in known.items})
    if known.date is None or (new.date is not None and new.date.precision == "day"
                              and known.date.precision != "day"):
        known.date = new.date or known.date
    for prop, q in new.quantities.items():
        known.quantities.setdefault(prop, q)
    if new.aircraft is not None:
        if known.aircraft is None:
            known.aircraft = new.aircraft
        else:
            known.aircraft.owner = known.aircraft.owner or new.aircraft.owner
            known.aircraft.model = known.aircraft.model or new.aircraft.model
            known.aircraft.evidence.extend(new.aircraft.evidence)
            if known.aircraft.kind == "MilitaryAircraft" and new.aircraft.kind:
                known.aircraft.kind = new.aircraft.kind
    if known.status is None or (new.status == "completed"):
        known.status = new.status or known.status
    known.caused_by = known.caused_by or new.caused_by
    known.origin = known.origin or new.origin
    known.anaphors.extend(a for a in new.anaphors if a not in known.anaphors)


def _other_subject(between: str) -> bool:
    """Whether a relative clause gives the trigger another subject than the agent before it.

    "ECOWAS had given the officers who seized the town": the officers seized, not
    ECOWAS ("ECOWAS, which seized", with nothing between, keeps its agent).
    """
    rel = re.search(r"\b(?:who|which|that)\s+(?:(?:had|has|have|then|later)\s+){0,2}$", between)
    if rel is not None and bool(between[:rel.start()].strip(" ,")):
        return True
    # "..., and rioters looted and set fire to", "since November, when pirates seized": armed
    # or rioting people of no named group are the verb's own subject
    return _GROUP_SUBJECT.search(between) is not None


# --- tolls and counts (the words are data: quantity-lexicon.toml) ---------------

# "would strike US bases", "may strike the camps": a modal makes the bare "strike" a verb
_AFTER_MODAL = re.compile(
    r"\b(?:will|would|could|might|may|shall|must|can)\s+(?:not\s+|also\s+|again\s+)?$",
    re.IGNORECASE)
# "to attack", "would strike": the infinitive or a modal makes the trigger a verb
_INFINITIVE_OR_MODAL = re.compile(
    r"\b(?:to|will|would|could|might|may|shall|must|can|not)\s+(?:again\s+|also\s+)?$",
    re.IGNORECASE)
# ... with an object after it: "would strike over pay" is a labour strike
_MODAL_OBJECT = re.compile(
    r"\s+(?:(?i:the|an?|its|their|his|her|any|all|rebel|enemy|military|targets?)\b|[A-Z][\w-]+|"
    r"(?:[\w-]+\s+){0,2}?(?:bases|camps|positions|depots|sites|facilities|hideouts|ships|"
    r"vessels|towns|cities|airfields|launchers)\b)")


# a tally of launches over a period, with no target or direction ("has fired a record number
# of missiles this year", "fired more than 70 missiles so far this year"): no strike
_LAUNCH_TALLY = re.compile(
    r"^fired\s+(?:[\w-]+\s+){0,4}?(?:missiles?|rockets?)\s+(?:(?!(?:at|on|into|towards?|"
    r"against|across|over|in|near)\b)[\w-]+\s+){0,2}?(?:(?:this|last|so\s+far\s+this)\s+"
    r"(?:year|month)|so\s+far|since\s+(?:january|the\s+start))\b", re.IGNORECASE)
# "strikes on / against" a target (not a day or a time): a military strike
_STRIKE_TARGET_AFTER = re.compile(
    r"\s+(?:on|against)\s+(?!(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"\d|(?:the\s+)?(?:morning|evening|night|weekend|day|eve)\b|protest|solidarity|"
    r"behalf))", re.IGNORECASE)


def _labour_strike(s: Sentence, trigger: Span) -> bool:
    """A labour or hunger strike ("joined a general strike", "a strike by dock workers"):
    the words before or after the bare noun, from quantity-lexicon.toml."""
    before = s.text_between(max(s.start, trigger.start - 40), trigger.start)
    after = s.text_between(trigger.end, min(s.span.end, trigger.end + 40))
    if _cue("events", "labour_strike_after").search(after):
        return True
    if _STRIKE_TARGET_AFTER.match(after):
        return False  # "joined the US-led strikes on Syria": a military target follows
    return bool(_cue("events", "labour_strike_before").search(before))


def _word_before_trigger(s: Sentence, trigger: Span) -> str:
    """The word right before the trigger, lower case ("retaliatory" in "retaliatory strikes")."""
    before = re.search(r"([\w’'-]+)\s+$", s.text_between(max(s.start, trigger.start - 30),
                                                         trigger.start))
    return before.group(1).lower() if before else ""


def _cue(table: str, key: str) -> re.Pattern[str]:
    """A pattern of quantity-lexicon.toml, compiled on first use."""
    return quantities.lexicon_pattern(table, key)


def _lexicon_list(table: str, key: str) -> frozenset[str]:
    return _lists(table, key)


@lru_cache(maxsize=16)
def _lists(table: str, key: str) -> frozenset[str]:
    return frozenset(quantities.lexicon().data[table][key])


# between a trigger and its object's count: a few words, no punctuation ("send Ukraine four")
# ("release of nearly 900"; "captured the town with 300 fighters" counts no captive)
_OBJECT_GAP = re.compile(r"\s+(?:of\s+)?(?:(?:a\s+total\s+of|another|an\s+additional|"
                         r"(?!(?:by|with|from|for|in|on|at|into|to|and|or|but|than|after|before|"
                         r"during|of)\b)[\w’'-]+)\s+){0,3}?", re.IGNORECASE)
_PASSIVE_GAP = re.compile(r".*\b(?:were|was|been|being|are|is|be)\s+(?:\w+ly\s+)?", re.IGNORECASE)
# between a count and its trigger: auxiliaries of a passive or a relative clause
# (a short place phrase may stand between the count and its verb: "680 people on board were
# detained", "40 men inside the compound were arrested")
_SUBJECT_GAP = re.compile(r"\s*(?:(?:on\s+board|aboard|inside|in\s+custody|on\s+the\s+ships?|"
                          r"(?:inside|in|at|on|aboard)\s+(?:the|a|its|their)\s+[\w-]+)\s+)?"
                          r"(?:,\s*(?:who|which)\s+)?(?:(?:were|was|have|has|had|been|being|"
                          r"are|is|will|would|also|then|later|to\s+be|be|reportedly)\s+)*",
                          re.IGNORECASE)
# between a casualty verb and its count: "killing all 49 people", "killed an estimated 20"
_VERB_TO_COUNT = re.compile(r"\s*(?:(?:all|the|an\s+estimated|another|a\s+further|an\s+additional|"
                            r"nearly\s+all|at\s+least)\s+)?", re.IGNORECASE)
_CASUALTY_COUNT = re.compile(r"\bcasualt(?:y|ies)$", re.IGNORECASE)


def _toll(q: QuantityMention, s: Sentence) -> tuple[str, Span] | None:
    """(deaths, injuries or casualties; the word that says so) when a casualty word is
    bound to the count in its clause, else None.

    The word before the count with nothing between ("killing ten civilians",
    "wounding 34"), or after it with only auxiliaries between ("two marines were
    killed"); the nearer wins.  Death and injury words coordinated ("killed or
    seriously injured") make a combined figure, never a death toll.
    """
    if q.category == "toll" and q.counted:
        word = s.slice(q.span.end - len(q.counted.split()[-1]), q.span.end)
        prop = "deaths" if q.counted.lower().endswith(("dead", "killed")) else "injuries"
        return _combined(prop, word, s), word
    if q.category != "people":
        return None
    if q.counted and _CASUALTY_COUNT.search(q.counted):
        return "casualties", q.span
    if _in_apposition_of_count(q, s):
        return None  # "Three Americans, a soldier and two contractors, were killed": a part
    best: tuple[int, str, Span] | None = None
    # a breakdown in apposition between the count and its verb: "Three Americans, a soldier
    # and two contractors, were killed" (skipped: the verb is the count's)
    skip = _APPOSITION_AFTER_COUNT.match(s.text_between(q.span.end, min(s.span.end,
                                                                          q.span.end + 130)))
    skipped = skip.end() if skip is not None else 0
    after_end = min(s.span.end, q.span.end + skipped + 60)
    after = s.text_between(q.span.end + skipped, after_end)
    before_start = max(s.start, q.span.start - 60)
    before = s.text_between(before_start, q.span.start)
    for prop in ("deaths", "injuries"):
        pattern = _cue("casualty", prop)
        m = pattern.search(after)
        if m is not None and _cue("casualty", "auxiliaries").fullmatch(after[:m.start()]):
            candidate = (m.start(), prop, s.slice(q.span.end + skipped + m.start(),
                                                  q.span.end + skipped + m.end()))
            best = candidate if best is None or candidate[0] < best[0] else best
        for m in pattern.finditer(before):
            toll_of = prop == "deaths" and _cue("casualty", "toll_before").search(
                before[m.start():]) is not None  # "the death toll rose to 20"
            if _VERB_TO_COUNT.fullmatch(before[m.end():]) or toll_of:
                distance = len(before) - m.end()
                candidate = (distance, prop, s.slice(before_start + m.start(),
                                                     before_start + m.end()))
                best = candidate if best is None or candidate[0] < best[0] else best
    if best is None:
        return None
    _distance_, prop, word = best
    if _part_of(q, s):
        return None  # "most of the 20 soldiers were killed": not the toll
    return _combined(prop, word, s), word


# ", a soldier and two contractors," right after a count: an apposition with no verb of its own
_APPOSITION_AFTER_COUNT = re.compile(
    r"\s*,(?![^,;:!?]*\b(?:was|were|is|are|had|has|have|been|said|says|who|which|that|when|"
    r"where|after|before|while)\b)(?:[^,;:.!?()\"“”]|\.(?=\S|\s+[A-Z])){2,110},\s*(?=(?:who\s+|which\s+)?(?:were|was|had|have|"
    r"are|is)\b)", re.IGNORECASE)


def _in_apposition_of_count(q: QuantityMention, s: Sentence) -> bool:
    """A count inside the apposition that breaks down a count of people before it ("Three
    Americans, a soldier and two contractors, were killed": the two are part of the three)."""
    for other in s.quantities:
        if other is q or other.category != "people" or other.span.end > q.span.start:
            continue
        skip = _APPOSITION_AFTER_COUNT.match(s.text_between(other.span.end,
                                                            min(s.span.end, other.span.end + 130)))
        if skip is not None and other.span.end + skip.end() >= q.span.end:
            return True
    return False


def _combined(prop: str, word: Span, s: Sentence) -> str:
    """"killed or seriously injured": a figure of casualties, not of deaths alone."""
    lo, hi = max(s.start, word.start - 30), min(s.span.end, word.end + 30)
    for m in _cue("casualty", "both").finditer(s.text_between(lo, hi)):
        if lo + m.start() <= word.start and word.end <= lo + m.end():
            return "casualties"
    return prop


def _unconfirmed(q: QuantityMention, word: Span, s: Sentence) -> bool:
    """A toll the sentence marks as a claim or as unverified ("claimed to have killed")."""
    first = min(q.span.start, word.start)
    before = s.text_between(max(s.start, first - 120), first)
    breaks = list(factuality.cues().clause_break.finditer(before))
    clause = before[breaks[-1].start():] if breaks else before
    if _cue("casualty", "unconfirmed").search(clause):
        return True
    rest = s.text_between(max(q.span.end, word.end), s.span.end)
    inverted = re.match(r"[^;]*?,\s*(?:[\w’'-]+\s+){0,5}(?:claimed|alleged|claims|alleges)\b",
                        rest)
    return inverted is not None or _cue("casualty", "unconfirmed").search(rest[:40]) is not None


def _part_of(q: QuantityMention, s: Sentence) -> bool:
    """"most of the island's 1,300 residents": a part of the count, not the count."""
    return _cue("scope", "part_of").search(s.text_between(max(s.start, q.span.start - 40),
                                            q.span.start)) is not None


def _bound_to(trigger: Span, count: Span, s: Sentence) -> bool:
    """Whether nothing between an event's trigger and a count names another event
    ("the attack came after the sinking, in which 46 sailors died")."""
    lo, hi = (trigger.end, count.start) if trigger.end <= count.start else (count.end,
                                                                             trigger.start)
    return _cue("scope", "other_event").search(s.text_between(lo, hi)) is None


def _distance(a: Span, b: Span) -> int:
    return max(b.start - a.end, a.start - b.end, 0)
