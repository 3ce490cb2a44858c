"""What extraction knows before reading: labels, classes, demonyms, organs of states.

Read once per run from the ontology and reference graphs; plain dicts, so it
can be sent to worker processes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from conflict_kg.gazetteer import town_table_path
from conflict_kg.gazetteer.towns import Town, TownIndex, read_town_rows
from conflict_kg.ingest.text import TOKEN, fold, tokens
from conflict_kg.namespaces import ONTOLOGY, PREFIXES
from conflict_kg.store.base import GraphStore
from conflict_kg.store.snapshot import local_copy

_PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())

_LABELS = """
SELECT ?entity ?label ?property WHERE {
  VALUES ?property { skos:prefLabel skos:altLabel rdfs:label skos:hiddenLabel ck:metonymLabel }
  ?entity ?property ?label .
  FILTER(isIRI(?entity) && isLiteral(?label))
  FILTER(LANG(?label) = "" || LANGMATCHES(LANG(?label), "en"))
}
"""
_TYPES = "SELECT ?entity ?type WHERE { ?entity a ?type . FILTER(isIRI(?entity) && isIRI(?type)) }"
_CLASSES = "SELECT ?entity WHERE { ?entity a owl:Class . FILTER(isIRI(?entity)) }"
# Individuals of the ontology itself that text names directly.
_NAMED_IN_TEXT = {"Role", "Rank"}
_SUPERCLASSES = (
    "SELECT ?c ?super WHERE { ?c rdfs:subClassOf* ?super . FILTER(isIRI(?c) && isIRI(?super)) }"
)
_DEMONYMS = "SELECT ?state ?demonym WHERE { ?state ck:demonym ?demonym }"
_ORGANS = """
SELECT ?organ ?state WHERE {
  VALUES ?p { ck:organOf ck:governmentOf ck:armedForceOf }
  ?organ ?p ?state . FILTER(isIRI(?organ) && isIRI(?state))
}
"""
_GOVERNMENTS = "SELECT ?organ ?state WHERE { ?state ck:hasGovernment ?organ }"
_POSITIONS = """
SELECT ?position ?person ?role ?org WHERE {
  { ?person ck:holdsPosition ?position } UNION { ?position ck:holder ?person }
  ?position ck:role ?role .
  OPTIONAL { ?position ck:represents|ck:positionIn ?org }
}
"""
_TERRITORY = "SELECT ?state ?place WHERE { ?state ck:territory ?place }"
_CAPITALS = "SELECT ?state ?place WHERE { ?state ck:capital ?place }"
_NATIONALITY = "SELECT ?person ?state WHERE { ?person ck:nationality ?state }"
_SUB_ORGS = "SELECT ?org ?parent WHERE { ?org ck:subOrganisationOf ?parent }"
# Case-sensitive short forms ("UN", "WHO", "LeT"): matched only as written.
_ABBREVIATIONS = """
SELECT ?entity ?abbreviation WHERE {
  ?entity ck:abbreviation ?abbreviation . FILTER(isIRI(?entity) && isLiteral(?abbreviation))
}
"""

Key = tuple[str, ...]


@lru_cache(maxsize=65536)
def label_key(text: str) -> Key:
    """Folded tokens of a label, US spellings mapped to the ontology's British ones."""
    return tuple(_SPELLING.get(t, t) for t in (fold(tok.text) for tok in tokens(text)))


_SPELLING = {
    "defense": "defence", "defenses": "defences", "kilometer": "kilometre",
    "kilometers": "kilometres", "organization": "organisation", "demilitarized": "demilitarised",
    "antiaircraft": "anti-aircraft",
}


def ck(name: str) -> str:
    return ONTOLOGY + name


