"""Where the browser tests keep their screenshots: a test artefact per view.

``CONFLICT_KG_SCREENSHOT_DIR`` names the folder (CI keeps it as an artefact); without
it they go to ``screenshots/`` under pytest's base temporary folder (the path is in
the test's output with ``-rA``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page

ENV = "CONFLICT_KG_SCREENSHOT_DIR"


def folder(request: pytest.FixtureRequest) -> Path:
    given = os.environ.get(ENV)
    base = Path(given) if given else (
        request.config._tmp_path_factory.getbasetemp() / "screenshots")  # type: ignore[attr-defined]
    base.mkdir(parents=True, exist_ok=True)
    return base


def save(request: pytest.FixtureRequest, what: Page | Locator, name: str) -> Path:
    """A PNG of the page (whole) or of one element, named ``name``.png."""
    path = folder(request) / f"{name}.png"
    if isinstance(what, Page):
        what.screenshot(path=str(path), full_page=True)
    else:
        what.screenshot(path=str(path))
    print(f"screenshot: {path}")
    return path
