"""The README's Python API example runs as written (on the demo corpus)."""

from __future__ import annotations

import re

from conflict_kg.resources import demo_corpus_dir
from tests.support.paths import REPO_ROOT


def test_readme_python_example_runs() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(.*?)```", readme, re.S)
    assert block, "README has no Python example"
    code = block.group(1)
    assert 'Path("article.md")' in code
    scope: dict[str, object] = {}
    exec(code.replace('Path("article.md")', f"Path({str(demo_corpus_dir())!r})"), scope)  # noqa: S102
    report, store = scope["report"], scope["store"]
    assert report.ok and len(report.ingested) == 4  # type: ignore[attr-defined]
    assert store.count() > 1000  # type: ignore[attr-defined]
