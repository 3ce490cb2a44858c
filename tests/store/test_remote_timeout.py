"""The remote store's client timeout is a setting, and a silent endpoint fails with it."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from conflict_kg.settings import load_settings
from conflict_kg.store import open_configured_store
from conflict_kg.store.base import StoreError


@pytest.fixture
def silent_endpoint() -> Iterator[str]:
    """A loopback listener that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    stop.set()
    thread.join(timeout=5)
    for connection in accepted:
        connection.close()
    listener.close()


def test_the_setting_reaches_the_remote_store(silent_endpoint: str) -> None:
    settings = load_settings({"store": silent_endpoint},
                             environ={"CONFLICT_KG_STORE_TIMEOUT": "0.5"})
    store = open_configured_store(settings)
    started = time.monotonic()
    with pytest.raises(StoreError, match="timed out"):
        store.query("ASK { ?s ?p ?o }")
    assert time.monotonic() - started < 30  # the default (120 s) was not used


def test_a_timeout_that_is_not_positive_is_refused() -> None:
    with pytest.raises(ValueError, match="CONFLICT_KG_STORE_TIMEOUT='0'"):
        load_settings(environ={"CONFLICT_KG_STORE_TIMEOUT": "0"})
