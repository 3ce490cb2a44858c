"""Event identity across sentences: a later definite mention is the event told before.

"India said its forces had struck camps across the line. Pakistan said the strikes had
never happened": "the strikes" is no new event but the one India told; what the later
mention says about whether it happened applies to that event.  The rules are about the
shape of the noun phrase, never about one article:

* an **anaphor** is a definite noun phrase ("the", "this", "that", "these", "those", and at
  most two modifiers: "the planned exercise", "the Sunday raid") whose head is an event
  noun of a frame ("the strike", "the raid", "the seizure", "the deployment") or a generic
  head of military action ("the operation", "the mission", "the assault", "the attack");
* its **antecedent** is the nearest event before it, in an earlier sentence of the same
  document at most :data:`WINDOW` sentences back, of a compatible kind (a frame noun: the
  same family; a generic head: any military action), with a compatible date and no other
  side as its agent;
* the two are one event.  A later mention that calls the event off or negates it in the
  document's own voice gives the event that value when the event was only planned,
  threatened, ordered or reported (an event the document itself told as done is called off
  only by words that say it never started: "called off", "cancelled", "aborted",
  "postponed", "never took place"); inside another side's saying it is that side's
  denial of the event ("Pakistan said the strikes had never happened"), so the event is
  contested, reported only, one event with both claims ``ck:about`` it;
* conversely, a later mention does not make a non-actual event actual: it carries no
  evidence of its own that the event happened ("The strike, which B denied, ...") unless
  its words say so ("the raid went ahead", "the strike killed four").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from conflict_kg.ingest import factuality
from conflict_kg.ingest.claims import ClaimFinding
from conflict_kg.ingest.events import EventFinder, EventFinding, merge_findings
from conflict_kg.ingest.reported import INVOLVEMENT as _INVOLVEMENT
from conflict_kg.ingest.text import Span

# How many sentences back an anaphor looks for the event it names.
WINDOW = 3

# A definite determiner with at most two modifiers right before the head noun; the
# modifiers are no verbs, auxiliaries, prepositions or conjunctions ("the army struck" is a
# subject and a verb, not a noun phrase)
_DEFINITE_NP = re.compile(
    r"\b(?:the|this|that|these|those)\s+"
    r"(?:(?!(?:was|were|is|are|had|has|have|been|be|did|does|do|said|says|and|or|but|of|in|on|"
    r"at|by|for|to|from|with|which|who|that|it|they|he|she|its|their|not|never|would|will|"
    r"could|should|may|might|must|can)\b)[\w’'-]+\s+){0,2}$", re.IGNORECASE)
# Verb forms of triggers: an anaphor's head is a noun ("the strike", "the bombing", "the
# raids"), never a finite verb ("bombed", "struck", "seized")
_VERB_FORM = re.compile(r"(?:ed|struck|shot|took|hit|fired|launched)$", re.IGNORECASE)
# Generic heads of military action that name no frame of their own: they take the value
# of the sentence to the event of any military kind before them ("ordered the invasion …
# The operation was called off")
_GENERIC = re.compile(
    r"\b(?:the|this|that)\s+(?:(?:planned|proposed|threatened|intended|scheduled|expected|"
    r"military|ground|airborne|amphibious|naval|second|first|whole|entire|raid|strike|rescue|"
    r"regional|bilateral|peace)\s+){0,2}"
    r"(?P<head>operations?|missions?|assaults?|attacks?|action|meetings?|summit|talks|"
    r"conference|visit)\b", re.IGNORECASE)
_TALKING = frozenset({"meeting", "meetings", "summit", "talks", "conference", "visit"})
_MILITARY = frozenset({"Attack", "Strike", "AirStrike", "MilitaryOperation", "Offensive",
                       "Incursion", "Seizure", "Deployment", "Boarding", "Interception",
                       "Shootdown"})
_FAMILY = {"AirStrike": "attack", "Strike": "attack", "Attack": "attack",
           "MilitaryOperation": "operation", "Offensive": "operation"}
_NOT_ACTUAL = frozenset({"calledOff", "negated"})
# The values of a mention that say whether the event took place; a hypothetical, future or
# obliged mention ("Had India launched the strikes, ...") names a possible event, which may
# not be the one told before
_SAYS_WHETHER = frozenset({"actual", "calledOff", "negated", "reportedOnly"})
# After an anaphor called off or negated: the words that say the event never started, so
# that even an event the document told as done (ordered, launched) did not happen
# A negated passive whose subject is a definite noun phrase: "the vessel had not been
# seized", "the town was never captured" (the thing the event was told of, named again)
_DEFINITE_PASSIVE = re.compile(
    r"\b(?:the|this|that|these|those)\s+(?:[\w’'-]+\s+){1,2}?(?:(?:had|has|have)\s+(?:not|never)"
    r"\s+been|(?:was|were|is|are)\s+(?:not|never))\s+$", re.IGNORECASE)
# A denial whose speaker is no recognised claimant, right before the mention: "The ministry
# denied that the shelling took place"
_DENIED_BEFORE = re.compile(
    r"\bden(?:ied|ies|y)\s+(?:that\s+)?(?:the|this|that|these|those)\s+(?:[\w’'-]+\s+){0,2}$",
    re.IGNORECASE)
# A cancelling verb right before the noun phrase: "postponed the strike", "called off the
# planned raid" (a past form: "did not halt the attack" has none)
_CANCEL_BEFORE = re.compile(
    r"\b(?:called\s+off|cancell?ed|postponed|aborted|scrapped|shelved|suspended|put\s+off|"
    r"delayed|deferred)\s+(?:the|this|that|these|those)\s+(?:[\w’'-]+\s+){0,2}$",
    re.IGNORECASE)
_NEVER_STARTED = re.compile(
    r"\b(?:called\s+off|cancell?ed|aborted|postponed|scrapped|shelved|scrubbed|"
    r"never\s+(?:took\s+place|happened|occurred|came|began|started)|"
    r"(?:did|had)\s+not\s+(?:take\s+place|happen|occur|begin|start)|had\s+not\s+occurred|"
    r"not\s+(?:take|taken)\s+place)\b", re.IGNORECASE)
# After an own-voice anaphor: the words that say the event did happen ("the raid went
# ahead", "the strike killed four", "the seizure took place on Monday")
_CONFIRMED = re.compile(
    r"^[^.;]{0,60}?\b(?:went\s+ahead|took\s+place|(?:was|were)\s+carried\s+out|"
    r"killed|wounded|injured|destroyed|damaged|left\s+(?:at\s+least\s+)?\w+\s+(?:people\s+)?"
    r"dead)\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|never|no)\b", re.IGNORECASE)


def resolve(events: EventFinder, final: list[EventFinding], claims: list[ClaimFinding],
            sentences: Sequence[Span]) -> list[EventFinding]:
    """Merge each anaphoric mention into the event it names; the events left."""
    starts = [s.start for s in sentences]
    regions = [(c, r) for c in claims for r in (c.quote, c.content) if r is not None]
    ordered = sorted(final, key=lambda e: e.first[0].start)
    kept: list[EventFinding] = []
    for event in ordered:
        trigger, sentence = event.first
        before = sentence.text[: trigger.start - sentence.start]
        if len(event.triggers) == 1 and event.factuality in _SAYS_WHETHER \
                and (_is_anaphor(trigger, before) or (event.factuality == "negated"
                                                      and _DEFINITE_PASSIVE.search(before)))\
                and not _own_subject(event, regions):
            host = _antecedent(kept, event, starts, generic=False)
            if host is not None:
                _join(events, host, event, claims, regions)
                continue
        kept.append(event)
    for sentence in sentences:
        for m in _GENERIC.finditer(sentence.text):
            head = Span(sentence.start + m.start("head"), sentence.start + m.end("head"),
                        m.group("head"))
            if any(t.start <= head.start < t.end for e in kept for t, _s in e.triggers):
                continue  # a frame's own trigger ("the attack"): read above
            value = factuality.classify(sentence.text[: m.start("head")],
                                        sentence.text[m.end("head"): m.end("head") + 140],
                                        head.text)
            if value not in _NOT_ACTUAL:
                continue
            kind = "Talks" if head.text.lower() in _TALKING else "MilitaryOperation"
            mention = EventFinding(kind, [(head, sentence)])
            mention.factuality = value
            if _about_the_mention(mention) is None:
                continue  # "if they did not halt the attack": not about the attack itself
            host = _antecedent(kept, mention, starts, generic=True)
            if host is not None:
                _apply(host, mention, claims, regions)
                host.triggers.append((head, sentence))
                host.anaphors.append(head)
    for event in kept:
        _mark_own_anaphors(event, starts, regions)
    _relative_denials(kept, claims)
    left = {id(e) for e in kept}
    return [e for e in final if id(e) in left]


# Between an event's noun and the verb of a denial in a relative clause on it: "The shelling,
# which Peru denied, ..." (the claimant's words only)
_RELATIVE_DENIAL = re.compile(r"\s*,\s*which\s+(?:[\w’'.-]+\s+){1,4}$", re.IGNORECASE)


def _relative_denials(events: list[EventFinding], claims: list[ClaimFinding]) -> None:
    """"The shelling, which Peru denied, was condemned": a denial with no content of its own
    in a relative clause on an event's noun is about that event."""
    for claim in claims:
        if claim.stance != "denies" or claim.about is not None or claim.content is not None:
            continue
        for event in events:
            if any(t.end <= claim.verb.start and sentence.start <= t.start < sentence.end
                   and sentence.start == claim.sentence.start
                   and _RELATIVE_DENIAL.fullmatch(
                       sentence.text[t.end - sentence.start: claim.verb.start - sentence.start])
                   for t, sentence in event.triggers):
                claim.about = event
                break


