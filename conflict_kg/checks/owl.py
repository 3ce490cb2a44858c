"""Layer 1: the OWL 2 RL inconsistency rules over the asserted and inferred graphs."""

from __future__ import annotations

from collections.abc import Iterator

from conflict_kg.checks.model import CheckInfo, Finding
from conflict_kg.namespaces import DataNamespace
from conflict_kg.reasoning.inconsistency import RULES, InconsistencyRule
from conflict_kg.store.base import GraphStore


def rules() -> tuple[InconsistencyRule, ...]:
    return RULES


def info(rule: InconsistencyRule) -> CheckInfo:
    return CheckInfo(f"owl:{rule.name}", "owl", rule.title, rule.severity)


def run_rule(store: GraphStore, ns: DataNamespace, rule: InconsistencyRule) -> Iterator[Finding]:
    check = info(rule)
    for row in store.query(rule.sparql(ns.inferred_graph)):
        yield Finding(
            check=check.id,
            layer="owl",
            title=rule.title,
            severity=rule.severity,
            resource=_term(row["resource"]),
            message=row["message"].value,
        )


def run(store: GraphStore, ns: DataNamespace) -> tuple[list[CheckInfo], list[Finding]]:
    infos: list[CheckInfo] = []
    findings: list[Finding] = []
    for rule in rules():
        infos.append(info(rule))
        findings.extend(run_rule(store, ns, rule))
    return infos, findings


def _term(term: object) -> str:
    value = getattr(term, "value", None)
    return str(value) if value is not None else str(term)
