"""Helpers of the ingest tests: the namespace, prefixes, a document extracted or
ingested on its own, and its graph queried (tests/ingest/conftest.py re-exports them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from conflict_kg import ingest
from conflict_kg.ingest.extract import extract
from conflict_kg.ingest.kb import KnowledgeBase
from conflict_kg.ingest.sources import SourceDocument, split_front_matter
from conflict_kg.namespaces import PREFIXES, DataNamespace
from conflict_kg.store import OxigraphStore
from tests.support.paths import REPO_ROOT

CORPUS = REPO_ROOT / "tests" / "ingest" / "corpus"
NS = DataNamespace("https://w3id.org/conflict-kg/")
PREFIX_LINES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
# An agent "of" a state: itself, its government or a body, force or official acting for it.
OF_STATE = ("(ck:governmentOf|ck:armedForceOf|ck:organOf|ck:subOrganisationOf|"
            "ck:nationality|ck:holdsPosition/(ck:represents|ck:positionIn))*")


def extracted(kb: KnowledgeBase, text: str, doc_id: str, published: dt.date) -> ox.Store:
    """The graph extracted from ``text`` (a document of its own), in a store of its own."""
    doc = SourceDocument(doc_id, text, "test", {"published": published})
    store = ox.Store()
    store.bulk_load(extract(doc, kb, NS).ntriples, ox.RdfFormat.N_TRIPLES)
    return store


class Graph:
    """One document's named graph in a store, queried with prefixes and substitutions."""

    def __init__(self, store: OxigraphStore, graph: str, body: str) -> None:
        self.store = store
        self.graph = graph
        self.body = body

    def rows(self, where: str, select: str = "*", **bindings: Any) -> list[dict[str, str]]:
        """Run ``SELECT select { GRAPH ?g { where } }``, binding ``?name`` to each keyword."""
        select = _with_variables(select, ["g", *bindings])
        query = f"{PREFIX_LINES}SELECT DISTINCT {select} WHERE {{ GRAPH ?g {{ {where} }} }}"
        substitutions: Mapping[str, ox.NamedNode | ox.Literal] = {
            "g": ox.NamedNode(self.graph),
            **{k: v for k, v in bindings.items()},
        }
        results = self.store.query(query, substitutions=substitutions)
        names = [v.value for v in results.variables]
        return [{n: row[n].value for n in names if row[n] is not None} for row in results]

    def union_rows(self, where: str, select: str = "*", **bindings: Any) -> list[dict[str, str]]:
        """Like :meth:`rows` over the union of all graphs (facts joined with reference data)."""
        select = _with_variables(select, ["g", *bindings])
        query = f"{PREFIX_LINES}SELECT DISTINCT {select} WHERE {{ {where} }}"
        results = self.store.query(query, substitutions={**bindings, "g": ox.NamedNode(self.graph)})
        names = [v.value for v in results.variables]
        return [{n: row[n].value for n in names if row[n] is not None} for row in results]


def _with_variables(select: str, names: list[str]) -> str:
    # pyoxigraph substitutes only variables that the query projects.
    if select.strip() == "*":
        return select
    return select + "".join(f" ?{n}" for n in names if f"?{n}" not in select.split())


def ingest_one(path: Path, **kwargs: Any) -> Graph:
    store = OxigraphStore.in_memory()
    report = ingest.run([path], store, NS, **kwargs)
    assert report.ok, report.errors
    doc_id = report.ingested[0].rsplit("/", 1)[-1]
    _meta, body, _ = split_front_matter(path.read_text(encoding="utf-8"), str(path))
    return Graph(store, NS.document_graph(doc_id), body)


def ingested_text(folder: Path, text: str, doc_id: str, published: str) -> OxigraphStore:
    """A store holding ``text`` ingested as one document (front matter written here)."""
    doc = folder / f"{doc_id}.md"
    doc.write_text(f"---\nid: {doc_id}\npublished: {published}\n---\n" + text, encoding="utf-8")
    store = OxigraphStore.in_memory()
    report = ingest.run([doc], store, NS)
    assert report.ok, report.errors
    return store


def iri(kind: str, *parts: str) -> ox.NamedNode:
    return ox.NamedNode(NS.resource(kind, *parts))
