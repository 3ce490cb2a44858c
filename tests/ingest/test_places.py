"""Places of any state: subdivisions, towns from context cues, curated seas and regions,
named features; and short forms of the reference data. Invented sentences."""

from __future__ import annotations

import pickle
from pathlib import Path

import pyoxigraph as ox
import pytest

from conflict_kg.bundled import ensure_bundled
from conflict_kg.gazetteer.towns import Town, TownIndex, read_towns, write_towns
from conflict_kg.ingest.entities import EntityFinder
from conflict_kg.ingest.kb import KnowledgeBase
from conflict_kg.ingest.text import sentences
from conflict_kg.store import OxigraphStore
from tests.ingest.conftest import NS

# An invented town, so that no test passes on a real gazetteer entry by accident.
ZORVANI = Town("Zorvani", "Zorvani", "zorvani", "ethiopia", 11.5, 39.25, 9999991)
ZORVANI_ALIAS = Town("Zorvany", "Zorvani", "zorvani", "ethiopia", 11.5, 39.25, 9999991)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    store = OxigraphStore.in_memory()
    ensure_bundled(store, NS)
    return KnowledgeBase.from_store(store, [NS.ontology_graph, NS.reference_graph],
                                    towns=[ZORVANI, ZORVANI_ALIAS])


def found(kb: KnowledgeBase, text: str) -> tuple[dict[str, str], EntityFinder]:
    """Mention text → entity path under /id/, and the finder (for minted entities)."""
    finder = EntityFinder(kb, NS)
    refs = {}
    for sentence in sentences(text):
        for ref in finder.find(sentence):
            refs[ref.span.text] = ref.entity.rsplit("/id/", 1)[-1]
    return refs, finder


@pytest.mark.parametrize("text", [
    "Fighting was reported in Zorvani on Monday.",
    "Troops advanced near Zorvani overnight.",
    "The rebels said they had captured Dessie and Zorvani.",
    "Shells fell on the region's main town, Zorvani, all night.",
    "The strike hit the town of Zorvani.",
    "Aid reached the cities of Dessie and Zorvani.",
])
def test_a_town_links_with_a_context_cue(kb: KnowledgeBase, text: str) -> None:
    refs, finder = found(kb, text)
    assert refs.get("Zorvani") == "place/zorvani"
    town = finder.new[NS.resource("place", "zorvani")]
    assert town.classes[0] == "City"
    assert ("locatedIn", NS.resource("place", "ethiopia")) in town.relations
    assert ("latitude", "11.5000") in town.data
    assert town.links == ["https://sws.geonames.org/9999991/"]


@pytest.mark.parametrize("text", [
    "Zorvani said nothing about the talks.",
    "The minister met Zorvani on Monday.",
    "a letter from zorvani arrived.",
])
def test_a_town_without_a_cue_or_capital_letter_is_no_place(kb: KnowledgeBase,
                                                            text: str) -> None:
    refs, _finder = found(kb, text)
    assert "place/zorvani" not in refs.values()


def test_a_towns_alias_links_to_the_town_and_becomes_an_alt_label(kb: KnowledgeBase) -> None:
    refs, finder = found(kb, "Fighting was reported in Zorvany.")
    assert refs.get("Zorvany") == "place/zorvani"
    town = finder.new[NS.resource("place", "zorvani")]
    assert town.label == "Zorvani" and town.alt_labels == ["Zorvany"]


def test_multi_word_names_are_taken_whole(kb: KnowledgeBase) -> None:
    refs, _finder = found(kb, "Militias shelled the town of Qasr Bandar near Wadi Tarsa.")
    assert refs.get("Qasr Bandar") == "place/qasr-bandar"
    assert refs.get("Wadi Tarsa") == "place/wadi-tarsa"
    assert "Qasr" not in refs and "Wadi" not in refs


@pytest.mark.parametrize(("text", "name", "class_name"), [
    ("The patrol was seen in the Tarsen Valley.", "Tarsen Valley", "Region"),
    ("A frigate entered Morvik Bay at dawn.", "Morvik Bay", "BodyOfWater"),
    ("Artillery hit Kelso Island on Tuesday.", "Kelso Island", "Region"),
    ("Drones struck the Varna processing facility.", "Varna processing facility", "Facility"),
])
def test_named_features_with_a_capitalised_head(kb: KnowledgeBase, text: str, name: str,
                                                class_name: str) -> None:
    refs, finder = found(kb, text)
    assert name in refs
    assert finder.new[NS.base + "id/" + refs[name]].classes[0] == class_name


def test_a_lower_case_head_is_no_feature_name(kb: KnowledgeBase) -> None:
    refs, _finder = found(kb, "They fought above the Tarsen river.")
    assert "Tarsen river" not in refs


@pytest.mark.parametrize(("text", "mention", "entity"), [
    ("Tankers crossed the Strait of Hormuz.", "Strait of Hormuz", "place/strait-of-hormuz"),
    ("Ships were attacked in the Red Sea.", "Red Sea", "place/red-sea"),
    ("Jihadists spread across the Sahel.", "Sahel", "place/sahel"),
    ("Shelling continued in Donbas.", "Donbas", "place/donbas"),
    ("The fleet sailed into the South China Sea.", "South China Sea", "place/south-china-sea"),
])
def test_curated_seas_straits_and_regions(kb: KnowledgeBase, text: str, mention: str,
                                          entity: str) -> None:
    assert found(kb, text)[0].get(mention) == entity


