"""Full runs with the single-premise rules in Python equal the all-SPARQL evaluation.

Both evaluations run on the same store, so blank nodes keep their identities
and the inferred graphs are compared exactly, triple by triple.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
import pytest

from conflict_kg import resources
from conflict_kg.namespaces import DataNamespace
from conflict_kg.reasoning import fast
from conflict_kg.reasoning.engine import Materializer
from conflict_kg.reasoning.rules import DATA_RULES
from conflict_kg.store import OxigraphStore
from tests.reasoning.edge_cases import EDGES, P
from tests.reasoning.lubm_data import load_lubm

NS = DataNamespace("http://example.org/")
DATA = Path(__file__).parent / "data"
# A T-box the templates cannot express: the engine evaluates everything as SPARQL.
UNSUPPORTED = P + """
:isa rdfs:subPropertyOf rdf:type .
:Solo owl:intersectionOf ( :Member ) . :Member rdfs:subClassOf :Top .
:k :isa :Member .
"""


def _store_from(turtle: str | None = None, files: Sequence[Path] = ()) -> OxigraphStore:
    store = OxigraphStore.in_memory()
    for i, path in enumerate(files):
        store.load_file(path, NS.document_graph(f"f{i}"))
    if turtle is not None:
        graph = ox.NamedNode(NS.document_graph("turtle"))
        store.raw.extend(
            ox.Quad(t.subject, t.predicate, t.object, graph)
            for t in ox.parse(turtle, format=ox.RdfFormat.TURTLE)
        )
    return store


def _closure(store: OxigraphStore, python_rules: bool) -> set[str]:
    Materializer(store, NS, python_rules=python_rules).full()
    graph = ox.NamedNode(NS.inferred_graph)
    return {str(q.triple) for q in store.raw.quads_for_pattern(None, None, None, graph)}


def assert_same_closure(store: OxigraphStore) -> set[str]:
    in_sparql = _closure(store, python_rules=False)
    with_python = _closure(store, python_rules=True)
    assert with_python == in_sparql
    return with_python


def test_fast_rules_are_the_single_premise_rules() -> None:
    names = sorted(r.name for r in fast.FAST_RULES)
    assert names == sorted(fast.FAST_NAMES)
    assert all(len(r.data) == 1 for r in fast.FAST_RULES)
    assert len([r for r in DATA_RULES if r.name == "cls-int1"]) == 3


def test_synthetic_graph() -> None:
    closure = assert_same_closure(_store_from(files=[DATA / "synthetic.ttl"]))
    assert len(closure) > 100


def test_corner_cases() -> None:
    closure = assert_same_closure(_store_from(EDGES))
    t = "http://example.org/t#"
    expected = {
        f"<{t}a> <{t}label2> \"Alice\"",
        f"<{t}i> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{t}C>",  # T-box from data
        f"<{t}k1> <{t}partOf> <{t}k3>",  # TransitiveProperty from a range
        f"<{t}t1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{t}Top>",
        f"<{t}m> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{t}Solo>",
        f"<{t}u> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{t}Haver>",
        f"<{t}y> <http://www.w3.org/2002/07/owl#sameAs> <{t}x>",
    }
    assert expected <= closure
    assert not any(x.startswith('"') for x in closure)  # no literal subject
    assert f"<{t}x> <http://www.w3.org/2002/07/owl#sameAs> <{t}x>" not in closure
    a, thing = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", fast.THING.value
    assert f"<{t}b> <{a}> <{thing}>" not in closure
    assert not any(f"<{t}d> _:" in x for x in closure)  # no blank-node predicate


def test_unsupported_tbox_falls_back_to_sparql() -> None:
    store = _store_from(UNSUPPORTED)
    with pytest.raises(fast.Unsupported):
        fast.Templates.load(store)
    closure = assert_same_closure(store)
    assert "<http://example.org/t#k> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> " \
        "<http://example.org/t#Solo>" in closure


def test_default_graph_is_not_read() -> None:
    store = _store_from(EDGES)
    store.raw.add(ox.Quad(ox.NamedNode("http://example.org/t#w"), ox.NamedNode(
        "http://example.org/t#has"), ox.NamedNode("http://example.org/t#v")))
    closure = assert_same_closure(store)
    assert not any(x.startswith("<http://example.org/t#w>") for x in closure)


@pytest.mark.slow
def test_ontology_and_examples() -> None:
    files = [
        *resources.ontology_modules(),
        *resources.reference_files(),
        *sorted((resources.ontology_dir() / "examples").glob("*.ttl")),
    ]
    assert len(assert_same_closure(_store_from(files=files))) > 1000


@pytest.mark.slow
@pytest.mark.needs_shared
def test_lubm(tmp_path: Path) -> None:
    store = OxigraphStore.in_memory()
    load_lubm(store, NS, tmp_path)
    assert len(assert_same_closure(store)) > 40_000
