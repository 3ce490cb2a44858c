"""Accept negotiation as a table of cases, for the module and the endpoint."""

from __future__ import annotations

import pytest

from conflict_kg.server.http.negotiation import negotiate, parse_accept

RDF = ["text/turtle", "application/n-triples", "application/ld+json"]


@pytest.mark.parametrize(("accept", "offers", "chosen"), [
    (None, RDF, "text/turtle"),
    ("", RDF, "text/turtle"),
    ("*/*", RDF, "text/turtle"),
    ("*", RDF, "text/turtle"),
    ("application/n-triples", RDF, "application/n-triples"),
    ("APPLICATION/N-Triples", RDF, "application/n-triples"),
    ("text/turtle;q=0.2, application/ld+json;q=0.8", RDF, "application/ld+json"),
    ("text/*", RDF, "text/turtle"),
    ("application/*;q=0.5, text/turtle;q=0.1", RDF, "application/n-triples"),
    ("*/*;q=0.1, application/ld+json", RDF, "application/ld+json"),
    ("text/turtle;q=0, */*", RDF, "application/n-triples"),
    ("image/png", RDF, None),
    ("text/turtle;q=0", RDF, None),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", RDF, "text/turtle"),
    ("garbage, application/ld+json", RDF, "application/ld+json"),
    ("text/turtle;q=abc, application/n-triples;q=0.5", RDF, "application/n-triples"),
    ("text/turtle; charset=utf-8", RDF, "text/turtle"),
    ("application/ld+json, text/turtle", RDF, "text/turtle"),  # tie: server order
    ("*/*", [], None),
])
def test_negotiate(accept, offers, chosen):
    assert negotiate(accept, offers) == chosen


def test_parse_accept_keeps_params_and_q():
    (r,) = parse_accept('text/turtle; charset="utf-8"; q=0.7')
    assert (r.type, r.subtype, r.q, r.params) == ("text", "turtle", 0.7, (("charset", "utf-8"),))


SELECT = "SELECT ?x { VALUES ?x { 1 } }"
CONSTRUCT = "CONSTRUCT { <http://a> <http://b> 1 } WHERE {}"
ASK = "ASK {}"


@pytest.mark.parametrize(("query", "accept", "fmt", "status", "mimetype"), [
    (SELECT, None, None, 200, "application/sparql-results+json"),
    (SELECT, "*/*", None, 200, "application/sparql-results+json"),
    (SELECT, "application/sparql-results+xml", None, 200, "application/sparql-results+xml"),
    (SELECT, "application/json", None, 200, "application/sparql-results+json"),
    (SELECT, "text/csv", None, 200, "text/csv"),
    (SELECT, "text/tab-separated-values", None, 200, "text/tab-separated-values"),
    (SELECT, "text/csv;q=0.5, text/tab-separated-values", None, 200, "text/tab-separated-values"),
    (SELECT, "text/turtle", None, 406, "application/json"),
    (SELECT, "text/turtle", "csv", 200, "text/csv"),
    (SELECT, None, "xml", 200, "application/sparql-results+xml"),
    (SELECT, None, "turtle", 406, "application/json"),
    (ASK, None, None, 200, "application/sparql-results+json"),
    (ASK, "application/sparql-results+xml", None, 200, "application/sparql-results+xml"),
    (ASK, "text/csv", None, 406, "application/json"),
    (CONSTRUCT, None, None, 200, "text/turtle"),
    (CONSTRUCT, "application/n-triples", None, 200, "application/n-triples"),
    (CONSTRUCT, "text/plain", None, 200, "application/n-triples"),
    (CONSTRUCT, "application/n-quads", None, 200, "application/n-quads"),
    (CONSTRUCT, "application/trig", None, 200, "application/trig"),
    (CONSTRUCT, "application/ld+json", None, 200, "application/ld+json"),
    (CONSTRUCT, "application/rdf+xml", None, 200, "application/rdf+xml"),
    (CONSTRUCT, "application/sparql-results+json", None, 406, "application/json"),
    (CONSTRUCT, None, "jsonld", 200, "application/ld+json"),
    (CONSTRUCT, None, "nt", 200, "application/n-triples"),
])
def test_endpoint_negotiation(client, query, accept, fmt, status, mimetype):
    params = {"query": query} | ({"format": fmt} if fmt else {})
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", query_string=params, headers=headers)
    assert response.status_code == status, response.data
    assert response.mimetype == mimetype
    assert response.headers.get("Vary") == "Accept" or status != 200
