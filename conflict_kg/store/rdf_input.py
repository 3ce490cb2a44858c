"""Reading RDF that comes from outside: files given to ``conflict-kg load`` and
bodies sent to the graph store protocol.

Two rules, both decided on what a parser makes of the input:

* **No DTD in RDF/XML.**  A document type declaration can declare entities that
  expand without bound (a 1 KB "billion laughs" document becomes gigabytes) or
  name external files.  RDF/XML needs none, so any ``<!DOCTYPE`` the XML parser
  reports (expat, through :mod:`defusedxml` with ``forbid_dtd``) refuses the
  whole input before the RDF parser sees it.
* **Graphs are explicit.**  :func:`parse_dataset` keeps the default graph's
  triples apart from the named graphs a dataset format (N-Quads, TriG) names;
  the caller decides where each goes (see ``conflict-kg load --keep-graphs``).
"""

from __future__ import annotations

import xml.sax
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.sax import parse as safe_sax_parse
from defusedxml.sax import parseString as safe_sax_parse_string

from conflict_kg.store.base import StoreError

__all__ = ["UnsafeRdf", "ParsedDataset", "refuse_xml_dtd", "parse_dataset", "format_of_path"]

XML_FORMATS = (ox.RdfFormat.RDF_XML,)


class UnsafeRdf(ValueError):
    """The input is refused before parsing (a DTD in RDF/XML); the message says why."""


def refuse_xml_dtd(source: bytes | Path, origin: str = "the body") -> None:
    """Raise :class:`UnsafeRdf` if ``source`` (RDF/XML) has a DTD or is not XML.

    The document is streamed through expat with every handler a no-op: nothing
    is built, and the first ``<!DOCTYPE`` stops it.

    >>> refuse_xml_dtd(b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>')
    >>> try:
    ...     refuse_xml_dtd(b'<!DOCTYPE r [<!ENTITY a "x">]><r>&a;</r>')
    ... except UnsafeRdf as exc:
    ...     print(str(exc)[:63])
    the body: RDF/XML with a document type declaration (<!DOCTYPE>)
    """
    handler = xml.sax.handler.ContentHandler()
    options = {"forbid_dtd": True, "forbid_entities": True, "forbid_external": True}
    try:
        if isinstance(source, Path):
            safe_sax_parse(str(source), handler, **options)
        else:
            safe_sax_parse_string(source, handler, **options)
    except DTDForbidden:
        raise UnsafeRdf(f"{origin}: RDF/XML with a document type declaration (<!DOCTYPE>) is "
                        "refused: entity declarations can expand without bound, and RDF/XML "
                        "needs none") from None
    except (EntitiesForbidden, ExternalReferenceForbidden) as exc:  # (only after a DTD)
        raise UnsafeRdf(f"{origin}: RDF/XML entity declarations are refused ({exc})") from None
    except xml.sax.SAXParseException as exc:
        raise UnsafeRdf(f"{origin}: not well-formed XML: line {exc.getLineNumber()}, column "
                        f"{exc.getColumnNumber()}: {exc.getMessage()}") from None


def format_of_path(path: Path) -> ox.RdfFormat | None:
    suffix = path.suffix.lstrip(".").lower()
    # OWL files are RDF/XML by convention (LUBM's univ-bench.owl, Protégé's default).
    return ox.RdfFormat.RDF_XML if suffix == "owl" else ox.RdfFormat.from_extension(suffix)


@dataclass
class ParsedDataset:
    """An RDF input split by graph: the default graph's triples, and each named graph's."""

    default: list[ox.Triple] = field(default_factory=list)
    named: dict[str, list[ox.Triple]] = field(default_factory=dict)


def parse_dataset(source: bytes | Path, fmt: ox.RdfFormat, base_iri: str,
                  origin: str = "the body") -> ParsedDataset:
    """Parse ``source`` (after :func:`refuse_xml_dtd` for RDF/XML).

    Raises :class:`UnsafeRdf`, ``SyntaxError``/``ValueError`` (bad syntax) or
    ``OSError`` (an unreadable file)."""
    if fmt in XML_FORMATS:
        refuse_xml_dtd(source, origin)
    named: dict[str, list[ox.Triple]] = defaultdict(list)
    default: list[ox.Triple] = []
    if isinstance(source, Path):
        quads = ox.parse(path=str(source), format=fmt, base_iri=base_iri, rename_blank_nodes=True)
    else:
        quads = ox.parse(source, fmt, base_iri=base_iri, rename_blank_nodes=True)
    for quad in quads:
        triple = ox.Triple(quad.subject, quad.predicate, quad.object)
        if isinstance(quad.graph_name, ox.DefaultGraph):
            default.append(triple)
        elif isinstance(quad.graph_name, ox.BlankNode):
            raise ValueError(f"{origin}: a graph named by a blank node cannot be stored")
        else:
            named[quad.graph_name.value].append(triple)
    return ParsedDataset(default, dict(named))


def read_rdf_file(
    path: Path, graph: str, fmt: ox.RdfFormat | None = None, *, keep_graphs: bool = False
) -> dict[str, list[ox.Triple]]:
    """Parse an RDF file into the graphs it will replace: its default graph goes to
    ``graph``.  Graphs the file itself names (N-Quads, TriG) are kept under their own
    names only with ``keep_graphs``; otherwise such a file is refused (StoreError), so
    a load never writes a graph it was not told to.  With ``keep_graphs`` ``graph`` is
    only written when the file has default-graph triples."""
    fmt = fmt or format_of_path(path)
    if fmt is None:
        raise StoreError(
            f"{path}: unknown RDF format (use .ttl, .nt, .nq, .trig, .jsonld, .rdf, .owl)"
        )
    try:
        # Relative IRIs (rdf:about="" in RDF/XML) resolve against the file itself.
        parsed = parse_dataset(path, fmt, path.resolve().as_uri(), origin=str(path))
    except UnsafeRdf as exc:
        raise StoreError(str(exc)) from exc
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"{path}: {exc}") from exc
    except OSError as exc:
        raise StoreError(f"{path}: cannot read ({exc})") from exc
    if parsed.named and not keep_graphs:
        names = sorted(parsed.named)
        shown = ", ".join(f"<{n}>" for n in names[:5]) + (" ..." if len(names) > 5 else "")
        raise StoreError(
            f"{path}: the file names {len(names)} graph(s) of its own ({shown}); nothing "
            f"loaded. To replace those graphs with the file's content, load it with "
            f"--keep-graphs; to load everything into <{graph}>, convert it to triples first")
    by_graph = dict(parsed.named)
    if parsed.default or not keep_graphs:
        by_graph[graph] = by_graph.get(graph, []) + parsed.default
    return by_graph
