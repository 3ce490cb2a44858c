"""OWL 2 RL reasoning: materialize inferences into the inferred graph.

``reason(store, ns)`` recomputes the inferred graph; ``reason_incremental``
and ``replace_and_reason`` keep it up to date after graphs change.
"""

from __future__ import annotations

from typing import Literal

from conflict_kg.namespaces import DataNamespace
from conflict_kg.reasoning.engine import reason_full, reason_incremental, replace_and_reason
from conflict_kg.reasoning.explain import Explanation, explain
from conflict_kg.reasoning.report import ReasonReport
from conflict_kg.store.base import GraphStore

ENGINES = ("rules", "owlrl")


def reason(
    store: GraphStore, ns: DataNamespace, engine: Literal["rules", "owlrl"] | str = "rules",
    closure: str = "auto", disk_quads: int | None = None,
) -> ReasonReport:
    """Recompute the inferred graph from every other named graph.

    ``engine="rules"`` is the in-store OWL 2 RL materializer; ``"owlrl"`` the
    (much slower) reference implementation.  ``closure`` (on-disk stores, rules
    engine): ``"memory"``, ``"disk"`` or ``"auto"``, which is ``"disk"`` above
    ``disk_quads`` quads (default: the ``reason_disk_quads`` setting's default).
    """
    if engine == "rules":
        return reason_full(store, ns, closure=closure, disk_quads=disk_quads)
    if engine == "owlrl":
        # import time: owlrl and rdflib cost ~0.12 s and only this (reference) engine uses them
        from conflict_kg.reasoning.owlrl_engine import reason_owlrl

        return reason_owlrl(store, ns)
    raise ValueError(f"unknown reasoning engine {engine!r} (choose from {', '.join(ENGINES)})")


__all__ = [
    "ENGINES",
    "Explanation",
    "explain",
    "ReasonReport",
    "reason",
    "reason_incremental",
    "replace_and_reason",
]
