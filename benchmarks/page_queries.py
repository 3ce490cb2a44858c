"""Bindings and union semantics on a syndicated feed: one table per question.

    .venv/bin/python benchmarks/page_queries.py      # the demo corpus x 100 (400 documents)
    .venv/bin/python benchmarks/page_queries.py --copies 25 --repeat 5

The demo corpus is repeated ``--copies`` times (each copy its own document, as a
wire story is syndicated), ingested and reasoned in memory.  Then every query
behind an entity page and every named analyst query is run with each way of
binding its parameters, and the union default graph is compared with a set.
Nothing is asserted: speed is measured, never tested.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from conflict_kg.store.oxigraph import OxigraphStore  # noqa: E402
from conflict_kg.store.set_union import distinct_solutions  # noqa: E402
from conflict_kg.store.sparql_text import bind_substitutions  # noqa: E402


def syndicated_store(copies: int, extra: tuple[Path, ...] = ()) -> OxigraphStore:
    """The demo corpus (and the ``extra`` documents), each ``copies`` times under its own
    id, reasoned."""
    from conflict_kg import ingest, resources
    from conflict_kg.namespaces import DataNamespace
    from conflict_kg.reasoning import reason

    store, ns = OxigraphStore.in_memory(), DataNamespace("https://w3id.org/conflict-kg/")
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for source in [*sorted(resources.demo_corpus_dir().glob("*.md")), *extra]:
            text = source.read_text(encoding="utf-8")
            for k in range(copies):
                copy = Path(tmp) / f"{source.stem}-copy{k}.md"
                copy.write_text(text.replace("id: ", f"id: copy{k}-", 1), encoding="utf-8")
                paths.append(copy)
        ingest.run(paths, store, ns)
    reason(store, ns)
    return store


BUDGET_MS = 5000.0  # a cell whose first run takes longer is reported from that run alone


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median milliseconds of ``repeat`` runs (after one warm-up, unless it was over budget)."""
    started = time.perf_counter()
    fn()
    first = (time.perf_counter() - started) * 1000
    if first > BUDGET_MS:
        return first
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def drain(store: OxigraphStore, text: str, subs: Mapping[str, Any], binding: str,
          union: bool, as_set: bool = False) -> int:
    if as_set and union:
        text = distinct_solutions(text)
    kwargs: dict[str, Any] = {"use_default_graph_as_union": union}
    if binding == "values" and subs:
        text = bind_substitutions(text, subs)
    elif subs:
        kwargs["substitutions"] = {ox.Variable(k): v for k, v in subs.items()}
    results = store.native_quads().query_engine(text, **kwargs)
    if isinstance(results, bool):
        return 1
    count, give_up = 0, time.perf_counter() + BUDGET_MS / 1000
    for _ in results:
        count += 1
        if count % 1000 == 0 and time.perf_counter() > give_up:
            return -count  # over budget: at least this many
    return count


# The timeline's query before it was split (server/pages/entity.py): one join of
# five patterns, each repeated by every copy of a story.
_EVENTS_JOINED = """SELECT ?ev ?role ?t ?date ?factuality WHERE {
  ?ev ?role ?e . ?ev a ?t .
  OPTIONAL { ?ev <https://w3id.org/conflict-kg/ontology#factuality> ?factuality }
  OPTIONAL { ?ev <https://w3id.org/conflict-kg/ontology#date> ?d1 }
  OPTIONAL { ?ev <https://w3id.org/conflict-kg/ontology#startDate> ?d2 }
  BIND(COALESCE(?d1, ?d2) AS ?date)
}"""


def page_queries(hub: ox.NamedNode, graph: ox.NamedNode) -> list[tuple[str, str, dict, bool]]:
    from conflict_kg.server.pages import data as pages_data
    from conflict_kg.server.pages import entity as pages_entity

    m = pages_entity
    return [
        ("page: outgoing facts", m._OUT, {"e": hub}, False),
        ("page: incoming facts", m._IN, {"e": hub}, False),
        ("page: claims", m._CLAIMS, {"e": hub}, False),
        ("page: events (one join, before)", _EVENTS_JOINED, {"e": hub}, True),
        ("page: event roles", m._EVENT_ROLES, {"e": hub}, True),
        ("page: mentions", m._MENTIONS, {"e": hub}, True),
        ("page: labels", pages_data._LABELS, {"x": hub}, True),
        ("page: evidence", pages_data._EVIDENCE, {"x": hub, "g": graph}, False),
        ("page: mention sentences", pages_data._MENTION_SENTENCES, {"x": hub, "g": graph}, False),
    ]


