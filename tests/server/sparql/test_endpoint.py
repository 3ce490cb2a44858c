"""The SPARQL endpoint, graph store and documents API through Flask's test client."""

from __future__ import annotations

import json
import socket
import threading

import pyoxigraph as ox
import pytest
import rdflib

from conflict_kg.server import state
from tests.conftest import backend_of, embedded_only, get_when_ready, xfail_on_virtuoso
from tests.support.server import AUTH, make_app

G = "http://example.org/g"


def _count(client, query="SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }") -> int:
    response = client.get("/sparql", query_string={"query": query})
    return int(response.json["results"]["bindings"][0]["n"]["value"])


def test_results_in_every_format_parse_with_rdflib(client):
    literal = '"x,\\"y\\"\\n"@en'
    update = f"INSERT DATA {{ GRAPH <{G}> {{ <http://a> <http://p> {literal} , 2 , _:b }} }}"
    client.post("/update", data=update, content_type="application/sparql-update", headers=AUTH)
    query = "SELECT ?o { ?s ?p ?o } ORDER BY ?o"
    for fmt, parser in (("json", "json"), ("xml", "xml"), ("csv", "csv"), ("tsv", "tsv")):
        response = client.get("/sparql", query_string={"query": query, "format": fmt})
        assert response.status_code == 200
        result = rdflib.query.Result.parse(source=__import__("io").BytesIO(response.data),
                                           format=parser)
        assert len(list(result)) == 3, fmt


