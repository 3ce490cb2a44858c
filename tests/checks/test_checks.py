"""Every check trips on its fixture and stays silent on the clean variant."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from conflict_kg.checks import LAYERS, check, render, render_report
from conflict_kg.checks.sparql import CheckFileError, load_checks, parse_check
from conflict_kg.reasoning.inconsistency import RULES
from tests.checks.cases import CASES, EXPECTED_SEVERITY, ORDER_RULES
from tests.checks.stores import NS, store_with

EX = "http://example.org/c#"


def layer_of(check_id: str) -> str:
    return check_id.split(":", 1)[0]


def test_every_check_has_a_case() -> None:
    ids = {f"owl:{r.name}" for r in RULES} | {c.info.id for c in load_checks()}
    assert ids == set(CASES)


@pytest.mark.parametrize("check_id", sorted(CASES))
def test_check_trips_on_its_fixture(check_id: str, tmp_path: Path) -> None:
    shared, fault, resource = CASES[check_id]
    store = store_with(shared + "\n" + fault, tmp_path)
    report = check(store, NS, layers=[layer_of(check_id)])
    found = report.by_check(check_id)
    assert found, f"{check_id} did not trip"
    assert resource.replace(":", EX, 1) in {f.resource for f in found}
    assert {f.severity for f in found} == {EXPECTED_SEVERITY.get(check_id, "error")}


@pytest.mark.parametrize("check_id", sorted(CASES))
def test_check_is_silent_on_the_clean_variant(check_id: str, tmp_path: Path) -> None:
    shared, _fault, _resource = CASES[check_id]
    store = store_with(shared, tmp_path)
    report = check(store, NS, layers=[layer_of(check_id)])
    assert report.by_check(check_id) == []


def test_shacl_layer_reports_shape_violations(tmp_path: Path) -> None:
    store = store_with(":c a ck:Claim ; ck:stance ck:blames .", tmp_path)
    report = check(store, NS, layers=["shacl"])
    messages = {f.message for f in report.findings if f.resource == EX + "c"}
    assert any("claimant" in m for m in messages)
    assert all(f.layer == "shacl" for f in report.findings)


def test_shacl_layer_without_shapes_is_a_note(tmp_path: Path) -> None:
    from conflict_kg.checks import shacl

    store = store_with(":c a ck:Claim .", tmp_path)
    infos, findings, notes = shacl.run(store, NS, files=[])
    assert (infos, findings) == ([], [])
    assert notes and "no SHACL shapes" in notes[0]


def test_check_headers_are_complete() -> None:
    checks = load_checks()
    assert len(checks) >= 6
    for c in checks:
        assert c.info.title and c.info.description and c.info.severity in ("error", "warning",
                                                                             "info")
        assert "?resource" in c.query and "?message" in c.query


def test_a_check_without_severity_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.rq"
    path.write_text("#+ title: t\n#+ description: d\nSELECT ?resource ?message {}\n")
    with pytest.raises(CheckFileError):
        parse_check(path)


def _faulty_report(tmp_path: Path):  # type: ignore[no-untyped-def]
    shared, fault, _ = CASES["sparql:claim-without-claimant-or-source"]
    extra = CASES["sparql:contested-attribution"]
    store = store_with(f"{shared}\n{fault}\n{extra[0]}\n{extra[1]}", tmp_path)
    return check(store, NS, layers=LAYERS)


def test_text_report_groups_by_severity_with_source_sentences(tmp_path: Path) -> None:
    text = render(_faulty_report(tmp_path), "text")
    assert text.index("== ERROR") < text.index("== INFO")
    assert EX + "c2" in text


def test_source_sentences_are_attached(tmp_path: Path) -> None:
    store = store_with(
        ":e a ck:Event ; ck:evidence :m ; ck:deaths [ ck:value 1 ] , [ ck:value 2 ] . "
        "ck:deaths rdfs:subPropertyOf ck:quantity . :m nif:anchorOf \"Two reports differ.\" .",
        tmp_path,
    )
    report = check(store, NS, layers=["sparql"])
    (finding,) = report.by_check("sparql:conflicting-counts")
    assert finding.sentences == ("Two reports differ.",)


def test_json_report(tmp_path: Path) -> None:
    report = _faulty_report(tmp_path)
    data = json.loads(render_report(report, "json"))
    assert data["has_errors"] is True
    assert data["counts"]["error"] >= 1 and data["counts"]["info"] >= 1
    assert {"check", "severity", "resource", "message"} <= set(data["findings"][0])


def test_turtle_report_is_a_shacl_validation_report(tmp_path: Path) -> None:
    report = _faulty_report(tmp_path)
    graph = rdflib.Graph().parse(data=render(report, "turtle"), format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    (root,) = graph.subjects(rdflib.RDF.type, sh.ValidationReport)
    assert graph.value(root, sh.conforms).toPython() is False
    results = list(graph.objects(root, sh.result))
    assert len(results) == len(report.findings)
    severities = {graph.value(r, sh.resultSeverity) for r in results}
    assert sh.Violation in severities and sh.Info in severities
    assert all(graph.value(r, sh.focusNode) is not None for r in results)


def test_clean_graph_conforms(tmp_path: Path) -> None:
    store = store_with(":a :p :b .", tmp_path)
    report = check(store, NS)
    assert report.findings == [] and not report.has_errors
    graph = rdflib.Graph().parse(data=render(report, "turtle"), format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert [c.toPython() for c in graph.objects(None, sh.conforms)] == [True]


def test_unknown_format_and_layer_are_refused(tmp_path: Path) -> None:
    store = store_with(":a :p :b .", tmp_path)
    with pytest.raises(ValueError):
        check(store, NS, layers=["nope"])
    with pytest.raises(ValueError):
        render(check(store, NS, layers=["owl"]), "xml")
    assert ox  # pyoxigraph is the store's term library


@pytest.mark.parametrize(
    ("turtle", "resource"),
    [
        (":m ck:signingDate \"2018-09-17\"^^xsd:date ; ck:effectiveFrom \"2018-09-10\"^^xsd:date .",
         ":m"),
        (":m ck:signingDate \"2018-09-17\"^^xsd:date ; ck:provision :p . "
         ":p ck:deadline \"2018-09-16\"^^xsd:date .", ":p"),
        (":t ck:startDate \"2018-09-17\"^^xsd:date ; ck:endDate \"2018-09-16\"^^xsd:date .", ":t"),
    ],
)
def test_dates_out_of_order_variants(turtle: str, resource: str, tmp_path: Path) -> None:
    report = check(store_with(ORDER_RULES + turtle, tmp_path), NS, layers=["sparql"])
    found = report.by_check("sparql:dates-out-of-order")
    assert {f.resource for f in found} == {resource.replace(":", EX, 1)}


def test_dates_in_order_and_incomparable_dates_are_silent(tmp_path: Path) -> None:
    turtle = (
        ":m ck:signingDate \"2018-09-17\"^^xsd:date ; ck:effectiveFrom \"2018-10-15\"^^xsd:date ;"
        " ck:provision :p . :p ck:deadline \"2018\"^^xsd:gYear . "
        ":t ck:startDate \"2015\"^^xsd:gYear ; ck:endDate \"2018-09-16\"^^xsd:date ."
    )
    report = check(store_with(ORDER_RULES + turtle, tmp_path), NS, layers=["sparql"])
    assert report.by_check("sparql:dates-out-of-order") == []
