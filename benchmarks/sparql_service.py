"""SPARQL service benchmark: direct pyoxigraph vs this endpoint over HTTP vs
rdflib-endpoint over HTTP, on the same data and the same queries.

    .venv/bin/python benchmarks/sparql_service.py            # seed + 1M generated triples
    .venv/bin/python benchmarks/sparql_service.py --size 100000 --requests 30

Reports p50/p95 latency per query (one client) and throughput (requests/s)
at 1, 4 and 16 concurrent clients.  Prints a table; asserts nothing, except
that every system gives the same number of answers to every query (else the
comparison would not be of the same work).

Both servers are one process with one GIL. Throughput over HTTP is driven by
wrk (a C load generator, Debian package ``wrk``) when it is installed, so that
the clients' own Python does not share the 2 cores' budget with the servers;
``--load-generator python`` (or no wrk) uses threads of this process instead.
Latency is always one persistent connection from this process.

This endpoint runs twice: with its result cache off (``--result-cache-mb 0``:
every request is evaluated; the "overhead" figures come from this run) and as
served by default (``conflict-kg`` cached: a repeated query is answered from
the cache until the next write). Two more servers bound what any endpoint on
each HTTP stack can reach: a constant answer behind this service's gunicorn
configuration and behind rdflib-endpoint's (FastAPI on uvicorn, with its
middleware); their ratio caps the ratio on queries that cost nothing to
evaluate.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import requests

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "conflict_kg.cli"]
EX = "https://w3id.org/conflict-kg/id/bench/"
CK = "https://w3id.org/conflict-kg/ontology#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SEED = Path(os.environ.get("CONFLICT_KG_SHARED_DIR", ROOT.parent / "shared")) / "corpus" / \
    "seed" / "il20-sochi-2018-09-18.md"
CLASSES = ["State", "ArmedForce", "WeaponSystem", "MilitaryEvent", "Agreement", "Person"]

QUERIES = {
    "lookup": f"SELECT ?label {{ <{EX}e42> <{RDFS}label> ?label }}",
    "ask": f"ASK {{ <{EX}e42> a <{CK}State> }}",
    "class-10": f"SELECT ?e ?label {{ ?e a <{CK}WeaponSystem> ; <{RDFS}label> ?label }} LIMIT 10",
    "join-20": (f"SELECT ?e ?o ?label {{ ?e <{CK}involves> ?o . ?o <{RDFS}label> ?label . "
                f"?e a <{CK}MilitaryEvent> }} LIMIT 20"),
    "count-class": f"SELECT (COUNT(*) AS ?n) {{ ?e a <{CK}Agreement> }}",
}
THROUGHPUT_QUERY = "class-10"


def generate(path: Path, size: int) -> int:
    """About ``size`` triples of conflict-shaped data, as N-Triples."""
    entities = size // 4
    with path.open("w", encoding="utf-8") as out:
        for i in range(entities):
            e = f"<{EX}e{i}>"
            cls = CLASSES[i % len(CLASSES)]
            out.write(f"{e} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{CK}{cls}> .\n")
            out.write(f'{e} <{RDFS}label> "{cls} number {i}"@en .\n')
            out.write(f"{e} <{CK}involves> <{EX}e{(i * 7919) % entities}> .\n")
            out.write(f'{e} <{CK}date> "20{i % 25:02d}-01-01"^^'
                      "<http://www.w3.org/2001/XMLSchema#date> .\n")
    return entities * 4


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def latencies(run: Callable[[str], object], query: str, n: int) -> list[float]:
    run(query)  # warm-up
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        run(query)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) of a process and its children so far, from /proc; None
    where there is no /proc.  Unlike wall time it hardly moves with other jobs' load."""
    try:
        children = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True,
                                  text=True, check=False).stdout.split()
        total = 0.0
        for p in (pid, *(int(c) for c in children)):
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return total
    except (OSError, ValueError, IndexError):
        return None


def throughput(make_runner: Callable[[], Callable[[str], object]], query: str, clients: int,
               seconds: float) -> float:
    done = [0] * clients
    stop = time.perf_counter() + seconds

    def client(k: int) -> None:
        run = make_runner()
        while time.perf_counter() < stop:
            run(query)
            done[k] += 1

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.perf_counter() - t0)