def _own_subject(event: EventFinding, regions: list[tuple[ClaimFinding, Span]]) -> bool:
    """"Libya denied any role in the discotheque bombing": a denial of a part names the event
    it is about, which need not be the last one told."""
    holder = _holder(event.first[0], regions)
    return holder is not None and holder.content is not None \
        and _INVOLVEMENT.match(holder.content.text) is not None


def _is_anaphor(trigger: Span, before: str) -> bool:
    words = trigger.text.split()
    return (len(words) == 1 and _VERB_FORM.search(words[0]) is None
            and _DEFINITE_NP.search(before) is not None)


def _index(starts: list[int], offset: int) -> int:
    """The sentence (its position in the section) that holds ``offset``."""
    return max(0, bisect_right(starts, offset) - 1)


def _antecedent(kept: list[EventFinding], event: EventFinding, starts: list[int], *,
                generic: bool) -> EventFinding | None:
    trigger, _sentence = event.first
    here = _index(starts, trigger.start)
    best: tuple[bool, int, EventFinding] | None = None
    for known in kept:
        if known.aggregate or known is event or known.factuality == "negated":
            continue  # "no camp had been struck": nothing a later "the assault" can name
        earlier = [t.start for t, _s in known.triggers if t.start < trigger.start]
        if not earlier:
            continue
        last = max(earlier)
        distance = here - _index(starts, last)
        # a generic head may name an event told earlier in its own sentence ("a summit
        # planned for November will not take place: the meeting was postponed")
        if distance < (0 if generic else 1) or distance > WINDOW:
            continue
        if generic:
            if (known.type != "Talks") if event.type == "Talks" else (known.type not in _MILITARY):
                continue
        elif _FAMILY.get(known.type, known.type) != _FAMILY.get(event.type, event.type):
            continue
        if known.date is not None and event.date is not None \
                and known.date.value != event.date.value:
            continue
        if known.agents and event.agents and not set(known.agents) & set(event.agents):
            continue
        # the nearest of the same kind first ("the strikes": the strikes, not the attack
        # told later in the same sentence), then the nearest of the family
        rank = (known.type == event.type, last)
        if best is None or rank > best[:2]:
            best = (*rank, known)
    return best[2] if best is not None else None


