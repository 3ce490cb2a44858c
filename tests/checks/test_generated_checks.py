"""The date check reads its properties from the ontology: two dates for one thing.

(Two literal values of any functional property are OWL layer `prp-fp-values`.)

The data is written for these tests (invented IRIs); the ontology is the bundled one.
"""

from __future__ import annotations

import pyoxigraph as ox

from conflict_kg.bundled import ensure_bundled
from conflict_kg.checks import check
from conflict_kg.namespaces import DataNamespace
from conflict_kg.store import OxigraphStore

NS = DataNamespace("https://w3id.org/conflict-kg/")
CK = "https://w3id.org/conflict-kg/ontology#"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
EVENT = "https://w3id.org/conflict-kg/id/event/test-raid"


def _store(*quads: tuple[str, str, str | ox.Literal, str]) -> OxigraphStore:
    store = OxigraphStore.in_memory()
    ensure_bundled(store, NS)
    for s, p, o, g in quads:
        obj = o if isinstance(o, ox.Literal) else ox.NamedNode(o)
        store.raw.add(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), obj, ox.NamedNode(g)))
    return store


def _date(value: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD_DATE))


def _graph(name: str) -> str:
    return NS.document_graph(name)


def test_two_sources_with_two_dates_for_one_event_give_a_warning_naming_both() -> None:
    store = _store((EVENT, CK + "date", _date("2021-03-02"), _graph("report-a")),
                   (EVENT, CK + "date", _date("2021-03-03"), _graph("report-b")))
    findings = check(store, NS).by_check("sparql:conflicting-dates")
    assert [f.severity for f in findings] == ["warning"]
    assert "report-a" in findings[0].message and "report-b" in findings[0].message
    assert "2021-03-02" in findings[0].message and "2021-03-03" in findings[0].message


def test_a_sub_property_of_date_is_checked_too() -> None:
    agreement = "https://w3id.org/conflict-kg/id/agreement/test"
    store = _store((agreement, CK + "signingDate", _date("2020-01-05"), _graph("one")),
                   (agreement, CK + "signingDate", _date("2020-02-05"), _graph("one")))
    findings = check(store, NS).by_check("sparql:conflicting-dates")
    assert len(findings) == 1 and "signingDate" in findings[0].message


def test_one_date_said_twice_is_no_finding() -> None:
    store = _store((EVENT, CK + "date", _date("2021-03-02"), _graph("report-a")),
                   (EVENT, CK + "date", _date("2021-03-02"), _graph("report-b")))
    assert not check(store, NS).by_check("sparql:conflicting-dates")
