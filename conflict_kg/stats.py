"""Store statistics: named graphs, quads, and distinct resources by class.

The class counts are of *distinct resources in the store* (the union of all
graphs: document graphs, curated data, the bundled reference individuals, and
inferred types once ``conflict-kg reason`` has run), each resource counted once
under every ontology class it has.  They are not the per-document mention counts
that ``conflict-kg ingest`` prints.
"""

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

GRAPHS_LABEL = "quads per named graph"
CLASSES_LABEL = ("distinct resources by class (all graphs; a resource counts once under "
                 "each of its classes)")


@dataclass(frozen=True)
class Stats:
    total: int
    graphs: dict[str, int]
    classes: dict[str, int]  # class IRI -> distinct resources of that class, in all graphs

    def render(self) -> str:
        lines = [f"{self.total} quads in {len(self.graphs)} named graphs", "",
                 f"{GRAPHS_LABEL}:"]
        lines += [f"  {n:>8}  {g}" for g, n in self.graphs.items()]
        lines += ["", f"{CLASSES_LABEL}:"]
        lines += [f"  {n:>8}  {c}" for c, n in self.classes.items()]
        return "\n".join(lines)

    def as_dict(self) -> dict[str, object]:
        return {"quads": self.total, "graphs": self.graphs, "classes": self.classes}


def stats(store: GraphStore) -> Stats:
    graphs = {g: store.count(g) for g in store.graphs()}
    classes = {r["class"].value: int(r["n"].value) for r in store.query(_BY_CLASS)}
    return Stats(store.count(), graphs, classes)
