"""The in-store rules against owlrl: equal non-trivial closures on small graphs."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from conflict_kg import resources
from conflict_kg.namespaces import DataNamespace
from conflict_kg.reasoning import reason
from conflict_kg.store import OxigraphStore
from tests.reasoning.closure_compare import bnode_free, inferred

NS = DataNamespace("http://example.org/")
DATA = Path(__file__).parent / "data"


def closures(files: list[Path]) -> tuple[set, set]:
    store = OxigraphStore.in_memory()
    for i, path in enumerate(files):
        store.load_file(path, NS.document_graph(f"f{i}"))
    reason(store, NS, "rules")
    ours = inferred(store, NS)
    reason(store, NS, "owlrl")
    return ours, inferred(store, NS)


def test_synthetic_graph_matches_owlrl() -> None:
    ours, theirs = closures([DATA / "synthetic.ttl"])
    assert bnode_free(ours) == bnode_free(theirs)
    assert len(bnode_free(ours)) > 100


def test_every_rule_fires_on_the_synthetic_graph() -> None:
    store = OxigraphStore.in_memory()
    store.load_file(DATA / "synthetic.ttl", NS.document_graph("s"))
    reason(store, NS)
    t = "http://example.org/t#"
    expected = [
        ("il20", "a", "Materiel"),  # cax-sco through scm-sco, scm-eqc1
        ("vks", "a", "Agent"),  # prp-dom, scm-dom1, prp-spo1, scm-eqp1
        ("syria", "hasPart", "latakia"),  # prp-inv1
        ("hmeimim", "partOf", "middleEast"),  # prp-trp
        ("turkey", "borders", "syria"),  # prp-symp
        ("il20", "locatedIn", "latakia"),  # prp-spo2, two links
        ("il20", "regionOf", "middleEast"),  # prp-spo2, three links
        ("russia", "blames", "israel"),  # eq-rep-s with eq-sym, eq-trans
        ("moscow", "blames2", "idf"),  # eq-rep-p
        ("tartus", "partOf", "russia"),  # eq-rep-o
        ("ivanov", "sameAs", "ivanovIA"),  # prp-fp
        ("jet1", "sameAs", "jet2"),  # prp-ifp
        ("port1", "sameAs", "port2"),  # cls-maxc2
        ("f1", "sameAs", "f2"),  # cls-maxqc3
        ("c1", "sameAs", "c2"),  # cls-maxqc4
        ("usa", "a", "Triple"),  # cls-int1, three members
        ("usa", "a", "ArmedState"),  # cls-int1
        ("hezbollah", "a", "Party"),  # scm-uni
        ("syrianAD", "a", "Shooter2"),  # cls-svf1, scm-svf1
        ("battery", "a", "Launcher2"),  # cls-svf2, scm-svf2
        ("mig29", "a", "Airframe"),  # cls-avf, scm-avf1
        ("s300", "origin", "russia"),  # cls-hv1
        ("pantsir", "a", "RussianThing2"),  # cls-hv2, scm-hv
        ("p1", "sameAs", "p2"),  # prp-key
        ("china", "a", "Superpower"),  # cls-oo
    ]
    special = {"a": "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
               "sameAs": "http://www.w3.org/2002/07/owl#sameAs"}
    missing = []
    for s, p, o in expected:
        triple = ox.Triple(ox.NamedNode(t + s), ox.NamedNode(special.get(p, t + p)),
                           ox.NamedNode(t + o))
        if not list(store.raw.quads_for_pattern(*triple, ox.NamedNode(NS.inferred_graph))):
            missing.append((s, p, o))
    assert missing == []


@pytest.mark.slow
def test_ontology_and_examples_match_owlrl() -> None:
    files = [
        *resources.ontology_modules(),
        *resources.reference_files(),
        *sorted((resources.ontology_dir() / "examples").glob("*.ttl")),
    ]
    assert files
    ours, theirs = closures(files)
    assert bnode_free(ours) == bnode_free(theirs)


@pytest.mark.parametrize(
    "turtle",
    [
        # a literal-valued functional property: owlrl infers a literal-subject
        # sameAs, which must never reach the store
        "<http://x/a> a <http://x/T> ; <http://x/v> 1, 2 . "
        "<http://x/v> a <http://www.w3.org/2002/07/owl#FunctionalProperty> .",
        # owl:sameAs with a literal object
        "<http://x/a> <http://www.w3.org/2002/07/owl#sameAs> \"x\" . <http://x/a> <http://x/p> 1 .",
    ],
)
def test_no_literal_subjects(turtle: str, tmp_path: Path) -> None:
    path = tmp_path / "g.ttl"
    path.write_text(turtle)
    for engine in ("rules", "owlrl"):
        store = OxigraphStore.in_memory()
        store.load_file(path, NS.document_graph("g"))
        reason(store, NS, engine)
        subjects = [q.subject for q in store.raw.quads_for_pattern(None, None, None, None)]
        assert not any(isinstance(s, ox.Literal) for s in subjects)
