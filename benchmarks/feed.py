"""Realistic-feed scale benchmark (issue 19): how pages grow from 100 to 10,000 documents.

    .venv/bin/python benchmarks/feed.py --documents 100,1000           # ~2 min on 2 cores
    .venv/bin/python benchmarks/feed.py --documents 100,1000,10000     # add ~10 min of ingest

For each N, in a fresh process: ``benchmarks/ingest.py``'s seeded article
generator writes N documents, drawing states, places and weapon models from
the bundled reference data, and about 10% of them are syndicated
near-duplicates (an earlier story with a few words changed, under another
publisher and id). The folder is ingested into an on-disk store with one
``ingest.run`` (as the CLI does), reasoned and checked. Then, through Flask's
test client, each view is requested once (warm-up) and ``--repeat`` times:
the most connected state's page (most facts, chosen by a query), a leaf
entity's page, a document page, named queries and ``/checks``. One table of
p50/p95 (ms) per view and N, with the ratio of the largest N to the
smallest. Nothing is asserted: speed is measured, never tested.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import shutil
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.ingest import STATES, Vocabulary, generate, write_markdown  # noqa: E402
from benchmarks.scale import _pct, in_child  # noqa: E402

SYNDICATED_SHARE = 0.10
BUDGET_MS = 20_000.0  # a view slower than this on its warm-up is reported from that run
PUBLISHERS = ["Wire Service", "Morning Ledger", "Evening Courier", "Coast Tribune"]
# Small wording changes an editor makes to a wire story (all keep the facts).
REWORDINGS = [(" said ", " stated "), ("officials", "sources"),
              ("reporters", "journalists"), ("Analysts", "Experts")]
_PREFIXES = """PREFIX ck: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def reference_vocabulary(seed: int) -> Vocabulary:
    """The demo's seven states plus 33 more, 200 cities and 60 weapon models of the
    bundled reference data, sampled with ``seed`` (sorted first: the same for a seed)."""
    from conflict_kg.bundled import ensure_bundled
    from conflict_kg.namespaces import DataNamespace
    from conflict_kg.store import OxigraphStore

    store = OxigraphStore.in_memory()
    ensure_bundled(store, DataNamespace("https://w3id.org/conflict-kg/"))

    def rows(where: str, *names: str) -> list[tuple[str, ...]]:
        columns = " ".join(f"(MIN(STR(?{n})) AS ?m{n})" for n in names)
        found = store.query(_PREFIXES + f"SELECT ?s {columns} {{ {where} }} "
                            "GROUP BY ?s ORDER BY ?s")
        return [tuple(str(r[f"m{n}"].value) for n in names) for r in found]

    rng = random.Random(seed)
    known = {name for name, _ in STATES}
    states = [(n, d) for n, d in rows("?s a ck:State ; rdfs:label ?l ; ck:demonym ?d", "l", "d")
              if n not in known]
    cities = [r[0] for r in rows("?s a ck:City ; rdfs:label ?l", "l")]
    models = [r[0] for r in rows("?s ck:countryOfOrigin ?c ; rdfs:label ?l", "l")]
    return Vocabulary(STATES + rng.sample(states, 33), rng.sample(cities, 200),
                      rng.sample(models, 60))


def feed(count: int, seed: int, vocab: Vocabulary) -> list[Any]:
    """``count`` documents; about 10% are reworded copies of an earlier one."""
    rng = random.Random(seed)
    originals = generate(count, seed, vocab)
    docs: list[Any] = []
    for i, doc in enumerate(originals):
        if docs and rng.random() < SYNDICATED_SHARE:
            source = rng.choice(docs)
            text = source.text
            for old, new in rng.sample(REWORDINGS, 2):
                text = text.replace(old, new)
            doc = dataclasses.replace(doc, text=text, metadata={
                **source.metadata, "title": f"{source.metadata['title']} (syndicated {i})"})
        doc.metadata["publisher"] = rng.choice(PUBLISHERS)
        docs.append(doc)
    return docs


def _top(store: Any, query: str) -> str:
    rows = list(store.query(_PREFIXES + query))
    return str(rows[0]["x"].value) if rows else ""


