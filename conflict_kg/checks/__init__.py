"""Consistency checks in three layers, one report.

1. OWL 2 RL inconsistencies over the asserted and inferred graphs;
2. SHACL shapes from ``ontology/shapes/*.ttl`` (pyshacl);
3. analyst checks in ``queries/checks/*.rq``.

``check(store, ns)`` brings the inferred graph up to date first (unless told
not to), runs the layers and attaches each finding's source sentences.
``render(report, fmt)`` prints it as text, JSON or Turtle.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable

from conflict_kg.checks import owl, shacl, sparql
from conflict_kg.checks.job import Cancelled, CheckJob
from conflict_kg.checks.model import SEVERITIES, CheckInfo, CheckReport, Finding
from conflict_kg.checks.render import FORMATS, render, render_json, render_text, render_turtle
from conflict_kg.checks.sources import sentences
from conflict_kg.namespaces import DataNamespace
from conflict_kg.reasoning import reason
from conflict_kg.store.base import GraphStore

LAYERS = ("owl", "shacl", "sparql")
render_report = render  # the name the CLI and server use
_LOG = logging.getLogger(__name__)


def check(
    store: GraphStore,
    ns: DataNamespace,
    *,
    reason_first: bool = True,
    layers: Iterable[str] = LAYERS,
    job: CheckJob | None = None,
) -> CheckReport:
    """Run the checks; ``reason_first`` recomputes the inferred graph before layer 1.

    ``job`` is told each step and can stop the run (``Cancelled``), see ``job.py``.
    """
    started = time.perf_counter()
    layers = set(layers)
    unknown = layers - set(LAYERS)
    if unknown:
        raise ValueError(f"unknown check layers: {', '.join(sorted(unknown))}")
    report = CheckReport()
    if reason_first:
        if job is not None:
            job.step("reasoning")
        reason(store, ns)
    for layer in LAYERS:
        if layer not in layers:
            continue
        begun = time.perf_counter()
        _LOG.info("check: %s layer ...", layer)
        if layer == "shacl":
            infos, findings, notes = shacl.run(store, ns, job=job)
            report.notes += notes
        elif layer == "owl":
            infos, findings = owl.run(store, ns, job=job)
        else:
            infos, findings = sparql.run(store, ns, job=job)
        report.checks += infos
        report.findings += findings
        # One line per layer on stderr (the CLI shows INFO): a long check shows it moves.
        _LOG.info("check: %s layer: %d checks, %d findings, %.1f s", layer, len(infos),
                  len(findings), time.perf_counter() - begun)
    if job is not None:
        job.step("source sentences")
    report.findings = _with_sources(store, _unique(report.findings))
    report.seconds = time.perf_counter() - started
    return report


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: dict[tuple[str, str, str], Finding] = {}
    for f in findings:
        seen.setdefault((f.check, f.resource, f.message), f)
    return list(seen.values())


def _with_sources(store: GraphStore, findings: list[Finding]) -> list[Finding]:
    found = sentences(store, [f.resource for f in findings])
    if not found:
        return findings
    from dataclasses import replace

    return [replace(f, sentences=tuple(found.get(f.resource, ()))) for f in findings]


__all__ = [
    "FORMATS",
    "LAYERS",
    "SEVERITIES",
    "Cancelled",
    "CheckInfo",
    "CheckJob",
    "CheckReport",
    "Finding",
    "check",
    "render",
    "render_json",
    "render_report",
    "render_text",
    "render_turtle",
]
