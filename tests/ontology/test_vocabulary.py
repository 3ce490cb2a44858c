"""Every module declares itself; every term is labelled, defined and declared."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS

from conflict_kg import resources
from conflict_kg.namespaces import ONTOLOGY, ONTOLOGY_BASE
from conflict_kg.ontology_docs import (
    README_END,
    README_START,
    Ontology,
    ontology_terms,
    term_index_markdown,
)

MODULES = resources.ontology_modules()
DECLARATIONS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}


def test_the_issue_scope_has_its_modules() -> None:
    names = {p.stem for p in MODULES}
    assert {
        "core",
        "agents",
        "roles",
        "places",
        "weapons",
        "events",
        "agreements",
        "claims",
        "provenance",
        "alignments",
    } <= names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_module_declares_itself(path: Path) -> None:
    g = Graph().parse(path, format="turtle")
    ontologies = list(g.subjects(RDF.type, OWL.Ontology))
    assert len(ontologies) == 1, "one owl:Ontology per module"
    onto = ontologies[0]
    expected = ONTOLOGY_BASE if path.stem == "conflict-kg" else f"{ONTOLOGY_BASE}/{path.stem}"
    assert str(onto) == expected
    version = g.value(onto, OWL.versionIRI)
    info = g.value(onto, OWL.versionInfo)
    assert version is not None and info is not None
    assert str(version).startswith(ONTOLOGY_BASE + "/") and str(version).endswith("/" + str(info))
    assert g.value(onto, RDFS.label) is not None
    assert g.value(onto, DCTERMS.description) is not None
    assert g.value(onto, DCTERMS.license) is not None
    if path.stem != "core":
        assert list(g.objects(onto, OWL.imports)), "modules import what they build on"


def test_imports_resolve_to_modules_and_reach_everything() -> None:
    graphs = {p.stem: Graph().parse(p, format="turtle") for p in MODULES}
    iri_of = {name: next(iter(g.subjects(RDF.type, OWL.Ontology))) for name, g in graphs.items()}
    by_iri = {iri: name for name, iri in iri_of.items()}
    imports = {name: set(g.objects(iri_of[name], OWL.imports)) for name, g in graphs.items()}
    for name, targets in imports.items():
        unknown = [str(t) for t in targets if t not in by_iri]
        assert not unknown, f"{name} imports unknown modules {unknown}"
    reached, todo = set(), ["conflict-kg"]
    while todo:
        name = todo.pop()
        if name not in reached:
            reached.add(name)
            todo += [by_iri[t] for t in imports[name]]
    assert reached == set(graphs), "the umbrella module must reach every module"


def test_every_term_has_a_label_and_a_definition(ontology: Ontology) -> None:
    terms = ontology_terms(ontology)
    assert len(terms) > 200
    lacking = [t.iri for t in terms if not t.label or not t.definition]
    assert not lacking


def test_every_ck_term_used_is_declared(ontology_graph: Graph) -> None:
    used = {
        node
        for triple in ontology_graph
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(ONTOLOGY)
    }
    declared = set(ontology_graph.subjects(RDF.type, None))
    assert sorted(str(u) for u in used - declared) == []


def test_each_term_is_declared_in_exactly_one_module() -> None:
    seen: dict[URIRef, list[str]] = {}
    for path in MODULES:
        g = Graph().parse(path, format="turtle")
        for s in set(g.subjects(RDF.type, None)):
            if isinstance(s, URIRef) and str(s).startswith(ONTOLOGY):
                seen.setdefault(s, []).append(path.stem)
    assert {str(s): m for s, m in seen.items() if len(m) > 1} == {}


def test_every_property_is_typed_once(ontology_graph: Graph) -> None:
    for s in set(ontology_graph.subjects(RDF.type, None)):
        if str(s).startswith(ONTOLOGY):
            kinds = set(ontology_graph.objects(s, RDF.type)) & DECLARATIONS
            assert len(kinds) <= 1, f"{s} is typed as {kinds}"


def test_top_categories_are_pairwise_disjoint(ontology_graph: Graph) -> None:
    from rdflib.collection import Collection

    ck = lambda n: URIRef(ONTOLOGY + n)  # noqa: E731
    needed = [
        ck(n) for n in ("Agent", "Place", "Event", "Artefact", "Document", "Claim", "Agreement")
    ]
    groups = [
        set(Collection(ontology_graph, lst))
        for ax in ontology_graph.subjects(RDF.type, OWL.AllDisjointClasses)
        for lst in ontology_graph.objects(ax, OWL.members)
    ]
    assert any(set(needed) <= g for g in groups)
    assert any({ck("State"), ck("Person"), ck("Organisation")} <= g for g in groups)


def test_metonym_and_demonym_properties_are_designed_for_linking(ontology_graph: Graph) -> None:
    metonym, demonym = URIRef(ONTOLOGY + "metonymLabel"), URIRef(ONTOLOGY + "demonym")
    assert (metonym, RDFS.subPropertyOf, SKOS.hiddenLabel) in ontology_graph
    assert ontology_graph.value(metonym, SKOS.scopeNote) is not None
    # A demonym must never be read as a label of the state.
    assert list(ontology_graph.objects(demonym, RDFS.subPropertyOf)) == []


def test_readme_lists_every_term_and_is_in_sync(ontology: Ontology) -> None:
    readme = (resources.ontology_dir() / "README.md").read_text(encoding="utf-8")
    start, end = README_START, README_END
    listed = readme[readme.index(start) + len(start) : readme.index(end)]
    assert listed == term_index_markdown(ontology), (
        "ontology/README.md term index is stale: regenerate it with "
        "conflict_kg.ontology_docs.update_readme_index()"
    )
    for term in ontology_terms(ontology):
        assert f"`ck:{term.local_name}`" in listed
