"""`reason`, `explain` and `ingest --strict` through the CLI, on a real on-disk store."""

from __future__ import annotations

import json

from tests.conftest import run_cli

CK = "https://w3id.org/conflict-kg/ontology#"
INFERRED_PLATFORM = f"""
PREFIX ck: <{CK}>
SELECT ?platform WHERE {{
  GRAPH <https://w3id.org/conflict-kg/graph/inferred> {{ ?platform a ck:WeaponSystem }}
  ?platform ck:model ?model .
}} ORDER BY ?platform LIMIT 1
"""
SEED_AGREEMENT = f"""
PREFIX ck: <{CK}>
SELECT ?agreement WHERE {{ ?agreement a ck:Agreement ; ck:provision ?p .
  ?p ck:deadline ?d }} ORDER BY ?agreement LIMIT 1
"""


def _one(store, query: str, var: str) -> str:
    out = json.loads(run_cli("query", query, "--format", "json", store=store, check=True).stdout)
    rows = out["results"]["bindings"]
    assert rows, f"no answer to {query}"
    value: str = rows[0][var]["value"]
    return value


def test_explain_traces_an_inference_to_its_sentence(store_dir, seed_path):
    run_cli("ingest", str(seed_path), store=store_dir, check=True)
    run_cli("reason", store=store_dir, check=True)
    platform = _one(store_dir, INFERRED_PLATFORM, "platform")
    result = run_cli("explain", platform, "a", "ck:WeaponSystem", store=store_dir)
    assert result.returncode == 0, result.stderr
    assert "inferred by" in result.stdout
    assert "asserted in https://w3id.org/conflict-kg/graph/document/" in result.stdout
    assert 'sentence: "' in result.stdout
    missing = run_cli("explain", platform, "a", "ck:State", store=store_dir)
    assert missing.returncode == 1
    bad = run_cli("explain", "<not an iri", "a", "ck:State", store=store_dir)
    assert bad.returncode == 2 and "cannot read the triple" in bad.stderr


def test_strict_ingest_refuses_a_document_that_adds_an_error(tmp_path, seed_path):
    probe = tmp_path / "probe"
    run_cli("ingest", str(seed_path), store=probe, check=True)
    agreement = _one(probe, SEED_AGREEMENT, "agreement")
    # Curated data that makes the seed's deadlines fall before the signing.
    curated = tmp_path / "late-signing.ttl"
    state = "https://w3id.org/conflict-kg/id/state/"
    curated.write_text(
        f"<{agreement}> a <{CK}Agreement> ; <{CK}party> <{state}russia>, <{state}turkey> ; "
        f'<{CK}signingDate> "2019-06-01"^^<http://www.w3.org/2001/XMLSchema#date> .\n',
        encoding="utf-8",
    )
    store = tmp_path / "store"
    run_cli("load", str(curated), store=store, check=True)
    run_cli("reason", store=store, check=True)
    assert run_cli("check", store=store).returncode == 0

    strict = run_cli("ingest", "--strict", str(seed_path), store=store)
    assert strict.returncode == 1
    assert "refused by --strict" in strict.stderr
    assert seed_path.name in strict.stderr
    stats = json.loads(run_cli("stats", "--json", store=store, check=True).stdout)
    assert not [g for g in stats["graphs"] if "/graph/document/" in g]
    assert run_cli("check", store=store).returncode == 0

    lenient = run_cli("ingest", str(seed_path), store=store)
    assert lenient.returncode == 0
    run_cli("reason", store=store, check=True)
    assert run_cli("check", store=store).returncode == 1