def _holder(trigger: Span, regions: list[tuple[ClaimFinding, Span]]) -> ClaimFinding | None:
    for claim, region in regions:
        if region.start <= trigger.start and trigger.end <= region.end:
            return claim
    return None


def _join(events: EventFinder, host: EventFinding, mention: EventFinding,
          claims: list[ClaimFinding], regions: list[tuple[ClaimFinding, Span]]) -> None:
    value, kind, date = host.factuality, host.type, host.date
    merge_findings(host, mention)
    # the mention names the event: its sentence's date may date a saying or a warning
    host.factuality, host.type, host.date = value, kind, date
    _apply(host, mention, claims, regions)
    host.anaphors.append(mention.first[0])
    events.alias[id(mention)] = (mention, host)
    for claim in claims:
        if claim.about is mention:
            claim.about = host


def _about_the_mention(mention: EventFinding) -> str | None:
    """The value the sentence gives the mention itself, when it says whether the event took
    place: the cue follows the noun phrase ("the raid was called off", "the strikes had
    never happened") or a cancelling verb governs it ("postponed the strike"); "if they did
    not halt the attack" negates the halting, not the attack."""
    trigger, sentence = mention.first
    before = sentence.text[: trigger.start - sentence.start]
    after = sentence.text[trigger.end - sentence.start:]
    if _CANCEL_BEFORE.search(before):
        return "calledOff"
    if _DEFINITE_PASSIVE.search(before):
        return "negated"
    value = factuality.classify("", after[:140], trigger.text)
    return value if value == mention.factuality else None


