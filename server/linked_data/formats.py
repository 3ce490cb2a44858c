"""RDF output formats of the linked-data pages and Accept negotiation among them.

>>> choose("text/turtle;q=0.9, application/ld+json").suffix
'jsonld'
>>> choose("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").suffix
'html'
>>> choose("image/png") is None
True
>>> choose("").suffix
'html'
"""

from __future__ import annotations

import pyoxigraph as ox

from conflict_kg.namespaces import PREFIXES
from conflict_kg.server.http.formats import HTML, LINKED_DATA_FORMATS, Format
from conflict_kg.server.http.negotiation import negotiate

__all__ = ["BY_SUFFIX", "FORMATS", "HTML", "Format", "choose", "serialize"]

FORMATS = LINKED_DATA_FORMATS
BY_SUFFIX = {f.suffix: f for f in FORMATS}


def choose(accept_header: str) -> Format | None:
    """The best format for an Accept header; HTML when there is none; None if nothing fits."""
    offers: list[str] = []
    owner: dict[str, Format] = {}
    for fmt in FORMATS:
        for media in (fmt.media_type, *fmt.also):
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
