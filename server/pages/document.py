"""The document page's content: the text as escaped segments with mentions, and its facts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from conflict_kg.namespaces import DCTERMS, ITSRDF, NIF, ONTOLOGY
from conflict_kg.server.pages.data import HIDDEN_OUT, LABEL_PROPS, TYPE, Linker, Node, Sentence

_DOC = f"""SELECT * WHERE {{ GRAPH ?g {{ ?doc a <{ONTOLOGY}Document> .
  OPTIONAL {{ ?doc <{NIF}isString> ?text }}
  OPTIONAL {{ ?doc <{DCTERMS}title> ?title }}
  OPTIONAL {{ ?doc <{DCTERMS}publisher> ?publisher }}
  OPTIONAL {{ ?doc <{DCTERMS}issued> ?issued }}
  OPTIONAL {{ ?doc <{DCTERMS}source> ?url }}
}} }} LIMIT 1"""

_MENTIONS = f"""SELECT * WHERE {{ GRAPH ?g {{
  ?m <{NIF}referenceContext> ?doc ; <{NIF}beginIndex> ?b ; <{NIF}endIndex> ?end .
  OPTIONAL {{ ?m <{ITSRDF}taIdentRef> ?entity }}
  OPTIONAL {{ ?m a ?sentence . FILTER(?sentence = <{NIF}Sentence>) }}
}} }}"""

_FACTS = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"


@dataclass(frozen=True)
class Segment:
    """A piece of the text: plain, or a mention linked to its entity; ``anchor`` marks a span."""

    text: str
    entity: Node | None = None
    anchor: str | None = None  # "char=S,E", the fragment of the mention IRI


@dataclass
class FactGroup:
    """The facts this document states about one subject, with the sentences behind them."""

    subject: Node
    sentences: list[Sentence]
    rows: list[tuple[Node, Node]]


@dataclass
class DocumentView:
    iri: str
    title: str
    publisher: str | None
    issued: str | None
    url: str | None
    segments: list[Segment]
    facts: list[FactGroup]
    mention_count: int


@dataclass(frozen=True)
class _Span:
    begin: int
    end: int
    entity: ox.NamedNode | None
    sentence: bool


def segments(text: str, spans: list[_Span], linker: Linker | None = None) -> list[Segment]:
    """Cut ``text`` into plain and mention segments; overlapping mentions after the first drop.

    Sentence spans become empty anchors at their start, so ``#char=S,E`` links land there.

    >>> russia = ox.NamedNode("http://example.org/russia")
    >>> spans = [_Span(0, 17, None, True), _Span(0, 6, russia, False)]
    >>> [(s.text, s.anchor) for s in segments("Russia and Turkey", spans)]
    [('', 'char=0,17'), ('Russia', 'char=0,6'), (' and Turkey', None)]
    """
    out: list[Segment] = []
    pos = 0
    ordered = sorted(spans, key=lambda s: (s.begin, 0 if s.entity is None else 1, -s.end))
    for span in ordered:
        if span.begin < pos or span.begin >= span.end or span.end > len(text):
            continue  # overlaps a mention already shown, or does not fit the text
        if span.begin > pos:
            out.append(Segment(text[pos:span.begin]))
            pos = span.begin
        anchor = f"char={span.begin},{span.end}"
        if span.entity is None:  # a sentence or an evidence span: an anchor to land on
            out.append(Segment("", None, anchor))
            continue
        entity = linker.node(span.entity) if linker else Node(span.entity.value)
        out.append(Segment(text[span.begin:span.end], entity, anchor))
        pos = span.end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


def _offset(mention: str) -> int:
    """Start offset of a ``…#char=S,E`` IRI.

    >>> _offset("https://ex.org/id/document/d#char=120,180")
    120
    """
    try:
        return int(mention.rsplit("#char=", 1)[1].split(",", 1)[0])
    except (IndexError, ValueError):
        return 0


def document_view(linker: Linker, iri: str) -> DocumentView | None:
    store, doc = linker.store, ox.NamedNode(iri)
    rows = list(store.query(_DOC, substitutions={"doc": doc}, union_default_graph=False))
    if not rows:
        return None
    row = rows[0]
    graph = row["g"]

    def value(name: str) -> str | None:
        term = row[name]
        return term.value if term is not None else None

    text = value("text") or ""
    spans = [
        _Span(int(m["b"].value), int(m["end"].value), m["entity"], m["sentence"] is not None)
        for m in store.query(_MENTIONS, substitutions={"doc": doc, "g": graph},
                             union_default_graph=False)
    ]
    fact_rows = []
    prefix = iri + "#"
    for f in store.query(_FACTS, substitutions={"g": graph}, union_default_graph=False):
        s = f["s"]
        if isinstance(s, ox.NamedNode) and (s.value == iri or s.value.startswith(prefix)):
            continue
        if f["p"].value in HIDDEN_OUT - {TYPE, *LABEL_PROPS}:
            continue
        fact_rows.append((s, f["p"], f["o"], graph.value))
    facts: list[FactGroup] = []
    by_subject: dict[str, list[tuple[Any, Any, Any, str]]] = {}
    for r in fact_rows:
        by_subject.setdefault(str(r[0]), []).append(r)
    for subject_rows in by_subject.values():
        subject = subject_rows[0][0]
        node = linker.node(subject)
        sentences = (linker.evidence(subject.value, graph.value)
                     if isinstance(subject, ox.NamedNode) else [])
        rows = sorted(((linker.node(p), linker.node(o)) for _, p, o, _ in subject_rows),
                      key=lambda po: (po[0].text, po[1].text))
        facts.append(FactGroup(node, sentences, rows))
    facts.sort(key=lambda f: (_offset(f.sentences[0].iri) if f.sentences else len(text),
                              f.subject.text))
    return DocumentView(
        iri=iri, title=value("title") or iri, publisher=value("publisher"),
        issued=value("issued"), url=value("url"),
        segments=segments(text, spans, linker), facts=facts,
        mention_count=sum(1 for s in spans if s.entity is not None),
    )
