"""DRed's re-derivation step after a removal: one ASK per candidate, few flushes on disk.

An ``INSERT`` per rule over all candidates enumerated every derivation of each (a
class membership that 25,000 documents support cost seconds per removal at 1M
quads); an ASK per candidate stops at the first.  The result must not change:
the closure after a removal equals a full recomputation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from conflict_kg.reasoning import engine, reason, replace_and_reason
from conflict_kg.reasoning.rules import DATA_RULES
from conflict_kg.reasoning.sparql import Mode, render
from conflict_kg.store import OxigraphStore, chunked
from tests.reasoning.synthetic import NS, TBOX, inferred_quads

EX = "http://example.org/t#"


def _t(s: str, p: str, o: str) -> ox.Triple:
    def term(name: str) -> ox.NamedNode:
        if name == "a":
            return ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
        return ox.NamedNode(EX + name)

    return ox.Triple(term(s), term(p), term(o))


# A-box data in the synthetic T-box's terms (no owl:sameAs, which is T-box here).
D1 = [_t("navy", "pilots", "heron"), _t("heron", "a", "Plane"), _t("pier", "partOf", "bay"),
      _t("bay", "partOf", "gulf"), _t("gulf", "borders", "cape"), _t("heron", "basedAt", "pier"),
      _t("army", "flies", "kite"), _t("kite", "partOf", "bay")]
D2 = D1[:1] + D1[3:5]  # d2 repeats part of d1: those inferences survive d1's removal
TRANSITIVE = ox.NamedNode("http://www.w3.org/2002/07/owl#TransitiveProperty")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _store() -> OxigraphStore:
    store = OxigraphStore.in_memory()
    store.replace_graph(NS.ontology_graph, TBOX)
    reason(store, NS)
    return store


def _full(graphs: dict[str, list[ox.Triple]]) -> set[ox.Quad]:
    store = _store()
    for graph, triples in graphs.items():
        store.replace_graph(graph, triples)
    reason(store, NS)
    return inferred_quads(store)


def test_removal_puts_back_candidates_without_a_rule_wide_insert(
        monkeypatch: pytest.MonkeyPatch) -> None:
    store = _store()
    d1, d2 = NS.document_graph("d1"), NS.document_graph("d2")
    replace_and_reason(store, NS, {d1: D1, d2: D2})
    updates: list[str] = []
    real_update = store.update
    monkeypatch.setattr(store, "update", lambda s: (updates.append(s), real_update(s))[1])
    seen: list[list[ox.Triple]] = []
    real_each = engine.Materializer._rederive_each

    def each(self: engine.Materializer, candidates: list[ox.Triple]) -> None:
        seen.append(candidates)
        real_each(self, candidates)

    monkeypatch.setattr(engine.Materializer, "_rederive_each", each)
    assert replace_and_reason(store, NS, {d1: None}).fallback is None
    after = inferred_quads(store)
    assert after == _full({d2: D2})
    assert seen and seen[0], "the removal over-deleted nothing: the test proves nothing"
    put_back = {t for t in seen[0] if ox.Quad(*t, ox.NamedNode(NS.inferred_graph)) in after}
    assert put_back, "no candidate was re-derived"
    rederive = {render(r, Mode.REDERIVE, engine.scratch_graphs(NS), None) for r in DATA_RULES}
    assert not rederive & set(updates)


def test_rederivation_asks_only_rules_whose_tbox_gives_the_candidate_head(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``prp-trp`` only derives triples of a transitive property: a candidate of another
    predicate is not asked about (on the 1M benchmark most ASKs were such)."""
    store = _store()
    d1, d2 = NS.document_graph("d1"), NS.document_graph("d2")
    replace_and_reason(store, NS, {d1: D1, d2: D2})
    transitive = {q.subject for q in store.raw.quads_for_pattern(None, RDF_TYPE, TRANSITIVE)}
    assert transitive
    asked: list[tuple[str, dict[str, Any]]] = []
    real_query = store.query

    def query(sparql: str, **kwargs: Any) -> Any:
        if "\nASK {" in sparql and kwargs.get("substitutions"):
            asked.append((sparql.split("# ", 1)[1].split("\n", 1)[0], kwargs["substitutions"]))
        return real_query(sparql, **kwargs)

    monkeypatch.setattr(store, "query", query)
    replace_and_reason(store, NS, {d1: None})
    assert asked
    trp = [bound for rule, bound in asked if rule == "prp-trp"]
    assert all(bound["p"] in transitive for bound in trp)
    assert inferred_quads(store) == _full({d2: D2})


