"""The W3C Reconciliation Service API (0.2) at /reconcile: the manifest, and a batch
of three names answered with scored candidates, by a real HTTP client against the
real server process."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator

import pytest
import requests

from conflict_kg.bundled import ensure_bundled
from conflict_kg.namespaces import DataNamespace
from conflict_kg.server.search.reconcile import MAX_BATCH
from conflict_kg.store import OxigraphStore
from tests.conftest import BASE, ServerProcess, serving

ONTOLOGY = "https://w3id.org/conflict-kg/ontology#"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    tmp = tmp_path_factory.mktemp("reconcile")
    # The bundled reference data (every state, armed forces, persons), as ingest puts it.
    store = OxigraphStore.open(tmp / "store")
    ensure_bundled(store, DataNamespace(BASE))
    store.close()
    del store  # pyoxigraph lets go of the directory's lock when the store object goes
    gc.collect()
    with serving(["--store", str(tmp / "store"), "--reason-on-write", "false"],
                 tmp / "server.log", timeout=180) as running:
        yield running


@pytest.mark.slow
def test_manifest_and_a_batch_of_three_names(server: ServerProcess) -> None:
    manifest = requests.get(server.base + "/reconcile", timeout=60).json()
    assert "0.2" in manifest["versions"]
    assert manifest["identifierSpace"] == BASE + "id/"
    assert manifest["schemaSpace"] == ONTOLOGY
    assert "{{id}}" in manifest["view"]["url"]

    queries = {"q0": {"query": "Russia"},
               "q1": {"query": "Israel Defense Forces", "limit": 3},
               "q2": {"query": "Turkey", "type": ONTOLOGY + "State"}}
    answer = requests.post(server.base + "/reconcile", data={"queries": json.dumps(queries)},
                           timeout=120)
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert set(result) == set(queries)
    for key, query in queries.items():
        candidates = result[key]["result"]
        assert candidates, key
        assert len(candidates) <= query.get("limit", 5)
        scores = [c["score"] for c in candidates]
        assert scores == sorted(scores, reverse=True)
        best = candidates[0]
        assert best["name"] == query["query"] and best["match"] is True and best["score"] == 100
        assert all(c["match"] is False for c in candidates[1:])
        assert {"id", "name", "type", "score", "match"} <= set(best)
        # the view template leads to this server's page of the candidate
        page = requests.get(manifest["view"]["url"].replace("{{id}}", best["id"]), timeout=60)
        assert page.status_code == 200 and best["name"] in page.text
    assert all(c["type"][0]["id"] == ONTOLOGY + "State" for c in result["q2"]["result"])
    # GET with the batch in the query string answers the same
    again = requests.get(server.base + "/reconcile", params={"queries": json.dumps(queries)},
                         timeout=60)
    assert again.json() == result


@pytest.mark.slow
def test_malformed_batches_are_400(server: ServerProcess) -> None:
    bad = ["not json", json.dumps([1, 2]), json.dumps({"q0": {"text": "x"}}),
           json.dumps({"q0": {"query": "x", "limit": 0}}),
           json.dumps({"q0": {"query": "Rus\ud800sia"}}),  # a lone surrogate: not text
           json.dumps({f"q{i}": {"query": "x"} for i in range(MAX_BATCH + 1)})]
    for raw in bad:
        response = requests.post(server.base + "/reconcile", data={"queries": raw}, timeout=60)
        assert response.status_code == 400, raw
        assert response.json()["error"].startswith(("queries", "q0")), response.json()
