"""The acceptance questions of issue 4, answered by SPARQL over the seed article's graph.

The seed is read from ../shared/corpus/seed/ (never copied into the repo).
Facts are asked of the document's own named graph; reference data (which
state a ministry belongs to) is joined from the union where needed.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from tests.ingest.conftest import OF_STATE, Graph, iri

XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")


def date(value: str) -> ox.Literal:
    return ox.Literal(value, datatype=XSD_DATE)


def test_the_aircraft_shot_down_is_an_individual_il20m_of_russia(seed: Graph) -> None:
    rows = seed.union_rows(
        "GRAPH ?g { ?e a ck:Shootdown ; ck:eventTarget ?platform . ?platform ck:model ?model ; "
        "ck:operator ?owner ; a ?class } ?model skos:prefLabel ?modelLabel"
    )
    assert rows, "no shootdown with a platform of a known model"
    assert {r["modelLabel"].lower().split()[-1] for r in rows} == {"il-20m"}
    assert {r["owner"] for r in rows} == {iri("state", "russia").value}
    platform = rows[0]["platform"]
    assert platform != rows[0]["model"]  # the individual, not the design
    classes = {r["class"].rsplit("#", 1)[-1] for r in rows}
    assert classes & {"MilitaryAircraft", "ReconnaissanceAircraft", "MaritimePatrolAircraft"}


def test_when_and_where_the_aircraft_was_lost(seed: Graph) -> None:
    rows = seed.union_rows(
        "GRAPH ?g { ?e a ck:Shootdown ; ck:date ?d ; ck:datePrecision ?p ; ck:location ?place } "
        "?place skos:prefLabel ?placeLabel"
    )
    assert {(r["d"], r["placeLabel"].split()[0]) for r in rows} == {("2018-09-17", "Latakia")}
    assert rows[0]["p"].endswith("unitDay")


def test_how_many_died_and_whose_fire_downed_it(seed: Graph) -> None:
    rows = seed.rows("?e a ck:Shootdown ; ck:deaths ?q ; ck:agent ?agent . ?q ck:value ?n")
    assert {(float(r["n"]), r["agent"]) for r in rows} == {
        (15.0, iri("state", "syria").value)
    }


def test_the_sentence_behind_the_death_toll_with_its_offsets(seed: Graph) -> None:
    rows = seed.rows(
        "?e a ck:Shootdown ; ck:deaths ?q . ?q ck:evidence ?m . ?m ck:sentence ?s ; "
        "nif:anchorOf ?number . ?s nif:anchorOf ?text ; nif:beginIndex ?b ; nif:endIndex ?end"
    )
    assert len(rows) == 1
    row = rows[0]
    begin, end = int(row["b"]), int(row["end"])
    assert seed.body[begin:end] == row["text"]
    assert "15" in row["number"] and row["number"] in row["text"]
    assert row["s"].endswith(f"#char={begin},{end}")
    assert "killing" in row["text"].lower()


def _blames(seed: Graph) -> set[tuple[str, str]]:
    """(claimant's state, target or target's state) for every blaming claim."""
    rows = seed.union_rows(
        "GRAPH ?g { ?c a ck:Claim ; ck:stance ?stance ; ck:claimant ?who ; ck:target ?whom } "
        "VALUES ?stance { ck:blames ck:holdsResponsible ck:accuses } "
        f"?who {OF_STATE} ?state . ?state a ck:State . "
        f"OPTIONAL {{ ?whom {OF_STATE} ?targetState . ?targetState a ck:State }}",
        select="?state ?whom ?targetState",
    )
    return {
        (r["state"].rsplit("/", 1)[-1], r.get("targetState", r["whom"]).rsplit("/", 1)[-1])
        for r in rows
    }


def test_who_blamed_whom(seed: Graph) -> None:
    pairs = _blames(seed)
    assert ("russia", "israel") in pairs
    assert ("israel", "syria") in pairs
    assert ("israel", "iran") in pairs
    assert ("israel", "hezbollah") in pairs
    assert ("russia", "syria") not in pairs and ("syria", "russia") not in pairs


def test_blame_claims_are_about_the_shootdown_and_carry_their_words(seed: Graph) -> None:
    rows = seed.rows(
        "?c ck:stance ck:blames ; ck:claimant ?who ; ck:about ?e ; ck:evidence ?m . "
        "?e a ck:Shootdown . ?m nif:anchorOf ?verb",
        who=iri("government", "russia"),
    )
    assert rows and {r["verb"] for r in rows} == {"blamed"}
    quoted = seed.rows(
        "?c ck:stance ck:holdsResponsible ; ck:claimant ?idf ; ck:quote ?q ; ck:target ?t",
        idf=iri("armed-force", "israel-defense-forces"),
    )
    assert any("fully responsible" in r["q"] for r in quoted)
    assert {r["t"] for r in quoted} >= {iri("government", "syria").value}


def test_the_us_presidents_view_syria_responsible(seed: Graph) -> None:
    rows = seed.rows(
        "?c ck:claimant ?trump ; ck:stance ck:holdsResponsible ; ck:target ?t ; "
        "ck:certainty ?certainty . ?pos ck:holder ?trump ; ck:role ck:president",
        trump=iri("person", "donald-trump"),
    )
    assert {r["t"] for r in rows} == {iri("state", "syria").value}
    assert rows[0]["certainty"].endswith("#probable")  # "it was his understanding"


def test_the_air_defence_system_sold_by_russia_to_syria(seed: Graph) -> None:
    rows = seed.union_rows(
        "GRAPH ?g { ?t a ck:ArmsTransfer ; ck:agent ?supplier ; ck:recipient ?recipient ; "
        "ck:participant ?item ; ck:status ck:completed . ?item a ?class } "
        f"?supplier {OF_STATE} ?state",
        select="?state ?recipient ?class",
    )
    found = {(r["state"], r["recipient"], r["class"].rsplit("#", 1)[-1]) for r in rows}
    assert (iri("state", "russia").value, iri("state", "syria").value,
            "AirDefenceSystem") in found


def test_the_sochi_agreement_parties_date_and_place(seed: Graph) -> None:
    rows = seed.union_rows(
        "GRAPH ?g { ?a a ck:Agreement ; ck:party ?p ; ck:signingDate ?d ; ck:signingPlace ?place ; "
        "ck:zone ?z } ?place skos:prefLabel ?placeLabel"
    )
    assert {r["p"] for r in rows} == {iri("state", "russia").value, iri("state", "turkey").value}
    assert {(r["d"], r["placeLabel"]) for r in rows} == {("2018-09-17", "Sochi")}


def test_the_sochi_zone_width_and_location(seed: Graph) -> None:
    rows = seed.union_rows(
        "GRAPH ?g { ?a a ck:Agreement ; ck:zone ?z . ?z a ck:DemilitarisedZone ; "
        "ck:locatedIn ?where ; ck:width ?w . ?w ck:lowerBound ?lo ; ck:upperBound ?hi ; "
        "ck:unit ?unit ; ck:evidence ?m . ?m nif:anchorOf ?text } "
        "?where skos:prefLabel ?whereLabel"
    )
    assert len(rows) == 1
    row = rows[0]
    assert (float(row["lo"]), float(row["hi"])) == (15.0, 20.0)
    assert row["unit"].endswith("#kilometre")
    assert row["whereLabel"].split()[0] == "Idlib"
    assert "15" in row["text"] and "20" in row["text"]


def test_the_sochi_deadlines(seed: Graph) -> None:
    withdrawal = seed.rows(
        "?a ck:provision ?p . ?p a ck:WithdrawalProvision ; ck:deadline ?d ; "
        "ck:weaponCategory ?cat"
    )
    assert {r["d"] for r in withdrawal} == {"2018-10-10"}
    assert {r["cat"].rsplit("#", 1)[-1] for r in withdrawal} >= {"Tank", "Mortar"}
    operational = seed.rows("?a ck:provision ?p . ?p ck:effectiveFrom ?d")
    assert {r["d"] for r in operational} == {"2018-10-15"}


def test_the_sochi_patrolling_forces(seed: Graph) -> None:
    rows = seed.union_rows(
        "GRAPH ?g { ?a ck:zone ?z . ?z ck:patrolledBy ?force . "
        "?a ck:provision ?p . ?p a ck:PatrolProvision ; ck:obligedParty ?force } "
        "?force ck:armedForceOf ?state",
        select="?state",
    )
    assert {r["state"] for r in rows} == {iri("state", "russia").value,
                                          iri("state", "turkey").value}


def test_the_israeli_russian_coordination_mechanism(seed: Graph) -> None:
    rows = seed.rows(
        "?m a ck:CoordinationMechanism ; ck:party ?p ; ck:startDate ?start ; ck:evidence ?e . "
        "?e nif:anchorOf ?text"
    )
    assert {r["p"] for r in rows} == {iri("state", "israel").value, iri("state", "russia").value}
    assert {r["start"] for r in rows} == {"2015"}  # "in the past three years" before 2018
    assert all("coordination" in r["text"] for r in rows)


ROLES = {
    ("igor-konashenkov", "spokesperson", "majorGeneral"),
    ("dmitry-peskov", "pressSecretary", None),
    ("sergei-shoigu", "defenceMinister", "armyGeneral"),
    ("avigdor-liberman", "defenceMinister", None),
    ("benjamin-netanyahu", "primeMinister", None),
    ("vladimir-putin", "president", None),
    ("recep-tayyip-erdogan", "president", None),
    ("donald-trump", "president", None),
}


def test_the_roles_of_every_named_official(seed: Graph) -> None:
    rows = seed.rows(
        "?pos a ck:Position ; ck:holder ?person ; ck:role ?role ; ck:evidence ?m . "
        "OPTIONAL { ?pos ck:rank ?rank }"
    )
    found = {
        (r["person"].rsplit("/", 1)[-1], r["role"].rsplit("#", 1)[-1],
         r["rank"].rsplit("#", 1)[-1] if "rank" in r else None)
        for r in rows
    }
    assert ROLES <= found
    assert len({(p, role) for p, role, _ in found}) == len(ROLES)


def test_each_officials_post_belongs_to_the_right_state(seed: Graph) -> None:
    rows = seed.union_rows(
        "GRAPH ?g { ?pos ck:holder ?person ; ck:role ?role } "
        "?pos (ck:represents|ck:positionIn) ?org . "
        f"?org {OF_STATE} ?state . ?state a ck:State",
        select="?person ?state",
    )
    states = {(r["person"].rsplit("/", 1)[-1], r["state"].rsplit("/", 1)[-1]) for r in rows}
    assert {("sergei-shoigu", "russia"), ("avigdor-liberman", "israel"),
            ("donald-trump", "united-states"), ("recep-tayyip-erdogan", "turkey"),
            ("dmitry-peskov", "russia")} <= states


def test_every_fact_node_has_evidence_in_its_own_graph(seed: Graph) -> None:
    document = seed.graph.replace("/graph/document/", "/id/document/")
    missing = seed.rows(
        "?node a ?class . FILTER NOT EXISTS { ?node ck:evidence ?m } "
        "VALUES ?class { ck:Claim ck:Position ck:Agreement ck:Provision ck:Zone ck:Quantity "
        "ck:Shootdown ck:Strike ck:AirStrike ck:Attack ck:ArmsTransfer ck:PhoneCall ck:Talks }"
    )
    assert missing == []
    mentions = seed.rows("?node ck:evidence ?m . ?m nif:anchorOf ?t ; nif:beginIndex ?b ; "
                         "nif:endIndex ?e ; nif:referenceContext ?doc", select="?m ?t ?b ?e ?doc")
    assert mentions
    for row in mentions:
        assert row["doc"] == document
        assert row["m"] == f"{document}#char={row['b']},{row['e']}"
        assert seed.body[int(row["b"]) : int(row["e"])] == row["t"]


def test_two_phone_calls_and_the_sochi_talks_are_separate_events(seed: Graph) -> None:
    rows = seed.rows("?e a ?type ; ck:participant ?p . VALUES ?type { ck:PhoneCall ck:Talks }")
    events: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        events.setdefault((r["e"], r["type"].rsplit("#", 1)[-1]), set()).add(
            r["p"].rsplit("/", 1)[-1])
    assert sorted((kind, sorted(people)) for (_, kind), people in events.items()) == [
        ("PhoneCall", ["avigdor-liberman", "sergei-shoigu"]),
        ("PhoneCall", ["benjamin-netanyahu", "vladimir-putin"]),
        ("Talks", ["recep-tayyip-erdogan", "vladimir-putin"]),
    ]


def test_a_quotation_over_two_sentences_is_one_claim(seed: Graph) -> None:
    rows = seed.rows(
        "?c ck:claimant ?putin ; ck:stance ck:denies ; ck:quote ?q ; ck:evidence ?m . "
        "?m nif:anchorOf ?text ; nif:beginIndex ?b ; nif:endIndex ?e . "
        "FILTER(STRLEN(?text) > 20)",
        putin=iri("person", "vladimir-putin"),
    )
    assert len(rows) == 1
    row = rows[0]
    assert seed.body[int(row["b"]) : int(row["e"])] == row["text"]
    assert re.search(r"[.!?]\s+\S", row["text"])  # it runs over a sentence end
    assert "Israel" in row["q"]
