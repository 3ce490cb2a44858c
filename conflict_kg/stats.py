"""Store statistics: graphs, triples, entities by class."""

from __future__ import annotations

from dataclasses import dataclass

from conflict_kg.namespaces import ONTOLOGY
from conflict_kg.store.base import GraphStore

# The namespace is our own constant, not user input.
_BY_CLASS = f"""
SELECT ?class (COUNT(DISTINCT ?entity) AS ?n) WHERE {{
  ?entity a ?class .
  FILTER(STRSTARTS(STR(?class), "{ONTOLOGY}"))
}} GROUP BY ?class ORDER BY DESC(?n) ?class
"""


@dataclass(frozen=True)
class Stats:
    total: int
    graphs: dict[str, int]
    classes: dict[str, int]

    def render(self) -> str:
        lines = [f"{self.total} quads in {len(self.graphs)} named graphs", "", "graphs:"]
        lines += [f"  {n:>8}  {g}" for g, n in self.graphs.items()]
        lines += ["", "entities by class:"]
        lines += [f"  {n:>8}  {c}" for c, n in self.classes.items()]
        return "\n".join(lines)

    def as_dict(self) -> dict[str, object]:
        return {"quads": self.total, "graphs": self.graphs, "classes": self.classes}


def stats(store: GraphStore) -> Stats:
    graphs = {g: store.count(g) for g in store.graphs()}
    classes = {r["class"].value: int(r["n"].value) for r in store.query(_BY_CLASS)}
    return Stats(store.count(), graphs, classes)
