"""One version, seen everywhere: ``conflict-kg --version``, ``/healthz`` and the SPARQL
service description all report ``conflict_kg.__version__``."""

from __future__ import annotations

import rdflib

import conflict_kg
from conflict_kg.server import create_app
from conflict_kg.settings import load_settings
from conflict_kg.store import OxigraphStore
from tests.conftest import run_cli

SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
SCHEMA = rdflib.Namespace("https://schema.org/")


def _client():  # type: ignore[no-untyped-def]
    settings = load_settings({"store": ":memory:"}, environ={})
    return create_app(settings, store=OxigraphStore.in_memory()).test_client()


def test_version_function_reports_the_package_version() -> None:
    assert conflict_kg.version() == conflict_kg.__version__
    assert conflict_kg.__version__.count(".") >= 2  # MAJOR.MINOR.PATCH


def test_cli_version() -> None:
    result = run_cli("--version", check=True)
    assert result.stdout == f"conflict-kg {conflict_kg.__version__}\n"


def test_healthz_reports_the_version() -> None:
    body = _client().get("/healthz").json
    assert body["status"] == "ok"
    assert body["version"] == conflict_kg.__version__


def test_service_description_reports_the_version() -> None:
    response = _client().get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    g = rdflib.Graph().parse(data=response.data.decode(), format="turtle")
    service = next(g.subjects(rdflib.RDF.type, SD.Service))
    versions = list(g.objects(service, SCHEMA.softwareVersion))
    assert versions == [rdflib.Literal(conflict_kg.__version__)]
