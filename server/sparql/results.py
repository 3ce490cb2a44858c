"""Result formats of the SPARQL endpoint, and streaming writers for them.

``SELECT`` solutions are written row by row here (so that the row cap and the
deadline are checked between rows); RDF results go through pyoxigraph's own
serializers, fed one triple at a time.  Every writer takes a ``write``
callable and returns nothing: memory stays bounded by the caller's buffer.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from json.encoder import encode_basestring as _quote  # C: a str as a JSON string
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from conflict_kg.server.http.formats import Format

Write = Callable[[bytes], None]
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


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
