"""Result formats of the SPARQL endpoint, and streaming writers for them.

``SELECT`` solutions are written row by row here (so that the row cap and the
deadline are checked between rows); RDF results go through pyoxigraph's own
serializers, fed one triple at a time.  Every writer takes a ``write``
callable and returns nothing: memory stays bounded by the caller's buffer.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from json.encoder import encode_basestring as _quote  # C: a str as a JSON string
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

Write = Callable[[bytes], None]
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class Format:
    name: str  # the value of the ``format`` parameter
    media_type: str  # what the response says
    also: tuple[str, ...] = ()  # other media types that select it
    rdf: ox.RdfFormat | None = None


SOLUTION_FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", ("application/json",)),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
    Format("csv", "text/csv"),
    Format("tsv", "text/tab-separated-values"),
)
BOOLEAN_FORMATS: tuple[Format, ...] = SOLUTION_FORMATS[:2]
GRAPH_FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", ("application/x-turtle",), ox.RdfFormat.TURTLE),
    Format("ntriples", "application/n-triples", ("text/plain",), ox.RdfFormat.N_TRIPLES),
    Format("nquads", "application/n-quads", ("text/x-nquads",), ox.RdfFormat.N_QUADS),
    Format("trig", "application/trig", (), ox.RdfFormat.TRIG),
    Format("jsonld", "application/ld+json", ("application/json",), ox.RdfFormat.JSON_LD),
    Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml"), ox.RdfFormat.RDF_XML),
)
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


# --- SELECT / ASK -------------------------------------------------------------


def _json_term(term: object) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        }}
    raise TypeError(f"unexpected term {term!r}")


def _json_text(term: object) -> str:
    """``json.dumps(_json_term(term))``, written out directly: a small result's
    serialization was mostly dict building and the generic encoder."""
    kind = type(term)
    if kind is ox.NamedNode:
        return '{"type":"uri","value":' + _quote(term.value) + "}"  # type: ignore[attr-defined]
    if kind is ox.Literal:
        value = _quote(term.value)  # type: ignore[attr-defined]
        language = term.language  # type: ignore[attr-defined]
        if language:
            return '{"type":"literal","value":' + value + ',"xml:lang":' + _quote(language) + "}"
        datatype = term.datatype.value  # type: ignore[attr-defined]
        if datatype != XSD_STRING:
            return '{"type":"literal","value":' + value + ',"datatype":' + _quote(datatype) + "}"
        return '{"type":"literal","value":' + value + "}"
    if kind is ox.BlankNode:
        return '{"type":"bnode","value":' + _quote(term.value) + "}"  # type: ignore[attr-defined]
    return json.dumps(_json_term(term), ensure_ascii=False)  # quoted triples


def _xml_term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return (f"<literal datatype={quoteattr(term.datatype.value)}>"
                    f"{escape(term.value)}</literal>")
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return (f"<triple><subject>{_xml_term(term.subject)}</subject>"
                f"<predicate>{_xml_term(term.predicate)}</predicate>"
                f"<object>{_xml_term(term.object)}</object></triple>")
    raise TypeError(f"unexpected term {term!r}")


def _csv_field(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        value = "_:" + term.value
    elif isinstance(term, (ox.NamedNode, ox.Literal)):
        value = term.value
    else:
        value = str(term)
    if any(c in value for c in ',"\r\n'):
        value = '"' + value.replace('"', '""') + '"'
    return value


def _tsv_field(term: object) -> str:
    if term is None:
        return ""
    return str(term).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


_BATCH = 256


def write_solutions(
    fmt: Format, variables: list[str], rows: Iterator[list[object | None]], write: Write,
    truncated: Callable[[], bool] = lambda: False,
) -> None:
    """Write ``SELECT`` results; ``rows`` yields one list of terms (or None) per row.

    When ``truncated()`` says the rows were cut, JSON results get a top-level
    ``"truncated": true`` and XML results a closing comment (CSV/TSV have no
    place for it)."""
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            write("".join(buffer).encode("utf-8"))
            buffer.clear()

    if fmt.name == "json":
        write(b'{"head":{"vars":' + json.dumps(variables).encode() + b'},"results":{"bindings":[')
        keys = [_quote(v) + ":" for v in variables]
        separator = ""
        for row in rows:
            buffer.append(separator + "{" + ",".join(
                [key + _json_text(t) for key, t in zip(keys, row, strict=True)
                 if t is not None]) + "}")
            separator = ","
            if len(buffer) >= _BATCH:
                flush()
        buffer.append(']},"truncated":true}' if truncated() else "]}}")
    elif fmt.name == "xml":
        head = "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
        buffer.append('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                      f"<head>{head}</head><results>")
        for row in rows:
            cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                            for v, t in zip(variables, row, strict=True) if t is not None)
            buffer.append(f"<result>{cells}</result>\n")
            if len(buffer) >= _BATCH:
                flush()
        buffer.append("</results></sparql>\n")
        if truncated():
            buffer.append("<!-- truncated: more rows than max_result_rows -->\n")
    elif fmt.name == "csv":
        buffer.append(",".join(variables) + "\r\n")
        for row in rows:
            buffer.append(",".join(_csv_field(t) for t in row) + "\r\n")
            if len(buffer) >= _BATCH:
                flush()
    elif fmt.name == "tsv":
        buffer.append("\t".join("?" + v for v in variables) + "\n")
        for row in rows:
            buffer.append("\t".join(_tsv_field(t) for t in row) + "\n")
            if len(buffer) >= _BATCH:
                flush()
    else:
        raise ValueError(f"not a solutions format: {fmt.name}")
    flush()


def write_boolean(fmt: Format, value: bool, write: Write) -> None:
    if fmt.name == "json":
        write(json.dumps({"head": {}, "boolean": value}).encode())
    elif fmt.name == "xml":
        write(('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
               f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode())
    else:
        raise ValueError(f"not a boolean format: {fmt.name}")


class _Output:
    """File-like adapter pyoxigraph writes into."""

    def __init__(self, write: Write) -> None:
        self._write = write

    def write(self, data: bytes) -> int:
        self._write(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def write_triples(
    fmt: Format, triples: Iterator[ox.Triple], write: Write,
    prefixes: dict[str, str] | None = None,
) -> None:
    """Write RDF results with pyoxigraph's serializer for ``fmt``."""
    assert fmt.rdf is not None
    source: Iterator[ox.Triple] | Iterator[ox.Quad] = triples
    if fmt.rdf.supports_datasets:
        source = (ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    kwargs: dict[str, object] = {}
    if prefixes and fmt.rdf in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML):
        kwargs["prefixes"] = prefixes
    ox.serialize(source, _Output(write), fmt.rdf, **kwargs)  # type: ignore[arg-type]
