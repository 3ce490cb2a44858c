"""Two sources, two death tolls for one event: both kept, a warning, and --strict accepts."""

from __future__ import annotations

from pathlib import Path

from conflict_kg import ingest
from conflict_kg.checks import check
from conflict_kg.namespaces import DataNamespace
from conflict_kg.store import OxigraphStore

NS = DataNamespace("https://w3id.org/conflict-kg/")
# Invented reports of one invented strike, written for this test.
REPORT = """---
id: {id}
title: Strike on a depot
published: 2021-03-12
language: en
---
Turkish jets struck a depot near Idlib on Tuesday, killing {toll} people.
"""


def _write(folder: Path, doc_id: str, toll: int) -> Path:
    path = folder / f"{doc_id}.md"
    path.write_text(REPORT.format(id=doc_id, toll=toll), encoding="utf-8")
    return path


def test_a_second_source_with_another_toll_is_kept_and_warned_not_refused(
        tmp_path: Path) -> None:
    store = OxigraphStore.in_memory()
    first = _write(tmp_path, "first-report", 12)
    second = _write(tmp_path, "second-report", 15)
    ingest.run([first], store, NS, strict=True)
    report = ingest.run([second], store, NS, strict=True)
    assert len(report.ingested) == 1, "an honest second source is not refused"
    values = {r["v"].value for r in store.query(
        "PREFIX ck: <https://w3id.org/conflict-kg/ontology#> "
        "SELECT ?v WHERE { ?e a ck:AirStrike ; ck:deaths/ck:value ?v }")}
    assert values == {"12", "15"}
    findings = check(store, NS).by_check("sparql:conflicting-counts")
    assert findings and {f.severity for f in findings} == {"warning"}
    assert any("first-report" in f.message and "second-report" in f.message for f in findings)
    assert not [f for f in check(store, NS).findings if f.severity == "error"]


def test_each_source_keeps_its_figure_with_its_claimant(tmp_path: Path) -> None:
    """Two reports that say who gives the toll: each value names its source and claimant."""
    store = OxigraphStore.in_memory()
    paths = []
    for doc_id, toll, who in (("ministry-report", 12, "the Turkish defence ministry"),
                              ("syrian-report", 30, "Syria")):
        path = tmp_path / f"{doc_id}.md"
        path.write_text(REPORT.format(id=doc_id, toll=toll).replace(
            "people.", f"people, {who} said."), encoding="utf-8")
        paths.append(path)
    for path in paths:
        report = ingest.run([path], store, NS, strict=True)
        assert len(report.ingested) == 1, report.errors
    rows = store.query(
        "PREFIX ck: <https://w3id.org/conflict-kg/ontology#> "
        "SELECT ?v ?g ?who WHERE { ?e a ck:AirStrike . "
        "GRAPH ?g { ?e ck:deaths ?q . ?q ck:value ?v ; ck:statedIn ?c . ?c ck:claimant ?who } }")
    found = {(r["v"].value, r["g"].value.rsplit("/", 1)[-1], r["who"].value.rsplit("/", 1)[-1])
             for r in rows}
    assert found == {("12", "ministry-report", "turkey-ministry-of-national-defence"),
                     ("30", "syrian-report", "syria")}, found
    findings = check(store, NS).by_check("sparql:conflicting-counts")
    assert {f.severity for f in findings} == {"warning"}
    assert not [f for f in check(store, NS).findings if f.severity == "error"]
