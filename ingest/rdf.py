"""Building a document's graph: triples with typed helpers and provenance IRIs.

Terms are strings in N-Triples syntax (``<iri>``, ``"text"@en``,
``"5"^^<…#nonNegativeInteger>``) and a graph is N-Triples text.  A document
has thousands of triples; building a pyoxigraph term and triple for each costs
more than all of the N-Triples text, and pyoxigraph parses the text in Rust
when it is loaded.  IRIs written here are valid by construction: slugs of
``DataNamespace.resource``, IRIs read from the reference graph, and
``<document>#char=s,e``; an IRI taken from the input is checked with
:func:`checked_iri`.  Literals are escaped exactly as pyoxigraph writes them
(tested against it), so the text is the same as ``ox.serialize`` would give.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyoxigraph as ox

from conflict_kg.ingest.text import Span
from conflict_kg.namespaces import (
    DCTERMS,
    ITSRDF,
    NIF,
    ONTOLOGY,
    PROV,
    RDF,
    RDFS,
    XSD,
    DataNamespace,
    slugify,
)

Term = str  # an RDF term in N-Triples syntax


def iri(value: str) -> Term:
    """The term for an IRI that is valid by construction (see the module docstring)."""
    return f"<{value}>"


def iri_value(term: Term) -> str:
    """The IRI inside an IRI term."""
    return term[1:-1]


def checked_iri(value: str) -> Term:
    """The term for an IRI from the input; ``ValueError`` when it is not a valid IRI."""
    return str(ox.NamedNode(value))


# What pyoxigraph escapes in a quoted literal: quote, backslash, and control characters
# (the usual short escapes where N-Triples has one, else \\uXXXX).
_SHORT_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r",
                  '"': '\\"', "\\": "\\\\"}
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')


def _escape(m: re.Match[str]) -> str:
    c = m.group()
    return _SHORT_ESCAPES.get(c) or f"\\u{ord(c):04X}"


def _quoted(text: str) -> str:
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


_XSD_STRING = XSD + "string"


def literal(text: str, *, datatype: str | None = None, language: str | None = None) -> Term:
    """A literal: plain (xsd:string), language-tagged, or typed by a datatype IRI."""
    if language is not None:
        return f"{_quoted(text)}@{language}"
    if datatype is not None and datatype != _XSD_STRING:
        return f"{_quoted(text)}^^<{datatype}>"
    return _quoted(text)


@lru_cache(maxsize=1024)
def ck(name: str) -> Term:
    return iri(ONTOLOGY + name)


@lru_cache(maxsize=1024)
def nif(name: str) -> Term:
    return iri(NIF + name)


@lru_cache(maxsize=1024)
def dcterms(name: str) -> Term:
    return iri(DCTERMS + name)


@lru_cache(maxsize=1024)
def prov(name: str) -> Term:
    return iri(PROV + name)


@lru_cache(maxsize=1 << 16)
def slug(text: str) -> str:
    """``slugify``, remembered: the same names, dates and states recur in every document."""
    return slugify(text)


@lru_cache(maxsize=1 << 16)
def resource(ns: DataNamespace, kind: str, *parts: str) -> str:
    """``ns.resource``, remembered (entity, event and agreement IRIs recur across documents)."""
    return ns.resource(kind, *parts)


A = iri(RDF + "type")
LABEL = iri(RDFS + "label")
TA_IDENT_REF = iri(ITSRDF + "taIdentRef")


_NON_NEGATIVE = XSD + "nonNegativeInteger"


@lru_cache(maxsize=65536)
def int_literal(value: int) -> Term:
    return literal(str(value), datatype=_NON_NEGATIVE)


class GraphBuilder:
    """Collects the triples of one document graph; duplicates are dropped, order kept."""

    def __init__(self, document_iri: str) -> None:
        self.document = iri(document_iri)
        self._lines: dict[str, None] = {}  # N-Triples lines, in order of first addition
        self._mentions: dict[tuple[int, int], Term] = {}

    def add(self, s: Term, p: Term, o: Term) -> None:
        self._lines[f"{s} {p} {o} .\n"] = None

    def __len__(self) -> int:
        return len(self._lines)

    def take_ntriples(self) -> bytes:
        """The graph as N-Triples; the builder is empty afterwards (its line table is
        freed before the bytes are made, so a large section is held twice at most)."""
        text = "".join(self._lines)
        self._lines.clear()
        self._mentions.clear()
        return text.encode()

    def mention(self, span: Span, sentence: Term | None = None) -> Term:
        """The NIF/RFC 5147 mention node ``<doc>#char=start,end`` with its exact text."""
        key = (span.start, span.end)
        known = self._mentions.get(key)
        if known is not None and sentence is not None:
            return known  # described already (a sentence is described before its parts)
        node = f"{self.document[:-1]}#char={span.start},{span.end}>"
        if sentence is not None:
            self._mentions[key] = node
        self.add(node, A, ck("Mention"))
        self.add(node, nif("anchorOf"), literal(span.text))
        self.add(node, nif("beginIndex"), int_literal(span.start))
        self.add(node, nif("endIndex"), int_literal(span.end))
        self.add(node, nif("referenceContext"), self.document)
        if sentence is not None and sentence != node:
            self.add(node, ck("sentence"), sentence)
        return node

    def sentence(self, span: Span) -> Term:
        node = self.mention(span)
        self.add(node, A, nif("Sentence"))
        return node
