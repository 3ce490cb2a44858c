"""Where the program keeps what it writes: the XDG base directories.

The store and generated files (ontology docs) go under the user's data
directory, never into the installed package.  Resolved when called, never at
import time, so a changed environment is seen.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "conflict-kg"


def _xdg(variable: str, fallback: tuple[str, ...]) -> Path:
    # The spec: a relative value is invalid and must be ignored.
    value = os.environ.get(variable, "")
    if value and os.path.isabs(value):
        return Path(value) / APP
    return Path.home().joinpath(*fallback) / APP


def data_home() -> Path:
    """``$XDG_DATA_HOME/conflict-kg``, by default ``~/.local/share/conflict-kg``."""
    return _xdg("XDG_DATA_HOME", (".local", "share"))


def cache_home() -> Path:
    """``$XDG_CACHE_HOME/conflict-kg``, by default ``~/.cache/conflict-kg``: data that can
    be made again (the generated reference graph)."""
    return _xdg("XDG_CACHE_HOME", (".cache",))


def default_store_dir() -> Path:
    return data_home() / "store"


def default_docs_dir() -> Path:
    return data_home() / "ontology-docs"
