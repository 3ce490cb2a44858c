"""The analyst query library: ``queries/analyst/*.rq``, each with a grlc-style header.

A header is the leading block of ``#+`` lines, YAML once the ``#+`` is cut::

    #+ summary: Parties and provisions of an agreement
    #+ description: Who is party to an agreement, and what it provides.
    #+ tags: [agreements]
    #+ params:
    #+   agreement:
    #+     type: iri
    #+     description: the agreement
    #+     example: https://w3id.org/conflict-kg/id/agreement/russia/turkey/2018-09

A parameter is a variable of the query with the same name.  Its value is
checked against its type and passed to the store as a term
(``substitutions``), never spliced into the text by the caller: the embedded
store writes it into the pattern on the token stream (store/inline_terms.py)
or substitutes it; an unbound parameter matches anything, so each query also
runs as it stands (that is how the query UI offers them).  pyoxigraph only
substitutes projected variables, so every parameter is in the query's ``SELECT``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from conflict_kg import resources
from conflict_kg.namespaces import XSD

NAME = re.compile(r"^[a-z][a-z0-9_-]*$")
PARAM_TYPES = ("iri", "string", "date", "integer", "decimal", "boolean")


class QueryFileError(ValueError):
    """A library file whose header is malformed."""


class ParamError(ValueError):
    """A parameter value that does not fit its declared type."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str = ""
    example: str | None = None
    required: bool = False

    def term(self, raw: str) -> ox.NamedNode | ox.Literal:
        """The RDF term for a raw request value, checked against the type.

        >>> Param("d", "date").term("2018-09-17")
        <Literal value=2018-09-17 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#date>>
        >>> try:
        ...     Param("d", "date").term("17/09/2018")
        ... except ParamError as exc:
        ...     print(exc)
        d: expected a date (YYYY-MM-DD), got '17/09/2018'
        """
        try:
            return _convert(self.type, raw)
        except (ValueError, TypeError) as exc:
            raise ParamError(f"{self.name}: {exc}, got {raw!r}") from None


def _convert(kind: str, raw: str) -> ox.NamedNode | ox.Literal:
    if kind == "iri":
        if not re.match(r"^https?://\S+$", raw):
            raise ValueError("expected an http(s) IRI")
        try:
            return ox.NamedNode(raw)
        except ValueError:
            raise ValueError("expected an http(s) IRI") from None
    if kind == "date":
        try:
            dt.date.fromisoformat(raw)
        except ValueError:
            raise ValueError("expected a date (YYYY-MM-DD)") from None
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", raw):
            raise ValueError("expected a date (YYYY-MM-DD)")
        return ox.Literal(raw, datatype=ox.NamedNode(XSD + "date"))
    if kind == "integer":
        if not re.match(r"^[+-]?\d{1,18}$", raw):
            raise ValueError("expected an integer")
        return ox.Literal(str(int(raw)), datatype=ox.NamedNode(XSD + "integer"))
    if kind == "decimal":
        if not re.match(r"^[+-]?\d{1,18}(\.\d{1,18})?$", raw):
            raise ValueError("expected a decimal number")
        return ox.Literal(raw, datatype=ox.NamedNode(XSD + "decimal"))
    if kind == "boolean":
        if raw not in ("true", "false"):
            raise ValueError("expected true or false")
        return ox.Literal(raw, datatype=ox.NamedNode(XSD + "boolean"))
    return ox.Literal(raw)


@dataclass(frozen=True)
class NamedQuery:
    name: str
    summary: str
    description: str
    sparql: str
    params: tuple[Param, ...] = ()
    tags: tuple[str, ...] = field(default_factory=tuple)

    def bindings(self, values: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
        """Substitutions for the given request values (empty values count as absent)."""
        out: dict[str, ox.NamedNode | ox.Literal] = {}
        for param in self.params:
            raw = values.get(param.name, "")
            if raw == "":
                if param.required:
                    raise ParamError(f"{param.name}: required")
                continue
            out[param.name] = param.term(raw)
        return out

    def example_values(self) -> dict[str, str]:
        return {p.name: p.example for p in self.params if p.example is not None}


def parse_header(text: str) -> dict[str, Any]:
    lines: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#+"):
            if lines and not line.strip():
                continue
            break
        lines.append(line[3:] if line.startswith("#+ ") else line[2:])
    data = yaml.safe_load("\n".join(lines)) if lines else None
    return data if isinstance(data, dict) else {}


def _params(raw: Any, path: Path) -> tuple[Param, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        raise QueryFileError(f"{path.name}: params must be a mapping of name to spec")
    params = []
    for name, spec in raw.items():
        spec = spec or {}
        kind = str(spec.get("type", "string"))
        if kind not in PARAM_TYPES or not NAME.match(str(name)):
            raise QueryFileError(f"{path.name}: parameter {name!r} of unknown type {kind!r}")
        example = spec.get("example")
        params.append(Param(str(name), kind, str(spec.get("description", "")),
                            None if example is None else str(example),
                            bool(spec.get("required", False))))
    return tuple(params)


def load_query(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    header = parse_header(text)
    if "summary" not in header:
        raise QueryFileError(f"{path.name}: no '#+ summary:' header")
    tags = header.get("tags") or []
    return NamedQuery(
        name=path.stem,
        summary=str(header["summary"]),
        description=str(header.get("description", "")).strip(),
        sparql=text,
        params=_params(header.get("params"), path),
        tags=tuple(str(t) for t in tags),
    )


# Parsed catalogs by folder, with the listing they were read from.  Parsing
# (YAML headers) costs milliseconds per file; a stat of each file costs
# microseconds, so a request re-reads the catalog only when a file changed.
_PARSED: dict[Path, tuple[tuple[tuple[str, int, int], ...], dict[str, NamedQuery]]] = {}
_PARSED_LOCK = threading.Lock()


def _listing(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, modification time and size of each ``.rq`` file: changes when a file does."""
    entries = []
    with os.scandir(folder) as found:
        for entry in found:
            if entry.name.endswith(".rq") and NAME.match(entry.name[:-3]):
                stat = entry.stat()
                entries.append((entry.name, stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(entries))


def library(folder: Path | None = None) -> dict[str, NamedQuery]:
    """Every analyst query by name; parsed once, parsed again when a file changes."""
    folder = folder or resources.queries_dir() / "analyst"
    listing = _listing(folder)
    with _PARSED_LOCK:
        hit = _PARSED.get(folder)
    if hit is not None and hit[0] == listing:
        return dict(hit[1])  # a copy: callers may edit theirs
    queries = {name[:-3]: load_query(folder / name) for name, _, _ in listing}
    with _PARSED_LOCK:
        _PARSED[folder] = (listing, queries)
    return dict(queries)
