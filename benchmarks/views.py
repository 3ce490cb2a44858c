"""The analyst's views on a syndicated feed: cards, /contested, /network, Browse counts.

    .venv/bin/python benchmarks/views.py              # seed + demo corpus x 100
    .venv/bin/python benchmarks/views.py --copies 25

Every document (the seed article, when present, and the demo corpus) is repeated
``--copies`` times under its own id, as a wire story is syndicated, ingested and
reasoned in memory; then each view's builder is timed (median of ``--repeat``
runs). The views group claims and figures in SPARQL, so their time should grow
with the number of distinct facts, not with the copies. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from page_queries import syndicated_store, timed  # noqa: E402

from conflict_kg.namespaces import DataNamespace  # noqa: E402
from conflict_kg.server.http.iris import IriMapper  # noqa: E402
from conflict_kg.server.pages.cards import cards_for  # noqa: E402
from conflict_kg.server.pages.contested import contested  # noqa: E402
from conflict_kg.server.pages.data import Linker  # noqa: E402
from conflict_kg.server.pages.hierarchy import analyst_class_counts  # noqa: E402
from conflict_kg.server.pages.network import network  # noqa: E402
from conflict_kg.store.oxigraph import OxigraphStore  # noqa: E402

BASE = "https://w3id.org/conflict-kg/"
SEED = ROOT.parent / "shared" / "corpus" / "seed"


def syndicated(copies: int) -> tuple[OxigraphStore, DataNamespace]:
    """The demo corpus and the seed article (when present), syndicated and reasoned."""
    return syndicated_store(copies, tuple(sorted(SEED.glob("*.md")))), DataNamespace(BASE)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    store, ns = syndicated(args.copies)
    docs = sum(1 for g in store.graphs() if "/graph/document/" in g)
    print(f"{docs} documents, {store.count()} quads, built in "
          f"{time.perf_counter() - started:.0f} s\n")

    def linker() -> Linker:
        return Linker(store, ns, IriMapper(BASE, ""))  # fresh: no label cache between runs

    views: list[tuple[str, Callable[[], object]]] = [
        ("agreement card",
         lambda: cards_for(linker(), BASE + "id/agreement/russia/turkey/2018-09")),
        ("event card", lambda: cards_for(linker(), BASE + "id/event/shootdown/2018-09-17/russia")),
        ("/contested", lambda: contested(linker())),
        ("/network", lambda: network(linker())),
        ("/network?focus=russia", lambda: network(linker(), BASE + "id/state/russia")),
        ("browse counts", lambda: analyst_class_counts(store)),
    ]
    print("| view | median ms |\n|---|---:|")
    for label, fn in views:
        print(f"| {label} | {timed(fn, args.repeat):.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
