"""SPARQL text helpers shared by the backends: binding values as a leading VALUES
block, finding a query's form and WHERE group, rewriting INSERT DATA for engines
that refuse blank nodes in it.  A leaf: it imports nothing from the backends, so
both can use it without importing each other.  These helpers only shape queries
the service itself sends; no security decision rests on them (those are made on
the parsed algebra, server/sparql_guard.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from conflict_kg.store.base import StoreError

_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
PROLOGUE_ITEM = re.compile(
    r"\s+|#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>", re.IGNORECASE
)


def _values_block(substitutions: Mapping[str, Any]) -> str:
    names = list(substitutions)
    for name in names:
        if not _VARIABLE.match(name):
            raise StoreError(f"not a SPARQL variable name: {name!r}")
    # str() of a pyoxigraph term is its N-Triples form, which is valid SPARQL.
    row = " ".join(str(substitutions[n]) for n in names)
    return " VALUES (" + " ".join("?" + n for n in names) + ") { (" + row + ") } "


# Strings, IRIs and comments: text a scanner for braces or keywords must step over.
SKIPPED_TEXT = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
)


def code_positions(sparql: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    """Offsets in ``sparql[start:end]`` that are query text, not string, IRI or comment.

    >>> q = "{ '}' <a:b> # }\\n }"
    >>> [q[at] for at in code_positions(q) if not q[at].isspace()]
    ['{', '}']
    """
    stop = len(sparql) if end is None else end
    position = start
    while position < stop:
        skipped = SKIPPED_TEXT.match(sparql, position)
        if skipped:
            position = skipped.end()
            continue
        yield position
        position += 1


def group_end(sparql: str, start: int) -> int:
    """Offset of the ``}`` closing the group whose body starts at ``start``.

    >>> q = "SELECT * { ?s ?p '}' { ?a ?b ?c } } LIMIT 1"
    >>> q[:group_end(q, 10) + 1]
    "SELECT * { ?s ?p '}' { ?a ?b ?c } }"
    """
    depth = 0
    for position in code_positions(sparql, start):
        char = sparql[position]
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                return position
            depth -= 1
    raise ValueError("the query's group is not closed")


def where_group_start(sparql: str) -> int:
    """Offset just inside the query's WHERE group, skipping strings, IRIs and comments.

    >>> q = "CONSTRUCT { ?s <p:x> 'a{' } WHERE { ?s ?p ?o }"
    >>> q[where_group_start(q):].strip()
    '?s ?p ?o }'
    >>> q = "SELECT * # {\\n{ ?s ?p ?o }"
    >>> q[where_group_start(q):].strip()
    '?s ?p ?o }'
    """
    construct = query_form(sparql) == "CONSTRUCT"
    depth, after_where = 0, False
    for position in code_positions(sparql):
        char = sparql[position]
        if char == "{":
            if depth == 0 and (after_where or not construct):
                return position + 1
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and sparql[position : position + 5].upper() == "WHERE":
            after_where = True
    raise StoreError("cannot bind parameters: the query has no WHERE group")


_INSERT_DATA = re.compile(r"INSERT(?:\s|#[^\n]*)+DATA\b", re.IGNORECASE)
# A blank node in data: a label, [ … ] or a collection ( … ).
_BLANK = re.compile(r"(?<![\w:.-])_:|[\[(]")


def insert_data_as_template(sparql: str) -> str:
    """``INSERT DATA { … }`` blocks that hold blank nodes as ``INSERT { … } WHERE {}``.

    The same insertion (SPARQL 1.1 Update, 3.1.1 and 3.1.3: blank nodes in either are
    new ones), in the form Virtuoso 7 takes: it refuses blank nodes in a "constant
    clause".  Other blocks and the text in strings, IRIs and comments are left alone.

    >>> insert_data_as_template("INSERT DATA { GRAPH <g:x> { <a:s> <a:p> _:b, '_:no' } } ;"
    ...                         " INSERT data { <a:s> <a:p> 1 }")
    "INSERT  { GRAPH <g:x> { <a:s> <a:p> _:b, '_:no' } } WHERE {} ; INSERT data { <a:s> <a:p> 1 }"
    """
    out: list[str] = []
    position = copied = 0
    while position < len(sparql):
        skipped = SKIPPED_TEXT.match(sparql, position)
        if skipped:
            position = skipped.end()
            continue
        keyword = _INSERT_DATA.match(sparql, position)
        if not keyword or (position and (sparql[position - 1].isalnum() or
                                         sparql[position - 1] in "_:")):
            position += 1
            continue
        # The block: from the first "{" after DATA to its matching "}".
        start = sparql.find("{", keyword.end())
        if start < 0:
            break
        try:
            end = group_end(sparql, start + 1)
        except ValueError:
            end = len(sparql)
        blank = any(_BLANK.match(sparql, at) for at in code_positions(sparql, start, end))
        if blank and end < len(sparql):
            data = sparql[keyword.start():keyword.end()]
            out += [sparql[copied:position], data[: -len("DATA")], sparql[keyword.end():end + 1],
                    " WHERE {}"]
            copied = end + 1
        position = end + 1
    out.append(sparql[copied:])
    return "".join(out)


def bind_substitutions(sparql: str, substitutions: Mapping[str, Any]) -> str:
    """Bind values the way SEP-0007 substitution does, for engines without it.

    The values go first in the WHERE group, so every pattern, OPTIONAL and
    FILTER of the group sees them bound, as with a substitution.
    """
    at = where_group_start(sparql)
    return sparql[:at] + _values_block(substitutions) + sparql[at:]


def query_form(sparql: str) -> str:
    """The query's form (SELECT, ASK, CONSTRUCT, DESCRIBE), read past the prologue.

    >>> query_form("PREFIX a: <http://x#> # comment\\n construct WHERE { ?s ?p ?o }")
    'CONSTRUCT'
    """
    position = 0
    while match := PROLOGUE_ITEM.match(sparql, position):
        if match.end() == position:
            break
        position = match.end()
    keyword = re.match(r"[A-Za-z]+", sparql[position:])
    return keyword.group().upper() if keyword else ""
