"""Whole-store summaries are computed off the request threads, once at a time, and
kept until the next write."""

from __future__ import annotations

import threading
import time

from conflict_kg.server.ops.summaries import Summaries


def test_one_computation_for_concurrent_requests_and_none_again_until_a_write():
    summaries, calls, release = Summaries(), [], threading.Event()

    def compute() -> int:
        calls.append(1)
        release.wait(5)
        return len(calls)

    first = summaries.get("k", compute, generation=0, wait=0)
    second = summaries.get("k", compute, generation=0, wait=0)
    assert first.value is None and not first.fresh and first.computing_since is not None
    assert second.computing_since == first.computing_since
    release.set()
    done = summaries.get("k", compute, generation=0, wait=5)
    assert done.value == 1 and done.fresh and len(calls) == 1
    assert summaries.get("k", compute, generation=0, wait=0).value == 1 and len(calls) == 1
    after_write = summaries.get("k", compute, generation=1, wait=5)
    assert after_write.value == 2 and after_write.fresh and len(calls) == 2


def test_the_last_value_is_shown_as_stale_while_a_fresh_one_is_computed():
    summaries, release = Summaries(), threading.Event()
    assert summaries.get("k", lambda: "old", generation=0, wait=5).value == "old"

    def slow() -> str:
        release.wait(5)
        return "new"

    stale = summaries.get("k", slow, generation=1, wait=0)
    assert stale.value == "old" and not stale.fresh and stale.computing_since is not None
    release.set()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        fresh = summaries.get("k", slow, generation=1, wait=1)
        if fresh.fresh:
            break
    assert fresh.value == "new"


def test_a_failure_is_reported_and_the_next_request_tries_again():
    summaries = Summaries()

    def broken() -> None:
        raise RuntimeError("store went away")

    failed = summaries.get("k", broken, generation=0, wait=5)
    assert failed.value is None and failed.computing_since is None
    assert failed.error == "RuntimeError: store went away"
    assert summaries.get("k", lambda: 7, generation=0, wait=5).value == 7
