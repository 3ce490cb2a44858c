"""Extraction quality floors on the evaluation corpus (corpus/eval/), and the gold format.

The floors are the values measured when they were set, rounded down to the
nearest 5 percentage points (``benchmarks/extraction.py`` prints the current
ones): a rule change that loses recall or precision below them fails CI. Raise
them when extraction improves. Precision is the share of not-hold assertions
(named errors: dateline as actor, rank as post, denied event stored as
actual...) that indeed do not hold.

On failure only split totals are printed: the held-out split's individual
failures are never looked at while writing rules.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
import yaml

from conflict_kg.ingest.evaluation import (
    GoldError,
    SplitScore,
    documents,
    gold_path,
    load_gold,
    score_split,
)
from tests.support.paths import REPO_ROOT

EVAL = REPO_ROOT / "corpus" / "eval"
# Measured 2026-12-05 12:15 UTC with benchmarks/extraction.py after issue 17's agreement,
# claim, event-frame and toll work (dev: recall 207/211 = 98.1%, precision 94/94 = 100%;
# heldout, totals only: recall 135/185 = 73.0%, precision 56/60 = 93.3%), set just under;
# then six dev documents were added with gold written before any extraction run (dev 22
# documents: 266/307 = 86.6%, 146/146 = 100%; the six new ones alone 59/96 = 61.5%).
# 2026-12-05 17:10 UTC: six held-out documents added (gold written and committed before any
# extraction run; Aceh, South Sudan, Cheonan, Kyrgyz-Tajik, Stena Impero, Bangsamoro) and six
# dev documents: dev 28 documents 357/376 = 94.9%, 181/181 = 100%; held-out 14 documents
# 181/265 = 68.3%, 98/103 = 95.1% (the eight older ones alone 134/185, 56/60 as before).
# 2026-12-06 05:05 UTC (issue 17, agreements): eight dev documents on agreements added with
# gold written and committed before any extraction run; cold they scored 9/82 = 11.0% (the
# whole split 606/716 = 84.6%, 0/368 violated). After the clause-structure rules
# (ingest/clauses.py, ingest/signing.py): the eight 58/82 = 70.7%, dev 655/716 = 91.5%,
# 0/368 violated; held-out, totals only, once: 191/265 = 72.1%, 97/103 = 94.2%. The dev
# recall floor drops to 0.90 because of the new, harder documents, not of a lost assertion
# (the fifty older documents score 597 before and after).
# 2026-12-07 21:05 UTC (issue 17, event identity across sentences): six dev documents added
# with gold committed before any extraction run (TRAIN kashmir-loc-surgical-strikes,
# wagner-rostov-mutiny, haiti-invasion-called-off; CHECK hms-defender-crimea, moscow-coup,
# korea-kaesong): cold TRAIN 21/27, 3/15 violated, CHECK 21/26, 3/14; dev 1747/1925 = 90.8%,
# 6/1061. After ingest/anaphora.py: TRAIN 23/27, 0/15; CHECK 21/26, 2/14; dev 1749/1925 =
# 90.9%, 2/1061 (the 171 older documents 1705/1872, 0/1032 before and after, no assertion lost).
# 2026-12-07 00:20 UTC: three held-out documents shared their episode with dev documents
# written later (Aceh 2005, the Indian pilot 2019, Pretoria 2022) and moved to dev; the
# eleven left, totals only: 152/202 = 75.2%, 76/81 = 93.8% (the fourteen: 211/265, 98/103).
# 2026-12-08 00:58 UTC (issue 17, fact22: factuality on new wordings): eight dev documents built
# around events that did not happen, gold committed before any extraction run: cold 60/78,
# 7/44 violated; after the cue lexicon work 67/78, 0/44 (one not-hold corrected: it asked for
# no event at all with the gas attack's toll, its note meant the strike); the 183 older
# documents 1827/1981, 0/1098 before and after; dev 1894/2059 = 92.0%, 0/1142.
# 2026-12-08 04:10 UTC (issue 17, round 23): eighteen blind dev documents (written by helpers
# who never opened the rules, lexicons or results; gold committed before any run) scored cold
# 142/306 = 46.4%, 7/163 violated; the dev floor drops to 0.85 because of them, not of a lost
# assertion (the 203 older documents 2060 -> 2062+). After the round's rules and agreements
# written without named parties: dev 221 documents 2276/2539 = 89.6%, 1/1380; held-out, totals
# only: 271/352 = 77.0%, 152/157 = 96.8% (before the round 265/352, 151/157): floors raised.
FLOORS: dict[str, dict[str, float]] = {
    "dev": {"recall": 0.85, "precision": 0.98},
    "heldout": {"recall": 0.75, "precision": 0.95},
}
SEED_THEATRE = re.compile(r"\b(Syria|Israel|Russia|Turk(?:ey|ish|iye))", re.IGNORECASE)


@cache
def _scored(split: str) -> SplitScore:
    return score_split(EVAL / split)


@pytest.mark.slow
@pytest.mark.parametrize("split", sorted(FLOORS))
def test_recall_and_precision_floors(split: str) -> None:
    if not (EVAL / split).is_dir():
        pytest.skip(f"no {split} split at {EVAL / split}")
    scored = _scored(split)
    totals = scored.totals
    assert scored.documents, f"no documents in {EVAL / split}"
    recall, precision = totals.recall, totals.precision
    assert recall is not None and precision is not None
    summary = (f"{split}: recall {totals.hold_passed}/{totals.hold_total} = {recall:.1%}, "
               f"precision {totals.not_hold_total - totals.not_hold_violated}/"
               f"{totals.not_hold_total} = {precision:.1%}")
    assert recall >= FLOORS[split]["recall"], f"recall below its floor: {summary}"
    assert precision >= FLOORS[split]["precision"], f"precision below its floor: {summary}"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "doc.gold.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """\
