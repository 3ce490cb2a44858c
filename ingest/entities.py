"""Entity mentions in a document: known names, metonyms, demonyms, and new entities.

One :class:`EntityFinder` per document keeps what earlier sentences taught it
(a person introduced by title and full name is later found by surname).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from conflict_kg.gazetteer.towns import Town
from conflict_kg.ingest import ambiguous_names, group_shapes, lexicon, place_cues, role_phrases
from conflict_kg.ingest.alternation import factored
from conflict_kg.ingest.dates import MONTHS, WEEKDAYS
from conflict_kg.ingest.kb import Key, KnowledgeBase, ck, label_key
from conflict_kg.ingest.prefilter import Prefiltered, prefiltered
from conflict_kg.ingest.rdf import resource
from conflict_kg.ingest.text import Span, fold, tokens
from conflict_kg.namespaces import DataNamespace


@dataclass(frozen=True)
class Ref:
    """A span of text that refers to an entity."""

    span: Span
    entity: str
    how: str  # name | metonym | demonym | organ | minted | surname | town | abbreviation
    state: str | None = None  # the state the entity is, or belongs to
    # An organ named after its state ("Ethiopia's parliament"): the state's own name or
    # demonym inside it, also a mention of the state.
    inner: Span | None = None

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end


@dataclass
class NewEntity:
    """An individual minted from the text, with its first evidence."""

    iri: str
    classes: tuple[str, ...]
    label: str
    evidence: list[Span] = field(default_factory=list)
    relations: list[tuple[str, str]] = field(default_factory=list)  # (ck property, IRI)
    data: list[tuple[str, str]] = field(default_factory=list)  # (ck property, xsd:decimal)
    links: list[str] = field(default_factory=list)  # skos:exactMatch IRIs
    alt_labels: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PositionFinding:
    person: str
    role: str  # ck: IRI of a role individual
    organisation: str | None
    rank: str | None
    span: Span


_CAP = r"[A-Z\u00C0-\u00D6\u00D8-\u00DE][\w'’]*(?:-[A-Za-z\u00C0-\u00FF][\w'’]*)*"
NAME = role_phrases.NAME
_NAME_RE = re.compile(NAME)
# a region before a demonym ("Latin American", "Central African"): the region's adjective
_REGION_WORDS = frozenset({"latin", "central", "north", "south", "east", "west", "northern",
                           "southern", "eastern", "western"})
_PATRONYMIC = re.compile(r"(?:ovich|evich|ovna|evna|ich)$")
_MODEL = prefiltered(r"(?<![\w-])(?P<m>[A-Z][A-Za-z]{0,3}-\d{1,3}[A-Z]{0,2})(?![\w-])")
_DEFINITE = prefiltered(r"\b[Tt]he\s+(?P<head>ministry|military|army|government|regime|"
                       r"office|agency|(?i:joint\s+chiefs\s+of\s+staff|general\s+staff|"
                       r"(?:supreme|high)\s+command))\b")
_DEFINITE_CLASSES = {"ministry": "Ministry", "military": "ArmedForce", "army": "ArmedForce",
                     "government": "Government", "regime": "Government",
                     "office": "GovernmentBody", "agency": "Organisation",
                     "joint": "ArmedForce", "general": "ArmedForce", "supreme": "ArmedForce",
                     "high": "ArmedForce"}
GEONAMES = "https://sws.geonames.org/{}/"


class EntityFinder:
    def __init__(self, kb: KnowledgeBase, ns: DataNamespace) -> None:
        self.kb = kb
        self.ns = ns
        self.local: dict[Key, str] = {}  # names learnt in this document
        self._local_first: dict[str, int] = {}
        self.new: dict[str, NewEntity] = {}
        self.positions: list[PositionFinding] = []
        self._persons_seen: list[tuple[int, str]] = []
        self._seen: list[Ref] = []
        self._is_a: dict[tuple[str, str], bool] = {}
        self._patterns = _patterns(kb)
        self._token_cache: tuple[tuple[int, int], list[Span], list[str]] = ((-1, -1), [], [])

    def _learn(self, key: Key, iri: str) -> None:
        """Remember a name found in this document, so later mentions link to it."""
        if not key:
            return
        self.local.setdefault(key, iri)
        self._local_first[key[0]] = max(self._local_first.get(key[0], 0), len(key))

    def settle_ambiguous_names(self, text: str) -> None:
        """Bare names news uses for two states ("Congo"), as ``text`` settles them
        (:mod:`ambiguous_names`): later mentions link to that state."""
        keys = [_token_key(t.text) for t in tokens(text)]
        for key, state in ambiguous_names.resolve(self.kb, keys).items():
            self._learn(key, state)

    # --- minting ----------------------------------------------------------

    def mint(self, kind: str, name: str, classes: tuple[str, ...], span: Span,
             label: str | None = None) -> str:
        try:
            iri = resource(self.ns, kind, name)
        except ValueError:  # nothing ASCII to make a slug from: a stable hash instead
            iri = self.ns.resource(kind, "name-" + hashlib.sha1(name.encode()).hexdigest()[:12])
        curated = self.kb.classes.get(iri)
        if curated is not None and ck(classes[0]) not in curated:
            # the slug belongs to a reference entity of another kind, which the name did
            # not link to: "the port of Tartus" is not the curated Tartus Governorate
            iri = f"{iri}-{classes[0].lower()}"
        entity = self.new.get(iri)
        if entity is None:
            entity = self.new[iri] = NewEntity(iri, classes, label or name)
        entity.evidence.append(span)
        return iri

    def classes_of(self, entity: str) -> frozenset[str]:
        known = self.kb.classes.get(entity)
        if known is not None:
            return known
        new = self.new.get(entity)
        return frozenset(ck(c) for c in new.classes) if new else frozenset()

    def is_a(self, entity: str, class_name: str) -> bool:
        key = (entity, class_name)
        known = self._is_a.get(key)
        if known is not None:
            return known
        answer = ck(class_name) in self.classes_of(entity) or (
            class_name == "Agent" and bool(self.classes_of(entity) & _AGENT_CLASSES)
        ) or (class_name == "Place" and bool(self.classes_of(entity) & _PLACE_CLASSES))
        if entity in self.kb.classes or entity in self.new:
            # An entity's classes never change once it is known or minted; an unknown IRI
            # may still be minted later, so its answer is not kept.
            self._is_a[key] = answer
        return answer

    def state_of(self, entity: str) -> str | None:
        state = self.kb.state_of(entity)
        if state is None:
            for p in self.positions:
                if p.person == entity and p.organisation is not None:
                    return self.state_of(p.organisation)
        if state is None and entity in self.new:
            for prop, value in self.new[entity].relations:
                if prop in ("armedForceOf", "governmentOf", "organOf"):
                    return value
        return state

    def organ(self, state: str, class_name: str, span: Span) -> str:
        """The organ of ``state`` of a class (its government, armed forces…), known or minted."""
        known = self.kb.organs.get((state, ck(class_name)))
        if known is not None:
            return known
        for (s, c), organ in sorted(self.kb.organs.items()):
            if s == state and c == ck(class_name):
                return organ
        kind, words = next((k, w) for _p, c, k, w in lexicon.ORGAN_HEADS if c == class_name)
        state_name = self.kb.pref_labels.get(state, state.rsplit("/", 1)[-1])
        iri = self.mint(kind, state.rsplit("/", 1)[-1], _organ_classes(class_name), span,
                        label=f"{words} of {state_name}")
        relation = {"Government": "governmentOf"}.get(class_name, "organOf")
        if class_name in ("ArmedForce", "AirForce", "AirDefenceForce", "Navy"):
            relation = "armedForceOf"
        pair = (relation, state)
        if pair not in self.new[iri].relations:
            self.new[iri].relations.append(pair)
        return iri

    # --- finding ----------------------------------------------------------

    def find(self, sentence: Span) -> list[Ref]:
        refs: list[Ref] = []
        refs += self._titled_persons(sentence, refs)
        refs += self._models(sentence)
        refs += self._armed_groups(sentence, refs)
        refs += self._places(sentence, refs)
        refs += self._names(sentence, refs)
        refs += self._demonyms(sentence, refs)
        refs += self._acronyms(sentence, refs)
        refs += self._anaphora(sentence, refs)
        refs += self._listed_towns(sentence, refs)
        refs = _without_overlaps(refs)
        self._seen.extend(refs)
        self._persons_seen.extend(
            (r.start, r.entity) for r in refs if self.is_a(r.entity, "Person"))
        return refs

    def _tokens(self, sentence: Span) -> list[Span]:
        return self._tokens_and_keys(sentence)[0]

    def _tokens_and_keys(self, sentence: Span) -> tuple[list[Span], list[str]]:
        """The sentence's tokens and their folded forms, computed once per sentence."""
        key = (sentence.start, sentence.end)
        if self._token_cache[0] != key:
            toks = tokens(sentence.text, sentence.start)
            self._token_cache = (key, toks, [_token_key(t.text) for t in toks])
        return self._token_cache[1], self._token_cache[2]

    def speaker(self, name: Span) -> Ref:
        """A person the reference data does not know, named as the speaker of a reporting
        verb ("Justice Minister Ana Ruiz said"): minted, and remembered for "he said"."""
        ref = Ref(name, self.person(name.text, name), "minted")
        self._seen.append(ref)
        self._persons_seen.append((name.start, ref.entity))
        self._persons_seen.sort(key=lambda seen: seen[0])
        return ref

    def last_person_before(self, position: int) -> str | None:
        """The person mentioned last before ``position`` (for 'he said')."""
        earlier = [e for start, e in self._persons_seen if start < position]
        return earlier[-1] if earlier else None

    def _names(self, sentence: Span, taken: list[Ref]) -> list[Ref]:
        toks, keys = self._tokens_and_keys(sentence)
        found: list[Ref] = []
        first_tokens, local_first = self.kb.first_tokens, self._local_first
        i = 0
        while i < len(toks):
            # Most tokens start no name: skip them before the costlier checks.
            hit = None
            if keys[i] in first_tokens or keys[i] in local_first:
                if _covered(taken, toks[i].start):
                    i += 1
                    continue
                hit = self._longest(keys, i, toks)
            if hit is None:
                compound = self._compound(sentence, toks[i], taken)  # "NATO-led"
                if compound is not None:
                    found.append(compound)
                i += 1
                continue
            length, entity, how = hit
            if not toks[i].text[:1].isupper() and (self.kb.is_a(entity, "Place")
                                                   or self.kb.is_a(entity, "State")):
                i += 1  # place and state names are proper nouns: "mobile", "island" are words
                continue
            span = _slice(sentence, toks[i].start, toks[i + length - 1].end)
            found.append(Ref(span, entity, how, self.state_of(entity)))
            if how == "metonym":
                state = self.state_of(entity)
                organ = self._organ_head(sentence, span, state) if state else None
                if organ is not None:
                    found[-1] = organ
            elif self.kb.is_a(entity, "State"):
                organ = (self._organ_head(sentence, span, entity)
                         or self._organ_head_before(sentence, span, entity))
                if organ is not None:
                    found[-1] = organ
            i += length
        return found

    def _compound(self, sentence: Span, tok: Span, taken: list[Ref]) -> Ref | None:
        """The known name before '-led', '-backed'…: "NATO-led", "Houthi-held"."""
        if "-" not in tok.text:
            return None
        head = _compound_head(sentence, tok)
        entity = self.kb.names.get(label_key(head.text)) if head is not None else None
        if head is None or entity is None or _covered(taken, head.start):
            return None
        return Ref(head, entity, "name", self.state_of(entity))

    def _longest(self, keys: list[str], i: int, toks: list[Span]) -> tuple[int, str, str] | None:
        previous = keys[i - 1] if i > 0 else ""
        longest = max(self.kb.first_tokens.get(keys[i], 0),
                      self._local_first.get(keys[i], 0))
        for length in range(min(longest, len(keys) - i), 0, -1):
            key = tuple(keys[i : i + length])
            name = self.kb.names.get(key)
            metonym = self.kb.metonyms.get(key)
            local = self.local.get(key)
            if metonym is not None and previous not in lexicon.LOCATIVE:
                return length, metonym, "metonym"
            if name is not None:
                return length, name, "name"
            if local is not None:
                person = local in self.new and "Person" in self.new[local].classes
                return length, local, "surname" if person and length == 1 else "name"
        return None

    def _organ_head(self, sentence: Span, span: Span, state: str | None) -> Ref | None:
        if state is None:
            return None
        rest = sentence.text[span.end - sentence.start :]
        m = lexicon.ORGAN_HEAD_RE.match(rest)
        if m is None or m.lastgroup is None:
            return None
        _p, class_name, _k, _w = lexicon.ORGAN_HEADS[int(m.lastgroup[1:])]
        whole = _slice(sentence, span.start, span.end + m.end())
        if class_name == "Government" and not self.kb.is_a(state, "State"):
            return None
        return Ref(whole, self.organ(state, class_name, whole), "organ", state, inner=span)

    def _organ_head_before(self, sentence: Span, span: Span, state: str) -> Ref | None:
        """'the army of Mali': the organ whose head comes before 'of <state>'."""
        before = sentence.text[: span.start - sentence.start]
        m = lexicon.ORGAN_HEAD_BEFORE_RE.search(before)
        if m is None or m.lastgroup is None:
            return None
        _p, class_name, _k, _w = lexicon.ORGAN_HEADS[int(m.lastgroup[1:])]
        whole = _slice(sentence, sentence.start + m.start(), span.end)
        return Ref(whole, self.organ(state, class_name, whole), "organ", state, inner=span)

    def _demonyms(self, sentence: Span, taken: list[Ref]) -> list[Ref]:
        found: list[Ref] = []
        toks, keys = self._tokens_and_keys(sentence)
        skip_to = -1
        for i, tok in enumerate(toks):
            if tok.start < skip_to or not tok.text[:1].isupper() or _covered(taken, tok.start):
                continue
            state = None
            if i + 1 < len(toks) and toks[i + 1].text[:1].isupper() \
                    and toks[i + 1].start == tok.end + 1:
                # two-word demonyms: "North Korean artillery", "South Sudanese troops"
                pair = _compound_head(sentence, toks[i + 1]) or toks[i + 1]
                state = self.kb.demonyms.get(f"{keys[i]} {_token_key(pair.text)}")
                if state is not None:
                    tok = _slice(sentence, tok.start, pair.end)
                    skip_to = pair.end
            if state is None and i and keys[i - 1] in _REGION_WORDS and \
                    toks[i - 1].end + 1 == tok.start:
                continue  # "Latin American countries": a region's, not the United States
            if state is None:
                tok = _compound_head(sentence, tok) or tok  # "Saudi-led", "Russian-backed"
                key = label_key(tok.text)
                folded = key[0] if key else ""
                state = self.kb.demonyms.get(folded)
            if state is None and folded.endswith("s"):
                state = self.kb.demonyms.get(folded[:-1])  # "the Israelis"
            if state is None:
                continue
            organ = self._organ_head(sentence, tok, state)
            if organ is None:
                organ = self._coordinated_organ(sentence, tok, state)
            found.append(organ or Ref(tok, state, "demonym", state))
        return found

    def _coordinated_organ(self, sentence: Span, tok: Span, state: str) -> Ref | None:
        """'Turkish and Russian military units': the first demonym shares the head."""
        rest = sentence.text[tok.end - sentence.start :]
        m = re.match(r"\s*(?:,|and|or)\s+(?:the\s+)?[A-Z][\w-]*", rest)
        if m is None or fold(m.group().split()[-1]) not in self.kb.demonyms:
            return None
        head = lexicon.ORGAN_HEAD_RE.match(rest[m.end() :])
        if head is None or head.lastgroup is None:
            return None
        class_name = lexicon.ORGAN_HEADS[int(head.lastgroup[1:])][1]
        return Ref(tok, self.organ(state, class_name, tok), "organ", state)

    def _anaphora(self, sentence: Span, taken: list[Ref]) -> list[Ref]:
        """'the ministry said': the organisation of that kind mentioned last."""
        found = []
        for m in _DEFINITE.finditer(sentence.text):
            span = _slice(sentence, sentence.start + m.start("head"), sentence.start + m.end())
            if _covered(taken, span.start):
                continue
            words = m["head"].lower().split()
            head = words[0]
            class_name = _DEFINITE_CLASSES[head]
            # An army is not a navy or an air force, though all three are armed forces.
            other_branches = ("Navy", "AirForce", "AirDefenceForce") if head == "army" else ()
            # "the Joint Chiefs of Staff": the body named so before, not any armed force
            named = " ".join(words) if len(words) > 1 else None
            antecedent = next((r for r in reversed(self._seen + taken)
                               if r.start < span.start and self.is_a(r.entity, class_name)
                               and not any(self.is_a(r.entity, b) for b in other_branches)
                               and (named is None
                                    or named in " ".join(r.span.text.lower().split()))),
                              None)
            if antecedent is not None:
                found.append(Ref(span, antecedent.entity, "anaphora", antecedent.state))
        return found

    def _models(self, sentence: Span) -> list[Ref]:
        found = []
        for m in _MODEL.finditer(sentence.text):
            span = _slice(sentence, sentence.start + m.start(), sentence.start + m.end())
            after = sentence.text[m.end() : m.end() + 60].lower()
            if re.match(r"\s*(?:air\s?base|base|airport)\b", after):
                continue
            known = self.kb.names.get(label_key(m["m"]))
            if known is not None:
                found.append(Ref(span, known, "name"))
                continue
            model_class = next(
                (c for hint, c in lexicon.MODEL_CLASS_HINTS
                 if re.search(hint, _window(sentence.text, m.start(), m.end()), re.IGNORECASE)),
                "WeaponModel",
            )
            iri = self.mint("weapon-model", m["m"], _model_classes(model_class), span,
                            label=m["m"])
            found.append(Ref(span, iri, "minted"))
        return found

    def _places(self, sentence: Span, taken: list[Ref]) -> list[Ref]:
        found: list[Ref] = []
        for candidate in place_cues.candidates(sentence.text, lexicon.PLACE_HEADS):
            ref = self._place(sentence, candidate, taken + found)
            if ref is not None:
                found.append(ref)
        return found

    def _armed_groups(self, sentence: Span, taken: list[Ref]) -> list[Ref]:
        """Unknown armed groups from the shape of their names (:mod:`.group_shapes`)."""
        found: list[Ref] = []
        for start, end, name in group_shapes.group_names(sentence.text):
            name = re.sub(r"^(?:the|The)\s+", "", name)
            start = end - len(name)
            abs_start = sentence.start + start
            key = label_key(name)
            if _covered(taken + found, abs_start) or key in self.kb.names:
                continue
            if any(self._state_word(word) for word in name.replace("-", " ").split()):
                continue  # "Malian Liberation Front" may be a state's: never swallow an organ
            span = _slice(sentence, abs_start, sentence.start + end)
            iri = self.mint("armed-group", name, ("NonStateArmedGroup", "Organisation", "Agent"),
                            span, label=name)
            self._learn(key, iri)
            found.append(Ref(span, iri, "minted"))
        return found

    def _state_word(self, word: str) -> bool:
        """A demonym, or the name of a state or an organ of one."""
        folded = fold(_strip_possessive(word))
        if folded in self.kb.demonyms:
            return True
        entity = self.kb.names.get(label_key(_strip_possessive(word)))
        return entity is not None and self.kb.state_of(entity) is not None

    def _listed_towns(self, sentence: Span, refs: list[Ref]) -> list[Ref]:
        """Towns listed beside a place found in the sentence: "Dessie and X"."""
        found: list[Ref] = []
        for ref in refs:
            if not self.is_a(ref.entity, "Place"):
                continue
            start, end = ref.start - sentence.start, ref.end - sentence.start
            for candidate in place_cues.beside(sentence.text, start, end):
                town = self._place(sentence, candidate, refs + found)
                if town is not None:
                    found.append(town)
        return found

    def _place(self, sentence: Span, candidate: place_cues.Candidate,
               taken: list[Ref]) -> Ref | None:
        """What a place candidate links to: a town of the table, a known place, or (with a
        head noun, or after 'in'/'near'…) a new place; None when it is no place."""
        start, end, name, class_name, cue = candidate
        owner = re.match(r"^.*?['’]s\s+", name)
        if owner is not None:  # "Syria's Idlib province": the place is Idlib
            start, name = start + owner.end(), name[owner.end() :]
        name = _clean_name(name) if cue != "head" else _strip_possessive(name)
        if not name:
            return None
        first = name.split()[0]
        if first in lexicon.NOT_NAMES or _is_calendar(first):
            return None
        abs_start = sentence.start + start
        if _covered(taken, abs_start):
            return None
        key = label_key(name)
        known = self.kb.names.get(key) or self.kb.metonyms.get(key)
        town = self.kb.towns.get(key)
        name_span = _slice(sentence, abs_start, abs_start + len(name))
        if town is not None and class_name in ("City", "Place") and (
                known is None or self.kb.is_a(known, "Place") and not self.kb.is_a(known, "City")
                and class_name == "City"):
            return self._town(town, name_span)
        if known is not None or fold(first) in self.kb.demonyms or cue == "town":
            return None
        span = name_span if class_name == "Place" else _slice(
            sentence, abs_start, sentence.start + end)
        classes = ("Place",) if class_name == "Place" else (class_name, "Place")
        iri = self.mint("place", name, classes, span, label=name)
        self._learn(key, iri)
        return Ref(span, iri, "minted")

    def _town(self, town: Town, span: Span) -> Ref:
        """A town of the towns table, described in the document: class, state, coordinates."""
        iri = self.ns.resource("place", town.slug)
        state = self.ns.resource("state", town.state_slug)
        if iri not in self.new:
            entity = self.new[iri] = NewEntity(iri, ("City", "Place"), town.label)
            entity.relations.append(("locatedIn", self.ns.resource("place", town.state_slug)))
            entity.data += [("latitude", f"{town.latitude:.4f}"),
                            ("longitude", f"{town.longitude:.4f}")]
            entity.links.append(GEONAMES.format(town.geonameid))
        entity = self.new[iri]
        entity.evidence.append(span)
        if town.name != town.label and town.name not in entity.alt_labels:
            entity.alt_labels.append(town.name)  # "Marib", GeoNames' "Ma'rib"
        self._learn(label_key(span.text), iri)
        return Ref(span, iri, "town", state)

    def _acronyms(self, sentence: Span, taken: list[Ref]) -> list[Ref]:
        """Short forms: the reference data's (``ck:abbreviation``, as written: "UN" is the
        United Nations), else a new organisation for an unknown all-capital one."""
        found = []
        abbreviations = self.kb.abbreviations
        for tok in self._tokens(sentence):
            text = tok.text
            known = abbreviations.get(text)
            if known is None and not (2 <= len(text) <= 6 and text.isascii() and text.isalpha()
                                      and text.isupper()):
                continue
            if _covered(taken, tok.start):
                continue
            if known is not None:
                found.append(Ref(tok, known, "abbreviation", self.state_of(known)))
                continue
            iri = self.mint("organisation", tok.text, ("Organisation",), tok, label=tok.text)
            self._learn(label_key(tok.text), iri)
            found.append(Ref(tok, iri, "minted"))
        return found

    # --- persons with titles ------------------------------------------------

    def _titled_persons(self, sentence: Span, taken: list[Ref]) -> list[Ref]:
        text = sentence.text
        found: list[Ref] = self._respective_holders(sentence)
        # "Rwanda's defence minister, Gen. X": the post comes before the rank; those names
        # are read after the titles below, so that "his" can point back to a titled person.
        role_first = list(self._patterns.role_comma_name.finditer(text))
        claimed = {sentence.start + m.start("name") for m in role_first}
        for m in self._patterns.title.finditer(text):
            rank_text = m["rank"] or m["rank2"]
            name = _clean_name(m["name"])
            if not name or len(name.split()) < 2 and label_key(name) not in self.local:
                continue
            start = sentence.start + m.start("name")
            if start in claimed or _covered(found, start):
                continue
            name_span = _slice(sentence, start, start + len(name))
            person = self.person(name, name_span)
            found.append(Ref(name_span, person, "minted"))
            state, named_org = self._state_before(sentence, sentence.start + m.start())
            role = self._role_iri(m["role"]) if m["role"] else None
            if role is not None and lexicon.NOT_THE_POST.search(text[: m.start("role")]):
                role = None  # "Deputy Prime Minister X" does not hold the prime minister's post
            org = named_org or self._role_org(role, state, m["orghead"], name_span)
            rank = self._rank_iri(rank_text) if rank_text else None
            title_span = _slice(sentence, sentence.start + m.start(), name_span.end)
            apposition = self._apposition(sentence, name_span)
            if apposition is not None:
                role, org = role or apposition[0], org or apposition[1]
            if org is None and (role is not None or rank is not None):
                # the owner after the name: "Foreign Minister X of Ukraine", "Gen. Y of the
                # Sudanese army" (a rank alone serves a force, never a state as such)
                after = _OWNER_AFTER.match(text, name_span.end - sentence.start)
                owner = None if after is None else self._owner(
                    sentence, after["owner"], sentence.start + after.start("owner"))
                if owner is not None and role is not None:
                    org = self._position_org(role, owner, title_span)
                elif owner is not None and self.is_a(owner, "ArmedForce"):
                    org = owner
            if role is None:
                role = self._counterpart_role(sentence, m.start())
                counterpart = re.search(r"(\w+)\s+counterpart,?\s*$", text[: m.start()])
                if counterpart is not None:
                    state = self.kb.demonyms.get(fold(counterpart.group(1)), state)
                if role is not None and state is not None:
                    org = self.organ(state, lexicon.ROLE_ORGAN.get(role.split("#")[-1],
                                                                   "Government"), title_span)
            if role is not None or rank is not None:
                self.positions.append(
                    PositionFinding(person, role or ck("officer"), org, rank, title_span)
                )
        found += self._roles_then_names(sentence, role_first, found)
        # Appositions without a title before the name: "Igor Ivanov, spokesperson for ..."
        if self._patterns.appositive_anywhere.search(text) is None:
            return found
        for m in _NAME_RE.finditer(text):
            start = sentence.start + m.start()
            if _covered(taken + found, start):
                continue
            name = _clean_name(m.group())
            if len(name.split()) < 2:
                continue
            name_span = _slice(sentence, start, start + len(name))
            apposition = self._apposition(sentence, name_span)
            if apposition is None:
                continue
            person = self.person(name, name_span)
            found.append(Ref(name_span, person, "minted"))
            self.positions.append(PositionFinding(person, apposition[0], apposition[1], None,
                                                  _slice(sentence, start, apposition[2])))
        return found

    def _roles_then_names(self, sentence: Span, matches: list[re.Match[str]],
                          taken: list[Ref]) -> list[Ref]:
        """'Cuba's foreign minister, X', 'Its spokesman, Y', 'his foreign minister, Z'."""
        found: list[Ref] = []
        text = sentence.text
        for m in matches:
            name = _clean_name(m["name"])
            start = sentence.start + m.start("name")
            if not self._plausible_name(name) or _covered(taken + found, start):
                continue
            role = self._role_iri(m["role"])
            if role is None or lexicon.NOT_THE_POST.search(text[: m.start("role")]):
                continue
            name_span = _slice(sentence, start, start + len(name))
            title_span = _slice(sentence, sentence.start + m.start(), name_span.end)
            owner = self._owner(sentence, m["owner"], sentence.start + m.start("owner"))
            if owner is None and m["of"]:
                of_start = sentence.start + m.start("of")
                owner = self._owner(sentence, m["of"], of_start)
            person = self.person(name, name_span)
            found.append(Ref(name_span, person, "minted"))
            rank = self._rank_iri(m["rank"]) if m["rank"] else None
            org = self._position_org(role, owner, title_span)
            self.positions.append(PositionFinding(person, role, org, rank, title_span))
        return found

    def _respective_holders(self, sentence: Span) -> list[Ref]:
        """'the foreign ministers of A and B, X and Y': X holds the post for A, Y for B."""
        found: list[Ref] = []
        text = sentence.text
        if "s of " not in text or " and " not in text:
            return found  # no plural role with two owners: skip the scan
        for m in self._patterns.respective.finditer(text):
            role = self._role_iri(m["role"])
            if role is None or lexicon.NOT_THE_POST.search(text[: m.start("role")]):
                continue
            pairs = []
            for owner_group, name_group in (("a", "n1"), ("b", "n2")):
                owner = self._owner(sentence, m[owner_group], sentence.start + m.start(owner_group))
                name = _clean_name(m[name_group])
                if owner is None or not self._plausible_name(name):
                    break
                start = sentence.start + m.start(name_group)
                pairs.append((owner, _slice(sentence, start, start + len(name))))
            else:
                title_span = _slice(sentence, sentence.start + m.start(), sentence.start + m.end())
                for owner, name_span in pairs:
                    person = self.person(name_span.text, name_span)
                    found.append(Ref(name_span, person, "minted"))
                    org = self._position_org(role, owner, title_span)
                    self.positions.append(PositionFinding(person, role, org, None, title_span))
        return found

    def _plausible_name(self, name: str) -> bool:
        """A person's name: two words at least (or a surname met before), and not the name
        of a known state, organisation or place."""
        if not name or len(name.split()) < 2 and label_key(name) not in self.local:
            return False
        known = self.kb.names.get(label_key(name))
        return known is None or self.kb.is_a(known, "Person")

    def _owner(self, sentence: Span, words: str, start: int) -> str | None:
        """The state or organisation a post belongs to, named or pointed back to before it:
        "Cuba's", "The United States", "NATO", "its" (the organisation named last), "his"
        (the state of the person named last)."""
        pronoun = role_phrases.OWNER_PRONOUNS.get(words.lower())
        if pronoun == "organisation":
            earlier = [r for r in self._seen if r.start < start]
            for ref in reversed(earlier):
                if self.is_a(ref.entity, "Organisation") or self.is_a(ref.entity, "State"):
                    return ref.entity
            return None
        if pronoun == "person":
            here = [p.person for p in self.positions if sentence.start <= p.span.start < start]
            person = here[-1] if here else self.last_person_before(start)
            return self.state_of(person) if person is not None else None
        if words.lower() == "the":
            return None
        if role_phrases.STATE_POINTER.fullmatch(words):
            # "the country's defence minister": the one state the text has just named (in
            # the 400 characters before); two states there ("Russia attacked Ukraine.
            # The country's ...") leave the post without an owner
            states = {self.state_of(r.entity) for r in self._seen
                      if start - 400 <= r.start < start and self.is_a(r.entity, "State")}
            return states.pop() if len(states) == 1 else None
        span = Span(start, start + len(words), words)
        refs = self._names(span, []) + self._demonyms(span, [])
        refs.sort(key=lambda r: r.start)
        if refs and (self.is_a(refs[0].entity, "Organisation") or
                     self.is_a(refs[0].entity, "State")):
            return refs[0].entity
        return None

    def _position_org(self, role: str, owner: str | None, span: Span) -> str | None:
        """The organisation a position is in: never a state itself (a state is no
        organisation), but the state's organ the role belongs to."""
        if owner is None or not self.kb.is_a(owner, "State"):
            return owner
        return self.organ(owner, lexicon.ROLE_ORGAN.get(role.split("#")[-1], "Government"), span)

    def person(self, name: str, span: Span) -> str:
        key = label_key(name)
        known = self.kb.names.get(key) or self.local.get(key) or self.local.get(key[-1:])
        if known is not None and (self.kb.is_a(known, "Person") or known in self.new):
            iri = known
            if iri in self.new:
                self.new[iri].evidence.append(span)
        else:
            parts = name.split()
            if len(parts) == 3 and _PATRONYMIC.search(parts[1]):
                parts = [parts[0], parts[2]]  # Igor Yevgenyevich Konashenkov → Igor Konashenkov
            iri = self.mint("person", " ".join(parts), ("Person",), span, label=" ".join(parts))
        self._learn(key, iri)
        self._learn(key[-1:], iri)
        return iri

    def _state_before(self, sentence: Span, start: int) -> tuple[str | None, str | None]:
        """The state (and organ) named right before a title: 'Russian President', 'Kremlin'."""
        before = sentence.text[: start - sentence.start].rstrip()
        m = re.search(r"([\w'’.-]+(?:\s+[\w'’.-]+)?)$", before)
        if m is None:
            return None, None
        for word in (m.group(1), m.group(1).split()[-1]):
            word = _strip_possessive(word)  # "Ethiopia's Prime Minister X"
            folded = fold(word)
            if folded in self.kb.demonyms:
                return self.kb.demonyms[folded], None
            key = label_key(word)
            entity = self.kb.metonyms.get(key) or self.kb.names.get(key)
            if entity is not None:
                state = self.state_of(entity)
                return state, None if entity == state else entity
        return None, None

    def _role_iri(self, text: str) -> str | None:
        key = label_key(text)
        entity = self.kb.names.get(key)
        if entity is not None and self.kb.is_a(entity, "Role"):
            return entity
        extra = lexicon.EXTRA_ROLE_WORDS.get(" ".join(key))
        return ck(extra) if extra else None

    def _rank_iri(self, text: str) -> str | None:
        entity = self.kb.names.get(label_key(text))
        return entity if entity is not None and self.kb.is_a(entity, "Rank") else None

    def _role_org(self, role: str | None, state: str | None, orghead: str | None,
                  span: Span) -> str | None:
        if state is None:
            return None
        if orghead:
            head = lexicon.ORGAN_HEAD_RE.match(" " + orghead)
            if head is not None and head.lastgroup is not None:
                return self.organ(state, lexicon.ORGAN_HEADS[int(head.lastgroup[1:])][1], span)
        if role is None:
            return None
        class_name = lexicon.ROLE_ORGAN.get(role.split("#")[-1])
        return self.organ(state, class_name, span) if class_name else None

    def _apposition(self, sentence: Span, name: Span) -> tuple[str, str | None, int] | None:
        """', spokesperson for the Russian military' after a name → (role, organisation, end)."""
        rest = sentence.text[name.end - sentence.start :]
        m = self._patterns.appositive.match(rest)
        if m is None:
            return None
        role = self._role_iri(m["role"])
        if role is None:
            return None
        org = None
        if m["owner"]:
            org = self._owner(sentence, m["owner"], name.end + m.start("owner"))
        if org is None and m["of"]:
            org = self._owner(sentence, m["of"], name.end + m.start("of"))
        end = name.end + m.end()
        org = self._position_org(role, org, Span(name.start, end, sentence.text[
            name.start - sentence.start : end - sentence.start]))
        return role, org, end

    def _counterpart_role(self, sentence: Span, start: int) -> str | None:
        before = sentence.text[:start]
        if not re.search(r"\bcounterpart,?\s*$", before):
            return None
        for position in reversed(self.positions):
            if position.span.start >= sentence.start and position.role != ck("officer"):
                return position.role
        return None


