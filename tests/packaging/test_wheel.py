"""What users install: the built wheel, in a fresh virtualenv, outside the checkout.

The sdist and the wheel are built with ``python -m build`` (the wheel from the
sdist), installed into a new virtualenv in an empty temporary folder, and used
there as a user would: ingest the seed article, reason, check, serve.  Its
figures must equal the checkout's (the editable install the rest of the suite
runs), its pages must answer, and it must install ``conflict_kg`` and nothing
else at top level.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import SEED, free_port, wait_for_server
from tests.support.paths import REPO_ROOT

pytestmark = [pytest.mark.slow, pytest.mark.needs_shared]

# Folders of the checkout whose files the program reads at run time, and where
# each lands in the wheel.
DATA_FOLDERS = {
    "ontology": "conflict_kg/ontology",
    "queries": "conflict_kg/queries",
    "corpus/demo": "conflict_kg/demo_corpus",
    "server/templates": "conflict_kg/server/templates",
    "server/static": "conflict_kg/server/static",
}
DATA_SUFFIXES = {".ttl", ".rq", ".md", ".html", ".js", ".css"}
YASGUI = ("yasgui.min.js", "yasgui.min.css")
MAP_ASSETS = ("leaflet/leaflet.js", "leaflet/leaflet.css", "topojson/topojson-client.min.js",
              "worldatlas/countries-110m.json", "worldatlas/LICENSE")


def _run(argv: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(argv, capture_output=True, text=True, timeout=900, **kwargs)  # type: ignore[call-overload]
    assert result.returncode == 0, f"{argv}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result  # type: ignore[no-any-return]


def _user_env(home: Path) -> dict[str, str]:
    """A user's environment: no settings of ours, a HOME of its own, no PYTHONPATH."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("CONFLICT_KG_", "XDG_")) and k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["HOME"] = str(home)
    return env


@dataclass(frozen=True)
class Built:
    sdist: Path
    wheel: Path
    direct_wheel: Path  # built from the checkout, not from the sdist


STALE_MODULE = "_left_by_an_earlier_build.py"


@dataclass(frozen=True)
class Installed:
    venv: Path
    work: Path  # an empty folder outside the checkout: the user's working directory
    env: dict[str, str]

    def exe(self, name: str) -> str:
        return str(self.venv / "bin" / name)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("dist")
    # Default mode: the sdist first, then the wheel built from the unpacked sdist.
    _run([sys.executable, "-m", "build", "--outdir", str(out / "from-sdist"), str(REPO_ROOT)])
    # A module left in build/lib by an earlier build must not ship (setuptools reuses it).
    stale = REPO_ROOT / "build" / "lib" / "conflict_kg" / STALE_MODULE
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_text("LEFT_OVER = True\n", encoding="utf-8")
    _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out / "direct"),
          str(REPO_ROOT)])
    (sdist,) = (out / "from-sdist").glob("*.tar.gz")
    (wheel,) = (out / "from-sdist").glob("*.whl")
    (direct,) = (out / "direct").glob("*.whl")
    return Built(sdist, wheel, direct)


@pytest.fixture(scope="module")
def installed(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("user")
    venv, work, home = root / "venv", root / "work", root / "home"
    work.mkdir()
    home.mkdir()
    env = _user_env(home)
    _run([sys.executable, "-m", "venv", str(venv)], cwd=work, env=env)
    _run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
          "-c", str(REPO_ROOT / "constraints.txt"), str(built.wheel)], cwd=work, env=env)
    return Installed(venv, work, env)


def _wheel_names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def _record(wheel: Path) -> set[str]:
    """(path, hash, size) lines of the wheel's RECORD, without RECORD itself."""
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/RECORD"))
        lines = archive.read(name).decode().splitlines()
    return {line for line in lines if line and not line.split(",")[0].endswith("RECORD")}


def test_wheel_installs_only_conflict_kg_at_top_level(built: Built) -> None:
    names = _wheel_names(built.wheel)
    with zipfile.ZipFile(built.wheel) as archive:
        top = archive.read(next(n for n in names if n.endswith("top_level.txt"))).decode()
    assert top.split() == ["conflict_kg"]
    tops = {name.split("/")[0] for name in names}
    dist_info = {t for t in tops if t.endswith(".dist-info")}
    assert tops - dist_info == {"conflict_kg"}, sorted(tops)


def test_wheel_carries_every_data_file(built: Built) -> None:
    names = set(_wheel_names(built.wheel))
    missing = []
    for folder, target in DATA_FOLDERS.items():
        for path in sorted((REPO_ROOT / folder).rglob("*")):
            if path.suffix not in DATA_SUFFIXES or "vendor" in path.parts:
                continue
            name = f"{target}/{path.relative_to(REPO_ROOT / folder).as_posix()}"
            if name not in names:
                missing.append(name)
    assert not missing, missing
    for asset in YASGUI:
        assert f"conflict_kg/server/static/vendor/yasgui/{asset}" in names
    for asset in MAP_ASSETS:  # the offline map (setup.py copies them from npm)
        assert f"conflict_kg/server/static/vendor/{asset}" in names
    assert "conflict_kg/server/static/vendor/cytoscape/cytoscape.min.js" in names


def test_a_stale_build_folder_does_not_ship(built: Built) -> None:
    assert f"conflict_kg/{STALE_MODULE}" not in _wheel_names(built.direct_wheel)


def test_sdist_rebuilds_the_same_wheel(built: Built) -> None:
    assert _record(built.wheel) == _record(built.direct_wheel)


def test_metadata_passes_twine_check(built: Built) -> None:
    result = _run([sys.executable, "-m", "twine", "check", "--strict",
                   str(built.sdist), str(built.wheel)])
    assert "PASSED" in result.stdout