def wrk_throughput(url: str, query: str, clients: int, seconds: float) -> float:
    """Requests/s that wrk gets with ``clients`` persistent connections; any error is fatal."""
    target = url + "?" + urllib.parse.urlencode({"query": query})
    done = subprocess.run(
        # A slow peer request (rdflib: up to seconds) is not a socket error: long timeout.
        ["wrk", "-t1", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "120s",
         "-H", "Accept: application/sparql-results+json", target],
        capture_output=True, text=True, check=True, timeout=seconds + 180)
    for problem in ("Non-2xx or 3xx responses", "Socket errors"):
        if problem in done.stdout:
            raise RuntimeError(f"wrk against {url}: {problem}\n{done.stdout}")
    rate = re.search(r"Requests/sec:\s*([0-9.]+)", done.stdout)
    if not rate:
        raise RuntimeError(f"wrk printed no rate:\n{done.stdout}")
    return float(rate.group(1))


def answer_size(body: object) -> int:
    """Rows of a SPARQL JSON result (or 1/0 for ASK), to check the systems agree."""
    if isinstance(body, bytes):
        parsed = json.loads(body)
        if "boolean" in parsed:
            return int(parsed["boolean"])
        return len(parsed["results"]["bindings"])
    if isinstance(body, list):
        return len(body)
    return int(bool(body))


def http_runner(url: str) -> Callable[[], Callable[[str], object]]:
    """One persistent HTTP/1.1 connection per client (http.client: little client overhead)."""
    parts = urllib.parse.urlsplit(url)

    def make() -> Callable[[str], object]:
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=300)

        def run(query: str) -> object:
            path = (parts.path or "/") + "?" + urllib.parse.urlencode({"query": query})
            conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
            response = conn.getresponse()
            body = response.read()
            if response.status != 200:
                raise RuntimeError(f"HTTP {response.status}: {body[:200]!r}")
            return body
        return run
    return make


