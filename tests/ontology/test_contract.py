"""The ontology is the contract: every ck: term the code and queries use is declared."""

from __future__ import annotations

import re

from conflict_kg.ontology_docs import Ontology, ontology_terms
from tests.support.paths import REPO_ROOT

# ck("Name") in Python, ONTOLOGY + "Name", and ck:Name in SPARQL and templates.
_USES = re.compile(
    r"""\bck\(\s*["']([A-Za-z][A-Za-z0-9_]*)["']\s*\)"""
    r"""|ONTOLOGY\s*\+\s*["']([A-Za-z][A-Za-z0-9_]*)["']"""
    r"""|(?<![\w/#])ck:([A-Za-z][A-Za-z0-9_]*)"""
)
_FOLDERS = ("ingest", "server", "conflict_kg", "queries")
_SUFFIXES = {".py", ".rq", ".html", ".js"}


def _used_terms() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    root = REPO_ROOT
    for folder in _FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in _SUFFIXES or "node_modules" in path.parts:
                continue
            if path.name.endswith(".min.js"):
                continue
            for match in _USES.finditer(path.read_text(encoding="utf-8", errors="replace")):
                name = next(g for g in match.groups() if g)
                used.setdefault(name, set()).add(str(path.relative_to(root)))
    return used


def test_code_and_queries_use_only_declared_terms(ontology: Ontology) -> None:
    declared = {t.local_name for t in ontology_terms(ontology)}
    used = _used_terms()
    assert "Agreement" in used and "party" in used, "the scan found nothing: pattern broken?"
    undeclared = {name: sorted(files) for name, files in used.items() if name not in declared}
    assert undeclared == {}, f"declare these in ontology/*.ttl (or fix the spelling): {undeclared}"


def test_scanner_sees_all_three_spellings() -> None:
    text = 'ck("Foo") ONTOLOGY + "bar" ?x a ck:Baz . <https://w3id.org/conflict-kg/ontology#ck:no>'
    found = {next(g for g in m.groups() if g) for m in _USES.finditer(text)}
    assert found == {"Foo", "bar", "Baz"}
