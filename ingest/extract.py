"""From one source document to the triples of its named graph (pure: no store access)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pyoxigraph as ox

from conflict_kg import __version__
from conflict_kg.namespaces import DataNamespace
from ingest.agreements import find_agreements
from ingest.gazetteer import Gazetteer
from ingest.rdf import LABEL, TA_IDENT_REF, A, GraphBuilder, ck, date_literal, dcterms, nif
from ingest.sources import SourceDocument
from ingest.text import sentences

PIPELINE_VERSION = f"conflict-kg-ingest/{__version__}"


@dataclass(frozen=True)
class Extraction:
    document_iri: str
    graph_iri: str
    content_hash: str
    triples: list[ox.Triple]


def content_hash(doc: SourceDocument) -> str:
    """Hash of everything that shapes the graph: text, metadata and pipeline version."""
    digest = hashlib.sha256(doc.text.encode())
    digest.update(repr(sorted((k, str(v)) for k, v in doc.metadata.items())).encode())
    digest.update(PIPELINE_VERSION.encode())
    return digest.hexdigest()


def _describe_document(g: GraphBuilder, doc: SourceDocument, digest: str) -> None:
    d = g.document
    g.add(d, A, ck("Document"))
    g.add(d, A, nif("Context"))
    g.add(d, nif("isString"), ox.Literal(doc.text))
    g.add(d, ck("contentHash"), ox.Literal(digest))
    g.add(d, ck("pipelineVersion"), ox.Literal(PIPELINE_VERSION))
    meta = doc.metadata
    if "title" in meta:
        g.add(d, dcterms("title"), ox.Literal(meta["title"]))
    if "publisher" in meta:
        g.add(d, dcterms("publisher"), ox.Literal(meta["publisher"]))
    if doc.published is not None:
        g.add(d, dcterms("issued"), date_literal(doc.published))
    if "language" in meta:
        g.add(d, dcterms("language"), ox.Literal(meta["language"]))
    if "url" in meta:
        try:
            g.add(d, ck("sourceUrl"), ox.NamedNode(meta["url"]))
        except ValueError:
            g.add(d, ck("sourceUrl"), ox.Literal(meta["url"]))


def extract(
    doc: SourceDocument, gazetteer: Gazetteer, is_agent: dict[str, bool], ns: DataNamespace
) -> Extraction:
    document_iri = ns.resource("document", doc.doc_id)
    digest = content_hash(doc)
    g = GraphBuilder(document_iri)
    _describe_document(g, doc, digest)
    for sentence in sentences(doc.text):
        found = gazetteer.find(sentence.text, sentence.start)
        if not found:
            continue
        sentence_node = g.sentence(sentence)
        for m in found:
            g.add(g.mention(m.span, sentence_node), TA_IDENT_REF, ox.NamedNode(m.entity))
        for agreement in find_agreements(sentence, found, is_agent):
            party_slugs = sorted(p.entity.rsplit("/", 1)[-1] for p in agreement.parties)
            when = doc.published.strftime("%Y-%m") if doc.published else "undated"
            node = ox.NamedNode(ns.resource("agreement", *party_slugs, when))
            g.add(node, A, ck("Agreement"))
            g.add(node, LABEL, ox.Literal(f"agreement between {', '.join(party_slugs)} ({when})"))
            g.add(node, ck("evidence"), g.mention(agreement.trigger, sentence_node))
            for party in agreement.parties:
                g.add(node, ck("party"), ox.NamedNode(party.entity))
    return Extraction(document_iri, ns.document_graph(doc.doc_id), digest, g.triples)