def test_iso_subdivisions_link_by_name_or_ascii_spelling(kb: KnowledgeBase) -> None:
    # pycountry spells them "Borno" and "Ladākh"; news writes "Ladakh".
    refs, _finder = found(kb, "Attacks rose in Borno while troops massed in Ladakh.")
    assert refs.get("Borno", "").startswith("place/")
    assert refs.get("Ladakh", "").startswith("place/")


def test_un_resolves_to_the_united_nations_never_a_new_node(kb: KnowledgeBase) -> None:
    refs, finder = found(kb, "UN officials and the WHO said the U.N. would help.")
    assert refs["UN"] == refs["U.N."] == "organisation/united-nations"
    assert refs["WHO"].startswith("organisation/world-health")
    assert not any(iri.endswith(("/un", "/who")) for iri in finder.new)


def test_a_known_name_before_led_or_backed_is_mentioned(kb: KnowledgeBase) -> None:
    refs, _finder = found(kb, "A NATO-led force patrolled the border.")
    assert refs.get("NATO") == "organisation/nato"


def test_the_towns_table_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "towns.tsv"
    write_towns(path, [ZORVANI, ZORVANI_ALIAS])
    assert read_towns(path) == [ZORVANI, ZORVANI_ALIAS]


def test_subdivisions_are_first_level_unambiguous_and_in_their_state() -> None:
    from conflict_kg.gazetteer.states import state_records
    from conflict_kg.gazetteer.subdivisions import subdivision_records

    records = {r.name: r for r in subdivision_records(state_records(), [], set())}
    assert records["Borno"].state_slug == "nigeria" and records["Borno"].code == "NG-BO"
    assert all(r.top_level for r in records.values())
    # Shared by several states' subdivisions, or a common word: never a label.
    assert "Central" not in records and "Northern" not in records and "Centre" not in records
    # A state's own name is not a subdivision label (Georgia, the US state).
    assert "Georgia" not in records


def test_a_capitalised_modifier_after_a_preposition_is_no_place(kb: KnowledgeBase) -> None:
    refs, finder = found(kb, "Drones were flown at Zaltian cities and into Morvish waters.")
    assert not any("/place/" in iri for iri in finder.new)


def test_a_subdivision_spelt_with_apostrophes_never_shares_a_citys_name() -> None:
    from conflict_kg.gazetteer.cities import CityRecord
    from conflict_kg.gazetteer.states import state_records
    from conflict_kg.gazetteer.subdivisions import plain, subdivision_records

    assert plain("‘Ajmān") == plain("Ajman") == "ajman"
    states = state_records()
    city = CityRecord("zarqa-test", "Ma'rib", "yemen", 15.5, 45.3, 1, 300_000)
    names = {plain(r.name) for r in subdivision_records(states, [city], set())}
    assert "marib" not in names


def test_the_town_index_keeps_the_first_town_of_a_name_and_survives_pickling() -> None:
    index = TownIndex()
    key = ("zorvani",)
    index.add_town(key, ZORVANI)
    index.add_town(key, ZORVANI_ALIAS)  # a second town under the same key does not replace it
    assert index.get(key) == ZORVANI
    assert index.get(("zorvany",)) is None
    copy = pickle.loads(pickle.dumps(index))  # the KB is pickled to worker processes
    assert copy.get(key) == ZORVANI and len(copy) == 1


def test_a_minted_place_never_takes_a_curated_entity_of_another_kind(kb: KnowledgeBase) -> None:
    """"Tartus" the port is no name of the curated Tartus Governorate (``place:tartus``),
    so the minted city gets its own IRI instead of making the governorate a city too."""
    refs, finder = found(kb, "The ship sailed toward the port of Tartus before turning back.")
    assert refs.get("Tartus") == "place/tartus-city"
    assert finder.new[NS.resource("place", "tartus-city")].classes[0] == "City"
    assert NS.resource("place", "tartus") not in finder.new


def test_no_town_of_the_table_takes_a_curated_place_of_another_kind() -> None:
    """A town may share the IRI of the curated city it is ("Sochi"), never of a curated
    governorate, region or base ("Idlib" the city is not the Idlib Governorate)."""
    from conflict_kg import resources
    from conflict_kg.gazetteer import town_table

    curated: dict[str, set[str]] = {}
    for path in resources.reference_files():
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            iri = quad.subject.value if isinstance(quad.subject, ox.NamedNode) else ""
            if "/id/place/" in iri and quad.predicate.value.endswith("#type"):
                curated.setdefault(iri.rsplit("/", 1)[1], set()).add(quad.object.value)
    clashes = sorted(t.slug for t in town_table() if t.slug in curated
                     and not any(c.endswith("#City") for c in curated[t.slug]))
    assert not clashes, f"towns minted with curated non-city places' IRIs: {clashes[:10]}"


def test_knowledge_bases_share_no_town_index():
    """The towns table is indexed once per process; each KB gets a copy of its own."""
    from conflict_kg.bundled import ensure_bundled
    from conflict_kg.ingest.kb import KnowledgeBase
    from conflict_kg.namespaces import DataNamespace
    from conflict_kg.store import OxigraphStore

    ns = DataNamespace("https://w3id.org/conflict-kg/")
    store = OxigraphStore.in_memory()
    ensure_bundled(store, ns)
    one = KnowledgeBase.from_store(store, [ns.ontology_graph, ns.reference_graph])
    two = KnowledgeBase.from_store(store, [ns.ontology_graph, ns.reference_graph])
    assert len(one.towns) == len(two.towns) > 10_000
    one.towns.add(("zzz", "nowhere"), ["Zzz Nowhere", "Zzz Nowhere", "zzz", "x", "0", "0", "1"])
    assert one.towns.get(("zzz", "nowhere")) is not None
    assert two.towns.get(("zzz", "nowhere")) is None
