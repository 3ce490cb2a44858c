"""Layer 1: the OWL 2 RL inconsistency rules over the asserted and inferred graphs."""

from __future__ import annotations

from conflict_kg.checks.model import CheckInfo, Finding
from conflict_kg.namespaces import DataNamespace
from conflict_kg.reasoning.inconsistency import RULES
from conflict_kg.store.base import GraphStore


def run(store: GraphStore, ns: DataNamespace) -> tuple[list[CheckInfo], list[Finding]]:
    infos, findings = [], []
    for rule in RULES:
        info = CheckInfo(f"owl:{rule.name}", "owl", rule.title, rule.severity)
        infos.append(info)
        for row in store.query(rule.sparql(ns.inferred_graph)):
            findings.append(
                Finding(
                    check=info.id,
                    layer="owl",
                    title=rule.title,
                    severity=rule.severity,
                    resource=_term(row["resource"]),
                    message=row["message"].value,
                )
            )
    return infos, findings


def _term(term: object) -> str:
    value = getattr(term, "value", None)
    return str(value) if value is not None else str(term)
