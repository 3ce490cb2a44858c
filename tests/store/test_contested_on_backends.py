"""Who contests whom, on each backend: blame's ?contested flag and the contested-attribution check.

Claims written for this test, one event per way of being contested (or not), so
that each condition of the flag has a case that only it decides.  Both engines
must give these exact answers: Virtuoso 7 once answered false throughout, and
no finding at all for the check.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from conflict_kg.bundled import ensure_bundled
from conflict_kg.checks.sparql import load_checks, run_check
from conflict_kg.namespaces import DataNamespace
from conflict_kg.query_catalog import library
from conflict_kg.reasoning import reason
from conflict_kg.store import GraphStore
from tests.conftest import BACKENDS, backend_store
from tests.store.conftest import BASE

NS = DataNamespace(BASE)
ID = BASE + "id/test-contested/"
GRAPH = BASE + "graph/curated/test-contested"

# event -> claims as (name, stance, targets, target state or None, contradicts or None)
Claim = tuple[str, str, list[str], str | None, str | None]
CASES: dict[str, list[Claim]] = {
    # Only the rival's narrower stance (holdsResponsible under blames) contests c1.
    "narrower": [
        ("c1", "blames", ["x"], None, None),
        ("c2", "holdsResponsible", ["y"], None, None),
    ],
    "agreeing": [("c3", "blames", ["x"], None, None), ("c4", "accuses", ["x"], None, None)],
    # A denial contests the blame; the blame (with a target the denial lacks) contests the denial.
    "denied": [("c5", "blames", ["x"], None, None), ("c6", "denies", [], None, None)],
    "contradiction": [("c7", "blames", ["x"], None, None), ("c8", "blames", ["x"], None, "c7")],
    "alone": [("c9", "blames", ["x", "y"], None, None)],
    # A force and its state are one party for the check; the flag still sees two targets.
    "same-state": [("c10", "blames", ["force"], "x", None), ("c11", "blames", ["x"], None, None)],
}
CONTESTED = {"c1", "c2", "c5", "c6", "c7", "c8", "c10", "c11"}
BLAMED_ON_SEVERAL = {"narrower", "alone"}


def _insert(store: GraphStore) -> None:
    ck = "https://w3id.org/conflict-kg/ontology#"
    lines = []
    for event, claims in CASES.items():
        for name, stance, targets, state, contradicts in claims:
            claim = f"<{ID}claim/{name}>"
            lines.append(
                f"{claim} a <{ck}Claim> ; <{ck}about> <{ID}event/{event}> ; "
                f"<{ck}stance> <{ck}{stance}> ; <{ck}claimant> <{ID}agent/{name}> ."
            )
            lines += [f"{claim} <{ck}target> <{ID}agent/{t}> ." for t in targets]
            if state:
                lines.append(f"{claim} <{ck}targetState> <{ID}agent/{state}> .")
            if contradicts:
                lines.append(f"{claim} <{ck}contradicts> <{ID}claim/{contradicts}> .")
    store.update(f"INSERT DATA {{ GRAPH <{GRAPH}> {{ {' '.join(lines)} }} }}")


@pytest.fixture(scope="module", params=BACKENDS)
def store(request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    """Every case in one store, reasoned once per backend (the tests only read it)."""
    with backend_store(request, request.param, holder=request.module.__name__) as built:
        ensure_bundled(built, NS)  # the ontology: the stance hierarchy lives there
        _insert(built)
        reason(built, NS)  # the queries read the materialized hierarchy, as served
        yield built


def _flags(store: GraphStore, event: str | None) -> dict[str, bool]:
    query = library()["blame"]
    bindings = query.bindings({"event": ID + "event/" + event} if event else {})
    flags: dict[str, bool] = {}
    for row in store.query(query.sparql, substitutions=bindings or None):
        claim = row["claim"].value
        if not claim.startswith(ID):
            continue
        value = row["contested"]
        assert isinstance(value, ox.Literal)
        # Virtuoso writes xsd:boolean results as 0 and 1.
        flag = value.value in ("true", "1")
        name = claim.rsplit("/", 1)[1]
        assert flags.get(name, flag) == flag, f"{name} is both contested and not"
        flags[name] = flag
    return flags


def test_blame_flags_every_case(store):
    expected = {name: name in CONTESTED for claims in CASES.values() for name, *_ in claims}
    assert _flags(store, None) == expected


@pytest.mark.parametrize("event", sorted(CASES))
def test_blame_flags_one_event(store, event):
    expected = {name: name in CONTESTED for name, *_ in CASES[event]}
    assert _flags(store, event) == expected


def test_contested_attribution_check_lists_events_blamed_on_several_parties(store):
    (check,) = [c for c in load_checks() if c.path.stem == "contested-attribution"]
    found = {
        f.resource.rsplit("/", 1)[1]: f.message
        for f in run_check(store, NS, check)
        if f.resource.startswith(ID)
    }
    assert set(found) == BLAMED_ON_SEVERAL
    assert found["narrower"].startswith("is blamed on 2 parties: ")
    assert "test-contested/agent/y (by test-contested/agent/c2)" in found["narrower"]
