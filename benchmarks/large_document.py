"""A large test document: the demo and dev corpus paragraphs, shuffled, up to N bytes.

    .venv/bin/python benchmarks/large_document.py --mb 5 --out /tmp/big.md [--seed 7]

Reads the paragraphs of ``corpus/demo`` and ``corpus/eval/dev`` (never the held-out
split), and writes one Markdown document with front matter whose body repeats them
in varied order (a fresh shuffle per round, deterministic for a seed) until the
file reaches the size asked for.  Nothing is written into the repository: the
document goes where ``--out`` says (a temporary folder in ``benchmarks/ingest.py``).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "corpus" / "demo", ROOT / "corpus" / "eval" / "dev")
FRONT_MATTER = (
    "---\nid: {doc_id}\ntitle: Benchmark document of {size} bytes\n"
    "publisher: conflict-kg benchmarks\npublished: 2020-06-15\nlanguage: en\n---\n"
)


def paragraphs() -> list[str]:
    """Every body paragraph of the demo and dev documents, in a stable order."""
    found: list[str] = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.md")):
            text = path.read_text(encoding="utf-8")
            if text.startswith("---\n"):
                text = text.split("\n---\n", 1)[1]
            found += [p.strip() for p in text.split("\n\n") if p.strip()]
    return found


def generate(size: int, seed: int = 7, doc_id: str = "bench-large") -> str:
    """A document of about ``size`` bytes of UTF-8 (never more, front matter included)."""
    rng = random.Random(seed)
    pool = paragraphs()
    head = FRONT_MATTER.format(doc_id=doc_id, size=size)
    parts: list[str] = []
    used = len(head.encode())
    while True:
        order = pool[:]
        rng.shuffle(order)
        for paragraph in order:
            cost = len(paragraph.encode()) + 2
            if used + cost > size:
                return head + "\n\n".join(parts) + "\n"
            parts.append(paragraph)
            used += cost


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, required=True, help="size in MB (10^6 bytes)")
    parser.add_argument("--out", type=Path, required=True, help="file to write")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    size = int(args.mb * 1_000_000)
    args.out.write_text(generate(size, args.seed, args.out.stem), encoding="utf-8")
    print(f"{args.out}: {args.out.stat().st_size} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