- kind: entity
  expect: hold
  note: Mali is a state
  ask: |
    ASK { ?s a ck:State }
"""


def test_a_well_formed_gold_file_loads(tmp_path: Path) -> None:
    [assertion] = load_gold(_write(tmp_path, GOOD))
    assert (assertion.kind, assertion.expect, assertion.line, assertion.index) == (
        "entity", "hold", 1, 0)
    assert assertion.query.startswith("PREFIX ck: <https://w3id.org/conflict-kg/ontology#>")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("kind: entity\n", 1, "expected a YAML list"),
        ("", 1, "empty gold file"),
        ("[]\n", 1, "is empty"),
        (GOOD + "- kind: entity\n  expect: hold\n  note: x\n", 6, "missing field ask"),
        (GOOD + "- kind: opinion\n  expect: hold\n  note: x\n  ask: ASK {}\n", 6,
         "unknown kind 'opinion'"),
        (GOOD + "- kind: claim\n  expect: holds\n  note: x\n  ask: ASK {}\n", 6,
         "expect must be 'hold' or 'not-hold'"),
        (GOOD + "- kind: claim\n  expect: hold\n  notes: x\n  ask: ASK {}\n", 8,
         "unknown field 'notes'"),
        (GOOD + "- just a string\n", 6, "expected a mapping"),
        (GOOD + "- kind: claim\n  expect: hold\n  note: [a, b]\n  ask: ASK {}\n", 8,
         "'note' must be a non-empty string"),
        (GOOD + "- kind: claim\n  expect: hold\n   note: x\n", 8, "not valid YAML"),
        (GOOD + "- kind: claim\n  expect: hold\n  note: x\n  ask: SELECT * { ?s ?p ?o }\n",
         6, "not an ASK query"),
    ],
)
def test_a_malformed_gold_file_gives_file_and_line(
        tmp_path: Path, text: str, line: int, words: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(GoldError) as caught:
        load_gold(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}:"), message
    assert words in message


def test_an_ask_that_cannot_parse_is_reported_with_file_and_index(tmp_path: Path) -> None:
    unclosed = GOOD.replace("ASK { ?s a ck:State }", "ASK { ?s a ck:State ")
    path = _write(tmp_path, GOOD + unclosed)
    with pytest.raises(GoldError) as caught:
        load_gold(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:6: assertion 1 "), message
    assert "the ASK does not parse" in message
    # an undeclared prefix is a parse error too
    undeclared = GOOD.replace("ASK { ?s a ck:State }", "ASK { ?s a nope:State }")
    path = _write(tmp_path, GOOD + GOOD + undeclared)
    with pytest.raises(GoldError, match=r":11: assertion 2 .*the ASK does not parse"):
        load_gold(path)


def test_a_split_with_a_document_without_gold_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Text.\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"a\.md: no gold file \(a\.gold\.yaml\)"):
        documents(tmp_path)


def _front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path}: no front matter"
    meta = yaml.safe_load(text.split("---\n", 2)[1])
    assert isinstance(meta, dict), f"{path}: front matter is not a mapping"
    return meta


def _eval_documents() -> list[Path]:
    return sorted(EVAL.glob("*/*.md"))


def test_eval_documents_avoid_the_seed_theatre_of_2018() -> None:
    """No evaluation document published in 2018 names Syria, Israel, Russia or Turkey:
    that theatre and year are what the reference data and the demo corpus are built
    around, so documents about it would not measure general extraction."""
    found = _eval_documents()
    assert found, f"no evaluation documents under {EVAL}"
    offending = []
    for path in found:
        if str(_front_matter(path).get("published", "")).startswith("2018"):
            names = sorted({m.group(0) for m in SEED_THEATRE.finditer(path.read_text("utf-8"))})
            if names:
                offending.append(f"{path.relative_to(EVAL)}: {', '.join(names)}")
    assert not offending, "2018 documents naming the seed theatre: " + "; ".join(offending)


def test_no_document_id_is_in_both_splits() -> None:
    """Ids name an episode (place or parties, then the date): one in both splits means a dev
    document about a held-out document's event, which rules tuned on dev would then fit (and
    the two could not be ingested together: a batch keeps one document per id)."""
    stems = {split: {p.stem for p in documents(EVAL / split)} for split in ("dev", "heldout")}
    assert stems["dev"] and stems["heldout"]
    assert not stems["dev"] & stems["heldout"]


@pytest.mark.parametrize("path", sorted((EVAL / "dev").glob("*.md")), ids=lambda p: p.stem)
def test_dev_documents_follow_the_corpus_rules(path: Path) -> None:
    meta = _front_matter(path)
    assert meta["id"] == path.stem
    assert meta["publisher"] == "conflict-kg evaluation corpus"
    assert re.fullmatch(r".+-\d{4}-\d{2}-\d{2}", path.stem)
    assert str(meta["published"]) == path.stem[-10:]
    body_words = len(path.read_text(encoding="utf-8").split("---\n", 2)[2].split())
    assert 250 <= body_words <= 500, body_words
    gold = load_gold(gold_path(path))
    assert sum(a.expect == "hold" for a in gold) >= 8
    assert sum(a.expect == "not-hold" for a in gold) >= 4


def test_every_ask_is_false_on_the_bundled_data_alone() -> None:
    """A hold must need the document's graph, and a not-hold must not be an error of the
    reference data: every ASK of both splits is false on the ontology and reference graphs
    alone (reasoned, as the benchmark reasons), so a reference edit cannot make an
    assertion pass or fail by itself. Only the gold is read here: no held-out document is
    ingested."""
    from conflict_kg.bundled import ensure_bundled
    from conflict_kg.namespaces import DataNamespace
    from conflict_kg.reasoning import reason
    from conflict_kg.store import OxigraphStore

    store, ns = OxigraphStore.in_memory(), DataNamespace("https://w3id.org/conflict-kg/")
    ensure_bundled(store, ns)
    reason(store, ns)
    true_alone = [f"{a.where} ({a.expect}): {a.note}"
                  for split in ("dev", "heldout") for path in documents(EVAL / split)
                  for a in load_gold(gold_path(path))
                  if bool(store.query(a.query))]
    assert not true_alone, "ASKs true without any document: " + "; ".join(true_alone)


def _benchmark_main() -> Callable[[list[str]], int]:
    spec = importlib.util.spec_from_file_location(
        "extraction_benchmark", REPO_ROOT / "benchmarks" / "extraction.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    main: Callable[[list[str]], int] = module.main
    return main


TINY_DOC = """---
id: tiny-2020-01-01
title: Tiny
published: 2020-01-01
---
Mali's defence ministry said on Monday that its army had withdrawn from the town of Tessit.
"""
TINY_GOLD = """\
- kind: entity
  expect: hold
  note: Mali is mentioned
  ask: |
    ASK { ?s a ck:State ; rdfs:label "Mali"@en . ?m itsrdf:taIdentRef ?s . }
