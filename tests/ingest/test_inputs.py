"""Input formats and bad input: HTML, JSONL batches, folders, plain text with --published."""

from __future__ import annotations

import json
from pathlib import Path

from conflict_kg import ingest
from conflict_kg.store import OxigraphStore
from tests.conftest import run_cli
from tests.ingest.conftest import NS, PREFIX_LINES

ARTICLE_HTML = """<!doctype html>
<html lang="en"><head><title>Russia delivers S-300 | Example Wire</title>
<meta property="og:title" content="Russia delivers S-300 air defences to Syria">
<meta property="article:published_time" content="2018-10-02T10:00:00Z">
<meta property="og:site_name" content="Example Wire">
<link rel="canonical" href="https://wire.example.org/2018/10/s300">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | Subscribe now</nav>
<article><h1>Russia delivers S-300 air defences to Syria</h1>
<p>Russian Defence Minister Sergei Shoigu told President Vladimir Putin on Tuesday that Russia
had delivered S-300 air-defence missile systems to Syria.</p>
<p>Israel has repeatedly warned against such a transfer. Officials in Jerusalem said the
decision would not change Israeli policy in the region, where Israeli jets have struck
Iranian targets many times.</p>
</article>
<footer>Copyright Example Wire. Cookie settings.</footer>
</body></html>
"""


def _ask(store: OxigraphStore, where: str) -> list[dict[str, str]]:
    results = store.query(PREFIX_LINES + f"SELECT * WHERE {{ {where} }}")
    names = [v.value for v in results.variables]
    return [{n: r[n].value for n in names if r[n] is not None} for r in results]


def test_html_article_body_and_metadata(tmp_path: Path) -> None:
    page = tmp_path / "s300-page.html"
    page.write_text(ARTICLE_HTML, encoding="utf-8")
    store = OxigraphStore.in_memory()
    report = ingest.run([page], store, NS)
    assert report.ok, report.errors
    rows = _ask(store, "?d a ck:Document ; dcterms:title ?t ; dcterms:issued ?i ; "
                       "ck:sourceUrl ?u ; nif:isString ?text")
    assert len(rows) == 1
    row = rows[0]
    assert row["t"].startswith("Russia delivers S-300")
    assert row["i"] == "2018-10-02"
    assert row["u"] == "https://wire.example.org/2018/10/s300"
    assert "Shoigu" in row["text"] and "Subscribe" not in row["text"]
    assert "Cookie" not in row["text"]
    transfers = _ask(store, "?e a ck:ArmsTransfer ; ck:status ck:completed "
                            "OPTIONAL { ?e ck:date ?d }")
    # "told ... on Tuesday that Russia had delivered": Tuesday dates the telling, not the
    # delivery (issue 17, round 23)
    assert len(transfers) == 1 and "d" not in transfers[0]


def test_jsonl_batch_one_bad_line_is_one_error(tmp_path: Path) -> None:
    batch = tmp_path / "wire.jsonl"
    good = {"id": "wire-1", "title": "Talks", "published": "2018-06-05",
            "url": "https://wire.example.org/1",
            "text": "Turkey reached a roadmap agreement with the United States on Monday."}
    other = {"id": "wire-2", "published": "2018-02-10",
             "text": "Syrian air defences shot down an Israeli F-16 on Saturday."}
    batch.write_text("\n".join([
        json.dumps(good), "{not json", json.dumps({"id": "x", "title": "no text"}),
        "", json.dumps(other), json.dumps({"id": "y", "published": "soon", "text": "Israel."}),
    ]) + "\n", encoding="utf-8")
    store = OxigraphStore.in_memory()
    report = ingest.run([batch], store, NS)
    assert sorted(d.rsplit("/", 1)[-1] for d in report.ingested) == ["wire-1", "wire-2"]
    assert len(report.errors) == 3
    assert report.errors[0].startswith(f"{batch}:2: line is not JSON")
    assert report.errors[1].startswith(f"{batch}:3: no 'text'")
    assert report.errors[2].startswith(f"{batch}:6: 'published' is not a date")
    assert all("\n" not in e for e in report.errors)
    dates = _ask(store, "?e a ck:Shootdown ; ck:date ?d")
    assert [r["d"] for r in dates] == ["2018-02-10"]


def test_folders_are_read_recursively(tmp_path: Path) -> None:
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (tmp_path / "top.md").write_text("---\npublished: 2018-06-05\n---\nSyria condemned the deal.\n",
                                     encoding="utf-8")
    (nested / "deep.txt").write_text("Israel struck Syria on Monday.\n", encoding="utf-8")
    (nested / "page.html").write_text(ARTICLE_HTML, encoding="utf-8")
    (nested / "notes.csv").write_text("ignored,file\n", encoding="utf-8")
    store = OxigraphStore.in_memory()
    report = ingest.run([tmp_path], store, NS, defaults={"published": "2018-09-18"})
    assert report.ok, report.errors
    assert sorted(d.rsplit("/", 1)[-1] for d in report.ingested) == ["deep", "page", "top"]


def test_plain_text_with_published_on_the_command_line(tmp_path: Path, store_dir: Path) -> None:
    doc = tmp_path / "wire.txt"
    doc.write_text("Russian jets struck rebel positions in Idlib on Monday.\n", encoding="utf-8")
    result = run_cli("ingest", str(doc), "--published", "2018-09-18", store=store_dir)
    assert result.returncode == 0, result.stderr
    query = PREFIX_LINES + "SELECT ?d WHERE { ?e a ck:AirStrike ; ck:date ?d }"
    out = run_cli("query", query, "--format", "csv", store=store_dir, check=True).stdout
    assert out.split() == ["d", "2018-09-17"]


def test_bad_inputs_are_one_line_errors_and_the_rest_goes_on(tmp_path: Path,
                                                              store_dir: Path) -> None:
    (tmp_path / "good.md").write_text(
        "---\npublished: 2018-06-05\n---\nTurkey reached an agreement with Russia.\n",
        encoding="utf-8")
    bad = {
        "empty.txt": b"   \n",
        "binary.md": b"\x89PNG\x00\x00\x01" * 10,
        "latin1.txt": "Ankara said caf\u00e9 owners".encode("latin-1"),
        "oversized.md": b"Syria " * 400,
        "frontmatter.md": b"---\ntitle: [oops\n---\nText about Syria.\n",
        "nobody.html": b"<html><head><title>x</title></head><body><nav>Home</nav></body></html>",
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "batch.jsonl").write_text(
        json.dumps({"id": "j1", "text": "Israel struck Syria."}) + "\nnot json at all\n",
        encoding="utf-8")
    result = run_cli("--max-document-bytes", "2000", "ingest", str(tmp_path), store=store_dir)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == len(bad) + 1, errors
    for name in bad:
        assert sum(name in line for line in errors) == 1, (name, errors)
    assert any("batch.jsonl:2:" in line for line in errors)
    assert "2 ingested" in result.stdout
    stats = json.loads(run_cli("stats", "--json", store=store_dir, check=True).stdout)
    docs = sorted(g.rsplit("/", 1)[-1] for g in stats["graphs"] if "/graph/document/" in g)
    assert docs == ["good", "j1"]
