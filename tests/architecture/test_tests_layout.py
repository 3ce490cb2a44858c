"""The tests' own layout: folders mirror the code, helpers live in tests/support.

A folder of tests/ is named after the code it tests (a module or package of
``conflict_kg``, or a folder of scripts at the top of the checkout such as
``benchmarks``), or is one of the cross-cutting suites below; a folder inside it
names a module or package inside that code (``tests/server/pages`` for
``conflict_kg/server/pages``). A test module imports no other test module: shared
helpers go to tests/support (or are fixtures of a conftest).
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.architecture.import_graph import module_files
from tests.support.paths import REPO_ROOT

TESTS = REPO_ROOT / "tests"
# Suites that test no one module: end to end in Chromium, the attack suite, the built
# wheel, the import graph and this layout, the ontology files; and the shared helpers.
CROSS_CUTTING = frozenset({"browser", "security", "packaging", "architecture", "ontology",
                           "support"})


def code_names() -> set[str]:
    """What a top folder of tests/ may be named after."""
    names = {name.split(".")[1] for name in module_files() if "." in name}
    names |= {p.name for p in REPO_ROOT.iterdir()
              if p.is_dir() and p.name != "tests" and any(p.glob("*.py"))}
    return names


def python_folders() -> list[Path]:
    """Folders of tests/ that hold Python files (data folders such as corpus/ do not count)."""
    return sorted(p for p in TESTS.rglob("*") if p.is_dir() and p.name != "__pycache__"
                  and any(p.glob("*.py")))


def misnamed(folders: list[Path], code: set[str], modules: set[str]) -> list[str]:
    found = []
    for folder in folders:
        parts = folder.relative_to(TESTS).parts
        if parts[0] in CROSS_CUTTING:
            continue
        if parts[0] not in code:
            found.append("/".join(parts))
        elif len(parts) > 1 and ".".join(("conflict_kg", *parts)) not in modules:
            found.append("/".join(parts))
    return found


def imported_test_modules(path: Path, source: str | None = None) -> list[str]:
    """The test_* modules of tests/ that a file imports (inside functions too)."""
    tree = ast.parse(path.read_text(encoding="utf-8") if source is None else source)
    package = path.relative_to(REPO_ROOT).parent.parts
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            stem = ".".join([*base, *([node.module] if node.module else [])])
            names += [stem] + [f"{stem}.{alias.name}" for alias in node.names]
    return sorted({name for name in names
                   if name.split(".")[-1].startswith("test_")
                   and REPO_ROOT.joinpath(*name.split(".")).with_suffix(".py").is_file()})


def test_no_test_module_imports_another() -> None:
    offenders = {str(path.relative_to(REPO_ROOT)): found for path in sorted(TESTS.rglob("*.py"))
                 if (found := imported_test_modules(path))}
    assert not offenders, f"move what these import to tests/support or a fixture: {offenders}"


def test_every_tests_folder_is_named_after_code() -> None:
    found = misnamed(python_folders(), code_names(), set(module_files()))
    assert not found, (f"tests/ folders named after no code (name each after the module or "
                       f"package it tests, or put helpers in tests/support): {found}")


def test_the_rules_see_a_violation() -> None:
    """Both rules above would catch what they are for."""
    source = "from tests.ingest.test_agreements import Doc\nimport tests.support.paths\n"
    here = TESTS / "ingest" / "test_example.py"
    if (TESTS / "ingest" / "test_agreements.py").is_file():
        assert imported_test_modules(here, source) == ["tests.ingest.test_agreements"]
    code, modules = code_names(), set(module_files())
    assert {"cli", "server", "store", "ingest", "benchmarks"} <= code
    assert misnamed([TESTS / "foundation", TESTS / "server" / "pages"], code, modules) == [
        "foundation"]
    assert misnamed([TESTS / "server" / "widgets"], code, modules) == ["server/widgets"]
