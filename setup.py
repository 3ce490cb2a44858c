"""Build hook: the wheel carries the workbench's front-end assets.

YASGUI (``@zazuko/yasgui``), Leaflet, topojson-client and world-atlas's country
outlines come from npm (pinned in package-lock.json).  The assets are copied into
``server/static/vendor/<name>/`` before the Python files are collected, so the wheel
(and the sdist, which then rebuilds the same wheel without npm) serves them itself:
no CDN, no tile server, nothing fetched at run time.  The same copies as ``make
assets``.  Everything else is declared in pyproject.toml.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

ROOT = Path(__file__).resolve().parent
VENDOR_ROOT = ROOT / "conflict_kg" / "server" / "static" / "vendor"
# vendor folder -> (folder in node_modules, the files served from it); the first file
# stands for the set (Makefile's `assets` target copies the same).
ASSETS = {
    "yasgui": ("@zazuko/yasgui/build", ("yasgui.min.js", "yasgui.min.css", "yasgui.min.js.map")),
    "leaflet": ("leaflet/dist", ("leaflet.js", "leaflet.css", "leaflet.js.map", "../LICENSE")),
    "topojson": ("topojson-client/dist", ("topojson-client.min.js", "../LICENSE")),
    "worldatlas": ("world-atlas", ("countries-110m.json", "LICENSE")),
    "cytoscape": ("cytoscape/dist", ("cytoscape.min.js",)),  # draws the /network graph
}


def _missing() -> list[str]:
    return [name for name, (_, files) in ASSETS.items()
            if not all((VENDOR_ROOT / name / Path(f).name).is_file() for f in files)]


def vendor_assets() -> None:
    missing = _missing()
    if not missing:
        return
    modules = ROOT / "node_modules"
    if not all((modules / ASSETS[n][0] / ASSETS[n][1][0]).is_file() for n in missing):
        npm = shutil.which("npm")
        if npm is None or not (ROOT / "package-lock.json").is_file():
            raise SystemExit(
                "conflict-kg build: the workbench's front-end assets are missing. Install "
                "Node.js/npm and run `npm ci` (or `make assets`) in the checkout, then build "
                "again.")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)
    for name in missing:
        source, files = ASSETS[name]
        target = VENDOR_ROOT / name
        target.mkdir(parents=True, exist_ok=True)
        for f in files:
            shutil.copy2(modules / source / f, target / Path(f).name)


class BuildPyWithAssets(build_py):
    def run(self) -> None:
        vendor_assets()
        # setuptools reuses build/lib between builds, so a module deleted from the
        # checkout would still ship in the next wheel: start from an empty folder.
        build_lib = Path(self.build_lib).resolve()
        if build_lib.is_dir() and ROOT / "build" in build_lib.parents:
            shutil.rmtree(build_lib)
        super().run()


class SdistWithAssets(sdist):
    def run(self) -> None:
        vendor_assets()
        super().run()


setup(cmdclass={"build_py": BuildPyWithAssets, "sdist": SdistWithAssets})
