"""Reading source documents: bytes (a file, or an upload in memory) become text plus
metadata.

Every problem is a :class:`DocumentError` naming the file and what is wrong,
raised before anything is written for that document.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

TEXT_SUFFIXES = {".md", ".markdown", ".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MIN_BODY_WORDS = 8
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_METADATA_FIELDS = ("id", "title", "published", "publisher", "url", "language", "source")


class DocumentError(Exception):
    """A document cannot be ingested; ``str()`` is a one-line message."""

    def __init__(self, source: str, problem: str, line: int | None = None) -> None:
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {problem}")
        self.source = source
        self.problem = problem
        self.line = line


@dataclass(frozen=True)
class SourceDocument:
    """One document ready for extraction.  ``text`` is the body, offsets refer to it."""

    doc_id: str
    text: str
    origin: str
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def published(self) -> dt.date | None:
        value = self.metadata.get("published")
        return value if isinstance(value, dt.date) else None


def _decode(raw: bytes, origin: str) -> str:
    if not raw.strip():
        raise DocumentError(origin, "empty document")
    if b"\0" in raw[:8192]:
        raise DocumentError(origin, "binary content (NUL bytes), not a text document")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DocumentError(
            origin, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})", line
        ) from None


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader without implicit timestamps: ``published: 2018-13-45`` stays
    the text it is (read by :func:`_parse_date`, which names the file and line), where
    the stock loader raises a bare ``ValueError`` from ``datetime.date``."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _parse_date(value: Any, origin: str, line: int | None = None) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError as exc:
        problem = f"'published' is not a date: {text!r}"
        if len(text) >= 10 and text[4:5] == "-" and text[7:8] == "-":
            problem += f" ({exc})"  # a date's shape, impossible values: say which
        raise DocumentError(origin, problem, line) from None


def normalise_metadata(meta: dict[str, Any], origin: str,
                       lines: dict[str, int] | None = None) -> dict[str, Any]:
    """Keep known fields, as strings, with ``published`` as a date.

    ``lines``: the line of each field in the file, for error messages."""
    clean: dict[str, Any] = {}
    for key in _METADATA_FIELDS:
        value = meta.get(key)
        if value is None or value == "":
            continue
        if key == "published":
            clean[key] = _parse_date(value, origin, (lines or {}).get(key))
        else:
            clean[key] = str(value).strip()
    return clean


def _load_front_matter(source: str, origin: str) -> tuple[Any, dict[str, int]]:
    """The YAML value of the front matter, and the file line of each top-level key."""
    loader = _FrontMatterLoader(source)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines: dict[str, int] = {}
        if isinstance(node, yaml.MappingNode):
            for key, _ in node.value:
                if isinstance(key, yaml.ScalarNode):
                    lines.setdefault(str(key.value), key.start_mark.line + 2)  # after '---'
        return loader.construct_document(node), lines
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DocumentError(origin, f"front matter is not valid YAML: {problem}", line) from None
    except ValueError as exc:  # a constructor's own check (an explicit !!timestamp, ...)
        raise DocumentError(origin, f"front matter has an impossible value: {exc}", 2) from None
    finally:
        loader.dispose()


def split_front_matter(text: str, origin: str) -> tuple[dict[str, Any], str, int]:
    """Return (metadata, body, body offset in ``text``)."""
    meta, _lines, body, offset = _split_front_matter(text, origin)
    return meta, body, offset


def _split_front_matter(text: str, origin: str
                        ) -> tuple[dict[str, Any], dict[str, int], str, int]:
    """(metadata, line of each field, body, body offset in ``text``)."""
    if not text.startswith("---"):
        return {}, {}, text, 0
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise DocumentError(origin, "front matter opened with '---' but never closed", 1)
    meta, lines = _load_front_matter(match.group(1), origin)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise DocumentError(origin, "front matter must be a YAML mapping of fields", 2)
    return meta, lines, text[match.end() :], match.end()


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError(origin, f"{size} bytes is over the {max_bytes}-byte limit")
        return path.read_bytes()
    except OSError as exc:
        raise DocumentError(origin, f"cannot read: {exc.strerror or exc}") from None


def read_text_document(
    path: Path, *, max_bytes: int, defaults: dict[str, Any] | None = None
) -> SourceDocument:
    return text_document(_read_bytes(path, max_bytes), str(path), defaults)


def text_document(raw: bytes, origin: str,
                  defaults: dict[str, Any] | None = None) -> SourceDocument:
    """A Markdown or plain-text document (optional YAML front matter) from its bytes;
    ``origin`` names it in errors, and its stem is the id when the front matter has none."""
    text = _decode(raw, origin)
    meta, lines, body, _ = _split_front_matter(text, origin)
    if not body.strip():
        raise DocumentError(origin, "no text after the front matter")
    metadata = normalise_metadata({**(defaults or {}), **meta}, origin, lines)
    doc_id = metadata.get("id") or Path(origin).stem
    return SourceDocument(doc_id=str(doc_id), text=body, origin=origin, metadata=metadata)


def read_html_document(
    path: Path, *, max_bytes: int, defaults: dict[str, Any] | None = None
) -> SourceDocument:
    """The article body and metadata of an HTML page (trafilatura), or a DocumentError."""
    return html_document(_read_bytes(path, max_bytes), str(path), defaults)


def html_document(raw: bytes, origin: str,
                  defaults: dict[str, Any] | None = None) -> SourceDocument:
    """:func:`read_html_document` of bytes already read; ``origin`` names it."""
    import trafilatura

    html = _decode(raw, origin)
    try:
        found = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False,
            favor_precision=True, deduplicate=False,
        )
    except Exception as exc:  # the library raises several kinds on broken markup
        raise DocumentError(origin, f"HTML could not be parsed ({type(exc).__name__})") from None
    text = getattr(found, "text", None) if found is not None else None
    title = getattr(found, "title", None) or ""
    words = [w for w in (text or "").replace(title, " ").split() if any(c.isalpha() for c in w)]
    if len(words) < MIN_BODY_WORDS:
        # Navigation, a cookie notice or a bare headline is not an article.
        raise DocumentError(origin, "no article body found in the HTML")
    # One paragraph per line from the extractor; blank lines keep headings apart.
    body = "\n\n".join(line.strip() for line in (text or "").splitlines() if line.strip())
    meta: dict[str, Any] = {
        "title": getattr(found, "title", None),
        "published": getattr(found, "date", None),
        "url": getattr(found, "url", None),
        "publisher": getattr(found, "sitename", None),
        "language": getattr(found, "language", None),
    }
    metadata = normalise_metadata({**(defaults or {}), **{k: v for k, v in meta.items() if v}},
                                  origin)
    return SourceDocument(doc_id=Path(origin).stem, text=body, origin=origin, metadata=metadata)


def iter_jsonl_documents(
    path: Path, *, max_bytes: int, defaults: dict[str, Any] | None = None
) -> Iterator[SourceDocument | DocumentError]:
    """One document per line (id, title, published, url, text); a bad line is one error."""
    origin = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield DocumentError(origin, f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        yield from jsonl_documents(handle, origin, max_bytes=max_bytes, defaults=defaults)


def jsonl_documents(lines: Iterable[bytes], origin: str, *, max_bytes: int,
                    defaults: dict[str, Any] | None = None
                    ) -> Iterator[SourceDocument | DocumentError]:
    """The records of JSON Lines (bytes, one record per line): a bad line is one error."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            yield _jsonl_line(raw, origin, number, max_bytes, defaults)
        except DocumentError as exc:
            yield exc


