"""The gate every SPARQL text from a client passes before the store sees it.

Three decisions, each made on what a parser makes of the text, never on a
search that could read it differently from the parser that executes it:

1. **One text for every reader.**  SPARQL applies codepoint escapes
   (``\\u0041``, ``\\U00000041``) to the whole text before parsing (SPARQL 1.1
   section 19.2).  :func:`canonical_text` applies them once here and the
   *result* is what the store runs, so the store's own pre-pass has nothing left
   to do and this module, rdflib and pyoxigraph read the same characters.  A
   text whose escapes produce further escapes, or a surrogate, is refused.
2. **Bounded complexity** (:func:`check_complexity`): size, bracket nesting and
   the number of patterns/operators, counted on tokens of the SPARQL grammar.
   The store's parser and planner recurse on these and are not interruptible: a
   few kilobytes of nesting overflowed a thread's stack and killed the process,
   and 1,000 triple patterns took a minute to plan.
3. **No outbound request** unless allowed (:func:`outbound_calls`): ``SERVICE``
   endpoints and ``LOAD`` sources are read from rdflib's parse of the query
   (its SPARQL grammar, with prefixes and BASE resolved), and a text that names
   either word but that parser cannot read is refused.  The grammar-level
   tokenizer's reading is added as a second opinion: it can only refuse more.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from conflict_kg.server.sparql.text import analyze
from conflict_kg.store.sparql_text import TOKEN, tokenize

__all__ = ["Limits", "Outbound", "Refused", "canonical_text", "check_complexity",
           "outbound_calls"]

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_OPENERS = {"{": "}", "(": ")", "[": "]"}
_CLOSERS = set(_OPENERS.values())
# Tokens that each add a node the planner and evaluator recurse over.
_OPERATORS = {".", ";", ",", "/", "|", "&&", "||", "!", "^", "+", "-", "*", "=", "!=",
              "<", ">", "<=", ">="}
_CLAUSES = {"FILTER", "OPTIONAL", "UNION", "MINUS", "BIND", "SERVICE", "GRAPH", "EXISTS"}
_MENTIONS = re.compile(r"service|load", re.IGNORECASE)
# rdflib's parser (pure Python) takes ~5 ms for a small query and grows fast with
# size: longer texts that name SERVICE or LOAD are refused rather than parsed.
MAX_VERIFIED_BYTES = 65_536


class Refused(Exception):
    """The text is not run; ``message`` tells the client why (HTTP 400)."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 1_000_000
    max_depth: int = 64
    max_patterns: int = 256


def canonical_text(text: str) -> str:
    r"""The text with SPARQL's codepoint escapes applied, as every parser sees it.

    >>> canonical_text(r"SELECT * { ?s ?p '\u0041' }")
    "SELECT * { ?s ?p 'A' }"
    >>> try:
    ...     canonical_text(r"\u005Cu0041")
    ... except Refused as refused:
    ...     print(refused.message)
    a codepoint escape (\uXXXX) must not produce another escape
    """
    if "\\" not in text:
        return text

    def apply(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
            raise Refused(f"{match.group()} is not a Unicode character")
        return chr(code)

    result = _ESCAPE.sub(apply, text)
    if result != text and _ESCAPE.search(result):
        raise Refused(r"a codepoint escape (\uXXXX) must not produce another escape")
    return result


def check_complexity(text: str, limits: Limits) -> None:
    """Refuse a text over the limits, at the first token past one.

    >>> try:
    ...     check_complexity("ASK" + "{" * 100 + "}" * 100, Limits())
    ... except Refused as refused:
    ...     print(refused.message)
    the query nests brackets deeper than the limit of 64 (max_query_depth)
    """
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.max_bytes:
        raise Refused(f"the query is {size} bytes; the limit is {limits.max_bytes} "
                      "(max_query_bytes)")
    depth = patterns = 0
    for match in TOKEN.finditer(text):  # no Token objects: this runs on every request
        kind = match.lastgroup
        if kind == "punct":
            value = match.group()
            if value in _OPENERS:
                depth += 1
                if depth > limits.max_depth:
                    raise Refused("the query nests brackets deeper than the limit of "
                                  f"{limits.max_depth} (max_query_depth)")
            elif value in _CLOSERS:
                depth = max(depth - 1, 0)
            elif value in _OPERATORS:
                patterns += 1
        elif kind == "word" and match.group().upper() in _CLAUSES:
            patterns += 1
        else:
            continue
        if patterns > limits.max_patterns:
            raise Refused(f"the query has more than the limit of {limits.max_patterns} "
                          "patterns, operators and clauses (max_query_patterns)")


@dataclass(frozen=True)
class Outbound:
    """The requests a text would make the store send."""

    services: tuple[str, ...] = ()
    dynamic_service: bool = False  # SERVICE ?var, or an endpoint that resolves to no IRI
    loads: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.services or self.dynamic_service or self.loads)


