"""End-to-end ingest of generated articles with one code tree, for A/B runs back to back.

    python benchmarks/ingest_end_to_end.py TREE DOCS WORKERS DOCS_DIR

Writes ``DOCS`` articles of ``benchmarks/ingest.py``'s generator (seed 7) as
Markdown into ``DOCS_DIR`` (once; later runs reuse them), then runs
``ingest.run`` of that folder with ``WORKERS`` workers from the code in ``TREE``
(a checkout, e.g. ``/work/main`` against this worktree) into a fresh on-disk
store, and prints one line: wall seconds, documents/s, CPU seconds of this
process (with the writer and RocksDB threads) and of the worker processes, CPU
ms per document, and the report's extraction and write seconds.  Run it with
``PYTHONPATH=TREE``.  Set ``PROF=1`` for a cProfile of the main thread.

A/B, alternating (the machine is shared: compare CPU ms per document, and wall
times only within one command)::

    for t in /work/main . /work/main .; do
      PYTHONPATH=$t python benchmarks/ingest_end_to_end.py $t 200 1 /tmp/docs200; done
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    tree, count, workers, docs_dir = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(
        sys.argv[4])
    sys.path.insert(0, tree)
    from conflict_kg import ingest
    from conflict_kg.namespaces import DataNamespace
    from conflict_kg.store import OxigraphStore

    if not docs_dir.exists():
        sys.path.insert(0, tree + "/benchmarks")
        from benchmarks.ingest import generate, write_markdown

        write_markdown(generate(count, seed=7), docs_dir)
    tmp = tempfile.mkdtemp(prefix="ingest-e2e-")
    store = OxigraphStore.open(Path(tmp) / "store")
    ns = DataNamespace("https://w3id.org/conflict-kg/")
    profile = None
    if os.environ.get("PROF"):
        import cProfile

        profile = cProfile.Profile()
        profile.enable()
    started, before = time.perf_counter(), os.times()
    report = ingest.run([docs_dir], store, ns, workers=workers)
    wall, after = time.perf_counter() - started, os.times()
    if profile is not None:
        import pstats

        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
    cpu_self = after.user + after.system - before.user - before.system
    cpu_kids = (after.children_user + after.children_system
                - before.children_user - before.children_system)
    store.close()
    shutil.rmtree(tmp)
    done = len(report.ingested)
    print(f"{tree} w={workers} docs={done} wall={wall:.1f}s rate={done / wall:.1f}/s "
          f"cpu_self={cpu_self:.1f} cpu_kids={cpu_kids:.1f} "
          f"cpu/doc={(cpu_self + cpu_kids) / done * 1000:.0f}ms "
          f"extract={report.extract_seconds:.1f} extract_cpu={report.extract_cpu_seconds:.1f} "
          f"write={report.write_seconds:.1f}")


if __name__ == "__main__":
    main()
