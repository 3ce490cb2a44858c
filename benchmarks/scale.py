"""Scale benchmark: how each stage's cost grows with the work, in one table.

    .venv/bin/python benchmarks/scale.py --documents 100,1000,10000  # realistic feed, issue 19
    .venv/bin/python benchmarks/scale.py                          # 1k articles; 100k and 1M triples
    .venv/bin/python benchmarks/scale.py --articles 1000,10000 --sizes 100000,1000000,10000000
    .venv/bin/python benchmarks/scale.py --quick                  # 200 articles, 50k triples

Every figure is measured in this run beside its baseline, as a ratio:
pyoxigraph's own ``bulk_load`` for loading, owlrl for the full closure (at
sizes up to ``--owlrl-max``), a direct in-process query for the endpoint.
Each stage runs in a fresh process so that its peak memory (max RSS) is its
own. The table is printed and written at the top of ``docs/benchmarks.md``
(the other sections kept; ``--no-write`` to skip) with the machine's cores
and memory.

``--documents N,...`` runs the realistic feed of ``benchmarks/feed.py`` instead
(the synthetic stages below only if ``--articles`` or ``--sizes`` is given too):
for each N, N generated documents of which about 10% are syndicated
near-duplicates, ingested, reasoned and checked (each stage in a fresh process,
with its seconds and peak RSS), then p50/p95 of the entity, document, query and
checks pages; one table with the ratio of the largest N to the smallest.

Articles come from ``benchmarks/ingest.py``'s seeded generator; instance
graphs from ``benchmarks/reasoning.py``'s synthetic conflict-events generator
(one named graph per "document", entities shared between documents).
Nothing is asserted: speed is measured, never tested.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import http.client
import multiprocessing
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CLI = [sys.executable, "-m", "conflict_kg.cli"]
MIXED_LOAD_QUERIES = ("blame", "casualties", "officials", "agreement-parties")


@dataclass
class Row:
    stage: str
    size: str
    measure: str
    value: str
    baseline: str = ""
    ratio: str = ""
    peak_mb: str = ""


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_child(fn: Callable[..., Any], *args: Any) -> tuple[Any, float]:
    """Run ``fn(*args)`` in a fresh process; return its result and its peak RSS in MB."""
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
        result: tuple[Any, float] = pool.submit(_measured, fn, *args).result()
    return result


def _measured(fn: Callable[..., Any], *args: Any) -> tuple[Any, float]:
    return fn(*args), _peak_mb()


def _dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# -- stages (each runs in its own process) -----------------------------------


def stage_ingest(articles: int, workers: int, folder: str) -> dict[str, float]:
    """Write generated articles as .md files and ingest them with ``ingest.run``."""
    from benchmarks.ingest import generate, write_markdown
    from conflict_kg import ingest
    from conflict_kg.namespaces import DataNamespace
    from conflict_kg.store import OxigraphStore

    docs_dir = Path(folder) / "docs"
    write_markdown(generate(articles, seed=7), docs_dir)
    store_dir = Path(folder) / f"store-{workers}"
    store = OxigraphStore.open(store_dir)
    ns = DataNamespace("https://w3id.org/conflict-kg/")
    started = time.perf_counter()
    report = ingest.run([docs_dir], store, ns, workers=workers)
    seconds = time.perf_counter() - started
    quads = store.count()
    store.close()
    del store
    return {
        "seconds": seconds,
        "documents": len(report.ingested),
        "quads": quads,
        "bytes": _dir_bytes(store_dir),
        "extract": report.extract_seconds,  # summed over the workers' documents
        "write": report.write_seconds,
    }


def stage_load(articles: int, folder: str) -> dict[str, float]:
    """Load the same extracted graphs our way and with pyoxigraph's bulk loader."""
    from benchmarks.ingest import _extract_all, compare_loads, generate
    from conflict_kg.bundled import ensure_bundled
    from conflict_kg.ingest.kb import KnowledgeBase
    from conflict_kg.namespaces import DataNamespace
    from conflict_kg.store import OxigraphStore

    ns = DataNamespace("https://w3id.org/conflict-kg/")
    kb_store = OxigraphStore.in_memory()
    ensure_bundled(kb_store, ns)
    kb = KnowledgeBase.from_store(kb_store, [ns.ontology_graph, ns.reference_graph])
    _, _, results = _extract_all(generate(articles, seed=7), kb, ns, 1)
    triples = sum(r.serialized().count(b"\n") for r in results)
    loads = compare_loads(results, Path(folder))  # medians of alternating rounds
    return {"triples": triples, "ours": loads.ours_median, "bulk": loads.bulk_median}


