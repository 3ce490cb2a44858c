"""RDF output formats of the linked-data pages and Accept negotiation among them.

>>> choose("text/turtle;q=0.9, application/ld+json").key
'jsonld'
>>> choose("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").key
'html'
>>> choose("image/png") is None
True
>>> choose("").key
'html'
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from conflict_kg.namespaces import PREFIXES
from conflict_kg.server.negotiation import negotiate


@dataclass(frozen=True)
class Format:
    key: str  # also the suffix of the twin: /id/state/russia.ttl
    media_type: str
    rdf: ox.RdfFormat | None  # None: HTML
    aliases: tuple[str, ...] = ()

    @property
    def is_dataset(self) -> bool:
        """TriG and N-Quads keep each triple's graph; the others give the merged graph."""
        return self.rdf in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS)


HTML = Format("html", "text/html", None, ("application/xhtml+xml",))
FORMATS: tuple[Format, ...] = (
    HTML,
    Format("ttl", "text/turtle", ox.RdfFormat.TURTLE, ("application/x-turtle",)),
    Format("jsonld", "application/ld+json", ox.RdfFormat.JSON_LD, ("application/json",)),
    Format("nt", "application/n-triples", ox.RdfFormat.N_TRIPLES, ("text/plain",)),
    Format("rdf", "application/rdf+xml", ox.RdfFormat.RDF_XML, ()),
    Format("trig", "application/trig", ox.RdfFormat.TRIG, ()),
    Format("nq", "application/n-quads", ox.RdfFormat.N_QUADS, ()),
)
BY_KEY = {f.key: f for f in FORMATS}


def choose(accept_header: str) -> Format | None:
    """The best format for an Accept header; HTML when there is none; None if nothing fits."""
    offers: list[str] = []
    owner: dict[str, Format] = {}
    for fmt in FORMATS:
        for media in (fmt.media_type, *fmt.aliases):
            offers.append(media)
            owner[media] = fmt
    best = negotiate(accept_header, offers)
    return owner[best] if best else None


def serialize(quads: list[ox.Quad], fmt: Format, base: str) -> bytes:
    """Serialize a description: graph names kept in TriG/N-Quads, dropped (deduplicated) else."""
    assert fmt.rdf is not None
    prefixes = {**PREFIXES, "graph": base + "graph/"}
    if fmt.is_dataset:
        data: list[ox.Quad] | list[ox.Triple] = quads
    else:
        data = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads))
    if fmt.rdf in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):
        return ox.serialize(data, format=fmt.rdf) or b""
    return ox.serialize(data, format=fmt.rdf, prefixes=prefixes) or b""
