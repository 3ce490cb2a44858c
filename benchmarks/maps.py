"""Map and timeline benchmark: ``/map.json``, ``/timeline.json`` and an entity's sections.

    .venv/bin/python benchmarks/maps.py                        # 10,000 documents
    .venv/bin/python benchmarks/maps.py --documents 1000 --repeat 5

The store is the search benchmark's (benchmarks/search.py): the bundled ontology and
reference data plus synthetic documents, one event each (an agent, a place). Latency
is measured through the Flask app in this process, the median of ``--repeat`` runs
after one warm-up. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.search import NS, build_store  # noqa: E402
from conflict_kg.server import create_app  # noqa: E402
from conflict_kg.settings import load_settings  # noqa: E402

PATHS = ["/map.json", "/map.json?class=AirStrike", "/timeline.json?from=2018-03&to=2018-03",
         "/timeline", "/map.json?actor={force}", "/timeline.json?actor={force}",
         "/id/armed-force/force-1"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    store, _ = build_store(args.documents)
    print(f"store: {args.documents} documents in {time.perf_counter() - started:.1f} s")
    client = create_app(load_settings({"store": ":memory:"}, environ={}),
                        store=store).test_client()
    force = NS.base + "id/armed-force/force-1"
    print("| request | status | median ms | bytes |\n|---|---|---|---|")
    for path in PATHS:
        path = path.format(force=force)
        client.get(path)
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - t) * 1000)
        shown = path.replace(NS.base, "")
        print(f"| `{shown}` | {response.status_code} | {statistics.median(times):.0f} | "
              f"{len(response.data)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