def test_union_default_graph_and_protocol_dataset(client):
    client.post("/update", headers=AUTH, content_type="application/sparql-update",
                data="INSERT DATA { GRAPH <http://g1> { <http://a> <http://p> 1 } "
                     "GRAPH <http://g2> { <http://b> <http://p> 2 } }")
    assert _count(client, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }") == 2
    assert _count(client, "SELECT (COUNT(*) AS ?n) FROM <http://g1> { ?s ?p ?o }") == 1
    response = client.get("/sparql", query_string={
        "query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "default-graph-uri": "http://g2"})
    assert response.json["results"]["bindings"][0]["n"]["value"] == "1"


@pytest.mark.parametrize("query", ["SELECT WHERE {", "ASK { ?s ?p }", "CONSTRUCT", "hello"])
def test_malformed_query_is_400_with_parser_message(client, query):
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 400
    assert "malformed query" in response.json["error"] and "error at" in response.json["error"]


def test_malformed_update_is_400(client):
    response = client.post("/update", data="INSERT DATA { <a> ", headers=AUTH,
                           content_type="application/sparql-update")
    assert response.status_code == 400 and "malformed update" in response.json["error"]


@pytest.mark.parametrize(("headers", "status"), [
    ({}, 401),
    ({"Authorization": "Bearer wrong"}, 401),
    ({"Authorization": "Basic czNjcmV0LXRva2Vu"}, 401),
])
def test_update_without_token_is_refused_and_changes_nothing(client, headers, status):
    before = _count(client)
    for path in ("/sparql", "/update"):
        update = f"INSERT DATA {{ GRAPH <{G}> {{ <http://a> <http://b> 1 }} }}"
        response = client.post(path, data=update,
                               content_type="application/sparql-update", headers=headers)
        assert response.status_code == status
        assert "WWW-Authenticate" in response.headers
    for method in ("put", "post", "delete"):
        response = getattr(client, method)(f"/store?graph={G}", data="<http://a> <http://b> 1 .",
                                           content_type="text/turtle", headers=headers)
        assert response.status_code == status
    response = client.post("/documents", data=b"---\nid: x\n---\nRussia.", headers=headers,
                           content_type="text/markdown")
    assert response.status_code == status
    assert _count(client) == before


def test_no_token_configured_means_read_only(store):
    client = make_app(store, update_token="").test_client()
    response = client.post("/update", data="CLEAR ALL", content_type="application/sparql-update",
                           headers=AUTH)
    assert response.status_code == 403 and "read-only" in response.json["error"]


def test_service_is_refused_and_no_connection_is_made(client):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(1.0)
    port = listener.getsockname()[1]
    accepted: list[object] = []

    def accept() -> None:
        try:
            accepted.append(listener.accept())
        except OSError:
            pass

    thread = threading.Thread(target=accept)
    thread.start()
    try:
        for query in (
            f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
            f"PREFIX e: <http://127.0.0.1:{port}/> "
            "SELECT * { SERVICE SILENT e:sparql { ?s ?p ?o } }",
            f"SELECT * {{ BIND(<http://127.0.0.1:{port}/x> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
            f"select * {{ service <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        ):
            response = client.get("/sparql", query_string={"query": query})
            assert response.status_code == 400, query
            assert "SERVICE" in response.json["error"]
        response = client.post("/update", headers=AUTH, content_type="application/sparql-update",
                               data=f"LOAD <http://127.0.0.1:{port}/data.ttl>")
        assert response.status_code == 400 and "LOAD" in response.json["error"]
    finally:
        thread.join()
        listener.close()
    assert accepted == []


def test_service_allow_list_lets_named_endpoint_through(store, capfd):
    import gc

    client = make_app(store, federation_allow=["http://127.0.0.1:9/sparql"]).test_client()
    response = client.get("/sparql", query_string={
        "query": "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"})
    assert response.status_code == 502 and "federated" in response.json["error"]
    gc.collect()
    assert "unsendable" not in capfd.readouterr().err


def test_service_silent_on_an_allowed_endpoint_that_fails(request, store):
    xfail_on_virtuoso(request, "Virtuoso 7 ignores SILENT when the SERVICE endpoint cannot be "
                               "reached: the query fails (HC001 Connection Error in HTTP Client)")
    client = make_app(store, federation_allow=["http://127.0.0.1:9/sparql"]).test_client()
    response = client.get("/sparql", query_string={
        "query": "SELECT * { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"})
    assert response.status_code == 200  # SILENT: the failed call yields no rows


def test_errors_cross_threads_without_the_workers_frames():
    """pyoxigraph results are unsendable: the worker's frames (which hold them)
    must not travel to the request thread inside an exception's traceback."""
    import traceback

    from conflict_kg.server.sparql.execution import QueryRunner

    def failing_producer(run):
        results = object()  # stands for a pyoxigraph result held by this frame
        raise ValueError(f"evaluation failed with {type(results).__name__}")

    runner = QueryRunner(slots=1, timeout=5, max_rows=0)
    execution = runner.start(failing_producer)
    with pytest.raises(ValueError) as caught:
        execution.first(1024)
    frames = [f.name for f in traceback.extract_tb(caught.value.__traceback__)]
    assert "failing_producer" not in frames


def test_row_cap_cuts_and_marks(store):
    client = make_app(store, max_result_rows=5).test_client()
    query = "SELECT ?i { VALUES ?i { 1 2 3 4 5 6 7 8 9 10 } }"
    response = client.get("/sparql", query_string={"query": query})
    assert len(response.json["results"]["bindings"]) == 5
    assert "X-Result-Truncated" in response.headers and response.json["truncated"] is True
    response = client.get("/sparql", query_string={"query": query.replace(" 6 7 8 9 10", ""),
                                                   "format": "xml"})
    assert "truncated" not in response.data.decode() and "X-Result-Truncated" not in \
        response.headers
    response = client.get("/sparql", query_string={"query": query, "format": "xml"})
    assert "truncated" in response.data.decode()


def test_request_size_cap_is_413(store):
    client = make_app(store, max_request_bytes=1000).test_client()
    response = client.post("/sparql", data="ASK {}" + " " * 2000,
                           content_type="application/sparql-query")
    assert response.status_code == 413


def test_busy_is_503(store):
    app = make_app(store, max_concurrent_queries=1)
    runner = state.of(app).runner
    release = threading.Event()
    execution = runner.start(lambda run: release.wait(5))
    try:
        response = app.test_client().get("/sparql", query_string={"query": "ASK {}"})
        assert response.status_code == 503 and "already running" in response.json["error"]
    finally:
        release.set()
        execution.finished.wait(5)


def test_timeout_before_first_byte_is_a_clear_503(request, store):
    app = make_app(store, query_timeout=0.5)
    store.add_to_graph(G, [ox.Triple(ox.NamedNode(f"http://e/{i}"), ox.NamedNode("http://p"),
                                     ox.Literal(str(i))) for i in range(200)])
    # 8M rows: a few seconds, longer than the timeout, short enough for the worker to end
    query = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    if backend_of(request) == "virtuoso":
        # Virtuoso counts that cross join without enumerating it (0.1 s); a filter on
        # each row makes it enumerate 8M rows (about 2 s, then the engine is free again).
        query = query.replace(" }", " FILTER(STR(?c) < STR(?f) && STR(?f) < STR(?i)) }")
    response = app.test_client().get("/sparql", query_string={"query": query})
    assert response.status_code == 503
    assert "timed out" in response.json["error"]


def test_cors_for_reads_only(store):
    client = make_app(store, cors_origins=["https://ok.example"]).test_client()
    origin = {"Origin": "https://ok.example"}
    response = client.get("/sparql", query_string={"query": "ASK {}"}, headers=origin)
    assert response.headers["Access-Control-Allow-Origin"] == "https://ok.example"
    response = client.get("/sparql", query_string={"query": "ASK {}"},
                          headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in response.headers
    preflight = client.options("/sparql", headers={**origin,
                                                   "Access-Control-Request-Method": "POST"})
    assert "Authorization" not in preflight.headers["Access-Control-Allow-Headers"]
    response = client.post("/update", data="CLEAR ALL", content_type="application/sparql-update",
                           headers={**origin, **AUTH})
    assert response.status_code == 204
    assert "Access-Control-Allow-Origin" not in response.headers
    response = client.put(f"/store?graph={G}", data="<http://a> <http://b> 1 .",
                          content_type="text/turtle", headers={**origin, **AUTH})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_default_graph_put_is_done_or_refused_with_a_message(request, store):
    client = make_app(store).test_client()
    response = client.put("/store?default", data="<http://a> <http://b> 1 .",
                          content_type="text/turtle", headers=AUTH)
    if backend_of(request) == "virtuoso":
        # No default graph of its own (test_w3c_manifests.FAILS_ON_VIRTUOSO): a clear 502,
        # and the scratch graph the body went to is gone.
        assert response.status_code == 502 and "default graph" in response.json["error"]
        assert store.graphs() == []
    else:
        assert response.status_code == 204
        get = client.get("/store?default", headers={"Accept": "application/n-triples"})
        assert get.data.decode().startswith("<http://a> <http://b> \"1\"^^")


def test_void_counts_triples_per_graph(client):
    client.put(f"/store?graph={G}", data="<http://a> <http://b> 1, 2, 3 .",
               content_type="text/turtle", headers=AUTH)
    response = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    g = rdflib.Graph().parse(data=response.data.decode(), format="turtle")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    subset = g.value(predicate=sd.name, object=rdflib.URIRef(G))
    assert int(g.value(subset, void.triples)) == 3


def test_metrics_count_queries_by_type_and_status(client):
    client.get("/sparql", query_string={"query": "ASK {}"}).close()
    client.get("/sparql", query_string={"query": "SELECT WHERE {"}).close()
    # The store's size is counted in the background: its line is there once counted.
    text = get_when_ready(client, "/metrics",
                          ready=lambda r: b"conflict_kg_store_quads" in r.data).data.decode()
    assert 'conflict_kg_sparql_requests_total{kind="ask",status="200"} 1' in text
    assert 'conflict_kg_sparql_requests_total{kind="select",status="400"} 1' in text
    assert "conflict_kg_sparql_duration_seconds_bucket" in text
    assert "conflict_kg_store_quads" in text


def test_documents_api_ingests_and_deletes(client, seed_path):
    with seed_path.open("rb") as f:
        response = client.post("/documents", headers=AUTH,
                               data={"file": (f, seed_path.name)},
                               content_type="multipart/form-data")
    assert response.status_code == 201, response.data
    (doc,) = response.json["documents"]
    assert doc["status"] == "ingested" and response.json["triples"] > 0
    assert doc["graph"] in client.get("/.well-known/void").data.decode()
    doc_id = doc["graph"].rsplit("/", 1)[1]
    assert client.delete(f"/documents/{doc_id}", headers=AUTH).status_code == 204
    assert client.delete(f"/documents/{doc_id}", headers=AUTH).status_code == 404
    query = "ASK { GRAPH ?g { ?s ?p ?o } }".replace("?g", "<" + doc["graph"] + ">")
    assert client.get("/sparql", query_string={"query": query}).json["boolean"] is False


def test_bad_document_is_422_problem_with_message(client):
    response = client.post("/documents?name=empty.md", data=b"   ", headers=AUTH,
                           content_type="text/markdown")
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert any("empty" in e for e in response.json["errors"])
    assert json.dumps(response.json)  # serializable, no temp paths
    assert "/tmp" not in response.data.decode()


def test_jsonld_remote_context_is_not_fetched(client):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(1.0)
    port = listener.getsockname()[1]
    body = json.dumps({"@context": f"http://127.0.0.1:{port}/context.jsonld",
                       "@id": "http://a", "name": "x"})
    try:
        response = client.put(f"/store?graph={G}", data=body, headers=AUTH,
                              content_type="application/ld+json")
        assert response.status_code == 400
        with pytest.raises(OSError):
            listener.accept()
    finally:
        listener.close()


def test_stuck_evaluation_keeps_its_slot_and_triggers_runaway_hook():
    from conflict_kg.server.sparql.execution import QueryRunner, QueryTimeout

    runner = QueryRunner(slots=1, timeout=0.2, max_rows=0, grace=0.2)
    called = threading.Event()
    runner.on_runaway = called.set
    release = threading.Event()
    execution = runner.start(lambda run: release.wait(10))  # stands for a step that never yields
    with pytest.raises(QueryTimeout):
        execution.first(1024)
    runner.abandon(execution)
    assert runner.abandoned == 1 and runner.running == 1
    with pytest.raises(Exception, match="already running"):
        runner.start(lambda run: None)
    assert called.wait(5)
    release.set()
    assert execution.finished.wait(5)
    assert runner.abandoned == 0


INFERRED = "https://w3id.org/conflict-kg/graph/inferred"


@pytest.mark.parametrize("via", ["update", "store"])
def test_writes_bring_inferences_up_to_date(client, via):
    data = ("<http://ex/a> a <http://ex/C> . "
            "<http://ex/C> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <http://ex/D> .")
    ask = {"query": f"ASK {{ GRAPH <{INFERRED}> {{ <http://ex/a> a <http://ex/D> }} }}"}
    if via == "update":
        response = client.post("/update", headers=AUTH, content_type="application/sparql-update",
                               data=f"INSERT DATA {{ GRAPH <{G}> {{ {data} }} }}")
    else:
        response = client.put(f"/store?graph={G}", data=data, content_type="text/turtle",
                              headers=AUTH)
    assert response.status_code in (201, 204)
    assert client.get("/sparql", query_string=ask).json["boolean"] is True
    if via == "update":
        response = client.post("/update", headers=AUTH, content_type="application/sparql-update",
                               data=f"DELETE DATA {{ GRAPH <{G}> {{ {data} }} }}")
    else:
        response = client.delete(f"/store?graph={G}", headers=AUTH)
    assert response.status_code == 204
    assert client.get("/sparql", query_string=ask).json["boolean"] is False


def test_numbers_written_later_bring_inferences_up_to_date(client):
    """The incremental path: the schema first (a T-box change: full reasoning), then
    triples with numbers as objects, in other graphs (only the new triples)."""
    # On Virtuoso 7 the reasoner's eq-rep-s rule with these numbers in its VALUES block
    # does not compile (SP031); the engine then joins the delta graph instead.
    schema = "<http://ex/p> <http://www.w3.org/2000/01/rdf-schema#domain> <http://ex/D> ."
    assert client.put(f"/store?graph={G}-schema", data=schema, content_type="text/turtle",
                      headers=AUTH).status_code == 201
    response = client.post("/update", headers=AUTH, content_type="application/sparql-update",
                           data="INSERT DATA { GRAPH <http://g1> { <http://ex/a> <http://ex/p> 1 }"
                                " GRAPH <http://g2> { <http://ex/b> <http://ex/p> 2 } }")
    assert response.status_code == 204
    ask = f"ASK {{ GRAPH <{INFERRED}> {{ <http://ex/a> a <http://ex/D> . <http://ex/b> a ?d }} }}"
    assert client.get("/sparql", query_string={"query": ask}).json["boolean"] is True


def test_large_results_stream_in_chunks_and_stay_whole(store):
    app = make_app(store)
    store.add_to_graph(G, [ox.Triple(ox.NamedNode(f"http://e/{i}"), ox.NamedNode("http://p"),
                                     ox.Literal("x" * 40)) for i in range(20_000)])
    client = app.test_client()
    response = client.get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o }"})
    assert response.is_streamed and "Content-Length" not in response.headers
    assert len(json.loads(response.data)["results"]["bindings"]) == 20_000
    response = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                          headers={"Accept": "application/n-triples"})
    assert response.is_streamed and len(response.data.splitlines()) == 20_000


@embedded_only("Virtuoso 7 sends a result only once it is complete (300 triples' 3-way "
               "join: 268 s before the first byte), so a deadline always passes before the "
               "response starts (test_timeout_before_first_byte_is_a_clear_503 runs there)")
def test_a_stream_past_its_deadline_is_cut_not_completed(store):
    from conflict_kg.server.sparql.execution import QueryTimeout

    # No row cap: 100,000 rows (the default cap) are written well within the second.
    app = make_app(store, query_timeout=1.0, max_result_rows=0)
    store.add_to_graph(G, [ox.Triple(ox.NamedNode(f"http://e/{i}"), ox.NamedNode("http://p"),
                                     ox.Literal(str(i))) for i in range(300)])
    query = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # rows flow at once, for minutes
    response = app.test_client().get("/sparql", query_string={"query": query})
    assert response.status_code == 200 and response.is_streamed
    with pytest.raises(QueryTimeout):
        for _ in response.response:
            pass


def test_ingest_server_flag_reports_an_unreachable_service(seed_path):
    from tests.conftest import free_port, run_cli

    result = run_cli("--update-token", "t", "ingest", "--server",
                     f"http://127.0.0.1:{free_port()}", str(seed_path))
    assert result.returncode == 1
    assert "cannot reach" in result.stderr
    no_token = run_cli("ingest", "--server", "http://127.0.0.1:9", str(seed_path))
    assert no_token.returncode == 2 and "token" in no_token.stderr


def test_an_unreachable_remote_store_is_a_502_with_a_message():
    from conflict_kg.store import RemoteEndpoints, RemoteStore
    from tests.conftest import free_port

    url = f"http://127.0.0.1:{free_port()}/sparql"
    remote = RemoteStore(RemoteEndpoints(query=url, update=url, timeout=2),
                         "https://w3id.org/conflict-kg/graph/")
    client = make_app(remote).test_client()
    response = client.get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o }"})
    assert response.status_code == 502 and "cannot reach" in response.json["error"]
    response = client.put(f"/store?graph={G}", data="<http://a> <http://b> 1 .",
                          content_type="text/turtle", headers=AUTH)
    assert response.status_code == 502 and response.is_json
