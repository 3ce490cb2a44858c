"""The checkout the tests run from (tests are not shipped, so __file__ is fine here),
and ../shared: the user's seed article, the W3C SPARQL manifests and LUBM, kept
outside the repository (``CONFLICT_KG_SHARED_DIR`` points elsewhere)."""

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("CONFLICT_KG_SHARED_DIR", REPO_ROOT.parent / "shared"))
SEED = SHARED / "corpus" / "seed" / "il20-sochi-2018-09-18.md"
W3C_SUITE = SHARED / "w3c-rdf-tests" / "sparql11"
LUBM = SHARED / "lubm"
