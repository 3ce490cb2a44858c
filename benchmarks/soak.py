"""Soak benchmark: the service under mixed good, slow and malicious load for a while.

    .venv/bin/python benchmarks/soak.py                  # 10 minutes, 8 clients, 200 slow sockets
    .venv/bin/python benchmarks/soak.py --seconds 60     # a short run

One ``conflict-kg serve`` (default settings but an update token, so the
per-client fairness limits and the request-read timeout are the shipped ones)
on a small on-disk store (the bundled demo corpus, ingested and reasoned).
For ``--seconds`` it gets at once:

- ``--clients`` good clients, each from its own loopback address (127.0.0.2,
  127.0.0.3, ...: Linux routes all of 127/8 to loopback), each on one kept-alive
  connection looping over ``/healthz`` and a few analyst queries
  (``GET /queries/<name>`` with the example values, ``Cache-Control: no-cache``
  so every query is evaluated rather than served from the result cache);
- ``--slow`` slow sockets from 127.0.3.1, held open the whole time: half send
  nothing after connecting, half trickle a request head that never ends, one byte
  every 0.5 s; the server closes each after ``request_read_timeout`` (10 s) and it
  connects again;
- every ``--attack-every`` seconds one malicious request from 127.0.2.1, in turn:
  a query nested 2,500 deep (expect 400), a SERVICE call to a loopback listener
  started here (expect 400, the listener never contacted), an RDF/XML PUT with a
  DOCTYPE (expect 400, or 401), and 12 MB of N-Triples PUT to /store chunked, with
  the token (expect 413).

Prints per request class the count, errors (an unexpected status or an
exception), p50/p99/max latency in ms; the server worker's resident memory at
the start, its maximum and at the end; whether the server and its worker process
are the same ones at the end; and the listener's contacts. Exits 1 when an attack
was not refused as expected, the listener was contacted, or the server or its
worker process changed. Good requests that fail are counted, not fatal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import platform
import selectors
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.scale import (  # noqa: E402
    CLI,
    MIXED_LOAD_QUERIES,
    _free_port,
    _named_query_path,
    _pct,
    _rss_mb,
    _server_pid,
)

TOKEN = "soak-benchmark-token"
EX = "http://example.org/soak/"
HOST = "127.0.0.1"
ATTACKER = "127.0.2.1"
SLOW_SOURCE = "127.0.3.1"
TIMEOUT = 60.0  # seconds, every socket operation of a good client or an attack
CONNECT_TIMEOUT = 5.0
TRICKLE_EVERY = 0.5
SLOW_HEAD = b"GET /healthz HTTP/1.1\r\nHost: soak\r\nX-Slow: "  # then "a" for ever
RESULTS_JSON = "application/sparql-results+json"

NESTED = "ASK " + "{" * 2500 + "?s ?p ?o" + "}" * 2500
DOCTYPE_XML = b"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [<!ENTITY word "expanded">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><e:p>&word;</e:p></rdf:Description>
</rdf:RDF>"""
ATTACKS = ("nested query", "SERVICE to listener", "RDF/XML DOCTYPE", "12 MB chunked PUT")
EXPECTED = {"nested query": {400}, "SERVICE to listener": {400},
            "RDF/XML DOCTYPE": {400, 401}, "12 MB chunked PUT": {413}}
DOCTYPE_GRAPH = EX + "doctype"
CHUNKED_GRAPH = EX + "chunked-12mb"