HUB = """SELECT ?x { { SELECT ?x (COUNT(*) AS ?n) { ?x a ck:State .
  { GRAPH ?g { ?x ?p ?o } } UNION { GRAPH ?g { ?s ?p ?x } } } GROUP BY ?x } }
ORDER BY DESC(?n) ?x LIMIT 1"""
# A leaf: a weapon model that one document's graph names, and only one.
LEAF = """SELECT ?x { { SELECT ?x (COUNT(DISTINCT ?g) AS ?n) {
  GRAPH ?g { ?s ?p ?x } ?x ck:countryOfOrigin ?c } GROUP BY ?x } } ORDER BY ?n ?x LIMIT 1"""
AGREEMENT = "SELECT ?x { ?x a ck:Agreement } ORDER BY ?x LIMIT 1"


def views(store: Any, doc_ids: list[str], checks: bool = True) -> dict[str, str]:
    """The requested paths, chosen by queries over this store."""
    from conflict_kg.namespaces import DataNamespace

    base = DataNamespace("https://w3id.org/conflict-kg/").base
    hub, leaf, agreement = (_top(store, q) for q in (HUB, LEAF, AGREEMENT))

    def local(iri: str) -> str:
        return "/" + iri[len(base):] if iri.startswith(base) else "/id/?" + iri

    def named(name: str, **params: str) -> str:
        return f"/queries/{name}?" + urllib.parse.urlencode({k: v for k, v in params.items() if v})

    return {
        "entity page, hub state": local(hub),
        "entity page, leaf": local(leaf),
        "document page": f"/id/document/{doc_ids[len(doc_ids) // 2]}",
        "query agreement-parties": named("agreement-parties", agreement=agreement),
        "query source-sentences": named("source-sentences", subject=agreement,
                                        property="https://w3id.org/conflict-kg/ontology#party"),
        "query actor-timeline": named("actor-timeline", actor=hub),
        "query mentioned-together": named("mentioned-together", entity=hub),
    } | ({"checks page": "/checks"} if checks else {}) | {"hub": hub}


def measure(count: int, seed: int, repeat: int, folder: str, checks: bool = True) -> dict[str, Any]:
    """Generate, ingest, reason, check, then time each view (in the calling process)."""
    from conflict_kg import ingest
    from conflict_kg.checks import check
    from conflict_kg.checks.render import render_json
    from conflict_kg.namespaces import DataNamespace
    from conflict_kg.reasoning import reason
    from conflict_kg.store import OxigraphStore

    ns = DataNamespace("https://w3id.org/conflict-kg/")
    docs = feed(count, seed, reference_vocabulary(seed))
    write_markdown(docs, Path(folder) / "docs")
    store = OxigraphStore.open(Path(folder) / "store")
    out: dict[str, Any] = {"stages": {}}
    started = time.perf_counter()
    report = ingest.run([Path(folder) / "docs"], store, ns)
    out["stages"]["ingest (s)"] = time.perf_counter() - started
    out["documents"] = len(report.ingested)
    started = time.perf_counter()
    reason(store, ns)
    out["stages"]["reason (s)"] = time.perf_counter() - started
    if checks:  # 351 s at 100 documents on a loaded machine: --no-check skips it
        started = time.perf_counter()
        checked = check(store, ns, reason_first=False)
        out["stages"]["check (s)"] = time.perf_counter() - started
        out["stages"]["check report (kB)"] = len(render_json(checked).encode()) / 1000
    out["quads"] = store.count()
    out.update(time_views(store, [d.doc_id for d in docs], repeat, checks))
    store.close()
    return out


def stage_build(count: int, seed: int, folder: str) -> dict[str, Any]:
    """Generate the feed as Markdown files and ingest them into ``folder``/store."""
    from conflict_kg import ingest
    from conflict_kg.namespaces import DataNamespace
    from conflict_kg.store import OxigraphStore

    docs = feed(count, seed, reference_vocabulary(seed))
    write_markdown(docs, Path(folder) / "docs")
    del docs
    store = OxigraphStore.open(Path(folder) / "store")
    started = time.perf_counter()
    report = ingest.run([Path(folder) / "docs"], store, DataNamespace(
        "https://w3id.org/conflict-kg/"))
    seconds = time.perf_counter() - started
    out = {"ingest (s)": seconds, "documents": len(report.ingested), "quads": store.count()}
    store.close()
    return out


