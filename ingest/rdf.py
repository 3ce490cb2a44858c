"""Building a document's graph: triples with typed helpers and provenance IRIs."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import pyoxigraph as ox

from conflict_kg.namespaces import DCTERMS, ITSRDF, NIF, ONTOLOGY, PROV, RDF, RDFS, XSD
from ingest.text import Span

A = ox.NamedNode(RDF + "type")


@lru_cache(maxsize=1024)
def ck(name: str) -> ox.NamedNode:
    return ox.NamedNode(ONTOLOGY + name)


@lru_cache(maxsize=1024)
def nif(name: str) -> ox.NamedNode:
    return ox.NamedNode(NIF + name)


@lru_cache(maxsize=1024)
def dcterms(name: str) -> ox.NamedNode:
    return ox.NamedNode(DCTERMS + name)


@lru_cache(maxsize=1024)
def prov(name: str) -> ox.NamedNode:
    return ox.NamedNode(PROV + name)


LABEL = ox.NamedNode(RDFS + "label")
TA_IDENT_REF = ox.NamedNode(ITSRDF + "taIdentRef")


def date_literal(value: dt.date) -> ox.Literal:
    return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))


_NON_NEGATIVE = ox.NamedNode(XSD + "nonNegativeInteger")


@lru_cache(maxsize=65536)
def int_literal(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_NON_NEGATIVE)


class GraphBuilder:
    """Collects the triples of one document graph; duplicates are dropped, order kept.

    Triples are kept as tuples of terms and written out as N-Triples text at the
    end: an ``ox.Triple`` costs several microseconds to build and hash, a tuple
    of terms a fraction of one, and a document has thousands of triples.
    """

    def __init__(self, document_iri: str) -> None:
        self.document = ox.NamedNode(document_iri)
        self._triples: dict[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal],
                            None] = {}
        self._mentions: dict[tuple[int, int], ox.NamedNode] = {}

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self._triples[(s, p, o)] = None

    def __len__(self) -> int:
        return len(self._triples)

    @property
    def triples(self) -> list[ox.Triple]:
        return [ox.Triple(s, p, o) for s, p, o in self._triples]

    def ntriples(self) -> bytes:
        """The graph as N-Triples; a term's ``str()`` is its N-Triples form."""
        return "".join([f"{s} {p} {o} .\n" for s, p, o in self._triples]).encode()

    def mention(self, span: Span, sentence: ox.NamedNode | None = None) -> ox.NamedNode:
        """The NIF/RFC 5147 mention node ``<doc>#char=start,end`` with its exact text."""
        key = (span.start, span.end)
        known = self._mentions.get(key)
        if known is not None and sentence is not None:
            return known  # described already (a sentence is described before its parts)
        node = ox.NamedNode(f"{self.document.value}#char={span.start},{span.end}")
        if sentence is not None:
            self._mentions[key] = node
        self.add(node, A, ck("Mention"))
        self.add(node, nif("anchorOf"), ox.Literal(span.text))
        self.add(node, nif("beginIndex"), int_literal(span.start))
        self.add(node, nif("endIndex"), int_literal(span.end))
        self.add(node, nif("referenceContext"), self.document)
        if sentence is not None and sentence != node:
            self.add(node, ck("sentence"), sentence)
        return node

    def sentence(self, span: Span) -> ox.NamedNode:
        node = self.mention(span)
        self.add(node, A, nif("Sentence"))
        return node
