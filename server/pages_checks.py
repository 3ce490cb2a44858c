"""The consistency page: the report of ``conflict_kg.checks.check``, browsable.

The report is read through its JSON rendering (what ``conflict-kg check
--format json`` prints): ``counts``, ``checks`` (each check that ran) and
``findings`` (check, severity, resource, message, sentences, path, value).
The page never writes: it runs the checks with ``reason_first=False``, over
the inferred graph as it is (``conflict-kg reason`` or ``check`` refresh it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from conflict_kg.namespaces import DataNamespace
from conflict_kg.store import GraphStore
from server.pages_data import Linker, Node


@dataclass
class FindingRow:
    severity: str
    resource: Node
    message: str
    sentences: list[str]
    path: Node | None
    value: str | None


@dataclass
class CheckGroup:
    id: str
    layer: str
    title: str
    severity: str
    description: str
    findings: list[FindingRow] = field(default_factory=list)


@dataclass
class ChecksView:
    available: bool
    has_errors: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    groups: list[CheckGroup] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def finding_count(self) -> int:
        return sum(len(g.findings) for g in self.groups)


def _node(linker: Linker, value: Any) -> Node:
    text = "" if value is None else str(value)
    if text.startswith(("http://", "https://", "urn:")):
        try:
            return linker.node(ox.NamedNode(text))
        except ValueError:
            pass
    return Node(text)


def _run(store: GraphStore, ns: DataNamespace) -> dict[str, Any]:
    from conflict_kg.checks import check, render_report

    try:
        report = check(store, ns, reason_first=False)
    except TypeError:  # an older signature without the keyword
        report = check(store, ns)
    data = json.loads(render_report(report, "json"))
    return data if isinstance(data, dict) else {"findings": data}


def checks_view(store: GraphStore, ns: DataNamespace, linker: Linker) -> ChecksView:
    try:
        data = _run(store, ns)
    except ImportError:
        return ChecksView(available=False)
    groups: dict[str, CheckGroup] = {}
    for info in data.get("checks", []):
        groups[str(info.get("id"))] = CheckGroup(
            str(info.get("id")), str(info.get("layer", "")), str(info.get("title", "")),
            str(info.get("severity", "")), str(info.get("description", "")))
    for f in data.get("findings", []):
        check_id = str(f.get("check", ""))
        group = groups.setdefault(check_id, CheckGroup(
            check_id, str(f.get("layer", "")), str(f.get("title", check_id)),
            str(f.get("severity", "")), ""))
        group.findings.append(FindingRow(
            severity=str(f.get("severity", group.severity)),
            resource=_node(linker, f.get("resource")),
            message=str(f.get("message", "")),
            sentences=[str(s) for s in f.get("sentences") or []],
            path=_node(linker, f["path"]) if f.get("path") else None,
            value=None if f.get("value") is None else str(f["value"]),
        ))
    severity_order = {"error": 0, "warning": 1, "info": 2}
    ordered = sorted(groups.values(), key=lambda g: (not g.findings,
                                                     severity_order.get(g.severity, 3), g.id))
    counts = {str(k): int(v) for k, v in (data.get("counts") or {}).items()}
    return ChecksView(True, bool(data.get("has_errors", False)), counts, ordered,
                      [str(n) for n in data.get("notes", [])])
