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
VENDOR = ROOT / "conflict_kg" / "server" / "static" / "vendor" / "yasgui"
NPM_BUILD = ROOT / "node_modules" / "@zazuko" / "yasgui" / "build"
ASSETS = ("yasgui.min.js", "yasgui.min.css", "yasgui.min.js.map")


def vendor_yasgui() -> None:
    if all((VENDOR / name).is_file() for name in ASSETS):
        return
    if not (NPM_BUILD / ASSETS[0]).is_file():
        npm = shutil.which("npm")
        if npm is None or not (ROOT / "package-lock.json").is_file():
            raise SystemExit(
                "conflict-kg build: the query editor's assets are missing. Install Node.js/npm "
                "and run `npm ci` (or `make assets`) in the checkout, then build again.")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)
    VENDOR.mkdir(parents=True, exist_ok=True)
    for name in ASSETS:
        shutil.copy2(NPM_BUILD / name, VENDOR / name)


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
