"""Each SHACL shape has a fixture that violates it, and only it."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SH

from tests.ontology.conftest import FIXTURES

SHAPE_FIXTURES = sorted((FIXTURES / "shapes").glob("*.ttl"))
CKSHAPE = "https://w3id.org/conflict-kg/shapes#"


def _targeted_shapes(shapes: Graph) -> set[str]:
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    return {
        str(s)[len(CKSHAPE) :]
        for s in shapes.subjects(RDF.type, SH.NodeShape)
        if any((s, t, None) in shapes for t in targets)
    }


def _violated_node_shapes(report: Graph, shapes: Graph) -> set[str]:
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        source = report.value(result, SH.sourceShape)
        owner = shapes.value(predicate=SH.property, object=source) or source
        found.add(str(owner)[len(CKSHAPE) :] if isinstance(owner, URIRef) else str(owner))
    return found


def test_every_targeted_shape_has_a_fixture(shapes_graph: Graph) -> None:
    covered = {p.stem.split("-")[0] for p in SHAPE_FIXTURES}
    assert _targeted_shapes(shapes_graph) - covered == set()
    assert {"ClaimShape", "AgreementShape", "MentionShape", "DatedShape"} <= covered


@pytest.mark.parametrize("path", SHAPE_FIXTURES, ids=lambda p: p.stem)
def test_fixture_violates_its_shape_only(
    path: Path, shapes_graph: Graph, ontology_graph: Graph
) -> None:
    data = Graph().parse(path, format="turtle")
    conforms, report, text = pyshacl.validate(
        data,
        shacl_graph=shapes_graph,
        ont_graph=ontology_graph,
        inference="none",
        allow_warnings=False,
    )
    assert not conforms, f"{path.name} should violate {path.stem}"
    assert isinstance(report, Graph)
    # Nested results of helper shapes (sh:node targets, e.g. DateValue) are details.
    violated = _violated_node_shapes(report, shapes_graph) & _targeted_shapes(shapes_graph)
    assert violated == {path.stem.split("-")[0]}, text
