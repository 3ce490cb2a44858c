"""The chunked SHACL layer reports exactly what pyshacl reports over the whole graph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from conflict_kg import ingest
from conflict_kg.checks import shacl, shacl_pool
from conflict_kg.checks.model import Finding
from conflict_kg.reasoning import reason
from conflict_kg.store import OxigraphStore
from tests.checks.cases import CASES, SHAPE_FAULTS
from tests.checks.stores import SHACL_NS as NS
from tests.checks.stores import shacl_store as _store
from tests.conftest import SEED


def _sorted(findings: list[Finding]) -> list[tuple[str, ...]]:
    return sorted(
        (f.check, f.severity, f.resource, f.message, f.path or "", f.value or "") for f in findings
    )


def assert_same(store: OxigraphStore) -> list[Finding]:
    _infos, chunked, _notes = shacl.run(store, NS)
    _infos, full, _notes = shacl.run_full(store, NS)
    assert _sorted(chunked) == _sorted(full)
    return chunked


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
