from __future__ import annotations

import pytest

import conflict_kg
from conflict_kg import ingest
from conflict_kg.server import create_app, state
from conflict_kg.server.ops import health
from conflict_kg.settings import load_settings
from tests.conftest import PARTIES_QUERY, get_when_ready


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
    assert client.get("/healthz").status_code == 200  # at once, counted or not
    # The count is made in the background (SIZE_WAIT_SECONDS, then the last count or none).
    response = get_when_ready(client, "/healthz", ready=lambda r: r.json["quads_current"])
    assert response.status_code == 200 and response.json["quads"] > 0
    assert response.json["quads_current"] is True


def test_healthz_answers_at_once_while_a_large_store_is_counted(client, monkeypatch):
    """The count is a full scan: a probe never waits for more than SIZE_WAIT_SECONDS."""
    import threading
    import time


    release = threading.Event()
    store = state.of(client.application).store
    monkeypatch.setattr(store, "count", lambda graph=None: release.wait(10) and 1234)
    monkeypatch.setattr(health, "SIZE_WAIT_SECONDS", 0.2)
    started = time.monotonic()
    response = client.get("/healthz")
    assert time.monotonic() - started < 2
    assert response.status_code == 200 and response.json["status"] == "ok"
    assert response.json["quads"] is None and response.json["quads_current"] is False
    assert "conflict_kg_store_quads" not in client.get("/metrics").get_data(as_text=True)
    release.set()
    get_when_ready(client, "/healthz", ready=lambda r: r.json["quads"] == 1234)
    assert client.get("/healthz").json == {"status": "ok", "version": conflict_kg.__version__,
                                           "quads": 1234, "quads_current": True}
    assert "conflict_kg_store_quads 1234" in client.get("/metrics").get_data(as_text=True)
