"""Five faults injected into a copy of the seed article's graph, each reported.

The seed is ingested from ../shared/corpus/seed/ (never copied into the repo);
the clean graph must have no error-severity finding.
"""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest

from conflict_kg import ingest
from conflict_kg.checks import CheckReport, check
from conflict_kg.namespaces import PREFIXES, DataNamespace
from conflict_kg.store import OxigraphStore
from tests.conftest import SEED

pytestmark = pytest.mark.needs_shared  # the seed article

NS = DataNamespace("https://w3id.org/conflict-kg/")
HEAD = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


@pytest.fixture(scope="module")
def seed_dump() -> bytes:
    store = OxigraphStore.in_memory()
    report = ingest.run([SEED], store, NS)
    assert report.ok and report.ingested
    out = io.BytesIO()
    store.dump(out, ox.RdfFormat.N_QUADS)
    return out.getvalue()


def seed_copy(dump: bytes) -> OxigraphStore:
    store = OxigraphStore.in_memory()
    store.raw.load(dump, format=ox.RdfFormat.N_QUADS)
    return store


def one(store: OxigraphStore, where: str, var: str) -> str:
    rows = list(store.query(f"{HEAD}SELECT * {{ {where} }} LIMIT 1"))
    assert rows, f"the seed graph has no match for {where}"
    return str(rows[0][var].value)


def inject(store: OxigraphStore, turtle: str, graph: str | None = None) -> None:
    """Add the fault in its own graph (the document graph stays as ingested), or in
    ``graph``."""
    triples = [
        ox.Triple(q.subject, q.predicate, q.object)
        for q in ox.parse(
            (
                "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items()) + turtle
            ).encode(),
            format=ox.RdfFormat.TURTLE,
        )
    ]
    store.add_to_graph(graph or NS.curated_graph("faults"), triples)


def findings(report: CheckReport, check_id: str, resource: str) -> set[str]:
    return {f.severity for f in report.by_check(check_id) if f.resource == resource}


def test_clean_seed_graph_has_no_error(seed_dump: bytes) -> None:
    report = check(seed_copy(seed_dump), NS)
    errors = [f for f in report.findings if f.severity == "error"]
    assert errors == []
    assert report.checks  # every layer ran


def test_disjoint_class_member(seed_dump: bytes) -> None:
    store = seed_copy(seed_dump)
    event = one(store, "?e a ck:Shootdown", "e")
    inject(store, f"<{event}> a ck:Agent .")
    assert findings(check(store, NS), "owl:cax-adc", event) == {"error"}


def test_agreement_dates_out_of_order(seed_dump: bytes) -> None:
    store = seed_copy(seed_dump)
    agreement = one(store, "?a a ck:Agreement ; ck:signingDate ?d", "a")
    inject(store, f'<{agreement}> ck:effectiveFrom "2018-09-01"^^xsd:date .')
    assert findings(check(store, NS), "sparql:dates-out-of-order", agreement) == {"error"}


def test_two_death_tolls_for_one_event(seed_dump: bytes) -> None:
    store = seed_copy(seed_dump)
    event = one(store, "?e a ck:Shootdown ; ck:deaths ?q", "e")
    inject(store, f"<{event}> ck:deaths [ a ck:Quantity ; ck:value 21 ] .")
    assert findings(check(store, NS), "sparql:conflicting-counts", event) == {"warning"}


def test_claim_without_claimant_or_source(seed_dump: bytes) -> None:
    store = seed_copy(seed_dump)
    event = one(store, "?e a ck:Shootdown", "e")
    claim = NS.resource("claim", "injected-fault")
    inject(store, f"<{claim}> a ck:Claim ; ck:stance ck:blames ; ck:about <{event}> .")
    report = check(store, NS)
    assert findings(report, "sparql:claim-without-claimant-or-source", claim) == {"error"}
    assert "error" in {f.severity for f in report.findings if f.layer == "shacl"
                       and f.resource == claim}


def test_functional_property_with_two_values(seed_dump: bytes) -> None:
    """Two values in the document's own graph are an error; the same second value from
    another source is a warning (sources disagree)."""
    store = seed_copy(seed_dump)
    quantity = one(store, "?e a ck:Shootdown ; GRAPH ?g { ?e ck:deaths ?q . ?q ck:value ?v }",
                   "q")
    graph = one(store, f"GRAPH ?g {{ <{quantity}> ck:value ?v }}", "g")
    inject(store, f"<{quantity}> ck:value 16 .")
    report = check(store, NS)
    assert findings(report, "owl:prp-fp-sources", quantity) == {"warning"}
    assert findings(report, "owl:prp-fp-values", quantity) == set()
    inject(store, f"<{quantity}> ck:value 16 .", graph)
    assert findings(check(store, NS), "owl:prp-fp-values", quantity) == {"error"}


def _reference_reachable_from_documents(store: OxigraphStore) -> list[ox.Quad]:
    """The reference graph's triples about the resources the document graphs name, and
    about what those triples name in turn: the part of the ~54,000 reference triples the
    documents' inferences can use from their side."""
    reference = ox.NamedNode(NS.reference_graph)
    fixed = {reference, ox.NamedNode(NS.ontology_graph)}
    frontier = {term for graph in store.raw.named_graphs() if graph not in fixed
                for q in store.raw.quads_for_pattern(None, None, None, graph)
                for term in (q.subject, q.object) if isinstance(term, ox.NamedNode)}
    seen: set[ox.NamedNode] = set()
    kept: list[ox.Quad] = []
    while frontier:
        term = frontier.pop()
        seen.add(term)
        for q in store.raw.quads_for_pattern(term, None, None, reference):
            kept.append(q)
            if isinstance(q.object, ox.NamedNode) and q.object not in seen:
                frontier.add(q.object)
    return kept


@pytest.mark.slow
def test_seed_closure_matches_owlrl(seed_dump: bytes) -> None:
    """The project's engine and owlrl give the same closure of the seed's graph with the
    ontology and the reference triples it reaches (owlrl over the whole reference graph
    took two minutes; tests/reasoning/test_closure.py compares the curated reference)."""
    from conflict_kg.reasoning import reason
    from tests.reasoning.closure_compare import bnode_free, inferred

    store = seed_copy(seed_dump)
    reachable = _reference_reachable_from_documents(store)
    store.raw.clear_graph(ox.NamedNode(NS.reference_graph))
    store.raw.extend(reachable)
    assert 100 < len(reachable) < 10_000, len(reachable)
    reason(store, NS, "rules")
    ours = inferred(store, NS)
    reason(store, NS, "owlrl")
    assert bnode_free(ours) == bnode_free(inferred(store, NS))


