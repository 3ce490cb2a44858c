"""Layer 2: the SHACL shapes of ``ontology/shapes/*.ttl``, validated with pyshacl.

The data graph is the union of the asserted and inferred graphs (so shapes
see inferred types); pyshacl runs without inference of its own.
"""

from __future__ import annotations

from pathlib import Path

import rdflib
from rdflib.namespace import SH

from conflict_kg import resources
from conflict_kg.checks.model import CheckInfo, Finding
from conflict_kg.namespaces import DataNamespace
from conflict_kg.reasoning.owlrl_engine import TermMap, asserted_graph
from conflict_kg.store.base import GraphStore

_SEVERITY = {SH.Violation: "error", SH.Warning: "warning", SH.Info: "info"}


def shape_files() -> list[Path]:
    return sorted((resources.ontology_dir() / "shapes").glob("*.ttl"))


def run(
    store: GraphStore, ns: DataNamespace, files: list[Path] | None = None
) -> tuple[list[CheckInfo], list[Finding], list[str]]:
    files = shape_files() if files is None else files
    if not files:
        return [], [], ["no SHACL shapes found in ontology/shapes/: layer skipped"]
    import pyshacl

    shapes = rdflib.Graph()
    for path in files:
        shapes.parse(path, format="turtle")
    data = asserted_graph(store, ns, TermMap(), include_inferred=True)
    _conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    infos = [CheckInfo(f"shacl:{p.stem}", "shacl", f"SHACL shapes in {p.name}", "error")
             for p in files]
    findings = []
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        severity = _SEVERITY.get(results.value(result, SH.resultSeverity), "error")
        shape = results.value(result, SH.sourceShape)
        message = results.value(result, SH.resultMessage)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        component = results.value(result, SH.sourceConstraintComponent)
        if not isinstance(shape, rdflib.URIRef):
            shape = shapes.value(None, SH.property, shape)
        shape_name = shape if isinstance(shape, rdflib.URIRef) else None
        findings.append(
            Finding(
                check=f"shacl:{_local(shape_name) if shape_name else 'shape'}",
                layer="shacl",
                title=f"SHACL {_local(component) if component else 'constraint'}",
                severity=severity,
                resource=str(results.value(result, SH.focusNode)),
                message=str(message) if message else f"violates {_local(component)}",
                path=str(path) if isinstance(path, rdflib.URIRef) else None,
                value=str(value) if value is not None else None,
            )
        )
    return infos, findings, []


def _local(term: object) -> str:
    text = str(term)
    for sep in ("#", "/"):
        if sep in text:
            text = text.rsplit(sep, 1)[1]
    return text