_AGENT_CLASSES = frozenset(ck(c) for c in ("Agent", "State", "Person", "Organisation"))
_PLACE_CLASSES = frozenset(ck(c) for c in ("Place", "Country", "City", "Province", "Region"))
_ORGAN_SUPERS = {
    "Government": ("Government", "GovernmentOrganisation", "Organisation", "Agent"),
    "DefenceMinistry": ("DefenceMinistry", "Ministry", "GovernmentBody",
                        "GovernmentOrganisation", "Organisation", "Agent"),
    "ForeignMinistry": ("ForeignMinistry", "Ministry", "GovernmentBody",
                        "GovernmentOrganisation", "Organisation", "Agent"),
    "ExecutiveOffice": ("ExecutiveOffice", "GovernmentBody", "GovernmentOrganisation",
                        "Organisation", "Agent"),
    "ArmedForce": ("ArmedForce", "Organisation", "Agent"),
    "AirForce": ("AirForce", "MilitaryBranch", "ArmedForce", "Organisation", "Agent"),
    "Navy": ("Navy", "MilitaryBranch", "ArmedForce", "Organisation", "Agent"),
    "AirDefenceForce": ("AirDefenceForce", "MilitaryBranch", "ArmedForce", "Organisation",
                        "Agent"),
    "NewsOrganisation": ("NewsOrganisation", "Organisation", "Agent"),
    "Legislature": ("Legislature", "GovernmentOrganisation", "Organisation", "Agent"),
    "SecurityService": ("SecurityService", "GovernmentBody", "GovernmentOrganisation",
                        "Organisation", "Agent"),
    "BorderGuard": ("BorderGuard", "GovernmentBody", "GovernmentOrganisation",
                    "Organisation", "Agent"),
    "CoastGuard": ("CoastGuard", "GovernmentBody", "GovernmentOrganisation",
                   "Organisation", "Agent"),
}


