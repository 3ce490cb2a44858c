"""Reports as text (grouped by severity), JSON, or Turtle in the SHACL vocabulary."""

from __future__ import annotations

import json
from dataclasses import asdict

import pyoxigraph as ox

from conflict_kg.checks.model import SEVERITIES, CheckReport

FORMATS = ("text", "json", "turtle")
SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_SH_SEVERITY = {"error": "Violation", "warning": "Warning", "info": "Info"}


def render_text(report: CheckReport) -> str:
    counts = report.counts
    lines = [
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} info "
        f"({len(report.checks)} checks, {report.seconds:.2f} s)"
    ]
    for note in report.notes:
        lines.append(f"note: {note}")
    for severity in SEVERITIES:
        group = [f for f in report.findings if f.severity == severity]
        if not group:
            continue
        lines.append("")
        lines.append(f"== {severity.upper()} ({len(group)}) ==")
        for f in sorted(group, key=lambda f: (f.check, f.resource, f.message)):
            lines.append(f"[{f.check}] {f.title}")
            lines.append(f"  resource: {f.resource}")
            lines.append(f"  {f.message}")
            for sentence in f.sentences:
                lines.append(f'  source: "{sentence}"')
    return "\n".join(lines) + "\n"


def render_json(report: CheckReport) -> str:
    return json.dumps(
        {
            "counts": report.counts,
            "has_errors": report.has_errors,
            "seconds": round(report.seconds, 3),
            "notes": report.notes,
            "checks": [asdict(c) for c in report.checks],
            "findings": [asdict(f) for f in report.findings],
        },
        indent=2,
        ensure_ascii=False,
    )


def _node(value: str) -> ox.NamedNode | ox.Literal:
    try:
        if "://" in value or value.startswith("urn:"):
            return ox.NamedNode(value)
    except ValueError:
        pass
    return ox.Literal(value)


def render_turtle(report: CheckReport, check_base: str = "urn:conflict-kg:check:") -> str:
    """A ``sh:ValidationReport``; ``sh:conforms`` is false as soon as any finding exists."""
    sh = lambda name: ox.NamedNode(SH + name)  # noqa: E731
    root = ox.BlankNode()
    triples = [
        ox.Triple(root, RDF_TYPE, sh("ValidationReport")),
        ox.Triple(root, sh("conforms"), ox.Literal(str(not report.findings).lower(),
                                                   datatype=ox.NamedNode(
                                                       "http://www.w3.org/2001/XMLSchema#boolean"))),
    ]
    for f in report.findings:
        node = ox.BlankNode()
        component = "SPARQLConstraintComponent" if f.layer != "shacl" else "ConstraintComponent"
        triples += [
            ox.Triple(root, sh("result"), node),
            ox.Triple(node, RDF_TYPE, sh("ValidationResult")),
            ox.Triple(node, sh("focusNode"), _node(f.resource)),
            ox.Triple(node, sh("resultSeverity"), sh(_SH_SEVERITY[f.severity])),
            ox.Triple(node, sh("resultMessage"), ox.Literal(f.message)),
            ox.Triple(node, sh("sourceShape"), ox.NamedNode(check_base + f.check)),
            ox.Triple(node, sh("sourceConstraintComponent"), sh(component)),
        ]
        if f.path:
            triples.append(ox.Triple(node, sh("resultPath"), _node(f.path)))
        if f.value is not None:
            triples.append(ox.Triple(node, sh("value"), _node(f.value)))
        for sentence in f.sentences:
            triples.append(
                ox.Triple(node, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment"),
                          ox.Literal(sentence))
            )
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE,
                        prefixes={"sh": SH, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"})
    return data.decode() if isinstance(data, bytes) else str(data)


def render(report: CheckReport, fmt: str = "text") -> str:
    if fmt == "text":
        return render_text(report)
    if fmt == "json":
        return render_json(report)
    if fmt == "turtle":
        return render_turtle(report)
    raise ValueError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")
