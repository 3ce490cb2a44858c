"""When the event loop hands a request to a thread (server/http/request_reading.py)."""

from __future__ import annotations

import socket
import time

import pytest
from gunicorn.http.errors import NoMoreData

from conflict_kg.server.http.request_reading import (
    MAX_HEAD,
    PREFETCH_BODY,
    TimedReads,
    head_is_waiting,
    request_ready,
)

HEAD = b"POST /sparql HTTP/1.1\r\nHost: x\r\n"


def test_a_head_without_a_body_is_ready_at_its_end() -> None:
    assert not request_ready(b"GET / HTTP/1.1\r\nHost: x\r\n")
    assert request_ready(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")


def test_a_small_body_is_read_whole_first() -> None:
    head = HEAD + b"content-LENGTH:  10\r\n\r\n"
    assert not request_ready(head + b"123456789")
    assert request_ready(head + b"1234567890")


def test_large_and_chunked_bodies_go_to_the_thread_after_the_head() -> None:
    assert request_ready(HEAD + b"Content-Length: " + str(PREFETCH_BODY + 1).encode()
                         + b"\r\n\r\n")
    assert request_ready(HEAD + b"Transfer-Encoding: chunked\r\n\r\n")


def test_an_endless_head_is_handed_to_the_parser_to_refuse() -> None:
    assert request_ready(b"GET / HTTP/1.1\r\nX: " + b"a" * MAX_HEAD)


def test_reads_in_a_thread_stop_at_the_timeout() -> None:
    ours, theirs = socket.socketpair()
    with ours, theirs:
        reads = TimedReads(ours, read_timeout=0.3)
        reads.arm(0)
        theirs.sendall(b"abc")
        assert reads.recv(10) == b"abc"
        started = time.monotonic()
        with pytest.raises(NoMoreData):
            reads.recv(10)  # nothing more comes
        assert 0.25 <= time.monotonic() - started < 2


def test_a_whole_head_waiting_on_the_socket_is_seen_without_consuming_it() -> None:
    ours, theirs = socket.socketpair()
    with ours, theirs:
        theirs.sendall(b"GET / HTTP/1.1\r\n")
        assert not head_is_waiting(ours)
        theirs.sendall(b"\r\n")
        assert head_is_waiting(ours)
        assert ours.recv(100) == b"GET / HTTP/1.1\r\n\r\n"
