"""The SPARQL prefilter keeps every node that may violate a shape and drops conforming ones."""

from __future__ import annotations

from pathlib import Path

import rdflib

from conflict_kg.checks import shacl, shacl_prefilter
from conflict_kg.checks.shacl_reach import SUBCLASS
from conflict_kg.checks.triples import source_for
from tests.checks.cases import SHAPE_FAULTS
from tests.checks.stores import shacl_store as _store

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


def _position_in_graphs(name: str, graphs: int, holders: list[str]) -> str:
    """A position stated by ``graphs`` documents (TriG), the last one naming ``holders``."""
    blocks = []
    for n in range(graphs):
        named = holders if n == graphs - 1 else holders[:1]
        blocks.append(
            f"<http://example.org/graph/{name}-{n}> {{ :{name} a ck:Position ; "
            f"ck:holder {', '.join(named)} ; ck:role :minister ; ck:positionIn :ministry . }}")
    return "\n".join(blocks)


def test_copies_of_a_value_in_many_graphs_are_one_value(tmp_path: Path) -> None:
    """The union is a bag: 30 copies of one holder are one holder, two holders are two."""
    # Separate people: a holder is functional, so :two's holders become the same
    # individual once reasoned, and a shared holder would then have two names.
    turtle = (":ann a ck:Person . :bob a ck:Person . :cem a ck:Person .\n"
              ":ministry a ck:Organisation . :minister a ck:Role .\n"
              + _position_in_graphs("same", 30, [":ann"])
              + _position_in_graphs("two", 30, [":bob", ":cem"]))
    found = suspects(turtle, tmp_path, "PositionShape")
    assert found == {EX + "two"}


def test_counts_on_the_focus_node_are_aggregates_not_self_joins() -> None:
    """A count joined as ``?this p ?a . ?this p ?b . FILTER(!sameTerm(?a, ?b))`` makes
    N copies of one value N² pairs (N³ with the target's N type triples): a story
    syndicated 400 times took minutes.  No project shape is translated that way."""
    shapes = shacl._parse(shacl.shape_files())
    for shape in shacl._targeted(shapes):
        query = shacl_prefilter.suspects_query(shapes, shape, lambda c: [c])
        assert "sameTerm(?" not in query, shape
        assert query.count("SELECT DISTINCT ?this") == 1, shape  # targets made a set first
    position = shacl_prefilter.suspects_query(
        shapes, rdflib.URIRef(CKSHAPE + "PositionShape"), lambda c: [c])
    assert "COUNT(DISTINCT" in position


def test_a_count_above_three_is_translated(tmp_path: Path) -> None:
    """Pairwise-distinct variables stopped at three; an aggregate counts any number."""
    shapes = rdflib.Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ck: <https://w3id.org/conflict-kg/ontology#> .
        <http://example.org/shape> a sh:NodeShape ; sh:targetClass ck:Agreement ;
            sh:property [ sh:path ck:party ; sh:minCount 2 ; sh:maxCount 4 ] .
        """, format="turtle")
    parties = [f":p{n}" for n in range(6)]
    store = _store("\n".join(
        f":a{n} a ck:Agreement" + "".join(f" ; ck:party {p}" for p in parties[:n]) + " ."
        for n in range(6)), tmp_path)
    query = shacl_prefilter.suspects_query(shapes, rdflib.URIRef("http://example.org/shape"),
                                           lambda c: [c])
    found = {row["this"].value for row in store.query(query)}
    assert found == {EX + "a0", EX + "a1", EX + "a5"}


def test_a_count_over_a_path_of_length_zero_stays_on_the_targets(tmp_path: Path) -> None:
    """``ck:partOf*`` with the focus node free matches every node: counted on targets only."""
    shapes = rdflib.Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ck: <https://w3id.org/conflict-kg/ontology#> .
        <http://example.org/shape> a sh:NodeShape ; sh:targetClass ck:Agreement ;
            sh:property [ sh:path [ sh:zeroOrMorePath ck:partOf ] ; sh:maxCount 2 ] .
        """, format="turtle")
    store = _store(":a a ck:Agreement ; ck:partOf :b . :b ck:partOf :c .\n"
                   ":d a ck:Agreement ; ck:partOf :e .", tmp_path)
    query = shacl_prefilter.suspects_query(shapes, rdflib.URIRef("http://example.org/shape"),
                                           lambda c: [c])
    assert {row["this"].value for row in store.query(query)} == {EX + "a"}  # a, b, c
