"""What the service must know about a query or update before running it.

A small lexer of the SPARQL 1.1 grammar's terminals (strings, IRIs, comments,
variables, prefixed names, keywords) is enough to answer: which form is this
query, does it name its own dataset (``FROM``), which ``SERVICE`` endpoints and
``LOAD`` sources does it use, does it hold relative IRIs; and to add the
protocol's ``using-graph-uri`` parameters to an update.  The parser of the
store stays the judge of syntax: these helpers never accept text it refuses.

>>> analyze("PREFIX ex: <http://ex/> SELECT * FROM <http://g> { SERVICE ex:s { ?s ?p ?o } }").form
'SELECT'
>>> analyze("PREFIX ex: <http://ex/> SELECT * { SERVICE ex:s { ?s ?p ?o } }").services
['http://ex/s']
>>> analyze("ASK { ?s ?p 'SERVICE <http://x>' } # SERVICE <http://y>").services
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from conflict_kg.store.sparql_text import Token, tokenize

__all__ = ["Analysis", "UsingConflict", "add_using", "analyze", "update_targets"]

_QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
# Built-ins whose value is new at each evaluation (SPARQL 1.1 section 17.4).
_VOLATILE_FUNCTIONS = ("NOW", "RAND", "UUID", "STRUUID", "BNODE")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


@dataclass
class Analysis:
    """Facts about one query or update text."""

    form: str | None = None  # SELECT, CONSTRUCT, DESCRIBE, ASK (queries only)
    has_dataset_clause: bool = False  # FROM / FROM NAMED (query), USING / WITH (update)
    services: list[str] = field(default_factory=list)  # resolved SERVICE IRIs
    dynamic_service: bool = False  # SERVICE ?var
    loads: list[str] = field(default_factory=list)  # LOAD sources (updates)
    has_relative_iris: bool = False
    has_base: bool = False
    volatile: bool = False  # calls NOW(), RAND(), UUID()...: each evaluation differs


def _resolve(token: Token, prefixes: dict[str, str], base: str | None) -> str | None:
    if token.kind == "iri":
        iri = token.text[1:-1]
        if not _SCHEME.match(iri) and base:
            return urljoin(base, iri)
        return iri
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        namespace = prefixes.get(prefix)
        return None if namespace is None else namespace + local
    return None


def analyze(text: str) -> Analysis:
    """Read the facts the service needs from a query or an update."""
    tokens = tokenize(text)
    result = Analysis()
    prefixes: dict[str, str] = {}
    base: str | None = None
    for i, token in enumerate(tokens):
        word = token.keyword
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if token.kind == "iri" and not _SCHEME.match(token.text[1:-1]):
            result.has_relative_iris = True
        if word == "PREFIX" and following and following.kind == "pname" and i + 2 < len(tokens):
            iri = _resolve(tokens[i + 2], prefixes, base)
            if iri is not None:
                prefixes[following.text[:-1]] = iri
        elif word == "BASE" and following and following.kind == "iri":
            result.has_base = True
            base = _resolve(following, prefixes, base)
        elif word in _QUERY_FORMS and token.depth == 0 and result.form is None:
            result.form = word
        elif word in ("FROM", "USING", "WITH") and token.depth == 0:
            result.has_dataset_clause = True
        elif word == "SERVICE":
            target = following
            if target is not None and target.keyword == "SILENT":
                target = tokens[i + 2] if i + 2 < len(tokens) else None
            iri = _resolve(target, prefixes, base) if target is not None else None
            if iri is None:
                result.dynamic_service = True
            else:
                result.services.append(iri)
        elif word in _VOLATILE_FUNCTIONS and following is not None and following.text == "(":
            result.volatile = True
        elif word == "LOAD":
            target = following
            if target is not None and target.keyword == "SILENT":
                target = tokens[i + 2] if i + 2 < len(tokens) else None
            iri = _resolve(target, prefixes, base) if target is not None else None
            result.loads.append(iri or "?")
    return result


class UsingConflict(ValueError):
    """The update names its own dataset (USING/WITH) and the protocol names one too."""


def _matching_brace(tokens: list[Token], open_index: int) -> int:
    depth = tokens[open_index].depth
    for j in range(open_index + 1, len(tokens)):
        if tokens[j].text == "}" and tokens[j].depth == depth:
            return j
    raise ValueError("unbalanced braces")


def add_using(update: str, using: list[str], using_named: list[str]) -> str:
    """Give every ``WHERE`` of an update the protocol's dataset.

    Implements ``using-graph-uri`` / ``using-named-graph-uri`` of the SPARQL 1.1
    Protocol by adding ``USING`` / ``USING NAMED`` clauses; ``DELETE WHERE``
    shorthand is expanded so that it can carry them.  The IRIs must already be
    validated (they are written between angle brackets).

    >>> add_using("DELETE WHERE { ?s ?p ?o }", ["http://g"], [])
    'DELETE { ?s ?p ?o } USING <http://g> WHERE { ?s ?p ?o }'
    >>> add_using("INSERT { ?s a 1 } WHERE { ?s ?p ?o }", [], ["http://n"])
    'INSERT { ?s a 1 }  USING NAMED <http://n> WHERE { ?s ?p ?o }'
    """
    if not using and not using_named:
        return update
    tokens = tokenize(update)
    if any(t.keyword in ("USING", "WITH") and t.depth == 0 for t in tokens):
        raise UsingConflict(
            "the update names its dataset with USING or WITH; "
            "it cannot also be given using-graph-uri / using-named-graph-uri"
        )
    clause = " ".join(
        [f"USING <{g}>" for g in using] + [f"USING NAMED <{g}>" for g in using_named]
    )
    edits: list[tuple[int, int, str]] = []
    for i, token in enumerate(tokens):
        if token.keyword != "WHERE" or token.depth != 0:
            continue
        previous = tokens[i - 1] if i else None
        if previous is not None and previous.keyword == "DELETE" and i + 1 < len(tokens):
            close = _matching_brace(tokens, i + 1)
            pattern = update[tokens[i + 1].start : tokens[close].end]
            edits.append((token.start, tokens[close].end, f"{pattern} {clause} WHERE {pattern}"))
        else:
            edits.append((token.start, token.start, f" {clause} "))
    for start, end, replacement in reversed(edits):
        update = update[:start] + replacement + update[end:]
    return update


def update_targets(update: str) -> set[str] | None:
    """Named graphs an update may change, or ``None`` when that cannot be told.

    An over-approximation: every graph named after ``GRAPH``, ``WITH`` or ``TO``
    and the source of ``MOVE``; ``GRAPH ?var``, ``CLEAR/DROP NAMED|ALL`` give
    ``None``.  Changes to the store's default graph are not listed.

    >>> sorted(update_targets("INSERT DATA { GRAPH <http://g> { <http://a> <http://b> 1 } }"))
    ['http://g']
    >>> sorted(update_targets("PREFIX e: <http://e/> MOVE e:a TO GRAPH e:b"))
    ['http://e/a', 'http://e/b']
    >>> update_targets("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }") is None
    True
    >>> update_targets("DROP ALL") is None
    True
    """
    tokens = tokenize(update)
    prefixes: dict[str, str] = {}
    base: str | None = None
    targets: set[str] = set()

    def graph_after(i: int) -> str | None | bool:
        """IRI named at tokens[i] (skipping GRAPH); None: not a graph; False: unknown."""
        if i < len(tokens) and tokens[i].keyword == "GRAPH":
            i += 1
        if i >= len(tokens):
            return None
        if tokens[i].kind == "var":
            return False
        if tokens[i].keyword in ("DEFAULT", "SILENT"):
            return None if tokens[i].keyword == "DEFAULT" else graph_after(i + 1)
        if tokens[i].keyword in ("NAMED", "ALL"):
            return False
        iri = _resolve(tokens[i], prefixes, base)
        return False if iri is None and tokens[i].kind == "pname" else iri

    for i, token in enumerate(tokens):
        word = token.keyword
        if word == "PREFIX" and i + 2 < len(tokens) and tokens[i + 1].kind == "pname":
            iri = _resolve(tokens[i + 2], prefixes, base)
            if iri is not None:
                prefixes[tokens[i + 1].text[:-1]] = iri
            continue
        if word == "BASE" and i + 1 < len(tokens):
            base = _resolve(tokens[i + 1], prefixes, base)
            continue
        if word in ("GRAPH", "WITH", "TO", "MOVE", "CLEAR", "DROP", "CREATE"):
            if word == "GRAPH" and i and tokens[i - 1].keyword in (
                    "CLEAR", "DROP", "CREATE", "SILENT", "TO", "MOVE", "ADD", "COPY"):
                continue  # read with the preceding keyword
            found = graph_after(i + 1)
            if found is False:
                return None
            if isinstance(found, str):
                targets.add(found)
    return targets