def stage_reason(folder: str) -> dict[str, Any]:
    from conflict_kg.namespaces import DataNamespace
    from conflict_kg.reasoning import reason
    from conflict_kg.store import OxigraphStore

    store = OxigraphStore.open(Path(folder) / "store")
    started = time.perf_counter()
    report = reason(store, DataNamespace("https://w3id.org/conflict-kg/"))
    out = {"reason (s)": time.perf_counter() - started, "report": str(report),
           "quads": store.count()}
    store.close()
    return out


def stage_check(folder: str) -> dict[str, Any]:
    from conflict_kg.checks import check
    from conflict_kg.checks.render import render_json
    from conflict_kg.namespaces import DataNamespace
    from conflict_kg.store import OxigraphStore

    store = OxigraphStore.open(Path(folder) / "store")
    started = time.perf_counter()
    checked = check(store, DataNamespace("https://w3id.org/conflict-kg/"), reason_first=False)
    out = {"check (s)": time.perf_counter() - started,
           "check report (kB)": len(render_json(checked).encode()) / 1000}
    store.close()
    return out


def measure_staged(count: int, seed: int, repeat: int, folder: str,
                   checks: bool = True) -> dict[str, Any]:
    """As :func:`measure`, but each stage (ingest, reason, check, views) in a fresh
    process, so that each has its own seconds and peak memory (max RSS, MB)."""
    stages: dict[str, float] = {}
    built, peak = in_child(stage_build, count, seed, folder)
    stages["ingest (s)"], stages["ingest peak RSS (MB)"] = built["ingest (s)"], peak
    reasoned, peak = in_child(stage_reason, folder)
    stages["reason (s)"], stages["reason peak RSS (MB)"] = reasoned["reason (s)"], peak
    if checks:
        checked, peak = in_child(stage_check, folder)
        stages["check (s)"], stages["check peak RSS (MB)"] = checked["check (s)"], peak
        stages["check report (kB)"] = checked["check report (kB)"]
    out, peak = in_child(measure_kept, folder, repeat, checks)
    stages["views peak RSS (MB)"] = peak
    out["stages"] = stages
    out["documents"] = built["documents"]
    out["reason report"] = reasoned["report"]
    return out


def run_staged(sizes: list[int], seed: int, repeat: int, checks: bool,
               keep: Path | None = None) -> dict[int, dict[str, Any]]:
    """:func:`measure_staged` for each size, printing the table as it grows."""
    results: dict[int, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="conflict-kg-feed-") as tmp:
        for n in sizes:
            folder = (keep or Path(tmp)) / f"feed-{n}"
            results[n] = out = measure_staged(n, seed, repeat, str(folder), checks)
            print(f"N={n:,}: {out['documents']} documents, {out['quads']:,} quads, hub "
                  f"{out['hub']}, load average {os.getloadavg()[0]:.1f}\n"
                  f"  {out['reason report']}", flush=True)
            for label, status in out["status"].items():
                print(f"  {label}: {out['paths'][label]} -> {status}", flush=True)
            print(table(results), "\n", flush=True)
            if keep is None:
                shutil.rmtree(folder, ignore_errors=True)
    return results


def measure_kept(folder: str, repeat: int, checks: bool = True) -> dict[str, Any]:
    """Time the views of a store kept by an earlier ``--keep`` run (no build): the same
    store read by two checkouts (``PYTHONPATH=<tree>``) compares code, not data."""
    from conflict_kg.store import OxigraphStore

    store = OxigraphStore.open(Path(folder) / "store")
    ids = sorted(p.stem for p in (Path(folder) / "docs").glob("*.md"))
    out: dict[str, Any] = {"stages": {}, "documents": len(ids), "quads": store.count()}
    out.update(time_views(store, ids, repeat, checks))
    store.close()
    return out


