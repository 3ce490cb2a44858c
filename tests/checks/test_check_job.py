"""A run of the checks names its steps and stops at the next one once cancelled."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from conflict_kg.checks import Cancelled, CheckJob, check
from conflict_kg.namespaces import DataNamespace
from conflict_kg.store import OxigraphStore

NS = DataNamespace("http://example.org/")


class CancelAt(CheckJob):
    """Cancels itself when a step starting with ``prefix`` begins (as another thread would)."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix
        self.seen: list[str] = []

    def step(self, label: str) -> None:
        super().step(label)
        self.seen.append(label)
        if label.startswith(self.prefix):
            self.cancel()


def _store() -> OxigraphStore:
    store = OxigraphStore.in_memory()
    store.add_to_graph(NS.document_graph("d"), [ox.Triple(
        ox.NamedNode("http://example.org/q"),
        ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode("https://w3id.org/conflict-kg/ontology#Quantity"))])
    return store


def test_every_layer_reports_its_steps() -> None:
    job = CancelAt("never")
    check(_store(), NS, reason_first=False, job=job)
    layers = {label.split(":")[0] for label in job.seen}
    assert {"owl", "shacl", "sparql", "source sentences"} <= layers
    assert job.steps == len(job.seen) and job.current == "source sentences"


def test_a_cancelled_run_stops_at_the_next_step() -> None:
    job = CancelAt("shacl:")
    with pytest.raises(Cancelled):
        check(_store(), NS, reason_first=False, job=job)
    assert job.cancelled and job.seen[-1].startswith("shacl:")
    assert not any(label.startswith("sparql:") for label in job.seen)