def named_queries() -> list[tuple[str, str, dict, bool]]:
    from conflict_kg.query_catalog import library

    out = []
    for name, q in sorted(library().items()):
        out.append((f"query: {name}", q.sparql, q.bindings(q.example_values()), True))
        if q.params:
            out.append((f"query: {name} (no params)", q.sparql, {}, True))
    return out


def row_cells(store: OxigraphStore, text: str, subs: Mapping[str, Any], union: bool,
              repeat: int) -> list[str]:
    """Milliseconds with each binding, bag and set, then through the store as shipped."""
    cells = []
    for binding, as_set in (("values", False), ("native", False),
                            ("values", True), ("native", True)):
        try:
            ms = timed(lambda b=binding, a=as_set: drain(store, text, subs, b, union, a), repeat)
            cells.append(f"{ms:.1f}")
        except RuntimeError:  # pyoxigraph substitutes projected variables only
            cells.append("n/a")
            continue
        if cells[-1] and float(cells[-1]) >= BUDGET_MS:
            cells[-1] = f"> {BUDGET_MS / 1000:.0f} s"
    shipped = timed(lambda: _count(store.query(text, substitutions=subs,
                                               union_default_graph=union)), repeat)
    cells.append(f"{shipped:.1f}")
    return cells


def _count(results: Any) -> int:
    return 1 if isinstance(results, bool) else sum(1 for _ in results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=100, help="copies of each demo document")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per cell (median)")
    parser.add_argument("--entity", default="https://w3id.org/conflict-kg/id/state/syria")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    store = syndicated_store(args.copies)
    graphs = [g for g in store.graphs() if "/graph/document/" in g]
    print(f"{len(graphs)} documents, {store.count()} quads, built in "
          f"{time.perf_counter() - started:.0f} s\n")
    hub, graph = ox.NamedNode(args.entity), ox.NamedNode(graphs[0])
    print("| query | rows (bag) | rows (set) | VALUES first (ms) | substitutions (ms) "
          "| set, VALUES (ms) | set, substitutions (ms) | as shipped (ms) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, text, subs, union in page_queries(hub, graph) + named_queries():
        rows = drain(store, text, subs, "values", union)
        set_rows = _count(store.query(text, substitutions=subs, union_default_graph=union))
        cells = row_cells(store, text, subs, union, args.repeat)
        shown = f"> {-rows}" if rows < 0 else str(rows)
        print(f"| {label} | {shown} | {set_rows} | " + " | ".join(cells) + " |")
    print()
    pages(store, args.repeat)
    return 0


def pages(store: OxigraphStore, repeat: int) -> None:
    """Whole pages and named queries over HTTP (Flask's test client), as served."""
    from conflict_kg.query_catalog import library
    from conflict_kg.server import create_app
    from conflict_kg.settings import load_settings

    app = create_app(load_settings({"store": ":memory:", "query_timeout": 120}, environ={}),
                     store=store)
    client = app.test_client()
    paths = ["/id/state/syria", "/id/state/syria.ttl", "/id/state/russia"]
    docs = [g.rsplit("/", 1)[1] for g in store.graphs() if "/graph/document/" in g][:1]
    paths += [f"/id/document/{d}" for d in docs]
    for name, q in sorted(library().items()):
        query = "&".join(f"{k}={v}" for k, v in q.example_values().items())
        paths.append(f"/queries/{name}?{query}")
    print("| request | status | bytes | median (ms) |")
    print("|---|---:|---:|---:|")
    for path in paths:
        accept = "application/sparql-results+json" if path.startswith("/queries/") else "text/html"
        response = client.get(path, headers={"Accept": accept})
        ms = timed(lambda p=path, a=accept: client.get(p, headers={"Accept": a}).data, repeat)
        print(f"| `{path.split('?')[0]}` | {response.status_code} | {len(response.data)} "
              f"| {ms:.1f} |")


if __name__ == "__main__":
    raise SystemExit(main())
