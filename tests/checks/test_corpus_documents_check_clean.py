"""Every document of the evaluation corpus and of the demo corpus, ingested alone,
passes `check` with no error: no OWL inconsistency, no SHACL violation, no
error-severity analyst check (issue 16's acceptance); and all of them together in one
store (issue 17's). Warnings (a position whose
organisation the text does not name, probable duplicates) are allowed.

Each document is ingested into the evaluation's lent store (the bundled graphs and their
closure, put back after each document; tests/ingest/test_extraction_floors.py holds it
equal to a fresh store reasoned in full), so the bundled graphs are loaded and reasoned
over once per process, not once per document."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflict_kg.checks import check
from conflict_kg.ingest.evaluation import documents, ingested_alone
from conflict_kg.resources import demo_corpus_dir
from tests.support.paths import REPO_ROOT

EVAL = REPO_ROOT / "corpus" / "eval"
DOCUMENTS = [
    *(p for split in ("dev", "heldout") for p in documents(EVAL / split)),
    *sorted(demo_corpus_dir().glob("*.md")),
]


@pytest.mark.slow
@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_ingest_then_check_reports_no_error(path: Path) -> None:
    with ingested_alone(path) as done:
        assert done.report.ok and done.report.ingested, done.report.errors
        findings = check(done.store, done.ns, reason_first=False).findings
    errors = [(f.check, f.resource, f.message) for f in findings if f.severity == "error"]
    assert errors == []


@pytest.mark.slow
def test_all_documents_ingested_together_leave_no_error(tmp_path: Path) -> None:
    """The same for every document of both splits and the demo corpus in one store, as an
    analyst's store holds them: documents about the same episode, or naming the same people,
    must not combine into an inconsistency or an error-severity finding (two values of a
    functional property from one source, dates out of order across linked things...)."""
    from conflict_kg import ingest
    from conflict_kg.namespaces import DataNamespace
    from conflict_kg.reasoning import reason
    from conflict_kg.store import OxigraphStore

    store, ns = OxigraphStore.open(tmp_path / "store"), DataNamespace("https://w3id.org/conflict-kg/")
    try:
        report = ingest.run([EVAL / "dev", EVAL / "heldout", demo_corpus_dir()], store, ns)
        assert report.ok and not report.errors, report.errors
        assert len(report.ingested) == len(DOCUMENTS)
        reason(store, ns)
        findings = check(store, ns, reason_first=False).findings
    finally:
        store.close()
    errors = [(f.check, f.resource, f.message) for f in findings if f.severity == "error"]
    assert errors == []
