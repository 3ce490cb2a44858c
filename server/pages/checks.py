"""The consistency page: the report of ``conflict_kg.checks.check``, browsable.

The report is read through its JSON rendering (what ``conflict-kg check
--format json`` prints): ``counts``, ``checks`` (each check that ran) and
``findings`` (check, severity, resource, message, sentences, path, value).
The page never writes: it runs the checks with ``reason_first=False``, over
the inferred graph as it is (``conflict-kg reason`` or ``check`` refresh it),
in the background once per store generation (:mod:`server.summaries`), and
shows at most ``PER_PAGE`` findings of a check at a time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from conflict_kg.checks import check, render_report
from conflict_kg.checks.job import CheckJob
from conflict_kg.namespaces import DataNamespace
from conflict_kg.server.pages.data import Linker, Node
from conflict_kg.store import GraphStore


@dataclass
class FindingRow:
    severity: str
    resource: Node
    message: str
    sentences: list[str]
    path: Node | None
    value: str | None


PER_PAGE = 200  # findings of one check per page: a large store can have hundreds of thousands


@dataclass
class CheckGroup:
    id: str
    layer: str
    title: str
    severity: str
    description: str
    findings: list[FindingRow] = field(default_factory=list)  # the page's slice
    total: int = 0  # findings of this check in the report
    offset: int = 0  # of the first one shown

    @property
    def more_after(self) -> int:
        return max(self.total - self.offset - len(self.findings), 0)


@dataclass
class ChecksView:
    has_errors: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    groups: list[CheckGroup] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    only: str | None = None  # one check's findings, paged

    @property
    def finding_count(self) -> int:
        return sum(g.total for g in self.groups)


def _node(linker: Linker, value: Any) -> Node:
    text = "" if value is None else str(value)
    if text.startswith(("http://", "https://", "urn:")):
        try:
            return linker.node(ox.NamedNode(text))
        except ValueError:
            pass
    return Node(text)


def run_checks(store: GraphStore, ns: DataNamespace,
               job: CheckJob | None = None) -> dict[str, Any]:
    """The report as ``conflict-kg check --format json`` prints it (read-only)."""

    report = check(store, ns, reason_first=False, job=job)
    data = json.loads(render_report(report, "json"))
    return data if isinstance(data, dict) else {"findings": data}


def _row(linker: Linker, f: dict[str, Any], severity: str) -> FindingRow:
    return FindingRow(
        severity=str(f.get("severity", severity)),
        resource=_node(linker, f.get("resource")),
        message=str(f.get("message", "")),
        sentences=[str(s) for s in f.get("sentences") or []],
        path=_node(linker, f["path"]) if f.get("path") else None,
        value=None if f.get("value") is None else str(f["value"]),
    )


def checks_view(data: dict[str, Any], linker: Linker, *, only: str | None = None,
                offset: int = 0) -> ChecksView:
    """The report as page sections: every check with its first ``PER_PAGE`` findings,
    or (``only``) one check with ``PER_PAGE`` findings from ``offset``."""
    groups: dict[str, CheckGroup] = {}
    for info in data.get("checks", []):
        groups[str(info.get("id"))] = CheckGroup(
            str(info.get("id")), str(info.get("layer", "")), str(info.get("title", "")),
            str(info.get("severity", "")), str(info.get("description", "")))
    by_check: dict[str, list[dict[str, Any]]] = {}
    for f in data.get("findings", []):
        check_id = str(f.get("check", ""))
        groups.setdefault(check_id, CheckGroup(
            check_id, str(f.get("layer", "")), str(f.get("title", check_id)),
            str(f.get("severity", "")), ""))
        by_check.setdefault(check_id, []).append(f)
    for check_id, group in groups.items():
        found = by_check.get(check_id, [])
        group.total = len(found)
        last_page = (max(len(found) - 1, 0) // PER_PAGE) * PER_PAGE  # past the end: the last page
        group.offset = min(offset, last_page) if check_id == only else 0
        shown = found[group.offset:group.offset + PER_PAGE]
        group.findings = [_row(linker, f, group.severity) for f in shown]
    severity_order = {"error": 0, "warning": 1, "info": 2}
    ordered = sorted(groups.values(), key=lambda g: (not g.total,
                                                     severity_order.get(g.severity, 3), g.id))
    if only is not None:
        ordered = [g for g in ordered if g.id == only]
    counts = {str(k): int(v) for k, v in (data.get("counts") or {}).items()}
    return ChecksView(bool(data.get("has_errors", False)), counts, ordered,
                      [str(n) for n in data.get("notes", [])], only)
