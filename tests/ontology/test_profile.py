"""The ontology stays inside OWL 2 RL; the checker catches constructs outside it."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from tests.ontology.conftest import FIXTURES
from tests.support.owl_profile import check_owl2rl

OUTSIDE = sorted((FIXTURES / "profile").glob("*.ttl"))


def test_whole_ontology_is_owl2rl(ontology_graph: Graph) -> None:
    assert check_owl2rl(ontology_graph) == []


def test_reference_individuals_are_owl2rl(reference_graph: Graph) -> None:
    assert check_owl2rl(reference_graph) == []


def test_allowed_constructs_in_allowed_positions_pass() -> None:
    g = Graph().parse(FIXTURES / "profile-inside.ttl", format="turtle")
    assert check_owl2rl(g) == []


def test_there_are_fixtures_for_the_issue_examples() -> None:
    names = {p.stem for p in OUTSIDE}
    assert {"union-in-superclass", "existential-in-superclass"} <= names


@pytest.mark.parametrize("path", OUTSIDE, ids=lambda p: p.stem)
def test_checker_rejects_fixture(path: Path) -> None:
    expected = path.read_text(encoding="utf-8").splitlines()[0].removeprefix("# expect: ")
    violations = check_owl2rl(Graph().parse(path, format="turtle"))
    assert violations, f"{path.name} should be outside OWL 2 RL"
    assert any(expected in v for v in violations), violations


def test_fixture_violation_is_caught_inside_the_real_ontology(ontology_graph: Graph) -> None:
    g = Graph()
    g += ontology_graph
    g.parse(FIXTURES / "profile" / "union-in-superclass.ttl", format="turtle")
    assert len(check_owl2rl(g)) == 1
