"""Reading request heads in the worker's event loop, so slow clients hold no thread.

gunicorn's ``gthread`` worker hands a new connection to a request thread at
once, and the thread blocks until the request head has arrived (after first
waiting up to 5 s for a first byte).  Eight idle or trickling sockets then
take every thread.  Here the event loop (one thread, non-blocking sockets)
reads each request head, and a body of at most :data:`PREFETCH_BODY` bytes,
into a buffer first; only a complete request goes to a thread.  A client
gets ``read_timeout`` seconds from its first byte (from acceptance, for a new
connection) to send them, else the connection is closed.

A thread may still read a larger body, or a request that followed another on
the same connection.  Its socket reads are then bounded too
(:class:`TimedReads`): each waits at most ``read_timeout`` seconds, and the
whole body at most ``read_timeout`` plus its length at :data:`MIN_BODY_RATE`.
"""

from __future__ import annotations

import re
import select
import socket
import time
from dataclasses import dataclass, field
from typing import Any

from gunicorn.http.errors import NoMoreData

HEAD_END = b"\r\n\r\n"
PREFETCH_BODY = 64 * 1024  # larger bodies (uploads) are read by the thread, bounded
MAX_HEAD = 1024 * 1024  # past this without a head's end, the parser answers the error
MIN_BODY_RATE = 100_000  # bytes/s a body read by a thread must keep up on average
READ_CHUNK = 65536

_CONTENT_LENGTH = re.compile(rb"^content-length[ \t]*:[ \t]*(\d{1,12})[ \t]*\r?$",
                             re.IGNORECASE | re.MULTILINE)


@dataclass
class PendingRequest:
    """A connection whose request is being read by the event loop."""

    conn: Any  # gunicorn's TConn
    deadline: float
    buffer: bytearray = field(default_factory=bytearray)

    def receive(self) -> bool | None:
        """Read what the socket has; True: the request is ready for a thread,
        None: the client closed the connection, False: keep waiting."""
        try:
            data = self.conn.sock.recv(READ_CHUNK)
        except (BlockingIOError, InterruptedError):
            return False
        except OSError:
            return None
        if not data:
            return None
        self.buffer += data
        return request_ready(self.buffer)


def request_ready(buffer: bytes | bytearray) -> bool:
    """Whether ``buffer`` holds a whole request head, and its body if that is small."""
    end = buffer.find(HEAD_END)
    if end < 0:
        return len(buffer) >= MAX_HEAD  # let the parser refuse it
    length = _CONTENT_LENGTH.search(bytes(buffer[:end + 2]))
    if length is None:
        return True  # no body, or a chunked one the thread reads (bounded)
    size = int(length.group(1))
    if size > PREFETCH_BODY:
        return True
    return len(buffer) - (end + len(HEAD_END)) >= size


class TimedReads:
    """A socket's ``recv`` for gunicorn's parser, with a deadline per read and in all."""

    def __init__(self, sock: socket.socket, read_timeout: float) -> None:
        self.sock = sock
        self.read_timeout = read_timeout
        self.deadline = float("inf")

    def arm(self, body_bytes: int | None) -> None:
        """Start the clock for one request (``body_bytes``: the most it may send)."""
        allowance = self.read_timeout + (body_bytes or 0) / MIN_BODY_RATE
        self.deadline = time.monotonic() + allowance

    def recv(self, size: int) -> bytes:
        wait = min(self.read_timeout, self.deadline - time.monotonic())
        if wait <= 0:
            raise NoMoreData(b"")
        readable, _, _ = select.select([self.sock], [], [], wait)
        if not readable:
            raise NoMoreData(b"")  # gunicorn closes the connection quietly
        return self.sock.recv(size)


def head_is_waiting(sock: socket.socket) -> bool:
    """Whether a whole request head is already on ``sock`` (not consumed)."""
    try:
        peeked = sock.recv(READ_CHUNK, socket.MSG_PEEK | socket.MSG_DONTWAIT)
    except (BlockingIOError, InterruptedError, OSError):
        return False
    return bool(peeked) and HEAD_END in peeked
