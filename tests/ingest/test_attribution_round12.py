"""Attribution round 12: auxiliaries between a new speaker's name and the verb, denials
worded as "no X struck", British titles, and relative clauses that are no conditions.

Each sentence was written for this test; the unknown people's names are made up.
"""

from __future__ import annotations

import pytest

from conflict_kg.ingest.factuality import classify
from conflict_kg.ingest.kb import KnowledgeBase
from tests.ingest.conftest import PREFIX_LINES
from tests.support.ingest.attribution import by, claims, graph, stance


@pytest.mark.parametrize(("text", "expected"), [
    ("Ruta Kalnins has said that the convoy reached the town.", "says"),
    ("Ruta Kalnins had denied that the army shelled the town.", "denies"),
    ("Ruta Kalnins has repeatedly insisted that the convoy was never attacked.", "denies"),
])
def test_an_auxiliary_between_a_new_speaker_and_the_verb(
        kb: KnowledgeBase, text: str, expected: str) -> None:
    rows = by(claims(graph(kb, text)), "Ruta Kalnins")
    assert [stance(r) for r in rows] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Ruta Kalnins insisted that no missile struck the airliner.", "denies"),
    ("Ruta Kalnins said no shots were fired at the protesters.", "denies"),
    # a figure is no rejection of an act
    ("Ruta Kalnins said that no one was killed in the blast.", "says"),
    ("Ruta Kalnins said that no missile was launched on Monday.", "says"),
])
def test_a_statement_that_no_blow_landed_is_a_denial(
        kb: KnowledgeBase, text: str, expected: str) -> None:
    rows = by(claims(graph(kb, text)), "Ruta Kalnins")
    assert [stance(r) for r in rows] == [expected]


def test_a_foreign_secretary_speaks_for_the_state_before_the_title(kb: KnowledgeBase) -> None:
    store = graph(kb, "Britain's foreign secretary, Oskar Lindqvist, urged both sides to "
                      "halt the shelling.")
    assert [stance(r) for r in by(claims(store), "Oskar Lindqvist")] == ["callsFor"]
    uk = "<https://w3id.org/conflict-kg/id/state/united-kingdom>"
    assert store.query(PREFIX_LINES + f"""ASK {{
        ?p rdfs:label "Oskar Lindqvist"@en ; ck:nationality {uk} ; ck:holdsPosition ?pos .
        ?pos ck:role ck:foreignMinister }}""")


@pytest.mark.parametrize(("before", "expected"), [
    # a relative clause in the pluperfect reports a past deed
    ("He urged calm, which had been lacking since the rebels ", "actual"),
    ("Tensions, which had risen sharply after the rebels ", "actual"),
    # an inverted condition opening the sentence or the clause does not
    ("Had the rebels ", "hypothetical"),
    ("Officials said that had the rebels ", "hypothetical"),
])
def test_a_relative_clause_is_no_inverted_condition(before: str, expected: str) -> None:
    assert classify(before, " the town on Monday.", "shelled") == expected


@pytest.mark.parametrize("text", [
    "The Kaltan envoy, Ruta Kalnins, who was visiting Kigali when the shelling began, "
    "rejected the accusation and said her country had nothing to do with it.",
    "The Kaltan envoy, Ruta Kalnins, who met the Rwandan president on Monday, denied the "
    "accusation.",
])
def test_the_speaker_stands_before_a_relative_clause_not_inside_it(
        kb: KnowledgeBase, text: str) -> None:
    rows = claims(graph(kb, text))
    assert rows and {r["who"].rsplit("/", 1)[-1] for r in rows} == {"ruta-kalnins"}
    assert "denies" in {stance(r) for r in rows}
