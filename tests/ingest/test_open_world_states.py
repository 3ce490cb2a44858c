"""Every state of the world, generated from maintained packages, and datelines as places."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflict_kg.checks import check
from conflict_kg.gazetteer import generated_reference_files
from conflict_kg.gazetteer.membership import UN_MEMBER_COUNT
from conflict_kg.gazetteer.states import state_records
from conflict_kg.namespaces import DataNamespace
from conflict_kg.store import OxigraphStore
from tests.support.ingest.extraction import ingested_text

NS = DataNamespace("https://w3id.org/conflict-kg/")
CK = "PREFIX ck: <https://w3id.org/conflict-kg/ontology#>\n"
ID = "https://w3id.org/conflict-kg/id/"


@pytest.fixture(scope="module")
def records():  # type: ignore[no-untyped-def]
    return state_records()


def test_every_un_member_observer_and_de_facto_state(records) -> None:  # type: ignore[no-untyped-def]
    by_status: dict[str, list[str]] = {}
    for r in records:
        by_status.setdefault(r.un_status, []).append(r.slug)
    assert len(by_status["member"]) == UN_MEMBER_COUNT
    assert sorted(by_status["observer"]) == ["holy-see", "palestine"]
    assert {"taiwan", "kosovo", "somaliland", "abkhazia", "transnistria"} <= set(
        by_status["de facto"])
    slugs = [r.slug for r in records]
    assert len(slugs) == len(set(slugs))
    # The hand-curated states keep their IRIs.
    assert {"russia", "syria", "turkey", "israel", "iran", "united-states",
            "united-kingdom", "france", "lebanon"} <= set(slugs)


def test_records_carry_codes_demonyms_and_capitals(records) -> None:  # type: ignore[no-untyped-def]
    mali = next(r for r in records if r.slug == "mali")
    assert (mali.alpha2, mali.alpha3, mali.numeric) == ("ML", "MLI", "466")
    assert "Malian" in mali.demonyms and mali.geonameid
    assert mali.capital is not None and mali.capital.name == "Bamako"
    assert mali.capital.latitude == pytest.approx(12.6, abs=0.1)
    us = next(r for r in records if r.slug == "united-states")
    assert us.capital is not None and us.capital.longitude == pytest.approx(-77.0, abs=0.2)
    members = [r for r in records if r.un_status == "member"]
    assert all(r.alpha2 and r.alpha3 for r in members)
    assert sum(1 for r in members if r.demonyms) > 180
    assert sum(1 for r in members if r.capital and r.capital.latitude is not None) > 180
    congo = {a.casefold() for r in records for a in r.aliases}
    assert "congo" not in congo  # ambiguous between two states: no label


def test_generated_file_is_cached_per_version(tmp_path: Path) -> None:
    (first,) = generated_reference_files(tmp_path)
    stamp = first.stat().st_mtime_ns
    (again,) = generated_reference_files(tmp_path)
    assert again == first and again.stat().st_mtime_ns == stamp
    assert first.is_relative_to(tmp_path) and not list(first.parent.glob(".states-*"))


def _ingest(tmp_path: Path, text: str) -> OxigraphStore:
    return ingested_text(tmp_path, text, "open-world", "2021-05-04")


def _ask(store: OxigraphStore, body: str) -> bool:
    return bool(store.query(CK + "ASK { " + body + " }"))


def test_states_capitals_and_demonyms_of_any_region(tmp_path: Path) -> None:
    store = _ingest(tmp_path, "Kenyan officials met Ethiopian envoys in Addis Ababa. "
                              "Nairobi said the talks would go on.\n\nThe governments of "
                              "Bolivia and Paraguay said they would observe.")
    mentioned = {r["x"].value.removeprefix(ID) for r in store.query(
        "SELECT DISTINCT ?x { ?m <http://www.w3.org/2005/11/its/rdf#taIdentRef> ?x }")}
    for slug in ("kenya", "ethiopia", "bolivia", "paraguay"):
        assert {f"state/{slug}", f"government/{slug}"} & mentioned, (slug, mentioned)
    assert _ask(store, f"?c a ck:Claim ; ck:claimant <{ID}government/kenya>")
    assert _ask(store, f"<{ID}place/addis-ababa> a ck:City ; ck:latitude ?lat")
    assert _ask(store, f"<{ID}state/kenya> ck:isoAlpha2 \"KE\" ; "
                       "<http://www.w3.org/2004/02/skos/core#exactMatch> ?geonames")


@pytest.mark.parametrize("opening, places", [
    ("BAMAKO, Mali — Malian troops said they had retaken the town.", {"bamako", "mali"}),
    ("KHARTOUM/ADDIS ABABA -- Officials said the talks had stalled.",
     {"khartoum", "addis-ababa"}),
    ("By A. Writer\nNAIROBI (Reuters) — Kenya said it would send troops.", {"nairobi"}),
])
def test_a_dateline_is_where_the_story_was_filed_never_an_actor(
        tmp_path: Path, opening: str, places: set[str]) -> None:
    store = _ingest(tmp_path, opening)
    found = {r["p"].value.rsplit("/", 1)[-1] for r in store.query(
        CK + "SELECT ?p { ?d ck:dateline ?p }")}
    assert found == places
    # No claim, event role or agent mention comes from the dateline's characters.
    end = opening.index("—") if "—" in opening else opening.index("--")
    for row in store.query("SELECT ?m ?x { ?m <http://www.w3.org/2005/11/its/rdf#taIdentRef> ?x"
                           " ; <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
                           "beginIndex> ?b . FILTER(?b < " + str(end) + ") }"):
        assert "/id/place/" in row["x"].value, row["x"].value
    assert not _ask(store, "?c ck:claimant ?who . ?who a ck:City")
    for row in store.query(CK + "SELECT ?text { ?c a ck:Claim ; ck:content ?text }"):
        assert not row["text"].value.lstrip().startswith(opening.split()[0].rstrip(","))
    assert _ask(store, "?d ck:datelineText ?t")


def test_a_document_about_new_states_is_consistent(tmp_path: Path) -> None:
    store = _ingest(tmp_path, "NIAMEY, Niger — Niger's army said on Tuesday that its troops "
                              "had repelled an attack near the border with Burkina Faso and "
                              "Mali. Nigerien officials blamed militants. Chad's foreign "
                              "ministry condemned the attack.")
    report = check(store, NS)
    owl_errors = [f for f in report.findings if f.layer == "owl"]
    assert not owl_errors, owl_errors[:3]


def _mentions(store: OxigraphStore) -> dict[str, str]:
    rows = store.query("SELECT ?t ?x { ?m <http://www.w3.org/2005/11/its/rdf#taIdentRef> ?x ; "
                       "<http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf>"
                       " ?t }")
    return {r["t"].value: r["x"].value.removeprefix(ID) for r in rows}


def test_organs_of_any_state_before_and_after_its_name(tmp_path: Path) -> None:
    store = _ingest(tmp_path, "Chad's foreign ministry rejected the report.\n\n"
                              "The Peruvian Navy said it had seized a boat.\n\n"
                              "The army of Nepal said it had sent helicopters.\n\n"
                              "The army said the roads were closed.")
    found = _mentions(store)
    assert found["Chad's foreign ministry"] == "foreign-ministry/chad"
    assert found["army of Nepal"] == "armed-forces/nepal"
    # "the army" is the army mentioned last, never the navy named before it.
    assert found.get("army") != "navy/peru"
    assert _ask(store, f"?c ck:claimant <{ID}armed-forces/nepal>")
    assert not _ask(store, f"?c ck:claimant <{ID}navy/peru> ; ck:content ?t . "
                           "FILTER(CONTAINS(?t, 'helicopters') || CONTAINS(?t, 'roads'))")


def test_legislatures_security_services_and_guards_are_organs(tmp_path: Path) -> None:
    store = _ingest(tmp_path, "Ghana's parliament voted on Tuesday.\n\n"
                              "The Belarusian border guard said the fence was cut.\n\n"
                              "The security service of Georgia said it had arrested two men.\n\n"
                              "The Japanese coast guard said the trawler had left.")
    found = _mentions(store)
    assert found["Ghana's parliament"] == "legislature/ghana"
    assert found["Ghana"] == "state/ghana"  # the state's name inside is its mention too
    assert found["Belarusian border guard"] == "border-guard/belarus"
    assert found["security service of Georgia"] == "security-service/georgia"
    assert found["Japanese coast guard"] == "coast-guard/japan"
    # an adjectival form beside the package's one demonym ("Filipino")
    assert _mentions(_ingest(tmp_path, "The Philippine navy said the ship had left."))[
        "Philippine navy"] == "navy/philippines"
    assert _ask(store, f"<{ID}legislature/ghana> ck:organOf <{ID}state/ghana>")
    assert not _ask(store, f"<{ID}state/ghana> a ck:Organisation")


def test_a_deputy_is_not_the_principal_and_a_rank_is_not_a_post(tmp_path: Path) -> None:
    store = _ingest(tmp_path, "Deputy Prime Minister Elena Marku of Albania said talks would "
                              "resume. Vice-President Tomas Ruiz of Ecuador agreed.\n\n"
                              "Squadron Leader Rahim Khan said his aircraft had been hit.")
    roles = {r["who"].value.rsplit("/", 1)[-1]: r["role"].value.rsplit("#", 1)[-1]
             for r in store.query(CK + "SELECT ?who ?role { ?pos ck:role ?role . { ?pos "
                                       "ck:holder ?who } UNION { ?who ck:holdsPosition ?pos } }")}
    assert roles.get("elena-marku") != "primeMinister"
    assert roles.get("tomas-ruiz") != "president"
    assert roles.get("rahim-khan") not in ("leader",)
    assert _mentions(store).get("Squadron Leader", "").endswith("#squadronLeader")


def test_large_cities_with_coordinates_and_only_as_proper_nouns(tmp_path: Path) -> None:
    store = _ingest(tmp_path, "Shelling hit Kharkiv and Dnipro overnight. Fighting was "
                              "reported near Kano.\n\nThe mobile clinic was reading reports.")
    found = _mentions(store)
    for name in ("Kharkiv", "Dnipro", "Kano"):
        city = found[name]
        assert city.startswith("place/"), city
        assert _ask(store, f"<{ID}{city}> a ck:City ; ck:latitude ?lat ; ck:longitude ?lon ; "
                           "<http://www.w3.org/2004/02/skos/core#exactMatch> ?geonames")
    assert "mobile" not in found and "reading" not in found