def time_views(store: Any, doc_ids: list[str], repeat: int, checks: bool) -> dict[str, Any]:
    """p50/p95 material of each view, through Flask's test client in this process."""
    from conflict_kg.server import create_app
    from conflict_kg.settings import load_settings

    out: dict[str, Any] = {}
    paths = views(store, doc_ids, checks)
    out["hub"] = paths.pop("hub")
    client = create_app(load_settings({"store": ":memory:"}, environ={}), store=store).test_client()
    out["views"], out["status"] = {}, {}
    for label, path in paths.items():
        accept = "application/sparql-results+json" if path.startswith("/queries/") else "text/html"
        get = lambda p=path, a=accept: client.get(p, headers={"Accept": a})  # noqa: E731
        began = time.perf_counter()
        response = get()  # warm-up; /checks starts the run and waits up to 5 s
        while b'id="checks-running"' in response.data:
            time.sleep(1)
            began, response = time.perf_counter(), get()
        first = (time.perf_counter() - began) * 1000
        timings = [first] if first > BUDGET_MS else []  # a slow view: its one run
        for _ in range(0 if timings else repeat):
            began = time.perf_counter()
            response = get()
            timings.append((time.perf_counter() - began) * 1000)
        out["views"][label] = timings
        out["status"][label] = f"{response.status_code}, {len(response.data) // 1000} kB"
    out["paths"] = paths
    return out


def table(results: dict[int, dict[str, Any]]) -> str:
    sizes = sorted(results)
    head = ["stage / view", *(f"N={n:,}" for n in sizes), f"ratio {sizes[-1]:,}/{sizes[0]:,}"]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    first, last = results[sizes[0]], results[sizes[-1]]
    for stage in first["stages"]:
        cells = [f"{results[n]['stages'][stage]:.1f}" for n in sizes]
        ratio = last["stages"][stage] / max(first["stages"][stage], 1e-9)
        lines.append(f"| {stage} | " + " | ".join(cells) + f" | {ratio:.1f}x |")
    for view in first["views"]:
        cells = [f"{_pct(t, 50):.0f} / {_pct(t, 95):.0f}"
                 for t in (results[n]["views"][view] for n in sizes)]
        ratio = _pct(last["views"][view], 95) / max(_pct(first["views"][view], 95), 1e-9)
        lines.append(f"| {view}, p50 / p95 ms | " + " | ".join(cells) + f" | {ratio:.1f}x (p95) |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", default="100,1000", help="comma-separated document counts")
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per view")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-check", action="store_true",
                        help="skip the check stage and the /checks page")
    parser.add_argument("--keep", type=Path, help="build the stores here and keep them")
    parser.add_argument("--reuse", type=Path, help="time the views of stores an earlier --keep "
                        "built in this folder (feed-N), without building them again")
    args = parser.parse_args(argv)
    results: dict[int, dict[str, Any]] = {}
    if args.reuse is not None:
        for n in (int(x) for x in args.documents.split(",") if x):
            folder = args.reuse / f"feed-{n}"
            if not (folder / "store").is_dir():
                parser.error(f"no kept store at {folder}/store: build it with --keep first")
            out, peak = in_child(measure_kept, str(folder), args.repeat, not args.no_check)
            results[n] = out
            print(f"N={n:,} (kept): {out['quads']:,} quads, hub {out['hub']}, load average "
                  f"{os.getloadavg()[0]:.1f}", flush=True)
        print(table(results), flush=True)
        return 0
    with tempfile.TemporaryDirectory(prefix="conflict-kg-feed-") as tmp:
        for n in (int(x) for x in args.documents.split(",") if x):
            folder = (args.keep or Path(tmp)) / f"feed-{n}"
            out, peak = in_child(measure, n, args.seed, args.repeat, str(folder),
                                 not args.no_check)
            out["stages"]["peak RSS (MB)"] = peak
            results[n] = out
            print(f"N={n:,}: {out['documents']} documents, {out['quads']:,} quads, hub "
                  f"{out['hub']}, load average {os.getloadavg()[0]:.1f}", flush=True)
            for label, status in out["status"].items():
                print(f"  {label}: {out['paths'][label]} -> {status}", flush=True)
            print(table(results), "\n", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
