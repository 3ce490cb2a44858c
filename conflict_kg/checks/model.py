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

    # Findings left out by ``limited``, by severity: the counts stay those of the run.
    omitted: dict[str, int] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(f.severity for f in self.findings)
        return {s: counted.get(s, 0) + self.omitted.get(s, 0) for s in SEVERITIES}

    @property
    def has_errors(self) -> bool:
        return self.counts["error"] > 0

    def limited(self, per_check: int) -> CheckReport:
        """The report with at most ``per_check`` findings of each check (0: all).

        A check's findings are ordered by resource and message and the first
        kept; a note says how many a check had; the counts are the whole run's.
        """
        if per_check <= 0:
            return self
        by_check: dict[str, list[Finding]] = {}
        for finding in sorted(self.findings, key=lambda f: (f.check, f.resource, f.message)):
            by_check.setdefault(finding.check, []).append(finding)
        kept: list[Finding] = []
        notes = list(self.notes)
        omitted = Counter(self.omitted)
        for check_id, found in by_check.items():
            kept += found[:per_check]
            for finding in found[per_check:]:
                omitted[finding.severity] += 1
            if len(found) > per_check:
                notes.append(f"{check_id}: {len(found)} findings, the first {per_check} "
                             "shown (--max-findings 0 shows all)")
        return CheckReport(kept, self.checks, notes, self.seconds, dict(omitted))

    def by_check(self, check: str) -> list[Finding]:
        return [f for f in self.findings if f.check == check]
