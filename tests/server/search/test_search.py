"""``/search``: partial names find the seed's actors, with their class and a link to
this server's page; limits are 400s that say which; labels are escaped."""

from __future__ import annotations

import re

import pyoxigraph as ox
from markupsafe import escape

from conflict_kg.namespaces import ITSRDF, RDF
from conflict_kg.server.search.views import MAX_LIMIT, MAX_QUERY_CHARS
from tests.conftest import BASE, SEED

JSON = {"Accept": "application/json"}

# The entities the seed article mentions most: its main actors, whatever they are.
_MOST_MENTIONED = f"""SELECT ?e (COUNT(?m) AS ?n) WHERE {{
  GRAPH ?g {{ ?m <{ITSRDF}taIdentRef> ?e }} FILTER(CONTAINS(STR(?g), ?stem))
  FILTER(STRSTARTS(STR(?e), "{BASE}id/")) }} GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 6"""
_PREF_LABEL = """SELECT ?l WHERE { ?e <http://www.w3.org/2004/02/skos/core#prefLabel>
  |<http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l LIMIT 1"""


def _search(client, q: str, **params: object) -> list[dict]:  # type: ignore[no-untyped-def]
    response = client.get("/search", query_string={"q": q, **params}, headers=JSON)
    assert response.status_code == 200, response.data
    assert response.mimetype == "application/json"
    return list(response.json["results"])


def _main_actors(store) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    rows = store.query(_MOST_MENTIONED, substitutions={"stem": ox.Literal(SEED.stem)})
    actors = []
    for row in rows:
        for label in store.query(_PREF_LABEL, substitutions={"e": row["e"]}):
            actors.append((row["e"].value, label["l"].value))
    assert len(actors) >= 4, actors
    return actors


def test_partial_names_find_the_seeds_main_actors(client, corpus):
    for iri, label in _main_actors(corpus):
        # the start of the label's longest word: a partial name as an analyst types it
        word = max(re.findall(r"\w+", label), key=len)
        partial = word[: max(3, len(word) - 2)]
        hits = _search(client, partial, limit=MAX_LIMIT)
        found = [h for h in hits if h["iri"] == iri]
        assert found, (partial, label, [h["label"] for h in hits[:10]])
        hit = found[0]
        assert hit["href"] == "/" + iri[len(BASE):]  # this server's page
        assert hit["match"] in ("prefix", "words", "exact")
        # the class shown is one of the entity's classes
        assert hit["class"] is not None and hit["class"]["label"]
        assert corpus.query("ASK { ?e a ?c }", substitutions={
            "e": ox.NamedNode(iri), "c": ox.NamedNode(hit["class"]["iri"])})


def test_ranking_exact_before_prefix_before_words_and_mentions_break_ties(client):
    hits = _search(client, "russia", limit=MAX_LIMIT)
    assert hits[0]["iri"] == BASE + "id/state/russia" and hits[0]["match"] == "exact"
    order = ["exact", "prefix", "words"]
    ranks = [(order.index(h["match"]), h["alternative"]) for h in hits]
    assert ranks == sorted(ranks)
    same = [h["mentions"] for h in hits if (h["match"], h["alternative"]) == ("prefix", False)]
    assert same == sorted(same, reverse=True) and len(same) > 2


def test_case_and_diacritics_do_not_matter(client):
    plain = _search(client, "erdogan")
    assert any(h["iri"].endswith("/recep-tayyip-erdogan") for h in plain)
    assert [h["iri"] for h in _search(client, "ERDOĞAN")] == [h["iri"] for h in plain]


def test_the_html_page_links_hits_here_in_the_same_tab(client):
    response = client.get("/search", query_string={"q": "shoig"})
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.data.decode()
    assert 'href="/id/person/sergei-shoigu"' in page
    assert 'target=' not in page
    assert '<span class="badge"' in page
    assert "Content-Security-Policy" in response.headers


def test_every_page_has_the_search_box(client):
    for path in ("/", "/browse", "/queries", "/id/state/russia", "/search"):
        page = client.get(path, headers={"Accept": "text/html"}).data.decode()
        assert re.search(r'<form class="site-search" role="search" method="get" '
                         r'action="/search">', page), path
        assert 'name="q"' in page and "/static/search.js" in page


def test_the_script_is_served_here(client):
    response = client.get("/static/search.js")
    assert response.status_code == 200
    assert b"innerHTML" not in response.data  # labels go in as text only


def test_limits_are_400_with_a_clear_message(client):
    cases = [
        ({"q": "x" * (MAX_QUERY_CHARS + 1)}, f"at most {MAX_QUERY_CHARS} characters"),
        ({"q": "russia", "limit": str(MAX_LIMIT + 1)}, f"from 1 to {MAX_LIMIT}"),
        ({"q": "russia", "limit": "many"}, "limit"),
        ({"q": "russia", "format": "xml"}, "format"),
    ]
    for params, message in cases:
        response = client.get("/search", query_string=params, headers=JSON)
        assert response.status_code == 400, params
        assert message in response.json["error"], (params, response.json)
    page = client.get("/search", query_string={"q": "x" * (MAX_QUERY_CHARS + 1)})
    assert page.status_code == 400 and page.mimetype == "text/html"
    assert f"at most {MAX_QUERY_CHARS} characters" in page.data.decode()


def test_no_query_no_hits(client):
    response = client.get("/search", query_string={"q": "  "}, headers=JSON)
    assert response.status_code == 200 and response.json["results"] == []


def test_json_by_format_parameter(client):
    response = client.get("/search", query_string={"q": "israel", "format": "json"})
    assert response.mimetype == "application/json"
    assert response.json["results"][0]["iri"] == BASE + "id/state/israel"


def test_openapi_documents_search_and_reconcile(client):
    doc = client.get("/openapi.json").json
    search = doc["paths"]["/search"]["get"]
    assert {p["name"] for p in search["parameters"]} >= {"q", "limit"}
    assert "application/json" in search["responses"]["200"]["content"]
    assert "400" in search["responses"]
    assert {"get", "post"} <= set(doc["paths"]["/reconcile"])


def test_types_of_hits_are_rdf_types(corpus, client):
    for hit in _search(client, "syr", limit=30):
        if hit["class"] is not None:
            assert corpus.query(f"ASK {{ ?e <{RDF}type> ?c }}", substitutions={
                "e": ox.NamedNode(hit["iri"]), "c": ox.NamedNode(hit["class"]["iri"])})


def test_html_escapes_what_it_shows(client):
    page = client.get("/search", query_string={"q": '<b>"x'}).data.decode()
    assert "<b>" not in page.split("<main>", 1)[1]
    assert str(escape('<b>"x')) in page
