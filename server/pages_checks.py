"""The consistency page: the report of ``conflict_kg.checks.check``, as a browsable table.

The report is read through its JSON rendering (the same as ``conflict-kg check
--format json``), so the page follows whatever the checks report holds: each
finding's fields become columns, IRIs become links.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from conflict_kg.namespaces import DataNamespace
from conflict_kg.store import GraphStore
from server.pages_data import Linker, Node


@dataclass
class ChecksView:
    available: bool
    has_errors: bool = False
    columns: list[str] = field(default_factory=list)
    rows: list[list[Node]] = field(default_factory=list)
    summary: dict[str, str] = field(default_factory=dict)
    error: str | None = None


def _findings(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [d for d in data if isinstance(d, dict)]
    if isinstance(data, dict):
        for key in ("findings", "results", "violations", "issues"):
            if isinstance(data.get(key), list):
                return _findings(data[key])
    return []


def _cell(linker: Linker, value: Any) -> Node:
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        try:
            import pyoxigraph as ox

            return linker.node(ox.NamedNode(value))
        except ValueError:
            return Node(value)
    if isinstance(value, dict | list):
        return Node(json.dumps(value, ensure_ascii=False))
    return Node("" if value is None else str(value))


def checks_view(store: GraphStore, ns: DataNamespace, linker: Linker) -> ChecksView:
    try:
        from conflict_kg.checks import check, render_report
    except ImportError:
        return ChecksView(available=False)
    report = check(store, ns)
    data = json.loads(render_report(report, "json"))
    findings = _findings(data)
    columns: list[str] = []
    for finding in findings:
        for key in finding:
            if key not in columns:
                columns.append(key)
    rows = [[_cell(linker, f.get(c)) for c in columns] for f in findings]
    summary = {}
    if isinstance(data, dict):
        summary = {k: str(v) for k, v in data.items() if not isinstance(v, list | dict)}
    return ChecksView(True, bool(getattr(report, "has_errors", False)), columns, rows, summary)
