"""Consistency-check benchmark: the time of each layer, rule, shape file and query.

    .venv/bin/python benchmarks/checks.py --size 100000              # builds a store in a temp dir
    .venv/bin/python benchmarks/checks.py --size 1000000 --store /tmp/ck-1m   # kept and reused
    .venv/bin/python benchmarks/checks.py --syndicated 400 --parts sparql,all  # 1,600 documents

The store is the scale benchmark's reasoned on-disk synthetic instance graph
(``benchmarks/scale.py``'s ``build_graph``).  Each OWL rule, each SHACL shape
file and each SPARQL check is timed alone, then the whole ``check`` as the CLI
runs it (without reasoning first).  Nothing is asserted: speed is measured.

``--syndicated N`` builds the store another way: the bundled demo documents
ingested N times each under new ids, as a wire story is syndicated, then
reasoned; the "check (all layers)" row then also prints the size of the JSON
report, the figure that grew with the copies.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def _row(rows: list[tuple[str, float, int]], name: str, seconds: float, count: int) -> None:
    rows.append((name, seconds, count))
    print(f"{name:<40}  {seconds:8.2f}  {count}", flush=True)


def build_syndicated(folder: Path, copies: int, work: Path) -> None:
    """The demo documents, each ``copies`` times under its own id, ingested and reasoned."""
    from benchmarks.reasoning import NS
    from conflict_kg.reasoning import reason
    from conflict_kg.resources import demo_corpus_dir
    from conflict_kg.store import OxigraphStore
    from ingest import run

    texts = work / "syndicated"
    texts.mkdir()
    for source in sorted(demo_corpus_dir().glob("*.md")):
        text = source.read_text(encoding="utf-8")
        for copy in range(copies):
            stem = f"{source.stem}-copy-{copy}"
            (texts / f"{stem}.md").write_text(
                text.replace(f"id: {source.stem}\n", f"id: {stem}\n", 1), encoding="utf-8")
    store = OxigraphStore.open(folder)
    seconds, report = _timed(lambda: run([texts], store, NS))
    print(f"ingested {len(report.ingested)} documents "
          f"in {seconds:.1f} s", flush=True)
    seconds, _ = _timed(lambda: reason(store, NS))
    print(f"reasoned in {seconds:.1f} s; {store.count():,} quads", flush=True)
    store.close()


def measure(folder: Path, parts: set[str]) -> list[tuple[str, float, int]]:
    from benchmarks.reasoning import NS
    from conflict_kg.checks import check, owl, shacl, sparql
    from conflict_kg.checks.render import render_json
    from conflict_kg.store import OxigraphStore

    store = OxigraphStore.open(folder)
    rows: list[tuple[str, float, int]] = []
    if "owl" in parts:
        for rule in owl.rules():
            seconds, found = _timed(lambda r=rule: list(owl.run_rule(store, NS, r)))
            _row(rows, f"owl:{rule.name}", seconds, len(found))
    if "shacl" in parts:
        for path in shacl.shape_files():
            seconds, out = _timed(lambda p=path: shacl.run(store, NS, files=[p]))
            _row(rows, f"shacl:{path.stem}", seconds, len(out[1]))
    if "shacl-full" in parts:  # the reference: pyshacl over the whole graph
        seconds, out = _timed(lambda: shacl.run_full(store, NS))
        _row(rows, "shacl (whole graph, reference)", seconds, len(out[1]))
    if "shacl-all" in parts:
        seconds, out = _timed(lambda: shacl.run(store, NS))
        _row(rows, "shacl (all files)", seconds, len(out[1]))
    if "sparql" in parts:
        for item in sparql.load_checks():
            seconds, found = _timed(lambda c=item: list(sparql.run_check(store, NS, c)))
            _row(rows, item.info.id, seconds, len(found))
    if "all" in parts:
        seconds, report = _timed(lambda: check(store, NS, reason_first=False))
        _row(rows, "check (all layers)", seconds, len(report.findings))
        print(f"{'':<40}  JSON report: {len(render_json(report).encode()):,} bytes", flush=True)
    store.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="instance quads")
    parser.add_argument("--store", type=Path, help="store directory, built if absent, kept")
    parser.add_argument("--syndicated", type=int, metavar="N",
                        help="build from the demo documents ingested N times each instead")
    parser.add_argument("--parts", default="owl,shacl,sparql,all",
                        help="comma-separated subset of owl,shacl,shacl-all,shacl-full,sparql,all")
    args = parser.parse_args(argv)
    from benchmarks.scale import build_graph

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.store or Path(tmp) / "store"
        if not folder.exists() and args.syndicated:
            build_syndicated(folder, args.syndicated, Path(tmp))
        elif not folder.exists():
            built = build_graph(args.size, str(folder))
            print(f"built {built['quads']} quads ({built['asserted']} asserted) "
                  f"in {built['load']:.1f} s + reasoning {built['reason']:.1f} s")
        print(f"{'part':<40}  {'seconds':>8}  findings", flush=True)
        measure(folder, set(args.parts.split(",")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
