"""The SHACL layer's prefilters shape by shape: the SPARQL forms and the index reads.

    .venv/bin/python benchmarks/shacl_shapes.py --store /tmp/copy-of-a-feed-store

For every targeted shape of ``ontology/shapes/``: its focus nodes read quad by
quad (what the query forms need), the Core prefilter as one query
(``shacl_prefilter``) and by scans (``shacl_fast.core_suspects``, then the
suspects that are targets, ``shacl.targets_among``), and each SPARQL
constraint's candidates as its query (``shacl_sparql.candidates``) and as
``shacl_fast.sparql_candidates``, with the number of suspects each finds (they
must agree; a mismatch is printed).  Then the whole SHACL layer with and without the index reads.
Opening a store modifies it: point ``--store`` at a copy.  Nothing is asserted.
"""

from __future__ import annotations

import argparse
import functools
import sys
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


def main(argv: list[str] | None = None) -> int:
    from rdflib.namespace import SH

    from conflict_kg.checks import shacl, shacl_fast, shacl_sparql
    from conflict_kg.checks.shacl_reach import SUBCLASS
    from conflict_kg.checks.triples import source_for
    from conflict_kg.namespaces import DataNamespace
    from conflict_kg.store import OxigraphStore

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="an on-disk store (a copy)")
    parser.add_argument("--no-query", action="store_true", help="skip the SPARQL forms")
    parser.add_argument("--no-layer", action="store_true", help="skip the whole layer")
    args = parser.parse_args(argv)
    store = OxigraphStore.open(str(args.store))
    ns = DataNamespace("https://w3id.org/conflict-kg/")
    shapes = shacl._parse(shacl.shape_files())
    source = source_for(store)
    subclass = list(source.every(SUBCLASS))
    print("| shape | focus nodes | focus read (s) | core query (s) | core fast (s) | "
          "SPARQL query (s) | SPARQL fast (s) | suspects query / fast |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for shape in shacl._targeted(shapes):
        t_focus, focus = _timed(functools.partial(shacl.focus_nodes, shapes, shape, source,
                                                  subclass))
        core = functools.partial(shacl._core_suspects, store, shapes, shape, subclass)
        slow_core: Any = None
        t_slow = t_sq = 0.0
        if not args.no_query:
            t_slow, slow_core = _timed(functools.partial(core, fast=False))
        t_fast, fast_core = _timed(core)
        if fast_core is not None:  # the layer keeps the suspects that are targets
            t, kept = _timed(functools.partial(shacl.targets_among, shapes, shape, source,
                                               subclass, fast_core))
            t_fast, fast_core = t_fast + t, set(kept)
        reads = [shacl_sparql.read_constraint(shapes, c) for c in shapes.objects(shape, SH.sparql)]
        slow_sp: set[object] = set()
        for read in reads:
            if not args.no_query:
                t, found = _timed(functools.partial(shacl_sparql.candidates, store, read))
                t_sq += t
                slow_sp |= found or set()
        t_sf, fast_found = _timed(functools.partial(shacl_fast.sparql_candidates, store, reads))
        fast_sp: set[object] = set().union(*fast_found.values())
        forms = f"{len(fast_found)}/{len(reads)} read here" if reads else "none"
        counts = (f"{len(slow_core or ())}+{len(slow_sp)} / "
                  f"{len(fast_core or ())}+{len(fast_sp)}")
        if not args.no_query and (slow_core != fast_core or slow_sp != fast_sp
                                  and len(fast_found) == len(reads)):
            counts += " MISMATCH"
        print(f"| {shacl._local(shape)} | {len(focus)} | {t_focus:.2f} | {t_slow:.2f} | "
              f"{t_fast:.2f} | {t_sq:.2f} | {t_sf:.2f} ({forms}) | {counts} |", flush=True)
    if not args.no_layer:
        for fast in (False, True):
            run = functools.partial(shacl.run, store, ns, fast=fast)
            t, (_infos, findings, _notes) = _timed(run)
            print(f"SHACL layer, fast={fast}: {t:.1f} s, {len(findings)} findings", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