def build_graph(size: int, folder: str) -> dict[str, float]:
    """An on-disk store of about ``size`` quads of synthetic instance data, reasoned."""
    import pyoxigraph as ox

    from benchmarks.reasoning import NS, document
    from conflict_kg.bundled import ensure_bundled
    from conflict_kg.reasoning import reason
    from conflict_kg.store import OxigraphStore

    store = OxigraphStore.open(Path(folder))
    ensure_bundled(store, NS)
    rng = random.Random(7)
    started = time.perf_counter()
    i, count, batch = 0, store.count(), []
    while count + len(batch) < size:
        graph = ox.NamedNode(NS.document_graph(f"synthetic-{i}"))
        batch.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in document(i, rng))
        i += 1
        if len(batch) >= 50_000:
            store.native_quads().bulk_add(batch)
            count += len(batch)
            batch = []
    store.native_quads().bulk_add(batch)
    load_seconds = time.perf_counter() - started
    asserted = store.count()
    reason_seconds = _timed(lambda: reason(store, NS))
    result = {
        "documents": i,
        "asserted": asserted,
        "quads": store.count(),
        "load": load_seconds,
        "reason": reason_seconds,
    }
    store.close()
    return result


def stage_owlrl(folder: str) -> dict[str, float]:
    from benchmarks.reasoning import NS
    from conflict_kg.reasoning import reason
    from conflict_kg.store import OxigraphStore

    store = OxigraphStore.open(Path(folder))
    seconds = _timed(lambda: reason(store, NS, "owlrl"))
    reason(store, NS)  # leave the store with the rules engine's closure
    store.close()
    return {"seconds": seconds}


def stage_incremental(folder: str) -> dict[str, float]:
    from benchmarks.reasoning import NS, document
    from conflict_kg.reasoning import replace_and_reason
    from conflict_kg.store import OxigraphStore

    store = OxigraphStore.open(Path(folder))
    graph = NS.document_graph("benchmark-new-document")
    content = document(10**8, random.Random(99))
    add = _timed(lambda: replace_and_reason(store, NS, {graph: content}))
    remove = _timed(lambda: replace_and_reason(store, NS, {graph: None}))
    store.close()
    return {"add": add, "remove": remove}


def stage_check(folder: str) -> dict[str, float]:
    from benchmarks.reasoning import NS
    from conflict_kg.checks import check
    from conflict_kg.store import OxigraphStore

    store = OxigraphStore.open(Path(folder))
    seconds = _timed(lambda: check(store, NS, reason_first=False))
    store.close()
    return {"seconds": seconds}


def stage_direct_queries(folder: str, repeat: int) -> dict[str, list[float]]:
    """Each analyst query with its example values, in process (the baseline)."""
    from conflict_kg.query_catalog import library
    from conflict_kg.store import OxigraphStore

    store = OxigraphStore.open(Path(folder))
    timings: dict[str, list[float]] = {}
    for name, query in library().items():
        bindings = query.bindings(query.example_values())
        run = lambda q=query, b=bindings: list(store.query(q.sparql, substitutions=b))  # noqa: E731
        run()
        timings[name] = [_timed(run) * 1000 for _ in range(repeat)]
    store.close()
    return timings


# -- the server ---------------------------------------------------------------


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _named_query_path(name: str, values: dict[str, str]) -> str:
    return f"/queries/{urllib.parse.quote(name)}?" + urllib.parse.urlencode(values)


