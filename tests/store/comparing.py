"""Query answers compared across engines (embedded and remote): terms by value."""

from __future__ import annotations

import pyoxigraph as ox

from conflict_kg.store import GraphStore

XSD = "http://www.w3.org/2001/XMLSchema#"


def key(term: object) -> object:
    """A term as compared across engines: by value, with what SPARQL leaves open set aside."""
    if isinstance(term, ox.BlankNode):
        return "_:"  # labels are the engine's own
    if isinstance(term, ox.Literal):
        if term.datatype.value == XSD + "boolean" or (
            term.datatype.value == XSD + "integer" and term.value in ("0", "1")
        ):
            # Virtuoso writes xsd:boolean results as the integers 0 and 1.
            return ("boolean", term.value in ("true", "1"))
        if " | " in term.value:
            # GROUP_CONCAT's order is undefined (SPARQL 1.1, 18.5.1.7).
            return (" | ".join(sorted(term.value.split(" | "))), term.language)
        return (term.value, term.datatype.value, term.language)
    return str(term)


def rows(store: GraphStore, sparql: str, bindings: dict) -> list[tuple]:
    results = store.query(sparql, substitutions=bindings or None)
    if isinstance(results, ox.QueryBoolean):
        return [(bool(results),)]
    names = [v.value for v in results.variables]
    return sorted((tuple(key(row[n]) for n in names) for row in results), key=repr)
