"""Which server holds an on-disk store: a small file beside the store's data.

pyoxigraph locks an on-disk store for one process, and opening it read-only while
another process writes is undefined behaviour, so read-only commands cannot share
it with `conflict-kg serve`.  The server leaves its address here while it runs so
that a refused command can say where to read the same data instead.  A file left
by a killed server is recognised by its process being gone.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

MARKER = "conflict-kg-server.json"


@dataclass(frozen=True)
class Serving:
    url: str  # the service root, ending in "/"
    pid: int

    @property
    def sparql(self) -> str:
        return self.url + "sparql"


def mark(store_dir: str | Path, url: str) -> Path:
    """Record that this process serves ``store_dir`` at ``url``."""
    path = Path(store_dir) / MARKER
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"url": url, "pid": os.getpid()}), encoding="utf-8")
    temporary.replace(path)
    return path


def unmark(store_dir: str | Path) -> None:
    path = Path(store_dir) / MARKER
    try:
        if json.loads(path.read_text(encoding="utf-8")).get("pid") == os.getpid():
            path.unlink()
    except (OSError, ValueError, AttributeError):
        pass


def serving(store_dir: str | Path) -> Serving | None:
    """The live server of ``store_dir``, if one said so and its process still runs."""
    try:
        data = json.loads((Path(store_dir) / MARKER).read_text(encoding="utf-8"))
        found = Serving(url=str(data["url"]), pid=int(data["pid"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    try:
        os.kill(found.pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # alive, another user's
    return found
