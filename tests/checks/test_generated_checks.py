"""Checks read from the ontology's own declarations, not written per property.

* every ``owl:FunctionalProperty`` (dates included) with two values is a finding:
  an error when one source graph states both (``owl:prp-fp-values``), a warning
  naming both graphs when two sources disagree (``owl:prp-fp-sources``);
* every ``P ck:notBefore Q`` rule applies to every dated kind (agreement, zone,
  provision, event), on one thing and across a ``ck:sharesTimeline`` link
  (``sparql:dates-out-of-order``).

The data is written for these tests (invented IRIs); the ontology is the bundled
one, or a copy of it with one declaration added.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pyoxigraph as ox
import pytest

from conflict_kg import resources
from conflict_kg.bundled import ensure_bundled
from conflict_kg.checks import check
from conflict_kg.checks.strict import apply_if_consistent
from conflict_kg.namespaces import DataNamespace
from conflict_kg.reasoning import reason
from conflict_kg.store import OxigraphStore

NS = DataNamespace("https://w3id.org/conflict-kg/")
CK = "https://w3id.org/conflict-kg/ontology#"
ID = "https://w3id.org/conflict-kg/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
EVENT = ID + "event/test-raid"
Quad = tuple[str, str, "str | ox.Literal", str]


def _add(store: OxigraphStore, quads: list[Quad]) -> None:
    for s, p, o, g in quads:
        obj = o if isinstance(o, ox.Literal) else ox.NamedNode(o)
        store.raw.add(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), obj, ox.NamedNode(g)))


def _store(*quads: Quad) -> OxigraphStore:
    store = OxigraphStore.in_memory()
    ensure_bundled(store, NS)
    _add(store, list(quads))
    return store


def _date(value: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD_DATE))


def _graph(name: str) -> str:
    return NS.document_graph(name)


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


# --- functional properties ----------------------------------------------------


def test_two_sources_with_two_dates_for_one_event_give_a_warning_naming_both() -> None:
    store = _store((EVENT, CK + "date", _date("2021-03-02"), _graph("report-a")),
                   (EVENT, CK + "date", _date("2021-03-03"), _graph("report-b")))
    report = check(store, NS)
    findings = report.by_check("owl:prp-fp-sources")
    assert [(f.severity, f.resource) for f in findings] == [("warning", EVENT)]
    message = findings[0].message
    assert "report-a" in message and "report-b" in message
    assert "2021-03-02" in message and "2021-03-03" in message
    assert not report.by_check("owl:prp-fp-values")
    assert not report.has_errors


def test_two_dates_for_one_event_in_one_source_are_an_error() -> None:
    store = _store((EVENT, CK + "date", _date("2021-03-02"), _graph("report-a")),
                   (EVENT, CK + "date", _date("2021-03-03"), _graph("report-a")))
    report = check(store, NS)
    findings = report.by_check("owl:prp-fp-values")
    assert [(f.severity, f.resource) for f in findings] == [("error", EVENT)]
    assert "report-a" in findings[0].message
    assert not report.by_check("owl:prp-fp-sources")


def test_a_conflict_is_reported_once_at_the_most_specific_functional_property() -> None:
    agreement = ID + "agreement/test"
    store = _store((agreement, CK + "signingDate", _date("2020-01-05"), _graph("one")),
                   (agreement, CK + "signingDate", _date("2020-02-05"), _graph("one")))
    findings = check(store, NS).by_check("owl:prp-fp-values")
    # the reasoner also gives ck:date both values: still one finding, named signingDate
    assert len(findings) == 1 and "signingDate" in findings[0].message


def test_a_date_and_a_sub_property_date_that_differ_in_one_source_are_an_error() -> None:
    agreement = ID + "agreement/test"
    store = _store((agreement, CK + "signingDate", _date("2020-01-05"), _graph("one")),
                   (agreement, CK + "date", _date("2020-02-05"), _graph("one")))
    findings = check(store, NS).by_check("owl:prp-fp-values")
    assert len(findings) == 1 and findings[0].message.startswith(
        f"has two values for the functional {CK}date")


def test_one_date_said_twice_is_no_finding() -> None:
    store = _store((EVENT, CK + "date", _date("2021-03-02"), _graph("report-a")),
                   (EVENT, CK + "date", _date("2021-03-02"), _graph("report-b")))
    report = check(store, NS)
    assert not report.by_check("owl:prp-fp-values") and not report.by_check("owl:prp-fp-sources")


def _functional(store: OxigraphStore, kind: str) -> list[str]:
    rows = store.query(
        "PREFIX owl: <http://www.w3.org/2002/07/owl#> SELECT DISTINCT ?p WHERE { GRAPH ?g { "
        f"?p a owl:FunctionalProperty , owl:{kind} }} }}",
        substitutions={"g": ox.NamedNode(NS.ontology_graph)})
    return sorted(r["p"].value for r in rows if r["p"].value.startswith(CK))


def test_every_functional_datatype_property_of_the_ontology_is_checked() -> None:
    store = _store()
    properties = _functional(store, "DatatypeProperty")
    assert {CK + "date", CK + "signingDate", CK + "deadline", CK + "effectiveFrom",
            CK + "startDate", CK + "endDate", CK + "value"} <= set(properties)
    quads: list[Quad] = []
    for i, p in enumerate(properties):
        thing = f"{ID}test/thing-{i}"
        quads += [(thing, p, ox.Literal("first"), _graph("one")),
                  (thing, p, ox.Literal("second"), _graph("one"))]
    _add(store, quads)
    found = {f.resource: f.message for f in check(store, NS, layers=["owl"])
             .by_check("owl:prp-fp-values")}
    for i, p in enumerate(properties):
        message = found.get(f"{ID}test/thing-{i}", "")
        assert p in message, f"{p}: two values in one graph not reported ({message!r})"


def test_every_functional_object_property_of_the_ontology_is_checked() -> None:
    store = _store()
    properties = _functional(store, "ObjectProperty")
    assert len(properties) >= 10
    quads: list[Quad] = []
    for i, p in enumerate(properties):
        thing = f"{ID}test/thing-{i}"
        quads += [(thing, p, f"{ID}test/value-{i}-a", _graph("one")),
                  (thing, p, f"{ID}test/value-{i}-b", _graph("two"))]
    _add(store, quads)
    found = {f.resource for f in check(store, NS, layers=["owl"])
             .by_check("owl:prp-fp-individuals")}
    missing = [p for i, p in enumerate(properties) if f"{ID}test/thing-{i}" not in found]
    assert not missing, f"not checked: {missing}"


def _store_with_ontology_copy(tmp_path: Path, extra: str) -> OxigraphStore:
    """The bundled ontology's modules copied, ``extra`` appended to the core module's copy,
    and the copy loaded as the ontology graph (no code of the checks is touched)."""
    triples: list[ox.Triple] = []
    for module in resources.ontology_modules():
        copy = tmp_path / module.name
        text = module.read_text(encoding="utf-8")
        copy.write_text(text + extra if module.name == "core.ttl" else text, encoding="utf-8")
        triples += [q.triple for q in ox.parse(path=str(copy), format=ox.RdfFormat.TURTLE)]
    store = OxigraphStore.in_memory()
    store.replace_graph(NS.ontology_graph, triples)
    return store


CALL_SIGN = CK + "testCallSign"  # a property that only the test copy declares


@pytest.mark.parametrize("declared", [True, False])
def test_a_functional_property_added_to_the_ontology_is_checked_without_code(
        tmp_path: Path, declared: bool) -> None:
    extra = ("\nck:testCallSign a owl:DatatypeProperty"
             + (" , owl:FunctionalProperty" if declared else "") + " .\n")
    store = _store_with_ontology_copy(tmp_path, extra)
    aircraft = ID + "aircraft/test"
    _add(store, [(aircraft, CALL_SIGN, ox.Literal("EAGLE1"), _graph("a")),
                 (aircraft, CALL_SIGN, ox.Literal("EAGLE2"), _graph("a")),
                 (aircraft, CALL_SIGN, ox.Literal("EAGLE3"), _graph("b"))])
    report = check(store, NS, layers=["owl"])
    in_one = [f for f in report.by_check("owl:prp-fp-values") if f.resource == aircraft]
    across = [f for f in report.by_check("owl:prp-fp-sources") if f.resource == aircraft]
    if not declared:
        assert in_one == [] and across == []
        return
    assert len(in_one) == 1 and "EAGLE1" in in_one[0].message and "EAGLE2" in in_one[0].message
    assert {f.severity for f in in_one} == {"error"}
    # EAGLE3 is only in graph b: against each of the others, the sources disagree
    assert len(across) == 2 and {f.severity for f in across} == {"warning"}
    assert all(_graph("b") in f.message and _graph("a") in f.message for f in across)


def test_strict_ingest_accepts_a_second_source_with_another_date() -> None:
    store = _store((EVENT, CK + "date", _date("2021-03-02"), _graph("report-a")))
    reason(store, NS)
    second = [ox.Triple(ox.NamedNode(EVENT), ox.NamedNode(CK + "date"), _date("2021-03-03"))]
    kept, errors = apply_if_consistent(store, NS, {_graph("report-b"): second})
    assert kept and errors == []
    # the same second date written into the first source's own graph is refused
    both = [*second, ox.Triple(ox.NamedNode(EVENT), ox.NamedNode(CK + "date"),
                               _date("2021-03-02"))]
    kept, errors = apply_if_consistent(store, NS, {_graph("report-c"): both})
    assert not kept and {f.check for f in errors} == {"owl:prp-fp-values"}


# --- date order ---------------------------------------------------------------

KINDS = {  # dated kind -> its class, and how a part of it is linked to what dates it
    "agreement": CK + "Agreement",
    "zone": CK + "Zone",
    "provision": CK + "Provision",
    "event": CK + "Event",
}
# (link, class of the subject, class of the object): each declared ck:sharesTimeline
LINKS = {
    CK + "provision": (CK + "Agreement", CK + "Provision"),
    CK + "zone": (CK + "Agreement", CK + "Zone"),
    CK + "during": (CK + "Event", CK + "TimeInterval"),
}
EARLY, LATE = _date("2020-01-10"), _date("2020-01-20")


def _order_rules(store: OxigraphStore) -> list[tuple[str, str]]:
    rows = store.query(f"SELECT ?p ?q WHERE {{ GRAPH ?g {{ ?p <{CK}notBefore> ?q }} }}",
                       substitutions={"g": ox.NamedNode(NS.ontology_graph)})
    return sorted((r["p"].value, r["q"].value) for r in rows)


def _timeline_links(store: OxigraphStore) -> set[str]:
    rows = store.query(f"SELECT ?l WHERE {{ GRAPH ?g {{ ?l <{CK}sharesTimeline> true }} }}",
                       substitutions={"g": ox.NamedNode(NS.ontology_graph)})
    return {r["l"].value for r in rows}


def test_the_ontology_declares_the_order_rules_and_links() -> None:
    store = _store()
    rules = _order_rules(store)
    # signed before in force; in force before a deadline; signed before a deadline;
    # start before end
    assert {(CK + "effectiveFrom", CK + "date"), (CK + "deadline", CK + "effectiveFrom"),
            (CK + "deadline", CK + "date"), (CK + "endDate", CK + "startDate")} <= set(rules)
    assert _timeline_links(store) == set(LINKS)


def _order_cases(store: OxigraphStore, violating: bool
                 ) -> tuple[list[Quad], dict[str, tuple[str, str]]]:
    """For every declared rule (P not before Q): on one thing of every dated kind, and
    across every timeline link in both directions, P's value on one node and Q's on the
    other (P earlier than Q when ``violating``).  Returns the quads and, per node that
    carries P, the rule it tests."""
    quads: list[Quad] = []
    expect: dict[str, tuple[str, str]] = {}
    g = _graph("order")
    p_value, q_value = (EARLY, LATE) if violating else (LATE, EARLY)
    for n, (p, q) in enumerate(_order_rules(store)):
        for kind, cls in KINDS.items():
            thing = f"{ID}test/{kind}-{n}"
            quads += [(thing, RDF_TYPE, cls, g), (thing, p, p_value, g), (thing, q, q_value, g)]
            expect[thing] = (p, q)
        for (link, (whole_cls, part_cls)), forward in itertools.product(LINKS.items(),
                                                                      (True, False)):
            name = f"{_local(link)}-{n}-{'part' if forward else 'whole'}"
            whole, part = f"{ID}test/whole-{name}", f"{ID}test/part-{name}"
            quads += [(whole, RDF_TYPE, whole_cls, g), (part, RDF_TYPE, part_cls, g),
                      (whole, link, part, g)]
            later, earlier = (part, whole) if forward else (whole, part)
            quads += [(later, p, p_value, g), (earlier, q, q_value, g)]
            expect[later] = (p, q)
    return quads, expect


def test_every_order_rule_trips_on_every_dated_kind_and_across_every_link() -> None:
    store = _store()
    quads, expect = _order_cases(store, violating=True)
    _add(store, quads)
    found: dict[str, list[str]] = {}
    for f in check(store, NS, layers=["sparql"]).by_check("sparql:dates-out-of-order"):
        found.setdefault(f.resource, []).append(f.message)
    missing = []
    for thing, (p, q) in expect.items():
        if not any(f"{_local(p)} must not precede {_local(q)}" in m
                   for m in found.get(thing, [])):
            missing.append(f"{thing}: {_local(p)} before {_local(q)}")
    assert not missing, "not reported: " + "; ".join(missing)
    assert all(f.severity == "error" for f in check(store, NS, layers=["sparql"])
               .by_check("sparql:dates-out-of-order"))


def test_dates_in_order_on_every_kind_and_link_are_silent() -> None:
    store = _store()
    quads, expect = _order_cases(store, violating=False)
    _add(store, quads)
    assert len(expect) > 20
    assert check(store, NS, layers=["sparql"]).by_check("sparql:dates-out-of-order") == []


def test_a_sub_property_is_bound_by_the_rule_and_named_as_stated() -> None:
    agreement, zone = ID + "agreement/test", ID + "agreement/test/zone"
    g = _graph("one")
    store = _store((agreement, CK + "signingDate", _date("2018-09-17"), g),
                   (agreement, CK + "zone", zone, g),
                   (zone, CK + "effectiveFrom", _date("2018-09-10"), g))
    (finding,) = check(store, NS, layers=["sparql"]).by_check("sparql:dates-out-of-order")
    assert finding.resource == zone
    assert "signingDate 2018-09-17 of " + agreement in finding.message
