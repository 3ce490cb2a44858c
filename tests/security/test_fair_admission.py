"""Fair admission: one client's slow queries never take every evaluation slot.

A client holds at most ``max_queries_per_client`` slots (429 with Retry-After
beyond, at once); when every slot is taken a request waits up to
``query_queue_seconds`` for one, then gets 503.  Pages (``queue_share``) wait
in the same queue for one of their client's own evaluations to end, and get
429 only when none ended in time: a browser asks a page and its map at once.
"""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conflict_kg.server.sparql.execution import Busy, ClientLimit, Execution, QueryRunner
from tests.security.conftest import EX, Served, serve

ROWS_QUERY = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # long rows: megabytes of JSON


def _blocking(release: threading.Event):
    def produce(run: Execution) -> None:
        release.wait(10)
    return produce


def test_one_client_gets_its_share_and_others_the_rest() -> None:
    runner = QueryRunner(slots=4, timeout=10, max_rows=10, per_client=2)
    release = threading.Event()
    runs = [runner.start(_blocking(release), client="10.0.0.1") for _ in range(2)]
    try:
        with pytest.raises(ClientLimit) as refused:
            runner.start(_blocking(release), client="10.0.0.1")
        assert refused.value.status == 429 and "max_queries_per_client" in str(refused.value)
        runs += [runner.start(_blocking(release), client="10.0.0.2") for _ in range(2)]
        assert runner.running == 4
    finally:
        release.set()
        for run in runs:
            assert run.finished.wait(5)
    time.sleep(0.05)
    assert runner.running == 0
    runner.start(_blocking(release), client="10.0.0.1").finished.wait(5)  # its share is back


def test_a_queued_request_gets_the_next_free_slot() -> None:
    runner = QueryRunner(slots=1, timeout=10, max_rows=10, queue_seconds=5)
    release = threading.Event()
    first = runner.start(_blocking(release), client="a")
    threading.Timer(0.3, release.set).start()
    started = time.monotonic()
    second = runner.start(_blocking(release), client="b")
    waited = time.monotonic() - started
    assert 0.2 < waited < 5
    assert first.finished.wait(5) and second.finished.wait(5)


def test_the_queue_has_a_deadline() -> None:
    runner = QueryRunner(slots=1, timeout=10, max_rows=10, queue_seconds=0.2)
    release = threading.Event()
    first = runner.start(_blocking(release), client="a")
    try:
        started = time.monotonic()
        with pytest.raises(Busy) as refused:
            runner.start(_blocking(release), client="b")
        assert refused.value.status == 503 and "query_queue_seconds" in str(refused.value)
        assert time.monotonic() - started >= 0.2
    finally:
        release.set()
        first.finished.wait(5)


def test_a_page_over_its_share_waits_for_its_own_evaluation_to_end() -> None:
    runner = QueryRunner(slots=4, timeout=10, max_rows=10, per_client=1, queue_seconds=5)
    release = threading.Event()
    first = runner.start(_blocking(release), client="a")
    with pytest.raises(ClientLimit):  # the protocol's share: refused at once
        runner.start(_blocking(release), client="a")
    threading.Timer(0.3, release.set).start()
    started = time.monotonic()
    page = runner.start(_blocking(release), client="a", queue_share=True)
    assert 0.2 < time.monotonic() - started < 5
    assert first.finished.wait(5) and page.finished.wait(5)


def test_a_page_over_its_share_gets_429_after_the_queue_deadline() -> None:
    runner = QueryRunner(slots=4, timeout=10, max_rows=10, per_client=1, queue_seconds=0.2)
    release = threading.Event()
    first = runner.start(_blocking(release), client="a")
    try:
        started = time.monotonic()
        with pytest.raises(ClientLimit) as refused:
            runner.start(_blocking(release), client="a", queue_share=True)
        assert refused.value.status == 429 and time.monotonic() - started >= 0.2
        other = runner.start(_blocking(release), client="b", queue_share=True)  # not held up
    finally:
        release.set()
    assert first.finished.wait(5) and other.finished.wait(5)


def test_a_slot_freed_reaches_a_waiting_client_past_one_waiting_for_its_share() -> None:
    # One slot's release must not be spent waking only the request still over its
    # share: the other waiter (another client) gets the slot at once.
    runner = QueryRunner(slots=2, timeout=10, max_rows=10, per_client=1, queue_seconds=3)
    hold_a, hold_b = threading.Event(), threading.Event()
    a = runner.start(_blocking(hold_a), client="a")
    b = runner.start(_blocking(hold_b), client="b")
    done: dict[str, float] = {}

    def wait_for(client: str) -> None:
        started = time.monotonic()
        run = runner.start(lambda run: None, client=client, queue_share=True)
        done[client] = time.monotonic() - started  # admitted
        run.finished.wait(5)

    waiters = [threading.Thread(target=wait_for, args=("a",)),
               threading.Thread(target=wait_for, args=("c",))]
    try:
        for thread in waiters:
            thread.start()
            time.sleep(0.1)
        hold_b.set()  # one slot free: "c" may take it, "a" is still over its share
        waiters[1].join(2)
        assert "c" in done and done["c"] < 2
        assert "a" not in done
    finally:
        hold_a.set()
        hold_b.set()
        for thread in waiters:
            thread.join(5)
    assert a.finished.wait(5) and b.finished.wait(5)
    assert "a" in done


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from serve(tmp_path_factory.mktemp("fair"), "--max-concurrent-queries", "4",
                     "--max-queries-per-client", "2", "--query-queue-seconds", "1")


def _post_query(served: Served, source: str, query: str) -> tuple[http.client.HTTPConnection,
                                                                  http.client.HTTPResponse]:
    host, port = served.base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30, source_address=(source, 0))
    conn.request("POST", "/sparql", body=query.encode(),
                 headers={"Content-Type": "application/sparql-query",
                          "Accept": "application/sparql-results+json"})
    return conn, conn.getresponse()


def test_slow_readers_from_one_address_do_not_lock_out_another(served: Served,
                                                                tmp_path: Path) -> None:
    long_value = "x" * 2000
    status, body = served.update(
        "INSERT DATA { GRAPH <" + EX + "long> { "
        + " ".join(f'<{EX}l{i}> <{EX}p> "{long_value}{i}" .' for i in range(40)) + " } }")
    assert status in (200, 204), body
    held = []
    try:
        # Two queries from 127.0.0.1 whose client reads nothing past the headers:
        # their evaluations wait on the client (backpressure) and keep their slots.
        for _ in range(2):
            conn, response = _post_query(served, "127.0.0.1", ROWS_QUERY)
            assert response.status == 200
            held.append(conn)
        conn, response = _post_query(served, "127.0.0.1", "ASK {}")
        assert response.status == 429, response.read()
        assert response.getheader("Retry-After") == "1"
        assert b"max_queries_per_client" in response.read()
        conn.close()
        conn, response = _post_query(served, "127.0.0.2", "ASK { ?s ?p ?o }")
        assert response.status == 200 and b"true" in response.read()
        conn.close()
        # A page of the same address waits in the queue (1 s here) for one of its
        # own to end; none does, so 429 then.
        host, port = served.base.removeprefix("http://").split(":")
        page = http.client.HTTPConnection(host, int(port), timeout=30,
                                          source_address=("127.0.0.1", 0))
        started = time.monotonic()
        page.request("GET", "/queries/agreement-parties", headers={"Accept": "text/html"})
        response = page.getresponse()
        assert response.status == 429, response.read()
        assert time.monotonic() - started >= 0.9
        page.close()
    finally:
        for conn in held:
            conn.close()
    assert served.alive()
