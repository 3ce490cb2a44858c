"""The real server process, started from the CLI, answers the analyst's question."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest

from conflict_kg.store.serving import MARKER
from tests.conftest import PARTIES_QUERY, run_cli, serving


@pytest.mark.slow
def test_served_answer_equals_cli_answer(store_dir, seed_path, tmp_path):
    run_cli("ingest", str(seed_path), store=store_dir, check=True)
    cli_json = json.loads(run_cli("query", PARTIES_QUERY, "--format", "json",
                                  store=store_dir, check=True).stdout)
    with serving(["--store", str(store_dir)], tmp_path / "server.log") as server:
        url = server.base + "/sparql?" + urllib.parse.urlencode({"query": PARTIES_QUERY})
        request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.headers["Content-Type"].startswith("application/sparql-results+json")
            http_json = json.load(response)
        # A write is refused with the running server named, and how to send documents.
        held = run_cli("ingest", str(seed_path), store=store_dir)
        assert held.returncode == 1
        assert f"--server {server.base}/" in held.stderr
        assert f"--store {server.base}/sparql stats" in held.stderr
        # Read-only commands given the directory read through the server, and say so.
        for store in (store_dir, f"{server.base}/sparql"):
            through = run_cli("query", PARTIES_QUERY, "--format", "json", store=store)
            assert through.returncode == 0, through.stderr
            assert json.loads(through.stdout)["results"]["bindings"] == \
                cli_json["results"]["bindings"]
            assert (f"reading it through {server.base}/sparql" in through.stderr) == \
                (store == store_dir)
        counted = [json.loads(run_cli("stats", "--json", store=store, check=True).stdout)
                   for store in (store_dir, f"{server.base}/sparql")]
        assert counted[0] == counted[1] and counted[0]["graphs"]
        exported = run_cli("export", store=store_dir, check=True).stdout
        assert exported.count("\n") > 1000 and "/graph/document/" in exported
    assert not (store_dir / MARKER).exists()  # a stopped server leaves no address behind
    held = run_cli("stats", store=store_dir)
    assert held.returncode == 0, held.stderr
    output = server.log.read_text(errors="replace")
    parties = [(b["party"]["value"], b["label"]["value"])
               for b in http_json["results"]["bindings"]]
    assert parties == [
        ("https://w3id.org/conflict-kg/id/state/russia", "Russia"),
        ("https://w3id.org/conflict-kg/id/state/turkey", "Turkey"),
    ]
    assert http_json["results"]["bindings"] == cli_json["results"]["bindings"]
    assert server.base in output
    assert "/sparql" in output  # one access-log line per request
