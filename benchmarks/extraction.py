"""Extraction benchmark: recall and precision of ingest against the gold assertions.

    .venv/bin/python benchmarks/extraction.py                     # dev and heldout
    .venv/bin/python benchmarks/extraction.py --split dev --show-failures
    .venv/bin/python benchmarks/extraction.py --split heldout --totals-only
    .venv/bin/python benchmarks/extraction.py --json

For each split folder under ``corpus/eval/`` (``dev``, ``heldout``) every
document is ingested alone into a fresh in-memory store (``ingest.run`` loads
the bundled ontology and reference data into it), reasoned over, and the ASK
queries of its gold file (``<stem>.gold.yaml``) are run over the union of all
graphs, with the prefixes of ``conflict_kg.namespaces.PREFIXES`` declared.
The scoring is ``conflict_kg.ingest.evaluation``; no subprocess per document.

* recall = hold assertions whose ASK is true / hold assertions;
* precision = the share of not-hold assertions that indeed do not hold:
  1 - (not-hold assertions whose ASK is true) / not-hold assertions. A not-hold
  assertion names a concrete mistake (a dateline city as claimant, a rank stored
  as a post, a denied event stored as actual...), so this is precision over the
  errors the gold names, not over everything extracted;
* docs/s = documents / seconds spent in ``ingest.run`` (reading, extraction,
  writing; not reasoning and not the ASKs); "extract docs/s" counts extraction
  alone, from the ingest report, and "extract docs/CPU-s" the same over the CPU
  time of the thread that extracted (what a loaded host does not change).
  Scoring ingests each document alone into a new store (the knowledge base of
  the bundled graphs is built once per run and given to each, as their content
  is the same), so each pays for a new store and the loading of the bundled
  graphs; a last row per split ingests the
  whole split in one run, as a user ingests a folder (``--no-batch`` skips it).

Prints one table (markdown): one row per document, then one per fact kind of
each split, then each split's totals. ``--show-failures`` lists the failing
assertions with their notes: it is for the dev split. The held-out split is
never used to tune rules, so ``--show-failures`` refuses it unless
``--i-am-not-tuning`` says the run is not for writing rules.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from conflict_kg.ingest.evaluation import (  # noqa: E402
    BatchRate,
    EvaluationError,
    GoldError,
    SplitScore,
    Tally,
    batch_rate,
    iter_scores,
    warm_up,
)

EVAL = ROOT / "corpus" / "eval"
SPLITS = ("dev", "heldout")
HELDOUT = "heldout"
WARNING = ("warning: --show-failures lists what extraction gets wrong, assertion by assertion. "
           "Use it on the dev split only: never look at held-out failures while writing rules, "
           "lexicon entries or reference data.")


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def _cells(t: Tally) -> list[str]:
    return [f"{t.hold_passed}/{t.hold_total}", _pct(t.recall),
            f"{t.not_hold_violated}/{t.not_hold_total}", _pct(t.precision)]


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:.1f}" if seconds > 0 else "–"


HEADER = ["split", "document / kind", "hold passed", "recall", "not-hold violated",
          "precision", "docs/s", "extract docs/s", "extract docs/CPU-s"]
RIGHT = {2, 3, 4, 5, 6, 7, 8}


def table(splits: list[SplitScore], *, totals_only: bool = False,
          batches: dict[str, BatchRate] | None = None) -> str:
    rows: list[list[str]] = []
    if not totals_only:
        for split in splits:
            for doc in split.documents:
                rows.append([split.name, doc.doc_id, *_cells(doc.totals), "", "", ""])
        for split in splits:
            for kind, t in split.by_kind().items():
                rows.append([split.name, f"kind: {kind}", *_cells(t), "", "", ""])
    for split in splits:
        n = len(split.documents)
        rows.append([split.name, f"total ({n} documents)", *_cells(split.totals),
                     _rate(n, split.ingest_seconds), _rate(n, split.extract_seconds),
                     _rate(n, split.extract_cpu_seconds)])
        batch = (batches or {}).get(split.name)
        if batch is not None:
            rows.append([split.name, f"one ingest run of all {batch.documents}", "", "", "", "",
                         _rate(batch.documents, batch.ingest_seconds),
                         _rate(batch.documents, batch.extract_seconds),
                         _rate(batch.documents, batch.extract_cpu_seconds)])
    widths = [max(len(r[i]) for r in [HEADER, *rows]) for i in range(len(HEADER))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.rjust(w) if i in RIGHT else c.ljust(w)
                                 for i, (c, w) in enumerate(zip(cells, widths, strict=True))) + " |"

    rule = "|" + "|".join(("-" * (w + 1) + ":") if i in RIGHT else ("-" * (w + 2))
                          for i, w in enumerate(widths)) + "|"
    return "\n".join([line(HEADER), rule, *(line(r) for r in rows)])


def failures_text(splits: list[SplitScore]) -> str:
    out: list[str] = []
    for split in splits:
        for doc in split.documents:
            for outcome in doc.failures():
                a = outcome.assertion
                what = "does not hold" if a.expect == "hold" else "holds (an error)"
                out.append(f"{a.where}: [{split.name}] {a.kind} {a.expect}: {a.note} — {what}")
    return "\n".join(out) if out else "no failing assertions"


def as_json(splits: list[SplitScore], *, failures: bool) -> dict[str, Any]:
    result: dict[str, Any] = {"splits": []}
    for split in splits:
        n = len(split.documents)
        docs = []
        for doc in split.documents:
            entry: dict[str, Any] = {
                "document": doc.doc_id, "path": str(doc.path), **doc.totals.as_dict(),
                "by_kind": {k: t.as_dict() for k, t in doc.by_kind().items()},
                "ingest_seconds": doc.ingest_seconds, "extract_seconds": doc.extract_seconds,
                "reason_seconds": doc.reason_seconds,
            }
            if failures:
                entry["failures"] = [
                    {"where": o.assertion.where, "index": o.assertion.index,
                     "kind": o.assertion.kind, "expect": o.assertion.expect,
                     "note": o.assertion.note}
                    for o in doc.failures()]
            docs.append(entry)
        result["splits"].append({
            "split": split.name, "folder": str(split.folder), "documents": docs,
            "by_kind": {k: t.as_dict() for k, t in split.by_kind().items()},
            "totals": split.totals.as_dict(),
            "ingest_seconds": split.ingest_seconds, "extract_seconds": split.extract_seconds,
            "docs_per_second": n / split.ingest_seconds if split.ingest_seconds > 0 else None,
            "extract_docs_per_second": (n / split.extract_seconds
                                        if split.extract_seconds > 0 else None),
            "extract_cpu_seconds": split.extract_cpu_seconds,
        })
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all",
                        help="which split folder of corpus/eval/ to score (default: all)")
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    parser.add_argument("--show-failures", action="store_true",
                        help="list the failing assertions with their notes (dev split only)")
    parser.add_argument("--i-am-not-tuning", action="store_true",
                        help="allow --show-failures on the held-out split (reporting, not "
                             "rule writing)")
    parser.add_argument("--totals-only", action="store_true",
                        help="print only each split's totals (no per-document or per-kind rows)")
    parser.add_argument("--no-batch", action="store_true",
                        help="skip the throughput run (all documents of a split in one ingest)")
    parser.add_argument("--eval-dir", type=Path, default=EVAL,
                        help="the evaluation corpus (default: corpus/eval of this checkout)")
    args = parser.parse_args(argv)

    names = list(SPLITS) if args.split == "all" else [args.split]
    folders = [(n, args.eval_dir / n) for n in names]
    if args.split == "all":
        folders = [(n, f) for n, f in folders if f.is_dir()]
    if args.show_failures:
        print(WARNING, file=sys.stderr)
        if any(n == HELDOUT for n, _ in folders) and not args.i_am_not_tuning:
            print("error: --show-failures refuses the held-out split (use --split dev, or add "
                  "--i-am-not-tuning if this run is not for writing rules)", file=sys.stderr)
            return 2
    if not folders:
        print(f"error: no split folder under {args.eval_dir}", file=sys.stderr)
        return 2

    progress = sys.stderr.isatty() and not args.json
    splits: list[SplitScore] = []
    try:
        warm_up()
        for name, folder in folders:
            split = SplitScore(name=name, folder=folder)
            for doc in iter_scores(folder):
                split.documents.append(doc)
                if progress:
                    print(f"\r{name}: {len(split.documents)} documents scored",
                          end="", file=sys.stderr, flush=True)
            splits.append(split)
        batches = {} if args.no_batch else {s.name: batch_rate(s.folder) for s in splits}
        if progress:
            print(file=sys.stderr)
    except (GoldError, EvaluationError) as exc:
        print(f"\nerror: {exc}", file=sys.stderr)
        return 1

    if args.json:
        result = as_json(splits, failures=args.show_failures)
        for entry in result["splits"]:
            batch = batches.get(entry["split"])
            if batch is not None:
                entry["batch"] = {"documents": batch.documents,
                                  "ingest_seconds": batch.ingest_seconds,
                                  "extract_seconds": batch.extract_seconds,
                                  "extract_cpu_seconds": batch.extract_cpu_seconds,
                                  "docs_per_second": batch.docs_per_second,
                                  "extract_docs_per_second": batch.extract_docs_per_second}
        print(json.dumps(result, indent=2))
        return 0
    print(table(splits, totals_only=args.totals_only, batches=batches))
    print("recall = hold assertions that hold / hold assertions; precision = not-hold "
          "assertions that indeed do not hold / not-hold assertions; docs/s = documents / "
          "time in ingest.run (extract docs/s: extraction alone, one worker; per CPU-s: "
          "over the extracting thread's CPU time, which a loaded host does not lower); scoring "
          "ingests each document alone into a store holding only the bundled graphs and "
          "their closure (built once, put back after each document), the "
          "'one ingest run' row ingests the whole split at once as a user would (its "
          "docs/s includes loading the ontology and reference data into the new store)")
    if args.show_failures:
        print()
        print(failures_text(splits))
    return 0


if __name__ == "__main__":
    sys.exit(main())
