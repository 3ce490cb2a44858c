"""The checkout the tests run from (tests are not shipped, so __file__ is fine here)."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
