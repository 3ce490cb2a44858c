"""Fixtures for the ontology tests: parsed modules, shapes, and reasoned examples."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import owlrl
import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from conflict_kg import resources
from conflict_kg.gazetteer import generated_reference_files
from conflict_kg.namespaces import DataNamespace
from conflict_kg.ontology_docs import Ontology, load_ontology

FIXTURES = Path(__file__).parent / "fixtures"
# The examples name reference individuals under the default data namespace.
EXAMPLE_BASE = "https://w3id.org/conflict-kg/"
ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")


def shapes_files() -> list[Path]:
    return sorted((resources.ontology_dir() / "shapes").glob("*.ttl"))


def example_files() -> list[Path]:
    return sorted((resources.ontology_dir() / "examples").glob("*.ttl"))


def parse_all(paths: list[Path]) -> Graph:
    g = Graph()
    for path in paths:
        g.parse(path, format="turtle")
    return g


def reason(*graphs: Graph) -> Graph:
    """OWL 2 RL closure of the union, as the project's reasoner sees it."""
    g = Graph()
    for part in graphs:
        g += part
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return g


def owlrl_errors(g: Graph) -> list[str]:
    return sorted(str(m) for m in g.objects(None, ERR.error))


@pytest.fixture(scope="session")
def ontology() -> Ontology:
    return load_ontology()


@pytest.fixture(scope="session")
def ontology_graph(ontology: Ontology) -> Graph:
    return ontology.graph


@pytest.fixture(scope="session")
def reference_graph() -> Graph:
    # The curated files and the states/cities generated from packages: the reference graph.
    return parse_all([*resources.reference_files(), *generated_reference_files()])


@pytest.fixture(scope="session")
def shapes_graph() -> Graph:
    return parse_all(shapes_files())


@dataclass(frozen=True)
class ExampleClosure:
    """An example reasoned with the ontology and the whole reference graph by the
    project's engine (tests/reasoning/test_closure.py holds it equal to owlrl's closure
    on the ontology, the curated reference files and the examples; owlrl over the
    ~54,000 generated reference triples took two minutes per example)."""

    graph: Graph  # every asserted and inferred triple, as one rdflib graph
    owl_errors: list[str]  # error-severity findings of the OWL checks, as text


class ExampleClosures:
    """Each example reasoned with the ontology and reference individuals, once per session."""

    def __init__(self) -> None:
        self._cache: dict[str, ExampleClosure] = {}

    def closed(self, name: str) -> ExampleClosure:
        if name not in self._cache:
            self._cache[name] = _reason_example(resources.ontology_dir() / "examples"
                                                / f"{name}.ttl")
        return self._cache[name]

    def __call__(self, name: str) -> Graph:
        return self.closed(name).graph


def _reason_example(path: Path) -> ExampleClosure:
    from conflict_kg.bundled import ensure_bundled
    from conflict_kg.checks import check
    from conflict_kg.reasoning import reason as reason_in_store
    from conflict_kg.store import OxigraphStore

    ns = DataNamespace(EXAMPLE_BASE)
    store = OxigraphStore.in_memory()
    ensure_bundled(store, ns)
    store.load_file(path, ns.document_graph(path.stem))
    reason_in_store(store, ns)
    report = check(store, ns, reason_first=False, layers=["owl"])
    errors = sorted(f"{f.check} {f.resource}: {f.message}"
                    for f in report.findings if f.severity == "error")
    graph = Graph()
    for row in store.query("SELECT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } }"):
        graph.add(tuple(_to_rdflib(row[v]) for v in ("s", "p", "o")))  # type: ignore[arg-type]
    return ExampleClosure(graph, errors)


def _to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


@pytest.fixture(scope="session")
def example_closure() -> ExampleClosures:
    return ExampleClosures()


@pytest.fixture(scope="session")
def examples_closure(example_closure: ExampleClosures) -> Graph:
    """The Il-20/Sochi example, reasoned (once per session)."""
    return example_closure("il20-sochi-2018")
