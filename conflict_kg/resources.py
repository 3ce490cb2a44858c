"""Where the files the program reads at run time live: inside the package.

Everything is found through :mod:`importlib.resources`, so the same code works
from a checkout (the top-level ``ontology/``, ``queries/``, ``ingest/`` and
``server/`` folders are mapped into the package), from an editable install and
from the built wheel.  Nothing here depends on the working directory.  Files
that the program *generates* never go here: see :mod:`conflict_kg.paths`.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["demo_corpus_dir", "ontology_dir", "ontology_modules", "queries_dir",
           "reference_files", "shape_files", "yasgui_dir"]


def _package_dir(*parts: str) -> Path:
    """A folder of the installed package, as a real path.

    pyoxigraph and pyshacl read files by path, so the package must be installed
    as files (the wheel is not zip-safe); a zip import fails here with a clear error.
    """
    node = files("conflict_kg").joinpath(*parts)
    if not isinstance(node, Path):
        raise RuntimeError(f"conflict_kg must be installed as files, not zipped: {node}")
    return node


def ontology_dir() -> Path:
    """OWL modules (``*.ttl``), ``reference/``, ``shapes/`` and ``examples/``."""
    return _package_dir("ontology")


def queries_dir() -> Path:
    """Analyst queries (``analyst/*.rq``) and consistency checks (``checks/*.rq``)."""
    return _package_dir("queries")


def demo_corpus_dir() -> Path:
    """The demo corpus the team wrote, shipped so ``make run`` and users can try it."""
    return _package_dir("demo_corpus")


def yasgui_dir() -> Path:
    """The query editor's built assets (copied from npm's ``@zazuko/yasgui`` at build time)."""
    return _package_dir("server", "static", "vendor", "yasgui")


def ontology_modules() -> list[Path]:
    """The OWL modules (ontology/*.ttl), in a stable order."""
    return sorted(ontology_dir().glob("*.ttl"))


def reference_files() -> list[Path]:
    """Reference individuals (the gazetteer), ontology/reference/*.ttl."""
    return sorted((ontology_dir() / "reference").glob("*.ttl"))


def shape_files() -> list[Path]:
    """SHACL shapes, ontology/shapes/*.ttl."""
    return sorted((ontology_dir() / "shapes").glob("*.ttl"))