class _CountingFlushes:
    """A pyoxigraph store that counts its flushes (a flush writes a file on disk)."""

    def __init__(self, raw: ox.Store) -> None:
        self._raw = raw
        self.flushes = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)

    def flush(self) -> None:
        self.flushes += 1
        self._raw.flush()


def test_small_chunked_writes_leave_flushing_to_the_store(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Removing a document on disk flushed 25 times (50 ms or more each at 1M quads)."""
    monkeypatch.setattr(chunked, "CHUNK_QUADS", 10)
    monkeypatch.setattr(chunked, "SETTLE_MIN_QUADS", 10)
    store = OxigraphStore.open(tmp_path / "store")
    raw = _CountingFlushes(store.raw)
    p, small, large = (ox.NamedNode(f"{EX}{n}") for n in ("p", "small", "large"))
    chunked.extend_in_chunks(raw, [ox.Quad(p, p, ox.Literal(str(i)), small)  # type: ignore
                                   for i in range(9)])
    assert list(chunked.quad_chunks(raw, small)) and raw.flushes == 0  # type: ignore
    chunked.clear_in_chunks(raw, small)  # type: ignore[arg-type]
    assert raw.flushes == 0 and not store.raw.contains_named_graph(small)
    chunked.extend_in_chunks(raw, [ox.Quad(p, p, ox.Literal(str(i)), large)  # type: ignore
                                   for i in range(35)])
    assert raw.flushes >= 1  # a larger write still settles
    before = raw.flushes
    assert sum(len(c) for c in chunked.quad_chunks(raw, large)) == 35  # type: ignore
    chunked.clear_in_chunks(raw, large)  # type: ignore[arg-type]
    assert raw.flushes > before and not store.raw.contains_named_graph(large)
    store.close()


def test_removing_a_small_document_on_disk_does_not_flush(tmp_path: Path) -> None:
    opened = OxigraphStore.open(tmp_path / "store")
    raw = _CountingFlushes(opened.raw)
    store = OxigraphStore(raw, opened.location)  # type: ignore[arg-type]
    store.replace_graph(NS.ontology_graph, TBOX)
    reason(store, NS)
    doc = NS.document_graph("d1")
    replace_and_reason(store, NS, {doc: D1})
    raw.flushes = 0
    assert replace_and_reason(store, NS, {doc: None}).fallback is None
    assert raw.flushes == 0
    assert inferred_quads(store) == _full({})


def test_many_candidates_are_put_back_by_one_update_per_rule_that_can_match(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Past ``REDERIVE_EACH_MAX`` candidates, an ``INSERT`` per rule re-derives them, and
    a rule whose head no candidate matches is skipped (``prp-fp``'s update joined the
    functional properties' triples pairwise before finding no ``owl:sameAs``)."""
    monkeypatch.setattr(engine, "REDERIVE_EACH_MAX", 0)
    store = _store()
    d1, d2 = NS.document_graph("d1"), NS.document_graph("d2")
    replace_and_reason(store, NS, {d1: D1, d2: D2})
    updates: list[str] = []
    real_update = store.update
    monkeypatch.setattr(store, "update", lambda s: (updates.append(s), real_update(s))[1])
    assert replace_and_reason(store, NS, {d1: None}).fallback is None
    assert inferred_quads(store) == _full({d2: D2})
    graphs = engine.scratch_graphs(NS)
    ran = {r.name for r in DATA_RULES if render(r, Mode.REDERIVE, graphs, None) in updates}
    assert "cax-sco" in ran  # class memberships were candidates
    assert "prp-fp" not in ran and "eq-sym" not in ran  # no candidate is an owl:sameAs
