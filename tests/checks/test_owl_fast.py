"""Rules computed against the store's indexes give the findings of their SPARQL form."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflict_kg.checks import owl
from conflict_kg.reasoning import reason
from tests.checks.cases import CASES
from tests.checks.stores import NS, store_with

FAST = sorted(owl._FAST)


@pytest.mark.parametrize("name", FAST)
def test_fast_rule_equals_its_query(name: str, tmp_path: Path) -> None:
    rule = next(r for r in owl.rules() if r.name == name)
    # Every fixture at once, so that the rule sees its own fault among others.
    turtle = "\n".join(shared + "\n" + fault for shared, fault, _r in CASES.values())
    store = store_with(turtle, tmp_path)
    reason(store, NS)
    fast = sorted(owl.run_rule(store, NS, rule), key=repr)
    slow = sorted(owl.run_rule(store, NS, rule, fast=False), key=repr)
    assert fast == slow
    assert fast, "the fixtures must trip the rule, or the comparison says nothing"


def test_values_stated_the_same_are_not_reported(tmp_path: Path) -> None:
    rule = next(r for r in owl.rules() if r.name == "prp-fp-individuals")
    shared, fault, _r = CASES["owl:prp-fp-individuals"]
    store = store_with(f"{shared}\n{fault}\n:kremlin owl:sameAs :moscow .", tmp_path)
    reason(store, NS)
    assert list(owl.run_rule(store, NS, rule)) == []
    assert list(owl.run_rule(store, NS, rule, fast=False)) == []
