"""Known entities and their labels, read from the store's reference graphs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from conflict_kg.namespaces import PREFIXES
from conflict_kg.store.base import GraphStore
from ingest.text import Span, fold, tokens

_LABELS_QUERY = """
SELECT ?entity ?label ?type WHERE {
  ?entity a ?type .
  VALUES ?labelProperty { skos:prefLabel skos:altLabel rdfs:label skos:hiddenLabel }
  ?entity ?labelProperty ?label .
  FILTER(isIRI(?entity) && (LANG(?label) = "" || LANGMATCHES(LANG(?label), "en")))
  FILTER(STRSTARTS(STR(?type), STR(ck:)))
}
"""


@dataclass(frozen=True)
class EntityMention:
    span: Span
    entity: str
    types: frozenset[str]


@dataclass
class Gazetteer:
    """Label token sequences (folded) → entity IRIs and their classes."""

    entries: dict[tuple[str, ...], str]
    types: dict[str, frozenset[str]]
    longest: int

    @classmethod
    def from_store(cls, store: GraphStore, graphs: list[str]) -> Gazetteer:
        prefix_lines = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
        rows = store.query(prefix_lines + _LABELS_QUERY, default_graph=graphs)
        return cls.from_labels((r["entity"].value, r["label"].value, r["type"].value) for r in rows)

    @classmethod
    def from_labels(cls, rows: Iterable[tuple[str, str, str]]) -> Gazetteer:
        entries: dict[tuple[str, ...], str] = {}
        types: dict[str, set[str]] = {}
        for entity, label, type_iri in rows:
            key = tuple(fold(t.text) for t in tokens(label))
            if key:
                # Deterministic when two entities share a label: the smaller IRI wins.
                entries[key] = min(entries.get(key, entity), entity)
            types.setdefault(entity, set()).add(type_iri)
        longest = max((len(k) for k in entries), default=0)
        return cls(entries, {e: frozenset(t) for e, t in types.items()}, longest)

    def find(self, text: str, offset: int = 0) -> list[EntityMention]:
        """Longest non-overlapping matches of known labels in ``text``."""
        toks = tokens(text, offset)
        folded = [fold(t.text) for t in toks]
        found: list[EntityMention] = []
        i = 0
        while i < len(toks):
            for length in range(min(self.longest, len(toks) - i), 0, -1):
                entity = self.entries.get(tuple(folded[i : i + length]))
                if entity is not None:
                    start, end = toks[i].start, toks[i + length - 1].end
                    span = Span(start, end, text[start - offset : end - offset])
                    found.append(EntityMention(span, entity, self.types.get(entity, frozenset())))
                    i += length
                    break
            else:
                i += 1
        return found