# "of Ukraine", "of the Sudanese army" right after a titled name.
_OWNER_AFTER = re.compile(r"\s+of\s+(?:the\s+)?(?P<owner>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}"
                          r"(?:\s+(?i:army|armed\s+forces|military|government|navy|air\s+force))?)")


def _organ_classes(class_name: str) -> tuple[str, ...]:
    return _ORGAN_SUPERS[class_name]


def _model_classes(class_name: str) -> tuple[str, ...]:
    return (class_name,) if class_name == "WeaponModel" else (class_name, "WeaponModel")


@dataclass(frozen=True)
class _Patterns:
    title: Prefiltered
    appositive_anywhere: re.Pattern[str]
    appositive: re.Pattern[str]
    role_comma_name: Prefiltered
    respective: Prefiltered


def _patterns(kb: KnowledgeBase) -> _Patterns:
    """Title and apposition patterns from the KB's roles and ranks, built once per KB
    (a worker extracts every document with the same KB)."""
    cached = kb.memo.get("entity-patterns")
    if cached is None:
        roles, ranks = _role_pattern(kb), _rank_pattern(kb)
        cached = kb.memo["entity-patterns"] = _Patterns(
            Prefiltered(role_phrases.title_pattern(roles, ranks)),
            re.compile(r",\s+(?:(?i:the|a|an)\s+)?(?:[A-Z][\w.-]*\s+)?(?:"
                       + lexicon.ROLE_MODIFIERS + r"\s+)?(?:" + roles + ")"),
            role_phrases.apposition_pattern(roles),
            Prefiltered(role_phrases.role_comma_name_pattern(roles, ranks)),
            Prefiltered(role_phrases.respective_pattern(roles)),
        )
    patterns: _Patterns = cached
    return patterns


