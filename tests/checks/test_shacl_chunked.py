"""The chunked SHACL layer reports exactly what pyshacl reports over the whole graph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from conflict_kg import ingest
from conflict_kg.bundled import ensure_bundled
from conflict_kg.checks import shacl, shacl_pool
from conflict_kg.checks.model import Finding
from conflict_kg.namespaces import DataNamespace
from conflict_kg.reasoning import reason
from conflict_kg.store import OxigraphStore
from tests.checks.cases import CASES, PREFIXES
from tests.conftest import SEED

NS = DataNamespace("https://w3id.org/conflict-kg/")

# Turtle that trips every shape file in some way, beside nodes that conform.
SHAPE_FAULTS = """
:m1 a ck:Memorandum ; ck:party :syria .
:m2 a ck:Agreement ; ck:party :syria , :latakia . :latakia a ck:City .
:m3 a ck:Agreement ; ck:party :syria , :russia ; ck:provision :p1 , :p3 .
:m4 a ck:Agreement ; ck:party "Syria" , :russia ; ck:provision :p1 .
:p1 a ck:Provision . :p2 a ck:Provision . :p3 a ck:Provision .
:c1 a ck:Claim ; ck:stance ck:blames , ck:denies ; ck:claimant "someone" .
:c2 a ck:Claim ; ck:claimant :russia ; ck:evidence :c2m ; ck:stance :notAStance .
:c3 a ck:Claim ; ck:claimant :russia ; ck:evidence :c3m ; ck:certainty ck:likely .
:e1 ck:date "2018-13-40"^^xsd:date ; ck:startDate "2018-09-17"^^xsd:date ,
    "2018-09-16"^^xsd:date .
:e2 ck:startDate "2018-09-17"^^xsd:date ; ck:endDate "2018-09-10"^^xsd:date .
:e3 ck:startDate "2018"^^xsd:gYear ; ck:endDate "2019-01"^^xsd:gYearMonth .
:e4 ck:signingDate "17 September 2018" ; ck:deadline "2018-10-15"^^xsd:date .
<http://example.org/doc/d1> a ck:Document ; nif:isString "Ships fired at the port." ;
    ck:contentHash "xyz" ;
    ck:sourceUrl "http://example.org/not-an-iri" .
<http://example.org/doc/d1#char=0,5> a ck:Mention ;
    nif:referenceContext <http://example.org/doc/d1> ;
    nif:beginIndex 0 ; nif:endIndex 5 ; nif:anchorOf "Ships" .
<http://example.org/doc/d1#char=6,11> a ck:Mention ;
    nif:referenceContext <http://example.org/doc/d1> ;
    nif:beginIndex 6 ; nif:endIndex 11 ; nif:anchorOf "shot" .
:badname a ck:Mention ;
    nif:referenceContext <http://example.org/doc/d1> ; nif:beginIndex 12 ; nif:endIndex 14 ;
    nif:anchorOf "at" .
<http://example.org/doc/d1#char=20,90> a ck:Mention ;
    nif:referenceContext <http://example.org/doc/d1> ;
    nif:beginIndex 20 ; nif:endIndex 90 .
:c2m a ck:Mention ; nif:beginIndex -1 .
:pos1 a ck:Position ; ck:holder :russia ; ck:positionIn :ministry , :army ; ck:role ck:minister .
:q1 a ck:Quantity .
:q2 a ck:Quantity ; ck:lowerBound 10 ; ck:upperBound 5 .
:e5 ck:deaths [ a ck:Quantity ; ck:value 3 , 4 ] , [ a ck:Quantity ; ck:lowerBound 2 ] .
"""


def _sorted(findings: list[Finding]) -> list[tuple[str, ...]]:
    return sorted(
        (f.check, f.severity, f.resource, f.message, f.path or "", f.value or "") for f in findings
    )


def assert_same(store: OxigraphStore) -> list[Finding]:
    _infos, chunked, _notes = shacl.run(store, NS)
    _infos, full, _notes = shacl.run_full(store, NS)
    assert _sorted(chunked) == _sorted(full)
    return chunked


def _store(turtle: str, tmp_path: Path, reasoned: bool = True) -> OxigraphStore:
    path = tmp_path / "data.trig"  # TriG: a fixture may name a second source graph
    path.write_text(PREFIXES + turtle)
    store = OxigraphStore.in_memory()
    ensure_bundled(store, NS)
    store.load_file(path, NS.document_graph("fixture"), keep_graphs=True)
    if reasoned:
        reason(store, NS)
    return store


@pytest.mark.parametrize("reasoned", [True, False])
def test_shape_faults(tmp_path: Path, reasoned: bool) -> None:
    found = assert_same(_store(SHAPE_FAULTS, tmp_path, reasoned))
    # Every shape file has something to say, so the comparison is not vacuous.
    checks = {f.check for f in found}
    for shape in ("AgreementShape", "ProvisionShape", "ClaimShape", "DatedShape",
                  "MentionShape", "MentionOffsetsShape", "DocumentShape", "PositionShape",
                  "QuantityShape"):
        assert f"shacl:{shape}" in checks, shape
    resources = {f.resource for f in found}
    # Subclass members are targets too: without reasoning pyshacl follows rdfs:subClassOf.
    assert "http://example.org/c#m1" in resources
    if reasoned:  # then :c3m is a ck:Mention by the range of ck:evidence
        assert "http://example.org/c#c3" not in resources


def test_check_fixtures(tmp_path: Path) -> None:
    turtle = "\n".join(shared + "\n" + fault for shared, fault, _r in CASES.values())
    assert_same(_store(turtle, tmp_path))


@pytest.mark.parametrize("workers", [1, 2])
def test_small_chunks_change_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     workers: int) -> None:
    """Chunks of two focus nodes, validated in-process or in two worker processes."""
    monkeypatch.setattr(shacl, "CHUNK", 2)
    monkeypatch.setattr(shacl_pool, "WORKERS", workers)
    assert_same(_store(SHAPE_FAULTS, tmp_path))


@pytest.mark.needs_shared
def test_seed_graph_with_faults(tmp_path: Path) -> None:
    store = OxigraphStore.in_memory()
    report = ingest.run([SEED], store, NS)
    assert report.ok and report.ingested
    doc = next(iter(store.query(
        "SELECT ?d WHERE { ?d a <https://w3id.org/conflict-kg/ontology#Document> } LIMIT 1")))
    document = doc["d"]
    faults = [
        # A mention of the seed document whose text is not the slice it names.
        ox.Triple(ox.NamedNode(document.value + "#char=0,4"),
                  ox.NamedNode("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
                               "anchorOf"), ox.Literal("XXXX")),
        ox.Triple(document, ox.NamedNode("https://w3id.org/conflict-kg/ontology#contentHash"),
                  ox.Literal("0" * 64)),
    ]
    store.add_to_graph(NS.curated_graph("faults"), faults)
    reason(store, NS)
    found = assert_same(store)
    assert any(f.check == "shacl:DocumentShape" and f.resource == document.value for f in found)
