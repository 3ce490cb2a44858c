"""Dereferencing data and ontology IRIs: negotiation, twins, 404s, round trips."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.compare import isomorphic

from conflict_kg.server import create_app
from conflict_kg.settings import load_settings
from tests.conftest import get_when_ready
from tests.support.corpus import local

RUSSIA = "/id/state/russia"
SOCHI = "/id/agreement/russia/turkey/2018-09"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

NEGOTIATION = [
    # (Accept, expected media type)
    (BROWSER, "text/html"),
    ("text/html", "text/html"),
    ("*/*", "text/html"),
    ("", "text/html"),
    ("text/turtle", "text/turtle"),
    ("application/ld+json", "application/ld+json"),
    ("application/json", "application/ld+json"),
    ("application/n-triples", "application/n-triples"),
    ("application/rdf+xml", "application/rdf+xml"),
    ("application/trig", "application/trig"),
    ("application/n-quads", "application/n-quads"),
    ("text/turtle;q=0.5, application/ld+json;q=0.9", "application/ld+json"),
    ("application/rdf+xml;q=0.1, text/turtle", "text/turtle"),
    ("text/*", "text/html"),
]


@pytest.mark.parametrize("path", [RUSSIA, SOCHI])
@pytest.mark.parametrize(("accept", "expected"), NEGOTIATION)
def test_negotiation_table(client, path, accept, expected):
    headers = {"Accept": accept} if accept else {}
    response = client.get(path, headers=headers)
    assert response.status_code == 200
    assert response.mimetype == expected
    assert "Accept" in response.headers["Vary"]
    assert response.headers["Content-Location"].startswith(path + ".")


def test_unacceptable_type_is_406(client):
    response = client.get(RUSSIA, headers={"Accept": "image/png"})
    assert response.status_code == 406


SUFFIXES = [("ttl", "text/turtle", "turtle"), ("jsonld", "application/ld+json", "json-ld"),
            ("nt", "application/n-triples", "nt"), ("rdf", "application/rdf+xml", "xml")]


@pytest.mark.parametrize(("suffix", "media", "rdflib_format"), SUFFIXES)
def test_suffix_twins_match_negotiated_graph(client, suffix, media, rdflib_format):
    twin = client.get(f"{SOCHI}.{suffix}")
    negotiated = client.get(SOCHI, headers={"Accept": media})
    assert twin.status_code == 200 and twin.mimetype == media
    a = rdflib.Graph().parse(data=twin.data, format=rdflib_format)
    b = rdflib.Graph().parse(data=negotiated.data, format=rdflib_format)
    assert len(a) > 0 and isomorphic(a, b)


@pytest.mark.parametrize("path", [RUSSIA, SOCHI, "/id/document/il20-sochi-2018-09-18"])
def test_jsonld_round_trips_to_the_turtle_graph(client, path):
    turtle = rdflib.Graph().parse(data=client.get(path + ".ttl").data, format="turtle")
    jsonld = rdflib.Graph().parse(data=client.get(path + ".jsonld").data, format="json-ld")
    assert len(turtle) > 0
    assert isomorphic(turtle, jsonld)


def test_description_is_bounded_with_incoming_and_provenance(client):
    g = rdflib.Graph().parse(data=client.get(SOCHI + ".ttl").data, format="turtle")
    ck = rdflib.Namespace("https://w3id.org/conflict-kg/ontology#")
    nif = rdflib.Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    sochi = rdflib.URIRef("https://w3id.org/conflict-kg" + SOCHI)
    parties = set(g.objects(sochi, ck.party))
    assert rdflib.URIRef("https://w3id.org/conflict-kg/id/state/russia") in parties
    assert rdflib.URIRef("https://w3id.org/conflict-kg/id/state/turkey") in parties
    evidence = list(g.objects(sochi, ck.evidence))
    assert evidence, "the evidence mention is part of the description"
    sentences = [s for m in evidence for s in g.objects(m, ck.sentence)]
    texts = [str(t) for s in sentences for t in g.objects(s, nif.anchorOf)]
    assert any("demilitarized zone" in t for t in texts)
    # incoming: Russia's description holds the agreement's ck:party triple
    russia = rdflib.Graph().parse(data=client.get(RUSSIA + ".nt").data, format="nt")
    state = rdflib.URIRef("https://w3id.org/conflict-kg/id/state/russia")
    assert (sochi, ck.party, state) in russia


def test_trig_keeps_the_graph_of_each_triple(client):
    ds = rdflib.Dataset()
    ds.parse(data=client.get(SOCHI + ".trig").data, format="trig")
    graphs = {str(g.identifier) for g in ds.graphs()}
    assert "https://w3id.org/conflict-kg/graph/document/il20-sochi-2018-09-18" in graphs


@pytest.mark.parametrize("path", ["/id/state/atlantis", "/id/state/atlantis.ttl", "/id/a%20b",
                                  "/id/%3Cscript%3E", "/ontology/nosuchmodule",
                                  "/ontology/core/9.9.9", "/ontology.xyz"])
def test_unknown_resources_are_404(client, path):
    response = client.get(path, headers={"Accept": "text/turtle"})
    assert response.status_code == 404


def test_ontology_namespace_and_modules(client):
    html = client.get("/ontology", headers={"Accept": "text/html"})
    assert html.status_code == 200 and html.headers["Vary"] == "Accept"
    text = html.get_data(as_text=True)
    assert 'id="State"' in text and 'id="party"' in text
    g = rdflib.Graph().parse(data=client.get("/ontology.ttl").data, format="turtle")
    ck = rdflib.Namespace("https://w3id.org/conflict-kg/ontology#")
    assert (ck.State, rdflib.RDF.type, rdflib.OWL.Class) in g
    core = rdflib.Graph().parse(data=client.get("/ontology/core",
                                                headers={"Accept": "text/turtle"}).data,
                                format="turtle")
    module = rdflib.URIRef("https://w3id.org/conflict-kg/ontology/core")
    assert (module, rdflib.RDF.type, rdflib.OWL.Ontology) in core
    version = next(core.objects(module, rdflib.OWL.versionIRI))
    assert client.get(str(version).replace("https://w3id.org/conflict-kg", "")
                      + ".ttl").status_code == 200
    term = client.get("/ontology/State")
    assert term.status_code == 303 and term.headers["Location"].endswith("/ontology#State")


def test_ontology_page_counts_instances(client):
    text = get_when_ready(client, "/ontology").get_data(as_text=True)  # counts: background
    section = text[text.index('id="Agreement"'):]
    section = section[: section.index("</section>")]
    assert "instance" in section and "0 instances" not in section


def test_local_helper_matches_iri(iris):
    assert local(iris["russia"]) == RUSSIA


def test_link_header_lists_every_twin_and_head_works(client):
    response = client.get(RUSSIA, headers={"Accept": "text/turtle"})
    link = response.headers["Link"]
    for suffix, media in [("ttl", "text/turtle"), ("jsonld", "application/ld+json"),
                          ("nt", "application/n-triples"), ("rdf", "application/rdf+xml")]:
        assert f'<{RUSSIA}.{suffix}>; rel="alternate"; type="{media}"' in link
    head = client.head(RUSSIA, headers={"Accept": "text/turtle"})
    assert head.status_code == 200 and head.mimetype == "text/turtle" and head.data == b""
    assert client.head("/id/state/atlantis").status_code == 404


def test_cors_follows_the_cors_origins_setting(corpus):
    store, _ = corpus
    settings = load_settings({"store": ":memory:", "cors_origins": ["https://app.example"]},
                             environ={})
    client = create_app(settings, store=store).test_client()
    for path in (RUSSIA + ".ttl", "/ontology.ttl", "/queries", "/openapi.json"):
        allowed = client.get(path, headers={"Origin": "https://app.example"})
        assert allowed.headers["Access-Control-Allow-Origin"] == "https://app.example", path
        other = client.get(path, headers={"Origin": "https://elsewhere.example"})
        assert "Access-Control-Allow-Origin" not in other.headers, path
