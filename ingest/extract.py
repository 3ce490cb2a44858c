"""From one source document to the triples of its named graph (pure: no store access)."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

from conflict_kg import __version__
from conflict_kg.ingest import anaphora, reported
from conflict_kg.ingest.agreements import AgreementFinder
from conflict_kg.ingest.analysis import Sentence
from conflict_kg.ingest.claims import ClaimFinder
from conflict_kg.ingest.dateline import Dateline, find_dateline
from conflict_kg.ingest.dates import find_dates, find_periods
from conflict_kg.ingest.entities import EntityFinder, Ref
from conflict_kg.ingest.events import EventFinder
from conflict_kg.ingest.kb import KnowledgeBase, label_key
from conflict_kg.ingest.quantities import QuantityMention, demonym_counts, find_quantities
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
from conflict_kg.ingest.text import Span, sentences
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
    cpu_seconds: float = 0.0  # CPU time of the thread that ran it (robust to a loaded host)

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


def _outside_models(found: list[QuantityMention], refs: list[Ref],
                    entities: EntityFinder) -> list[QuantityMention]:
    """Counts whose number is not part of a weapon model's name ("a Hermes 900 drone", "an
    Su-24": the 900 counts nothing)."""
    models = [r for r in refs if entities.is_a(r.entity, "WeaponModel")]
    return [q for q in found if not any(
        m.start <= q.span.start < m.end for m in models)]


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


# Cross-sentence rules (merging reports of one event, the lead event, a claim's
# antecedent, an open quotation, names introduced earlier) keep per-document state that
# grows with the text, and some compare each finding with every earlier one.  A document
# longer than this many characters is read in sections of whole sentences (cut at a
# paragraph break where there is one), each with fresh rule state: memory and time per
# section are bounded, and the triples of each section are written as it is done.  Every
# news article is far shorter: a document of one section is read exactly as before.
SECTION_CHARS = 200_000


@dataclass(frozen=True)
class SectionResult:
    """The triples of one section of a document, and what the report counts of them."""

    ntriples: bytes
    entity_classes: dict[str, str]  # each distinct entity mentioned -> the class it counts as
    events: int
    claims: int
    warnings: tuple[str, ...]


def text_sections(text: str, limit: int = SECTION_CHARS) -> Iterator[list[Span]]:
    """The sentences of ``text`` in groups spanning at most ``limit`` characters.

    A group ends at the last paragraph break (a blank line between two sentences)
    that keeps it within the limit, or else at the last whole sentence that does; a
    single sentence longer than the limit is a group of its own.  Lazy: one group at a
    time is held.  Always yields at least one group (empty for a text without words).

    >>> text = "Troops left. Talks began.\\n\\nGuns fell silent. Aid came."
    >>> [[s.text for s in g] for g in text_sections(text, 30)]
    [['Troops left.', 'Talks began.'], ['Guns fell silent.', 'Aid came.']]
    """
    group: list[Span] = []
    breaks: list[int] = []  # indexes in ``group`` of sentences that begin a paragraph
    yielded = False
    for span in sentences(text):
        if group and "\n\n" in text[group[-1].end : span.start]:
            breaks.append(len(group))
        group.append(span)
        while len(group) > 1 and group[-1].end - group[0].start > limit:
            keep = max((b for b in breaks if b < len(group)), default=len(group) - 1)
            yield group[:keep]
            yielded = True
            group = group[keep:]
            breaks = [b - keep for b in breaks if b > keep]
    if group or not yielded:
        yield group


def extract_sections(doc: SourceDocument, kb: KnowledgeBase, ns: DataNamespace,
                     section_chars: int = SECTION_CHARS) -> Iterator[SectionResult]:
    """The document's graph section by section (see ``SECTION_CHARS``).  Deterministic.

    The first section also carries the document's own description.  Sections of one
    document may repeat a triple (an entity named in both): the store keeps one.
    """
    document_iri = ns.resource("document", doc.doc_id)
    graph_iri = ns.document_graph(doc.doc_id)
    digest = content_hash(doc)
    dateline = find_dateline(doc.text)
    # The rules read the text without its dateline (blanked, offsets unchanged).
    text = dateline.blank(doc.text) if dateline else doc.text
    first = True
    for spans in text_sections(text, section_chars):
        g = GraphBuilder(document_iri)
        if first:
            _describe_document(g, doc, digest, graph_iri)
        yield _extract_section(g, doc, kb, ns, text, spans, dateline if first else None,
                               first)
        first = False


