"""Complete answers of recent queries, kept until the next write.

Clients repeat their queries (dashboards, entity pages, the named-query
catalog); an answer that fitted in the first buffer is kept, keyed by
everything that shapes its bytes, and served again without evaluation.

Soundness rests on one fact: every write the server makes goes through the
write guard (:func:`server.protocol.write_lock`), which bumps the store's
generation *after* the write is committed. An answer is stored with the
generation read *before* its evaluation began and is served only while that
generation is still current, so an answer computed before or during a write
is never served after it. That holds only when this app is the store's only
writer: an embedded store it opened itself (the store is locked to one
process). A remote store can be written by others, and a store handed to
:func:`server.create_app` by its caller may be written behind the app's
back, so the cache is off for both.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

from flask import Flask
from werkzeug.http import generate_etag, quote_etag

from conflict_kg.server import state


@dataclass(frozen=True)
class CachedAnswer:
    body: bytes
    media_type: str
    headers: tuple[tuple[str, str], ...]  # with its ETag, hashed once (server.conditional)

    @classmethod
    def of(cls, body: bytes, media_type: str, headers: Mapping[str, str]) -> CachedAnswer:
        tag = ("ETag", quote_etag(generate_etag(body)))
        return cls(body, media_type, (*headers.items(), tag))


class ResultCache:
    """A byte-bounded LRU map of answers, valid for one store generation (bytes
    count each answer, its query text and a fixed overhead)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, CachedAnswer] = OrderedDict()
        self._generation = -1
        self.bytes = 0
        self.hits = 0
        self.misses = 0
        self.evictions = 0

    @property
    def enabled(self) -> bool:
        return self.max_bytes > 0

    def __len__(self) -> int:
        return len(self._entries)

    def _roll(self, generation: int) -> bool:
        """Forget older generations; False if ``generation`` is itself stale."""
        if generation < self._generation:
            return False
        if generation > self._generation:
            self._entries.clear()
            self.bytes = 0
            self._generation = generation
        return True

    def get(self, key: Hashable, generation: int) -> CachedAnswer | None:
        with self._lock:
            answer = self._entries.get(key) if self._roll(generation) else None
            if answer is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return answer

    def put(self, key: Hashable, generation: int, answer: CachedAnswer) -> bool:
        """Keep ``answer`` if its generation is current and it fits; True if kept."""
        size = entry_bytes(key, answer)
        if size > self.max_bytes:
            return False
        with self._lock:
            if not self._roll(generation):
                return False
            old = self._entries.pop(key, None)
            if old is not None:
                self.bytes -= entry_bytes(key, old)
            while self._entries and self.bytes + size > self.max_bytes:
                evicted_key, evicted = self._entries.popitem(last=False)
                self.bytes -= entry_bytes(evicted_key, evicted)
                self.evictions += 1
            self._entries[key] = answer
            self.bytes += size
            return True


ENTRY_OVERHEAD = 512  # the entry's objects beyond its strings, roughly


def entry_bytes(key: Hashable, answer: CachedAnswer) -> int:
    """What an entry holds: its answer and its key, whose query text can be long
    (a POST query may be megabytes; an ASK answer is 50 bytes)."""
    parts = key if isinstance(key, tuple) else (key,)
    texts = sum(len(part) for part in parts if isinstance(part, str | bytes))
    return len(answer.body) + texts + ENTRY_OVERHEAD


def answer_key(text: str, media_type: str, *, default_graph: list[str] | None,
               named_graphs: list[str] | None, union: bool,
               substitutions: Mapping[str, object] | None, max_rows: int | None) -> Hashable:
    """Everything that shapes the bytes of an answer (terms by their N-Triples form)."""
    return (text, media_type,
            None if default_graph is None else tuple(default_graph),
            None if named_graphs is None else tuple(named_graphs),
            union,
            tuple(sorted((k, str(v)) for k, v in (substitutions or {}).items())),
            max_rows)


def result_cache() -> ResultCache:
    return state.current().result_cache


def init_app(app: Flask, *, sole_writer: bool) -> None:
    settings = state.of(app).settings
    megabytes = settings.result_cache_mb if sole_writer else 0
    state.of(app).result_cache = ResultCache(int(megabytes * 1024 * 1024))
    state.of(app).metrics.register(_cache_lines)


def _cache_lines() -> list[str]:
    cache = state.current().result_cache
    return [
        "# HELP conflict_kg_result_cache_requests_total Cacheable queries answered from the "
        "result cache (hit) or evaluated (miss).",
        "# TYPE conflict_kg_result_cache_requests_total counter",
        f'conflict_kg_result_cache_requests_total{{outcome="hit"}} {cache.hits}',
        f'conflict_kg_result_cache_requests_total{{outcome="miss"}} {cache.misses}',
        "# HELP conflict_kg_result_cache_evictions_total Answers dropped to stay within "
        "result_cache_mb.",
        "# TYPE conflict_kg_result_cache_evictions_total counter",
        f"conflict_kg_result_cache_evictions_total {cache.evictions}",
        "# HELP conflict_kg_result_cache_bytes Bytes of answers held (limit: result_cache_mb; "
        "0 when the cache is off).",
        "# TYPE conflict_kg_result_cache_bytes gauge",
        f"conflict_kg_result_cache_bytes {cache.bytes}",
        "# HELP conflict_kg_result_cache_entries Answers held.",
        "# TYPE conflict_kg_result_cache_entries gauge",
        f"conflict_kg_result_cache_entries {len(cache)}",
    ]
