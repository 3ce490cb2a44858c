"""The union default graph as a set: each distinct solution of a SELECT's pattern once.

pyoxigraph 0.5 (like Virtuoso 7) evaluates the union of the named graphs as a
bag: a triple that ten documents report matches ten times, so counts and rows
grow with corroboration.  The RDF merge the service advertises is a set.  For a
basic graph pattern, the distinct solutions of its bag evaluation are exactly
its solutions over the set; so a SELECT's WHERE group is evaluated as
``{ SELECT DISTINCT * WHERE { … } }`` and the projection, aggregates, ORDER BY
and LIMIT apply to that.  ``GRAPH ?g`` binds ``?g``, so per-source rows stay
apart: provenance is untouched.  The subquery projects every variable, so a
value bound from outside (a substitution) still narrows it.

ASK, CONSTRUCT and DESCRIBE need no rewriting: their answers do not count
solutions.  Two identical solutions of a UNION's two branches (or of a path's
hidden steps) are also one row here: see docs/sparql-service.md.
"""

from __future__ import annotations

import functools

from conflict_kg.store.sparql_text import code_positions, group_end, prologue_end

__all__ = ["distinct_solutions", "where_group"]


def where_group(sparql: str) -> tuple[int, int] | None:
    """Where a SELECT's WHERE group body starts and ends; None for other forms
    (and text that cannot be read here: the store gives its own error).

    >>> q = "PREFIX a: <x:> select ?s # {\\n WHERE { ?s a:p '{' }"
    >>> start, end = where_group(q)
    >>> q[start:end]
    " ?s a:p '{' "
    """
    position = prologue_end(sparql)
    if sparql[position:position + 6].upper() != "SELECT":
        return None
    for at in code_positions(sparql, position):  # a SELECT's first { opens its WHERE group
        if sparql[at] == "{":
            try:
                return at + 1, group_end(sparql, at + 1)
            except ValueError:
                return None
    return None


def group_alone(sparql: str) -> str | None:
    """``SELECT * WHERE { <the WHERE group> }`` with the query's prologue, or None.

    >>> group_alone("PREFIX a: <x:> SELECT ?s (COUNT(*) AS ?n) { ?s a:p ?o } GROUP BY ?s")
    'PREFIX a: <x:> SELECT * WHERE { ?s a:p ?o }'
    """
    group = where_group(sparql)
    if group is None:
        return None
    return sparql[:prologue_end(sparql)] + "SELECT * WHERE {" + sparql[group[0]:group[1]] + "}"


@functools.lru_cache(maxsize=1024)  # pages run the same few texts hundreds of times
def distinct_solutions(sparql: str) -> str:
    """A SELECT whose pattern is evaluated as a set; other forms (and text that
    cannot be read) unchanged, for the store to answer or reject as before.

    >>> distinct_solutions("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    'SELECT (COUNT(*) AS ?n) { { SELECT DISTINCT * WHERE { ?s ?p ?o } } }'
    >>> distinct_solutions("ASK { ?s ?p ?o }")
    'ASK { ?s ?p ?o }'
    """
    group = where_group(sparql)
    if group is None:
        return sparql
    start, end = group
    return (sparql[:start] + " { SELECT DISTINCT * WHERE {" + sparql[start:end] + "} } "
            + sparql[end:])