def extract(doc: SourceDocument, kb: KnowledgeBase, ns: DataNamespace,
            section_chars: int = SECTION_CHARS) -> Extraction:
    """Read one document; return the triples of its graph.  Deterministic.

    All in memory: ``ingest.run`` writes a document longer than one section as it
    goes, with :func:`extract_sections`.
    """
    document_iri = ns.resource("document", doc.doc_id)
    graph_iri = ns.document_graph(doc.doc_id)
    parts: list[bytes] = []
    classes: dict[str, str] = {}
    events = claims = 0
    warnings: list[str] = []
    for section in extract_sections(doc, kb, ns, section_chars):
        parts.append(section.ntriples)
        for entity, cls in section.entity_classes.items():
            classes.setdefault(entity, cls)
        events += section.events
        claims += section.claims
        warnings += section.warnings
    return Extraction(document_iri, graph_iri, content_hash(doc), b"".join(parts),
                      count_classes(classes), events, claims, tuple(warnings))


def count_classes(entity_classes: dict[str, str]) -> dict[str, int]:
    """Distinct entities by the class each counts as."""
    by_class: Counter[str] = Counter()
    for entity in sorted(entity_classes):
        by_class[entity_classes[entity]] += 1
    return dict(by_class)


def _extract_section(g: GraphBuilder, doc: SourceDocument, kb: KnowledgeBase,
                     ns: DataNamespace, text: str, spans: list[Span],
                     dateline: Dateline | None, first: bool) -> SectionResult:
    """The rules over one section's sentences, with fresh per-document rule state."""
    entities = EntityFinder(kb, ns)
    if spans:
        entities.settle_ambiguous_names(text[spans[0].start:spans[-1].end])
    events = EventFinder(entities)
    claims = ClaimFinder(entities, text)
    agreements = AgreementFinder(entities, _dateline_place(kb, dateline),
                                 _dateline_town(kb, dateline))
    analysed: list[Sentence] = []
    for span in spans:
        refs = entities.find(span)
        s = Sentence(
            span,
            refs,
            find_dates(span.text, span.start, doc.published),
            find_periods(span.text, span.start, doc.published),
            demonym_counts(span.text, span.start, [r.span for r in refs if r.how == "demonym"],
                           _outside_models(find_quantities(span.text, span.start), refs,
                                           entities)),
        )
        analysed.append(s)
        found = events.sentence(s)
        lead = events.lead()
        claims.sentence(s, found, lead)
        agreements.sentence(s, found, lead)

    writer = FactWriter(g, ns, entities, doc, [s.span for s in analysed])
    if dateline is not None:
        _describe_dateline(g, writer, kb, dateline)
    if first and doc.published is None and _RELATIVE_WORDS.search(doc.text):
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
    final = anaphora.resolve(events, final, claims.claims, [s.span for s in analysed])
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

    classes = {entity: _main_class(entities, entity)
               for entity in sorted({r.entity for s in analysed for r in s.refs})}
    return SectionResult(g.take_ntriples(), classes, len(event_nodes), len(claims.claims),
                         tuple(writer.warnings))


def _dateline_place(kb: KnowledgeBase, dateline: Dateline | None) -> str | None:
    """The city of a dateline that names one known place ("GUATEMALA CITY (AP) —"), or the
    land of a state it names ("SINGAPORE (Reuters) —": a venue there is in that state)."""
    if dateline is None or not dateline.places:
        return None
    place = kb.names.get(label_key(dateline.places[0].text))
    if place is not None and kb.is_a(place, "State") and len(dateline.places) == 1:
        return kb.territory.get(place)
    return place if place is not None and kb.is_a(place, "City") else None


def _dateline_town(kb: KnowledgeBase, dateline: Dateline | None
                   ) -> tuple[Span, str | None] | None:
    """The dateline's first place and the state named after it ("SHARM EL-SHEIKH, Egypt")."""
    if dateline is None or not dateline.places:
        return None
    state = kb.names.get(label_key(dateline.places[1].text)) if len(dateline.places) > 1 \
        else None
    return dateline.places[0], state if state is not None and kb.is_a(state, "State") else None


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
