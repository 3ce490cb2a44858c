"""The agreement and event cards, /contested, /network and Browse from the analyst's classes."""

from __future__ import annotations

from tests.conftest import get_when_ready

AGREEMENT = "/id/agreement/russia/turkey/2018-09"
SHOOTDOWN = "/id/event/shootdown/2018-09-17/russia"


def html(client, path: str) -> str:
    response = get_when_ready(client, path, headers={"Accept": "text/html"})
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def _section(page: str, cls: str) -> str:
    start = page.index(f'<section class="card {cls}">')
    return page[start:page.index("</section>", start)]


def test_agreement_card_has_terms_with_their_numbers_and_own_sentences(client):
    card = _section(html(client, AGREEMENT), "agreement-card")
    assert 'href="/id/state/russia"' in card and 'href="/id/state/turkey"' in card
    assert "2018-09-17" in card and 'href="/id/place/sochi"' in card
    assert "by 2018-10-10" in card  # the withdrawal deadline, in words
    assert "15–20 kilometres" in card  # the zone's width
    assert "from 2018-10-15" in card
    # each provision cites the sentence it was extracted from, not the document's others
    withdrawal = card[card.index("Withdrawal provision"):]
    withdrawal = withdrawal[:withdrawal.index("</li>")]
    assert "heavy" in withdrawal.lower() and "October 10" in withdrawal
    assert "patrolled by Turkish and Russian" not in withdrawal


def test_event_card_who_what_whom_and_claims_for_and_against(client):
    card = _section(html(client, SHOOTDOWN), "event-card")
    assert "Syria: shootdown of" in card
    assert 'href="/id/place/latakia"' in card and "2018-09-17" in card
    assert "15 people" in card  # deaths, with its own sentence
    against = card[card.index("side-against"):]
    assert 'href="/id/person/vladimir-putin"' in against and "denies" in against
    assert "blames" in card[card.index("side-for"):card.index("side-against")]


def test_contested_lists_the_denied_event_with_both_sides(client):
    page = html(client, "/contested")
    denial = page[page.index("contested-denials"):]
    assert 'href="/id/event/shootdown/2018-09-17/russia"' in denial
    assert "Denied" in denial and "Asserted or attributed" in denial


def test_network_json_has_claim_edges_and_agreement_partners(client):
    data = client.get("/network.json").json
    edges = {(e["source"].rsplit("/id/", 1)[1], e["kind"], e["target"].rsplit("/id/", 1)[1])
             for e in data["edges"]}
    assert ("state/russia", "blames", "state/israel") in edges
    assert ("state/russia", "agreement", "state/turkey") in edges
    blame = next(e for e in data["edges"] if e["kind"] == "blames")
    assert blame["weight"] == len(blame["claims"]) >= 1
    assert blame["claims"][0]["href"].startswith("/id/claim/")
    focused = client.get("/network.json", query_string={"focus": "/id/state/turkey"}).json
    assert focused["edges"] and all(
        "/id/state/turkey" in (e["source"] + " " + e["target"]) for e in focused["edges"])


def test_network_page_and_section(client):
    page = html(client, "/network")
    assert 'id="network-data"' in page and "vendor/cytoscape/cytoscape.min.js" in page
    assert "network-edges" in page and 'href="/id/state/israel"' in page
    russia = html(client, "/id/state/russia")
    assert 'data-src="/network.json?focus=' in russia


def test_bad_focus_is_400_with_a_clear_message(client):
    for bad in ("not an iri", "https://x.example/a> } ; DROP ALL ; SELECT * { ?s ?p ?o",
                "javascript:alert(1)"):
        response = client.get("/network.json", query_string={"focus": bad})
        assert response.status_code == 400, bad
        assert "focus" in response.json["error"]
        page = client.get("/network", query_string={"focus": bad})
        assert page.status_code == 400
        assert "focus must be" in page.get_data(as_text=True) or "not a valid IRI" in \
            page.get_data(as_text=True)


def test_browse_starts_from_the_analysts_classes(client):
    page = html(client, "/browse")
    groups = page[page.index('class="analyst-classes"'):page.index("</ul>",
                                                                    page.index("analyst-classes"))]
    for title in ("States", "Armed forces", "Armed groups", "Persons", "Weapon systems",
                  "Events", "Agreements", "Claims", "Documents"):
        assert f">{title}</a>" in groups, title
    assert "mention" not in groups.lower() and "sentence" not in groups.lower()
    events = html(client, "/browse?class=https://w3id.org/conflict-kg/ontology%23Event")
    assert 'href="/id/event/shootdown/2018-09-17/russia"' in events  # a subclass's instance
