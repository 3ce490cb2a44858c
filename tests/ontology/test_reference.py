"""The gazetteer individuals: well-formed IRIs, labels that link cleanly, no dangling links."""

from __future__ import annotations

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from conflict_kg.ingest.text import fold
from conflict_kg.namespaces import ONTOLOGY, slugify

ID = "https://w3id.org/conflict-kg/id/"
CK = ONTOLOGY
GAZETTEER_LABELS = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, RDFS.label)
KINDS = {
    "state",
    "government",
    "government-body",
    "armed-force",
    "armed-group",
    "organisation",
    "person",
    "position",
    "weapon-model",
    "place",
    "company",
    "news-organisation",
}


def _entities(g: Graph) -> set[URIRef]:
    return {s for s in g.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(ID)}


def test_iris_follow_the_data_scheme(reference_graph: Graph) -> None:
    for entity in _entities(reference_graph):
        kind, _, slug = str(entity)[len(ID) :].partition("/")
        assert kind in KINDS, entity
        assert slug == slugify(slug), entity


def test_every_individual_has_a_ck_type_and_a_label(
    reference_graph: Graph, ontology_graph: Graph
) -> None:
    for entity in _entities(reference_graph):
        types = [t for t in reference_graph.objects(entity, RDF.type) if str(t).startswith(CK)]
        assert types, f"{entity} has no ck: type"
        for t in types:
            assert (t, RDF.type, None) in ontology_graph, f"{entity} typed by undeclared {t}"
        assert reference_graph.value(entity, RDFS.label) is not None, entity


def test_no_dangling_links(reference_graph: Graph) -> None:
    defined = _entities(reference_graph)
    used = {o for o in reference_graph.objects() if isinstance(o, URIRef) and o.startswith(ID)}
    assert sorted(str(u) for u in used - defined) == []


def test_no_label_links_to_two_entities(reference_graph: Graph) -> None:
    owners: dict[str, set[URIRef]] = {}
    for prop in GAZETTEER_LABELS:
        for entity, label in reference_graph.subject_objects(prop):
            if isinstance(label, Literal) and label.language in (None, "en"):
                owners.setdefault(fold(str(label)), set()).add(entity)  # type: ignore[arg-type]
    clashes = {label: sorted(map(str, e)) for label, e in owners.items() if len(e) > 1}
    assert clashes == {}


def test_demonyms_are_not_labels(reference_graph: Graph) -> None:
    labels = {fold(str(o)) for p in GAZETTEER_LABELS for o in reference_graph.objects(None, p)}
    demonyms = {fold(str(o)) for o in reference_graph.objects(None, URIRef(CK + "demonym"))}
    assert {"russian", "israeli", "syrian", "turkish", "iranian"} <= demonyms
    assert demonyms & labels == set()


def test_metonyms_name_agents_not_cities(reference_graph: Graph) -> None:
    metonym = URIRef(CK + "metonymLabel")
    by_label = {fold(str(o)): s for s, o in reference_graph.subject_objects(metonym)}
    assert by_label["moscow"] == URIRef(ID + "government/russia")
    assert by_label["the kremlin"] == URIRef(
        ID + "government-body/russia-presidential-executive-office"
    )
    assert by_label["ankara"] == URIRef(ID + "government/turkey")
    assert by_label["damascus"] == URIRef(ID + "government/syria")
    # The city keeps its own name.
    assert reference_graph.value(URIRef(ID + "place/moscow"), SKOS.prefLabel) == Literal(
        "Moscow", lang="en"
    )


def test_case_folded_words_are_not_labels(reference_graph: Graph) -> None:
    # "US", "UN", "UK" fold to English words; they live in ck:abbreviation.
    labels = {fold(str(o)) for p in GAZETTEER_LABELS for o in reference_graph.objects(None, p)}
    assert {"us", "un", "uk", "is", "it"} & labels == set()


def test_seed_article_actors_are_known(reference_graph: Graph) -> None:
    labels = {fold(str(o)) for p in GAZETTEER_LABELS for o in reference_graph.objects(None, p)}
    for name in (
        "Konashenkov",
        "Shoigu",
        "Liberman",
        "Lieberman",
        "Erdogan",
        "Erdoğan",
        "Peskov",
        "Putin",
        "Netanyahu",
        "Trump",
        "Assad",
        "IDF",
        "Hezbollah",
        "ISIS",
        "Il-20M",
        "F-16",
        "Latakia",
        "Idlib",
        "Sochi",
        "Hmeimim",
        "Israeli Air Force",
    ):
        assert fold(name) in labels, name


def test_positions_in_2018_represent_their_body(reference_graph: Graph) -> None:
    position = URIRef(ID + "position/igor-konashenkov-spokesperson")
    assert (
        position,
        URIRef(CK + "represents"),
        URIRef(ID + "government-body/russia-ministry-of-defence"),
    ) in reference_graph
    assert (position, URIRef(CK + "rank"), URIRef(CK + "majorGeneral")) in reference_graph


def test_position_iris_follow_the_ingest_convention(
    reference_graph: Graph, ontology_graph: Graph
) -> None:
    # ingest mints id/position/<person-slug>-<slug of the role's label>; reuse must meet it.
    holds = URIRef(CK + "holdsPosition")
    for person, position in reference_graph.subject_objects(holds):
        role = reference_graph.value(position, URIRef(CK + "role"))
        role_label = ontology_graph.value(role, RDFS.label)
        person_slug = str(person).rsplit("/", 1)[1]
        assert str(position) == f"{ID}position/{person_slug}-{slugify(str(role_label))}"


def test_every_state_acts_for_itself(reference_graph: Graph) -> None:
    # OWL 2 RL has no reflexivity: the chains to ck:attributedToState need this triple.
    for state in reference_graph.subjects(RDF.type, URIRef(CK + "State")):
        assert (state, URIRef(CK + "actsForState"), state) in reference_graph, state