@dataclass
class KnowledgeBase:
    """Everything extraction looks up; built by :meth:`from_store` or by hand in tests."""

    names: dict[Key, str] = field(default_factory=dict)  # label → entity
    class_names: dict[Key, str] = field(default_factory=dict)  # label → ontology class
    class_supers: dict[str, frozenset[str]] = field(default_factory=dict)  # class → supers
    metonyms: dict[Key, str] = field(default_factory=dict)  # "moscow" → government of Russia
    pref_labels: dict[str, str] = field(default_factory=dict)
    classes: dict[str, frozenset[str]] = field(default_factory=dict)  # entity → all classes
    direct_types: dict[str, frozenset[str]] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)  # folded demonym → state
    organs: dict[tuple[str, str], str] = field(default_factory=dict)  # (state, class) → organ
    organ_state: dict[str, str] = field(default_factory=dict)  # organ → state
    positions: dict[tuple[str, str], str] = field(default_factory=dict)  # (person, role) → IRI
    nationality: dict[str, str] = field(default_factory=dict)  # person → state
    territory: dict[str, str] = field(default_factory=dict)  # state → its territory (a place)
    capitals: dict[str, str] = field(default_factory=dict)  # state → its capital city
    abbreviations: dict[str, str] = field(default_factory=dict)  # "UN" (as written) → entity
    towns: TownIndex = field(default_factory=TownIndex)  # linked only from context cues
    longest: int = 1
    # what rule modules derive from the KB once (compiled patterns…), keyed by their name
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_store(cls, store: GraphStore, graphs: list[str],
                   towns: list[Town] | None = None) -> KnowledgeBase:
        """The KB of the ontology and reference ``graphs``; ``towns``: the towns table
        (default: the one generated with the reference data)."""
        store = local_copy(store, graphs)
        kb = cls()
        if towns is None:
            kb.towns = _town_index(town_table_path()).copy()
        else:
            for town in towns:
                kb.towns.add_town(label_key.__wrapped__(town.name), town)
        for r in sorted(_query(store, _ABBREVIATIONS, graphs),
                        key=lambda r: (r["abbreviation"], r["entity"])):
            kb.abbreviations.setdefault(r["abbreviation"], r["entity"])
        supers: dict[str, set[str]] = {}
        for r in _query(store, _SUPERCLASSES, graphs):
            supers.setdefault(r["c"], set()).add(r["super"])
        types: dict[str, set[str]] = {}
        direct: dict[str, set[str]] = {}
        for r in _query(store, _TYPES, graphs):
            types.setdefault(r["entity"], set()).update(supers.get(r["type"], {r["type"]}))
            direct.setdefault(r["entity"], set()).add(r["type"])
        kb.classes = {e: frozenset(t) for e, t in types.items()}
        kb.class_supers = {c: frozenset(s) for c, s in supers.items()}
        kb.direct_types = {e: frozenset(t) for e, t in direct.items()}
        classes = {r["entity"] for r in _query(store, _CLASSES, graphs)}
        label_rows = sorted(
            (r["entity"], r["label"], r["property"]) for r in _query(store, _LABELS, graphs)
        )
        for entity, label, prop in label_rows:
            if entity in classes and entity.startswith(ONTOLOGY):
                key = label_key(label)
                if key:
                    kb.class_names[key] = min(kb.class_names.get(key, entity), entity)
                continue
            if entity not in kb.classes:
                continue
            if entity.startswith(ONTOLOGY) and not any(kb.is_a(entity, c) for c in _NAMED_IN_TEXT):
                continue
            kb.add_label(entity, label, metonym=prop == ck("metonymLabel"))
            if prop.endswith("prefLabel"):
                kb.pref_labels.setdefault(entity, label)
        for entity, label, prop in label_rows:
            if prop.endswith("#label"):
                kb.pref_labels.setdefault(entity, label)
        for r in sorted(_query(store, _DEMONYMS, graphs), key=lambda r: (r["demonym"], r["state"])):
            kb.demonyms.setdefault(fold(r["demonym"]), r["state"])
        organ_rows = list(_query(store, _ORGANS, graphs))
        organ_rows += [{"organ": r["organ"], "state": r["state"]}
                       for r in _query(store, _GOVERNMENTS, graphs)]
        position_orgs: dict[str, str] = {}
        for r in sorted(_query(store, _POSITIONS, graphs), key=lambda r: r["position"]):
            kb.positions.setdefault((r["person"], r["role"]), r["position"])
            if "org" in r:
                position_orgs.setdefault(r["person"], r["org"])
        for r in sorted(_query(store, _TERRITORY, graphs), key=lambda r: r["place"]):
            kb.territory.setdefault(r["state"], r["place"])
        for r in sorted(_query(store, _CAPITALS, graphs), key=lambda r: r["place"]):
            kb.capitals.setdefault(r["state"], r["place"])
        for r in sorted(_query(store, _NATIONALITY, graphs), key=lambda r: r["state"]):
            kb.nationality.setdefault(r["person"], r["state"])
        parents = {r["org"]: r["parent"] for r in _query(store, _SUB_ORGS, graphs)}
        direct_state = {r["organ"]: r["state"] for r in sorted(
            organ_rows, key=lambda r: (r["state"], r["organ"]), reverse=True)}
        for organ in sorted(set(direct_state) | set(parents)):
            state = _inherited_state(organ, direct_state, parents)
            if state is not None:
                kb.add_organ(organ, state)
        for person, org in position_orgs.items():
            state = kb.organ_state.get(org)
            if state is not None:
                kb.nationality.setdefault(person, state)
        return kb

    def add_label(self, entity: str, label: str, *, metonym: bool = False) -> None:
        key = label_key(label)
        if not key:
            return
        table = self.metonyms if metonym else self.names
        # Deterministic when two entities share a label: the smaller IRI wins.
        table[key] = min(table.get(key, entity), entity)
        self.longest = max(self.longest, len(key))

    def add_organ(self, organ: str, state: str) -> None:
        self.organ_state.setdefault(organ, state)
        for c in self.direct_types.get(organ, frozenset()):
            current = self.organs.get((state, c))
            self.organs[(state, c)] = organ if current is None else min(current, organ)

    @cached_property
    def first_tokens(self) -> dict[str, int]:
        """First token of every name → the longest name starting with it (fast skipping)."""
        index: dict[str, int] = {}
        for table in (self.names, self.metonyms):
            for key in table:
                index[key[0]] = max(index.get(key[0], 0), len(key))
        return index

    def is_a(self, entity: str, class_name: str) -> bool:
        return ck(class_name) in self.classes.get(entity, frozenset())

    def state_of(self, entity: str) -> str | None:
        if self.is_a(entity, "State"):
            return entity
        return self.organ_state.get(entity) or self.nationality.get(entity)


