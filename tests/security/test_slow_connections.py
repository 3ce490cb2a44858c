"""Idle and trickling connections hold no server thread (issue 21, item 3).

200 sockets against a real server process (8 threads): half connect and send
nothing, half send a request head a few bytes at a time. ``/healthz`` is
still answered at once, and a connection that does not finish its request
within ``request_read_timeout`` is closed.
"""

from __future__ import annotations

import socket
import threading
import time
import urllib.request
from collections.abc import Iterator

import pytest

from tests.security.conftest import Served, serve

READ_TIMEOUT = 4  # seconds, --request-read-timeout of the server under test
SLOW_SOCKETS = 200


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from serve(tmp_path_factory.mktemp("slow"), "--threads", "8",
                     "--request-read-timeout", str(READ_TIMEOUT))


def _port(served: Served) -> int:
    return int(served.base.rsplit(":", 1)[1])


def _healthz_seconds(served: Served) -> float:
    started = time.monotonic()
    with urllib.request.urlopen(served.base + "/healthz", timeout=10) as response:
        assert response.status == 200
    return time.monotonic() - started


def test_healthz_stays_fast_while_200_sockets_are_slow(served: Served) -> None:
    sockets: list[socket.socket] = []
    stop = threading.Event()
    head = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 200

    def trickle(sock: socket.socket) -> None:
        for i in range(len(head)):
            if stop.wait(0.1):
                return
            try:
                sock.sendall(head[i:i + 1])
            except OSError:
                return  # closed by the server: fine

    try:
        for i in range(SLOW_SOCKETS):
            sock = socket.create_connection(("127.0.0.1", _port(served)), timeout=10)
            sockets.append(sock)
            if i % 2:
                threading.Thread(target=trickle, args=(sock,), daemon=True).start()
        time.sleep(0.5)  # let every thread of the server meet them
        timings = sorted(_healthz_seconds(served) for _ in range(50))
        p99 = timings[int(len(timings) * 0.99) - 1]
        assert p99 < 1.0, timings[-5:]
    finally:
        stop.set()
        for sock in sockets:
            sock.close()
    assert served.alive()


def test_a_connection_that_never_finishes_its_request_is_closed(served: Served) -> None:
    with socket.create_connection(("127.0.0.1", _port(served)), timeout=READ_TIMEOUT * 4) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # no end of head
        started = time.monotonic()
        assert sock.recv(1024) == b""  # closed by the server, nothing answered
        waited = time.monotonic() - started
    assert READ_TIMEOUT - 1 <= waited <= READ_TIMEOUT + 3


def test_requests_still_work_whole_and_split(served: Served) -> None:
    with socket.create_connection(("127.0.0.1", _port(served)), timeout=10) as sock:
        body = b"query=ASK%20%7B%7D"
        request = (b"POST /sparql HTTP/1.1\r\nHost: x\r\nAccept: application/sparql-results+json"
                   b"\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                   + str(len(body)).encode() + b"\r\n\r\n" + body)
        for part in (request[:20], request[20:-5], request[-5:]):  # a head and body in parts
            sock.sendall(part)
            time.sleep(0.2)
        reader = sock.makefile("rb")
        assert reader.readline().startswith(b"HTTP/1.1 200")
        length = 0
        while (line := reader.readline()) not in (b"\r\n", b""):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        assert b'"boolean": true' in reader.read(length)
        # the same connection, kept alive: a second request in one piece
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        assert reader.readline().startswith(b"HTTP/1.1 200")