- kind: entity
  expect: hold
  note: a hold that cannot pass (no such person)
  ask: |
    ASK { ?p a ck:Person ; rdfs:label "Nobody At All"@en }
- kind: entity
  expect: not-hold
  note: Mali is not an organisation
  ask: |
    ASK { ?o a ck:Organisation ; rdfs:label "Mali"@en }
"""


@pytest.mark.slow
def test_benchmark_table_json_and_the_held_out_guard(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main = _benchmark_main()
    for split in ("dev", "heldout"):
        (tmp_path / split).mkdir()
        (tmp_path / split / "tiny-2020-01-01.md").write_text(TINY_DOC, encoding="utf-8")
        (tmp_path / split / "tiny-2020-01-01.gold.yaml").write_text(TINY_GOLD, encoding="utf-8")
    args = ["--eval-dir", str(tmp_path)]

    assert main([*args, "--show-failures"]) == 2  # all splits include heldout: refused
    assert main([*args, "--split", "heldout", "--show-failures"]) == 2
    err = capsys.readouterr().err
    assert "never look at held-out failures" in err and "refuses the held-out split" in err

    assert main([*args, "--split", "dev", "--show-failures"]) == 0
    out = capsys.readouterr().out
    assert "| dev   | tiny-2020-01-01" in out and "| dev   | kind: entity" in out
    assert "| dev   | total (1 documents)" in out
    assert "a hold that cannot pass (no such person) — does not hold" in out

    assert main([*args, "--split", "dev", "--json"]) == 0
    [split] = json.loads(capsys.readouterr().out)["splits"]
    assert split["split"] == "dev" and split["totals"]["hold_total"] == 2
    assert split["totals"]["not_hold_total"] == 1
    assert "failures" not in split["documents"][0]  # only with --show-failures


def test_the_shared_bundled_kb_gives_the_triples_a_store_would() -> None:
    """Scoring gives every document the knowledge base built once from the bundled graphs;
    a document ingested with it has exactly the triples of one ingested with the KB read
    from its own store (the default)."""
    from conflict_kg.ingest import pipeline
    from conflict_kg.ingest.evaluation import DEFAULT_BASE, bundled_kb
    from conflict_kg.namespaces import DataNamespace
    from conflict_kg.store import OxigraphStore

    path = documents(EVAL / "dev")[0]
    contents = []
    for kb in (None, bundled_kb(DEFAULT_BASE)):
        store = OxigraphStore.in_memory()
        report = pipeline.run([path], store, DataNamespace(DEFAULT_BASE), kb=kb)
        assert report.ok and report.ingested
        # the ingest run's IRI and start time are the only things meant to differ
        contents.append({re.sub(r"ingest-run/\w+|\"\d{4}-\d\d-\d\dT[\d:.]+Z\"", "RUN", str(q))
                         for q in store.raw.quads_for_pattern(None, None, None, None)})
    assert len(contents[0]) > 1000
    assert contents[0] == contents[1]


@pytest.mark.parametrize("index", [0, 57, -1])
def test_a_scored_document_sees_what_a_fresh_store_would(index: int) -> None:
    """Scoring lends each document one store holding the bundled graphs and their closure
    and brings the closure up to date incrementally; the store it asks holds exactly what
    a fresh store gives after ingesting the document and a full reasoning run, and is put
    back as it was afterwards."""
    from conflict_kg.ingest import pipeline
    from conflict_kg.ingest.evaluation import DEFAULT_BASE, _clean_store, ingested_alone
    from conflict_kg.namespaces import DataNamespace
    from conflict_kg.reasoning import reason
    from conflict_kg.store import OxigraphStore

    def content(store: OxigraphStore) -> set[str]:
        return {re.sub(r"ingest-run/\w+|\"\d{4}-\d\d-\d\dT[\d:.]+Z\"", "RUN", str(q))
                for q in store.raw.quads_for_pattern(None, None, None, None)}

    path = documents(EVAL / "dev")[index]
    ns = DataNamespace(DEFAULT_BASE)
    fresh = OxigraphStore.in_memory()
    assert pipeline.run([path], fresh, ns).ingested
    reason(fresh, ns)

    clean = _clean_store(DEFAULT_BASE)
    pristine = content(clean.store)
    with ingested_alone(path) as done:
        assert done.store is clean.store and clean.new_graphs()
        scored = content(done.store)
    assert len(scored) > len(pristine) + 100
    assert scored == content(fresh)
    assert content(clean.store) == pristine
