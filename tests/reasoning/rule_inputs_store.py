"""A small store for the full-closure tests (test_rule_inputs, test_disk_closure): a
T-box the data can extend, a functional property that derives a sameAs, a someValuesFrom
restriction, and triples no rule reads."""

from __future__ import annotations

import pyoxigraph as ox

from conflict_kg.namespaces import OWL, RDF, RDFS
from conflict_kg.store import OxigraphStore

EX = "http://example.org/"


def n(local: str) -> ox.NamedNode:
    return ox.NamedNode(EX + local)


def t(s: str, p: str, o: object) -> ox.Triple:
    obj = o if isinstance(o, (ox.Literal, ox.NamedNode, ox.BlankNode)) else n(str(o))
    return ox.Triple(n(s) if ":" not in s else ox.NamedNode(s), ox.NamedNode(p)
                     if ":" in p else n(p), obj)


TYPE, SUB, DOMAIN = RDF + "type", RDFS + "subClassOf", RDFS + "domain"


def fill(store: OxigraphStore, documents: int = 3) -> None:
    restriction = ox.BlankNode("supplier-restriction")  # the same node in each store
    tbox = [
        t("Garrison", SUB, "Unit"),
        t("stationedIn", DOMAIN, "Garrison"),
        t("registry", TYPE, ox.NamedNode(OWL + "FunctionalProperty")),
        t("alias", RDFS + "subPropertyOf", ox.NamedNode(DOMAIN)),  # data can extend the T-box
        ox.Triple(restriction, ox.NamedNode(TYPE), ox.NamedNode(OWL + "Restriction")),
        ox.Triple(restriction, ox.NamedNode(OWL + "onProperty"), n("supplies")),
        ox.Triple(restriction, ox.NamedNode(OWL + "someValuesFrom"), ox.NamedNode(OWL + "Thing")),
        ox.Triple(restriction, ox.NamedNode(SUB), n("Supplier")),
    ]
    store.add_to_graph(EX + "graph/ontology", tbox)
    for i in range(documents):
        unit = f"unit{i}"
        store.add_to_graph(EX + f"graph/doc{i}", [
            t(unit, "stationedIn", "Valdoria"),
            t(unit, "supplies", "Carvania"),
            t(unit, "registry", "record-a"),  # one registry: record-a sameAs record-b
            t(f"unit{i}x", "registry", "record-a"),
            # Read by no rule: NIF-like offsets and strings.
            t(f"mention{i}", "beginIndex", ox.Literal(str(i))),
            t(f"mention{i}", "anchorOf", ox.Literal("a convoy")),
            t(f"mention{i}", TYPE, "Mention"),
        ])
    store.add_to_graph(EX + "graph/extra", [
        t("unit0", "registry", "record-b"),
        t("record-a", "note", ox.Literal("kept on file")),  # reaches record-b by eq-rep-s
        t("record-b", "note", ox.Literal("kept on file")),  # ... which is asserted anyway
        t("record-a", "shelf", "archive"),  # ... and this, which is not
        t("posted", "alias", "Garrison"),  # posted rdfs:domain Garrison (derived T-box)
        t("unit9", "posted", "Carvania"),  # read only once the T-box has grown
    ])


def inferred(store: OxigraphStore, graph: str) -> set[str]:
    return {str(q.triple) for q in store.raw.quads_for_pattern(None, None, None,
                                                               ox.NamedNode(graph))}
