"""Run SPARQL for the CLI and render results as a table, JSON or CSV."""

from __future__ import annotations

import io
from typing import Any

import pyoxigraph as ox

OUTPUT_FORMATS = ("table", "json", "csv")


def term_text(term: Any) -> str:
    """How a term reads in a table: IRIs bare, literals by their lexical form."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def render_results(results: Any, fmt: str) -> str:
    """Render SELECT/ASK/CONSTRUCT results in one of :data:`OUTPUT_FORMATS`."""
    if isinstance(results, ox.QueryBoolean):
        value = bool(results)
        if fmt == "json":
            return f'{{"head": {{}}, "boolean": {"true" if value else "false"}}}'
        return "true" if value else "false"
    if isinstance(results, ox.QueryTriples):
        out = io.BytesIO()
        rdf_format = ox.RdfFormat.JSON_LD if fmt == "json" else ox.RdfFormat.N_TRIPLES
        results.serialize(out, rdf_format)
        return out.getvalue().decode()
    if fmt in ("json", "csv"):
        out = io.BytesIO()
        results.serialize(
            out, ox.QueryResultsFormat.JSON if fmt == "json" else ox.QueryResultsFormat.CSV
        )
        return out.getvalue().decode()
    return _table(results)


def _table(results: Any) -> str:
    names = [v.value for v in results.variables]
    rows = [[term_text(row[name]) for name in names] for row in results]
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join([line, rule, *body, f"({len(rows)} row{'s' if len(rows) != 1 else ''})"])
