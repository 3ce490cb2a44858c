"""A hub's entity page is bounded (issue 19): a section with more rows than COUNT_CAP
says "N+" on its first page, lists its items in the store's order (each page sorted),
and its "more" links reach every item exactly once, the next pages counting exactly;
below the cap the section is exact and ordered as before.  The cap is lowered here so
that a few dozen items make a hub."""

from __future__ import annotations

import dataclasses
import re

import pyoxigraph as ox
import pytest

from conflict_kg.namespaces import ONTOLOGY, RDF, RDFS, DataNamespace
from conflict_kg.server.pages import entity
from conflict_kg.store import OxigraphStore
from tests.support.corpus import BASE
from tests.support.paging import app_client, node, walk

HUB = ox.NamedNode(BASE + "id/state/hub")
CAP = 60  # more than a page (SECTION_SIZE, 50)
TYPE = ox.NamedNode(RDF + "type")
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
TA_IDENT_REF = ox.NamedNode("http://www.w3.org/2005/11/its/rdf#taIdentRef")


def _ck(name: str) -> ox.NamedNode:
    return ox.NamedNode(ONTOLOGY + name)


@pytest.fixture
def capped(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(entity, "COUNT_CAP", CAP)
    return CAP


def _referring_store() -> tuple[OxigraphStore, int]:
    store = OxigraphStore.in_memory()
    counts = {"supports": 17, "opposes": 60, "partyState": 45}
    triples = [ox.Triple(node(name.lower(), i), _ck(name), HUB)
               for name, n in counts.items() for i in range(n)]
    store.add_to_graph(BASE + "graph/curated/a", triples)
    store.add_to_graph(BASE + "graph/curated/b", triples[:20])  # one fact, two graphs
    return store, sum(counts.values())


def _referrers(page: str) -> list[str]:
    return re.findall(r'<tr class="fact[^"]*"><td><a href="/id/(\w+/n\d{3})"', page)


def test_a_hubs_facts_are_capped_on_the_first_page_and_all_reached(capped: int):
    store, total = _referring_store()
    pages = walk(app_client(store), "referred")
    assert f"1–{entity.SECTION_SIZE} of {capped}+" in pages[0]
    assert "listed as the store gives them" in pages[0]
    # the next pages count them all
    assert f"{entity.SECTION_SIZE + 1}–{2 * entity.SECTION_SIZE} of {total}" in pages[1]
    assert f"of {capped}+" not in pages[1]
    shown = [s for page in pages for s in _referrers(page)]
    assert len(shown) == total and len(set(shown)) == total  # each fact exactly once
    assert len(pages) == -(-total // entity.SECTION_SIZE)
    # each page sorted by property label, then the other end
    for page in pages:
        rows = re.findall(r'<tr class="fact[^"]*"><td><a href="/id/\w+/n(\d{3})"[^<]*</a></td>'
                          r'<td><a [^>]*>([^<]+)</a>', page)
        assert rows == sorted(rows, key=lambda r: (r[1], r[0])), page


def test_below_the_cap_the_facts_are_exact_and_ordered(monkeypatch: pytest.MonkeyPatch):
    store, total = _referring_store()
    monkeypatch.setattr(entity, "COUNT_CAP", 1000)
    pages = walk(app_client(store), "referred")
    assert re.search(rf"1–{entity.SECTION_SIZE} of {total}(?![+\d])", pages[0])
    assert "listed as the store gives them" not in pages[0]
    shown = [s for page in pages for s in _referrers(page)]
    assert len(shown) == total and len(set(shown)) == total


def test_a_hubs_outgoing_facts_too(capped: int):
    store = OxigraphStore.in_memory()
    n = CAP + 7
    store.add_to_graph(BASE + "graph/curated/a", [
        ox.Triple(HUB, _ck("supports"), node("organisation", i)) for i in range(n)])
    pages = walk(app_client(store), "facts")
    assert f"of {capped}+" in pages[0]
    shown = [m for page in pages
             for m in re.findall(r'<td><a href="/id/(organisation/n\d{3})"', page)]
    assert sorted(shown) == [f"organisation/n{i:03d}" for i in range(n)]


def _events_store(n: int) -> tuple[OxigraphStore, dict[str, str]]:
    store = OxigraphStore.in_memory()
    event, attack, participant = _ck("Event"), _ck("Attack"), _ck("participant")
    store.add_to_graph(BASE + "graph/curated/vocabulary", [
        ox.Triple(participant, ox.NamedNode(RDFS + "domain"), event),
        ox.Triple(_ck("agent"), ox.NamedNode(RDFS + "subPropertyOf"), participant),
        ox.Triple(attack, ox.NamedNode(RDFS + "subClassOf"), event),
    ])
    dates, triples = {}, []
    for i in range(n):
        ev = node("event", i)
        triples += [ox.Triple(ev, _ck("agent"), HUB), ox.Triple(ev, TYPE, attack)]
        if i % 5:  # some undated
            dates[f"event/n{i:03d}"] = f"2018-{1 + i % 12:02d}-{1 + (i * 7) % 28:02d}"
            triples.append(ox.Triple(ev, _ck("date"), ox.Literal(
                dates[f"event/n{i:03d}"],
                datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))))
    store.add_to_graph(BASE + "graph/curated/events", triples)
    return store, dates


def test_a_hubs_timeline_reaches_every_event_once_with_its_date(capped: int):
    n = CAP + 25
    store, dates = _events_store(n)
    pages = walk(app_client(store), "timeline")
    assert f"of {capped}+" in pages[0]
    entries = []
    for page in pages:
        timeline = page[page.index('<ol class="timeline">'):]
        timeline = timeline[:timeline.index("</ol>")]
        found = re.findall(r'<span class="date">([^<]+)</span> <a href="/id/(event/n\d{3})"',
                           timeline)
        on_page = [d for d, _ in found]
        dated = [d for d in on_page if d != "undated"]
        assert on_page == dated + ["undated"] * (len(on_page) - len(dated))
        assert dated == sorted(dated)  # each page by date
        entries += found
    assert sorted(ev for _, ev in entries) == [f"event/n{i:03d}" for i in range(n)]
    for day, ev in entries:
        assert day == dates.get(ev, "undated")


def _mentions_store(docs: int) -> tuple[OxigraphStore, dict[str, tuple[int, int]]]:
    """Documents mentioning the hub 1-3 times each, in their own graphs; by document:
    (mentions, first offset)."""
    store = OxigraphStore.in_memory()
    ns = DataNamespace(BASE)
    expected = {}
    for d in range(docs):
        doc = ox.NamedNode(f"{BASE}id/document/d{d:03d}")
        triples = [ox.Triple(doc, TYPE, _ck("Document"))]
        begins = [40 * k + d % 7 for k in range(1 + d % 3)]
        for b in begins:
            m = ox.NamedNode(f"{doc.value}#char={b},{b + 4}")
            triples += [ox.Triple(m, TA_IDENT_REF, HUB),
                        ox.Triple(m, ox.NamedNode(NIF + "referenceContext"), doc),
                        ox.Triple(m, ox.NamedNode(NIF + "beginIndex"), ox.Literal(
                            str(b), datatype=ox.NamedNode(
                                "http://www.w3.org/2001/XMLSchema#nonNegativeInteger")))]
        store.add_to_graph(ns.document_graph(f"d{d:03d}"), triples)
        expected[f"document/d{d:03d}"] = (len(begins), min(begins))
    return store, expected


def _mentioned(page: str) -> list[tuple[str, int, str]]:
    if '<ul class="mentioned-in">' not in page:
        return []
    part = page[page.index('<ul class="mentioned-in">'):]
    part = part[:part.index("</ul>")]
    return [(doc, int(n), first) for doc, n, first in re.findall(
        r'<a href="/id/(document/d\d{3})"[^>]*>[^<]*</a> — (\d+) mentions?'
        r' \(<a href="[^"#]*#char=(\d+),', part)]


def test_a_hubs_documents_are_reached_once_with_their_counts(capped: int):
    docs = 45  # 90 mentions: past the cap
    store, expected = _mentions_store(docs)
    pages = walk(app_client(store), "mentions")
    shown = [row for page in pages for row in _mentioned(page)]
    assert len(pages) == 1 and f"of {capped}+" not in pages[0]  # 45 documents: one page
    assert {doc: (n, int(first)) for doc, n, first in shown} == expected
    assert len(shown) == docs
    assert [n for _, n, _ in shown] == sorted((n for _, n, _ in shown), reverse=True)
    assert "listed as the store gives them" not in pages[0]  # one page: no paging line


def test_a_hubs_many_documents_are_capped_and_all_reached(capped: int):
    docs = CAP + 30
    store, expected = _mentions_store(docs)
    pages = walk(app_client(store), "mentions")
    assert f"of {capped}+" in pages[0]
    shown = [row for page in pages for row in _mentioned(page)]
    assert len(shown) == docs
    assert {doc: (n, int(first)) for doc, n, first in shown} == expected
    for page in pages:
        counts = [n for _, n, _ in _mentioned(page)]
        assert counts == sorted(counts, reverse=True)


def _claims_store(n: int) -> OxigraphStore:
    store = OxigraphStore.in_memory()
    ns = DataNamespace(BASE)
    claim = _ck("Claim")
    store.add_to_graph(BASE + "graph/curated/vocabulary", [
        ox.Triple(_ck("claimant"), ox.NamedNode(RDFS + "domain"), claim)])
    for i in range(n):
        c = node("claim", i)
        link = _ck("claimant") if i % 2 else _ck("target")  # by and about the hub
        store.add_to_graph(ns.document_graph(f"c{i:03d}"), [
            ox.Triple(c, TYPE, claim), ox.Triple(c, link, HUB),
            ox.Triple(c, _ck("stance"), _ck("denies")),
            ox.Triple(c, _ck("date"), ox.Literal(f"2019-{1 + i % 12:02d}-01"))])
        store.add_to_graph(ns.document_graph(f"c{i:03d}"), [
            ox.Triple(c, _ck("quote" if i % 3 else "content"), ox.Literal(f"words {i}"))])
    # typed and linked in the reasoner's graph only
    store.add_to_graph(ns.inferred_graph, [
        ox.Triple(node("claim", 999), TYPE, claim), ox.Triple(node("claim", 999),
                                                              _ck("about"), HUB)])
    # not a claim: an event linked to the hub
    store.add_to_graph(BASE + "graph/curated/x", [
        ox.Triple(node("event", 1), _ck("target"), HUB)])
    return store


def _claims(page: str) -> list[str]:
    return re.findall(r'<p class="claim-link"><a href="/id/(claim/n\d{3})"', page)


def test_a_hubs_claims_are_capped_and_all_reached(capped: int):
    n = CAP + 20
    store = _claims_store(n)
    pages = walk(app_client(store), "claims")
    assert f"of {capped}+" in pages[0]
    shown = [c for page in pages for c in _claims(page)]
    assert sorted(shown) == sorted([f"claim/n{i:03d}" for i in range(n)] + ["claim/n999"])


def _claim_blocks(page: str) -> list[str]:
    return sorted(re.findall(r'<div class="claim">.*?</div>', page, flags=re.S))


def test_a_hubs_claims_are_those_of_the_exact_section(monkeypatch: pytest.MonkeyPatch):
    """The same claims, each shown the same: claimant, stance, target, date, words, role
    and source (a hub's read from the claim's quads, the exact section's by a query)."""
    store = _claims_store(30)
    monkeypatch.setattr(entity, "COUNT_CAP", 1000)
    exact = walk(app_client(store), "claims")
    monkeypatch.setattr(entity, "COUNT_CAP", 5)  # a hub by its links, one page of claims
    pages = walk(app_client(store), "claims")
    assert len(pages) == len(exact) == 1 and "of 5+" not in pages[0]
    assert len(_claims(exact[0])) == 31
    assert _claim_blocks(pages[0]) == _claim_blocks(exact[0])


def test_a_remote_store_keeps_the_exact_sections(capped: int):
    """Without the embedded store's stable order, every section stays exact."""
    store, total = _referring_store()

    remote = OxigraphStore(store.raw, ":memory:")
    remote.capabilities = dataclasses.replace(remote.capabilities, native_quads=False)
    pages = walk(app_client(remote), "referred")
    assert re.search(rf"1–{entity.SECTION_SIZE} of {total}(?![+\d])", pages[0])


def test_a_pages_map_looks_at_a_bounded_sample_of_true_events():
    """The entity page's map reads at most ``limit`` + 1 of the actor's events in the
    store's order (not all of them sorted), says it was cut, and each one is its event."""
    from conflict_kg.server.http.iris import IriMapper
    from conflict_kg.server.pages.data import Linker
    from conflict_kg.server.pages.events import Filters, collect

    store, _ = _events_store(12)
    store.add_to_graph(BASE + "graph/curated/other", [  # not the hub's, not an event
        ox.Triple(node("event", 500), _ck("agent"), node("state", 1)),
        ox.Triple(node("event", 500), TYPE, _ck("Attack")),
        ox.Triple(node("person", 1), _ck("memberOf"), HUB)])
    linker = Linker(store, DataNamespace(BASE), IriMapper(BASE, ""))
    whole = collect(linker, Filters(actor=HUB.value), limit=100, sample=True)
    assert sorted(i.iri for i in whole.items) == [node("event", i).value for i in range(12)]
    assert not whole.truncated
    some = collect(linker, Filters(actor=HUB.value), limit=5, sample=True)
    assert some.truncated and len(some.items) == 5
    assert {i.iri for i in some.items} < {i.iri for i in whole.items}
