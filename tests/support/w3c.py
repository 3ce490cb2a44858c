"""Reads the W3C SPARQL 1.1 Protocol and Graph Store Protocol manifests (with
rdflib) and replays their HTTP requests against the app's test client."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import rdflib
from rdflib.collection import Collection
from rdflib.compare import isomorphic

from tests.support.paths import W3C_SUITE

SUITE = W3C_SUITE  # in ../shared: may be absent (see load_if_present)
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
HTS = rdflib.Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
DAWG = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#")

# Path prefixes of the manifests, mapped onto this service's endpoints.
PATHS = (("/sparql/", "/sparql"), ("/gsp", "/store"))
STATUS_NAMES = {"OK": 200, "Created": 201, "NoContent": 204, "NotFound": 404}
RESULT_TYPES = {"application/sparql-results+json", "application/sparql-results+xml",
                "text/csv", "text/tab-separated-values"}
RDF_TYPES = {"text/turtle", "application/n-triples", "application/rdf+xml",
             "application/ld+json", "application/n-quads", "application/trig"}


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    expected_status: list[str]
    expected_boolean: bool | None = None
    expected_format: str | None = None
    expected_type: str | None = None
    expected_body: str | None = None
    location_var: str | None = None


@dataclass
class Case:
    manifest: str
    name: str
    label: str
    approval: str | None
    data: list[tuple[Path, str]] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.manifest}#{self.name}"


def _headers(g: rdflib.Graph, node: rdflib.term.Node) -> dict[str, str]:
    headers: dict[str, str] = {}
    for lst in g.objects(node, HT.headers):
        for header in Collection(g, lst):
            headers[str(g.value(header, HT.fieldName)).lower()] = str(
                g.value(header, HT.fieldValue))
    return headers


def _body(g: rdflib.Graph, node: rdflib.term.Node) -> tuple[str | None, str]:
    body = g.value(node, HT.body)
    if body is None:
        return None, "UTF-8"
    return str(g.value(body, CNT.chars)), str(g.value(body, CNT.characterEncoding) or "UTF-8")


def _map_path(path: str) -> str:
    for old, new in PATHS:
        if path.startswith(old):
            return new + path[len(old):]
    return path


def _request(g: rdflib.Graph, node: rdflib.term.Node) -> Request:
    chars, encoding = _body(g, node)
    resp = g.value(node, HT.resp)
    assert resp is not None
    expected = [str(s).rpartition("#")[2] for s in g.objects(resp, MF.expectedStatus)]
    boolean = g.value(resp, MF.expectedBoolean)
    fmt = g.value(resp, MF.expectedFormat)
    resp_chars, _ = _body(g, resp)
    resp_headers = _headers(g, resp)
    location = g.value(resp, MF.expectedLocation)
    return Request(
        method=str(g.value(node, HT.methodName)),
        path=_map_path(str(g.value(node, HT.absolutePath))),
        headers=_headers(g, node),
        body=None if chars is None else chars.encode(encoding.lower().replace("utf-16", "utf-16")),
        expected_status=expected,
        expected_boolean=None if boolean is None else bool(boolean.toPython()),
        expected_format=None if fmt is None else str(fmt),
        expected_type=resp_headers.get("content-type"),
        expected_body=resp_chars,
        location_var=None if location is None else str(location),
    )


def load_if_present(manifest: Path) -> list[Case]:
    """The cases of ``manifest``, or none if ../shared is absent: module-level lists of
    cases are built at collection, which must work without it (the tests that use them
    are marked ``needs_shared`` and skipped then)."""
    return list(load(manifest)) if SUITE.is_dir() else []


def load(manifest: Path) -> Iterator[Case]:
    g = rdflib.Graph().parse(manifest, format="turtle")
    root = next(g.subjects(rdflib.RDF.type, MF.Manifest))
    for include_list in g.objects(root, MF.include):
        for included in Collection(g, include_list):
            yield from load(Path(unquote(str(included).removeprefix("file://"))))
    for entries in g.objects(root, MF.entries):
        for entry in Collection(g, entries):
            case = Case(
                manifest=str(manifest.relative_to(SUITE)),
                name=str(entry).rpartition("#")[2],
                label=str(g.value(entry, MF.name)),
                approval=(str(g.value(entry, DAWG.approval)).rpartition("#")[2]
                          if g.value(entry, DAWG.approval) else None),
            )
            for data in g.objects(entry, UT.graphData):
                file = Path(unquote(str(g.value(data, UT.graph)).removeprefix("file://")))
                case.data.append((file, str(g.value(data, rdflib.RDFS.label))))
            action = g.value(entry, MF.action)
            if action is not None:
                for lst in g.objects(action, HT.requests):
                    case.requests.extend(_request(g, r) for r in Collection(g, lst))
            yield case


def status_ok(status: int, expected: list[str]) -> bool:
    for name in expected:
        match = re.fullmatch(r"StatusCode(\d)xx", name)
        if match and status // 100 == int(match.group(1)):
            return True
        if STATUS_NAMES.get(name) == status:
            return True
    return False


def boolean_of(mimetype: str, data: bytes) -> bool:
    if mimetype == "application/sparql-results+json":
        return bool(json.loads(data)["boolean"])
    if mimetype == "application/sparql-results+xml":
        match = re.search(rb"<boolean>\s*(true|false)\s*</boolean>", data)
        assert match, data
        return match.group(1) == b"true"
    raise AssertionError(f"a boolean result came as {mimetype}")


def same_graph(expected_turtle: str, actual: bytes, mimetype: str) -> bool:
    expected = rdflib.Graph().parse(data=expected_turtle, format="turtle")
    got = rdflib.Graph().parse(data=actual.decode("utf-8"), format=mimetype)
    return isomorphic(expected, got)
