"""Reading source documents: bytes on disk become text plus metadata.

Every problem is a :class:`DocumentError` naming the file and what is wrong,
raised before anything is written for that document.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
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


def _parse_date(value: Any, origin: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise DocumentError(origin, f"'published' is not a date: {value!r}") from None


def normalise_metadata(meta: dict[str, Any], origin: str) -> dict[str, Any]:
    """Keep known fields, as strings, with ``published`` as a date."""
    clean: dict[str, Any] = {}
    for key in _METADATA_FIELDS:
        value = meta.get(key)
        if value is None or value == "":
            continue
        clean[key] = _parse_date(value, origin) if key == "published" else str(value).strip()
    return clean


def split_front_matter(text: str, origin: str) -> tuple[dict[str, Any], str, int]:
    """Return (metadata, body, body offset in ``text``)."""
    if not text.startswith("---"):
        return {}, text, 0
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise DocumentError(origin, "front matter opened with '---' but never closed", 1)
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DocumentError(origin, f"front matter is not valid YAML: {problem}", line) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise DocumentError(origin, "front matter must be a YAML mapping of fields", 2)
    return meta, text[match.end() :], match.end()


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
    origin = str(path)
    text = _decode(_read_bytes(path, max_bytes), origin)
    meta, body, _ = split_front_matter(text, origin)
    if not body.strip():
        raise DocumentError(origin, "no text after the front matter")
    metadata = normalise_metadata({**(defaults or {}), **meta}, origin)
    doc_id = metadata.get("id") or path.stem
    return SourceDocument(doc_id=str(doc_id), text=body, origin=origin, metadata=metadata)


def read_html_document(
    path: Path, *, max_bytes: int, defaults: dict[str, Any] | None = None
) -> SourceDocument:
    """The article body and metadata of an HTML page (trafilatura), or a DocumentError."""
    import trafilatura

    origin = str(path)
    html = _decode(_read_bytes(path, max_bytes), origin)
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
    return SourceDocument(doc_id=path.stem, text=body, origin=origin, metadata=metadata)


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
        for number, raw in enumerate(handle, start=1):
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
