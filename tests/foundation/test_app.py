from __future__ import annotations

import pytest

import ingest
from conflict_kg.settings import load_settings
from server import create_app
from tests.foundation.test_cli import PARTIES_QUERY


@pytest.fixture
def client(memory_store, ns, seed_path):
    ingest.run([seed_path], memory_store, ns)
    app = create_app(load_settings({"store": ":memory:"}, environ={}), store=memory_store)
    return app.test_client()


def test_get_sparql_returns_json_results(client):
    response = client.get("/sparql", query_string={"query": PARTIES_QUERY})
    assert response.status_code == 200
    assert response.mimetype == "application/sparql-results+json"
    labels = [b["label"]["value"] for b in response.json["results"]["bindings"]]
    assert labels == ["Russia", "Turkey"]


def test_malformed_query_is_400_with_parser_message(client):
    response = client.get("/sparql", query_string={"query": "SELECT WHERE {"})
    assert response.status_code == 400
    assert "malformed query" in response.json["error"]


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json["quads"] > 0
