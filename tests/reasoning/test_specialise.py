"""Rules specialised per T-box property derive exactly what the generic rules derive."""

from __future__ import annotations

import pyoxigraph as ox

from conflict_kg.namespaces import DataNamespace
from conflict_kg.reasoning import specialise as sp
from conflict_kg.reasoning.engine import Materializer
from conflict_kg.reasoning.rules import DATA_RULES
from conflict_kg.store import OxigraphStore
from tests.reasoning.edge_cases import EDGES, P

NS = DataNamespace("http://example.org/")

# Identity through inverse-functional and functional properties, a transitive
# chain, a symmetric pair: the rules that join data atoms on ?p.
IDENTITY = P + """
:governmentOf a owl:InverseFunctionalProperty .
:capital a owl:FunctionalProperty .
:near a owl:SymmetricProperty, owl:TransitiveProperty .
:g1 :governmentOf :stateA . :g2 :governmentOf :stateA . :g3 :governmentOf :stateB .
:stateA :capital :c1 . :stateA :capital :c2 .
:p1 :near :p2 . :p2 :near :p3 .
"""


def _rule(name: str):
    return next(r for r in DATA_RULES if r.name == name)


def _store(turtle: str) -> OxigraphStore:
    store = OxigraphStore.in_memory()
    graph = ox.NamedNode(NS.document_graph("t"))
    store.raw.extend(
        ox.Quad(t.subject, t.predicate, t.object, graph)
        for t in ox.parse(turtle, format=ox.RdfFormat.TURTLE)
    )
    return store


def _closure(store: OxigraphStore, specialise_rules: bool) -> set[str]:
    Materializer(store, NS, python_rules=False, specialise_rules=specialise_rules).full()
    graph = ox.NamedNode(NS.inferred_graph)
    return {str(q.triple) for q in store.raw.quads_for_pattern(None, None, None, graph)}


def test_predicate_variables() -> None:
    assert sp.predicate_variables(_rule("prp-ifp")) == ["?p"]
    assert sp.predicate_variables(_rule("prp-spo1")) == ["?p1"]
    assert sp.predicate_variables(_rule("cax-sco")) == []  # joins on a class, not a predicate


def test_one_rule_per_property() -> None:
    store = _store(IDENTITY)
    rules = sp.specialise(store, _rule("prp-ifp"))
    assert len(rules) == 1
    assert rules[0].body[1] == "?x1 <http://example.org/t#governmentOf> ?y"
    assert sp.specialise(store, _rule("cax-sco")) == [_rule("cax-sco")]


def test_too_many_properties_keep_the_generic_rule() -> None:
    many = P + " ".join(f":f{i} a owl:FunctionalProperty ." for i in range(sp.MAX_BINDINGS + 1))
    assert sp.specialise(_store(many), _rule("prp-fp")) == [_rule("prp-fp")]


def test_same_closure_as_generic_rules() -> None:
    for turtle in (IDENTITY, EDGES):
        generic = _closure(_store(turtle), specialise_rules=False)
        specialised = _closure(_store(turtle), specialise_rules=True)
        assert specialised == generic
    t = "http://example.org/t#"
    identity = _closure(_store(IDENTITY), specialise_rules=True)
    assert f"<{t}g1> <http://www.w3.org/2002/07/owl#sameAs> <{t}g2>" in identity
    assert f"<{t}c1> <http://www.w3.org/2002/07/owl#sameAs> <{t}c2>" in identity
    assert f"<{t}p1> <{t}near> <{t}p3>" in identity
    assert f"<{t}g1> <http://www.w3.org/2002/07/owl#sameAs> <{t}g3>" not in identity
