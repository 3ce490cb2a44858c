"""Large documents: read in sections, written section by section, all or nothing.

Memory and time are measured in ``benchmarks/ingest.py --memory``, never here; these
tests check the structure that bounds them (sections of bounded size, one section's
triples in flight) and that writing in parts keeps a write whole.  The sections are
made small (a few thousand characters) so that the team's short test documents span
several of them.
"""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from conflict_kg import ingest
from conflict_kg.ingest import batches
from conflict_kg.ingest.extract import SectionResult, extract, extract_sections, text_sections
from conflict_kg.ingest.kb import KnowledgeBase
from conflict_kg.ingest.sources import SourceDocument, read_text_document
from conflict_kg.ingest.text import sentences
from conflict_kg.store import OxigraphStore, chunked, journal
from conflict_kg.store.journal import JOURNAL, drop_graph_journalled, recover
from tests.ingest.conftest import CORPUS, NS
from tests.support.ingest.graphs import RUN_PREDICATES, graph_contents
from tests.support.paths import REPO_ROOT

SECTION = 1_500  # characters: the test documents below are several sections long


def _long_text(rounds: int = 2, extra: str = "") -> str:
    """The bodies of the team's own test documents, one after another, ``rounds`` times."""
    bodies = []
    for path in sorted(CORPUS.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        bodies.append(text.split("\n---\n", 1)[1].strip() if text.startswith("---") else text)
    return "\n\n".join(bodies * rounds) + extra


def _write(folder: Path, body: str, published: str = "2018-10-10") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "long-report.md"
    path.write_text(f"---\nid: long-report\npublished: {published}\n---\n{body}\n",
                    encoding="utf-8")
    return path


def _graph(store: OxigraphStore) -> set[str]:
    return graph_contents(store)[NS.document_graph("long-report")]


def _private_graphs(store: OxigraphStore) -> list[str]:
    return [g.value for g in store.raw.named_graphs()
            if isinstance(g, ox.NamedNode) and g.value.startswith("urn:conflict-kg:")]


# --- sections -------------------------------------------------------------------------

def test_sections_hold_whole_sentences_within_the_limit_in_order() -> None:
    text = _long_text()
    groups = list(text_sections(text, SECTION))
    assert len(groups) > 3
    assert [s for g in groups for s in g] == list(sentences(text))
    for group in groups:
        assert group[-1].end - group[0].start <= SECTION or len(group) == 1


def test_sections_end_at_a_paragraph_break_when_there_is_one() -> None:
    text = _long_text()
    groups = list(text_sections(text, SECTION))
    for group, following in zip(groups, groups[1:], strict=False):
        assert "\n\n" in text[group[-1].end : following[0].start]


def test_a_sentence_longer_than_the_limit_is_a_section_of_its_own() -> None:
    text = "Troops left. " + "word " * 100 + "ended. Talks began."
    groups = [[s.text for s in g] for g in text_sections(text, 50)]
    assert groups[0] == ["Troops left."]
    assert len(groups[1]) == 1 and groups[1][0].startswith("word")
    assert groups[2] == ["Talks began."]


def test_a_text_shorter_than_a_section_is_one_section() -> None:
    text = _long_text(rounds=1)
    assert len(list(text_sections(text, len(text)))) == 1
    assert list(text_sections("", 10)) == [[]]


def test_sections_are_produced_lazily_one_at_a_time() -> None:
    """The extractor yields each section's triples before it reads the next section."""
    doc = SourceDocument("long-report", _long_text(), "long-report", {"published": "2018-10-10"})
    kb = _kb()
    parts = extract_sections(doc, kb, NS, SECTION)
    first = next(parts)
    assert isinstance(first, SectionResult) and b"isString" in first.ntriples
    assert b"isString" not in next(parts).ntriples  # the document is described once


def _kb() -> KnowledgeBase:
    from conflict_kg.bundled import ensure_bundled

    store = OxigraphStore.in_memory()
    ensure_bundled(store, NS)
    return KnowledgeBase.from_store(store, [NS.ontology_graph, NS.reference_graph])


# --- writing in parts -------------------------------------------------------------------

def test_a_streamed_document_is_the_graph_extraction_gives(tmp_path: Path) -> None:
    path = _write(tmp_path / "docs", _long_text())
    store = OxigraphStore.open(tmp_path / "store")
    report = ingest.run([path], store, NS, section_chars=SECTION)
    assert report.ok and len(report.ingested) == 1
    doc = read_text_document(path, max_bytes=10**7)
    alone = ox.Store()  # read back through a store, which keeps numbers its own way
    alone.load(extract(doc, _kb(), NS, SECTION).ntriples, ox.RdfFormat.N_TRIPLES)
    whole = {f"{q.subject} {q.predicate} {q.object}" for q in alone
             if q.predicate.value not in RUN_PREDICATES and "/id/ingest-run/" not in str(q)}
    assert _graph(store) == whole
    assert report.triples == store.count(NS.document_graph("long-report"))
    assert report.events > 0 and report.entities_per_document["State"] > 0
    assert _private_graphs(store) == []
    store.close()


def test_a_changed_long_document_replaces_its_graph_exactly(tmp_path: Path) -> None:
    store = OxigraphStore.open(tmp_path / "store")
    ingest.run([_write(tmp_path / "v1", _long_text())], store, NS, section_chars=SECTION)
    changed = _write(tmp_path / "v2", _long_text(extra="\n\nIsrael struck Syria on Monday."),
                     published="2018-10-11")
    report = ingest.run([changed], store, NS, section_chars=SECTION)
    assert report.ok and len(report.ingested) == 1
    fresh = OxigraphStore.in_memory()
    ingest.run([changed], fresh, NS, section_chars=SECTION)
    assert _graph(store) == _graph(fresh)
    assert _private_graphs(store) == []
    store.close()


def _failing_after_first(monkeypatch: pytest.MonkeyPatch) -> None:
    real = batches.extract_sections

    def failing(*args: object, **kwargs: object) -> Iterator[SectionResult]:
        parts = real(*args, **kwargs)  # type: ignore[arg-type]
        yield next(parts)
        raise RuntimeError("a rule tripped")

    monkeypatch.setattr(batches, "extract_sections", failing)


def test_a_section_that_fails_leaves_no_part_of_a_new_document(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = OxigraphStore.open(tmp_path / "store")
    _failing_after_first(monkeypatch)
    report = ingest.run([_write(tmp_path / "docs", _long_text())], store, NS,
                        section_chars=SECTION)
    assert not report.ingested and "a rule tripped" in report.errors[0]
    assert NS.document_graph("long-report") not in store.graphs()
    assert _private_graphs(store) == []
    store.close()


def test_a_section_that_fails_leaves_the_earlier_version_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = OxigraphStore.open(tmp_path / "store")
    ingest.run([_write(tmp_path / "v1", _long_text())], store, NS, section_chars=SECTION)
    old = _graph(store)
    _failing_after_first(monkeypatch)
    changed = _write(tmp_path / "v2", _long_text(extra="\n\nIsrael struck Syria on Monday."))
    report = ingest.run([changed], store, NS, section_chars=SECTION)
    assert not report.ok
    assert _graph(store) == old
    assert _private_graphs(store) == []
    store.close()


def test_recovery_finishes_a_replacement_that_was_committed(tmp_path: Path) -> None:
    store = OxigraphStore.open(tmp_path / "store")
    p = ox.NamedNode("http://example.org/p")
    target = ox.NamedNode(NS.document_graph("replaced"))
    staging = ox.NamedNode("urn:conflict-kg:ingest-staging:test")
    store.raw.extend([ox.Quad(p, p, ox.Literal(f"old {i}"), target) for i in range(50)])
    # killed half way through the copy: the target has a mix, the staging graph all
    store.raw.extend([ox.Quad(p, p, ox.Literal(f"new {i}"), staging) for i in range(70)])
    store.raw.extend([ox.Quad(p, p, ox.Literal(f"new {i}"), target) for i in range(20)])
    store.raw.extend([ox.Quad(target, ox.NamedNode("urn:conflict-kg:replacing-graph"), staging,
                              JOURNAL)])
    recover(store)
    assert {q.object.value for q in store.raw.quads_for_pattern(None, None, None, target)} \
        == {f"new {i}" for i in range(70)}
    assert _private_graphs(store) == []
    recover(store)  # nothing left to do
    assert store.count(target.value) == 70
    store.close()


def test_graphs_are_cleared_in_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Large graphs are deleted a bounded number of quads per transaction."""
    store = OxigraphStore.open(tmp_path / "store")
    g = ox.NamedNode("http://example.org/g")
    p = ox.NamedNode("http://example.org/p")
    store.raw.extend([ox.Quad(p, p, ox.Literal(str(i)), g) for i in range(95)])
    monkeypatch.setattr(chunked, "CHUNK_QUADS", 10)
    updates: list[str] = []
    real = store.raw

    class Watched:
        def __getattr__(self, name: str) -> object:
            return getattr(real, name)

        def update(self, sparql: str) -> None:
            updates.append(sparql)
            real.update(sparql)

    chunked.clear_in_chunks(Watched(), g)  # type: ignore[arg-type]
    assert len(updates) == 10 and all("LIMIT 10" in u for u in updates)
    assert not store.raw.contains_named_graph(g)
    store.close()


def test_journalled_drop_is_bounded_and_finished_by_recovery(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A document graph is deleted in chunks; one interrupted half-way ends deleted."""
    store = OxigraphStore.open(tmp_path / "store")
    p = ox.NamedNode("http://example.org/p")
    g, h = ox.NamedNode("http://example.org/g"), ox.NamedNode("http://example.org/h")
    for graph in (g, h):
        store.raw.extend([ox.Quad(p, p, ox.Literal(str(i)), graph) for i in range(95)])
    monkeypatch.setattr(chunked, "CHUNK_QUADS", 10)
    assert drop_graph_journalled(store, g.value) is True
    assert not store.raw.contains_named_graph(g) and not store.raw.contains_named_graph(JOURNAL)
    assert drop_graph_journalled(store, g.value) is False

    def dies_after_one_chunk(raw: ox.Store, graph: ox.NamedNode) -> None:
        raw.update(f"DELETE {{ GRAPH {graph} {{ ?s ?p ?o }} }} WHERE {{ SELECT * "
                   f"{{ GRAPH {graph} {{ ?s ?p ?o }} }} LIMIT 10 }}")
        raise KeyboardInterrupt

    monkeypatch.setattr(journal, "clear_in_chunks", dies_after_one_chunk)
    with pytest.raises(KeyboardInterrupt):
        drop_graph_journalled(store, h.value)
    assert store.count(h.value) == 85  # half-deleted, but journalled
    monkeypatch.undo()
    assert recover(store) == [h.value]
    assert not store.raw.contains_named_graph(h) and not store.raw.contains_named_graph(JOURNAL)
    store.close()


# --- kill -9 ------------------------------------------------------------------------------

_KILLABLE = textwrap.dedent("""
    import sys
    from pathlib import Path
    from conflict_kg import ingest
    from conflict_kg.ingest import batches
    from conflict_kg.namespaces import DataNamespace
    from conflict_kg.store import OxigraphStore

    real = batches.extract_sections
    def announced(*args, **kwargs):
        for section in real(*args, **kwargs):
            yield section
            print("section", flush=True)
    batches.extract_sections = announced
    store = OxigraphStore.open(sys.argv[1])
    ingest.run([Path(sys.argv[2])], store, DataNamespace("https://w3id.org/conflict-kg/"),
               section_chars=int(sys.argv[3]))
    store.close()
""")


def _killed_after_sections(store: Path, path: Path, sections: int) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", _KILLABLE, str(store), str(path),
                             str(SECTION)], stdout=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)
    assert proc.stdout is not None
    seen = 0
    deadline = time.monotonic() + 120
    for _line in proc.stdout:
        seen += 1
        if seen >= sections or time.monotonic() > deadline:
            break
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert seen >= sections, "the run ended before the kill"


