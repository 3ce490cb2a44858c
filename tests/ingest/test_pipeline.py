"""Pipeline properties: deterministic graphs, no-op re-ingest, workers, crash safety."""

from __future__ import annotations

import gc
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from conflict_kg import ingest
from conflict_kg.ingest.report import ENTITIES_PER_DOCUMENT_LABEL
from conflict_kg.namespaces import ONTOLOGY
from conflict_kg.stats import CLASSES_LABEL, stats
from conflict_kg.store import OxigraphStore
from tests.conftest import SEED
from tests.ingest.conftest import CORPUS, NS
from tests.support.ingest.graphs import graph_contents
from tests.support.paths import REPO_ROOT


def _corpus() -> list[Path]:
    return [SEED, *sorted(CORPUS.glob("*.md"))]


@pytest.mark.needs_shared
def test_same_input_gives_the_same_graph() -> None:
    first, second = OxigraphStore.in_memory(), OxigraphStore.in_memory()
    ingest.run(_corpus(), first, NS)
    ingest.run(list(reversed(_corpus())), second, NS)
    assert graph_contents(first) == graph_contents(second)
    assert len(graph_contents(first)) == len(_corpus())


@pytest.mark.needs_shared
def test_graph_records_pipeline_version_and_ingest_time() -> None:
    store = OxigraphStore.in_memory()
    ingest.run([SEED], store, NS)
    rows = list(store.query(
        "PREFIX ck: <https://w3id.org/conflict-kg/ontology#> "
        "SELECT ?v ?t WHERE { GRAPH ?g { ?d ck:ingestedBy ?run ; ck:pipelineVersion ?v . "
        "?run a ck:IngestRun ; ck:startedAt ?t } }"
    ))
    assert len(rows) == 1
    assert rows[0]["v"].value.startswith("conflict-kg-ingest/")
    assert rows[0]["t"].datatype.value.endswith("#dateTime")


@pytest.mark.needs_shared
def test_reingesting_unchanged_documents_is_a_no_op() -> None:
    store = OxigraphStore.in_memory()
    ingest.run(_corpus(), store, NS)
    before = sorted(str(q) for q in store.raw)
    report = ingest.run(_corpus(), store, NS)
    assert not report.ingested and len(report.unchanged) == len(_corpus())
    assert sorted(str(q) for q in store.raw) == before  # not even the ingest time changes


@pytest.mark.needs_shared
def test_two_workers_give_the_same_graph_as_one() -> None:
    one, two = OxigraphStore.in_memory(), OxigraphStore.in_memory()
    report_one = ingest.run(_corpus(), one, NS, workers=1)
    report_two = ingest.run(_corpus(), two, NS, workers=2)
    assert report_one.ingested == report_two.ingested
    assert graph_contents(one) == graph_contents(two)
    assert report_two.events == report_one.events > 0
    # where the time went: extraction measured in the worker that did it, writing apart
    for report in (report_one, report_two):
        assert report.extract_seconds > 0 and report.write_seconds > 0


@pytest.mark.needs_shared
def test_summary_counts_documents_triples_entities_events_claims() -> None:
    report = ingest.run(_corpus(), OxigraphStore.in_memory(), NS)
    text = report.summary()
    assert f"{len(_corpus())} ingested" in text
    assert f"{report.triples} triples" in text
    assert f"{report.events} events, {report.claims} claims" in text
    assert f"{ENTITIES_PER_DOCUMENT_LABEL}: State" in text and "Person" in text
    assert sum(report.entities_per_document.values()) > 0


@pytest.mark.needs_shared
def test_ingest_summary_and_stats_count_different_things_under_different_names(
        tmp_path: Path) -> None:
    """The same document under two ids: the ingest summary, per document and summed,
    doubles; ``stats``, distinct resources in the store, does not change."""
    text = SEED.read_text(encoding="utf-8")
    (tmp_path / "one.md").write_text(text, encoding="utf-8")
    once, twice = OxigraphStore.in_memory(), OxigraphStore.in_memory()
    one = ingest.run([tmp_path / "one.md"], once, NS)
    (tmp_path / "two.md").write_text(text, encoding="utf-8")
    two = ingest.run([tmp_path / "one.md", tmp_path / "two.md"], twice, NS)
    assert two.entities_per_document["State"] == 2 * one.entities_per_document["State"] > 0
    state = ONTOLOGY + "State"
    assert stats(twice).classes[state] == stats(once).classes[state] > 0
    assert ENTITIES_PER_DOCUMENT_LABEL in two.summary()
    assert CLASSES_LABEL in stats(twice).render()
    assert "entities by class" not in two.summary() + stats(twice).render()


_KILLABLE = textwrap.dedent("""
    import sys
    from pathlib import Path
    from conflict_kg import ingest
    from conflict_kg.namespaces import DataNamespace
    from conflict_kg.store import OxigraphStore

    store = OxigraphStore.open(sys.argv[1])
    def said(origin, status):
        if status == "ingested":  # written: the batch it was in is in the store
            print(status, origin, flush=True)
    ingest.run([Path(sys.argv[2])], store, DataNamespace("https://w3id.org/conflict-kg/"),
               on_document=said, batch_size=int(sys.argv[3]))
    store.close()
""")


