"""The OpenAPI entries of the view APIs (``/map.json``, ``/timeline.json``,
``/network.json``, ``/labels``; server/pages/openapi.py): their parameters and 400
answers are described, real answers over the seed + demo corpus validate against the
documented schemas (schemathesis' response checks), the documented 400s really happen,
and generated requests never get an undocumented answer."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from conflict_kg.server import create_app
from conflict_kg.settings import load_settings
from tests.support.corpus import BASE

VIEWS = {"/map.json": "GET", "/timeline.json": "GET", "/network.json": "GET",
         "/labels": "POST"}
RUSSIA = BASE + "id/state/russia"


@pytest.fixture(scope="module")
def schema(corpus):
    store, _ = corpus
    app = create_app(load_settings({"store": ":memory:"}, environ={}), store=store)
    return schemathesis.openapi.from_wsgi("/openapi.json", app)


def _call(schema, path: str, status: int, **kwargs):
    """Call ``path`` as documented, check the status and validate the answer's schema."""
    operation = schema[path][VIEWS[path]]
    case = operation.Case(**kwargs)
    response = case.call()
    assert response.status_code == status, (path, kwargs, response.text[:300])
    case.validate_response(response)
    return response.json()


def test_view_apis_are_described(client):
    doc = client.get("/openapi.json").json
    for path, method in VIEWS.items():
        op = doc["paths"][path][method.lower()]
        assert op["responses"]["200"]["content"]["application/json"]["schema"]["properties"]
        assert "400" in op["responses"], path
    for path in ("/map.json", "/timeline.json"):
        params = {p["name"] for p in doc["paths"][path]["get"]["parameters"]}
        assert params == {"from", "to", "class", "actor"}
    assert [p["name"] for p in doc["paths"]["/network.json"]["get"]["parameters"]] == ["focus"]
    assert doc["paths"]["/labels"]["post"]["requestBody"]["required"] is True


def test_real_answers_validate(schema):
    body = _call(schema, "/map.json", 200)
    assert body["markers"], "the seed's events have places with coordinates"
    body = _call(schema, "/map.json", 200, query={"from": "2018", "to": "2018-12-31",
                                                  "class": "Talks"})
    assert all(m["class"]["iri"].endswith("#Talks") for m in body["markers"])
    body = _call(schema, "/timeline.json", 200)
    assert body["items"] and {"start", "end"} <= set(body["items"][0])
    _call(schema, "/timeline.json", 200, query={"actor": RUSSIA})
    body = _call(schema, "/network.json", 200)
    assert body["nodes"] and body["edges"]
    body = _call(schema, "/network.json", 200, query={"focus": "/id/state/russia"})
    assert body["focus"] == RUSSIA
    body = _call(schema, "/labels", 200, body={"iris": [RUSSIA, "http://example.org/none"]},
                 media_type="application/json")
    assert body["labels"] == {RUSSIA: "Russia"}


@pytest.mark.parametrize(("path", "kwargs", "says"), [
    ("/map.json", {"query": {"from": "last spring"}}, "from"),
    ("/map.json", {"query": {"from": "2019", "to": "2018"}}, "after"),
    ("/timeline.json", {"query": {"class": "NotAnEventClass"}}, "class"),
    ("/timeline.json", {"query": {"to": "2018-13"}}, "to"),
    ("/map.json", {"query": {"actor": "zzzz no such actor zzzz"}}, "actor"),
    ("/network.json", {"query": {"focus": "russia"}}, "focus"),
    ("/labels", {"body": {"iris": ["not an IRI"]}, "media_type": "application/json"}, "iris"),
    ("/labels", {"body": {"iris": [BASE] * 501}, "media_type": "application/json"}, "iris"),
    ("/labels", {"body": {"names": []}, "media_type": "application/json"}, "iris"),
])
def test_documented_400s_happen(schema, path, kwargs, says):
    body = _call(schema, path, 400, **kwargs)
    assert says in body["error"]


@pytest.mark.slow
def test_generated_requests_get_documented_answers(schema):
    for path, method in VIEWS.items():
        operation = schema[path][method]

        @given(case=operation.as_strategy())
        @settings(max_examples=15, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def exercise(case: schemathesis.Case) -> None:
            # a schema-valid filter may still name nothing (an actor) or not fit (from
            # after to): a documented 400, so valid data is not always accepted
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        exercise()


def test_labels_name_this_datasets_resources_and_only_labelled_others(corpus, client):
    store, _ = corpus
    claim = next(iter(store.query(
        "SELECT ?c WHERE { ?c <https://w3id.org/conflict-kg/ontology#stance> ?s } LIMIT 1")))["c"]
    unlabelled_here = BASE + "id/state/no-such-state"
    response = client.post("/labels", json={"iris": [
        claim.value, unlabelled_here, "https://w3id.org/conflict-kg/ontology#State",
        "http://example.org/unlabelled", RUSSIA]})
    assert response.status_code == 200
    labels = response.json["labels"]
    assert labels[RUSSIA] == "Russia"
    assert labels[claim.value].startswith("claim: ")  # named by its parts, as on the pages
    assert labels[unlabelled_here] == "state no-such-state"  # kind and tail
    assert labels["https://w3id.org/conflict-kg/ontology#State"] == "sovereign state"
    assert "http://example.org/unlabelled" not in labels  # the table keeps its own text