def _apply(host: EventFinding, mention: EventFinding, claims: list[ClaimFinding],
           regions: list[tuple[ClaimFinding, Span]]) -> None:
    """What the later mention says about whether the event happened."""
    trigger, sentence = mention.first
    after = sentence.text[trigger.end - sentence.start:]
    holder = _holder(trigger, regions)
    told_by = [_holder(t, regions) for t, _s in host.triggers if t is not trigger]
    said = _about_the_mention(mention) if mention.factuality in _NOT_ACTUAL else None
    if holder is not None:
        # inside a saying: a side that says the event did not happen denies it
        if said == "negated" and holder.stance == "says" and any(
                c is not None and c.claimant != holder.claimant for c in told_by):
            holder.stance = "denies"
        if said is not None or holder.stance == "denies":
            holder.about = host
        return
    if said is not None:
        only_claimed = bool(told_by) and all(c is not None for c in told_by)
        if host.factuality == factuality.ACTUAL and only_claimed:
            host.factuality = factuality.REPORTED_ONLY  # a side told it, the text says no
        elif host.factuality != factuality.ACTUAL or _NEVER_STARTED.search(after):
            host.factuality = said
        return
    if mention.factuality == factuality.REPORTED_ONLY and host.factuality == factuality.ACTUAL \
            and told_by and all(c is not None for c in told_by) \
            and _DENIED_BEFORE.search(sentence.text[: trigger.start - sentence.start]):
        host.factuality = factuality.REPORTED_ONLY  # a side told it, someone denied it
        return
    if host.factuality != factuality.ACTUAL and _CONFIRMED.search(after) \
            and not _NEGATION.search(after[:60]):
        host.factuality, host.unproven = factuality.ACTUAL, False


def _mark_own_anaphors(event: EventFinding, starts: list[int],
                       regions: list[tuple[ClaimFinding, Span]]) -> None:
    """Later definite mentions merged by the finder itself ("the strike" after "struck")
    are anaphors too: they name the event, they do not assert it. One a denial governs
    ("The ministry denied that the shelling took place", with no speaker recognised)
    contests an event only a side told."""
    first = _index(starts, event.first[0].start)
    for trigger, sentence in event.triggers[1:]:
        if trigger in event.anaphors or _index(starts, trigger.start) == first:
            continue
        before = sentence.text[: trigger.start - sentence.start]
        after = sentence.text[trigger.end - sentence.start:]
        if not _is_anaphor(trigger, before):
            continue
        denied = _DENIED_BEFORE.search(before) is not None
        if denied or not _CONFIRMED.search(after):
            event.anaphors.append(trigger)
        if denied and event.factuality == factuality.ACTUAL \
                and _holder(trigger, regions) is None and all(
                    _holder(t, regions) is not None for t, _s in event.triggers
                    if t not in event.anaphors):
            event.factuality = factuality.REPORTED_ONLY
