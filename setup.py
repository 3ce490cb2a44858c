"""Build hook: the wheel carries the query editor's built assets.

YASGUI comes from npm (``@zazuko/yasgui``, pinned in package-lock.json).  The
assets are copied into ``server/static/vendor/yasgui/`` before the Python
files are collected, so the wheel (and the sdist, which then rebuilds the same
wheel without npm) serves them itself: no CDN, nothing fetched at run time.
Everything else is declared in pyproject.toml.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

ROOT = Path(__file__).resolve().parent
STATIC_VENDOR = ROOT / "conflict_kg" / "server" / "static" / "vendor"
VENDOR = STATIC_VENDOR / "yasgui"
NPM_BUILD = ROOT / "node_modules" / "@zazuko" / "yasgui" / "build"
ASSETS = ("yasgui.min.js", "yasgui.min.css", "yasgui.min.js.map")
# Cytoscape.js (npm ``cytoscape``) draws the /network graph.
CYTOSCAPE_VENDOR = STATIC_VENDOR / "cytoscape"
CYTOSCAPE_BUILD = ROOT / "node_modules" / "cytoscape" / "dist"
CYTOSCAPE_ASSETS = ("cytoscape.min.js",)


def vendor_yasgui() -> None:
    """YASGUI and Cytoscape.js from node_modules (``npm ci`` first when missing)."""
    wanted = [(NPM_BUILD, VENDOR, ASSETS), (CYTOSCAPE_BUILD, CYTOSCAPE_VENDOR, CYTOSCAPE_ASSETS)]
    if all((dest / name).is_file() for _, dest, names in wanted for name in names):
        return
    if not all((src / names[0]).is_file() for src, _, names in wanted):
        npm = shutil.which("npm")
        if npm is None or not (ROOT / "package-lock.json").is_file():
            raise SystemExit(
                "conflict-kg build: the query editor's assets are missing. Install Node.js/npm "
                "and run `npm ci` (or `make assets`) in the checkout, then build again.")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)
    for src, dest, names in wanted:
        dest.mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copy2(src / name, dest / name)


class BuildPyWithAssets(build_py):
    def run(self) -> None:
        vendor_yasgui()
        # setuptools reuses build/lib between builds, so a module deleted from the
        # checkout would still ship in the next wheel: start from an empty folder.
        build_lib = Path(self.build_lib).resolve()
        if build_lib.is_dir() and ROOT / "build" in build_lib.parents:
            shutil.rmtree(build_lib)
        super().run()


class SdistWithAssets(sdist):
    def run(self) -> None:
        vendor_yasgui()
        super().run()


setup(cmdclass={"build_py": BuildPyWithAssets, "sdist": SdistWithAssets})
