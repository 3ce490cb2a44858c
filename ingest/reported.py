"""Events that only a party asserts: ``ck:reportedOnly``, and the denial that contests them.

An event whose every mention lies inside claims (their quote or content), where one
of those claims is hedged ("claimed", "alleged", "accused") or some claim denies it,
is not stated by the document's own voice: it is one event, with the asserting and
the denying claims both pointing to it (``ck:about``), and factuality
``ck:reportedOnly``, never ``ck:actual``.  A plain "said" with nobody denying keeps
the event actual (news reports events through officials' statements).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from conflict_kg.ingest import factuality
from conflict_kg.ingest.claims import ClaimFinding
from conflict_kg.ingest.entities import EntityFinder, Ref
from conflict_kg.ingest.events import EventFinding
from conflict_kg.ingest.text import Span


def link_denials(claims: list[ClaimFinding]) -> None:
    """"A said it downed two drones, which B denied": B's denial is about A's event.

    So is a denial whose own words name the event only as not having happened: "A said
    it shelled the town, but B denied that any shelling had occurred".
    """
    for i, claim in enumerate(claims):
        if claim.stance != "denies":
            continue
        earlier = [c for c in claims[:i] if c.sentence == claim.sentence and c.about is not None]
        if not earlier:
            _link_back(claim, claims[:i])
            continue
        own, told = claim.about, earlier[-1].about
        if own is None or (own.factuality != factuality.ACTUAL and told is not None
                           and own.type == told.type):
            claim.about = told


# A denial of a part in a named event ("denied any role in the bombing", "denies involvement
# in the attack"): it names its own event and answers no other mention of the same type
INVOLVEMENT = re.compile(r"\s*(?:any\s+|all\s+|its\s+|their\s+|his\s+|her\s+)?(?:role|"
                          r"involvement|part|hand|responsibility|links?|connection|complicity|"
                          r"knowledge)\s+(?:in|with|for|of|to)\b", re.IGNORECASE)
# How far back (characters) a denial looks for the claim it answers in earlier sentences.
_DENIAL_REACH = 600


# A denial whose whole content points back at what another side said ("denied the report",
# "rejected the accusation as baseless", "denied it, calling it propaganda"); "denied the
# report about troop movements" names its own subject and points at nothing
_POINTS_BACK = re.compile(
    r"(?:(?:the|these|those|this|that|such|their|its|his|her)\s+(?:[\w-]+\s+)?"
    r"(?:reports?|claims?|allegations?|accusations?|charges?|accounts?|assertions?|"
    r"stor(?:y|ies))|it|this|that|them)\s*(?:$|[,;.]|\s+as\b)", re.IGNORECASE)


def _link_back(denial: ClaimFinding, earlier: list[ClaimFinding]) -> None:
    """"A said boats attacked two destroyers. … B denied that its boats had attacked the
    destroyers": a denial whose own event (not actual, from "denied that") has the type of
    an actual event another side told a few sentences before answers that event.

    A denial with no event of its own whose content only points back ("B denied the
    report", "B rejected the accusation") answers the last claim of another side, a few
    sentences before, that tells an actual event."""
    own = denial.about
    if own is None:
        if denial.content is not None and _POINTS_BACK.match(denial.content.text):
            _answer_last_claim(denial, earlier)
        return
    if own.factuality == factuality.ACTUAL:
        return
    if denial.content is not None and INVOLVEMENT.match(denial.content.text):
        return  # "Libya denied any role in the discotheque bombing": that bombing, no other
    for told_by in reversed(earlier):
        told = told_by.about
        if told_by.sentence.start < denial.sentence.start - _DENIAL_REACH:
            return
        if (told is not None and told is not own and told.factuality == factuality.ACTUAL
                and told.type == own.type and told_by.stance != "denies"
                and told_by.claimant != denial.claimant
                and _same_day_or_undated(told, own)):
            denial.about = told
            return


def _answer_last_claim(denial: ClaimFinding, earlier: list[ClaimFinding]) -> None:
    for told_by in reversed(earlier):
        if told_by.sentence.start < denial.sentence.start - _DENIAL_REACH:
            return
        if told_by.claimant == denial.claimant or told_by.stance == "denies":
            continue
        told = told_by.about
        if told is not None and told.factuality == factuality.ACTUAL:
            denial.about = told
        return  # the last claim of another side is the one pointed at, told or not


def mark_reported_only(events: Iterable[EventFinding], claims: list[ClaimFinding],
                       finder: EntityFinder | None = None) -> None:
    """Set ``reportedOnly`` on actual events that only contested or hedged claims assert.

    A denial by a side that itself asserts the event ("Moscow said Syria downed
    the plane"; Putin: "Israel didn't shoot our plane down") disputes a detail
    (who did it), not that it happened: it does not contest the event.
    """
    regions = [(c, r) for c in claims for r in (c.quote, c.content) if r is not None]

    def side(claimant: str | None) -> str | None:
        if claimant is None or finder is None:
            return claimant
        return finder.state_of(claimant) or claimant

    for event in events:
        if event.factuality != factuality.ACTUAL:
            continue
        # a later definite mention in the document's own voice names the event, it does not
        # tell it ("The raids, which B called a fabrication, were welcomed"): not counted
        holders = [h for trigger, _s in event.triggers
                   if (h := _claim_holding(trigger, regions)) is not None
                   or trigger not in event.anaphors]
        if not holders or any(h is None for h in holders):
            continue  # the document's own voice mentions it
        asserting = {side(h.claimant) for h in holders if h is not None and h.stance != "denies"}
        denied = any(c.stance == "denies" and c.about is event
                     and (c.claimant is None or side(c.claimant) not in asserting)
                     for c in claims)
        hedged = any(h is not None and factuality.is_hedged_verb(h.verb.text) for h in holders)
        if denied or hedged:
            event.factuality = factuality.REPORTED_ONLY
    for event in events:
        if event.factuality == factuality.REPORTED_ONLY and _only_denied(event, claims, regions):
            event.factuality = "negated"


# Between a denial's verb and its content: a saying of others that the denial answers
# ("denied reports that", "rejected claims that"): the event is asserted by them, reported only.
_ASSERTED = re.compile(r"\b(?:reports?|claims?|allegations?|accusations?|suggestions?|"
                       r"charges?|rumou?rs?|stor(?:y|ies)|accounts?|assertions?)\b", re.IGNORECASE)
# Between the content's start and the trigger: a phrase that makes the trigger a circumstance
# of the denied act ("denied that civilians were killed in the raid"), not the act denied.
_CIRCUMSTANCE = re.compile(r"\b(?:in|at|on|during|after|before|near|of|from|by|since|amid|"
                           r"involvement|role|responsibility|knowledge|links?)\b", re.IGNORECASE)


def _only_denied(event: EventFinding, claims: list[ClaimFinding],
                 regions: list[tuple[ClaimFinding, Span]]) -> bool:
    """"Washington denied that it had sent troops into the region": the deed is the denial's
    own content and nobody in the document asserts it (no other claim holds or is about it,
    no earlier claim the denial answers): presented as not done, ``negated``.  "denied
    reports that …" (others assert it) and "denied involvement in the attack" stay reported
    only."""
    if any(c.about is event and c.stance != "denies" for c in claims):
        return False
    for trigger, _s in event.triggers:
        holder = _claim_holding(trigger, regions)
        if holder is None or holder.stance != "denies" or holder.content is None \
                or (holder.about is not None and holder.about is not event):
            return False
        opening = holder.sentence.text[holder.verb.end - holder.sentence.start:
                                       holder.content.start - holder.sentence.start]
        lead = holder.content.text[: max(0, trigger.start - holder.content.start)]
        if _ASSERTED.search(opening) or _CIRCUMSTANCE.search(lead) or len(lead.split()) > 6:
            return False
    return True


def _same_day_or_undated(a: EventFinding, b: EventFinding) -> bool:
    day_a, day_b = (e.date.value if e.date else None for e in (a, b))
    return day_a is None or day_b is None or day_a == day_b


def _claim_holding(trigger: Span, regions: list[tuple[ClaimFinding, Span]]) -> ClaimFinding | None:
    for claim, region in regions:
        if region.start <= trigger.start and trigger.end <= region.end:
            return claim
    return None


def drop_denied_agents(events: Iterable[EventFinding], claims: list[ClaimFinding],
                       finder: EntityFinder, refs: Iterable[Ref] = ()) -> None:
    """"A accused B of the attack; B denied": B is no agent of the (actual) attack.

    An agent named only inside claims' words, whose own side denies something in the
    document, stays the accuser's allegation (the claims carry it), not a fact.
    """
    regions = [(c, r) for c in claims for r in (c.quote, c.content) if r is not None]
    refs = list(refs)
    # the speakers of the claims that are not denials (the same for every event)
    speakers = [c.verb.start for c in claims if c.stance != "denies"]
    for event in events:
        if not event.agents:
            continue  # nothing to clear
        # only a denial of this event (or of no event in particular, answering an
        # allegation) clears its agent: "B denied firing on civilians" does not clear B
        # of the shelling A reports
        denials = [c for c in claims if _denial(c) and c.claimant is not None
                   and (c.about is event or (c.about is None and _answers_allegation(c)))]
        denying = {finder.state_of(c.claimant or "") or c.claimant for c in denials}
        # "B's spokesman denied that B was involved": who the denial speaks for
        denied_regions = [r for c in denials for r in (c.quote, c.content) if r is not None]
        # ... but not the speaker of another claim quoted inside ("X said ..., which B denied")
        if denied_regions:
            denying |= {finder.state_of(ref.entity) or ref.entity for ref in refs
                        if any(r.start <= ref.start < r.end for r in denied_regions)
                        and not any(0 <= v - ref.end <= 25 for v in speakers)}
        for agent in list(event.agents):
            spans = event.agent_sources.get(agent, [])
            if not spans or any(_claim_holding(t, regions) is None for t in spans):
                continue  # the document's own voice names this agent
            side = finder.state_of(agent) or agent
            if side in denying and not _told_by_own_side(spans, regions, side, finder):
                event.agents.remove(agent)


# Words of a denial that answer an allegation or deny a part ("denied involvement",
# "denied it", "rejected the accusation", "denied that it was behind"), not a deed of
# its own ("denied that its personnel had used weapons"): only those clear agents.
_ALLEGATION = re.compile(r"\b(?:involv\w*|role|responsib\w*|behind|part|hand|links?|"
                         r"connection|complicity|knowledge|carried\s+out|reports?|claims?|"
                         r"allegations?|accusations?|charges?|accounts?)\b", re.IGNORECASE)
_PRONOUN_ONLY = re.compile(r"\s*(?:it|this|that|them)\s*[,.;]?\s*", re.IGNORECASE)


# "X said its army had not been involved": a saying that denies a part
_NO_PART = re.compile(r"\b(?:(?:not|never)\s+(?:been\s+)?(?:involved|behind)|"
                      r"\bno\s+(?:part|role|involvement)\b)", re.IGNORECASE)


def _denial(claim: ClaimFinding) -> bool:
    return claim.stance == "denies" or (claim.content is not None
                                        and _NO_PART.search(claim.content.text) is not None)


def _answers_allegation(denial: ClaimFinding) -> bool:
    """A denial of no event in particular: bare ("B denied") or answering an allegation."""
    if denial.content is None or _PRONOUN_ONLY.fullmatch(denial.content.text):
        return True
    opening = denial.sentence.text[denial.verb.end - denial.sentence.start:
                                   denial.content.start - denial.sentence.start]
    return bool(_ALLEGATION.search(opening) or _ALLEGATION.search(denial.content.text))


def _told_by_own_side(spans: list[Span], regions: list[tuple[ClaimFinding, Span]],
                      side: str, finder: EntityFinder) -> bool:
    """"X's fighters struck the camp, X said": the side tells its own deed; no denial
    of another thing by that side takes the deed from it."""
    holders = [_claim_holding(t, regions) for t in spans]
    return all(h is not None and h.claimant is not None and h.stance != "denies"
               and (finder.state_of(h.claimant) or h.claimant) == side for h in holders)