def _reopened(path: Path) -> OxigraphStore:
    gc.collect()  # pyoxigraph releases the store's lock when the object goes away
    return OxigraphStore.open(path)


def test_kill_minus_nine_while_a_long_document_is_written(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    path = _write(tmp_path / "docs", _long_text(rounds=3))
    _killed_after_sections(store_dir, path, sections=3)
    store = _reopened(store_dir)
    recover(store)
    assert NS.document_graph("long-report") not in store.graphs()  # nothing, not a part
    report = ingest.run([path], store, NS, section_chars=SECTION)
    assert len(report.ingested) == 1
    fresh = OxigraphStore.in_memory()
    ingest.run([path], fresh, NS, section_chars=SECTION)
    assert _graph(store) == _graph(fresh)
    store.close()


def test_kill_minus_nine_while_a_long_document_replaces_its_earlier_version(
        tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    store = OxigraphStore.open(store_dir)
    ingest.run([_write(tmp_path / "v1", _long_text(rounds=3))], store, NS, section_chars=SECTION)
    old = _graph(store)
    store.close()
    del store
    changed = _write(tmp_path / "v2", _long_text(rounds=3, extra="\n\nIsrael struck Syria."))
    _killed_after_sections(store_dir, changed, sections=3)
    store = _reopened(store_dir)
    recover(store)
    assert _graph(store) == old
    assert _private_graphs(store) == []
    store.close()
