"""Claims from reporting and attribution verbs: who said what, with which stance, about whom.

A reporting verb outside quotation marks opens a claim.  Its claimant is the
agent right after a closing quote (``,” the IDF said``), the agent after an
inverted verb (``said Maj. Gen. …``), the subject of a coordinated verb
(``blamed Israel … and said``), or else the nearest agent before the verb.
Stance words inside the content ("holds X responsible", "X was responsible",
"fault rests with X", "irresponsible actions of X") sharpen the stance and name
the target.  Claims are content, never facts of the graph.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from conflict_kg.ingest.analysis import Sentence
from conflict_kg.ingest.clauses import asides
from conflict_kg.ingest.dates import DateMention
from conflict_kg.ingest.entities import EntityFinder, Ref
from conflict_kg.ingest.events import EventFinding
from conflict_kg.ingest.lexicon import NOT_NAMES
from conflict_kg.ingest.prefilter import Prefiltered, prefiltered
from conflict_kg.ingest.text import Span

ATTRIBUTION_FILE = Path(__file__).resolve().parent / "attribution.toml"


@dataclass(frozen=True)
class Attribution:
    """The attribution cues of ``attribution.toml``: reporting verbs by stance, the words
    that say nothing was said, and the words that tell a speaker's name from a title."""

    stances: tuple[str, ...]
    verb_re: Prefiltered
    negated_before: re.Pattern[str]
    negated_after: re.Pattern[str]
    adjective_before: re.Pattern[str]
    title_words: frozenset[str]
    organisation_words: frozenset[str]
    not_for_the_state: re.Pattern[str]
    relays: re.Pattern[str]
    claim_not_speech_before: re.Pattern[str]
    claim_not_speech_after: re.Pattern[str]
    claim_verbs: frozenset[str]
    relative_speech_before: re.Pattern[str]


@lru_cache(maxsize=1)
def attribution() -> Attribution:
    """The cue file, read once on first use (never at import time)."""
    data = tomllib.loads(ATTRIBUTION_FILE.read_text(encoding="utf-8"))
    stances = tuple(data["stances"]["order"])
    verbs = [data["stances"][stance] for stance in stances]
    speech, speakers = data["speech"], data["speakers"]
    return Attribution(
        stances,
        prefiltered(r"\b(?:" + "|".join(f"(?P<v{i}>{p})" for i, p in enumerate(verbs))
                    + r")\b", re.IGNORECASE),
        re.compile(speech["negated_before"], re.IGNORECASE),
        re.compile(speech["negated_after"], re.IGNORECASE),
        re.compile(speech["adjective_before"], re.IGNORECASE),
        frozenset(w.lower() for w in speakers["title_words"]),
        frozenset(w.lower() for w in speakers["organisation_words"]),
        re.compile(r"\s+(?:[a-z][\w-]*\s+){0,2}?(?:"
                   + "|".join(re.escape(w) for w in speakers["not_for_the_state"]) + r")\b"),
        re.compile(r"\s+(?:" + "|".join(re.escape(w) for w in speakers["relays"]) + r")\b",
                   re.IGNORECASE),
        re.compile(speech["claim_not_speech_before"], re.IGNORECASE),
        re.compile(speech["claim_not_speech_after"], re.IGNORECASE),
        frozenset(w.lower() for w in speech["claim_verbs"]),
        re.compile(speech["relative_speech_before"], re.IGNORECASE),
    )


# A saying with its own content inside the clause before ", which B denied": "troops clashed
# after Djibouti said Eritrean soldiers had crossed into its territory, which Asmara denied"
_SAID_WITH_CONTENT = re.compile(
    r"\b(?:said|says|claimed|claims|alleged|alleges|reported|insisted|insists|stated|announced)"
    r"\s+(?=that\b|(?:the|its|their|his|her|an?)\s|(?-i:[A-Z]))(?:that\s+)?", re.IGNORECASE)


def _inner_saying_end(s: Sentence, comma: int, before: str) -> int:
    """Where the content of a relative denial (", which B denied") starts: after the last
    saying with its own content before the comma, which is what B answers; else the sentence
    start ("C, which B denied")."""
    if not attribution().relative_speech_before.search(before):
        return s.start
    said = list(_SAID_WITH_CONTENT.finditer(s.text_between(s.start, comma)))
    return s.start + said[-1].end() if said else s.start


# a passive saying: "was (flatly) denied by", "has been rejected by"
_PASSIVE_SAYING_BY = re.compile(r"(?:\s+(?:on|in|at|late|early|last)(?:\s+[\w’'-]+){1,2}?)?"
                                r"\s+(?P<by>by)\s+", re.IGNORECASE)
_BE_BEFORE_SAYING = re.compile(r"\b(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+"
                               r"(?:\w+ly\s+|also\s+|since\s+|later\s+)?$", re.IGNORECASE)


def _stance(m: re.Match[str]) -> str:
    return attribution().stances[int((m.lastgroup or "v0")[1:])]


