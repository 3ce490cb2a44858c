"""Findings and the report that collects them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class CheckInfo:
    """One check that ran: ``layer`` is ``owl``, ``shacl`` or ``sparql``."""

    id: str
    layer: str
    title: str
    severity: str
    description: str = ""


@dataclass(frozen=True)
class Finding:
    check: str  # CheckInfo.id
    layer: str
    title: str
    severity: str
    resource: str
    message: str
    sentences: tuple[str, ...] = ()
    path: str | None = None
    value: str | None = None


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    checks: list[CheckInfo] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(f.severity for f in self.findings)
        return {s: counted.get(s, 0) for s in SEVERITIES}

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def by_check(self, check: str) -> list[Finding]:
        return [f for f in self.findings if f.check == check]
