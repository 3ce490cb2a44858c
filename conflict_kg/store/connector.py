"""The HTTP side of a remote SPARQL 1.1 engine: requests, authentication, timeouts, errors.

:class:`SparqlConnector` speaks the SPARQL 1.1 Protocol (query and update as
form posts) and the Graph Store HTTP Protocol (a graph's N-Triples, ``PUT`` or
``POST``), and turns what comes back into pyoxigraph result objects.  It knows
nothing of graphs, staging or datasets: that is :class:`~conflict_kg.store.remote.RemoteStore`,
which builds the requests (as rdflib's ``SPARQLStore`` sits on its ``SPARQLConnector``).

Errors are mapped once, here: a 400 answer is the engine refusing the text
(:class:`SyntaxError`, as pyoxigraph raises), any other failure a
:class:`~conflict_kg.store.base.StoreError` naming the URL.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from conflict_kg.store.base import StoreError

__all__ = ["RemoteEndpoints", "SparqlConnector"]

RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"


@dataclass(frozen=True)
class RemoteEndpoints:
    query: str
    update: str
    graph_store: str | None = None
    user: str | None = None
    password: str | None = None
    timeout: float = 120.0


def _opener(endpoints: RemoteEndpoints) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = []
    if endpoints.user:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        for url in (endpoints.query, endpoints.update, endpoints.graph_store):
            if url:
                passwords.add_password(None, url, endpoints.user, endpoints.password or "")
        handlers += [
            urllib.request.HTTPBasicAuthHandler(passwords),
            urllib.request.HTTPDigestAuthHandler(passwords),
        ]
    return urllib.request.build_opener(*handlers)


def normalise_json(payload: dict[str, Any]) -> dict[str, Any]:
    """Fix SPARQL 2008-era JSON (typed-literal, nodeID:// blank nodes, Virtuoso's ASK)."""
    variables = payload.get("head", {}).get("vars", [])
    if "boolean" not in payload and variables == ["__ASK_RETVAL"]:
        bindings = payload.get("results", {}).get("bindings", [])
        value = bool(bindings) and bindings[0]["__ASK_RETVAL"]["value"] not in ("0", "false")
        return {"head": {}, "boolean": value}
    for binding in payload.get("results", {}).get("bindings", []):
        for term in binding.values():
            if term.get("type") == "typed-literal":
                term["type"] = "literal"
            if term.get("type") == "bnode" and term["value"].startswith("nodeID://"):
                term["value"] = term["value"][len("nodeID://") :]
    payload.get("head", {}).pop("link", None)
    return payload


def _as_query_triples(data: bytes) -> Any:
    # Results of CONSTRUCT/DESCRIBE as the same QueryTriples type the embedded store returns.
    scratch = ox.Store()
    scratch.load(data, ox.RdfFormat.N_TRIPLES)
    return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")


class SparqlConnector:
    """One engine's endpoints over HTTP; every call is its own request."""

    def __init__(self, endpoints: RemoteEndpoints) -> None:
        self.endpoints = endpoints
        self.location = endpoints.query
        self._http = _opener(endpoints)

    def _send(self, request: urllib.request.Request) -> tuple[str, bytes]:
        try:
            with self._http.open(request, timeout=self.endpoints.timeout) as response:
                return response.headers.get_content_type(), response.read()
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace").strip().splitlines()
            detail = " ".join(line.strip() for line in body[:3]) if body else exc.reason
            if exc.code == 400:
                raise SyntaxError(f"{self.location} rejected the request: {detail}") from None
            raise StoreError(f"{request.full_url} answered {exc.code}: {detail}") from None
        except OSError as exc:
            raise StoreError(f"cannot reach {request.full_url}: {exc}") from None

    def _post_form(self, url: str, fields: list[tuple[str, str]], accept: str) -> tuple[str, bytes]:
        body = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(
            url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
        )
        return self._send(request)

    # -- SPARQL 1.1 Protocol ------------------------------------------------------
    def query(self, fields: list[tuple[str, str]], graph_result: bool) -> Any:
        """Post a query (``fields``: ``query`` and its dataset parameters); the answer as
        pyoxigraph results (``graph_result``: CONSTRUCT/DESCRIBE, asked as N-Triples)."""
        accept = N_TRIPLES if graph_result else RESULTS_JSON
        content_type, data = self._post_form(self.endpoints.query, fields, accept)
        if content_type in ("application/sparql-results+json", "application/json"):
            payload = normalise_json(json.loads(data))
            return ox.parse_query_results(
                json.dumps(payload).encode(), format=ox.QueryResultsFormat.JSON
            )
        if content_type in ("application/n-triples", "text/plain", "text/ntriples"):
            return _as_query_triples(data)
        raise StoreError(f"{self.location} answered with unexpected type {content_type}")

    def select_json(self, sparql: str) -> dict[str, Any]:
        """A SELECT's answer as the JSON document itself (no dataset parameters)."""
        _, data = self._post_form(self.endpoints.query, [("query", sparql)], RESULTS_JSON)
        payload: dict[str, Any] = json.loads(data)
        return payload

    def update(self, sparql: str) -> None:
        self._post_form(self.endpoints.update, [("update", sparql)], "*/*")

    # -- Graph Store HTTP Protocol ------------------------------------------------
    @property
    def has_graph_store(self) -> bool:
        return bool(self.endpoints.graph_store)

    def _graph_store_url(self, graph: str) -> str:
        assert self.endpoints.graph_store is not None
        separator = "&" if "?" in self.endpoints.graph_store else "?"
        return self.endpoints.graph_store + separator + urllib.parse.urlencode({"graph": graph})

    def put_graph(self, graph: str, ntriples: bytes) -> None:
        """Replace ``graph`` with these N-Triples in one request."""
        self._send(urllib.request.Request(
            self._graph_store_url(graph), data=ntriples, method="PUT",
            headers={"Content-Type": N_TRIPLES}))

    def post_graph(self, graph: str, ntriples: bytes) -> None:
        """Add these N-Triples to ``graph`` in one request."""
        self._send(urllib.request.Request(
            self._graph_store_url(graph), data=ntriples, method="POST",
            headers={"Content-Type": N_TRIPLES}))