# Speakers whose own radio, television or agency speak for them (the state, its
# government and its bodies, by name, demonym or capital).
_VOICED_BY_MEDIA = ("State", "GovernmentOrganisation", "ArmedForce")
_QUOTE = prefiltered(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’(?!\w)")
_COORDINATED = re.compile(r"(?:\band|\bbut|,)\s*(?:also\s+|then\s+)?$|^\s*$")
_PARTICIPLE = re.compile(r"^(?:adding|saying|noting)$", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:he|she)\s+$", re.IGNORECASE)
_RESPONSIBLE = re.compile(r"\b(?:was|were|is|are|be|been)\s+(?:\w+\s+){0,2}?"
                          r"(?:responsible|accountable|to\s+blame)\b", re.IGNORECASE)
_HOLDS = re.compile(r"\bhol(?:d|ds|ding|held)\b[^.;]*?\b(?:responsible|accountable)\b",
                    re.IGNORECASE)
_FAULT = re.compile(r"\bfault\b[^.;]*?\brests?\b[^.;]*?\bwith\b", re.IGNORECASE)
_IRRESPONSIBLE = re.compile(r"\birresponsible\s+(?:actions?|conduct|behaviou?r)\s+of\b|"
                            r"\bactions\s+of\b[^.;]{0,60}\bas\s+irresponsible\b", re.IGNORECASE)
_TAIL = re.compile(r"^\s*(?:[.,]|$|in\s+a\s+statement|at\s+a\s+press\s+conference|on\s+"
                   r"twitter|according\s+to|(?:\w+\s+){0,3}\w*[.”\"]*\s*$)", re.IGNORECASE)
_NEGATED_ACT = re.compile(
    r"\b(?:didn['’]t|did\s+not|never|has\s+not|have\s+not|had\s+not|was\s+not|were\s+not)"
    r"\s+(?:\w+\s+)?(?:shoot|shot|strike|struck|attack|attacked|fire|fired|kill|killed|target|"
    r"targeted|violate|violated|enter|entered|bomb|bombed|use|used|hit)\b"
    # "insisted that no missile struck the aircraft", "no shots were fired at them"; not a
    # toll ("no one was killed" is a figure, not the rejection of an act)
    r"|\bno\s+(?:[\w-]+\s+){0,2}?(?:was\s+|were\s+|had\s+been\s+|has\s+been\s+)?"
    r"(?:shot|struck|hit|fired|attacked|targeted|bombed|entered|crossed)\b", re.IGNORECASE)
# "said it was not true that its soldiers had shelled the school" (round 13): the words
# between the reporting verb and the content reject the act, as a denial does
_NOT_TRUE = re.compile(
    r"\b(?:is|was|were|are)\s+(?:not|n['’]t)\s+true\s+that\s*$"
    r"|\b(?:is|was|were|are)\s+(?:untrue|false|a\s+lie|a\s+fabrication)\s+that\s*$",
    re.IGNORECASE)
_CERTAINTY = (
    (prefiltered(r"\bno\s+doubt\b", re.IGNORECASE), "certain"),
    (prefiltered(r"\b(?:his|her|their|our)\s+understanding\b|\bbelieved\b|\blikely\b",
                re.IGNORECASE), "probable"),
    (prefiltered(r"\bpreliminary\b", re.IGNORECASE), "preliminary"),
    (prefiltered(r"\b(?:may|might|could|possibly)\b", re.IGNORECASE), "possible"),
)
_CAP_WORD = (r"(?:(?:al|el|bin|ibn|van|von|de|da|di|du|abu|ben)[\s-])?"
             r"[A-Z\u00C0-\u00D6\u00D8-\u00DE][\w'’.-]*")
_NAME_RUN = rf"{_CAP_WORD}(?:\s+{_CAP_WORD})*"
# A name right before the verb ("... Ana Ruiz said", "..., Ana Ruiz, condemned")
# "Ana Ruiz said", "Ana Ruiz had insisted", "Ana Ruiz has repeatedly denied"
_NAME_RUN_BEFORE = re.compile(
    rf"(?<![\w'’.-])(?P<run>{_NAME_RUN}),?\s*(?:(?:has|have|had)\s+)?"
    r"(?:(?:also|later|then|again|separately|earlier|repeatedly|publicly|previously|firmly|"
    r"strongly|flatly|categorically|consistently|already)\s+)?$")
_RELATIVE_ASIDE = re.compile(r",\s+(?:who|whom|whose|which)\b", re.IGNORECASE)


def _before_relative_aside(s: Sentence, position: int) -> int:
    """Where a comma-enclosed relative clause ending right before ``position`` begins
    (``position`` itself when there is none)."""
    text = s.text_between(s.start, position)
    for begin, end in asides(text):
        if _RELATIVE_ASIDE.match(text, begin) and not text[end:].strip(" ,"):
            return s.start + begin
    return position


_NAME_RUN_AFTER = re.compile(rf"\s+(?P<run>{_NAME_RUN})")
# "X, an adviser to President Y, said": the head of the subject before its apposition
_APPOSITION_SUBJECT = re.compile(
    r"^\s*(?P<head>[^,“”\"]+?),\s+(?:a|an|the|his|her|its|their|whose|which|who|"
    r"(?:led|headed|backed|commanded|supported|based|known)\s+(?:by|in|as)|"
    r"[A-Z][\w.-]*['’]s)\s"
    r"[^,“”\"]*,\s*$")
_IT = re.compile(r"^\s*(?:it|they)\s+(?:also\s+|later\s+|then\s+)?$", re.IGNORECASE)
# "said (on Friday / in a statement carried by ...) that C"
_THAT = re.compile(r"\s+(?:(?:in|on|at|during|after|via|through|to)\s+(?:[\w’'.-]+\s+){1,11}?"
                   r"|(?:[\w’'.-]+\s+){0,7}?)that\s+")
_THAT_CONTENT = re.compile(_THAT.pattern + r"(?P<c>.+?)[.”\"]*$")
# "said (on Friday) C": a date or a setting of the saying is not part of C
_PLAIN_CONTENT = re.compile(
    r"\s+(?:(?:late\s+|early\s+)?on\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|yesterday|today|tonight|(?:last|this)\s+(?:week|month|year|morning|"
    r"evening|night))(?:\s+(?:morning|afternoon|evening|night))?,?\s+)?"
    r"(?:in\s+an?\s+(?:statement|interview|speech|televised\s+address)\s*,?\s+)?(?P<c>.+?)[.”\"]*$",
    re.IGNORECASE)
_TOLD = re.compile(r"(?:told|tells?)\b", re.IGNORECASE)
_TOLD_WHOM = re.compile(r"\s+(?:reporters|journalists|the\s+press|lawmakers|parliament|"
                        r"the\s+(?:parliament|senate|assembly|crowd|meeting))\b", re.IGNORECASE)
_IT_AFTER_AND = re.compile(r"(?:,\s*|\s)(?:and|but)\s+(?:it|they)\s+(?:also\s+|then\s+)?$",
                           re.IGNORECASE)
# "..., and the junta said": a new clause whose subject is a common noun
_NEW_SUBJECT = re.compile(r"(?:,\s*|\s)(?:and|but|while|whereas)\s+(?:the|a|an)\s+"
                          r"(?:[a-z][\w-]*\s+){1,3}$")
# what may follow "C, X said": its date, then a comma or the end
_AFTER_SAYING = re.compile(r"\s*(?:(?:late\s+|early\s+)?on\s+\w+\s*|(?:last|this)\s+\w+\s*)?"
                           r"(?:,|[.”\"]*\s*$)")
# a date the sentence opens with: "On Monday Ana Ruiz said"
_OPENING_DATE = re.compile(r"\s*(?:(?:late|early)\s+)?(?:on\s+)?", re.IGNORECASE)
# between a reporting verb and the date of saying: "said on", "told reporters on"
_DATE_AFTER_VERB = re.compile(r"[^,;:“”\"]{0,40}")
_ACCORDING_TO = prefiltered(r"\baccording\s+to\s+(?:a\s+|an\s+|the\s+)?", re.IGNORECASE)
_ABOUT_WORDS = prefiltered(r"\b(?:incident|tragedy|downing|loss|crash|attack|strike|situation)\b",
                          re.IGNORECASE)


@dataclass
class ClaimFinding:
    verb: Span
    sentence: Span
    stance: str
    claimant: str | None
    targets: list[str] = field(default_factory=list)
    addressee: str | None = None
    reported_by: str | None = None
    quote: Span | None = None
    content: Span | None = None
    about: EventFinding | None = None
    certainty: str | None = None
    date: DateMention | None = None


class ClaimFinder:
    def __init__(self, finder: EntityFinder, text: str = "") -> None:
        self.finder = finder
        self.text = text  # the whole document: quotations may run over several sentences
        self.claims: list[ClaimFinding] = []
        self._last_claimant: str | None = None
        self._last_claim_sentence = -1  # where the sentence of the last claim starts
        self._previous_sentence = -1
        self._this_sentence = -1
        self._said_by: Span | None = None
        self._passive_subject: Span | None = None  # what a passive saying was about
        self._open_quote: int | None = None  # where an unclosed “ began

    def _quotes(self, s: Sentence) -> list[Span]:
        """Quotations in the sentence, including one that opened in an earlier sentence."""
        quotes = [s.local(m) for m in _QUOTE.finditer(s.span.text)]
        opening = s.span.text.rfind("“")
        closing = s.span.text.find("”")
        if self._open_quote is not None and self.text and closing >= 0 and (
                opening < 0 or closing < opening):
            end = s.start + closing + 1
            quotes.insert(0, Span(self._open_quote, end, self.text[self._open_quote:end]))
            self._open_quote = None
        if opening > s.span.text.rfind("”"):
            self._open_quote = s.start + opening  # runs on into the next sentence
        return quotes

    def sentence(self, s: Sentence, events: list[EventFinding],
                 lead: EventFinding | None) -> list[ClaimFinding]:
        quotes = self._quotes(s)
        self._previous_sentence, self._this_sentence = self._this_sentence, s.start
        found: list[ClaimFinding] = []
        according = self._according_to(s)
        for m in attribution().verb_re.finditer(s.span.text):
            verb = s.local(m)
            if any(q.start <= verb.start < q.end for q in quotes):
                continue
            if any(c.content is not None and c.content.start <= verb.start < c.content.end
                   for c in found):
                continue  # "said Israel holds Iran responsible": one claim, its stance sharpened
            stance = _stance(m)
            if not _said(s.span.text, m):
                continue  # "has not said", "declined to comment", "the disputed border"
            if stance == "says" and m.group().lower().startswith("according"):
                continue
            if stance == "holdsResponsible" and not _HOLDS.match(s.span.text, m.start()):
                continue
            if stance == "expressesRegret" and not re.match(
                    r"\s+[“\"‘]?(?:sorrow|regret|condolences|sympathy)", s.span.text[m.end():]):
                stance = "says"
            if stance == "describes" and not re.match(r"\s+(?:it|the|this|that|his|her|\w+)\b",
                                                      s.span.text[m.end():]):
                continue
            claim = ClaimFinding(verb, s.span, stance, None)
            claim.claimant = self._claimant(s, verb, quotes, found)
            if claim.claimant is None and according is not None:
                claim.claimant, according = according.entity, None
            if claim.claimant is None:
                continue
            addressee = self._addressee(s, claim)
            claim.quote, claim.content = self._content(s, verb, quotes, addressee)
            if self._passive_subject is not None:
                # "That was denied by X": what X denied is the subject, never the "by" phrase
                subject, self._passive_subject = self._passive_subject, None
                blank = len(subject.text) - len(subject.text.lstrip())
                claim.quote, claim.content = None, s.slice(
                    subject.start + blank, subject.start + len(subject.text.rstrip()))
            if claim.content is not None:
                # 'said the emergency was needed "to protect civilians"': the quoted words too
                claim.quote = next((q for q in quotes if claim.content.start <= q.start
                                    < claim.content.end), None)
            later_verbs = attribution().verb_re.finditer(s.span.text, m.end())
            following = next((v.start() for v in later_verbs
                              if not any(q.start <= s.start + v.start() < q.end for q in quotes)),
                             len(s.span.text))
            scope = claim.content or s.slice(verb.end, s.start + following)
            self._targets(s, claim, scope)
            claim.about = self._about(s, claim, events, lead)
            claim.certainty = next((c for p, c in _CERTAINTY if p.search(s.span.text)), None)
            claim.date = _date_of_saying(s, claim)
            if according is not None and according.entity != claim.claimant:
                claim.reported_by = according.entity
            found.append(claim)
        if not found and according is not None:
            relayed = self._according_claim(s, according, events, lead)
            if relayed is not None:
                found.append(relayed)
        if found:
            self._last_claimant = found[-1].claimant
            self._last_claim_sentence = s.start
        self.claims.extend(found)
        return found

    def _according_claim(self, s: Sentence, source: Ref, events: list[EventFinding],
                         lead: EventFinding | None) -> ClaimFinding | None:
        """"According to X, C." / "C, according to X.": X's claim, when no reporting verb
        of the sentence makes one.  A news organisation only relays (no claim of its own)."""
        if self.finder.is_a(source.entity, "NewsOrganisation"):
            return None
        m = _ACCORDING_TO.search(s.span.text)
        if m is None:
            return None
        phrase = s.local(m)
        before = s.text_between(s.start, phrase.start)
        if not before.strip():
            comma = s.text_between(source.end, s.span.end).find(",")
            if comma < 0:
                return None
            content = s.slice(source.end + comma + 1, s.span.end)
        elif before.rstrip().endswith(","):
            content = s.slice(s.start, s.start + before.rstrip().rfind(","))
        else:
            return None
        text = content.text.strip().rstrip(".”\"")
        if not text:
            return None
        start = content.start + content.text.find(text)
        content = s.slice(start, start + len(text))
        claim = ClaimFinding(s.slice(phrase.start, phrase.start + len("according to")), s.span,
                             "says", source.entity, content=content)
        claim.about = self._about(s, claim, events, lead)
        claim.certainty = next((c for p, c in _CERTAINTY if p.search(s.span.text)), None)
        claim.date = _date_of_saying(s, claim)
        return claim

    def _according_to(self, s: Sentence) -> Ref | None:
        m = _ACCORDING_TO.search(s.span.text)
        if m is None:
            return None
        return s.agent_after(self.finder, s.start + m.end(), window=40)

    def _claimant(self, s: Sentence, verb: Span, quotes: list[Span],
                  earlier: list[ClaimFinding]) -> str | None:
        self._said_by = None  # where the text names the speaker, when it does
        self._passive_subject = None
        text_before = s.text_between(s.start, verb.start)
        by = _PASSIVE_SAYING_BY.match(s.text_between(verb.end, min(s.span.end, verb.end + 40)))
        be = _BE_BEFORE_SAYING.search(text_before)
        if by is not None and be is not None:
            self._passive_subject = s.slice(s.start, s.start + be.start()) \
                if text_before[:be.start()].strip() else None
            # "That was flatly denied by a spokesman for X": the "by" phrase speaks; never
            # the subject (what was denied) nor anyone before it
            at = verb.end + by.end("by")  # right after "by" (a name run needs its space)
            return self._agent_after(s, at) or self._by_phrase_agent(s, at)
        # ,” the IDF said   /   ,” said Maj. Gen. Igor Konashenkov
        closing = next((q for q in reversed(quotes) if q.end <= verb.start
                        and len(s.text_between(q.end, verb.start)) < 40
                        and (re.search(r"[,.?!]\s*[”\"’]$", q.text)
                             or s.text_between(q.end, verb.start).lstrip().startswith(","))
                        and not re.search(r"\b(?:and|but)\b", s.text_between(q.end, verb.start))),
                       None)
        if closing is not None:
            if _PRONOUN.search(s.text_between(closing.end, verb.start)):
                # ,” he wrote: the person who spoke or was named last, never an agent after
                # the verb
                return self._he(s, verb.start, earlier)
            between = [a for a in s.agents(self.finder) if closing.end <= a.start < verb.start]
            name = self._name_before(s, closing.end, verb.start)
            if name is not None and (not between or name.start >= between[-1].end):
                return self._mint(s, name)
            if between:
                return self._speaker(between[-1])
            speaker = self._agent_after(s, verb.end)
            if speaker is not None:
                return speaker
        # "..., Moscow said." / "..., said X"
        after_verb = s.text_between(verb.end, s.span.end)
        tail = re.match(r"^\s*(?:,\s*)?$", after_verb.rstrip(".”\"")) or (
            _AFTER_SAYING.match(after_verb) and not _PARTICIPLE.match(verb.text))
        if re.search(r",\s*$", text_before) or tail:
            name = self._name_after(s, verb.end)
            if name is not None and re.match(r"^\s*(?:,|\.?$)",
                                             s.text_between(name.end, s.span.end)):
                return self._mint(s, name)
            inverted = s.agent_after(self.finder, verb.end, window=30)
            if inverted is not None and re.match(r"^,", s.text_between(inverted.end, s.span.end)
                                                 or ","):
                return self._speaker(inverted)
        # coordinated verbs share the subject: "blamed Israel ... and said"
        if earlier and (_PARTICIPLE.match(verb.text) or _COORDINATED.search(
                s.text_between(earlier[-1].verb.end, verb.start)[-12:]
                if earlier[-1].verb.end <= verb.start else "x")):
            gap = s.text_between(earlier[-1].verb.end, verb.start)
            if _PARTICIPLE.match(verb.text) or re.search(r"(?:\band|\bbut|,)\s*(?:also\s+)?$",
                                                         gap):
                return earlier[-1].claimant
        if _PRONOUN.search(text_before[-8:]):
            return self._he(s, verb.start, earlier)
        if _IT.match(text_before):
            # "It warned that ...": the body (not a person) that spoke last
            last = self._last_claimant
            return last if last is not None and not self.finder.is_a(last, "Person") else None
        first = self._sentence_subject(s)
        if _IT_AFTER_AND.search(text_before):
            # "The bloc gave the officers a week, and it warned ...": the sentence's subject
            opening = self._sentence_subject(s, within=40)
            if opening is not None and not self.finder.is_a(opening.entity, "Person"):
                return self._speaker(opening)
            return None
        new_subject = _NEW_SUBJECT.search(text_before)
        if new_subject is not None and not any(
                s.start + new_subject.start() < a.end <= verb.start
                for a in s.agents(self.finder)):
            return None  # "..., and the junta said": a speaker no entity stands for
        if _PARTICIPLE.match(verb.text) and not earlier and first is not None:
            return self._speaker(first)  # "The M23 mutinied in April, saying ..."
        # "X, who was visiting Delhi when ..., rejected": the speaker stands before the
        # relative clause, never inside it
        verb_at = _before_relative_aside(s, verb.start)
        if verb_at != verb.start:
            text_before = s.text_between(s.start, verb_at) + ", "
        name = self._name_before(s, s.start, verb_at)
        if tail:
            # "C, the army spokesman said.": the speaker is between the last comma and the
            # verb, never an agent named inside C; nobody there, no claimant.
            comma = text_before.rfind(",")
            if 0 <= comma and len(text_before) - comma < 80:
                speakers = [a for a in s.agents(self.finder)
                            if s.start + comma < a.start and a.end <= verb.start]
                if name is not None and s.start + comma < name.start and (
                        not speakers or name.start >= speakers[-1].end):
                    return self._mint(s, name)
                return self._speaker(speakers[-1]) if speakers else None
        head = _APPOSITION_SUBJECT.match(text_before)
        if head is not None:
            # "X, an adviser to President Y, blamed ...", "X, whose company Y runs the ship,
            # condemned ...", "X, led by Y, blamed ...": X speaks, not Y
            end = s.start + head.end("head")
            inside = [a for a in s.agents(self.finder) if a.end <= end]
            head_name = self._name_before(s, s.start, end)
            if head_name is not None and (not inside or head_name.start >= inside[-1].end):
                return self._mint(s, head_name)
            if inside:
                return self._speaker(inside[-1])
        subject = s.agent_before(self.finder, verb_at, window=140, stop_at_clause=False)
        if name is not None and (subject is None or name.start >= subject.end):
            return self._mint(s, name)
        if subject is not None:
            return self._speaker(subject)
        if _PARTICIPLE.match(verb.text) and earlier:
            return earlier[-1].claimant
        return None

    def _sentence_subject(self, s: Sentence, within: int = 0) -> Ref | None:
        """The agent the sentence opens with (after an article), or with ``within``, the
        first agent in that many characters ("The regional bloc, known as ECOWAS, ...")."""
        agents = s.agents(self.finder)
        if not agents:
            return None
        opening = s.text_between(s.start, agents[0].start)
        if re.fullmatch(r"\s*(?:the\s+)?", opening, re.IGNORECASE) or (
                len(opening) < within and not re.search(r"[;:“\"]", opening)):
            return agents[0]
        return None

    def _he(self, s: Sentence, position: int, earlier: list[ClaimFinding]) -> str | None:
        """"he"/"she": a person named earlier in this sentence, else the person who spoke
        in the sentence before (the subject of the reporting, not a person named in an
        apposition), else the person named last."""
        if any(s.start <= a.start < position and self.finder.is_a(a.entity, "Person")
               for a in s.agents(self.finder)):
            return self.finder.last_person_before(position)
        speaker = earlier[-1].claimant if earlier else (
            self._last_claimant if self._last_claim_sentence == self._previous_sentence
            else None)
        if speaker is not None and self.finder.is_a(speaker, "Person"):
            return speaker
        return self.finder.last_person_before(position)

    def _speaker(self, ref: Ref) -> str | None:
        """The agent a mention of the speaker stands for: not the state of a demonym that
        only qualifies another speaker ("Indian television channels reported")."""
        following = self.text[ref.end: ref.end + 40] if self.text else ""
        if ref.how == "demonym" and (attribution().not_for_the_state.match(following)
                                     or re.match(r"\s+[A-Z][a-z]", following)):
            return None  # ... or part of a name ("the Syrian Observatory for Human Rights")
        if self.finder.is_a(ref.entity, "NewsOrganisation") or (
                attribution().relays.match(following)
                and not any(self.finder.is_a(ref.entity, c) for c in _VOICED_BY_MEDIA)):
            # A news medium relays ("the KCNA news agency said", "a BBC reporter said"):
            # no claimant.  A state's own media speak for it ("Pyongyang radio claimed").
            return None
        self._said_by = ref.span
        return ref.entity

    def _by_phrase_agent(self, s: Sentence, position: int) -> str | None:
        """The known agent of a "by" phrase: "by a spokesman for the group", "by officials
        of X" (the body the spokesman speaks for), up to the phrase's first comma."""
        rest = s.text_between(position, s.span.end)
        end = position + (re.search(r"[,;:.]|$", rest).start())  # type: ignore[union-attr]
        ref = s.agent_after(self.finder, position, window=end - position)
        return self._speaker(ref) if ref is not None and ref.end <= end else None

    def _agent_after(self, s: Sentence, position: int) -> str | None:
        """After an inverted verb: a known agent, or a person's name nobody knows yet."""
        after = s.agent_after(self.finder, position, window=30)
        name = self._name_after(s, position)
        if name is not None and (after is None or name.end <= after.start):
            return self._mint(s, name)
        return self._speaker(after) if after is not None else None

    def _name_before(self, s: Sentence, start: int, end: int) -> Span | None:
        """The speaker's name that ends right before a reporting verb at ``end``."""
        m = _NAME_RUN_BEFORE.search(s.text_between(start, end))
        return self._name_in(s, s.slice(start + m.start("run"), start + m.end("run"))) \
            if m is not None else None

    def _name_after(self, s: Sentence, position: int) -> Span | None:
        """The speaker's name right after an inverted verb ("said Ana Ruiz, ...")."""
        m = _NAME_RUN_AFTER.match(s.text_between(position, s.span.end))
        return self._name_in(s, s.slice(position + m.start("run"), position + m.end("run"))) \
            if m is not None else None

    def _name_in(self, s: Sentence, run: Span) -> Span | None:
        """A person's name in a run of capitalised words: the words after the last title
        word ("Justice Minister Ana Ruiz"); none when an organisation word, an acronym or
        a known entity is part of it."""
        cues = attribution()
        words = list(re.finditer(r"\S+", run.text))
        titles = [i for i, w in enumerate(words)
                  if w.group().lower().rstrip(".,") in cues.title_words]
        words = words[titles[-1] + 1:] if titles else words
        if not 2 <= len(words) <= 4 or words[0].group() in NOT_NAMES:
            return None
        for w in words:
            word = w.group()
            if (word.lower().rstrip(".,") in cues.organisation_words
                    or re.search(r"['’]s?$", word) or (len(word) > 1 and word.isupper())):
                return None
        name = s.slice(run.start + words[0].start(), run.start + words[-1].end())
        if any(r.start < name.end and name.start < r.end for r in s.refs):
            return None
        return name

    def _mint(self, s: Sentence, name: Span) -> str:
        ref = self.finder.speaker(name)
        s.add_ref(ref)
        self._said_by = name
        return ref.entity

    def _content(self, s: Sentence, verb: Span, quotes: list[Span],
                 addressee: Ref | None = None) -> tuple[Span | None, Span | None]:
        rest = s.text_between(verb.end, s.span.end)
        that = _THAT.match(rest)
        after_quote = next((q for q in quotes if 0 <= q.start - verb.end <= 40), None)
        before_quote = next((q for q in reversed(quotes) if 0 <= verb.start - q.end <= 40), None)
        said_by = self._said_by
        if before_quote is None and said_by is not None:
            # '"...," Col. X, a spokesman for the junta, said': the speaker after the quote
            before_quote = next((q for q in reversed(quotes) if q.end <= said_by.start
                                 and said_by.end <= verb.start and verb.start - q.end <= 120
                                 and re.fullmatch(r"[\s,.]*(?:[A-Z][\w.'’-]*\s*)*",
                                                  s.text_between(q.end, said_by.start))),
                                None)
        if that is None and before_quote is not None and (
                after_quote is None or _TAIL.match(rest)):
            return before_quote, None
        if after_quote is not None and (that is None or after_quote.start - verb.end
                                        <= that.end() + 2):
            return after_quote, None
        m = _THAT_CONTENT.match(rest)
        if m is None:
            # "told Reuters the army ...", "told reporters the army ...": C starts after
            # whom it was told to
            skip = addressee.end - verb.end if addressee is not None else 0
            told = _TOLD_WHOM.match(rest) if _TOLD.match(verb.text) else None
            m = _PLAIN_CONTENT.match(rest, max(skip, told.end() if told else 0))
        before = s.text_between(s.start, verb.start)
        comma = s.start + before.rfind(",")
        # "C, X said (on Friday)(, after ...)": C is before the comma, X after it; the
        # speaker's own apposition ("X's minister, Y, denied the charge") is no C
        c_x_said = (self._said_by is not None and self._said_by.start > comma
                    and that is None and _AFTER_SAYING.match(rest) is not None)
        if ((m is None or _TAIL.match(rest) or c_x_said) and "," in before and len(before) > 30
                and (self._said_by is None or self._said_by.start > comma)):
            return None, s.slice(_inner_saying_end(s, comma, before), comma)
        if m is None:
            return (quotes[0], None) if quotes else (None, None)
        end = verb.end + m.end("c")
        for later in attribution().verb_re.finditer(s.span.text, verb.end - s.start):
            # "said X … and warned Y": the content stops before the coordinated verb
            cut = re.search(r"(?:,\s*|\s+)(?:and|but)\s+$", s.span.text[: later.start()])
            if cut is None and _PARTICIPLE.match(later.group()):
                cut = re.search(r",\s*$", s.span.text[: later.start()])  # ", saying ..."
            if cut is None:  # "..., which B denied": B's own claim
                cut = attribution().relative_speech_before.search(s.span.text[: later.start()])
            if cut is not None and s.start + cut.start() > verb.end + m.start("c"):
                end = min(end, s.start + cut.start())
                break
        return None, s.slice(verb.end + m.start("c"), end)

    def _targets(self, s: Sentence, claim: ClaimFinding, scope: Span) -> None:
        verb = claim.verb
        if claim.stance == "says" and scope.start > verb.end \
                and _NOT_TRUE.search(s.text_between(verb.end, scope.start)):
            claim.stance = "denies"  # "said it was not true that its soldiers had shelled it"
        if claim.stance in ("blames", "accuses", "holdsResponsible", "callsFor"):
            target = s.agent_after(self.finder, verb.end, window=25)
            if target is not None:
                claim.targets.append(target.entity)
        for region in (claim.quote, scope):
            if region is not None:
                self._targets_in(s, claim, region)

    def _targets_in(self, s: Sentence, claim: ClaimFinding, region: Span) -> None:
        whole = self.text[region.start : region.end] if self.text else region.text
        if claim.stance == "says" and _NEGATED_ACT.search(whole):
            claim.stance = "denies"  # "Israel didn't shoot our plane down"
        if region.start < s.start:  # a quotation that began in an earlier sentence
            region = Span(s.start, region.end, s.text_between(s.start, region.end))
        text = s.text_between(region.start, region.end)
        for m in _HOLDS.finditer(text):
            ref = s.agent_after(self.finder, region.start + m.start() + 4, window=25)
            if ref is not None:
                claim.stance = "holdsResponsible"
                _add(claim.targets, ref.entity)
        for m in _RESPONSIBLE.finditer(text):
            refs = [a for a in s.agents(self.finder)
                    if region.start <= a.end <= region.start + m.start() + 1
                    and len(s.text_between(a.end, region.start + m.start())) < 12]
            if refs:
                claim.stance = "holdsResponsible"
                for ref in _with_coordinated(s, self.finder, refs[-1]):
                    _add(claim.targets, ref.entity)
        for m in _FAULT.finditer(text):
            ref = s.agent_after(self.finder, region.start + m.end(), window=25)
            if ref is not None:
                claim.stance = "blames" if claim.stance == "says" else claim.stance
                _add(claim.targets, ref.entity)
        for m in _IRRESPONSIBLE.finditer(text):
            ref = s.agent_after(self.finder, region.start + m.start() + 10, window=60)
            if ref is not None:
                claim.stance = "blames" if claim.stance in ("says", "describes") else claim.stance
                _add(claim.targets, ref.entity)

    def _addressee(self, s: Sentence, claim: ClaimFinding) -> Ref | None:
        if re.match(r"told|tells|tell", claim.verb.text, re.IGNORECASE):
            ref = s.agent_after(self.finder, claim.verb.end, window=3)
            if ref is not None:
                claim.addressee = ref.entity
                return ref
        return None

    def _about(self, s: Sentence, claim: ClaimFinding, events: list[EventFinding],
               lead: EventFinding | None) -> EventFinding | None:
        blame = claim.stance in ("blames", "holdsResponsible", "accuses", "expressesRegret")
        if blame and lead is not None:
            return lead
        region = claim.content or claim.quote
        if region is not None:
            inside = [e for e in events if region.start <= e.first[0].start < region.end]
            if inside:
                return inside[0]
        if blame or _ABOUT_WORDS.search(s.span.text):
            return lead
        return None


def _said(text: str, m: re.Match[str]) -> bool:
    """Whether the verb at ``m`` reports speech: not "has not said", "declined to say",
    "said nothing", nor a participle used as an adjective ("the disputed border")."""
    cues = attribution()
    before = text[max(0, m.start() - 40): m.start()]
    after = text[m.end(): m.end() + 40]
    if m.group().lower() in cues.claim_verbs and (
            cues.claim_not_speech_before.search(before)
            or cues.claim_not_speech_after.match(after)):
        return False  # "much of which China claims", "also claim parts of the sea"
    return not (cues.negated_before.search(before) or cues.adjective_before.search(before)
                or cues.negated_after.match(after))


def _add(values: list[str], value: str) -> None:
    if value not in values:
        values.append(value)


def _with_coordinated(s: Sentence, finder: EntityFinder, last: Ref) -> list[Ref]:
    """'Iran and Hezbollah were responsible': every agent in the coordination."""
    agents = [a for a in s.agents(finder) if a.end <= last.end]
    chain = [last]
    for ref in reversed(agents[:-1] if agents and agents[-1] is last else agents):
        gap = s.text_between(ref.end, chain[-1].start)
        if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", gap):
            chain.insert(0, ref)
        else:
            break
    return chain


def _date_of_saying(s: Sentence, claim: ClaimFinding) -> DateMention | None:
    """The date the claim was made: never a date inside what is claimed.

    "X said on Friday that the strike on Monday ..." is dated Friday; with only
    Monday in the sentence (inside the content) the claim takes no date from it.
    """
    regions = [r for r in (claim.quote, claim.content) if r is not None]
    outside = [d for d in s.dates
               if not any(r.start <= d.span.start < r.end for r in regions)]
    verb = claim.verb
    for d in outside:  # "said on Friday", "said in a statement on Friday"
        if d.span.start >= verb.end and _DATE_AFTER_VERB.fullmatch(
                s.text_between(verb.end, d.span.start)):
            return d
    participle = verb.text.lower().endswith("ing")
    for d in reversed(outside):
        # "On Friday, X said", "in August, when he demanded", "closed the airspace on
        # Sunday, ..., saying": a date that another verb's clause holds ("seized power on
        # July 26 ... and warned") is not
        if d.span.end <= verb.start:
            gap = s.text_between(d.span.end, verb.start)
            if participle and ";" not in gap:
                return d
            if len(gap) <= 50 and (gap.lstrip().startswith(",")
                                   or _OPENING_DATE.fullmatch(s.text_between(s.start,
                                                                             d.span.start))
                                   or re.fullmatch(r"[^,;:“”\"]{0,3}", gap)):
                return d
    return None
