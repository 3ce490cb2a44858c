"""The HTML page of an analyst query runs under the limits of /sparql: timeout, slots, row cap.

On each backend (ids ``[oxigraph]``, ``[virtuoso]``).
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pyoxigraph as ox
import pytest

from conflict_kg import ingest
from conflict_kg.namespaces import DataNamespace
from conflict_kg.server import create_app, state
from conflict_kg.server.pages.queries import PageQueryError, select_for_page
from conflict_kg.settings import load_settings
from conflict_kg.store import GraphStore
from tests.conftest import SEED, backend_of

BASE = "https://w3id.org/conflict-kg/"
HTML = {"Accept": "text/html"}


def _app(store: GraphStore, **settings: Any) -> Any:
    return create_app(load_settings({"store": ":memory:", "base_iri": BASE, **settings},
                                    environ={}), store=store)


@pytest.fixture
def seeded(fresh_store: GraphStore) -> GraphStore:
    # Per test (not per module): on Virtuoso a module-wide store would hold the one
    # server, and the other tests here need an empty store of their own.
    # Not reasoned: the row cap needs rows, not inferences (reasoning takes minutes on Virtuoso).
    assert ingest.run([SEED], fresh_store, DataNamespace(BASE)).ok
    return fresh_store


@pytest.mark.needs_shared
def test_a_long_table_is_cut_and_says_so(seeded):
    client = _app(seeded, max_result_rows=2).test_client()
    page = client.get("/queries/blame", headers=HTML, query_string={"event": ""})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert text.count("<tr>") == 3  # the header and two rows
    assert "the first\n2 only" in text
    whole = _app(seeded).test_client().get("/queries/blame", headers=HTML,
                                           query_string={"event": ""})
    assert whole.get_data(as_text=True).count("<tr>") > 3
    assert "the first" not in whole.get_data(as_text=True)


def test_the_page_is_503_when_every_slot_is_taken(fresh_store):
    app = _app(fresh_store, max_concurrent_queries=1)
    release = threading.Event()
    execution = state.of(app).runner.start(lambda run: release.wait(5))
    try:
        page = app.test_client().get("/queries/blame", headers=HTML)
        assert page.status_code == 503
        assert "already running" in page.get_data(as_text=True)
    finally:
        release.set()
        execution.finished.wait(5)


def test_a_runaway_page_query_times_out_within_a_second_of_the_limit(request, fresh_store):
    store = fresh_store
    store.add_to_graph(BASE + "graph/curated/t", [
        ox.Triple(ox.NamedNode(f"http://e/{i}"), ox.NamedNode("http://p"), ox.Literal(str(i)))
        for i in range(200)])
    app = _app(store, query_timeout=0.5)
    # 8M rows to count: seconds, longer than the limit, short enough for the worker to end
    slow = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    if backend_of(request) == "virtuoso":
        # Virtuoso counts that cross join without enumerating it (0.1 s); a filter on
        # each row makes it enumerate 8M rows (about 2 s, then the engine is free again).
        slow = slow.replace(" }", " FILTER(STR(?c) < STR(?f) && STR(?f) < STR(?i)) }")
    with app.test_request_context("/queries/x"):
        started = time.monotonic()
        with pytest.raises(PageQueryError) as raised:
            select_for_page(slow)
        assert time.monotonic() - started < 1.5
    assert raised.value.status == 503 and "timed out" in raised.value.message


def test_a_query_that_is_not_select_is_refused(fresh_store):
    app = _app(fresh_store)
    with app.test_request_context("/queries/x"):
        with pytest.raises(PageQueryError) as raised:
            select_for_page("ASK {}")
    assert raised.value.status == 400
