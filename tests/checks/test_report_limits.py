"""Bounded reports: at most N findings per check shown, the counts of the whole run."""

from __future__ import annotations

import json

from conflict_kg.checks.model import CheckReport, Finding
from conflict_kg.checks.render import render_json, render_text
from tests.conftest import run_cli

CK = "https://w3id.org/conflict-kg/ontology#"


def _finding(check: str, resource: str, severity: str = "warning") -> Finding:
    return Finding(check=check, layer="sparql", title=check, severity=severity,
                   resource=resource, message="m")


def test_limited_keeps_the_first_findings_of_each_check_and_the_counts() -> None:
    report = CheckReport(findings=[_finding("a", f"r{i}") for i in (3, 1, 2)]
                         + [_finding("b", "x", "error")])
    shown = report.limited(2)
    assert [(f.check, f.resource) for f in shown.findings] == [("a", "r1"), ("a", "r2"),
                                                                ("b", "x")]
    assert shown.counts == report.counts == {"error": 1, "warning": 3, "info": 0}
    assert shown.has_errors
    assert shown.notes == ["a: 3 findings, the first 2 shown (--max-findings 0 shows all)"]
    assert json.loads(render_json(shown))["counts"]["warning"] == 3
    assert "1 errors, 3 warnings" in render_text(shown)
    assert report.limited(0) is report


def test_limited_errors_keep_the_status_when_all_are_cut() -> None:
    report = CheckReport(findings=[_finding("e", f"r{i}", "error") for i in range(3)])
    shown = report.limited(1)
    assert len(shown.findings) == 1 and shown.has_errors and shown.counts["error"] == 3


def test_check_command_caps_findings_per_check(tmp_path) -> None:
    # Three clusters of one check (probable duplicates), two curated sources each.
    store = tmp_path / "store"
    for side in ("a", "b"):
        data = tmp_path / f"dupes-{side}.ttl"
        data.write_text("".join(
            f"<https://example.org/{name}-{side}> a <{CK}Attack> ; "
            f"<http://www.w3.org/2000/01/rdf-schema#label> \"{name} raid\" .\n"
            for name in ("north", "south", "west")), encoding="utf-8")
        run_cli("load", str(data), store=store, check=True)
    run_cli("reason", store=store, check=True)

    def dupes(*extra: str) -> tuple[list[dict], dict]:
        out = run_cli("check", "--format", "json", *extra, store=store)
        assert out.returncode == 0, out.stderr
        report = json.loads(out.stdout)
        return ([f for f in report["findings"] if f["check"] == "sparql:probable-duplicates"],
                report)

    everything, whole = dupes()
    assert sum("raid" in f["message"] for f in everything) == 3
    capped, report = dupes("--max-findings", "1")
    assert len(capped) == 1 and report["counts"] == whole["counts"]
    assert (f"sparql:probable-duplicates: {len(everything)} findings, the first 1 shown "
            "(--max-findings 0 shows all)") in report["notes"]
    assert len(dupes("--max-findings", "0")[0]) == len(everything)
    bad = run_cli("check", "--max-findings", "-1", store=store)
    assert bad.returncode == 2 and "must be 0 or more" in bad.stderr
