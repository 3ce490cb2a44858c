"""Large uploads are ingested by a background job: 202, a status URL, bounded jobs.

The threshold (``background_ingest_bytes``) is set low here so that short documents
written for these tests take the background path.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from conflict_kg.server import state
from tests.conftest import run_cli, serving
from tests.support.server import AUTH, TOKEN, make_app

DOC = (b"---\nid: {id}\npublished: 2018-10-02\n---\n"
       b"Russia delivered S-300 air-defence systems to Syria on Tuesday, the Russian Defence "
       b"Ministry said.\n")


def _doc(doc_id: str) -> bytes:
    return DOC.replace(b"{id}", doc_id.encode())


def _post(client: Any, body: bytes, name: str = "report.md") -> Any:
    return client.post(f"/documents?name={name}", data=body, headers=AUTH,
                       content_type="text/markdown")


def _until_finished(client: Any, url: str, seconds: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while True:
        response = client.get(url, headers=AUTH)
        assert response.status_code == 200, response.data
        if response.json["state"] in ("done", "failed"):
            return dict(response.json)
        assert response.json["state"] in ("queued", "running")
        assert time.monotonic() < deadline, "the job did not finish"
        time.sleep(0.1)


def _graphs(client: Any) -> str:
    query = "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }"
    return client.get("/sparql", query_string={"query": query}).data.decode()


@pytest.fixture
def background(store):  # type: ignore[no-untyped-def]
    """An app whose every upload over 100 bytes is a background job."""
    return make_app(store, background_ingest_bytes=100, reason_on_write=False)


def test_a_small_upload_is_answered_when_it_is_in(store) -> None:  # type: ignore[no-untyped-def]
    client = make_app(store, reason_on_write=False).test_client()
    response = _post(client, _doc("small-report"))
    assert response.status_code == 201, response.data
    assert response.json["documents"][0]["status"] == "ingested"


def test_a_large_upload_is_a_job_with_a_status_url(background) -> None:  # type: ignore[no-untyped-def]
    client = background.test_client()
    response = _post(client, _doc("large-report"))
    assert response.status_code == 202, response.data
    location = response.headers["Location"]
    assert location.startswith("/documents/jobs/") and response.json["href"] == location
    assert response.json["state"] in ("queued", "running", "done")
    status = _until_finished(client, location)
    assert status["state"] == "done", status
    assert status["document"].endswith("/id/document/large-report")
    assert status["documents"][0]["status"] == "ingested" and status["triples"] > 0
    assert status["started"] and status["finished"]
    assert "/graph/document/large-report" in _graphs(client)
    assert not state.of(background).ingest_jobs.active()


def test_a_job_whose_document_cannot_be_ingested_fails_with_the_reason(background) -> None:  # type: ignore[no-untyped-def]
    client = background.test_client()
    body = b"---\nid: bad-date\npublished: 2018-13-45\n---\n" + b"Troops crossed. " * 10
    response = _post(client, body)
    assert response.status_code == 202
    status = _until_finished(client, response.headers["Location"])
    assert status["state"] == "failed"
    assert "2018-13-45" in status["error"] or "month" in status["error"]
    assert "/tmp" not in json.dumps(status)


def test_the_job_status_needs_the_token_and_an_existing_job(background) -> None:  # type: ignore[no-untyped-def]
    client = background.test_client()
    location = _post(client, _doc("token-report")).headers["Location"]
    assert client.get(location).status_code == 401
    assert client.get("/documents/jobs/no-such-job", headers=AUTH).status_code == 404
    _until_finished(client, location)


def test_jobs_beyond_the_limit_get_503_with_retry_after(store) -> None:  # type: ignore[no-untyped-def]
    app = make_app(store, background_ingest_bytes=100, max_ingest_jobs=2, reason_on_write=False)
    jobs = state.of(app).ingest_jobs
    release = threading.Event()
    real = jobs._work

    def held(*args: Any) -> Any:
        release.wait(60)
        return real(*args)

    jobs._work = held
    client = app.test_client()
    first = _post(client, _doc("first-report"), "first.md")
    second = _post(client, _doc("second-report"), "second.md")
    assert (first.status_code, second.status_code) == (202, 202)
    refused = _post(client, _doc("third-report"), "third.md")
    assert refused.status_code == 503, refused.data
    assert int(refused.headers["Retry-After"]) > 0
    assert "max_ingest_jobs" in refused.json["error"]
    # a small upload is not a job: it is not refused (it waits for the write lock)
    release.set()
    for response in (first, second):
        assert _until_finished(client, response.headers["Location"])["state"] == "done"
    assert _post(client, _doc("third-report"), "third.md").status_code == 202
    assert jobs.wait(60)


def test_the_request_thread_is_free_while_the_job_runs(background) -> None:  # type: ignore[no-untyped-def]
    """The 202 comes before the ingest ends: the job holds no request thread."""
    jobs = state.of(background).ingest_jobs
    release = threading.Event()
    real = jobs._work

    def held(*args: Any) -> Any:
        release.wait(60)
        return real(*args)

    jobs._work = held
    client = background.test_client()
    response = _post(client, _doc("slow-report"))
    assert response.status_code == 202
    assert client.get(response.headers["Location"], headers=AUTH).json["state"] in (
        "queued", "running")
    assert client.get("/healthz").status_code == 200
    release.set()
    assert _until_finished(client, response.headers["Location"])["state"] == "done"


def test_a_real_server_answers_202_and_the_cli_follows_the_job(tmp_path: Path) -> None:
    with serving(["--store", str(tmp_path / "store"), "--update-token", TOKEN,
                  "--background-ingest-bytes", "100", "--reason-on-write", "false"],
                 tmp_path / "server.log") as server:
        request = urllib.request.Request(
            server.base + "/documents?name=served.md", data=_doc("served-report"),
            method="POST", headers={**AUTH, "Content-Type": "text/markdown"})
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status == 202
            location = response.headers["Location"]
        deadline = time.monotonic() + 120
        while True:
            poll = urllib.request.Request(server.base + location, headers=AUTH)
            with urllib.request.urlopen(poll, timeout=60) as response:
                status = json.load(response)
            if status["state"] in ("done", "failed"):
                break
            assert time.monotonic() < deadline
            time.sleep(0.2)
        assert status["state"] == "done" and status["document"].endswith("/served-report")
        # `conflict-kg ingest --server` follows the job to its end
        path = tmp_path / "cli-report.md"
        path.write_bytes(_doc("cli-report"))
        result = run_cli("ingest", "--server", server.base, "--update-token", TOKEN, str(path))
        assert result.returncode == 0, result.stderr
        assert "ingested" in result.stdout and "cli-report" in result.stdout