def _nodes(tree: Any) -> Iterator[Any]:
    """Every node of an rdflib parse tree (iteratively: trees can be deep)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, dict):  # CompValue is an OrderedDict
            stack.extend(node.values())
        elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
            stack.extend(node)


def _for_rdflib(text: str) -> str:
    """The text with ``#`` inside IRIs written ``%23``, for rdflib's parser only.

    rdflib reads a ``SERVICE`` clause twice, the second time by scanning the
    whole text with ``#`` taken as a comment wherever it stands, so a ``#`` in
    an IRI before ``SERVICE`` on the same line makes it fail (rdflib 7.x).
    Changing characters inside what the tokenizer calls an IRI cannot hide a
    call from rdflib: if the tokenizer were wrong and that ``#`` began a
    comment, rdflib would read *more* of the text as SPARQL, not less.
    """
    parts, last = [], 0
    for token in tokenize(text):
        if token.kind == "iri" and "#" in token.text:
            parts += [text[last:token.start], token.text.replace("#", "%23")]
            last = token.end
    return "".join(parts) + text[last:] if parts else text


def _parsed(text: str, kind: Literal["query", "update"]) -> Outbound:
    from rdflib.plugins.sparql import parser
    from rdflib.plugins.sparql.algebra import translatePrologue
    from rdflib.term import URIRef, Variable

    try:
        text = _for_rdflib(text)
        if kind == "query":
            query = parser.parseQuery(text)
            units = [(query[0], query[1])]
        else:
            update = parser.parseUpdate(text)
            units = list(zip(update.prologue or [], update.request or [], strict=False))
        services: list[str] = []
        loads: list[str] = []
        dynamic = False
        prologue = None
        for raw_prologue, body in units:
            prologue = translatePrologue(raw_prologue, None, None, prologue)
            for node in _nodes(body):
                name = getattr(node, "name", None)
                if name == "ServiceGraphPattern":
                    term = node.get("term")
                    if isinstance(term, Variable) or term is None:
                        dynamic = True
                        continue
                    iri = prologue.absolutize(term)
                    if isinstance(iri, URIRef) and ":" in iri:
                        services.append(str(iri).replace("%23", "#"))
                    else:
                        dynamic = True
                elif name == "Load":
                    iri = prologue.absolutize(node.get("iri"))
                    loads.append(str(iri) if iri is not None else "?")
    except RecursionError as exc:
        raise Refused("the query is nested too deeply to be checked") from exc
    except Exception as exc:  # noqa: BLE001 - any parser failure means: cannot be checked
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise Refused("the text names SERVICE or LOAD and the service could not verify "
                      f"what it would fetch: {first[:300]}") from exc
    return Outbound(tuple(services), dynamic, tuple(loads))


def outbound_calls(text: str, kind: Literal["query", "update"]) -> Outbound:
    """The SERVICE endpoints and LOAD sources of ``text`` (already canonical).

    Read from rdflib's parse tree; the tokenizer's reading is merged in, so a
    call either of them sees counts.  Without the words "service" or "load"
    anywhere (case-insensitive; every keyword is spelled out in a canonical
    text) there is nothing to parse.

    >>> outbound_calls("PREFIX e: <http://e/> SELECT * { SERVICE e:s { ?s ?p ?o } }", "query")
    Outbound(services=('http://e/s',), dynamic_service=False, loads=())
    >>> bool(outbound_calls("SELECT * { ?s ?p 'Federal Security Service' }", "query"))
    False
    """
    if not _MENTIONS.search(text):
        return Outbound()
    if len(text) > MAX_VERIFIED_BYTES:
        raise Refused(f"the text names SERVICE or LOAD and is longer than {MAX_VERIFIED_BYTES} "
                      "characters, too long to verify what it would fetch")
    parsed = _parsed(text, kind)
    lexical = analyze(text)
    services = tuple(dict.fromkeys([*parsed.services, *lexical.services]))
    loads = tuple(dict.fromkeys([*parsed.loads, *lexical.loads]))
    return Outbound(services, parsed.dynamic_service or lexical.dynamic_service, loads)
