"""Who blamed, accused, denied or agreed with whom: the network behind /network.

Edges are counted in SPARQL (``GROUP BY`` claimant, stance, target), so the
copies of a syndicated story add weight, not rows; each edge links to up to
``MAX_EDGE_CLAIMS`` of its claims. A denial without a target is an edge to the
event it denies. Agreement partners are the parties of one agreement, an edge
per pair weighted by the agreements they share.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from conflict_kg.server.pages_data import Linker
from conflict_kg.server.pages_hierarchy import ck

MAX_EDGES = 400
MAX_EDGE_CLAIMS = 20

#: The stances drawn, and the word on their edges.
STANCES = {ck("blames"): "blames", ck("holdsResponsible"): "holds responsible",
           ck("accuses"): "accuses", ck("denies"): "denies", ck("confirms"): "confirms"}

_EDGES = f"""SELECT ?claimant ?stance ?other (COUNT(DISTINCT ?c) AS ?n) WHERE {{
  ?c <{ck("stance")}> ?stance ; <{ck("claimant")}> ?claimant .
  OPTIONAL {{ ?c <{ck("target")}> ?target }}
  OPTIONAL {{ ?c <{ck("about")}> ?about }}
  BIND(COALESCE(?target, IF(?stance = <{ck("denies")}>, ?about, ?unbound)) AS ?other)
  FILTER(BOUND(?other) && isIRI(?other))
}} GROUP BY ?claimant ?stance ?other"""

_EDGE_CLAIMS = f"""SELECT DISTINCT ?c WHERE {{
  ?c <{ck("stance")}> ?stance ; <{ck("claimant")}> ?claimant .
  {{ ?c <{ck("target")}> ?other }} UNION {{ ?c <{ck("about")}> ?other .
    FILTER NOT EXISTS {{ ?c <{ck("target")}> ?t }} }}
}} ORDER BY ?c LIMIT {MAX_EDGE_CLAIMS}"""

_PARTNERS = f"""SELECT ?a ?b (COUNT(DISTINCT ?agreement) AS ?n) (MIN(STR(?agreement)) AS ?example)
WHERE {{
  VALUES ?p1 {{ <{ck("party")}> <{ck("partyState")}> }}
  VALUES ?p2 {{ <{ck("party")}> <{ck("partyState")}> }}
  ?agreement ?p1 ?a ; ?p2 ?b . FILTER(isIRI(?a) && isIRI(?b) && STR(?a) < STR(?b))
}} GROUP BY ?a ?b"""


@dataclass
class Edge:
    source: str
    target: str
    kind: str  # the stance's word, or "agreement"
    weight: int
    links: list[dict[str, str]] = field(default_factory=list)  # {href, label} of claims


@dataclass
class Network:
    nodes: dict[str, dict[str, str]] = field(default_factory=dict)  # iri -> {label, href}
    edges: list[Edge] = field(default_factory=list)
    truncated: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "nodes": [{"id": iri, **n} for iri, n in self.nodes.items()],
            "edges": [{"source": e.source, "target": e.target, "kind": e.kind,
                       "weight": e.weight, "claims": e.links} for e in self.edges],
            "truncated": self.truncated,
        }


def network(linker: Linker, focus: str | None = None) -> Network:
    """The claims network (only the edges at ``focus`` if given) with agreement partners.

    With a focus the grouped rows are filtered here: they are one per distinct
    (claimant, stance, other), few however many copies a story has.
    """
    net = Network()

    def touches(a: str, b: str) -> bool:
        return focus is None or focus in (a, b)

    for stance, word in STANCES.items():
        for row in linker.store.query(_EDGES, substitutions={"stance": ox.NamedNode(stance)}):
            who, other = row["claimant"].value, row["other"].value
            if not touches(who, other):
                continue
            if len(net.edges) >= MAX_EDGES:
                net.truncated = True
                break
            edge = Edge(who, other, word, int(row["n"].value))
            for c in linker.store.query(_EDGE_CLAIMS, substitutions={
                    "stance": ox.NamedNode(stance), "claimant": row["claimant"],
                    "other": row["other"]}):
                node = linker.node(c["c"])
                edge.links.append({"href": node.href or "", "label": node.text})
            net.edges.append(edge)
    for row in linker.store.query(_PARTNERS):
        a, b = row["a"].value, row["b"].value
        if not touches(a, b):
            continue
        if len(net.edges) >= MAX_EDGES:
            net.truncated = True
            break
        example = linker.node(ox.NamedNode(row["example"].value))
        net.edges.append(Edge(a, b, "agreement", int(row["n"].value),
                              [{"href": example.href or "", "label": example.text}]))
    for e in net.edges:
        for iri in (e.source, e.target):
            if iri not in net.nodes:
                node = linker.node(ox.NamedNode(iri))
                net.nodes[iri] = {"label": node.text, "href": node.href or ""}
    return net