def _get(conn: http.client.HTTPConnection, path: str) -> None:
    conn.request("GET", path, headers={"Accept": "application/json"})
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"GET {path}: HTTP {response.status} {body[:200]!r}")


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _hwm_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _server_pid(proc: subprocess.Popen[bytes]) -> int:
    """gunicorn's worker (the process that owns the store), else the arbiter."""
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    pids = children.read_text().split() if children.exists() else []
    return int(pids[0]) if pids else proc.pid


def measure_server(folder: str, repeat: int, seconds: float, soak: float) -> dict[str, Any]:
    from conflict_kg.query_catalog import library

    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONFLICT_KG_")}
    # As many evaluation slots as threads and clients: this measures throughput, not
    # admission control (with the default 4 slots, 16 clients would get 503s).
    env["CONFLICT_KG_MAX_CONCURRENT_QUERIES"] = "16"
    env["CONFLICT_KG_MAX_QUERIES_PER_CLIENT"] = "0"  # every load client is on 127.0.0.1
    proc = subprocess.Popen(
        [*CLI, "--store", folder, "--log-level", "WARNING", "serve", "--port", str(port),
         "--threads", "16"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
                _get(conn, "/healthz")
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("server did not start") from None
                time.sleep(0.3)
        queries = library()
        paths = {n: _named_query_path(n, q.example_values()) for n, q in queries.items()}
        latencies: dict[str, list[float]] = {}
        for name, path in paths.items():
            _get(conn, path)
            latencies[name] = [_timed(lambda p=path: _get(conn, p)) * 1000 for _ in range(repeat)]
        mixed = [paths[n] for n in MIXED_LOAD_QUERIES if n in paths] or list(paths.values())
        rates = {c: _throughput(port, mixed, c, seconds) for c in (1, 4, 16)}
        pid = _server_pid(proc)
        rss_start = _rss_mb(pid)
        _throughput(port, mixed, 4, soak)
        rss_end = _rss_mb(pid)
        peak = _hwm_mb(pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {"latencies": latencies, "rates": rates, "rss_start": rss_start,
            "rss_end": rss_end, "peak": peak}


def _throughput(port: int, paths: list[str], clients: int, seconds: float) -> float:
    import threading

    done = [0] * clients
    stop = time.perf_counter() + seconds

    def client(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        while time.perf_counter() < stop:
            _get(conn, paths[done[k] % len(paths)])
            done[k] += 1

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.perf_counter() - started)


# -- the run ------------------------------------------------------------------


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def _ratio(value: float, baseline: float) -> str:
    return f"{value / baseline:.2f}x" if baseline > 0 else ""


def run_ingest(articles: int, rows: list[Row], tmp: Path) -> None:
    size = f"{articles:,} articles"
    one, peak1 = in_child(stage_ingest, articles, 1, str(tmp / f"ingest-{articles}"))
    two, peak2 = in_child(stage_ingest, articles, 2, str(tmp / f"ingest-{articles}"))
    rate1, rate2 = one["documents"] / one["seconds"], two["documents"] / two["seconds"]
    rows.append(Row("ingest, 1 worker", size, "articles/s", f"{rate1:.1f}", peak_mb=f"{peak1:.0f}"))
    rows.append(Row("ingest, 2 workers", size, "articles/s", f"{rate2:.1f}", f"{rate1:.1f}",
                    _ratio(rate2, rate1), f"{peak2:.0f}"))
    for n, run in ((1, one), (2, two)):  # end to end includes loading; extraction alone:
        rows.append(Row(f"ingest, {n} worker{'s' * (n > 1)}: extraction", size,
                        "articles/s/worker", f"{run['documents'] / run['extract']:.1f}",
                        f"{run['write']:.1f} s writing", f"of {run['seconds']:.1f} s"))
    rows.append(Row("store on disk", size, "bytes/quad",
                    f"{one['bytes'] / max(one['quads'], 1):.0f}", "", "", ""))
    load, peak = in_child(stage_load, articles, str(tmp / f"load-{articles}"))
    ours, bulk = load["triples"] / load["ours"], load["triples"] / load["bulk"]
    rows.append(Row("load (document graphs)", size, "triples/s", f"{ours:,.0f}",
                    f"{bulk:,.0f} (bulk_load)", _ratio(load["ours"], load["bulk"]) + " time",
                    f"{peak:.0f}"))


def run_graph(size: int, args: argparse.Namespace, rows: list[Row], tmp: Path) -> None:
    folder = str(tmp / f"graph-{size}")
    built, peak = in_child(build_graph, size, folder)
    label = f"{built['asserted']:,} quads"
    rows.append(Row("full closure, rules", label, "seconds", f"{built['reason']:.2f}",
                    peak_mb=f"{peak:.0f}"))
    if size <= args.owlrl_max:
        owl, owl_peak = in_child(stage_owlrl, folder)
        rows.append(Row("full closure, owlrl", label, "seconds", f"{owl['seconds']:.2f}",
                        f"{built['reason']:.2f} (rules)", _ratio(owl["seconds"], built["reason"]),
                        f"{owl_peak:.0f}"))
    inc, peak = in_child(stage_incremental, folder)
    rows.append(Row("incremental, add one document", label, "seconds", f"{inc['add']:.3f}",
                    f"{built['reason']:.2f} (full)", _ratio(inc["add"], built["reason"]),
                    f"{peak:.0f}"))
    rows.append(Row("incremental, remove one document", label, "seconds", f"{inc['remove']:.3f}",
                    f"{built['reason']:.2f} (full)", _ratio(inc["remove"], built["reason"]), ""))
    checked, peak = in_child(stage_check, folder)
    rows.append(Row("check (all layers)", label, "seconds", f"{checked['seconds']:.2f}",
                    peak_mb=f"{peak:.0f}"))
    direct, _ = in_child(stage_direct_queries, folder, args.repeat)
    served = measure_server(folder, args.repeat, args.seconds, args.soak)
    for name, timings in sorted(served["latencies"].items()):
        base = direct.get(name, [])
        p50, p95 = _pct(timings, 50), _pct(timings, 95)
        base50 = _pct(base, 50) if base else 0.0
        rows.append(Row(f"query {name} (HTTP)", label, "p50/p95 ms", f"{p50:.1f}/{p95:.1f}",
                        f"{base50:.1f}/{_pct(base, 95):.1f} (direct)" if base else "",
                        f"{p50 - base50:+.1f} ms p50" if base else ""))
    for clients, rate in served["rates"].items():
        rows.append(Row(f"server, {clients} clients", label, "queries/s", f"{rate:.1f}",
                        f"{served['rates'][1]:.1f} (1 client)",
                        _ratio(rate, served["rates"][1])))
    rows.append(Row(f"server memory, {args.soak:.0f} s mixed load", label, "RSS MB",
                    f"{served['rss_end']:.0f}", f"{served['rss_start']:.0f} (start)",
                    _ratio(served["rss_end"], served["rss_start"]), f"{served['peak']:.0f}"))
    shutil.rmtree(folder, ignore_errors=True)


def render(rows: list[Row]) -> str:
    header = Row("stage", "size", "measure", "value", "baseline", "ratio", "peak MB")
    table = [[r.stage, r.size, r.measure, r.value, r.baseline, r.ratio, r.peak_mb]
             for r in [header, *rows]]
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown(rows: list[Row], command: str) -> str:
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    head = ["stage", "size", "measure", "value", "baseline", "ratio", "peak MB"]
    out = [
        "# Benchmarks",
        "",
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores, "
        f"{memory_gb:.0f} GiB memory, {platform.python_implementation()} "
        f"{platform.python_version()}, with `{command}`.",
        "",
        "Ratios compare each figure with its baseline from the same run (pyoxigraph "
        "`bulk_load`, owlrl, a direct in-process query, one client). Peak MB is the "
        "maximum resident memory of the process that ran the stage.",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    out += ["| " + " | ".join([r.stage, r.size, r.measure, r.value, r.baseline, r.ratio,
                               r.peak_mb]) + " |" for r in rows]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", default="",
                        help="comma-separated document counts of the realistic feed "
                        "(benchmarks/feed.py): ingest, reason, check and page p50/p95 at each")
    parser.add_argument("--articles", default=None,
                        help="comma-separated article counts (default 1000; none with --documents)")
    parser.add_argument("--sizes", default=None,
                        help="comma-separated instance-graph sizes in quads (default "
                        "100000,1000000; none with --documents)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the feed (--documents)")
    parser.add_argument("--no-check", action="store_true",
                        help="with --documents: skip the check stage and the /checks page")
    parser.add_argument("--keep", type=Path,
                        help="with --documents: build the feed stores here and keep them")
    parser.add_argument("--owlrl-max", type=int, default=100_000,
                        help="largest graph owlrl is run on (it needs ~9 min at 1M)")
    parser.add_argument("--repeat", type=int, default=30, help="runs per query for p50/p95")
    parser.add_argument("--seconds", type=float, default=10.0, help="seconds per throughput run")
    parser.add_argument("--soak", type=float, default=60.0,
                        help="seconds of mixed read load for the memory figure (600 = 10 min)")
    parser.add_argument("--quick", action="store_true", help="200 articles, 50k quads, short runs")
    parser.add_argument("--no-write", action="store_true", help="do not write docs/benchmarks.md")
    args = parser.parse_args(argv)
    feed_only = bool(args.documents) and args.articles is None and args.sizes is None
    args.articles = "" if feed_only else (args.articles or "1000")
    args.sizes = "" if feed_only else (args.sizes or "100000,1000000")
    if args.quick:
        args.articles, args.sizes, args.repeat, args.seconds, args.soak = "200", "50000", 5, 2, 5
    given = argv if argv is not None else sys.argv[1:]
    command = ("python benchmarks/scale.py " + " ".join(given)).strip()
    feed_table = ""
    if args.documents:
        from benchmarks import feed

        sizes = [int(n) for n in args.documents.split(",") if n]
        feed_table = feed.table(feed.run_staged(sizes, args.seed, args.repeat,
                                                not args.no_check, args.keep))
        if feed_only:
            if not args.no_write:
                write_head(ROOT / "docs" / "benchmarks.md", feed_markdown(feed_table, command))
            return 0
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="conflict-kg-bench-") as tmp:
        for articles in (int(a) for a in args.articles.split(",") if a):
            run_ingest(articles, rows, Path(tmp))
            print(render(rows), "\n", flush=True)
        for size in (int(s) for s in args.sizes.split(",") if s):
            run_graph(size, args, rows, Path(tmp))
            print(render(rows), "\n", flush=True)
    if not args.no_write:
        generated = markdown(rows, command)
        if feed_table:
            generated += "\n" + feed_markdown(feed_table, command).split("\n", 2)[2]
        write_head(ROOT / "docs" / "benchmarks.md", generated)
    return 0


def feed_markdown(feed_table: str, command: str) -> str:
    """The realistic feed's table (``--documents``) with the machine it ran on."""
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return "\n".join([
        "# Benchmarks",
        "",
        f"Realistic feed measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on "
        f"{os.cpu_count()} cores, {memory_gb:.0f} GiB memory, "
        f"{platform.python_implementation()} {platform.python_version()}, with `{command}`.",
        "",
        "Each stage ran in a fresh process: its seconds and its peak resident memory (MB). "
        "Views: p50 / p95 of repeated requests (ms) through Flask's test client; the last "
        "column is the ratio of the largest feed to the smallest.",
        "",
        feed_table,
    ]) + "\n"


def write_head(path: Path, generated: str) -> None:
    """Replace the generated table at the top of ``path``, keeping every ``## `` section
    after it (the other benchmarks' hand-written sections); the notes on the previous
    run, between the table and the first section, go with it."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    cut = old.find("\n## ")
    kept = old[cut + 1:] if cut >= 0 else ""
    path.write_text(generated + ("\n" + kept if kept else ""), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
