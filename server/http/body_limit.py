"""The request body limit (``max_request_bytes``), exact for every transfer encoding.

Werkzeug enforces ``MAX_CONTENT_LENGTH`` on a body of declared length, but on a
streamed (chunked) body it stops reading at the limit and returns what it has:
a 12 MB upload became a 10 MB one, parsed and stored as if complete.  Here the
WSGI input itself counts: the byte past the limit raises
:class:`~werkzeug.exceptions.RequestEntityTooLarge` (the app answers 413) while
the view is still reading, before anything is written; a declared
``Content-Length`` over the limit is refused before the body is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from werkzeug.exceptions import RequestEntityTooLarge

CHUNK = 64 * 1024


def too_large_message(limit: int) -> str:
    return f"request body larger than max_request_bytes ({limit} bytes)"


class CappedInput:
    """``wsgi.input`` that refuses to deliver more than ``limit`` bytes in all."""

    def __init__(self, stream: IO[bytes], limit: int) -> None:
        self._stream = stream
        self._limit = limit
        self._seen = 0

    def _take(self, data: bytes) -> bytes:
        self._seen += len(data)
        if self._seen > self._limit:
            raise RequestEntityTooLarge(too_large_message(self._limit))
        return data

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            parts = []
            while chunk := self._stream.read(CHUNK):
                parts.append(self._take(chunk))
            return b"".join(parts)
        return self._take(self._stream.read(size))

    def readline(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            # At most one byte past the limit is ever asked for.
            size = self._limit - self._seen + 1
        return self._take(self._stream.readline(size))

    def readlines(self, hint: int = -1) -> list[bytes]:
        return list(self)

    def __iter__(self) -> Iterator[bytes]:
        while line := self.readline():
            yield line


class BodyLimit:
    """WSGI middleware: every request body is at most ``limit`` bytes (0: no limit)."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        if self.limit:
            declared = environ.get("CONTENT_LENGTH") or ""
            if declared.strip().isdigit() and int(declared) > self.limit:
                body = json.dumps({"error": too_large_message(self.limit),
                                   "status": 413}).encode()
                start_response("413 Content Too Large", [
                    ("Content-Type", "application/json"),
                    ("Content-Length", str(len(body))),
                    ("X-Content-Type-Options", "nosniff"),
                    ("Connection", "close"),  # the body is not read: do not reuse the socket
                ])
                return [body]
            environ["wsgi.input"] = CappedInput(environ["wsgi.input"], self.limit)
        return self.app(environ, start_response)  # type: ignore[no-any-return]