def wait_for(url: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited early ({url})")
        try:
            requests.get(url, timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.5)
    raise SystemExit(f"no answer from {url}")


def settle(base: str) -> float:
    """Wait for the server's start-up work to end before measuring; seconds waited.

    A served app builds its search index in a background thread at start (server/wsgi.py);
    measured during that build, the first cells (one client) shared the CPU with it
    (about 0.6 ms more server CPU per request at 200k triples). A search waits for the
    build. A tree without search answers 404 at once."""
    started = time.perf_counter()
    try:
        requests.get(base + "search", params={"q": "a"}, timeout=600)
    except requests.RequestException:
        pass
    return time.perf_counter() - started


PEER = """
import sys, rdflib, uvicorn
from rdflib_endpoint import SparqlEndpoint
g = rdflib.Graph()
for f in sys.argv[2:]:
    g.parse(f, format="nt")
uvicorn.run(SparqlEndpoint(graph=g), host="127.0.0.1", port=int(sys.argv[1]), log_level="error")
"""


# The HTTP stacks alone, answering a constant: what a request costs before any SPARQL.
FLOOR_GUNICORN = """
import sys
from gunicorn.app.base import BaseApplication
from conflict_kg.server.wsgi import ACCESS_LOG_FORMAT
BODY = b'{"head":{},"boolean":true}'
def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "application/sparql-results+json"),
                              ("Content-Length", str(len(BODY)))])
    return [BODY]
class Constant(BaseApplication):
    def load_config(self):
        for key, value in {"bind": "127.0.0.1:" + sys.argv[1], "workers": 1, "threads": 16,
                           "worker_class":
                               "conflict_kg.server.gunicorn_worker.FollowUpThreadWorker",
                           "accesslog": "-", "access_log_format": ACCESS_LOG_FORMAT,
                           "loglevel": "warning"}.items():
            self.cfg.set(key, value)
    def load(self):
        return app
Constant().run()
"""
FLOOR_UVICORN = """
import sys, uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import Response
app = FastAPI()
@app.middleware("http")  # rdflib-endpoint times each request in one like it
async def timed(request: Request, call_next):
    return await call_next(request)
@app.get("/")
async def answer(query: str = ""):
    return Response(b'{"head":{},"boolean":true}', media_type="application/sparql-results+json")
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="error")
"""


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="generated triples")
    parser.add_argument("--requests", type=int, default=50, help="requests per latency cell")
    parser.add_argument("--seconds", type=float, default=5.0, help="per throughput cell")
    parser.add_argument("--no-peer", action="store_true", help="skip rdflib-endpoint")
    parser.add_argument("--throughput-queries", default=THROUGHPUT_QUERY,
                        help="comma-separated query names measured for throughput")
    parser.add_argument("--load-generator", choices=("wrk", "python"),
                        default="wrk" if shutil.which("wrk") else "python",
                        help="what drives the HTTP throughput cells (default: wrk if installed)")
    args = parser.parse_args()
    if args.load_generator == "wrk" and not shutil.which("wrk"):
        parser.error("wrk is not installed (apt-get install wrk), use --load-generator python")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONFLICT_KG_")}
    with tempfile.TemporaryDirectory(prefix="ck-bench-") as tmp_name:
        tmp = Path(tmp_name)
        data = tmp / "generated.nt"
        store_dir = tmp / "store"
        t0 = time.perf_counter()
        triples = generate(data, args.size)
        bulk = ox.Store(str(store_dir))  # the backend's bulk loader: minutes faster than `load`
        bulk.bulk_load(path=str(data), format=ox.RdfFormat.N_TRIPLES,
                       to_graph=ox.NamedNode("https://w3id.org/conflict-kg/graph/curated/bench"))
        bulk.flush()
        del bulk
        if SEED.is_file():
            subprocess.run([*CLI, "--store", str(store_dir), "ingest", str(SEED)], env=env,
                           stdout=subprocess.DEVNULL, check=False)
        seed_nt = tmp / "all.nq"
        subprocess.run([*CLI, "--store", str(store_dir), "export", "-o", str(seed_nt)],
                       check=True, env=env)
        print(f"# data: {triples} generated triples + seed, loaded in "
              f"{time.perf_counter() - t0:.0f} s", flush=True)

        results: dict[str, dict[str, list[float]]] = {}
        rates: dict[str, dict[tuple[str, int], float]] = {}
        sizes: dict[str, dict[str, int]] = {}
        server_cpu: dict[str, dict[str, float]] = {}  # ms of server CPU per request
        rated = [q.strip() for q in args.throughput_queries.split(",") if q.strip()]

        def measure(system: str, make: Callable[[], Callable[[str], object]], n: int,
                    url: str | None = None, pid: int | None = None) -> None:
            run = make()
            sizes[system] = {q: answer_size(run(text)) for q, text in QUERIES.items()}
            results[system] = {}
            for q, text in QUERIES.items():
                before = cpu_seconds(pid) if pid else None
                results[system][q] = latencies(run, text, n)
                after = cpu_seconds(pid) if pid else None
                if before is not None and after is not None:  # n + 1 requests (warm-up)
                    server_cpu.setdefault(system, {})[q] = (after - before) / (n + 1) * 1000
            if url and args.load_generator == "wrk":
                rates[system] = {(q, c): wrk_throughput(url, QUERIES[q], c, args.seconds)
                                 for q in rated for c in (1, 4, 16)}
            else:
                rates[system] = {(q, c): throughput(make, QUERIES[q], c, args.seconds)
                                 for q in rated for c in (1, 4, 16)}

        held = {"store": ox.Store(str(store_dir))}

        def direct(query: str) -> object:
            r = held["store"].query(query, use_default_graph_as_union=True)
            return r if isinstance(r, ox.QueryBoolean) else list(r)

        measure("pyoxigraph", lambda: direct, args.requests)
        held.clear()  # release the store's lock for the server

        for system, cache_mb in (("conflict-kg", "0"), ("conflict-kg cached", "64")):
            port = free_port()
            proc = subprocess.Popen([*CLI, "--store", str(store_dir), "serve", "--port", str(port),
                                     "--threads", "16", "--max-concurrent-queries", "16",
                                     # every load client is on 127.0.0.1: no per-client cap
                                     "--max-queries-per-client", "0",
                                     "--result-cache-mb", cache_mb, "--log-level", "WARNING"],
                                    env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            try:
                wait_for(f"http://127.0.0.1:{port}/healthz", proc, 120)
                waited = settle(f"http://127.0.0.1:{port}/")
                print(f"# {system}: start-up work (search index) ended after {waited:.1f} s",
                      flush=True)
                url = f"http://127.0.0.1:{port}/sparql"
                measure(system, http_runner(url), args.requests, url, proc.pid)
            finally:
                proc.terminate()
                proc.wait(30)

        floors: dict[str, dict[int, float]] = {}
        for stack, code in (("gunicorn (this service)", FLOOR_GUNICORN),
                            ("uvicorn (rdflib-endpoint)", FLOOR_UVICORN)):
            port = free_port()
            proc = subprocess.Popen([sys.executable, "-c", code, str(port)], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                url = f"http://127.0.0.1:{port}/"
                wait_for(url, proc, 60)
                floors[stack] = {
                    c: (wrk_throughput(url, QUERIES["ask"], c, args.seconds)
                        if args.load_generator == "wrk"
                        else throughput(http_runner(url), QUERIES["ask"], c, args.seconds))
                    for c in (1, 4, 16)}
            finally:
                proc.terminate()
                proc.wait(30)

        if not args.no_peer:
            # rdflib-endpoint serves one rdflib graph: give it every triple (N-Quads minus graph)
            flat = tmp / "flat.nt"
            with flat.open("wb") as out:
                ox.serialize((ox.Triple(q.subject, q.predicate, q.object)
                              for q in ox.parse(path=str(seed_nt), format=ox.RdfFormat.N_QUADS)),
                             out, ox.RdfFormat.N_TRIPLES)
            port = free_port()
            t0 = time.perf_counter()
            peer = subprocess.Popen([sys.executable, "-c", PEER, str(port), str(flat)], env=env)
            try:
                wait_for(f"http://127.0.0.1:{port}/", peer, 1800)
                print(f"# rdflib-endpoint loaded in {time.perf_counter() - t0:.0f} s", flush=True)
                # a fifth of the requests: the peer is slow where the store works
                url = f"http://127.0.0.1:{port}/"
                measure("rdflib-endpoint", http_runner(url), max(10, args.requests // 5), url,
                        peer.pid)
            finally:
                peer.terminate()
                peer.wait(30)

    print(f"\n## latency, one client (ms): p50 / p95   [{args.requests} requests each; "
          "rdflib-endpoint a fifth, at least 10]")
    systems = list(results)
    print("| query | answers | " + " | ".join(systems) + " |")
    print("|---|---|" + "---|" * len(systems))
    for q in QUERIES:
        counts = {sizes[s][q] for s in systems}
        agreed = str(counts.pop()) if len(counts) == 1 else "DIFFER: " + ", ".join(
            f"{s} {sizes[s][q]}" for s in systems)
        cells = [f"{statistics.median(results[s][q]):.2f} / {percentile(results[s][q], 95):.2f}"
                 for s in systems]
        print(f"| {q} | {agreed} | " + " | ".join(cells) + " |")
    if server_cpu:
        print("\n## server CPU per request, one client (ms; /proc user + system time of the "
              "server process over each latency cell; hardly moved by other jobs' load)")
        print("| query | " + " | ".join(server_cpu) + " |")
        print("|---|" + "---|" * len(server_cpu))
        for q in QUERIES:
            print(f"| {q} | " + " | ".join(f"{server_cpu[s].get(q, float('nan')):.2f}"
                                          for s in server_cpu) + " |")
    if "pyoxigraph" in results and "conflict-kg" in results:
        print("\nendpoint overhead (p50, conflict-kg, cache off, minus pyoxigraph): " + ", ".join(
            f"{q} {statistics.median(results['conflict-kg'][q]) - statistics.median(results['pyoxigraph'][q]):.2f} ms"  # noqa: E501
            for q in QUERIES))
    for q in rated:
        print(f"\n## throughput, query '{q}' (requests/s; HTTP driven by {args.load_generator}, "
              "pyoxigraph by threads of this process)")
        ours = [s for s in ("conflict-kg", "conflict-kg cached") if s in rates]
        ratios = ours if "rdflib-endpoint" in rates else []
        print("| clients | " + " | ".join(rates) + " |"
              + "".join(f" {s} / peer |" for s in ratios))
        print("|---|" + "---|" * (len(rates) + len(ratios)))
        for c in (1, 4, 16):
            cells = [f"{rates[s][(q, c)]:.0f}" for s in rates]
            peer_rate = rates["rdflib-endpoint"][(q, c)] if ratios else 0.0
            cells += [f"{rates[s][(q, c)] / peer_rate:.1f}x" if peer_rate
                      else "n/a (the peer finished none in the window)" for s in ratios]
            print(f"| {c} | " + " | ".join(cells) + " |")
    print(f"\n## HTTP stack floor: a constant answer, no store (requests/s; "
          f"{args.load_generator})")
    print("| clients | " + " | ".join(floors) + " | ratio |")
    print("|---|" + "---|" * (len(floors) + 1))
    ours_stack, peer_stack = list(floors)
    for c in (1, 4, 16):
        print(f"| {c} | " + " | ".join(f"{floors[s][c]:.0f}" for s in floors)
              + f" | {floors[ours_stack][c] / floors[peer_stack][c]:.1f}x |")


if __name__ == "__main__":
    main()
