"""The project's one SPARQL text scanner, and the helpers built on it.

A lexer of the SPARQL 1.1 grammar's terminals (strings, IRIs, comments,
variables, prefixed names, keywords: :func:`tokenize`) is the only place that
knows where a string, an IRI or a comment ends; everything else reads tokens.
On it: binding values as a leading VALUES block, finding a query's form and
WHERE group, rewriting INSERT DATA for engines that refuse blank nodes in it
(here), and what the service must know about a request before running it
(``server/sparql/text.py``).  A leaf: it imports nothing from the backends, so
both can use it without importing each other.  No security decision rests on
it (those are made on the parsed algebra, server/sparql/guard.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from conflict_kg.store.base import StoreError

__all__ = ["TOKEN", "Token", "bind_substitutions", "code_positions", "group_end",
           "insert_data_as_template", "prologue_end", "query_form", "tokenize",
           "where_group_start"]

# Character classes of the SPARQL 1.1 grammar (section 19.8), so that names end
# exactly where the store's parser ends them.  Python's \w is not PN_CHARS: it
# lacks U+00B7, U+0300-U+036F and U+203F-U+2040 and has digits of other scripts.
_PN_CHARS_BASE = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
                  "\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf"
                  "\ufdf0-\ufffd\U00010000-\U000effff")
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + r"\-0-9" + "\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PN_LOCAL = (f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})"
             f"(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?")
_VARNAME = f"[{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*"
_BNODE = f"_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"

TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]VARNAME)
  | (?P<bnode>BNODE)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<pname>(?:PN_PREFIX)?:(?:PN_LOCAL)?)
  | (?P<word>[A-Za-z][A-Za-z0-9_]*)
  | (?P<number>[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|.)
    """.replace("VARNAME", _VARNAME).replace("BNODE", _BNODE)
       .replace("PN_PREFIX", _PN_PREFIX).replace("PN_LOCAL", _PN_LOCAL),
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int
    depth: int  # brace depth at the token

    @property
    def keyword(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


def tokenize(text: str) -> list[Token]:
    """Significant tokens (no whitespace, no comments), with brace depth.

    >>> [t.text for t in tokenize("SELECT ?x { ?x <http://a#b> 'q{' } # }")]
    ['SELECT', '?x', '{', '?x', '<http://a#b>', "'q{'", '}']
    """
    tokens: list[Token] = []
    depth = 0
    pos = 0
    while pos < len(text):
        match = TOKEN.match(text, pos)
        if match is None:  # cannot happen: the last alternative takes any character
            break
        kind = match.lastgroup or "punct"
        value = match.group()
        pos = match.end()
        if kind in ("ws", "comment"):
            continue
        if value == "}":
            depth = max(depth - 1, 0)
        tokens.append(Token(kind, value, match.start(), match.end(), depth))
        if value == "{":
            depth += 1
    return tokens


_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _values_block(substitutions: Mapping[str, Any]) -> str:
    names = list(substitutions)
    for name in names:
        if not _VARIABLE.match(name):
            raise StoreError(f"not a SPARQL variable name: {name!r}")
    # str() of a pyoxigraph term is its N-Triples form, which is valid SPARQL.
    row = " ".join(str(substitutions[n]) for n in names)
    return " VALUES (" + " ".join("?" + n for n in names) + ") { (" + row + ") } "


_SKIPPED = ("string", "iri")  # tokens whose text is no query structure


def code_positions(sparql: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    """Where the tokens of ``sparql[start:end]`` that are query text begin (not strings,
    IRIs or comments; whitespace is no token).

    >>> q = "{ '}' <a:b> # }\\n }"
    >>> [q[at] for at in code_positions(q)]
    ['{', '}']
    """
    stop = len(sparql) if end is None else end
    for token in tokenize(sparql):
        if token.start >= stop:
            return
        if token.start >= start and token.kind not in _SKIPPED:
            yield token.start


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


def insert_data_as_template(sparql: str) -> str:
    """``INSERT DATA { … }`` blocks that hold blank nodes as ``INSERT { … } WHERE {}``.

    The same insertion (SPARQL 1.1 Update, 3.1.1 and 3.1.3: blank nodes in either are
    new ones), in the form Virtuoso 7 takes: it refuses blank nodes in a "constant
    clause".  Other blocks and the text in strings, IRIs and comments are left alone.

    >>> insert_data_as_template("INSERT DATA { GRAPH <g:x> { <a:s> <a:p> _:b, '_:no' } } ;"
    ...                         " INSERT data { <a:s> <a:p> 1 }")
    "INSERT  { GRAPH <g:x> { <a:s> <a:p> _:b, '_:no' } } WHERE {} ; INSERT data { <a:s> <a:p> 1 }"
    """
    tokens = tokenize(sparql)
    out: list[str] = []
    copied = 0
    i = 0
    while i + 2 < len(tokens):
        insert, data, opening = tokens[i], tokens[i + 1], tokens[i + 2]
        if insert.keyword != "INSERT" or data.keyword != "DATA" or opening.text != "{":
            i += 1
            continue
        # The block: from the "{" after DATA to its matching "}".
        close = _matching(tokens, i + 2)
        end = tokens[close].start if close < len(tokens) else len(sparql)
        blank = any(t.kind == "bnode" or t.text in ("[", "(") for t in tokens[i + 3:close])
        if blank and close < len(tokens):
            out += [sparql[copied:insert.start], sparql[insert.start:data.start],
                    sparql[data.end:end + 1], " WHERE {}"]
            copied = end + 1
        i = close + 1
    out.append(sparql[copied:])
    return "".join(out)


def _matching(tokens: list[Token], open_index: int) -> int:
    """Index of the ``}`` token closing the ``{`` at ``open_index`` (or len(tokens))."""
    depth = tokens[open_index].depth
    for j in range(open_index + 1, len(tokens)):
        if tokens[j].text == "}" and tokens[j].depth == depth:
            return j
    return len(tokens)


def bind_substitutions(sparql: str, substitutions: Mapping[str, Any]) -> str:
    """Bind values the way SEP-0007 substitution does, for engines without it.

    The values go first in the WHERE group, so every pattern, OPTIONAL and
    FILTER of the group sees them bound, as with a substitution.
    """
    at = where_group_start(sparql)
    return sparql[:at] + _values_block(substitutions) + sparql[at:]


def prologue_end(sparql: str) -> int:
    """Offset of the first token after the prologue (PREFIX and BASE declarations).

    >>> q = "PREFIX a: <http://x#> # comment\\n construct WHERE { ?s ?p ?o }"
    >>> q[prologue_end(q):][:9]
    'construct'
    """
    tokens = tokenize(sparql)
    i = 0
    while i < len(tokens):
        if tokens[i].keyword == "PREFIX":
            i += 3
        elif tokens[i].keyword == "BASE":
            i += 2
        else:
            return tokens[i].start
    return len(sparql)


def query_form(sparql: str) -> str:
    """The query's form (SELECT, ASK, CONSTRUCT, DESCRIBE), read past the prologue.

    >>> query_form("PREFIX a: <http://x#> # comment\\n construct WHERE { ?s ?p ?o }")
    'CONSTRUCT'
    """
    keyword = re.match(r"[A-Za-z]+", sparql[prologue_end(sparql):])
    return keyword.group().upper() if keyword else ""
