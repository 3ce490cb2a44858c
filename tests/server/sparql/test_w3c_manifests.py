"""The W3C SPARQL 1.1 Protocol and Graph Store Protocol test suites, replayed
against the app: every test passes or is listed (with its reason) in
docs/sparql-service.md and in NOT_APPLICABLE below."""

from __future__ import annotations

import pytest
import rdflib

from conflict_kg.store import GraphStore
from tests.conftest import xfail_on_virtuoso
from tests.support.paths import REPO_ROOT
from tests.support.server import AUTH, make_app
from tests.support.w3c import (
    RDF_TYPES,
    RESULT_TYPES,
    SUITE,
    Case,
    boolean_of,
    load_if_present,
    same_graph,
    status_ok,
)

PROTOCOL = load_if_present(SUITE / "protocol" / "manifest.ttl")
GSP = load_if_present(SUITE / "graph-store-protocol" / "manifest.ttl")
DEPRECATED = load_if_present(SUITE / "http-rdf-update" / "manifest.ttl")
# Without ../shared: one placeholder, skipped as needs_shared (not an empty parameter set).
CASES = PROTOCOL + GSP or [pytest.param(None, id="manifests-not-found")]
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")

# Tests that do not apply, with the reason (also in docs/sparql-service.md).
NOT_APPLICABLE: dict[str, str] = {}
# Tests Virtuoso 7 fails, with the reason (also in docs/scaling.md): strict xfail there.
FAILS_ON_VIRTUOSO: dict[str, str] = {
    "graph-store-protocol/manifest-indirect.ttl#put_get_default":
        "Virtuoso 7 has no default graph of its own (its default graph is the union of "
        "every graph): MOVE ... TO DEFAULT is refused (SP031), so PUT ?default is a 502",
}


def _replay(case: Case, store: GraphStore) -> None:
    store_app = make_app(store)
    for file, graph in case.data:
        store.load_file(file, graph)
    client = store_app.test_client()
    variables: dict[str, str] = {}
    for number, req in enumerate(case.requests, 1):
        path, body = req.path, req.body
        for name, value in variables.items():
            path = path.replace(name, value)
            body = body.replace(name.encode(), value.encode()) if body is not None else None
        headers = {**AUTH, **req.headers}
        kwargs: dict[str, object] = {"headers": headers, "base_url": "http://www.example/"}
        if body is not None:
            kwargs["data"] = body
        response = client.open(path, method=req.method, **kwargs)
        where = f"{case.id} request {number} ({req.method} {path})"
        assert status_ok(response.status_code, req.expected_status), \
            f"{where}: status {response.status_code} not in {req.expected_status}: " \
            f"{response.data[:300]!r}"
        if req.location_var:
            assert "Location" in response.headers, f"{where}: no Location header"
            variables[req.location_var] = response.headers["Location"]
        if req.expected_format == "boolean" or req.expected_boolean is not None:
            assert response.mimetype in RESULT_TYPES, where
        if req.expected_boolean is not None:
            assert boolean_of(response.mimetype, response.data) is req.expected_boolean, where
        if req.expected_format == "tabular":
            assert response.mimetype in RESULT_TYPES, where
        if req.expected_format == "RDF":
            assert response.mimetype in RDF_TYPES, where
        if req.expected_type:
            assert response.mimetype == req.expected_type.split(";")[0].strip(), where
        if req.expected_body and req.method == "GET":
            assert same_graph(req.expected_body, response.data, response.mimetype), \
                f"{where}: graph differs: {response.data.decode()}"


@pytest.mark.needs_shared
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_w3c(case: Case, store: GraphStore, request: pytest.FixtureRequest) -> None:
    if case.id in FAILS_ON_VIRTUOSO:
        xfail_on_virtuoso(request, FAILS_ON_VIRTUOSO[case.id])
    if case.id in NOT_APPLICABLE:
        pytest.fail(f"listed as not applicable, so it must not be run: {case.id}")
    assert case.requests, f"{case.id} has no requests"
    _replay(case, store)


@pytest.mark.needs_shared
def test_manifests_were_read() -> None:
    assert len(PROTOCOL) == 34
    # manifest-direct.ttl defines head_non_existing_direct but does not list it
    assert len(GSP) == 13


@pytest.mark.needs_shared
def test_deprecated_suite_is_all_deprecated_and_documented() -> None:
    """http-rdf-update is superseded by graph-store-protocol: every entry is
    deprecated and has no machine-readable request; the docs say so."""
    assert DEPRECATED and all(c.approval == "Deprecated" for c in DEPRECATED)
    assert all(not c.requests for c in DEPRECATED)
    docs = (REPO_ROOT / "docs" / "sparql-service.md").read_text(encoding="utf-8")
    assert "http-rdf-update" in docs
    for case_id, reason in NOT_APPLICABLE.items():
        assert case_id in docs and reason


def _service_description(client) -> rdflib.Graph:  # type: ignore[no-untyped-def]
    response = client.get("/sparql", base_url="http://www.example/",
                          headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.mimetype == "text/turtle"
    return rdflib.Graph().parse(data=response.data.decode(), format="turtle")


def test_sd_returns_rdf(store: GraphStore) -> None:
    """service-description/manifest.ttl#returns-rdf"""
    assert len(_service_description(make_app(store).test_client())) > 0


def test_sd_has_endpoint_triple(store: GraphStore) -> None:
    """service-description/manifest.ttl#has-endpoint-triple"""
    g = _service_description(make_app(store).test_client())
    assert (None, SD.endpoint, rdflib.URIRef("http://www.example/sparql")) in g


def test_sd_conforms_to_schema(store: GraphStore) -> None:
    """service-description/manifest.ttl#conforms-to-schema: every sd: term used
    is declared by the SD vocabulary, and the service has its required parts."""
    g = _service_description(make_app(store).test_client())
    declared = {"Service", "endpoint", "supportedLanguage", "SPARQL11Query", "SPARQL11Update",
                "feature", "UnionDefaultGraph", "BasicFederatedQuery", "resultFormat",
                "defaultDataset", "Dataset", "defaultGraph", "Graph", "namedGraph", "name",
                "graph", "NamedGraph"}
    used = {str(t).removeprefix(str(SD)) for triple in g for t in triple
            if isinstance(t, rdflib.URIRef) and str(t).startswith(str(SD))}
    assert used <= declared, used - declared
    service = next(g.subjects(rdflib.RDF.type, SD.Service))
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in g
    assert g.value(service, SD.defaultDataset) is not None
