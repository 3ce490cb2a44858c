"""Reading source documents: bytes on disk become text plus metadata.

Every problem is a :class:`DocumentError` naming the file and what is wrong,
raised before anything is written for that document.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

TEXT_SUFFIXES = {".md", ".markdown", ".txt"}
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
        raise DocumentError(origin, f"front matter 'published' is not a date: {value!r}") from None


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


def read_text_document(
    path: Path, *, max_bytes: int, defaults: dict[str, Any] | None = None
) -> SourceDocument:
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError(origin, f"{size} bytes is over the {max_bytes}-byte limit")
        raw = path.read_bytes()
    except OSError as exc:
        raise DocumentError(origin, f"cannot read: {exc.strerror or exc}") from None
    text = _decode(raw, origin)
    meta, body, _ = split_front_matter(text, origin)
    if not body.strip():
        raise DocumentError(origin, "no text after the front matter")
    metadata = normalise_metadata({**(defaults or {}), **meta}, origin)
    doc_id = metadata.get("id") or path.stem
    return SourceDocument(doc_id=str(doc_id), text=body, origin=origin, metadata=metadata)


def discover(paths: list[Path]) -> Iterator[Path]:
    """Files to ingest: the given files, and supported files under given folders."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
            )
        else:
            yield path
