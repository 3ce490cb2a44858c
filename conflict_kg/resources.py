"""Where the project's bundled files live (found from this file, never from the CWD)."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def ontology_dir() -> Path:
    return PROJECT_ROOT / "ontology"


def queries_dir() -> Path:
    return PROJECT_ROOT / "queries"


def demo_corpus_dir() -> Path:
    return PROJECT_ROOT / "corpus" / "demo"


def ontology_modules() -> list[Path]:
    """The OWL modules (ontology/*.ttl), in a stable order."""
    return sorted(ontology_dir().glob("*.ttl"))


def reference_files() -> list[Path]:
    """Reference individuals (the gazetteer), ontology/reference/*.ttl."""
    return sorted((ontology_dir() / "reference").glob("*.ttl"))
