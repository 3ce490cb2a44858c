"""The CLI as users run it: a real subprocess, real on-disk store."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import PARTIES_QUERY, run_cli

COMMANDS = ["ingest", "load", "reason", "check", "query", "export", "stats", "serve", "docs"]
@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_has_help(command):
    result = run_cli(command, "--help")
    assert result.returncode == 0
    assert "usage: conflict-kg" in result.stdout
    assert ("--store" in result.stdout) == (command != "docs")  # docs opens no store
    assert "conflict-kg settings" in result.stdout


def test_usage_errors_exit_2():
    assert run_cli("no-such-command").returncode == 2
    assert run_cli("query", "--format", "xml").returncode == 2


def test_bad_batch_reports_each_bad_file_and_ingests_the_rest(tmp_path, store_dir):
    good = tmp_path / "good.md"
    good.write_text("---\ntitle: ok\npublished: 2018-06-05\n---\nTurkey reached an agreement "
                    "with Russia on Monday.\n", encoding="utf-8")
    bad = {
        "empty.md": b"",
        "binary.txt": b"\x00\x01\x02PNG\x00\xff" * 20,
        "latin1.md": "---\ntitle: x\n---\nAnkara said caf\u00e9".encode("latin-1"),
        "broken.md": b"---\ntitle: [unclosed\npublished: 2018-01-01\n---\nText about Syria.\n",
        "unclosed.md": b"---\ntitle: x\nText about Syria with no closing fence.\n",
        "baddate.md": b"---\npublished: yesterday-ish\n---\nText about Syria.\n",
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    result = run_cli("ingest", str(tmp_path), store=store_dir)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == len(bad)
    for name in bad:
        assert sum(name in line for line in errors) == 1, (name, errors)
    assert "1 ingested" in result.stdout
    stats = json.loads(run_cli("stats", "--json", store=store_dir, check=True).stdout)
    doc_graphs = [g for g in stats["graphs"] if "/graph/document/" in g]
    assert [g.rsplit("/", 1)[-1] for g in doc_graphs] == ["good"]


def test_query_formats_agree(store_dir, seed_path):
    run_cli("ingest", str(seed_path), store=store_dir, check=True)
    as_json = json.loads(run_cli("query", PARTIES_QUERY, "--format", "json",
                                 store=store_dir, check=True).stdout)
    labels = [b["label"]["value"] for b in as_json["results"]["bindings"]]
    assert labels == ["Russia", "Turkey"]
    as_csv = list(csv.DictReader(io.StringIO(run_cli(
        "query", PARTIES_QUERY, "--format", "csv", store=store_dir, check=True).stdout)))
    assert [r["label"] for r in as_csv] == labels
    table = run_cli("query", PARTIES_QUERY, store=store_dir, check=True).stdout
    assert "Russia" in table and "(2 rows)" in table


def test_query_from_file_and_malformed_query(store_dir, tmp_path):
    qfile = tmp_path / "q.rq"
    qfile.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert run_cli("query", "--file", str(qfile), store=store_dir).stdout.strip() in (
        "true", "false")
    bad = run_cli("query", "SELECT WHERE {", store=store_dir)
    assert bad.returncode == 2
    assert "invalid SPARQL" in bad.stderr


def test_load_export_and_stats(store_dir, tmp_path):
    ttl = tmp_path / "curated.ttl"
    ttl.write_text("<http://example.org/a> a <https://w3id.org/conflict-kg/ontology#State> .",
                   encoding="utf-8")
    out = run_cli("load", str(ttl), store=store_dir)
    assert out.returncode == 0, out.stderr
    assert "graph/curated/curated" in out.stdout
    nq = run_cli("export", "--graph", "https://w3id.org/conflict-kg/graph/curated/curated",
                 "--format", "nquads", store=store_dir, check=True).stdout
    assert "<http://example.org/a>" in nq
    trig = tmp_path / "all.trig"
    run_cli("export", "--format", "trig", "-o", str(trig), store=store_dir, check=True)
    assert "http://example.org/a" in trig.read_text(encoding="utf-8")
    stats = json.loads(run_cli("stats", "--json", store=store_dir, check=True).stdout)
    assert stats["classes"]["https://w3id.org/conflict-kg/ontology#State"] >= 1


def test_load_reports_bad_file_and_exit_1(store_dir, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    result = run_cli("load", str(bad), store=store_dir)
    assert result.returncode == 1
    assert "bad.ttl" in result.stderr


def test_environment_variable_selects_the_store(tmp_path, seed_path):
    store = tmp_path / "env-store"
    run_cli("ingest", str(seed_path), env={"CONFLICT_KG_STORE": str(store)}, check=True)
    assert (store / "CURRENT").exists() or any(store.iterdir())
