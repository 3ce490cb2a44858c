"""The analyst query catalog is parsed once and read again when a file changes."""

from __future__ import annotations

import os
from pathlib import Path

from conflict_kg.query_catalog import library

QUERY = """#+ summary: {summary}
#+ params:
#+   x:
#+     type: iri
#+     description: a thing
#+     example: http://example.org/x
SELECT ?x ?y {{ ?x ?p ?y }}
"""


def test_catalog_follows_edits_added_and_removed_files(tmp_path: Path):
    (tmp_path / "one.rq").write_text(QUERY.format(summary="first"), encoding="utf-8")
    assert library(tmp_path)["one"].summary == "first"
    first = library(tmp_path)
    first.clear()  # a caller's copy: the catalog itself is untouched
    assert set(library(tmp_path)) == {"one"}

    path = tmp_path / "one.rq"
    path.write_text(QUERY.format(summary="second, longer"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert library(tmp_path)["one"].summary == "second, longer"

    (tmp_path / "two.rq").write_text(QUERY.format(summary="another"), encoding="utf-8")
    (tmp_path / "Not-A-Name.rq").write_text(QUERY.format(summary="skipped"), encoding="utf-8")
    assert set(library(tmp_path)) == {"one", "two"}
    path.unlink()
    assert set(library(tmp_path)) == {"two"}
