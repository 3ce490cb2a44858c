"""Event frames from ingest/event-frames.toml, on short invented sentences."""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox
import pytest
from rdflib import RDFS, Graph, URIRef

from conflict_kg import resources
from conflict_kg.bundled import ensure_bundled
from conflict_kg.ingest import frames
from conflict_kg.ingest.extract import extract
from conflict_kg.ingest.kb import KnowledgeBase
from conflict_kg.ingest.sources import SourceDocument
from conflict_kg.namespaces import ONTOLOGY, PREFIXES
from conflict_kg.store import OxigraphStore
from tests.ingest.conftest import NS

PREFIX_LINES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
ID = NS.base + "id/"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    store = OxigraphStore.in_memory()
    ensure_bundled(store, NS)
    return KnowledgeBase.from_store(store, [NS.ontology_graph, NS.reference_graph])


def events(kb: KnowledgeBase, text: str) -> list[dict[str, str]]:
    doc = SourceDocument("frames-test", text, "test", {"published": dt.date(2022, 5, 6)})
    store = ox.Store()
    store.bulk_load(extract(doc, kb, NS).ntriples, ox.RdfFormat.N_TRIPLES)
    rows = store.query(PREFIX_LINES + """
        SELECT ?e ?class ?f (SAMPLE(?a) AS ?agent) (SAMPLE(?t) AS ?target) {
          ?e a ?class ; ck:factuality ?f . FILTER(?class != ck:Event)
          OPTIONAL { ?e ck:agent ?a } OPTIONAL { ?e ck:target ?t }
        } GROUP BY ?e ?class ?f""")
    return [{k: row[k].value.rsplit("#", 1)[-1] for k in ("class", "f", "agent", "target")
             if row[k] is not None} for row in rows]  # type: ignore[union-attr]


def only(kb: KnowledgeBase, text: str, event_class: str) -> dict[str, str]:
    found = [e for e in events(kb, text) if e["class"] == event_class]
    assert len(found) == 1, events(kb, text)
    return found[0]


def test_every_frame_class_is_an_event_class_of_the_ontology() -> None:
    graph = Graph()
    for path in resources.ontology_modules():
        graph.parse(path)
    event = URIRef(ONTOLOGY + "Event")
    for frame in frames.frames().frames:
        for name in filter(None, (frame.event_class, frame.people_class)):
            assert event in set(graph.transitive_objects(URIRef(ONTOLOGY + name),
                                                         RDFS.subClassOf)), name


@pytest.mark.parametrize(("text", "event_class", "agent", "target"), [
    ("Iranian forces seized a British-flagged tanker on Friday.", "Seizure",
     "armed-force/iranian-armed-forces", None),
    ("The vessel was seized by Iranian forces on Friday.", "Seizure",
     "armed-force/iranian-armed-forces", None),
    ("Two Indian soldiers were captured by Chinese troops on Monday.", "Detention",
     "armed-forces/china", None),
    ("Russia detained three Ukrainian sailors on Sunday.", "Detention", "state/russia", None),
    ("Ukraine and Russia exchanged 144 prisoners on Wednesday.", "PrisonerExchange",
     "state/russia", None),
    ("Chinese vessels opened fire on Vietnamese boats on Saturday.", "Attack", "state/china",
     None),
    ("A Chinese ship rammed a Philippine supply boat on Saturday.", "Ramming", "state/china",
     None),
    ("Turkey launched a military operation against Kurdish fighters on Wednesday.",
     "MilitaryOperation", "state/turkey", None),
    ("Ethiopia's parliament voted to impose a state of emergency on Thursday.",
     "EmergencyDeclaration", None, None),
    ("Thousands of protesters took to the streets of Yerevan on Sunday.", "Protest", None,
     None),
])
def test_frames_give_class_and_agent(kb: KnowledgeBase, text: str, event_class: str,
                                     agent: str | None, target: str | None) -> None:
    found = only(kb, text, event_class)
    assert found["f"] == "actual"
    if agent is not None:
        assert found.get("agent") == ID + agent, found


@pytest.mark.parametrize("text", [
    "A car bomb at a police academy in Bogotá killed 20 people on Thursday.",
    "Gunmen ambushed a police convoy near Kidal on Monday.",
])
def test_bombs_and_ambushes_are_attacks(kb: KnowledgeBase, text: str) -> None:
    assert only(kb, text, "Attack")["f"] == "actual"


def test_a_relative_clause_gives_the_trigger_its_own_subject(kb: KnowledgeBase) -> None:
    found = only(kb, "ECOWAS had given the officers who seized the town on July 26 a week.",
                 "Seizure")
    assert "agent" not in found  # the officers seized it, not ECOWAS


def test_seizing_power_is_no_seizure_event(kb: KnowledgeBase) -> None:
    assert not [e for e in events(kb, "The officers who seized power in July met on Monday.")
                if e["class"] == "Seizure"]


@pytest.mark.parametrize(("text", "value"), [
    ("Chinese forces did not seize the island on Friday.", "negated"),
    ("Iran threatened to seize more tankers.", "future"),
])
def test_frames_keep_their_factuality(kb: KnowledgeBase, text: str, value: str) -> None:
    assert {e["f"] for e in events(kb, text) if e["class"] == "Seizure"} == {value}


@pytest.mark.parametrize("text", [
    "The Russian foreign ministry released a statement on Friday.",
    "The Turkish foreign minister boarded a plane to Geneva on Friday.",
])
def test_a_frame_needs_its_object(kb: KnowledgeBase, text: str) -> None:
    assert not [e for e in events(kb, text) if e["class"] in ("Release", "Boarding")]


@pytest.mark.parametrize(("text", "problem"), [
    ("[objects]\npeople = 'x'\n[[frame]]\nclass = 'Seizure'\ntriggers = ['(']\n", "frame 1"),
    ("[objects]\npeople = 'x'\n[[frame]]\nclass = 'Seizure'\ntriggers = ['x']\nobject = 'cat'\n",
     "unknown object"),
    ("[objects]\npeople = 'x'\n[[frame]]\nclass = 'Seizure'\ntriggers = ['x']\ncolour = 1\n",
     "unknown colour"),
    ("[objects]\npeople = 'x'\n[[frame]]\nclass = 'Seizure'\ntriggers = ['x']\nreader = 'dog'\n",
     "unknown reader"),
    ("[[frame]]\nclass = 'Seizure'\n", "objects"),
])
def test_a_bad_frame_file_is_refused_with_its_place(text: str, problem: str) -> None:
    with pytest.raises(frames.FrameFileError, match=problem):
        frames.parse_frames(text)


def test_the_object_of_a_trigger_stays_in_its_clause(kb: KnowledgeBase) -> None:
    found = events(kb, "The Greek rebels released a statement denying they had captured "
                       "the soldiers.")
    assert not [e for e in found if e["class"] == "Release"]
    assert all(e["f"] != "actual" for e in found)
