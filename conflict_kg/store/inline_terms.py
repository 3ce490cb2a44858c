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
as before: the variable inside a subquery, MINUS or SERVICE group or read by
BOUND (their scoping of it is not a plain replacement), a group with a VALUES
block (pyoxigraph's join order then goes wrong: measured 170x slower on the
map's preloads), a variable a query binds itself (``AS ?v``), a blank node
value (in query text it would be a fresh variable), and forms other than
SELECT and ASK.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from conflict_kg.store.set_union import where_group
from conflict_kg.store.sparql_text import Token, group_end, prologue_end, query_form, tokenize

__all__ = ["inline_terms"]

# Groups in which a variable is not the query's own (a subquery's, MINUS's, a remote
# service's): a substituted variable there is not a plain replacement.
_OWN_SCOPE = frozenset({"SELECT", "MINUS", "SERVICE"})


def inline_terms(sparql: str, substitutions: Mapping[str, Any], *,
                 as_set: bool = False) -> str | None:
    """``sparql`` with the substituted variables written in as terms, or None
    when the query's shape asks for a real substitution.  With ``as_set`` a
    SELECT's group is also evaluated as a set (as set_union.distinct_solutions).

    >>> e = ox.NamedNode("http://ex/e")
    >>> inline_terms("SELECT ?n { ?e ?p ?n FILTER(?e != ?end) }", {"e": e})
    'SELECT ?n { <http://ex/e>  ?p ?n FILTER(<http://ex/e>  != ?end)  BIND(<http://ex/e> AS ?e) }'
    >>> inline_terms("SELECT ?e { ?e ?p '?e' } # ?e", {"e": e})
    "SELECT ?e { <http://ex/e>  ?p '?e'  BIND(<http://ex/e> AS ?e) } # ?e"
    >>> inline_terms("SELECT ?x { ?e ?p ?x MINUS { ?x ?q ?e } }", {"e": e}) is None
    True
    >>> inline_terms("SELECT ?n { ?e ?p ?n }", {"e": e}, as_set=True)
    'SELECT ?n { { SELECT DISTINCT * WHERE { <http://ex/e>  ?p ?n  BIND(<http://ex/e> AS ?e)} } }'
    """
    if not substitutions:
        return sparql
    terms: dict[str, str] = {}
    for name, value in substitutions.items():
        text = _term_text(value)
        if text is None:
            return None
        terms[name] = text
    plan = _plan(sparql, frozenset(terms))
    if plan is None:
        return None
    inner = [plan.pieces[0]]
    for slot, piece in zip(plan.slots, plan.pieces[1:], strict=True):
        inner += [terms[slot], " ", piece]  # the space: "@en-1" would be one tag
    binds = "".join(f" BIND({terms[n]} AS ?{n})" for n in plan.bound)
    if as_set and plan.select:
        return (plan.head + " { SELECT DISTINCT * WHERE {" + "".join(inner) + binds + "} } "
                + plan.tail)
    return plan.head + "".join(inner) + binds + " " + plan.tail


@dataclass(frozen=True)
class _Plan:
    """A query cut where its substituted variables stand in the WHERE group."""

    head: str  # up to and including the group's "{"
    pieces: tuple[str, ...]  # the group's text between the variables
    slots: tuple[str, ...]  # the variable at each cut
    bound: tuple[str, ...]  # the substituted variables the query names: BIND at the end
    tail: str  # from the group's "}"
    select: bool


@functools.lru_cache(maxsize=1024)  # pages run the same few texts hundreds of times
def _plan(sparql: str, names: frozenset[str]) -> _Plan | None:
    form = query_form(sparql)
    if form not in ("SELECT", "ASK"):
        return None
    group = _where_group(sparql, form)
    if group is None:
        return None
    start, end = group
    tokens = tokenize(sparql)
    inside = [t for t in tokens if start <= t.start < end]
    if _scoped_elsewhere(inside, names):
        return None
    if any(_binds_itself(tokens, i, names) for i in range(len(tokens))):
        return None
    pieces, slots, copied = [], [], start
    for token in inside:
        if token.kind == "var" and _name(token) in names:
            pieces.append(sparql[copied:token.start])
            slots.append(_name(token))
            copied = token.end
    pieces.append(sparql[copied:end])
    bound = tuple(sorted({_name(t) for t in tokens if t.kind == "var"} & names))
    return _Plan(sparql[:start], tuple(pieces), tuple(slots), bound, sparql[end:],
                 form == "SELECT")


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


def _where_group(sparql: str, form: str) -> tuple[int, int] | None:
    """Where the WHERE group body of a SELECT or an ASK starts and ends."""
    if form == "SELECT":
        return where_group(sparql)
    for token in tokenize(sparql[prologue_end(sparql):]):  # ASK: its first "{"
        if token.text == "{":
            at = prologue_end(sparql) + token.start + 1
            try:
                return at, group_end(sparql, at)
            except ValueError:
                return None
    return None


def _scoped_elsewhere(inside: list[Token], terms: Collection[str]) -> bool:
    """A substituted variable in a subquery, MINUS or SERVICE group, or read by BOUND;
    or any VALUES block in the group."""
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
        elif token.keyword == "VALUES" and not _values_meet_terms(inside, i, terms):
            # pyoxigraph joins a VALUES block with the patterns first.  Unless one pattern
            # holds both the block's variables and the written-in term (a fully bound
            # lookup then), that read a pattern without the term: the map's class
            # preloads took 34 ms written in, 0.2 ms substituted.
            return True
        elif token.keyword == "BOUND" and i + 2 < len(inside) and substituted(inside[i + 2]):
            return True
    return False


def _values_meet_terms(inside: list[Token], at: int, terms: Collection[str]) -> bool:
    """Whether a triple pattern statement (up to ".", "{" or "}") names both a variable
    of the VALUES block at ``inside[at]`` and a substituted variable.

    ``actor-timeline``: ``VALUES (?kind ?role ?class) {…} ?item ?role ?actor ; a ?class``
    with ?actor written in is 8 index lookups (95 ms for a hub at 1,000 documents,
    2.8 s substituted); ``?x a ?t . VALUES ?p {…} ?x ?p ?v`` with ?t is not.
    """
    block: set[str] = set()
    for token in inside[at + 1:]:
        if token.kind == "var":
            block.add(_name(token))
        elif token.text != "(":
            break
        if token.text == ")" or (token.kind == "var" and inside[at + 1].text != "("):
            break
    if block & set(terms):
        return False  # the block binds the variable itself
    statement: set[str] = set()
    for token in inside:
        if token.text in (".", "{", "}"):
            if statement & block and statement & set(terms):
                return True
            statement = set()
        elif token.kind == "var":
            statement.add(_name(token))
    return bool(statement & block and statement & set(terms))


def _name(token: Token) -> str:
    return token.text[1:]  # ?v and $v are the same variable


def _binds_itself(tokens: list[Token], i: int, terms: Collection[str]) -> bool:
    """``AS ?v`` for a substituted ``?v``: the query gives it its own value."""
    return (tokens[i].keyword == "AS" and i + 1 < len(tokens)
            and tokens[i + 1].kind == "var" and _name(tokens[i + 1]) in terms)
