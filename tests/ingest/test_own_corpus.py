"""The same kinds of questions on the team's own documents (tests/ingest/corpus/).

Different events, different wording: these exercise the rules, not one article.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from conflict_kg import ingest
from conflict_kg.store import OxigraphStore
from tests.conftest import SEED
from tests.ingest.conftest import CORPUS, NS, OF_STATE, PREFIX_LINES, Graph, iri


def test_f16_downing_target_owner_agent_and_date(own: dict[str, Graph]) -> None:
    g = own["f16-shootdown-2018-02-10"]
    rows = g.union_rows(
        "GRAPH ?g { ?e a ck:Shootdown ; ck:date ?d ; ck:agent ?agent ; ck:eventTarget ?p . "
        "?p ck:operator ?owner ; ck:model ?model } "
        f"?agent {OF_STATE} ?agentState . ?agentState a ck:State",
        select="?d ?owner ?agentState ?model",
    )
    assert {(r["d"], r["owner"], r["agentState"]) for r in rows} == {
        ("2018-02-10", iri("state", "israel").value, iri("state", "syria").value)
    }
    assert rows[0]["model"].rsplit("/", 1)[-1].startswith("f-16")


def test_f16_drone_incursion_and_counted_strikes(own: dict[str, Graph]) -> None:
    g = own["f16-shootdown-2018-02-10"]
    assert g.rows("?e a ck:Incursion ; ck:agent ?iran", iran=iri("state", "iran"))
    rows = g.rows("?e a ck:AirStrike ; ck:agent ?israel ; ck:quantity ?q . ?q ck:value ?n ; "
                  "ck:countOf ?what", israel=iri("state", "israel"))
    assert {(float(r["n"]), r["what"]) for r in rows} == {(12.0, "targets")}


def test_f16_claims_denial_and_responsibility(own: dict[str, Graph]) -> None:
    g = own["f16-shootdown-2018-02-10"]
    assert g.rows("?c ck:claimant ?tehran ; ck:stance ck:denies", tehran=iri("government", "iran"))
    rows = g.rows("?c ck:claimant ?pm ; ck:stance ck:holdsResponsible ; ck:target ?t",
                  pm=iri("person", "benjamin-netanyahu"))
    assert {r["t"] for r in rows} == {iri("state", "iran").value}
    warns = g.rows("?c ck:claimant ?pm ; ck:stance ck:warns",
                   pm=iri("person", "benjamin-netanyahu"))
    assert warns  # "and warned that …": the coordinated verb keeps the claimant


def test_western_strikes_have_three_coordinated_agents(own: dict[str, Graph]) -> None:
    g = own["allied-strikes-2018-04-14"]
    rows = g.rows("?e a ck:Strike ; ck:agent ?a ; ck:date ?d ; ck:eventTarget ?syria",
                  syria=iri("state", "syria"))
    assert {r["a"].rsplit("/", 1)[-1] for r in rows} == {"united-states", "united-kingdom",
                                                        "france"}
    assert {r["d"] for r in rows} == {"2018-04-14"}
    # "condemned the strikes" does not make the condemner a striker
    assert not g.rows("?e ck:agent ?putin", putin=iri("person", "vladimir-putin"))


def test_western_strikes_contradicting_claims_are_both_kept(own: dict[str, Graph]) -> None:
    g = own["allied-strikes-2018-04-14"]
    rows = g.rows("?c a ck:Claim ; ck:claimant ?who ; ck:stance ?stance ; ck:content ?text")
    by_stance = {(r["stance"].rsplit("#", 1)[-1], r["text"]) for r in rows}
    assert any(s == "says" and "71" in t for s, t in by_stance)
    assert any(s == "denies" and "stopped" in t for s, t in by_stance)


def test_s300_announced_and_delivered_are_kept_apart(own: dict[str, Graph]) -> None:
    g = own["s300-announced-delivered-2018-10-02"]
    rows = g.union_rows(
        "GRAPH ?g { ?t a ck:ArmsTransfer ; ck:agent ?russia ; ck:recipient ?syria ; "
        "ck:status ?status ; ck:factuality ?f ; ck:participant ?item . ?item ck:model ?m } "
        "?m skos:prefLabel ?model",
        select="?t ?status ?f ?model",
        russia=iri("state", "russia"), syria=iri("state", "syria"),
    )
    found = {(r["status"].rsplit("#", 1)[-1], r["f"].rsplit("#", 1)[-1]) for r in rows}
    assert found == {("completed", "actual"), ("announced", "future")}
    assert len({r["t"] for r in rows}) == 2
    assert all("S-300" in r["model"] for r in rows)


def test_positions_from_titles_in_other_wording(own: dict[str, Graph]) -> None:
    rows = own["allied-strikes-2018-04-14"].rows(
        "?pos ck:holder ?mattis ; ck:role ck:defenceMinister ; ck:evidence ?m . "
        "?m nif:anchorOf ?title",
        mattis=iri("person", "james-mattis"),
    )
    assert rows and "Defense Secretary" in rows[0]["title"]


def test_anaphoric_ministry_is_the_claimant(own: dict[str, Graph]) -> None:
    g = own["il20-second-report-2018-09-18"]
    rows = g.rows("?c ck:stance ck:blames ; ck:claimant ?mod ; ck:target ?israel",
                  mod=iri("government-body", "russia-ministry-of-defence"),
                  israel=iri("state", "israel"))
    assert rows


def _store_with(*paths: Path) -> OxigraphStore:
    store = OxigraphStore.in_memory()
    report = ingest.run(list(paths), store, NS)
    assert report.ok, report.errors
    return store


@pytest.mark.needs_shared
def test_two_reports_of_one_downing_meet_in_one_event() -> None:
    store = _store_with(SEED, CORPUS / "il20-second-report-2018-09-18.md")
    rows = list(store.query(
        PREFIX_LINES + "SELECT ?e (COUNT(DISTINCT ?g) AS ?docs) WHERE { "
        "GRAPH ?g { ?e a ck:Shootdown ; ck:evidence ?m } } GROUP BY ?e"
    ))
    assert [(r["e"].value, int(r["docs"].value)) for r in rows] == [
        (NS.resource("event", "shootdown", "2018-09-17", "russia"), 2)
    ]


@pytest.mark.needs_shared
def test_the_agreement_ankara_reached_with_moscow_is_the_sochi_agreement() -> None:
    store = _store_with(SEED, CORPUS / "idlib-withdrawal-2018-10-10.md")
    rows = list(store.query(
        PREFIX_LINES + "SELECT ?a (COUNT(DISTINCT ?g) AS ?docs) WHERE { "
        "GRAPH ?g { ?a a ck:Agreement ; ck:party ?p ; ck:evidence ?m } } GROUP BY ?a"
    ))
    assert [(r["a"].value, int(r["docs"].value)) for r in rows] == [
        (NS.resource("agreement", "russia", "turkey", "2018-09"), 2)
    ]
    place = list(store.query(
        PREFIX_LINES + "SELECT DISTINCT ?place WHERE { GRAPH ?g { ?a ck:signingPlace ?place } }",
    ))
    assert [r["place"].value.rsplit("/", 1)[-1] for r in place] == ["sochi"]


def test_every_ontology_term_ingest_writes_is_declared(own: dict[str, Graph], seed: Graph) -> None:
    """Ingest and the ontology agree on names: a renamed term fails here, not in a query."""
    declared: set[str] = set()
    used: set[str] = set()
    for g in [seed, *own.values()]:
        declared |= {r["t"] for r in g.union_rows(
            "GRAPH ?o { ?t a ?kind } FILTER(STRSTARTS(STR(?t), STR(ck:)))",
            select="?t", o=ox.NamedNode(NS.ontology_graph))}
        for r in g.rows("?s ?p ?o", select="?p ?o"):
            used |= {v for v in (r["p"], r["o"]) if v.startswith("https://w3id.org/conflict-kg/"
                                                                  "ontology#")}
    assert used and not used - declared, sorted(used - declared)


def test_demo_corpus_announced_supply_of_the_systems_names_the_model() -> None:
    from conflict_kg.resources import demo_corpus_dir

    store = _store_with(demo_corpus_dir() / "s300-delivery-2018-10-02.md")
    rows = list(store.query(
        PREFIX_LINES + "SELECT ?status ?model WHERE { ?t a ck:ArmsTransfer ; ck:status ?status ; "
        "ck:participant/ck:model ?model }"
    ))
    found = {(r["status"].value.rsplit("#", 1)[-1], r["model"].value.rsplit("/", 1)[-1])
             for r in rows}
    assert found == {("completed", "s-300"), ("announced", "s-300")}
