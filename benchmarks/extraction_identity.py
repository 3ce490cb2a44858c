"""Output identity of extraction: a fingerprint of every document's triples, to compare trees.

    .venv/bin/python benchmarks/extraction_identity.py --out /tmp/before.jsonl [--dump DIR]
    .venv/bin/python benchmarks/extraction_identity.py --compare /tmp/before.jsonl

For a speed change that must not change a single extracted triple.  Runs
``ingest.extract`` (one process, one knowledge base built from the bundled
data) over:

* the dev split (``corpus/eval/dev/*.md``; never the held-out split),
* the demo corpus (``corpus/demo``),
* the user's seed article (``../shared/corpus/seed/``: read in place, when present),
* ``--generated`` articles (default 200) of ``benchmarks/ingest.py``'s generator,
* one document of about 450 KB built by ``benchmarks/large_document.py`` from the demo
  and dev paragraphs, so that it is read in three sections (``SECTION_CHARS``).

Each document gives one JSON line: its id, the number of N-Triples lines, and a
SHA-256 of its sorted, de-duplicated N-Triples lines together with what the ingest
report counts (entities by class, events, claims, warnings).  The extractor mints
no blank nodes, so sorted lines are canonical as they stand.  ``--dump DIR`` also
writes each document's sorted lines to ``DIR/<id>.nt`` (for ``diff -r`` of two
dumps); ``--compare FILE`` checks this tree against a fingerprint file written
before, lists the documents that differ, and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from conflict_kg.bundled import ensure_bundled  # noqa: E402
from conflict_kg.ingest.extract import Extraction, extract  # noqa: E402
from conflict_kg.ingest.kb import KnowledgeBase  # noqa: E402
from conflict_kg.ingest.sources import SourceDocument, read_documents  # noqa: E402
from conflict_kg.namespaces import DataNamespace  # noqa: E402
from conflict_kg.store import OxigraphStore  # noqa: E402

SEED = ROOT.parent.parent / "shared" / "corpus" / "seed"
if not SEED.is_dir():  # a checkout elsewhere than /work/<folder>/<tree>
    SEED = Path("/work/shared/corpus/seed")
LARGE_BYTES = 450_000


def _files(folder: Path, patterns: tuple[str, ...]) -> list[Path]:
    return sorted(p for pattern in patterns for p in folder.glob(pattern))


def documents(generated: int, seed: int) -> Iterator[tuple[str, SourceDocument]]:
    """(group, document) for every document the fingerprint covers, in a fixed order."""
    from large_document import generate as generate_large

    from ingest import generate as generate_articles  # benchmarks/ingest.py

    groups = [
        ("dev", _files(ROOT / "corpus" / "eval" / "dev", ("*.md",))),
        ("demo", _files(ROOT / "corpus" / "demo", ("*.md",))),
        ("seed", _files(SEED, ("*.md", "*.txt")) if SEED.is_dir() else []),
    ]
    for group, paths in groups:
        for path in paths:
            for doc in read_documents(path, max_bytes=5_000_000):
                if isinstance(doc, SourceDocument):
                    yield group, doc
                else:
                    raise SystemExit(f"{path}: {doc}")
    for doc in generate_articles(generated, seed):
        yield "generated", doc
    large = generate_large(LARGE_BYTES, seed, "identity-large")
    body = large.split("\n---\n", 1)[1]  # the front matter: as the metadata below
    yield "large", SourceDocument(doc_id="identity-large", text=body, origin="identity-large",
                                  metadata={"title": "identity large document",
                                            "published": dt.date(2020, 6, 15)})


def sorted_lines(result: Extraction) -> list[bytes]:
    return sorted({line for line in result.ntriples.split(b"\n") if line.strip()})


def fingerprint(result: Extraction) -> tuple[int, str]:
    digest = hashlib.sha256()
    for line in sorted_lines(result):
        digest.update(line + b"\n")
    report = [sorted(result.entities.items()), result.events, result.claims,
              list(result.warnings)]
    digest.update(json.dumps(report).encode())
    return result.ntriples.count(b"\n"), digest.hexdigest()


def run(generated: int, seed: int, dump: Path | None) -> list[dict[str, object]]:
    ns = DataNamespace("https://w3id.org/conflict-kg/")
    reference = OxigraphStore.in_memory()
    ensure_bundled(reference, ns)
    kb = KnowledgeBase.from_store(reference, [ns.ontology_graph, ns.reference_graph])
    rows: list[dict[str, object]] = []
    if dump is not None:
        dump.mkdir(parents=True, exist_ok=True)
    for group, doc in documents(generated, seed):
        result = extract(doc, kb, ns)
        lines, digest = fingerprint(result)
        rows.append({"group": group, "doc": doc.doc_id, "lines": lines, "sha256": digest})
        if dump is not None:
            (dump / f"{group}-{doc.doc_id}.nt").write_bytes(b"\n".join(sorted_lines(result))
                                                            + b"\n")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--generated", type=int, default=200, help="generated articles")
    parser.add_argument("--seed", type=int, default=7, help="seed of the generators")
    parser.add_argument("--out", type=Path, help="write the fingerprints here (JSON lines)")
    parser.add_argument("--compare", type=Path, help="fingerprints to compare this tree with")
    parser.add_argument("--dump", type=Path, help="write each document's sorted N-Triples here")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    rows = run(args.generated, args.seed, args.dump)
    seconds = time.perf_counter() - start
    groups: dict[str, int] = {}
    for row in rows:
        groups[str(row["group"])] = groups.get(str(row["group"]), 0) + 1
    total = sum(int(str(r["lines"])) for r in rows)
    print(f"{len(rows)} documents ({', '.join(f'{g} {n}' for g, n in groups.items())}), "
          f"{total} triples, {seconds:.1f} s")
    if args.out is not None:
        args.out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    if args.compare is None:
        return 0
    before = {(r["group"], r["doc"]): r for r in map(json.loads,
                                                       args.compare.read_text().splitlines())}
    now = {(r["group"], r["doc"]): r for r in rows}
    differ = [key for key in sorted(set(before) | set(now), key=str)
              if before.get(key, {}).get("sha256") != now.get(key, {}).get("sha256")]
    for group, doc in differ:
        old, new = before.get((group, doc), {}), now.get((group, doc), {})
        print(f"DIFFERS {group}/{doc}: {old.get('lines')} -> {new.get('lines')} lines")
    print(f"identity: {len(now) - len(differ)}/{len(set(before) | set(now))} documents the same"
          + ("" if not differ else f"; {len(differ)} differ"))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