@lru_cache(maxsize=2)
def _town_index(path: Path) -> TownIndex:
    """The towns table indexed by name key, built once per process and table file (the
    file's name is content-keyed). Keying ~96,000 names took most of a KB's build time,
    paid again by every ingest: callers take a copy."""
    index = TownIndex()
    # label_key uncached: ~96,000 names would push the matcher's own entries out of its cache
    for row in read_town_rows(path):
        index.add(_name_key(row[0]), row)
    return index


def _name_key(name: str) -> Key:
    """:func:`label_key` of ``name``; for ASCII (95% of the towns) lower-casing is
    all the folding there is, and 3x cheaper (tests/ingest/test_kb_keys.py)."""
    if name.isascii():
        return tuple(_SPELLING.get(t, t) for t in TOKEN.findall(name.lower()))
    return label_key.__wrapped__(name)


def _inherited_state(organ: str, direct: dict[str, str], parents: dict[str, str]) -> str | None:
    """The state an organisation acts for, following ck:subOrganisationOf upwards."""
    seen: set[str] = set()
    while organ not in direct and organ in parents and organ not in seen:
        seen.add(organ)
        organ = parents[organ]
    return direct.get(organ)


def _query(store: GraphStore, query: str, graphs: list[str]) -> Iterable[dict[str, str]]:
    results = store.query(_PREFIXES + query, default_graph=graphs)
    names = [v.value for v in results.variables]
    for row in results:
        yield {n: row[n].value for n in names if row[n] is not None}