def _jsonl_line(raw: bytes, origin: str, number: int, max_bytes: int,
                defaults: dict[str, Any] | None) -> SourceDocument:
    if len(raw) > max_bytes:
        raise DocumentError(origin, f"line of {len(raw)} bytes is over the {max_bytes}-byte "
                                    "limit", number)
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise DocumentError(origin, "line is not valid UTF-8", number) from None
    except json.JSONDecodeError as exc:
        raise DocumentError(origin, f"line is not JSON ({exc.msg})", number) from None
    if not isinstance(record, dict):
        raise DocumentError(origin, "line is not a JSON object", number)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise DocumentError(origin, "no 'text' in the record", number)
    try:
        metadata = normalise_metadata({**(defaults or {}), **record}, origin)
    except DocumentError as exc:
        raise DocumentError(origin, exc.problem, number) from None
    doc_id = str(record.get("id") or f"{Path(origin).stem}-{number}")
    return SourceDocument(doc_id=doc_id, text=text, origin=f"{origin}:{number}",
                          metadata=metadata)


def read_documents(
    path: Path, *, max_bytes: int, defaults: dict[str, Any] | None = None
) -> Iterator[SourceDocument | DocumentError]:
    """Every document of one file, or the error that stops it; never raises DocumentError."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from iter_jsonl_documents(path, max_bytes=max_bytes, defaults=defaults)
        return
    reader = read_html_document if suffix in HTML_SUFFIXES else read_text_document
    try:
        yield reader(path, max_bytes=max_bytes, defaults=defaults)
    except DocumentError as exc:
        yield exc


def documents_in(raw: bytes, name: str, *, max_bytes: int,
                 defaults: dict[str, Any] | None = None
                 ) -> Iterator[SourceDocument | DocumentError]:
    """Every document of an upload held in memory, read by its file ``name``'s suffix as
    :func:`read_documents` reads a file of that name; never raises DocumentError."""
    suffix = Path(name).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from jsonl_documents(raw.splitlines(keepends=True), name, max_bytes=max_bytes,
                                   defaults=defaults)
        return
    if len(raw) > max_bytes:
        yield DocumentError(name, f"{len(raw)} bytes is over the {max_bytes}-byte limit")
        return
    reader = html_document if suffix in HTML_SUFFIXES else text_document
    try:
        yield reader(raw, name, defaults)
    except DocumentError as exc:
        yield exc


def discover(paths: list[Path]) -> Iterator[Path]:
    """Files to ingest: the given files, and supported files under given folders."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
        else:
            yield path
