"""A loopback listener that counts who calls it, and the real server process.

The listener stands for "another service on the server's network": a SPARQL
endpoint that answers one solution.  Every test that tries to make the service
call out asserts that the listener was never reached.
"""

from __future__ import annotations

import socket
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import run_cli, serving

TOKEN = "security-token"
EX = "http://example.org/"
ANSWER = (b'{"head":{"vars":["s"]},"results":{"bindings":'
          b'[{"s":{"type":"uri","value":"http://leaked.example/secret"}}]}}')


@dataclass
class Listener:
    """Counts connections on 127.0.0.1:port; answers each with one SPARQL JSON solution."""

    port: int
    connections: int = 0
    _sock: socket.socket | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    def serve(self) -> None:
        assert self._sock is not None
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            self.connections += 1
            with conn:
                conn.settimeout(2)
                try:
                    conn.recv(65536)
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results"
                                 b"+json\r\nConnection: close\r\nContent-Length: "
                                 + str(len(ANSWER)).encode() + b"\r\n\r\n" + ANSWER)
                except OSError:
                    pass


@pytest.fixture(scope="session")
def listener() -> Iterator[Listener]:
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    found = Listener(sock.getsockname()[1], _sock=sock)
    thread = threading.Thread(target=found.serve, daemon=True)
    thread.start()
    yield found
    sock.close()


@dataclass
class Served:
    proc: subprocess.Popen[str]
    base: str
    log: Path

    def request(self, path: str, data: bytes | None = None, headers: dict[str, str] | None = None,
                method: str | None = None, timeout: float = 60) -> tuple[int, bytes]:
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {},
                                     method=method)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def query(self, text: str, timeout: float = 60) -> tuple[int, bytes]:
        return self.request("/sparql", text.encode("utf-8"),
                            {"Content-Type": "application/sparql-query",
                             "Accept": "application/sparql-results+json"}, timeout=timeout)

    def update(self, text: str) -> tuple[int, bytes]:
        return self.request("/update", text.encode("utf-8"),
                            {"Content-Type": "application/sparql-update",
                             "Authorization": f"Bearer {TOKEN}"})

    def alive(self) -> bool:
        return self.proc.poll() is None and self.request("/healthz", timeout=10)[0] == 200


def serve(tmp: Path, *extra: str, env: dict[str, str] | None = None) -> Iterator[Served]:
    """``conflict-kg serve`` on a small on-disk store, with the given extra flags."""
    data = tmp / "data.nt"
    data.write_text("".join(f'<{EX}e{i}> <{EX}p> "{i}" .\n' for i in range(50)),
                    encoding="utf-8")
    store = tmp / "store"
    loaded = run_cli("load", "--store", str(store), "--graph", EX + "g", str(data))
    assert loaded.returncode == 0, loaded.stderr
    with serving(["--store", str(store), "--update-token", TOKEN, "--reason-on-write",
                  "false", "--query-timeout", "20", *extra], tmp / "server.log",
                 env=env) as server:
        yield Served(server.proc, server.base, server.log)
