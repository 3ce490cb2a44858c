"""The SPARQL prefilter keeps every node that may violate a shape and drops conforming ones."""

from __future__ import annotations

from pathlib import Path

import rdflib

from conflict_kg.checks import shacl, shacl_prefilter
from conflict_kg.checks.shacl_reach import SUBCLASS
from conflict_kg.checks.triples import source_for
from tests.checks.test_shacl_chunked import SHAPE_FAULTS, _store

CKSHAPE = "https://w3id.org/conflict-kg/shapes#"
EX = "http://example.org/c#"


def suspects(turtle: str, tmp_path: Path, shape: str) -> set[str]:
    store = _store(turtle, tmp_path)
    shapes = shacl._parse(shacl.shape_files())
    subclass = list(source_for(store).every(SUBCLASS))
    query = shacl_prefilter.suspects_query(
        shapes, rdflib.URIRef(CKSHAPE + shape), lambda c: shacl._with_subclasses([c], subclass))
    return {row["this"].value for row in store.query(query)}


def test_violating_claims_are_suspects_conforming_ones_are_not(tmp_path: Path) -> None:
    found = suspects(SHAPE_FAULTS, tmp_path, "ClaimShape")
    assert EX + "c1" in found
    assert EX + "c3" not in found  # conforms once reasoned: pyshacl need not see it


def test_sh_not_and_counts(tmp_path: Path) -> None:
    found = suspects(SHAPE_FAULTS + ":m5 a ck:Agreement ; ck:party :syria , :russia .",
                     tmp_path, "AgreementShape")
    assert {EX + "m1", EX + "m2", EX + "m4"} <= found  # one party; a place; a literal
    assert EX + "m5" not in found


def test_or_of_property_shapes(tmp_path: Path) -> None:
    found = suspects(SHAPE_FAULTS + ":q3 a ck:Quantity ; ck:upperBound 7 .", tmp_path,
                     "QuantityShape")
    assert EX + "q1" in found and EX + "q3" not in found


def test_ill_typed_and_untyped_dates_are_suspects(tmp_path: Path) -> None:
    found = suspects(SHAPE_FAULTS, tmp_path, "DatedShape")
    assert {EX + "e1", EX + "e4"} <= found
    assert EX + "e3" not in found  # gYear and gYearMonth, well formed


def test_every_shape_file_is_translated() -> None:
    shapes = shacl._parse(shacl.shape_files())
    targeted = shacl._targeted(shapes)
    assert targeted, "the project's shapes have targets"
    for shape in targeted:
        query = shacl_prefilter.suspects_query(shapes, shape, lambda c: [c])  # raises if not
        assert "SELECT" in query.upper() and "?this" in query, (shape, query)
