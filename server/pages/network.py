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

from conflict_kg.server.pages.data import Linker
from conflict_kg.server.pages.hierarchy import ck

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

# The parties of each agreement; pairs are made here (a few parties per agreement).
_PARTIES = f"""SELECT DISTINCT ?agreement ?party WHERE {{
  VALUES ?p {{ <{ck("party")}> <{ck("partyState")}> }}
  ?agreement ?p ?party . FILTER(isIRI(?party))
}}"""


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
                # Named by the IRI's tail, not labelled: an edge may list 20 claims.
                iri = c["c"].value
                edge.links.append({"href": linker.mapper.href(iri) or "",
                                   "label": "claim " + iri.split("/id/claim/")[-1]})
            net.edges.append(edge)
    parties: dict[str, set[str]] = {}
    for row in linker.store.query(_PARTIES):
        parties.setdefault(row["agreement"].value, set()).add(row["party"].value)
    shared: dict[tuple[str, str], list[str]] = {}
    for agreement, members in sorted(parties.items()):
        for a in sorted(members):
            for b in sorted(members):
                if a < b and touches(a, b):
                    shared.setdefault((a, b), []).append(agreement)
    for (a, b), agreements in shared.items():
        if len(net.edges) >= MAX_EDGES:
            net.truncated = True
            break
        links = [{"href": linker.mapper.href(x) or "", "label": linker.label(x)}
                 for x in agreements[:MAX_EDGE_CLAIMS]]
        net.edges.append(Edge(a, b, "agreement", len(agreements), links))
    for e in net.edges:
        for iri in (e.source, e.target):
            if iri not in net.nodes:
                node = linker.node(ox.NamedNode(iri))
                net.nodes[iri] = {"label": node.text, "href": node.href or ""}
    return net
