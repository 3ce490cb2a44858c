"""Every store query of one page request, counted and timed by where it was asked.

    PYTHONPATH=. .venv/bin/python benchmarks/page_profile.py /tmp/feed-1000 /id/state/russia
    PYTHONPATH=. .venv/bin/python benchmarks/page_profile.py /tmp/feed-1000 hub document

``FOLDER`` is a store kept by ``benchmarks/feed.py --keep`` (``FOLDER/store``,
``FOLDER/docs``); it is opened read-write (the app may write to it): give it a copy.
Each path (or ``hub``, ``leaf``, ``document``: the views ``benchmarks/feed.py`` picks)
is requested once to warm up, then ``--repeat`` times with every store query timed:
the call and the reading of its rows. One table per path: queries by shape (the
calling function and the query's first words, IRIs elided), with count, total and
mean time and rows, largest total first. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from conflict_kg.store import OxigraphStore  # noqa: E402

_HERE = {__file__, str(Path(__file__).resolve())}
_IRI = re.compile(r"<[^>\s]*>")
_SPACE = re.compile(r"\s+")


@dataclass
class Shape:
    count: int = 0
    seconds: float = 0.0
    rows: int = 0


@dataclass
class Profile:
    shapes: dict[tuple[str, str], Shape] = field(default_factory=lambda: defaultdict(Shape))

    def add(self, key: tuple[str, str], seconds: float, rows: int = 0, calls: int = 0) -> None:
        shape = self.shapes[key]
        shape.count += calls
        shape.seconds += seconds
        shape.rows += rows


def _caller() -> str:
    """``module.function`` of the first frame outside the store and this file."""
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_code.co_filename
        if name not in _HERE and "/conflict_kg/store/" not in name \
                and not name.endswith("server/pages/queries.py"):
            return f"{Path(name).stem}.{frame.f_code.co_name}"
        frame = frame.f_back  # type: ignore[assignment]
    return "?"


def shape_of(sparql: str, width: int = 60) -> str:
    """The query's first words, IRIs elided.

    >>> shape_of("SELECT * WHERE { ?x <http://e/p> ?l }")
    'SELECT * WHERE { ?x <> ?l }'
    """
    return _SPACE.sub(" ", _IRI.sub("<>", sparql)).strip()[:width]


class _TimedRows:
    """The solutions of a query, timed while they are read (passes for them)."""

    def __init__(self, inner: Any, profile: Profile, key: tuple[str, str]) -> None:
        self._inner, self._profile, self._key = inner, profile, key

    # isinstance(rows, ox.QuerySolutions) holds, as for the real ones
    @property  # type: ignore[misc]
    def __class__(self) -> type:  # type: ignore[override]
        return type(self._inner)

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        began = time.perf_counter()
        try:
            row = next(self._inner)
        except StopIteration:
            self._profile.add(self._key, time.perf_counter() - began)
            raise
        self._profile.add(self._key, time.perf_counter() - began, rows=1)
        return row

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class ProfilingStore(OxigraphStore):
    """The same store; each query is counted and timed under its shape while ``profile``
    is set."""

    profile: Profile | None = None

    def query(self, sparql: str, **kwargs: Any) -> Any:
        if self.profile is None:
            return super().query(sparql, **kwargs)
        key = (_caller(), shape_of(sparql))
        began = time.perf_counter()
        result = super().query(sparql, **kwargs)
        self.profile.add(key, time.perf_counter() - began, calls=1)
        if isinstance(result, ox.QuerySolutions):
            return _TimedRows(result, self.profile, key)
        return result


def report(profile: Profile, repeat: int, top: int) -> str:
    shapes = sorted(profile.shapes.items(), key=lambda kv: -kv[1].seconds)
    total = sum(s.seconds for _, s in shapes) / repeat * 1000
    calls = sum(s.count for _, s in shapes) / repeat
    lines = [f"  {calls:.0f} queries, {total:.0f} ms of query time per request",
             f"  {'calls':>6} {'ms':>8} {'ms/call':>8} {'rows':>7}  caller | shape"]
    for (caller, shape), s in shapes[:top]:
        lines.append(f"  {s.count / repeat:6.0f} {s.seconds / repeat * 1000:8.1f} "
                     f"{s.seconds / max(s.count, 1) * 1000:8.2f} {s.rows / repeat:7.0f}  "
                     f"{caller} | {shape}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a store kept by benchmarks/feed.py --keep")
    parser.add_argument("paths", nargs="+", help="URL paths, or hub, leaf, document")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--top", type=int, default=25, help="shapes listed per path")
    args = parser.parse_args(argv)

    from benchmarks.feed import views
    from conflict_kg.server import create_app
    from conflict_kg.settings import load_settings

    store = ProfilingStore.open(args.folder / "store")
    ids = sorted(p.stem for p in (args.folder / "docs").glob("*.md"))
    named = {"hub": "entity page, hub state", "leaf": "entity page, leaf",
             "document": "document page"}
    picked = views(store, ids, checks=False) if set(args.paths) & set(named) else {}
    client = create_app(load_settings({"store": ":memory:"}, environ={}),
                        store=store).test_client()
    for path in args.paths:
        url = picked[named[path]] if path in named else path
        response = client.get(url, headers={"Accept": "text/html"})  # warm-up
        store.profile = Profile()
        began = time.perf_counter()
        for _ in range(args.repeat):
            response = client.get(url, headers={"Accept": "text/html"})
        wall = (time.perf_counter() - began) / args.repeat * 1000
        print(f"{url}: {response.status_code}, {len(response.data) // 1000} kB, "
              f"{wall:.0f} ms per request (mean of {args.repeat})")
        print(report(store.profile, args.repeat, args.top), flush=True)
        store.profile = None
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
