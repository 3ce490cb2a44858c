"""Fixtures for the ontology tests: parsed modules, shapes, and reasoned examples."""

from __future__ import annotations

from pathlib import Path

import owlrl
import pytest
from rdflib import Graph, Namespace

from conflict_kg import resources
from conflict_kg.gazetteer import generated_reference_files
from conflict_kg.ontology_docs import Ontology, load_ontology

FIXTURES = Path(__file__).parent / "fixtures"
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


class ExampleClosures:
    """Each example reasoned with the ontology and reference individuals, once per session."""

    def __init__(self, ontology: Graph, reference: Graph) -> None:
        self._base = (ontology, reference)
        self._cache: dict[str, Graph] = {}

    def __call__(self, name: str) -> Graph:
        if name not in self._cache:
            path = resources.ontology_dir() / "examples" / f"{name}.ttl"
            self._cache[name] = reason(*self._base, Graph().parse(path, format="turtle"))
        return self._cache[name]


@pytest.fixture(scope="session")
def example_closure(ontology_graph: Graph, reference_graph: Graph) -> ExampleClosures:
    return ExampleClosures(ontology_graph, reference_graph)


@pytest.fixture(scope="session")
def examples_closure(example_closure: ExampleClosures) -> Graph:
    """The Il-20/Sochi example, reasoned (owlrl takes seconds, so only once)."""
    return example_closure("il20-sochi-2018")
