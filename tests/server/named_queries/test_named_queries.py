"""The analyst query library and its API: each query answers what it says, on real data."""

from __future__ import annotations

import csv
import io

import pytest

from conflict_kg.query_catalog import PARAM_TYPES, library
from conflict_kg.server import create_app
from conflict_kg.settings import load_settings
from tests.conftest import backend_of, xfail_on_virtuoso
from tests.support.corpus import BASE, SLOW_UNBOUND_ON_VIRTUOSO

CK = "https://w3id.org/conflict-kg/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SOCHI = BASE + "id/agreement/russia/turkey/2018-09"
RUSSIA, TURKEY = BASE + "id/state/russia", BASE + "id/state/turkey"
SYRIA, ISRAEL = BASE + "id/state/syria", BASE + "id/state/israel"

REQUIRED = {"agreement-parties", "deadlines", "blame", "arms-transfers", "events-by-place",
            "actor-timeline", "officials", "casualties", "source-sentences",
            "mentioned-together"}


def run(client, name: str, **params: str) -> list[dict[str, str]]:
    response = client.get(f"/queries/{name}", query_string=params,
                          headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/sparql-results+json"
    return [{k: v["value"] for k, v in b.items()} for b in response.json["results"]["bindings"]]


def truth(value: str) -> bool:
    """A boolean column's value: Virtuoso 7 writes a computed boolean as the integer 1 or 0
    (test_boolean_columns_are_xsd_boolean); the value is what is compared here."""
    assert value in ("true", "false", "1", "0"), value
    return value in ("true", "1")


def test_library_headers_are_complete():
    queries = library()
    assert REQUIRED <= set(queries)
    for q in queries.values():
        assert q.summary and q.description, q.name
        for p in q.params:
            assert p.type in PARAM_TYPES and p.description and p.example, (q.name, p.name)
            p.term(p.example)  # every example is a valid value of its type


def _rows_without_params(client, name: str, params: set[str],
                         **values: str) -> set[tuple[tuple[str, str], ...]]:
    # Parameters themselves are left out: a bound window echoes its bounds.
    return {tuple(sorted((k, v) for k, v in r.items() if k not in params))
            for r in run(client, name, **values)}


def test_every_query_runs_as_is_and_with_its_examples(request, client):
    for q in library().values():
        params = {p.name for p in q.params}
        narrowed = _rows_without_params(client, q.name, params, **q.example_values())
        if backend_of(request) == "virtuoso" and q.name in SLOW_UNBOUND_ON_VIRTUOSO:
            continue  # unbound: test_query_with_no_parameter_bound_answers (strict xfail there)
        everything = _rows_without_params(client, q.name, params)
        # A parameter left out matches anything, so bound examples can only narrow.
        assert narrowed <= everything, q.name


@pytest.mark.parametrize("name", sorted(SLOW_UNBOUND_ON_VIRTUOSO))
def test_query_with_no_parameter_bound_answers(request, corpus, name):
    xfail_on_virtuoso(request, SLOW_UNBOUND_ON_VIRTUOSO[name])
    store, _ = corpus
    # A short limit: the answer takes well under a second on the embedded store, and
    # Virtuoso should not be kept waiting for (it goes on evaluating after the timeout).
    app = create_app(load_settings({"store": ":memory:", "query_timeout": 5}, environ={}),
                     store=store)
    assert run(app.test_client(), name)


def test_list_queries_json_and_html(client):
    listing = client.get("/queries", headers={"Accept": "application/json"}).json
    names = {q["name"] for q in listing["queries"]}
    assert REQUIRED <= names
    parties = next(q for q in listing["queries"] if q["name"] == "agreement-parties")
    assert parties["summary"] == "Parties and provisions of an agreement"
    assert parties["params"][0]["type"] == "iri"
    page = client.get("/queries", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Parties and provisions of an agreement" in page


# --- answers on the seed article and the demo corpus -------------------------------------


def test_sochi_parties_are_russia_and_turkey(client):
    rows = run(client, "agreement-parties", agreement=SOCHI)
    parties = {r["item"] for r in rows if r["relation"] == "party"}
    assert {RUSSIA, TURKEY} <= parties
    assert {r["agreement"] for r in rows} == {SOCHI}


def test_agreement_provisions_with_deadline(client, iris):
    rows = run(client, "agreement-parties", agreement=iris["agreement"])
    provisions = [r for r in rows if r["item"] == iris["provision"]]
    assert len(provisions) == 1 and provisions[0]["relation"] == "provision"
    assert provisions[0]["deadline"] == "2018-10-12"
    assert provisions[0]["obligedParty"] == iris["syrian-government"]


def test_every_agreement_without_parameter(client):
    agreements = {r["agreement"] for r in run(client, "agreement-parties")}
    assert SOCHI in agreements
    # the Manbij roadmap of the demo corpus: Turkey and the United States
    manbij = [r for r in run(client, "agreement-parties")
              if r["relation"] == "party" and r["item"] == TURKEY and r["agreement"] != SOCHI]
    assert manbij, "the demo corpus's Manbij roadmap has Turkey as a party"


def test_deadlines_in_a_window(client, iris):
    inside = run(client, "deadlines", **{"from": "2018-10-01", "to": "2018-10-31"})
    assert iris["provision"] in {r["provision"] for r in inside}
    outside = run(client, "deadlines", **{"from": "2019-01-01"})
    assert iris["provision"] not in {r["provision"] for r in outside}


def test_blame_and_contested_attribution(client, iris):
    rows = run(client, "blame", event=iris["shootdown"])
    by_claimant = {(r["claimant"], r["stance"], r.get("target")) for r in rows}
    assert (RUSSIA, CK + "blames", ISRAEL) in by_claimant
    assert (ISRAEL, CK + "denies", None) in by_claimant
    assert (ISRAEL, CK + "blames", iris["syrian-government"]) in by_claimant
    russia_blame = next(r for r in rows if r["claimant"] == RUSSIA)
    assert truth(russia_blame["contested"]) is True


def test_arms_transfers_planned_vs_delivered(client, iris):
    rows = run(client, "arms-transfers", supplier=RUSSIA, recipient=SYRIA)
    status = {r["transfer"]: (r["status"], truth(r["delivered"])) for r in rows}
    assert status[iris["announced"]] == (CK + "announced", False)
    assert status[iris["delivered"]] == (CK + "completed", True)
    assert run(client, "arms-transfers", supplier=SYRIA, recipient=RUSSIA) == []


def test_boolean_columns_are_xsd_boolean(request, client, iris):
    xfail_on_virtuoso(request, "Virtuoso 7 returns computed booleans (blame's ?contested, "
                               "arms-transfers' ?delivered) as xsd:integer 1/0")
    columns = [("blame", "contested", {"event": iris["shootdown"]}),
               ("arms-transfers", "delivered", {"supplier": RUSSIA})]
    for name, column, params in columns:
        response = client.get(f"/queries/{name}", query_string=params,
                              headers={"Accept": "application/sparql-results+json"})
        terms = [b[column] for b in response.json["results"]["bindings"]]
        assert terms, name
        for term in terms:
            assert term.get("datatype") == XSD + "boolean", (name, term)
            assert term["value"] in ("true", "false"), (name, term)


def test_events_by_place_and_window(client, iris):
    latakia = BASE + "id/place/latakia"
    rows = run(client, "events-by-place", place=latakia, **{"from": "2018-09-01",
                                                             "to": "2018-09-30"})
    assert iris["shootdown"] in {r["event"] for r in rows}
    syria = run(client, "events-by-place", place=BASE + "id/place/syria")
    assert iris["shootdown"] in {r["event"] for r in syria}, "Latakia is located in Syria"
    later = run(client, "events-by-place", place=latakia, **{"from": "2019-01-01"})
    assert iris["shootdown"] not in {r["event"] for r in later}


def test_actor_timeline_is_in_date_order(client, iris):
    rows = run(client, "actor-timeline", actor=RUSSIA)
    items = [r["item"] for r in rows]
    assert SOCHI in items and iris["shootdown"] in items and iris["delivered"] in items
    dates = [r["date"] for r in rows if "date" in r]
    assert dates == sorted(dates)


def test_officials_and_positions(client):
    rows = run(client, "officials", person=BASE + "id/person/vladimir-putin")
    assert rows and all(r["person"] == BASE + "id/person/vladimir-putin" for r in rows)
    assert CK + "president" in {r.get("role") for r in rows}
    everyone = {r["person"] for r in run(client, "officials")}
    assert BASE + "id/person/recep-tayyip-erdogan" in everyone


def test_casualties_with_sources(client, iris):
    rows = run(client, "casualties", event=iris["shootdown"])
    deaths = [r for r in rows if r["measure"] == CK + "deaths"]
    assert deaths and deaths[0]["value"] == "15"
    assert deaths[0]["document"] == iris["document"]
    assert "killing 15 servicemen" in deaths[0]["sentence"]


def test_source_sentences_behind_a_fact(client):
    rows = run(client, "source-sentences", subject=SOCHI, property=CK + "party", object=TURKEY)
    assert rows
    assert {r["document"] for r in rows} == {BASE + "id/document/il20-sochi-2018-09-18"}
    assert any("Turkey" in r["text"] and "demilitarized zone" in r["text"] for r in rows)


def test_entities_mentioned_together(client):
    rows = run(client, "mentioned-together", entity=RUSSIA)
    partners = {r["other"]: int(r["sentences"]) for r in rows}
    assert TURKEY in partners and ISRAEL in partners
    assert all(r["entity"] == RUSSIA for r in rows)
    assert RUSSIA not in partners


# --- the API's formats and errors ----------------------------------------------------------


def test_csv_and_html_results(client):
    response = client.get("/queries/agreement-parties", query_string={"agreement": SOCHI},
                          headers={"Accept": "text/csv"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert TURKEY in {r["item"] for r in rows}
    page = client.get("/queries/agreement-parties", query_string={"agreement": SOCHI},
                      headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'href="/id/state/turkey"' in page


@pytest.mark.parametrize(("name", "params"), [
    ("agreement-parties", {"agreement": "not an iri"}),
    ("agreement-parties", {"agreement": "ftp://example.org/x"}),
    ("deadlines", {"from": "yesterday"}),
    ("deadlines", {"to": "2018-02-30"}),
])
def test_bad_parameter_values_are_400(client, name, params):
    response = client.get(f"/queries/{name}", query_string=params,
                          headers={"Accept": "application/json"})
    assert response.status_code == 400 and "error" in response.json


def test_unknown_query_is_404(client):
    assert client.get("/queries/no-such-query").status_code == 404


def test_openapi_describes_every_query(client):
    doc = client.get("/openapi.json").json
    assert doc["openapi"].startswith("3.")
    for q in library().values():
        op = doc["paths"][f"/queries/{q.name}"]["get"]
        assert op["summary"] == q.summary
        assert [p["name"] for p in op["parameters"]] == [p.name for p in q.params]


# --- the same questions answered from what ingest extracts from the seed and demo texts ----

SEED_DOC = BASE + "id/document/il20-sochi-2018-09-18"


def _extracted(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Rows that do not come from the hand-made fixture (its IRIs all say "fixture")."""
    return [r for r in rows if not any("fixture" in v for v in r.values())]


def test_seed_russia_blames_israel_and_it_is_contested(client):
    rows = _extracted(run(client, "blame"))
    russian = [r for r in rows if r.get("claimantLabel") in ("Russia", "Government of Russia")
               and r["stance"] == CK + "blames"]
    assert ISRAEL in {r.get("target") for r in russian}
    assert all(truth(r["contested"]) for r in russian), "Israel blamed Syria instead"
    israeli = [r for r in rows if r.get("claimant") in (ISRAEL,
               BASE + "id/armed-force/israel-defense-forces")]
    assert any("syria" in r.get("target", "") for r in israeli)


def test_seed_shootdown_casualties_with_sentence(client):
    rows = [r for r in run(client, "casualties")
            if r.get("document") == SEED_DOC and r["measure"] == CK + "deaths"]
    assert any(r.get("value") == "15" and "killing 15 people" in r["sentence"] for r in rows)


def test_seed_events_in_syria_in_september(client):
    rows = _extracted(run(client, "events-by-place", place=BASE + "id/place/syria",
                          **{"from": "2018-09-01", "to": "2018-09-30"}))
    shootdowns = [r for r in rows if r["type"] == CK + "Shootdown"]
    assert shootdowns and all(r["date"].startswith("2018-09") for r in rows)


def test_seed_deadline_of_the_sochi_agreement(client):
    rows = _extracted(run(client, "deadlines", **{"from": "2018-10-01", "to": "2018-10-31"}))
    assert any(r.get("agreement") == SOCHI and r["deadline"] == "2018-10-10" for r in rows)


def test_demo_s300_delivered_by_russia_to_syria(client):
    rows = _extracted(run(client, "arms-transfers", supplier=RUSSIA, recipient=SYRIA))
    delivered = [r for r in rows if truth(r["delivered"]) and r["status"] == CK + "completed"]
    assert BASE + "id/weapon-model/s-300" in {r.get("weaponModel") for r in delivered}


def test_seed_officials_shoigu_defence_minister(client):
    rows = run(client, "officials", person=BASE + "id/person/sergei-shoigu")
    assert any(r.get("role") == CK + "defenceMinister"
               and r["organisation"].endswith("russia-ministry-of-defence") for r in rows)


def test_terms_written_in_give_the_answers_of_values_bound_first(corpus):
    """The embedded store writes a named query's parameters into its pattern
    (conflict_kg/store/inline_terms.py); the rows are those of the same values bound
    as a VALUES block first in the WHERE group (SEP-0007's meaning of a substitution,
    and what the remote store sends), over the same set-semantics query.  Not
    pyoxigraph's own substitution: inside the set's subquery it does not reach a
    parameter only a FILTER reads (events-by-place's ?from and ?to)."""
    from conflict_kg.store import OxigraphStore
    from conflict_kg.store.set_union import distinct_solutions
    from conflict_kg.store.sparql_text import bind_substitutions

    store, _ = corpus
    if not isinstance(store, OxigraphStore):
        pytest.skip("the remote store binds with VALUES: nothing to compare")

    def rows(results) -> list[tuple]:
        names = [v.value for v in results.variables]
        return sorted(tuple(str(r[n]) if r[n] is not None else "" for n in names)
                      for r in results)

    compared = 0
    for name, query in library().items():
        values = query.bindings(query.example_values())
        if not values:
            continue
        reference = store.raw.query(distinct_solutions(bind_substitutions(query.sparql, values)),
                                    use_default_graph_as_union=True)
        expected = rows(reference)
        assert rows(store.query(query.sparql, substitutions=values)) == expected, name
        compared += bool(expected)
    assert compared >= 5, "the examples should find rows in the seed and demo corpus"
