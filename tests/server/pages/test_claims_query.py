"""The claims about an entity are read in two branches, the reasoner's graph apart (its
many inferred links to a hub hold no claim when the documents type their claims), with
the rows of the earlier one-pattern query: per graph, a claim linked and typed in the same
graph, whatever the graph."""

from __future__ import annotations

import pyoxigraph as ox

from conflict_kg.namespaces import ONTOLOGY, RDF, DataNamespace
from conflict_kg.server.pages import entity
from conflict_kg.store import OxigraphStore

BASE = "https://example.org/kg/"
NS = DataNamespace(BASE)
CK = ONTOLOGY
EARLIER = f"""SELECT * WHERE {{ GRAPH ?g {{
  ?c ?rel ?entity . ?c a ?class . FILTER(sameTerm(?class, <{CK}Claim>))
  OPTIONAL {{ ?c <{CK}stance> ?stance }}
  OPTIONAL {{ ?c <{CK}claimant> ?claimant }}
  OPTIONAL {{ ?c <{CK}date> ?date }}
  OPTIONAL {{ ?c <{CK}quote> ?quote }}
  OPTIONAL {{ ?c <{CK}content> ?content }}
}} }}"""
STATE = ox.NamedNode(BASE + "id/state/ruritania")
TYPE, CLAIM = ox.NamedNode(RDF + "type"), ox.NamedNode(CK + "Claim")


def _p(name: str) -> ox.NamedNode:
    return ox.NamedNode(CK + name)


def _store() -> OxigraphStore:
    store = OxigraphStore.in_memory()
    told, inferred_only, typed_elsewhere, event = (
        ox.NamedNode(f"{BASE}id/{path}") for path in
        ("claim/told", "claim/inferred", "claim/typed-in-a-document", "event/e1"))
    for n in range(3):  # a story and its syndicated copies
        store.add_to_graph(f"{BASE}graph/document/d{n}", [
            ox.Triple(told, TYPE, CLAIM), ox.Triple(told, _p("claimant"), STATE),
            ox.Triple(told, _p("stance"), _p("denies")),
            ox.Triple(told, _p("quote"), ox.Literal(f"we did not (copy {n})")),
            ox.Triple(typed_elsewhere, TYPE, CLAIM),
            ox.Triple(typed_elsewhere, _p("target"), ox.NamedNode(BASE + "id/state/other")),
            ox.Triple(event, TYPE, _p("Attack")), ox.Triple(event, _p("agent"), STATE),
        ])
    store.add_to_graph(NS.inferred_graph, [
        # typed and linked by the reasoner only: a claim of the inferred graph
        ox.Triple(inferred_only, TYPE, CLAIM), ox.Triple(inferred_only, _p("target"), STATE),
        ox.Triple(inferred_only, _p("date"), ox.Literal("2020-01-01")),
        # linked by the reasoner, typed in the documents only: not a claim of that graph
        ox.Triple(typed_elsewhere, _p("attributedToState"), STATE),
        ox.Triple(told, _p("attributedToState"), STATE),
        ox.Triple(event, _p("participant"), STATE),
    ])
    return store


def _rows(store: OxigraphStore, text: str) -> list[tuple[str, ...]]:
    rows = store.query(text, substitutions={"entity": STATE}, union_default_graph=False)
    names = [v.value for v in rows.variables]
    return sorted(tuple(f"{n}={row[n]}" for n in sorted(names)) for row in rows)


def test_the_rows_are_those_of_the_earlier_query():
    store = _store()
    now = _rows(store, entity._CLAIMS.replace("INFERRED", str(ox.NamedNode(NS.inferred_graph))))
    assert now == _rows(store, EARLIER)
    claims = {row[0] for row in now}  # c=...
    assert claims == {f"c=<{BASE}id/claim/told>", f"c=<{BASE}id/claim/inferred>"}
    assert len(now) == 4  # three copies of one claim, one inferred claim