@dataclass
class Stats:
    """Latencies and errors per request class, from many threads."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    samples: dict[str, list[str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, name: str, ms: float, ok: bool, detail: str = "") -> None:
        with self.lock:
            self.latencies.setdefault(name, []).append(ms)
            self.errors.setdefault(name, 0)
            if not ok:
                self.errors[name] += 1
                seen = self.samples.setdefault(name, [])
                if len(seen) < 5 and detail not in seen:
                    seen.append(detail)


class Listener:
    """A loopback "internal service": counts every connection, answers one SPARQL result."""

    ANSWER = b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind((HOST, 0))
        self.sock.listen(16)
        self.sock.settimeout(0.5)
        self.port: int = self.sock.getsockname()[1]
        self.contacts = 0
        self.closed = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/sparql"

    def _serve(self) -> None:
        while not self.closed.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.contacts += 1
            with conn:
                conn.settimeout(2)
                try:
                    conn.recv(65536)
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: " + RESULTS_JSON.encode()
                                 + b"\r\nConnection: close\r\nContent-Length: "
                                 + str(len(self.ANSWER)).encode() + b"\r\n\r\n" + self.ANSWER)
                except OSError:
                    pass

    def close(self) -> None:
        self.closed.set()
        self.sock.close()
        self.thread.join(5)


def good_client(k: int, port: int, paths: dict[str, str], stop: threading.Event,
                stats: Stats, pause: float) -> None:
    """One kept-alive connection from 127.0.0.<k+2>: /healthz, then each query, in a loop."""
    source = (f"127.0.0.{k + 2}", 0)
    rounds = [("healthz", "/healthz"), *((f"query {n}", p) for n, p in paths.items())]
    conn: http.client.HTTPConnection | None = None
    i = k  # the clients start at different points of the round
    try:
        while not stop.is_set():
            name, path = rounds[i % len(rounds)]
            i += 1
            started = time.perf_counter()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT,
                                                      source_address=source)
                conn.request("GET", path, headers={"Accept": RESULTS_JSON + ", application/json",
                                                   "Cache-Control": "no-cache"})
                response = conn.getresponse()
                body = response.read()
                ok, detail = response.status == 200, f"HTTP {response.status} {body[:160]!r}"
                if response.will_close:
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as exc:
                ok, detail = False, f"{type(exc).__name__}: {exc}"
                if conn is not None:
                    conn.close()
                    conn = None
            stats.record(name, (time.perf_counter() - started) * 1000, ok, detail)
            stop.wait(pause)
    finally:
        if conn is not None:
            conn.close()


@dataclass
class SlowSocket:
    sock: socket.socket
    trickle: bool
    opened: float
    sent: int = 0


class SlowSockets:
    """``count`` sockets in one thread: half idle, half trickling a head that never ends.

    A socket the server closes is opened again; its lifetime (connect to close) is
    recorded as the latency of its class ("slow idle" or "slow trickle"), and is an
    error when it exceeds ``max_life`` seconds (the server should close it after
    ``request_read_timeout``). A connection that cannot be made is an error too.
    """

    def __init__(self, port: int, count: int, stats: Stats, stop: threading.Event,
                 max_life: float) -> None:
        self.port, self.count, self.stats, self.stop = port, count, stats, stop
        self.max_life = max_life
        self.selector = selectors.DefaultSelector()
        self.answered = 0  # closes that came with bytes (an error answer), not silence
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _name(self, trickle: bool) -> str:
        return "slow trickle (time to close)" if trickle else "slow idle (time to close)"

    def _open(self, trickle: bool) -> None:
        started = time.perf_counter()
        try:
            sock = socket.create_connection((HOST, self.port), timeout=CONNECT_TIMEOUT,
                                            source_address=(SLOW_SOURCE, 0))
        except OSError as exc:
            self.stats.record(self._name(trickle), (time.perf_counter() - started) * 1000,
                              False, f"connect: {type(exc).__name__}: {exc}")
            self.stop.wait(0.5)
            return
        sock.setblocking(False)
        self.selector.register(sock, selectors.EVENT_READ,
                               SlowSocket(sock, trickle, time.perf_counter()))

    def _closed(self, slow: SlowSocket) -> None:
        self.selector.unregister(slow.sock)
        slow.sock.close()
        life = time.perf_counter() - slow.opened
        self.stats.record(self._name(slow.trickle), life * 1000, life <= self.max_life,
                          f"held {life:.1f} s before the server closed it")
        if not self.stop.is_set():
            self._open(slow.trickle)

    def _run(self) -> None:
        for i in range(self.count):
            if self.stop.is_set():
                return
            self._open(trickle=bool(i % 2))
        next_tick = time.perf_counter() + TRICKLE_EVERY
        while not self.stop.is_set():
            wait = max(0.0, next_tick - time.perf_counter())
            for key, _ in self.selector.select(timeout=wait):
                slow: SlowSocket = key.data
                try:
                    data = slow.sock.recv(4096)
                except (BlockingIOError, InterruptedError):
                    continue
                except OSError:
                    data = b""
                if data:
                    self.answered += 1
                    # not silence: still wait for the close, which ends its life
                    continue
                self._closed(slow)
            if time.perf_counter() >= next_tick:
                next_tick += TRICKLE_EVERY
                for key in list(self.selector.get_map().values()):
                    slow = key.data
                    if not slow.trickle:
                        continue
                    byte = SLOW_HEAD[slow.sent:slow.sent + 1] or b"a"
                    try:
                        slow.sock.send(byte)
                        slow.sent += 1
                    except (BlockingIOError, InterruptedError):
                        pass
                    except OSError:
                        self._closed(slow)

    def start(self) -> None:
        self.thread.start()

    def close(self) -> None:
        self.thread.join(10)
        for key in list(self.selector.get_map().values()):
            key.fileobj.close()  # type: ignore[union-attr]
        self.selector.close()

    @property
    def open_now(self) -> int:
        return len(self.selector.get_map())


def ntriples(size: int) -> bytes:
    """At least ``size`` bytes of N-Triples, lines of about 100 bytes."""
    filler = "x" * 60
    lines, total, i = [], 0, 0
    while total < size:
        line = f'<{EX}s{i}> <{EX}p> "{filler}" .\n'
        lines.append(line)
        total += len(line)
        i += 1
    return "".join(lines).encode()


def attack(kind: str, port: int, listener: Listener, big_body: bytes) -> tuple[int, bytes]:
    """One malicious request over a fresh connection from the attacker's address."""
    conn = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT, source_address=(ATTACKER, 0))
    try:
        if kind == "nested query":
            conn.request("POST", "/sparql", body=NESTED.encode(),
                         headers={"Content-Type": "application/sparql-query",
                                  "Accept": RESULTS_JSON})
        elif kind == "SERVICE to listener":
            query = f"SELECT ?s {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
            conn.request("POST", "/sparql", body=query.encode(),
                         headers={"Content-Type": "application/sparql-query",
                                  "Accept": RESULTS_JSON})
        elif kind == "RDF/XML DOCTYPE":
            conn.request("PUT", f"/store?graph={DOCTYPE_GRAPH}", body=DOCTYPE_XML,
                         headers={"Content-Type": "application/rdf+xml",
                                  "Authorization": f"Bearer {TOKEN}"})
        else:
            pieces = (big_body[i:i + 65536] for i in range(0, len(big_body), 65536))
            try:
                conn.request("PUT", f"/store?graph={CHUNKED_GRAPH}", body=pieces,
                             headers={"Content-Type": "application/n-triples",
                                      "Authorization": f"Bearer {TOKEN}"},
                             encode_chunked=True)
            except OSError:
                pass  # the server answered and closed before the rest was sent
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def attacker(port: int, every: float, listener: Listener, stats: Stats,
             stop: threading.Event, big_body: bytes) -> None:
    n = 0
    next_at = time.monotonic() + every
    while not stop.wait(max(0.0, next_at - time.monotonic())):
        kind = ATTACKS[n % len(ATTACKS)]
        n += 1
        contacts = listener.contacts
        started = time.perf_counter()
        try:
            status, body = attack(kind, port, listener, big_body)
            ok = status in EXPECTED[kind] and listener.contacts == contacts
            detail = f"HTTP {status} {body[:160]!r}, listener contacts +" \
                     f"{listener.contacts - contacts}"
        except (OSError, http.client.HTTPException) as exc:
            ok, detail = False, f"{type(exc).__name__}: {exc}"
        stats.record(f"attack: {kind}", (time.perf_counter() - started) * 1000, ok, detail)
        next_at = max(next_at + every, time.monotonic())


