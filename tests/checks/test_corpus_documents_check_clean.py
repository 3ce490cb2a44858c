"""Every document of the evaluation corpus and of the demo corpus, ingested alone,
passes `check` with no error: no OWL inconsistency, no SHACL violation, no
error-severity analyst check (issue 16's acceptance). Warnings (a position whose
organisation the text does not name, probable duplicates) are allowed."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflict_kg import ingest
from conflict_kg.checks import check
from conflict_kg.ingest.evaluation import documents
from conflict_kg.namespaces import DataNamespace
from conflict_kg.resources import demo_corpus_dir
from conflict_kg.store import OxigraphStore
from tests.support.paths import REPO_ROOT

EVAL = REPO_ROOT / "corpus" / "eval"
DOCUMENTS = [
    *(p for split in ("dev", "heldout") for p in documents(EVAL / split)),
    *sorted(demo_corpus_dir().glob("*.md")),
]


@pytest.mark.slow
@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_ingest_then_check_reports_no_error(path: Path) -> None:
    store, ns = OxigraphStore.in_memory(), DataNamespace("https://w3id.org/conflict-kg/")
    report = ingest.run([path], store, ns)
    assert report.ok and report.ingested, report.errors
    findings = check(store, ns).findings
    errors = [(f.check, f.resource, f.message) for f in findings if f.severity == "error"]
    assert errors == []
