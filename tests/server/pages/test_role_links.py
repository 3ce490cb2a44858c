"""The links by an event's role are matched one UNION branch per role (the role in the
pattern, so the store reads that role's links only), with the answers of the earlier
``?role IN (…)`` filter over every link: the timeline's count and page, and the events
linked to an actor for the map."""

from __future__ import annotations

import pyoxigraph as ox

from conflict_kg.bundled import ensure_bundled
from conflict_kg.namespaces import ONTOLOGY, RDF, DataNamespace
from conflict_kg.server.http.iris import IriMapper
from conflict_kg.server.pages import entity, events
from conflict_kg.server.pages.data import Linker
from conflict_kg.store import OxigraphStore

BASE = "https://example.org/kg/"
NS = DataNamespace(BASE)
CK = ONTOLOGY
ACTOR = ox.NamedNode(BASE + "id/state/ruritania")
# The earlier form: every link of the entity, filtered by the roles written in.
EARLIER_LINKED = """SELECT DISTINCT ?x ?t WHERE { { ?x ?p ?e FILTER(?p IN (ROLES)) }
  UNION { ?e ?p ?x } FILTER(isIRI(?x)) ?x a ?t }"""


def _linker() -> Linker:
    store = OxigraphStore.in_memory()
    ensure_bundled(store, NS)
    rdf_type = ox.NamedNode(RDF + "type")
    triples = []
    for n, (cls, role, day) in enumerate([
            ("Attack", "agent", "2020-01-0"), ("Attack", "eventTarget", "2020-02-0"),
            ("ArmsTransfer", "recipient", ""), ("Attack", "location", "2019-05-0"),
            ("Attack", "agent", "2021-03-0")]):
        ev = ox.NamedNode(f"{BASE}id/event/e{n}")
        triples += [ox.Triple(ev, rdf_type, ox.NamedNode(CK + cls)),
                    ox.Triple(ev, ox.NamedNode(CK + role), ACTOR)]
        if day:
            triples.append(ox.Triple(ev, ox.NamedNode(CK + "date"), ox.Literal(
                f"{day}{n + 1}", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))))
    # links that are not roles of an event: a mention, a claim's claimant
    mention = ox.NamedNode(f"{BASE}id/document/d1#char=0,9")
    claim = ox.NamedNode(f"{BASE}id/claim/c1")
    triples += [ox.Triple(mention, ox.NamedNode("http://www.w3.org/2005/11/its/rdf#taIdentRef"),
                          ACTOR),
                ox.Triple(claim, rdf_type, ox.NamedNode(CK + "Claim")),
                ox.Triple(claim, ox.NamedNode(CK + "claimant"), ACTOR),
                ox.Triple(claim, ox.NamedNode(CK + "target"), ACTOR)]
    for copy in range(3):  # syndicated copies of the story
        store.add_to_graph(f"{BASE}graph/document/d{copy}", triples)
    return Linker(store, NS, IriMapper(BASE))


def _rows(linker: Linker, text: str, **bound: ox.NamedNode) -> list[tuple[str, ...]]:
    return sorted(tuple(str(v) for v in row) for row in linker.store.query(
        text, substitutions=bound or None))


def test_the_timeline_counts_and_pages_the_events_it_did():
    linker = _linker()
    event = CK + "Event"
    assert linker.roles(event)
    now = linker.linked_by_role(event, "?ev", str(ACTOR))
    before = (f"?ev ?role {ACTOR} . FILTER(isIRI(?ev) && ?role IN "
              f"({', '.join(linker.roles(event))}))")
    for text in (entity._TIMELINE_COUNT, entity._TIMELINE_PAGE + " LIMIT 3 OFFSET 1"):
        got = _rows(linker, text.replace("LINKS", now))
        assert got == _rows(linker, text.replace("LINKS", before)) and got
    count = _rows(linker, entity._TIMELINE_COUNT.replace("LINKS", now))
    assert count == [('"5"^^<http://www.w3.org/2001/XMLSchema#integer>',)]


def test_the_map_finds_the_events_it_did():
    linker = _linker()
    event = CK + "Event"
    now = events._LINKED_TO.replace("LINKS", linker.linked_by_role(event, "?x", "?e"))
    before = EARLIER_LINKED.replace("ROLES", ", ".join(linker.roles(event)))
    got = _rows(linker, now, e=ACTOR)
    assert got == _rows(linker, before, e=ACTOR)
    assert {x for x, _ in got} >= {f"<{BASE}id/event/e{n}>" for n in range(5)}
    assert f"<{BASE}id/claim/c1>" not in {x for x, _ in got}


def test_a_class_without_roles_links_nothing():
    linker = _linker()
    group = linker.linked_by_role(CK + "NoSuchClass", "?x", "?e")
    assert _rows(linker, f"SELECT ?x WHERE {{ {group} }}", e=ACTOR) == []
