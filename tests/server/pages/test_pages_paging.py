"""Entity page sections paged in SPARQL (issue 19): following the "more" links from
the first page reaches every fact and every timeline event exactly once, in order,
however the items fall across properties and pages; on each backend."""

from __future__ import annotations

import re

import pyoxigraph as ox

from conflict_kg.namespaces import ONTOLOGY, RDF, RDFS
from conflict_kg.store import GraphStore
from tests.support.corpus import BASE
from tests.support.paging import app_client, node, walk

HUB = ox.NamedNode(BASE + "id/state/hub")


def test_more_links_reach_every_fact_once_across_properties(fresh_store: GraphStore):
    from conflict_kg.server.pages.entity import SECTION_SIZE

    # Three properties whose facts straddle page boundaries (17 + 60 + 45 = 122),
    # one of them repeated by a second graph (a corroborated fact is one row).
    counts = {"supports": 17, "opposes": 60, "partyState": 45}
    triples = [ox.Triple(node(name.lower(), i), ox.NamedNode(ONTOLOGY + name), HUB)
               for name, n in counts.items() for i in range(n)]
    fresh_store.add_to_graph(BASE + "graph/curated/a", triples)
    fresh_store.add_to_graph(BASE + "graph/curated/b", triples[:20])
    pages = walk(app_client(fresh_store), "referred")
    total = sum(counts.values())
    assert len(pages) == -(-total // SECTION_SIZE)
    shown = [m for page in pages
             for m in re.findall(r'<tr class="fact[^"]*"><td><a href="/id/(\w+/n\d{3})"', page)]
    assert len(shown) == total and len(set(shown)) == total  # each fact exactly once
    assert f"1–{SECTION_SIZE} of {total}" in pages[0]
    # Within a property, by the other end (here its IRI): every page continues the last.
    for name in counts:
        seen = [s for s in shown if s.startswith(name.lower() + "/")]
        assert seen == sorted(seen) and len(seen) == counts[name]


def test_outgoing_facts_are_paged_too(fresh_store: GraphStore):
    from conflict_kg.server.pages.entity import SECTION_SIZE

    n = SECTION_SIZE + 7
    fresh_store.add_to_graph(BASE + "graph/curated/a", [
        ox.Triple(HUB, ox.NamedNode(ONTOLOGY + "supports"), node("organisation", i))
        for i in range(n)])
    pages = walk(app_client(fresh_store), "facts")
    shown = [m for page in pages
             for m in re.findall(r'<td><a href="/id/(organisation/n\d{3})"', page)]
    assert sorted(set(shown)) == [f"organisation/n{i:03d}" for i in range(n)]
    assert len(shown) == n


def test_timeline_pages_reach_every_event_once_by_date(fresh_store: GraphStore):
    from conflict_kg.server.pages.entity import SECTION_SIZE

    # The vocabulary a store brings with its ontology, in miniature: an event role
    # (by its domain) and a subproperty of it.
    participant, agent = ox.NamedNode(ONTOLOGY + "participant"), ox.NamedNode(ONTOLOGY + "agent")
    event, attack = ox.NamedNode(ONTOLOGY + "Event"), ox.NamedNode(ONTOLOGY + "Attack")
    fresh_store.add_to_graph(BASE + "graph/curated/vocabulary", [
        ox.Triple(participant, ox.NamedNode(RDFS + "domain"), event),
        ox.Triple(agent, ox.NamedNode(RDFS + "subPropertyOf"), participant),
        ox.Triple(attack, ox.NamedNode(RDFS + "subClassOf"), event),
    ])
    dated, undated = SECTION_SIZE + 10, 15
    triples = []
    for i in range(dated + undated):
        ev = node("event", i)
        triples += [ox.Triple(ev, agent, HUB), ox.Triple(ev, ox.NamedNode(RDF + "type"), attack)]
        if i < dated:  # dates in an order unlike the IRIs'
            day = ox.Literal(f"2018-01-{1 + (i * 7) % 28:02d}",
                             datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
            triples.append(ox.Triple(ev, ox.NamedNode(ONTOLOGY + "date"), day))
    # A thing linked by a property that is no event role is not on the timeline.
    triples.append(ox.Triple(node("organisation", 1), ox.NamedNode(ONTOLOGY + "supports"), HUB))
    fresh_store.add_to_graph(BASE + "graph/curated/events", triples)
    pages = walk(app_client(fresh_store), "timeline")
    entries = []
    for page in pages:
        timeline = page[page.index('<ol class="timeline">'):]
        timeline = timeline[:timeline.index("</ol>")]
        entries += re.findall(r'<span class="date">([^<]+)</span> <a href="/id/(event/n\d{3})"',
                              timeline)
    events = [ev for _, ev in entries]
    assert len(events) == dated + undated and len(set(events)) == dated + undated
    dates = [d for d, _ in entries]
    assert dates[dated:] == ["undated"] * undated  # undated last
    assert dates[:dated] == sorted(dates[:dated])
