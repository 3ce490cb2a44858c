"""Former states (ISO 3166-3 and a few without a code) in the generated reference data."""

from __future__ import annotations

from pathlib import Path

import pycountry
import pytest

from conflict_kg.checks import check
from conflict_kg.gazetteer.membership import FORMER_STATES, NOT_FORMER_STATES, RENAMED
from conflict_kg.gazetteer.states import state_records, unsorted_historic_codes
from conflict_kg.namespaces import DataNamespace
from conflict_kg.store import OxigraphStore
from tests.support.ingest.extraction import ingested_text

NS = DataNamespace("https://w3id.org/conflict-kg/")
CK = ("PREFIX ck: <https://w3id.org/conflict-kg/ontology#>\n"
      "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n")
ID = "https://w3id.org/conflict-kg/id/"


@pytest.fixture(scope="module")
def records():  # type: ignore[no-untyped-def]
    return {r.slug: r for r in state_records()}


def test_every_withdrawn_iso_code_is_sorted_once() -> None:
    assert not unsorted_historic_codes(pycountry)
    former = {f.alpha3 for f in FORMER_STATES}
    assert not former & set(RENAMED) and not former & NOT_FORMER_STATES
    assert not set(RENAMED) & NOT_FORMER_STATES


def test_former_states_have_an_end_and_no_un_status(records) -> None:  # type: ignore[no-untyped-def]
    for slug in ("czechoslovakia", "yugoslavia", "east-germany", "north-vietnam",
                 "south-vietnam", "south-yemen", "rhodesia", "soviet-union"):
        record = records[slug]
        assert record.end and record.un_status == "", slug
    assert records["czechoslovakia"].alpha3 == "CSK" and records["czechoslovakia"].alpha2 is None
    assert "Yugoslav" in records["yugoslavia"].demonyms
    assert "East German" in records["east-germany"].demonyms


def test_renamed_states_keep_one_node(records) -> None:  # type: ignore[no-untyped-def]
    assert "Zaire" in records["democratic-republic-of-the-congo"].aliases
    assert "Zairean" in records["democratic-republic-of-the-congo"].demonyms
    assert "Burma" in records["myanmar"].aliases
    assert "West Germany" in records["germany"].aliases
    assert not {"zaire", "burma", "west-germany"} & set(records)


def _ingest(tmp_path: Path, text: str) -> OxigraphStore:
    return ingested_text(tmp_path, text, "former", "1991-07-04")


def _ask(store: OxigraphStore, body: str) -> bool:
    return bool(store.query(CK + "ASK { " + body + " }"))


def test_former_states_are_agents_and_the_soviet_union_is_one_node(tmp_path: Path) -> None:
    store = _ingest(tmp_path, "Yugoslavia expelled two Albanian diplomats on Tuesday. "
                              "East German border guards shot a man at the wall. "
                              "North Vietnam shelled a base held by South Vietnam. "
                              "The USSR said its troops would stay.")
    assert _ask(store, f"?e ck:agent <{ID}state/yugoslavia>")
    assert _ask(store, f"?g ck:organOf <{ID}state/east-germany>")
    assert not _ask(store, f"?g ck:organOf <{ID}state/germany>")
    assert _ask(store, f"?e ck:agent <{ID}state/north-vietnam>")
    assert not _ask(store, f"?e ck:agent <{ID}state/vietnam>")
    assert _ask(store, f"<{ID}state/yugoslavia> ck:endDate ?end ; skos:scopeNote ?note")
    # one Soviet Union: the curated node, with ISO's withdrawn code added to it
    assert _ask(store, f"<{ID}state/soviet-union> ck:isoAlpha3 \"SUN\"")
    assert len(list(store.query(CK + "SELECT ?s { ?s skos:prefLabel \"Soviet Union\"@en }"))) == 1
    owl_errors = [f for f in check(store, NS).findings if f.layer == "owl"]
    assert not owl_errors, owl_errors[:3]
