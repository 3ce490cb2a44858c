"""The one table of the service's media types: SPARQL results, RDF and HTML.

The SPARQL endpoint, the graph store, the service description and the
linked-data pages all choose among these, each from its own ordered tuple.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

__all__ = ["BOOLEAN_FORMATS", "GRAPH_FORMATS", "HTML", "LINKED_DATA_FORMATS",
           "SOLUTION_FORMATS", "Format", "by_media_type", "by_name", "is_known_name", "offers"]


@dataclass(frozen=True)
class Format:
    name: str  # the value of the ``format`` parameter
    media_type: str  # what the response says
    also: tuple[str, ...] = ()  # other media types that select it
    rdf: ox.RdfFormat | None = None  # None: query results, or HTML
    suffix: str = ""  # of a linked-data twin: /id/state/russia.ttl

    @property
    def is_dataset(self) -> bool:
        """TriG and N-Quads keep each triple's graph; the others give the merged graph."""
        return self.rdf in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS)


SOLUTION_FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", ("application/json",)),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
    Format("csv", "text/csv"),
    Format("tsv", "text/tab-separated-values"),
)
BOOLEAN_FORMATS: tuple[Format, ...] = SOLUTION_FORMATS[:2]
TURTLE = Format("turtle", "text/turtle", ("application/x-turtle",), ox.RdfFormat.TURTLE, "ttl")
N_TRIPLES = Format("ntriples", "application/n-triples", ("text/plain",), ox.RdfFormat.N_TRIPLES,
                   "nt")
N_QUADS = Format("nquads", "application/n-quads", ("text/x-nquads",), ox.RdfFormat.N_QUADS, "nq")
TRIG = Format("trig", "application/trig", (), ox.RdfFormat.TRIG, "trig")
JSON_LD = Format("jsonld", "application/ld+json", ("application/json",), ox.RdfFormat.JSON_LD,
                 "jsonld")
RDF_XML = Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml"),
                 ox.RdfFormat.RDF_XML, "rdf")
HTML = Format("html", "text/html", ("application/xhtml+xml",), None, "html")
# What /sparql, /store and the service description offer, in their order of preference.
GRAPH_FORMATS: tuple[Format, ...] = (TURTLE, N_TRIPLES, N_QUADS, TRIG, JSON_LD, RDF_XML)
# What a resource page offers (server order on ties: HTML first, for browsers).
LINKED_DATA_FORMATS: tuple[Format, ...] = (HTML, TURTLE, JSON_LD, N_TRIPLES, RDF_XML, TRIG,
                                           N_QUADS)
FORMAT_ALIASES = {
    "ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "nq": "nquads",
    "json-ld": "jsonld", "rdf": "rdfxml", "rdf+xml": "rdfxml", "srj": "json", "srx": "xml",
    "n3": "turtle",
}


@functools.lru_cache(maxsize=16)
def offers(formats: tuple[Format, ...]) -> tuple[str, ...]:
    """Media types to negotiate over: the canonical ones first, then aliases."""
    return tuple([f.media_type for f in formats] + [a for f in formats for a in f.also])


def by_media_type(formats: Iterable[Format], media_type: str) -> Format:
    for f in formats:
        if media_type == f.media_type or media_type in f.also:
            return f
    raise KeyError(media_type)


_GRAPH_ALIASES = {"xml": "rdfxml", "json": "jsonld"}


def by_name(formats: Iterable[Format], name: str) -> Format | None:
    """The format a ``format`` parameter names (short name, alias or media type).

    >>> by_name(GRAPH_FORMATS, "xml").name, by_name(SOLUTION_FORMATS, "xml").name
    ('rdfxml', 'xml')
    """
    formats = list(formats)
    name = name.lower()
    candidates = [name, FORMAT_ALIASES.get(name, name)]
    if any(f.rdf is not None for f in formats):
        candidates.append(_GRAPH_ALIASES.get(name, name))
    for candidate in candidates:
        for f in formats:
            if candidate in (f.name, f.media_type) or candidate in f.also:
                return f
    return None


def is_known_name(name: str) -> bool:
    """Whether ``name`` names some format (for any kind of result)."""
    everything = SOLUTION_FORMATS + GRAPH_FORMATS
    return by_name(everything, name) is not None or name.lower() in _GRAPH_ALIASES
