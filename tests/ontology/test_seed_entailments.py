"""Acceptance for issue 3: the seed article, ingested and reasoned in the store, entails
what the ontology promises, and its graph satisfies the shapes."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import Graph

from conflict_kg import ingest
from conflict_kg.namespaces import DataNamespace
from conflict_kg.reasoning import reason
from conflict_kg.store import OxigraphStore

pytestmark = pytest.mark.needs_shared  # the seed article
PREFIX = "PREFIX ck: <https://w3id.org/conflict-kg/ontology#>\nPREFIX id: <https://w3id.org/conflict-kg/id/>\n"


@pytest.fixture(scope="module")
def seed_store() -> OxigraphStore:
    from tests.conftest import SEED

    ns = DataNamespace("https://w3id.org/conflict-kg/")
    store = OxigraphStore.in_memory()
    report = ingest.run([SEED], store, ns)
    assert report.ok and report.ingested, report.errors
    reason(store, ns)
    return store


def _ask(store: OxigraphStore, query: str) -> bool:
    return bool(store.query(PREFIX + query))


def test_downed_aircraft_is_a_military_aircraft_and_weapon_system(
    seed_store: OxigraphStore,
) -> None:
    assert _ask(
        seed_store,
        """ASK { ?shootdown a ck:Shootdown ; ck:eventTarget ?plane .
        ?plane a ck:MilitaryAircraft , ck:WeaponSystem ; ck:model id:weapon-model\\/il-20m }""",
    )


def test_sochi_parties_are_states(seed_store: OxigraphStore) -> None:
    rows = seed_store.query(
        PREFIX
        + """SELECT ?party ?isState WHERE {
        ?a a ck:Agreement ; ck:appliesTo|ck:zone/ck:locatedIn id:place\\/idlib ; ck:party ?party .
        BIND(EXISTS { ?party a ck:State } AS ?isState) }"""
    )
    parties = {(r["party"].value, r["isState"].value) for r in rows}  # type: ignore[index]
    assert parties, "no agreement about Idlib was extracted"
    assert {p for p, _ in parties} >= {
        "https://w3id.org/conflict-kg/id/state/russia",
        "https://w3id.org/conflict-kg/id/state/turkey",
    }
    assert all(is_state == "true" for _, is_state in parties), parties


@pytest.mark.parametrize("place", ["latakia", "idlib"])
def test_latakia_and_idlib_are_in_syria(seed_store: OxigraphStore, place: str) -> None:
    assert _ask(seed_store, f"ASK {{ id:place\\/{place} ck:locatedIn id:place\\/syria }}")


def test_spokesperson_claim_is_attributed_to_the_defence_ministry(
    seed_store: OxigraphStore,
) -> None:
    assert _ask(
        seed_store,
        """ASK { ?claim ck:claimant id:person\\/igor-konashenkov ;
        ck:attributedTo id:government-body\\/russia-ministry-of-defence ;
        ck:attributedToState id:state\\/russia }""",
    )


def test_seed_graph_satisfies_the_shapes(seed_store: OxigraphStore, shapes_graph: Graph) -> None:
    data = Graph()
    nt = ox.serialize(
        seed_store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"),  # type: ignore[arg-type]
        format=ox.RdfFormat.N_TRIPLES,
    )
    assert nt is not None
    data.parse(data=nt.decode("utf-8"), format="nt")
    conforms, _report, text = pyshacl.validate(data, shacl_graph=shapes_graph, inference="none")
    assert conforms, text


def test_seed_is_where_the_tests_expect(seed_path: Path) -> None:
    assert seed_path.name.startswith("il20-sochi")


def _readme_fact_to_sentence_query() -> str:
    from conflict_kg import resources

    readme = (resources.ontology_dir() / "README.md").read_text(encoding="utf-8")
    start = readme.index("```sparql\n", readme.index("from a fact to its sentence"))
    return readme[start + len("```sparql\n") : readme.index("```", start + 10)]


def test_documented_pattern_leads_from_a_fact_to_its_sentence(seed_store: OxigraphStore) -> None:
    query = _readme_fact_to_sentence_query()
    rows = seed_store.query(
        query,
        substitutions={
            "p": ox.NamedNode("https://w3id.org/conflict-kg/ontology#party"),
            "o": ox.NamedNode("https://w3id.org/conflict-kg/id/state/turkey"),
        },
    )
    sentences = {r["sentenceText"].value for r in rows}  # type: ignore[index]
    assert any("Turkey" in s and "Idlib" in s for s in sentences), sentences
