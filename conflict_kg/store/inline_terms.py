"""Bound parameters written into a query's WHERE group as terms.

pyoxigraph plans a query as if its substituted variables were unbound: the
value only filters the solutions afterwards, so a query about one entity reads
the patterns of every entity first (measured on the demo corpus syndicated to
1,000 documents: ``actor-timeline`` for the hub 4,088 ms substituted, 150 ms
with the IRI in the text; docs/benchmarks.md).  With the term in the pattern
the engine starts from it.

The rewrite works on the token stream of :mod:`conflict_kg.store.sparql_text`
(never a text replace: ``?e`` in a string, an IRI, a comment or ``?end`` is
left alone), and the terms' text is their N-Triples form, which pyoxigraph
produced from a checked term.  Every occurrence of the variable inside the
WHERE group becomes the term, and ``BIND(term AS ?v)`` at the group's end
gives the variable its value, so the projection, GROUP BY, ORDER BY and
HAVING read it as they read a substitution.

Where the two could differ, nothing is rewritten and the caller substitutes
as before: the variable inside a subquery, MINUS or SERVICE group, in a VALUES
clause or read by BOUND (their scoping of it is not a plain replacement), a
variable a query binds itself (``AS ?v``), a blank node value (in query text it would be a fresh
variable), and forms other than SELECT and ASK.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox

from conflict_kg.store.set_union import where_group
from conflict_kg.store.sparql_text import Token, group_end, prologue_end, query_form, tokenize

__all__ = ["inline_terms"]

# Groups in which a variable is not the query's own (a subquery's, MINUS's, a remote
# service's): a substituted variable there is not a plain replacement.
_OWN_SCOPE = frozenset({"SELECT", "MINUS", "SERVICE"})


def inline_terms(sparql: str, substitutions: Mapping[str, Any]) -> str | None:
    """``sparql`` with the substituted variables written in as terms, or None
    when the query's shape asks for a real substitution.

    >>> e = ox.NamedNode("http://ex/e")
    >>> inline_terms("SELECT ?n { ?e ?p ?n FILTER(?e != ?end) }", {"e": e})
    'SELECT ?n { <http://ex/e>  ?p ?n FILTER(<http://ex/e>  != ?end)  BIND(<http://ex/e> AS ?e) }'
    >>> inline_terms("SELECT ?e { ?e ?p '?e' } # ?e", {"e": e})
    "SELECT ?e { <http://ex/e>  ?p '?e'  BIND(<http://ex/e> AS ?e) } # ?e"
    >>> inline_terms("SELECT ?x { ?e ?p ?x MINUS { ?x ?q ?e } }", {"e": e}) is None
    True
    """
    if not substitutions:
        return sparql
    if query_form(sparql) not in ("SELECT", "ASK"):
        return None
    terms: dict[str, str] = {}
    for name, value in substitutions.items():
        text = _term_text(value)
        if text is None:
            return None
        terms[name] = text
    group = _where_group(sparql)
    if group is None:
        return None
    start, end = group
    tokens = tokenize(sparql)
    inside = [t for t in tokens if start <= t.start < end]
    if _scoped_elsewhere(inside, terms):
        return None
    if any(_binds_itself(tokens, i, terms) for i in range(len(tokens))):
        return None
    used = {_name(t) for t in tokens if t.kind == "var"} & terms.keys()
    out: list[str] = []
    copied = start
    for token in inside:
        variable = _name(token) if token.kind == "var" else None
        if variable in terms:
            out += [sparql[copied:token.start], terms[variable] + " "]  # "@en-1": one tag
            copied = token.end
    out.append(sparql[copied:end])
    binds = "".join(f" BIND({terms[n]} AS ?{n})" for n in sorted(used))
    return sparql[:start] + "".join(out) + binds + " " + sparql[end:]


def _term_text(value: Any) -> str | None:
    """The term's N-Triples text when it is one IRI or literal token, else None."""
    if not isinstance(value, (ox.NamedNode, ox.Literal)):
        return None  # a blank node in query text is a variable, not that node
    text = str(value)
    kinds = [t.kind for t in tokenize(text)]
    # An IRI; a string, with a language tag or a datatype IRI.
    if kinds in (["iri"], ["string"], ["string", "lang"], ["string", "punct", "iri"]):
        return text
    return None


def _where_group(sparql: str) -> tuple[int, int] | None:
    """Where the WHERE group body of a SELECT or an ASK starts and ends."""
    if query_form(sparql) == "SELECT":
        return where_group(sparql)
    for token in tokenize(sparql[prologue_end(sparql):]):  # ASK: its first "{"
        if token.text == "{":
            at = prologue_end(sparql) + token.start + 1
            try:
                return at, group_end(sparql, at)
            except ValueError:
                return None
    return None


def _scoped_elsewhere(inside: list[Token], terms: Mapping[str, str]) -> bool:
    """A substituted variable in a subquery, MINUS or SERVICE group, in a VALUES
    clause's variables, or read by BOUND."""
    def substituted(token: Token) -> bool:
        return token.kind == "var" and _name(token) in terms

    for i, token in enumerate(inside):
        if token.keyword in _OWN_SCOPE:
            opening = next((j for j in range(i + 1, len(inside)) if inside[j].text == "{"), None)
            if opening is None:
                return True  # not readable here: the store reports it
            depth = inside[opening].depth
            closing = next((j for j in range(opening + 1, len(inside))
                            if inside[j].text == "}" and inside[j].depth == depth), len(inside))
            # A subquery's projection comes before its "{": read from the keyword on.
            if any(substituted(t) for t in inside[i:closing]):
                return True
        elif token.keyword == "VALUES":
            clause = inside[i + 1:]
            names = clause[:next((j for j, t in enumerate(clause) if t.text == "{"), 0)]
            if any(substituted(t) for t in names):
                return True
        elif token.keyword == "BOUND" and i + 2 < len(inside) and substituted(inside[i + 2]):
            return True
    return False


def _name(token: Token) -> str:
    return token.text[1:]  # ?v and $v are the same variable


def _binds_itself(tokens: list[Token], i: int, terms: Mapping[str, str]) -> bool:
    """``AS ?v`` for a substituted ``?v``: the query gives it its own value."""
    return (tokens[i].keyword == "AS" and i + 1 < len(tokens)
            and tokens[i + 1].kind == "var" and _name(tokens[i + 1]) in terms)
