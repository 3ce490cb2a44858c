"""The analyst query forms take a name where they ask for an entity's IRI, resolved
with the lookup of /search; a name that is no one's, or several entities', is a 400
that says so (a query never runs on a guess)."""

from __future__ import annotations

from tests.conftest import BASE

CSV = {"Accept": "text/csv"}


def test_a_label_gives_the_same_answer_as_the_iri(client):
    by_iri = client.get("/queries/actor-timeline",
                        query_string={"actor": BASE + "id/state/russia"}, headers=CSV)
    by_name = client.get("/queries/actor-timeline", query_string={"actor": "Russia"},
                         headers=CSV)
    assert by_iri.status_code == by_name.status_code == 200, by_name.data
    assert by_name.data == by_iri.data
    assert by_iri.data.count(b"\n") > 1  # the actor has events: the answer is not empty


def test_an_alternative_label_resolves_too(client):
    by_iri = client.get("/queries/actor-timeline",
                        query_string={"actor": BASE + "id/person/vladimir-putin"}, headers=CSV)
    by_alt = client.get("/queries/actor-timeline", query_string={"actor": "Putin"},
                        headers=CSV)
    assert by_alt.status_code == 200 and by_alt.data == by_iri.data


def test_unknown_and_ambiguous_names_are_400_with_candidates(client):
    unknown = client.get("/queries/actor-timeline", query_string={"actor": "Qqzzyx"},
                         headers={"Accept": "application/json"})
    assert unknown.status_code == 400
    assert "no entity is named 'Qqzzyx'" in unknown.json["error"]
    ambiguous = client.get("/queries/actor-timeline", query_string={"actor": "Syria"},
                           headers={"Accept": "application/json"})
    if ambiguous.status_code == 400:  # several exact "Syria"s: the message lists them
        assert "give its IRI" in ambiguous.json["error"]
    vague = client.get("/queries/actor-timeline", query_string={"actor": "air"},
                       headers={"Accept": "application/json"})
    assert vague.status_code == 400 and "more than one entity" in vague.json["error"]


def test_the_html_form_says_it_takes_a_name_and_keeps_it(client):
    page = client.get("/queries/actor-timeline", query_string={"actor": "Russia"},
                      headers={"Accept": "text/html"})
    assert page.status_code == 200
    text = page.data.decode()
    assert "or a name" in text and 'value="Russia"' in text
