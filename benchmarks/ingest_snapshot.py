"""Sorted N-Quads of the document graphs that ingesting some folders gives.

    PYTHONPATH=. .venv/bin/python benchmarks/ingest_snapshot.py OUT.nq corpus/demo corpus/eval/dev

The ingest run's own stamp (its IRI and start time) is replaced by ``STAMP``, so two
snapshots taken at two commits compare with ``cmp``: a change to how documents are
read or written that should not change the graph (streaming, batching) is checked by
taking one before and one after and finding them identical.
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from conflict_kg.ingest.pipeline import run  # noqa: E402
from conflict_kg.namespaces import DataNamespace  # noqa: E402
from conflict_kg.store import OxigraphStore  # noqa: E402


def main() -> int:
    ns = DataNamespace("https://w3id.org/conflict-kg/")
    out = Path(sys.argv[1])
    store = OxigraphStore.in_memory()
    report = run([Path(p) for p in sys.argv[2:]], store, ns)
    print(report.summary(), file=sys.stderr)
    prefix = ns.graph("document")
    lines = []
    for q in store.native_quads().match():
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(prefix):
            lines.append(str(q) + " .\n")
    text = "".join(sorted(lines))
    text = re.sub(r"ingest-run/\d{8}[Tt]\d+[Zz]", "ingest-run/STAMP", text)
    text = re.sub(r'"\d{4}-\d\d-\d\dT[0-9:.]+Z"\^\^', '"STAMP"^^', text)
    out.write_text(text)
    print(len(lines), "quads", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
