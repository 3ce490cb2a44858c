"""Agreements and mechanisms: parties, date and place, zones, provisions, deadlines.

Parties (general rule, not tied to one article): in a sentence with an
agreement noun, the agents named after "with" or "between … and …" following
the noun, plus the agent that is the subject of a reaching verb (announced,
reached, signed…) before it.  Places named in the sentence are not parties.
Later sentences that name a zone, a deadline ("removed by October 10"), a
start ("operational from October 15") or patrolling forces, or refer back to
"the agreement", add to the agreement most recently mentioned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from conflict_kg.ingest.analysis import Sentence
from conflict_kg.ingest.dates import DateMention
from conflict_kg.ingest.entities import EntityFinder, Ref
from conflict_kg.ingest.events import EventFinding
from conflict_kg.ingest.prefilter import prefiltered
from conflict_kg.ingest.quantities import QuantityMention
from conflict_kg.ingest.text import Span

TRIGGERS = prefiltered(
    r"\b(?:agreements?|accords?|deals?|memorandum|memorandums|ceasefire|cease-fire|truce|pacts?"
    r"|treaty|treaties|roadmap|road\s+map)\b",
    re.IGNORECASE,
)
_MECHANISM = prefiltered(r"\b(?:(?:security|military)\s+)?(?:coordination|deconfliction)"
                        r"(?:\s+(?:mechanism|line|hotline|channel))?\b", re.IGNORECASE)
_REACHING_VERBS = re.compile(
    r"\b(announced|announces|reached|reaches|signed|signs|concluded|struck|sealed|agreed)\b",
    re.IGNORECASE,
)
_WITH = re.compile(r"^\W*(?:\w+\W+){0,3}?with\W+(?:the\W+)?$", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\W*(?:the\W+)?$", re.IGNORECASE)
_AND = re.compile(r"^\W*(and|&)\W*(?:the\W+)?$", re.IGNORECASE)
_ZONE = prefiltered(r"\b(?:(?P<kind>demilitari[sz]ed|buffer|no-fly|de-escalation|safe|security)\s+)"
                   r"zones?\b|\bthe\s+zone\b", re.IGNORECASE)
_BY_DATE = re.compile(r"\b(?:by|before|until|no\s+later\s+than)\s+$", re.IGNORECASE)
_FROM_DATE = re.compile(r"\b(?:from|as\s+of|starting|beginning|on)\s+$", re.IGNORECASE)
_OPERATIONAL = prefiltered(r"\b(?:operational|take\s+effect|come\s+into\s+force|in\s+force|"
                          r"start|begin)\b", re.IGNORECASE)
_REMOVAL = prefiltered(r"\b(?:removed|remove|withdrawn|withdraw|pull(?:ed)?\s+out|leave|"
                      r"evacuated|handed\s+over)\b", re.IGNORECASE)
_PATROL = prefiltered(r"\bpatroll?(?:ed|ing|s)?\b", re.IGNORECASE)
_SAME_DAY = prefiltered(r"\bon\s+the\s+same\s+day\b", re.IGNORECASE)
_BACK_REFERENCE = prefiltered(r"\bthe\s+(?:[A-Z][\w-]*\s+)?(?:agreement|deal|accord|memorandum|"
                             r"roadmap)\b|\bthe\s+zone\b", re.IGNORECASE)


@dataclass
class ProvisionFinding:
    kind: str  # WithdrawalProvision | ZoneProvision | PatrolProvision
    sentence: Span
    evidence: Span
    deadline: DateMention | None = None
    effective_from: DateMention | None = None
    forces: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)  # ontology class local names


@dataclass
class ZoneFinding:
    kind: str  # DemilitarisedZone | Zone
    evidence: list[Span]
    location: str | None = None
    width: QuantityMention | None = None
    patrolled_by: list[str] = field(default_factory=list)
    effective_from: DateMention | None = None


@dataclass
class AgreementFinding:
    kind: str  # Agreement | CoordinationMechanism
    trigger: Span
    sentence: Span
    parties: list[str]
    party_refs: list[Ref]
    evidence: list[tuple[Span, Span]] = field(default_factory=list)
    date: DateMention | None = None
    place: str | None = None
    talks: EventFinding | None = None
    zone: ZoneFinding | None = None
    provisions: list[ProvisionFinding] = field(default_factory=list)
    period_start: DateMention | None = None
    purpose: str | None = None
    place_name: str | None = None


class AgreementFinder:
    def __init__(self, finder: EntityFinder) -> None:
        self.finder = finder
        self.agreements: list[AgreementFinding] = []
        self._current: AgreementFinding | None = None
        self._last_index = -10
        self._index = 0

    def sentence(self, s: Sentence, events: list[EventFinding], lead: EventFinding | None) -> None:
        self._index += 1
        touched = self._triggers(s, lead)
        current = self._current
        recent = current is not None and self._index - self._last_index <= 3
        if current is None:
            return
        if not touched and not (recent or _BACK_REFERENCE.search(s.span.text)):
            return
        related = touched
        related |= self._zone(s, current)
        related |= self._provisions(s, current)
        related |= self._talks(s, current, events)
        if related:
            self._last_index = self._index

    # --- agreements themselves ------------------------------------------------

    def _triggers(self, s: Sentence, lead: EventFinding | None) -> bool:
        touched = False
        agents: list[Ref] | None = None  # only needed when a trigger word is there
        for kind, pattern in (("Agreement", TRIGGERS), ("CoordinationMechanism", _MECHANISM)):
            for m in pattern.finditer(s.span.text):
                trigger = s.local(m)
                if agents is None:
                    agents = [r for r in s.agents(self.finder)
                              if self.finder.state_of(r.entity) is not None
                              and not self.finder.is_a(r.entity, "Person")]
                parties = _parties(s, trigger, agents)
                states = _unique([self.finder.state_of(p.entity) or p.entity for p in parties])
                if len(states) >= 2:
                    agreement = self._find_or_add(kind, trigger, s, states, parties)
                    agreement.evidence.append((trigger, s.span))
                    self._dates(s, agreement, trigger, lead)
                    place = s.place_after(self.finder, trigger.end)
                    if place is not None and agreement.place is None and not re.search(
                            r"\bzone\b|\bto\s+\w+|,", s.text_between(trigger.end, place.start)):
                        agreement.place = place.entity
                    self._period(s, agreement)
                    self._current, self._last_index = agreement, self._index
                    touched = True
                elif kind == "Agreement" and self._current is not None and re.search(
                        r"\bthe\s+(?:[\w-]+\s+)?$", s.text_between(
                            max(s.start, trigger.start - 20), trigger.start), re.IGNORECASE):
                    name = re.search(r"([A-Z][\w-]+)\s+$", s.text_between(
                        max(s.start, trigger.start - 20), trigger.start))
                    target = self._by_place_name(name.group(1)) if name else self._current
                    if target is not None:
                        target.evidence.append((trigger, s.span))
                        touched = True
        return touched

    def _by_place_name(self, word: str) -> AgreementFinding | None:
        """'the Sochi agreement': the agreement reached at that place, if any."""
        for agreement in reversed(self.agreements):
            label = self.finder.new.get(agreement.place or "")
            known = self.finder.kb.pref_labels.get(agreement.place or "")
            if (label and label.label == word) or known == word:
                return agreement
        return self._current

    def _find_or_add(self, kind: str, trigger: Span, s: Sentence, states: list[str],
                     parties: list[Ref]) -> AgreementFinding:
        for agreement in self.agreements:
            if agreement.kind == kind and set(agreement.parties) == set(states):
                return agreement
        agreement = AgreementFinding(kind, trigger, s.span, sorted(states), parties)
        self.agreements.append(agreement)
        return agreement

    def _dates(self, s: Sentence, agreement: AgreementFinding, trigger: Span,
               lead: EventFinding | None) -> None:
        if agreement.date is not None:
            return
        if _SAME_DAY.search(s.span.text) and lead is not None and lead.date is not None:
            agreement.date = lead.date
            return
        date = s.date_near(trigger.start)
        if date is not None:
            agreement.date = date

    def _period(self, s: Sentence, agreement: AgreementFinding) -> None:
        if agreement.kind == "CoordinationMechanism" and s.periods:
            period = s.periods[0]
            agreement.period_start = DateMention(period.span, period.start, "year", True)
            m = re.search(r"\b(?:succeeded\s+in\s+|to\s+|in\s+order\s+to\s+)(?P<p>"
                          r"(?:prevent|avoid)[^,.;]*?)(?:\s+in\s+the\s+past\b|[,.;]|$)",
                          s.span.text)
            if m:
                agreement.purpose = m["p"]

    # --- what later sentences add -------------------------------------------

    def _zone(self, s: Sentence, agreement: AgreementFinding) -> bool:
        m = _ZONE.search(s.span.text)
        if m is None:
            return False
        kind = "DemilitarisedZone" if m["kind"] and m["kind"].lower().startswith(
            "demilitari") else "Zone"
        if agreement.zone is None:
            agreement.zone = ZoneFinding(kind, [])
        zone = agreement.zone
        if kind != "Zone":
            zone.kind = kind
        zone.evidence.append(s.local(m))
        if zone.location is None:
            place = s.place_after(self.finder, s.start + m.start())
            if place is not None:
                zone.location = place.entity
        for q in s.quantities:
            if q.unit in ("kilometre", "mile") and zone.width is None:
                zone.width = q
        return True

    def _provisions(self, s: Sentence, agreement: AgreementFinding) -> bool:
        touched = False
        for date in s.dates:
            before = s.text_between(max(s.start, date.span.start - 20), date.span.start)
            if _BY_DATE.search(before) and _REMOVAL.search(s.span.text):
                provision = ProvisionFinding("WithdrawalProvision", s.span, s.slice(
                    s.start + _clause_start(s.span.text, date.span.start - s.start),
                    date.span.end), deadline=date)
                provision.categories = self._categories(s)
                agreement.provisions.append(provision)
                touched = True
            elif _FROM_DATE.search(before) and _OPERATIONAL.search(s.span.text):
                provision = ProvisionFinding("ZoneProvision", s.span, s.slice(
                    s.start + _clause_start(s.span.text, date.span.start - s.start),
                    date.span.end), effective_from=date)
                agreement.provisions.append(provision)
                if agreement.zone is not None:
                    agreement.zone.effective_from = date
                touched = True
        patrol = _PATROL.search(s.span.text)
        if patrol is not None:
            by = re.match(r"\s+by\s+", s.span.text[patrol.end():])
            if by is not None:
                start = s.start + patrol.end()
                forces = [a for a in s.agents(self.finder) if start <= a.start <= start + 60]
                forces = _coordinated(s, forces)
                if forces:
                    end = forces[-1].end
                    rest = re.match(r"[\s\w-]*?(?:units?|forces|troops|police)\b",
                                    s.text_between(end, s.span.end))
                    evidence = s.slice(s.start + patrol.start(), end + (rest.end() if rest else 0))
                    provision = ProvisionFinding("PatrolProvision", s.span, evidence,
                                                 forces=[f.entity for f in forces])
                    agreement.provisions.append(provision)
                    if agreement.zone is not None:
                        agreement.zone.patrolled_by.extend(provision.forces)
                    touched = True
        return touched

    def _categories(self, s: Sentence) -> list[str]:
        found = []
        for word, cls in (("tank", "Tank"), ("mortar", "Mortar"), ("artillery", "Artillery"),
                          ("rocket launcher", "RocketLauncher"), ("heavy", "HeavyWeapon"),
                          ("ground-to-air missile", "SurfaceToAirMissile"),
                          ("surface-to-air missile", "SurfaceToAirMissile")):
            if re.search(rf"\b{word}", s.span.text, re.IGNORECASE):
                found.append(cls)
        return found

    def _talks(self, s: Sentence, agreement: AgreementFinding,
               events: list[EventFinding]) -> bool:
        for event in events:
            if event.type != "Talks" or agreement.talks is not None:
                continue
            states = {self.finder.state_of(p) for p in event.participants}
            if states & set(agreement.parties) and (agreement.zone is not None or
                                                     _ZONE.search(s.span.text)):
                agreement.talks = event
                if agreement.place is None and event.locations:
                    agreement.place = event.locations[0]
                if agreement.date is None and event.date is not None:
                    agreement.date = event.date
                return True
        return False


def _clause_start(text: str, position: int) -> int:
    cut = max(text.rfind(",", 0, position), text.rfind(";", 0, position))
    return cut + 1 if cut >= 0 and position - cut < 120 else 0


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _parties(s: Sentence, trigger: Span, agents: list[Ref]) -> list[Ref]:
    parties: list[Ref] = []
    after = [m for m in agents if m.start >= trigger.end]
    if after:
        gap = s.text_between(trigger.end, after[0].start)
        if _WITH.match(gap):
            parties.append(after[0])
        elif _BETWEEN.search(gap):
            parties.extend(_between_and(s, after))
    before = [m for m in agents if m.end <= trigger.start]
    if before:
        gap = s.text_between(before[-1].end, trigger.start)
        if _REACHING_VERBS.search(gap) and "," not in gap:
            # "Armenia and Azerbaijan signed an agreement": the whole coordinated subject
            parties[0:0] = _coordinated_before(s, before)
    if len(parties) < 2:
        # "the agreement Ankara reached with Moscow in Sochi"
        later = [a for a in agents if a.start >= trigger.end]
        if len(later) >= 2:
            gap1 = s.text_between(trigger.end, later[0].start)
            gap2 = s.text_between(later[0].end, later[1].start)
            if re.fullmatch(r"\s+(?:that\s+)?", gap1) and _REACHING_VERBS.search(gap2) and \
                    re.search(r"\bwith\s+(?:the\s+)?$", gap2):
                parties = [later[0], later[1]]
    return parties


def _coordinated_before(s: Sentence, before: list[Ref]) -> list[Ref]:
    """The agents coordinated with the last of ``before`` ("A, B and C"), in order."""
    chain = [before[-1]]
    for ref in reversed(before[:-1]):
        if not re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?",
                            s.text_between(ref.end, chain[0].start)):
            break
        chain.insert(0, ref)
    return chain


def _between_and(s: Sentence, after: list[Ref]) -> list[Ref]:
    """'between A and B': A and the agent right after 'and'."""
    if len(after) < 2:
        return after[:1]
    if _AND.match(s.text_between(after[0].end, after[1].start)):
        return after[:2]
    return after[:1]


def _coordinated(s: Sentence, agents: list[Ref]) -> list[Ref]:
    if not agents:
        return []
    chain = [agents[0]]
    for ref in agents[1:]:
        if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", s.text_between(chain[-1].end,
                                                                             ref.start)):
            chain.append(ref)
        else:
            break
    return chain