def test_only_the_package_namespace_is_importable(installed: Installed) -> None:
    python = installed.exe("python")
    for generic in ("ingest", "server"):
        result = subprocess.run([python, "-c", f"import {generic}"], cwd=installed.work,
                                env=installed.env, capture_output=True, text=True, timeout=60)
        assert result.returncode != 0 and "ModuleNotFoundError" in result.stderr, generic
    result = _run([python, "-c", "import conflict_kg, conflict_kg.ingest, conflict_kg.server;"
                   "print(conflict_kg.__file__)"], cwd=installed.work, env=installed.env)
    assert str(installed.venv) in result.stdout  # the installed copy, not the checkout


def test_version_matches_the_checkout(installed: Installed) -> None:
    import conflict_kg

    result = _run([installed.exe("python"), "-c",
                   "import importlib.metadata as m; print(m.version('conflict-kg'))"],
                  cwd=installed.work, env=installed.env)
    assert result.stdout.strip() == conflict_kg.__version__


@dataclass(frozen=True)
class Figures:
    document_triples: int
    claims: int
    states: int
    inferred: int
    findings: dict[str, int]


_FIGURES = """
PREFIX ck: <https://w3id.org/conflict-kg/ontology#>
SELECT
  (SUM(IF(?what = "claim", 1, 0)) AS ?claims)
  (SUM(IF(?what = "state", 1, 0)) AS ?states)
WHERE {
  { SELECT DISTINCT ?x ?what WHERE {
      { ?x a ck:Claim . BIND("claim" AS ?what) } UNION { ?x a ck:State . BIND("state" AS ?what) }
  } }
}
"""


def _figures(conflict_kg: list[str], cwd: Path, env: dict[str, str], store: Path) -> Figures:
    """Ingest the seed, reason and check with one installation; read the figures back."""
    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*conflict_kg, "--store", str(store), *args], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=600)

    for step in (("ingest", str(SEED)), ("reason",)):
        result = cli(*step)
        assert result.returncode == 0, (step, result.stdout, result.stderr)
    check = cli("check", "--format", "json")
    assert check.returncode in (0, 1), check.stderr
    stats = json.loads(cli("stats", "--json").stdout)
    graphs = stats["graphs"]
    document = [n for g, n in graphs.items() if "/graph/document/" in g]
    inferred = [n for g, n in graphs.items() if g.endswith("/graph/inferred")]
    answer = json.loads(cli("query", _FIGURES, "--format", "json").stdout)
    row = answer["results"]["bindings"][0]
    report = json.loads(check.stdout)
    return Figures(
        document_triples=sum(document),
        claims=int(row["claims"]["value"]),
        states=int(row["states"]["value"]),
        inferred=sum(inferred),
        findings=_finding_counts(report),
    )


def _finding_counts(report: object) -> dict[str, int]:
    """Findings per check, whatever the report's nesting."""
    counts: dict[str, int] = {}
    findings = report.get("findings", []) if isinstance(report, dict) else []
    for finding in findings:
        key = str(finding.get("check", finding.get("source", "?")))
        counts[key] = counts.get(key, 0) + 1
    return counts


@pytest.fixture(scope="module")
def installed_figures(installed: Installed) -> Figures:
    return _figures([installed.exe("conflict-kg")], installed.work, installed.env,
                    installed.work / "store")


def test_installed_wheel_gives_the_checkouts_figures(
        installed: Installed, installed_figures: Figures, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = _user_env(home)
    env["PYTHONPATH"] = str(REPO_ROOT)
    checkout = _figures([sys.executable, "-m", "conflict_kg.cli"], tmp_path, env,
                        tmp_path / "store")
    assert checkout.document_triples > 1000 and checkout.claims > 10 and checkout.states > 1
    assert checkout.inferred > 0 and sum(checkout.findings.values()) > 0
    assert installed_figures == checkout


def test_default_store_lives_under_the_users_data_home(installed: Installed) -> None:
    result = subprocess.run([installed.exe("conflict-kg"), "ingest", str(SEED)],
                            cwd=installed.work, env=installed.env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    home = Path(installed.env["HOME"])
    assert (home / ".local" / "share" / "conflict-kg" / "store").is_dir()
    site = next((installed.venv / "lib").glob("python*/site-packages"))
    assert not (site / "docs").exists()


def test_docs_are_written_outside_site_packages(installed: Installed, tmp_path: Path) -> None:
    result = _run([installed.exe("conflict-kg"), "docs"], cwd=installed.work,
                  env=installed.env)
    out = Path(installed.env["HOME"]) / ".local" / "share" / "conflict-kg" / "ontology-docs"
    assert str(out) in result.stdout and any(out.glob("*.html"))
    site = next((installed.venv / "lib").glob("python*/site-packages"))
    assert not (site / "docs").exists()


@pytest.fixture(scope="module")
def served(installed: Installed, installed_figures: Figures) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen(
        [installed.exe("conflict-kg"), "--store", str(installed.work / "store"), "serve",
         "--port", str(port)],
        cwd=installed.work, env=installed.env, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(base + "/healthz", proc)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.parametrize("path", [
    "/", "/queries", "/openapi.json", "/id/state/russia", "/ontology", "/healthz",
    "/assets/yasgui/yasgui.min.js", "/assets/yasgui/yasgui.min.css",
    "/map", "/timeline", "/static/vendor/worldatlas/countries-110m.json",
    "/static/vendor/cytoscape/cytoscape.min.js", "/network", "/contested",
])
def test_installed_server_answers(served: str, path: str) -> None:
    request = urllib.request.Request(served + path, headers={"Accept": "text/html"})
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 200, path
        assert response.read(), path