def _copies(folder: Path, count: int) -> None:
    """``count`` distinct documents made from the team's corpus (new ids, same text)."""
    sources = sorted(CORPUS.glob("*.md"))
    folder.mkdir()
    for i in range(count):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        (folder / f"doc-{i:04d}.md").write_text(
            text.replace("\nid: ", f"\nid: copy-{i:04d}-", 1) + f"\nReport number {i}.\n",
            encoding="utf-8")


def _killed_run(store: Path, folder: Path, batch: int, after_lines: int) -> int:
    """Run ingest in a real process and kill -9 it once ``after_lines`` documents are done."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", _KILLABLE, str(store), str(folder), str(batch)],
                            stdout=subprocess.PIPE, text=True, env=env, start_new_session=True)
    assert proc.stdout is not None
    seen = 0
    deadline = time.monotonic() + 120
    for _line in proc.stdout:
        seen += 1
        if seen >= after_lines or time.monotonic() > deadline:
            break
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return seen


def test_kill_minus_nine_leaves_graphs_whole_and_the_next_run_finishes(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    _copies(folder, 48)
    reference = OxigraphStore.in_memory()
    ingest.run([folder], reference, NS)
    expected = graph_contents(reference)

    store_dir = tmp_path / "store"
    done = _killed_run(store_dir, folder, batch=4, after_lines=12)
    assert done >= 12
    store = OxigraphStore.open(store_dir)
    partial = graph_contents(store)
    assert 0 < len(partial) < len(expected), "the kill came too late to test anything"
    for graph, lines in partial.items():
        assert lines == expected[graph], f"{graph} is half written"
    assert not [g for g in store.raw.named_graphs() if "staging" in g.value]

    report = ingest.run([folder], store, NS)
    assert len(report.unchanged) == len(partial)
    assert len(report.ingested) == len(expected) - len(partial)
    assert graph_contents(store) == expected
    store.close()


def test_kill_during_replacement_of_changed_documents(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    _copies(folder, 30)
    store_dir = tmp_path / "store"
    store = OxigraphStore.open(store_dir)
    ingest.run([folder], store, NS)
    old = graph_contents(store)
    store.close()
    del store
    gc.collect()  # pyoxigraph releases the store's lock when the object goes away
    for path in folder.iterdir():
        path.write_text(path.read_text(encoding="utf-8") + "\nIsrael struck Syria on Monday.\n",
                        encoding="utf-8")
    changed = tmp_path / "changed"
    shutil.copytree(folder, changed)
    reference = OxigraphStore.in_memory()
    ingest.run([changed], reference, NS)
    new = graph_contents(reference)

    _killed_run(store_dir, folder, batch=3, after_lines=6)
    store = OxigraphStore.open(store_dir)
    now = graph_contents(store)
    assert set(now) == set(old)
    replaced = [g for g in now if now[g] == new[g]]
    assert all(now[g] in (old[g], new[g]) for g in now)
    assert 0 < len(replaced) < len(now), "the kill came too late to test anything"
    store.close()


@pytest.mark.needs_shared
def test_recovery_drops_graphs_a_killed_bulk_write_left_pending(tmp_path: Path) -> None:
    from conflict_kg.store.journal import JOURNAL, recover

    store = OxigraphStore.open(tmp_path / "store")
    ingest.run([SEED], store, NS)
    whole = graph_contents(store)
    partial = ox.NamedNode(NS.document_graph("half-written"))
    store.raw.extend([
        ox.Quad(JOURNAL, ox.NamedNode("urn:conflict-kg:pending-graph"), partial, JOURNAL),
        ox.Quad(ox.NamedNode("http://example.org/x"), ox.NamedNode("http://example.org/p"),
                ox.Literal("only part of a graph"), partial),
    ])
    assert recover(store) == [partial.value]
    assert graph_contents(store) == whole
    assert JOURNAL.value not in store.graphs()
    assert recover(store) == []
    store.close()


def test_bulk_batches_keep_literals_with_line_breaks_and_dots_intact() -> None:
    from conflict_kg.store.journal import as_nquads

    tricky = ox.Literal('said: "no.\nIt ended .\n" and left .')
    triples = [ox.Triple(ox.NamedNode("http://example.org/s"),
                         ox.NamedNode("http://example.org/p"), tricky)]
    quads = list(ox.parse(as_nquads({"http://example.org/g": triples}), ox.RdfFormat.N_QUADS))
    assert [(q.object, q.graph_name) for q in quads] == [(tricky,
                                                          ox.NamedNode("http://example.org/g"))]


_DUMP = textwrap.dedent("""
    import sys
    from pathlib import Path
    from conflict_kg import ingest
    from conflict_kg.namespaces import DataNamespace
    from conflict_kg.store import OxigraphStore

    store = OxigraphStore.in_memory()
    ingest.run([Path(p) for p in sys.argv[1:]], store,
               DataNamespace("https://w3id.org/conflict-kg/"))
    lines = sorted(str(q) for q in store.raw if "/graph/document/" in str(q.graph_name)
                   and "/id/ingest-run/" not in str(q) and "ingestedBy" not in str(q))
    print("\\n".join(lines))
""")


@pytest.mark.needs_shared
def test_the_graph_does_not_depend_on_the_process_hash_seed() -> None:
    """Set and dict orders vary with PYTHONHASHSEED; the graph must not."""
    paths = [str(p) for p in _corpus()]
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO_ROOT)}
        result = subprocess.run([sys.executable, "-c", _DUMP, *paths], capture_output=True,
                                text=True, env=env, timeout=120, check=True)
        outputs.append(result.stdout)
    assert outputs[0] and outputs[0] == outputs[1]
