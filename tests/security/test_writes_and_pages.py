"""Reproductions of the hardening issue (items 5, 7, 10, 11, 12) against the CLI and
the real server process: ``load`` writes only the graphs it names, a bad document
fails alone, every HTML page carries the security headers, no server binds a shared
gunicorn control socket, and a write's answer never reports "? inferred triples"."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.security.conftest import EX, TOKEN, Served, serve

pytestmark = pytest.mark.slow

GOOD_TEXT = ("Russia and Turkey signed an agreement in Sochi on a demilitarised zone "
             "in Idlib province.\n")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from serve(tmp_path_factory.mktemp("pages"))


def _count(store: Path, graph: str) -> int:
    result = run_cli("query", "--store", str(store), "--format", "json",
                     f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert result.returncode == 0, result.stderr
    return int(json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"])


# --- item 5: load writes exactly the graph it names -------------------------------------


def test_load_of_quads_naming_another_graph_is_refused(tmp_path: Path) -> None:
    store = tmp_path / "store"
    doc = tmp_path / "doc.nt"
    doc.write_text("".join(f'<{EX}a{i}> <{EX}p> "{i}" .\n' for i in range(20)), "utf-8")
    assert run_cli("load", "--store", str(store), "--graph", f"{EX}doc",
                   str(doc)).returncode == 0
    one = tmp_path / "one.nq"
    one.write_text(f'<{EX}x> <{EX}p> "cut" <{EX}doc> .\n', "utf-8")
    refused = run_cli("load", "--store", str(store), "--graph", f"{EX}target", str(one))
    assert refused.returncode == 1
    assert "--keep-graphs" in refused.stderr and f"<{EX}doc>" in refused.stderr
    assert _count(store, f"{EX}doc") == 20  # the issue: cut from 20 to 1
    assert _count(store, f"{EX}target") == 0
    kept = run_cli("load", "--store", str(store), "--keep-graphs", str(one))
    assert kept.returncode == 0, kept.stderr
    first = kept.stdout.splitlines()[0]
    assert f"replacing <{EX}doc> with 1 triples" in first  # said before it is done
    assert _count(store, f"{EX}doc") == 1
    assert "graph/curated/one" not in kept.stdout  # no default-graph triples: not written


def test_load_of_quads_in_the_default_graph_goes_to_the_target(tmp_path: Path) -> None:
    store = tmp_path / "store"
    plain = tmp_path / "plain.nq"
    plain.write_text(f'<{EX}x> <{EX}p> "default" .\n', "utf-8")
    result = run_cli("load", "--store", str(store), "--graph", f"{EX}target", str(plain))
    assert result.returncode == 0, result.stderr
    assert f"<{EX}target>" in result.stdout
    assert _count(store, f"{EX}target") == 1


# --- item 7: a bad document fails alone ------------------------------------------------


def _documents(folder: Path) -> None:
    folder.mkdir()
    (folder / "a-good.md").write_text(f"---\ntitle: Good\npublished: 2018-09-17\n---\n"
                                      f"{GOOD_TEXT}", "utf-8")
    (folder / "b-month.md").write_text(f"---\ntitle: Bad\npublished: 2018-13-45\n---\n"
                                       f"{GOOD_TEXT}", "utf-8")
    (folder / "c-day.md").write_text(f"---\ntitle: Bad\nsource: x\npublished: 2018-02-30\n---\n"
                                     f"{GOOD_TEXT}", "utf-8")


def test_impossible_dates_fail_their_documents_only(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    _documents(folder)
    result = run_cli("ingest", "--store", str(tmp_path / "store"), str(folder))
    assert result.returncode == 1, result.stderr  # some documents failed
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [
        f"error: {folder / 'b-month.md'}:3: 'published' is not a date: '2018-13-45' "
        "(month must be in 1..12)",
        f"error: {folder / 'c-day.md'}:4: 'published' is not a date: '2018-02-30' "
        "(day is out of range for month)",
    ]
    assert "1 ingested" in result.stdout


def test_documents_api_answers_422_problem_for_an_impossible_date(served: Served) -> None:
    body = f"---\ntitle: Bad\npublished: 2018-13-45\n---\n{GOOD_TEXT}".encode()
    status, answer = served.request(
        "/documents?name=bad.md", body,
        {"Content-Type": "text/markdown", "Authorization": f"Bearer {TOKEN}"})
    assert status == 422, answer[:300]
    problem = json.loads(answer)
    assert problem["status"] == 422 and problem["title"]
    assert problem["errors"] == ["bad.md:3: 'published' is not a date: '2018-13-45' "
                                 "(month must be in 1..12)"]
    request = urllib.request.Request(served.base + "/documents?name=bad.md", body, method="POST",
                                     headers={"Content-Type": "text/markdown",
                                              "Authorization": f"Bearer {TOKEN}"})
    try:
        urllib.request.urlopen(request, timeout=60)
    except urllib.error.HTTPError as exc:
        assert exc.headers["Content-Type"] == "application/problem+json"
    else:
        raise AssertionError("accepted")


# --- item 10: security headers on every HTML page ----------------------------------------


@pytest.mark.parametrize("path", ["/", "/browse", "/queries", "/ontology", "/checks",
                                  "/id/state/russia", "/no-such-page"])
def test_html_pages_carry_security_headers(served: Served, path: str) -> None:
    request = urllib.request.Request(served.base + path, headers={"Accept": "text/html"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            headers = response.headers
    except urllib.error.HTTPError as exc:
        headers = exc.headers
    assert headers.get_content_type() == "text/html"
    policy = {d.split()[0]: d.split()[1:] for d in headers["Content-Security-Policy"].split("; ")}
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert all(v == "'self'" or v.startswith("'sha256-") for v in policy["style-src"])
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"]


# --- item 11: no shared gunicorn control socket ------------------------------------------


def test_servers_bind_no_shared_control_socket(tmp_path: Path) -> None:
    home, runtime = tmp_path / "home", tmp_path / "run"
    home.mkdir()
    runtime.mkdir(mode=0o700)
    env = {"HOME": str(home), "XDG_RUNTIME_DIR": str(runtime)}
    (tmp_path / "server").mkdir()
    running = serve(tmp_path / "server", env=env)
    served = next(running)
    try:
        assert served.alive()
        # gunicorn's default: $XDG_RUNTIME_DIR/gunicorn.ctl, else ~/.gunicorn/gunicorn.ctl,
        # the same path for every server of the user
        assert not (runtime / "gunicorn.ctl").exists()
        assert not (home / ".gunicorn").exists()
    finally:
        running.close()


# --- item 12: a write's answer says what reasoning did ------------------------------------


def test_incremental_reasoning_summary_has_no_unknown_count() -> None:
    from conflict_kg.namespaces import DataNamespace
    from conflict_kg.reasoning import reason_incremental
    from conflict_kg.store import OxigraphStore

    ns = DataNamespace("https://w3id.org/conflict-kg/")
    store = OxigraphStore.in_memory()
    graph = ns.document_graph("d")
    store.update(f"INSERT DATA {{ GRAPH <{graph}> {{ <{EX}a> a <{EX}C> }} }}")
    summary = str(reason_incremental(store, ns, added=[graph]))
    assert "?" not in summary, summary
    assert "incremental" in summary
