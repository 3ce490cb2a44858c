"""Examples reason consistently, validate, and give the entailments issue 3 asks for."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import RDF, Graph, Namespace, URIRef

from conflict_kg import resources
from conflict_kg.namespaces import ONTOLOGY
from tests.ontology.conftest import (
    ExampleClosures,
    example_files,
    owlrl_errors,
    parse_all,
    reason,
)

CK = Namespace(ONTOLOGY)
ID = Namespace("https://w3id.org/conflict-kg/id/")
EX = Namespace("https://w3id.org/conflict-kg/id/example/il20-sochi/")


def test_there_are_examples() -> None:
    assert {p.stem for p in example_files()} >= {"il20-sochi-2018"}


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_example_reasons_consistently_and_validates(
    path: Path, example_closure: ExampleClosures, shapes_graph: Graph
) -> None:
    closed = example_closure.closed(path.stem)
    assert closed.owl_errors == []
    conforms, _report, text = pyshacl.validate(closed.graph, shacl_graph=shapes_graph,
                                               inference="none")
    assert conforms, text


def test_downed_aircraft_is_a_military_aircraft_and_a_weapon_system(
    examples_closure: Graph,
) -> None:
    types = set(examples_closure.objects(EX.aircraft, RDF.type))
    assert {CK.MilitaryAircraft, CK.WeaponSystem, CK.ReconnaissanceAircraft, CK.Artefact} <= types


def test_shootdown_target_is_the_aircraft(examples_closure: Graph) -> None:
    assert (EX.shootdown, CK.target, EX.aircraft) in examples_closure
    assert (EX.shootdown, CK.participant, EX.aircraft) in examples_closure


def test_sochi_parties_are_states(examples_closure: Graph) -> None:
    parties = set(examples_closure.objects(EX["sochi-memorandum"], CK.party))
    assert parties == {ID["state/russia"], ID["state/turkey"]}
    for party in parties:
        assert (party, RDF.type, CK.State) in examples_closure
    assert (EX["sochi-memorandum"], RDF.type, CK.Agreement) in examples_closure
    assert (ID["state/turkey"], CK.partyTo, EX["sochi-memorandum"]) in examples_closure


@pytest.mark.parametrize(
    "place", ["latakia", "idlib", "latakia-city", "idlib-city", "hmeimim-air-base"]
)
def test_latakia_and_idlib_are_in_syria(examples_closure: Graph, place: str) -> None:
    assert (ID["place/" + place], CK.locatedIn, ID["place/syria"]) in examples_closure
    assert (ID["place/syria"], CK.contains, ID["place/" + place]) in examples_closure


def test_the_zone_is_in_syria(examples_closure: Graph) -> None:
    assert (EX.dmz, CK.locatedIn, ID["place/syria"]) in examples_closure


def test_spokesperson_claim_is_attributed_to_the_defence_ministry(examples_closure: Graph) -> None:
    claim = EX["claim-russia-blames-israel"]
    ministry = ID["government-body/russia-ministry-of-defence"]
    person = ID["person/igor-konashenkov"]
    assert (person, CK.speaksFor, ministry) in examples_closure
    assert (claim, CK.attributedTo, ministry) in examples_closure
    assert (claim, CK.attributedToState, ID["state/russia"]) in examples_closure
    assert (ministry, CK.organOf, ID["state/russia"]) in examples_closure


def test_idf_claim_is_attributed_to_israel(examples_closure: Graph) -> None:
    claim = EX["claim-idf-holds-syria-responsible"]
    assert (claim, CK.attributedToState, ID["state/israel"]) in examples_closure
    # Contradicting claims are content: symmetric link, and no inconsistency.
    assert (claim, CK.contradicts, EX["claim-russia-blames-israel"]) in examples_closure


def test_branches_inherit_their_state(examples_closure: Graph) -> None:
    assert (
        ID["armed-force/israeli-air-force"],
        CK.armedForceOf,
        ID["state/israel"],
    ) in examples_closure
    assert (
        ID["armed-force/syrian-air-defence-force"],
        CK.organOf,
        ID["state/syria"],
    ) in examples_closure


def test_disjointness_catches_a_place_used_as_a_party() -> None:
    # Only the modules involved, to keep owlrl quick.
    modules = [resources.ontology_dir() / f"{m}.ttl" for m in ("core", "agents", "places")]
    bad = parse_all([*modules, resources.ontology_dir() / "agreements.ttl"])
    bad.add((ID["place/idlib"], RDF.type, CK.Province))
    bad.add((EX.bad, CK.party, ID["place/idlib"]))  # party's range is ck:Agent
    assert owlrl_errors(reason(bad)), "expected an inconsistency"


def test_model_is_not_an_aircraft(examples_closure: Graph) -> None:
    model = URIRef(ID["weapon-model/il-20m"])
    assert (model, RDF.type, CK.WeaponModel) in examples_closure
    assert (model, RDF.type, CK.WeaponSystem) not in examples_closure


def test_sochi_party_states_meet_through_acts_for_state(examples_closure: Graph) -> None:
    assert set(examples_closure.objects(EX["sochi-memorandum"], CK.partyState)) == {
        ID["state/russia"],
        ID["state/turkey"],
    }


S3 = Namespace("https://w3id.org/conflict-kg/id/example/s300-transfer/")


def test_metonym_minister_and_state_claims_meet_at_their_states(
    example_closure: ExampleClosures,
) -> None:
    g = example_closure("s300-transfer-2018")
    russia, israel = ID["state/russia"], ID["state/israel"]
    assert (S3.announcement, CK.attributedToState, russia) in g  # "Moscow" = the government
    assert (
        S3["completion-report"],
        CK.attributedTo,
        ID["government-body/russia-ministry-of-defence"],
    ) in g
    assert (S3["completion-report"], CK.attributedToState, russia) in g
    assert (S3.objection, CK.attributedToState, israel) in g  # a state claimant acts for itself
    assert (S3.objection, CK.targetState, russia) in g


def test_announced_is_kept_apart_from_done(example_closure: ExampleClosures) -> None:
    g = example_closure("s300-transfer-2018")
    assert (S3.announcement, CK.factuality, CK.future) in g
    assert (S3.transfer, CK.status, CK.completed) in g
    assert (S3.transfer, RDF.type, CK.Event) in g
    assert (S3.transfer, RDF.type, CK.Claim) not in g
