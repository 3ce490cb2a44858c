"""OWL checks read what can fault, not every triple of the properties they check.

At 1M quads ``prp-fp-individuals`` read every triple of every functional property
into Python (a date, a figure and a stance per document): 2.1-2.6 s CPU, no finding.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conflict_kg.checks import owl, triples
from conflict_kg.reasoning import reason
from tests.checks.cases import CASES
from tests.checks.stores import NS, store_with


def test_functional_individuals_read_only_subjects_with_two_iri_values(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rule = next(r for r in owl.rules() if r.name == "prp-fp-individuals")
    shared, fault, _r = CASES["owl:prp-fp-individuals"]
    many = "\n".join(f":u{i} :seat :town{i} ." for i in range(30))  # one value each
    store = store_with(f"{shared}\n{fault}\n{many}", tmp_path)
    reason(store, NS)
    expected = sorted(owl.run_rule(store, NS, rule, fast=False), key=repr)
    assert expected, "the fixture must trip the rule"
    read: list[Any] = []
    for source in (triples.OxigraphSource, triples.SparqlSource):
        real_out = source.out

        def out(self: Any, nodes: Any, predicate: Any, real_out: Any = real_out) -> Any:
            nodes = list(nodes)
            read.extend(nodes)
            return real_out(self, nodes, predicate)

        monkeypatch.setattr(source, "out", out)
        monkeypatch.setattr(source, "every", lambda *a: pytest.fail("read a whole property"))
    assert sorted(owl.run_rule(store, NS, rule), key=repr) == expected
    assert len(read) == len({f.resource for f in expected})
