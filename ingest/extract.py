"""From one source document to the triples of its named graph (pure: no store access)."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

import pyoxigraph as ox

from conflict_kg import __version__
from conflict_kg.ingest import reported
from conflict_kg.ingest.agreements import AgreementFinder
from conflict_kg.ingest.analysis import Sentence
from conflict_kg.ingest.claims import ClaimFinder
from conflict_kg.ingest.dateline import Dateline, find_dateline
from conflict_kg.ingest.dates import find_dates, find_periods
from conflict_kg.ingest.entities import EntityFinder
from conflict_kg.ingest.events import EventFinder
from conflict_kg.ingest.kb import KnowledgeBase, label_key
from conflict_kg.ingest.quantities import find_quantities
from conflict_kg.ingest.rdf import (
    TA_IDENT_REF,
    A,
    GraphBuilder,
    checked_iri,
    ck,
    dcterms,
    iri,
    literal,
    nif,
)
from conflict_kg.ingest.sources import SourceDocument
from conflict_kg.ingest.text import sentences
from conflict_kg.ingest.writer import FactWriter
from conflict_kg.namespaces import ONTOLOGY, DataNamespace

PIPELINE_VERSION = f"conflict-kg-ingest/{__version__}+rules.2"


@dataclass(frozen=True)
class Extraction:
    document_iri: str
    graph_iri: str
    content_hash: str
    ntriples: bytes  # the graph as N-Triples: what worker processes send and bulk loads read
    entities: dict[str, int] = field(default_factory=dict)  # distinct entities by class
    events: int = 0
    claims: int = 0
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0  # time the extraction took in the process that ran it

    @property
    def triples(self) -> list[ox.Triple]:
        """The graph as pyoxigraph triples (parsed on demand; writing uses the bytes)."""
        return [q.triple for q in ox.parse(self.ntriples, ox.RdfFormat.N_TRIPLES)]

    def serialized(self) -> bytes:
        """The graph as N-Triples (what worker processes send and bulk loads read)."""
        return self.ntriples

    def compact(self) -> Extraction:
        """The result as it travels between processes (already bytes, no term objects)."""
        return self


def content_hash(doc: SourceDocument) -> str:
    """Hash of everything that shapes the graph: text, metadata and pipeline version."""
    digest = hashlib.sha256(doc.text.encode())
    digest.update(repr(sorted((k, str(v)) for k, v in doc.metadata.items())).encode())
    digest.update(PIPELINE_VERSION.encode())
    return digest.hexdigest()


def _describe_document(g: GraphBuilder, doc: SourceDocument, digest: str, graph: str) -> None:
    d = g.document
    g.add(d, A, ck("Document"))
    g.add(d, A, nif("Context"))
    g.add(d, nif("isString"), literal(doc.text))
    g.add(d, ck("contentHash"), literal(digest))
    g.add(d, ck("pipelineVersion"), literal(PIPELINE_VERSION))
    g.add(d, ck("documentGraph"), iri(graph))
    meta = doc.metadata
    if "title" in meta:
        g.add(d, dcterms("title"), literal(meta["title"]))
    if "publisher" in meta:
        g.add(d, dcterms("publisher"), literal(meta["publisher"]))
    if doc.published is not None:
        g.add(d, dcterms("issued"), literal(doc.published.isoformat(), datatype=_XSD_DATE))
    if "language" in meta:
        g.add(d, dcterms("language"), literal(meta["language"]))
    if "url" in meta:
        try:
            g.add(d, ck("sourceUrl"), checked_iri(meta["url"]))
        except ValueError:
            g.add(d, dcterms("source"), literal(meta["url"]))


_RELATIVE_WORDS = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|"
    r"last\s+(?:week|month|year)|this\s+(?:week|month|year))\b"
)
_XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


def extract(doc: SourceDocument, kb: KnowledgeBase, ns: DataNamespace) -> Extraction:
    """Read one document; return the triples of its graph.  Deterministic."""
    document_iri = ns.resource("document", doc.doc_id)
    graph_iri = ns.document_graph(doc.doc_id)
    digest = content_hash(doc)
    g = GraphBuilder(document_iri)
    _describe_document(g, doc, digest, graph_iri)

    entities = EntityFinder(kb, ns)
    dateline = find_dateline(doc.text)
    # The rules read the text without its dateline (blanked, offsets unchanged).
    text = dateline.blank(doc.text) if dateline else doc.text
    events = EventFinder(entities)
    claims = ClaimFinder(entities, text)
    agreements = AgreementFinder(entities)
    analysed: list[Sentence] = []
    for span in sentences(text):
        s = Sentence(
            span,
            entities.find(span),
            find_dates(span.text, span.start, doc.published),
            find_periods(span.text, span.start, doc.published),
            find_quantities(span.text, span.start),
        )
        analysed.append(s)
        found = events.sentence(s)
        lead = events.lead()
        claims.sentence(s, found, lead)
        agreements.sentence(s, found, lead)

    writer = FactWriter(g, ns, entities, doc, [s.span for s in analysed])
    if dateline is not None:
        _describe_dateline(g, writer, kb, dateline)
    if doc.published is None and _RELATIVE_WORDS.search(doc.text):
        writer.warnings.append("no published date: relative dates (Monday, last week…) "
                               "were left out; give one with --published")
    for s in analysed:
        for ref in s.refs:
            g.add(writer.mention(ref.span), TA_IDENT_REF, iri(ref.entity))
            if ref.inner is not None and ref.state is not None:
                g.add(writer.mention(ref.inner), TA_IDENT_REF, iri(ref.state))
    writer.new_entities()
    writer.positions()
    final = events.finish()
    for event in final:
        event.caused_by = events.resolve(event.caused_by)
    for finding in claims.claims:
        finding.about = events.resolve(finding.about)
    reported.link_denials(claims.claims)
    reported.mark_reported_only(final, claims.claims, entities)
    reported.drop_denied_agents(final, claims.claims, entities,
                                (ref for s in analysed for ref in s.refs))
    event_nodes = writer.events(final)
    for agreement in agreements.agreements:
        agreement.talks = events.resolve(agreement.talks)
    writer.claims(claims.claims, event_nodes, agreements.agreements)
    writer.quantity_claims(final, claims.claims, event_nodes)
    writer.agreements(agreements.agreements, event_nodes)

    by_class: Counter[str] = Counter()
    for entity in sorted({r.entity for s in analysed for r in s.refs}):
        by_class[_main_class(entities, entity)] += 1
    return Extraction(document_iri, graph_iri, digest, g.ntriples(), dict(by_class),
                      len(event_nodes), len(claims.claims), tuple(writer.warnings))


def _describe_dateline(g: GraphBuilder, writer: FactWriter, kb: KnowledgeBase,
                       dateline: Dateline) -> None:
    """``ck:dateline`` to each known place the dateline names; its text for the rest."""
    g.add(g.document, ck("datelineText"), literal(dateline.span.text.rstrip(" —–-")))
    for span in dateline.places:
        place = kb.names.get(label_key(span.text))
        if place is None:
            continue
        if not kb.is_a(place, "Place"):
            place = kb.territory.get(place)  # a state named as where: its territory
        if place is not None:
            g.add(g.document, ck("dateline"), iri(place))
            g.add(writer.mention(span), TA_IDENT_REF, iri(place))


def _main_class(finder: EntityFinder, entity: str) -> str:
    """The class an entity is counted under: its first asserted (most specific) class."""
    direct = [c for c in finder.kb.direct_types.get(entity, ()) if c.startswith(ONTOLOGY)]
    if direct:
        return sorted(c.rsplit("#", 1)[-1] for c in direct)[0]
    new = finder.new.get(entity)
    return new.classes[0] if new else "Thing"
