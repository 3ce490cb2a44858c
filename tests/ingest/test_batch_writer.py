"""The batch writer: batches handed over early when the writer is free, written whole,
the same graphs as one document at a time, and the bulk loads it runs."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, cast

import pyoxigraph as ox
import pytest

from conflict_kg import ingest
from conflict_kg.ingest.batches import BatchWriter
from conflict_kg.ingest.extract import Extraction
from conflict_kg.ingest.kb import KnowledgeBase
from conflict_kg.ingest.report import IngestReport
from conflict_kg.ingest.sources import SourceDocument
from conflict_kg.store import OxigraphStore, journal
from tests.ingest.conftest import NS
from tests.support.ingest.graphs import graph_contents


def _extraction(name: str) -> Extraction:
    graph = NS.document_graph(name)
    document = NS.resource("document", name)
    ntriples = (f'<{document}> <http://example.org/says> "a short line from {name}" .\n'
                ).encode()
    return Extraction(document, graph, f"hash-{name}", ntriples)


def _writer(store: OxigraphStore, seen: list[tuple[str, str]], **options: Any) -> BatchWriter:
    kb = cast(KnowledgeBase, None)  # only documents of several sections need it
    return BatchWriter(store, NS, kb, IngestReport(), strict=False, section_chars=10_000,
                       on_document=lambda origin, status: seen.append((origin, status)),
                       **options)


def test_a_batch_goes_to_the_idle_writer_before_it_is_full(tmp_path: Path) -> None:
    store = OxigraphStore.open(tmp_path / "store")
    seen: list[tuple[str, str]] = []
    with _writer(store, seen, batch_size=256, early_batch=2) as writer:
        writer.add("one", _extraction("one"))
        assert ("one", "ingested") not in seen  # one document: below the early batch
        writer.add("two", _extraction("two"))
        writer.settle()  # waits for what the writer thread took
        assert ("one", "ingested") in seen and ("two", "ingested") in seen
        assert NS.document_graph("two") in store.graphs()
        writer.add("three", _extraction("three"))
        writer.flush()
    assert [o for o, s in seen if s == "ingested"] == ["one", "two", "three"]
    store.close()


def test_a_busy_writer_lets_the_batch_fill_up(tmp_path: Path) -> None:
    store = OxigraphStore.open(tmp_path / "store")
    seen: list[tuple[str, str]] = []
    release = threading.Event()
    batches: list[list[str]] = []
    with _writer(store, seen, batch_size=3, early_batch=1) as writer:
        write = writer._timed_write

        def slow_write(contents: dict[str, bytes]) -> float:
            batches.append(sorted(g.rsplit("/", 1)[1] for g in contents))
            assert release.wait(60)
            return write(contents)

        writer._timed_write = slow_write  # type: ignore[method-assign]
        writer.add("a", _extraction("a"))  # the writer is free: taken at once
        for name in ("b", "c"):
            writer.add(name, _extraction(name))  # the writer is busy: they wait
        assert batches == [["a"]]
        release.set()
        writer.add("d", _extraction("d"))  # a full batch
        writer.flush()
    assert batches == [["a"], ["b", "c", "d"]]
    assert [o for o, s in seen if s == "ingested"] == ["a", "b", "c", "d"]
    store.close()


def test_strict_batches_stay_full(tmp_path: Path) -> None:
    store = OxigraphStore.open(tmp_path / "store")
    writer = _writer(store, [], batch_size=256, early_batch=1)
    writer.strict = True  # strict runs check and write in this thread, batch by batch
    assert not writer._writer_idle()
    writer.strict = False
    assert writer._writer_idle()
    writer.__exit__(None, None, None)
    store.close()


class _Recording:
    """The embedded store's pyoxigraph store, recording the options of its bulk loads."""

    def __init__(self, raw: ox.Store) -> None:
        self.raw, self.loads = raw, list[dict[str, Any]]()

    def bulk_load(self, *args: Any, **kwargs: Any) -> None:
        self.loads.append(kwargs)
        self.raw.bulk_load(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


def test_document_graphs_are_bulk_loaded_with_their_iris_validated(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = OxigraphStore.open(tmp_path / "store")
    recording = _Recording(store.raw)
    monkeypatch.setattr(journal, "_native", lambda _store: recording)
    journal.write_graphs(store, {NS.document_graph("x"): _extraction("x").ntriples}, set())
    journal.write_streamed(store, NS.document_graph("y"), iter([_extraction("y").ntriples]),
                           set())
    # front matter gives IRIs (a source URL): every one is validated
    assert [load.get("lenient") for load in recording.loads] == [False, False]
    assert {NS.document_graph("x"), NS.document_graph("y")} <= set(store.graphs())
    store.close()


_TEXTS = {
    "north": "Ruritania shelled Freedonia's border posts near Vel on 3 May 2021, "
             "the Freedonian army said.",
    "south": "Freedonia said on 4 May 2021 that it had shot down two Ruritanian drones.",
    "east": "Ruritania and Freedonia agreed a ceasefire on 9 May 2021 in Geneva.",
    "west": "The Ruritanian defence ministry said three soldiers were wounded on 5 May 2021.",
    "hub": "Freedonia accused Ruritania of moving tanks toward Vel on 6 May 2021.",
}


def _documents() -> list[SourceDocument]:
    return [SourceDocument(doc_id=name, text=text, origin=name,
                           metadata={"title": name.title()}) for name, text in _TEXTS.items()]


def test_batches_give_the_same_graphs_as_one_document_at_a_time(tmp_path: Path) -> None:
    graphs = []
    for name, batch_size in (("one", 1), ("early", 4)):
        store = OxigraphStore.open(tmp_path / name)
        report = ingest.run_documents(_documents(), store, NS, batch_size=batch_size)
        assert len(report.ingested) == len(_TEXTS) and not report.errors
        graphs.append(graph_contents(store))
        store.close()
    assert graphs[0] == graphs[1]
    assert len(graphs[0]) == len(_TEXTS)