def _role_pattern(kb: KnowledgeBase) -> str:
    words = {" ".join(k) for k, e in kb.names.items() if kb.is_a(e, "Role")}
    words |= set(lexicon.EXTRA_ROLE_WORDS)
    return _alternation(words) if words else r"(?!x)x"


def _rank_pattern(kb: KnowledgeBase) -> str:
    words = {" ".join(k) for k, e in kb.names.items() if kb.is_a(e, "Rank")}
    return _alternation(words) if words else r"(?!x)x"


def _alternation(words: set[str]) -> str:
    return "(?i:" + factored(_alternatives(words)) + ")"


def _alternatives(words: set[str]) -> list[str]:
    """Each word as a pattern, the longest first (so the longest name at a place wins)."""
    parts = []
    for word in sorted(words, key=lambda w: (-len(w), w)):
        pieces = [re.escape(t) for t in word.split()]
        joined = ""
        for piece in pieces:
            if not joined:
                joined = piece
            elif piece in (r"\.", "-"):
                joined += r"\s*" + piece
            else:
                joined += r"\s*" if joined.endswith("-") else r"\s+"
                joined += piece
        joined = joined.replace("defence", "defen[cs]e")
        parts.append(joined)
    return parts


def _clean_name(name: str) -> str:
    words = name.split()
    while words and (words[-1] in lexicon.NOT_NAMES or _is_calendar(words[-1])):
        words.pop()
    return _strip_possessive(" ".join(words))