@dataclass
class Memory:
    """The server worker's VmRSS, sampled every second; the worker pids seen."""

    proc: subprocess.Popen[bytes]
    samples: list[float] = field(default_factory=list)
    workers: list[int] = field(default_factory=list)

    def sample(self) -> None:
        pid = _server_pid(self.proc)
        if not self.workers or self.workers[-1] != pid:
            self.workers.append(pid)
        try:
            self.samples.append(_rss_mb(pid))
        except OSError:
            pass  # the worker is gone (recorded by its pid changing)

    def run(self, stop: threading.Event) -> None:
        while not stop.wait(1.0):
            self.sample()


def http_status(port: int, path: str) -> int:
    conn = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
    try:
        conn.request("GET", path, headers={"Accept": "application/n-triples"})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def wait_ready(port: int, proc: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if http_status(port, "/healthz") == 200:
                return
        except (OSError, http.client.HTTPException):
            pass
        if proc.poll() is not None:
            raise SystemExit("the server exited before answering /healthz")
        if time.monotonic() > deadline:
            raise SystemExit("no answer from the server's /healthz")
        time.sleep(0.3)


def build_store(store: Path, env: dict[str, str]) -> None:
    from conflict_kg.resources import demo_corpus_dir

    for step in (["ingest", str(demo_corpus_dir())], ["reason"]):
        subprocess.run([*CLI, "--store", str(store), "--log-level", "WARNING", *step],
                       env=env, cwd=ROOT, stdout=subprocess.DEVNULL, check=True, timeout=600)


def table(stats: Stats) -> list[str]:
    out = ["| class | count | errors | p50 ms | p99 ms | max ms |",
           "|---|---:|---:|---:|---:|---:|"]

    def row(name: str, values: list[float], errors: int) -> None:
        if values:
            out.append(f"| {name} | {len(values)} | {errors} | {_pct(values, 50):.1f} | "
                       f"{_pct(values, 99):.1f} | {max(values):.1f} |")
        else:
            out.append(f"| {name} | 0 | {errors} | | | |")

    names = sorted(stats.latencies)

    def group(prefix: str, total: str | None) -> None:
        members = [n for n in names if n.startswith(prefix)]
        if total and len(members) > 1:
            row(total, [v for n in members for v in stats.latencies[n]],
                sum(stats.errors[n] for n in members))
            for n in members:
                row("&nbsp;&nbsp;" + n, stats.latencies[n], stats.errors[n])
        else:
            for n in members:
                row(n, stats.latencies[n], stats.errors[n])

    group("healthz", None)
    group("query ", "good queries (all)")
    group("attack: ", "attacks (all)")
    group("slow ", None)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=600.0, help="length of the soak")
    parser.add_argument("--clients", type=int, default=8,
                        help="good clients, each from its own loopback address (at most 200)")
    parser.add_argument("--slow", type=int, default=200, help="slow sockets held open")
    parser.add_argument("--attack-every", type=float, default=5.0,
                        help="seconds between malicious requests")
    parser.add_argument("--pause", type=float, default=0.05,
                        help="seconds a good client waits between its requests")
    parser.add_argument("--queries", default=",".join(MIXED_LOAD_QUERIES),
                        help="comma-separated analyst queries the good clients run")
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 200:
        parser.error("--clients: 1 to 200 (one loopback address each)")
    given = argv if argv is not None else sys.argv[1:]
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"# python benchmarks/soak.py {' '.join(given)}".rstrip())
    print(f"# {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
          f"{memory_gb:.0f} GiB memory, {platform.python_implementation()} "
          f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f} at the start",
          flush=True)

    from conflict_kg.query_catalog import library

    catalog = library()
    names = [n.strip() for n in args.queries.split(",") if n.strip()]
    unknown = [n for n in names if n not in catalog]
    if unknown:
        parser.error(f"--queries: no analyst query named {', '.join(unknown)}")
    paths = {n: _named_query_path(n, catalog[n].example_values()) for n in names}
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONFLICT_KG_")}
    stats = Stats()
    stop = threading.Event()
    threads: list[threading.Thread] = []
    slow: SlowSockets | None = None
    listener: Listener | None = None
    proc: subprocess.Popen[bytes] | None = None
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="ck-soak-") as tmp_name:
        tmp = Path(tmp_name)
        store = tmp / "store"
        build_store(store, env)
        big_body = ntriples(12_000_000)
        log_path = tmp / "server.log"
        try:
            listener = Listener()
            port = _free_port()
            with log_path.open("wb") as log:
                proc = subprocess.Popen(
                    [*CLI, "--store", str(store), "--log-level", "WARNING", "serve",
                     "--port", str(port), "--update-token", TOKEN],
                    env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
            wait_ready(port, proc, 120)
            memory = Memory(proc)
            memory.sample()
            rss_start = memory.samples[-1] if memory.samples else 0.0
            slow = SlowSockets(port, args.slow, stats, stop, max_life=10.0 + 5.0)
            slow.start()
            spawn: list[tuple[Callable[..., None], tuple[object, ...]]] = [
                (good_client, (k, port, paths, stop, stats, args.pause))
                for k in range(args.clients)]
            spawn.append((attacker, (port, args.attack_every, listener, stats, stop, big_body)))
            spawn.append((memory.run, (stop,)))
            for target, target_args in spawn:
                thread = threading.Thread(target=target, args=target_args, daemon=True)
                thread.start()
                threads.append(thread)
            started = time.monotonic()
            while time.monotonic() - started < args.seconds and proc.poll() is None:
                time.sleep(min(1.0, max(0.0, args.seconds - (time.monotonic() - started))))
            slow_open = slow.open_now
            stop.set()
            for thread in threads:
                thread.join(TIMEOUT + 10)
            alive = proc.poll() is None
            memory.sample()
            rss_end = memory.samples[-1] if memory.samples else 0.0
            stored = [g for g in (DOCTYPE_GRAPH, CHUNKED_GRAPH)
                      if alive and http_status(port, f"/store?graph={g}") != 404]
        finally:
            stop.set()
            if slow is not None:
                slow.close()
            if listener is not None:
                listener.close()
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(30)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(10)
        log_lines = log_path.read_text(encoding="utf-8", errors="replace").splitlines()

    problems = [line for line in log_lines
                if any(m in line for m in ("[ERROR]", "[CRITICAL]", "Traceback", "ERROR "))]
    warnings = [line for line in log_lines
                if line.startswith("WARNING ") or "[WARNING]" in line]
    print(f"\n## soak: {args.seconds:.0f} s, {args.clients} good clients (pause "
          f"{args.pause:g} s), {args.slow} slow sockets, an attack every "
          f"{args.attack_every:g} s\n")
    print("\n".join(table(stats)))
    worker_same = len(memory.workers) == 1
    print()
    print(f"- server worker RSS: {rss_start:.0f} MB at the start, "
          f"{max(memory.samples, default=0.0):.0f} MB max, {rss_end:.0f} MB at the end "
          f"({len(memory.samples)} samples, one a second)")
    print(f"- server process {proc.pid if proc else '?'}: "
          f"{'alive to the end' if alive else 'DIED'}; worker pid "
          + (f"{memory.workers[0]}, the same throughout" if worker_same
             else "CHANGED: " + " -> ".join(map(str, memory.workers))))
    print(f"- listener contacts: {listener.contacts if listener else '?'}")
    print(f"- slow sockets open at the end: {slow_open} of {args.slow}; closes that came "
          f"with an answer: {slow.answered if slow else '?'}")
    print("- graphs the attacks wrote: " + (", ".join(stored) if stored else "none"))
    print(f"- server log: {len(log_lines)} lines, {len(warnings)} warnings, "
          f"{len(problems)} errors")
    for line in (problems + warnings)[:5]:
        print(f"    {line[:200]}")
    for name in sorted(stats.samples):
        print(f"- errors, {name}:")
        for detail in stats.samples[name]:
            print(f"    {detail[:240]}")

    for name, count in stats.errors.items():
        if name.startswith("attack: ") and count:
            failed.append(f"{count} '{name[len('attack: '):]}' not refused as expected")
    if not any(n.startswith("attack: ") for n in stats.latencies):
        failed.append("no attack was made")
    if listener is None or listener.contacts:
        failed.append("the listener was contacted")
    if not alive or not worker_same:
        failed.append("the server or its worker process changed")
    if stored:
        failed.append("an attack wrote a graph")
    if failed:
        print("\nFAILED: " + "; ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
