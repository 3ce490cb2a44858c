"""The checks page shows what a background run is doing, and the run can be cancelled."""

from __future__ import annotations

import time
from typing import Any

import pytest

from conflict_kg.checks.job import CheckJob
from conflict_kg.server.pages import checks, routes
from tests.support.server import AUTH


class SlowChecks:
    """Stands in for ``run_checks``: steps until cancelled (at most ``limit`` seconds)."""

    def __init__(self, limit: float = 20.0) -> None:
        self.runs = 0
        self.limit = limit

    def __call__(self, store: Any, ns: Any, job: CheckJob | None = None) -> dict[str, Any]:
        assert job is not None
        self.runs += 1
        deadline = time.monotonic() + self.limit
        n = 0
        while time.monotonic() < deadline:
            job.step(f"shacl: shape {n}")
            n += 1
            time.sleep(0.02)
        return {"checks": [], "findings": []}


def _until(client: Any, text: str, timeout: float = 10.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        page = client.get("/checks")
        if text in page.get_data(as_text=True):
            return page
        assert time.monotonic() < deadline, page.get_data(as_text=True)[:2000]
        time.sleep(0.05)


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    """An app over an empty store (tests/server/conftest.py), not this folder's corpus."""
    return app.test_client()


@pytest.fixture
def slow(monkeypatch: pytest.MonkeyPatch) -> SlowChecks:
    fake = SlowChecks()
    monkeypatch.setattr(checks, "run_checks", fake)
    monkeypatch.setattr(routes, "CHECKS_WAIT_SECONDS", 0.0)
    return fake


def test_a_running_check_shows_its_step_and_can_be_cancelled(client: Any,
                                                             slow: SlowChecks) -> None:
    first = client.get("/checks")
    assert first.status_code == 202
    running = _until(client, 'id="checks-step">shacl: shape')
    assert 'id="checks-running"' in running.get_data(as_text=True)
    assert client.post("/checks/cancel").status_code == 401  # the update token, as for writes
    assert slow.runs == 1
    answer = client.post("/checks/cancel", headers=AUTH)
    assert answer.status_code == 202 and answer.get_json() == {"cancelled": True}
    page = _until(client, 'id="checks-cancelled"')
    assert page.status_code == 200 and 'id="checks-running"' not in page.get_data(as_text=True)
    # A cancelled run is not started again by the next view of the page...
    time.sleep(0.1)
    assert client.get("/checks").status_code == 200 and slow.runs == 1
    assert client.post("/checks/cancel", headers=AUTH).status_code == 409  # nothing runs
    # ...but on request.
    again = client.get("/checks?run=again")
    assert again.status_code == 202 and slow.runs == 2
    assert client.post("/checks/cancel", headers=AUTH).status_code == 202
    _until(client, 'id="checks-cancelled"')


def test_a_finished_run_is_shown_as_before(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = SlowChecks(limit=0.0)
    monkeypatch.setattr(checks, "run_checks", fake)
    page = client.get("/checks")
    assert page.status_code == 200 and 'id="checks-cancelled"' not in page.get_data(as_text=True)
    assert client.post("/checks/cancel", headers=AUTH).status_code == 409