def _strip_possessive(name: str) -> str:
    return re.sub(r"['’]s?$", "", name)


def _is_calendar(word: str) -> bool:
    return word.lower() in MONTHS or word.lower() in WEEKDAYS


# "NATO-led", "Russian-backed", "Saudi-brokered": the name before the hyphen is mentioned.
_COMPOUND = re.compile(r"^([A-Z][\w.]*)-(?:led|backed|brokered|run|controlled|held|allied|"
                       r"based|sponsored|supported|owned|made|built|designed|supplied|"
                       r"installed|trained|armed|funded|aligned)$")


def _compound_head(sentence: Span, tok: Span) -> Span | None:
    m = _COMPOUND.match(tok.text)
    if m is None:
        return None
    return _slice(sentence, tok.start, tok.start + m.end(1))


@lru_cache(maxsize=65536)
def _token_key(text: str) -> str:
    """A token's folded form as in :func:`label_key` (empty when it folds to nothing)."""
    key = label_key(text)
    return key[0] if key else ""


def _window(text: str, start: int, end: int) -> str:
    return text[max(0, start - 40) : end + 50]


def _slice(sentence: Span, start: int, end: int) -> Span:
    return Span(start, end, sentence.text[start - sentence.start : end - sentence.start])


def _covered(refs: list[Ref], position: int) -> bool:
    for r in refs:
        if r.start <= position < r.end:
            return True
    return False


def _without_overlaps(refs: list[Ref]) -> list[Ref]:
    kept: list[Ref] = []
    for ref in refs:  # earlier rules win
        if not any(ref.start < k.end and k.start < ref.end for k in kept):
            kept.append(ref)
    return sorted(kept, key=lambda r: r.start)
