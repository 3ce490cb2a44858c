"""pyshacl on chunks of focus nodes in worker processes.

pyshacl is pure Python: one process validates on one core.  The parent reads
each chunk's triples from the store and hands them over as plain tuples (terms
keep their exact form, blank nodes their labels, so results and messages are
those of an in-process run); workers validate and return findings.  At most
two chunks per worker wait in the queue, so the parent never holds the whole
graph.  With one worker (or one chunk) everything runs in-process.
"""

from __future__ import annotations

import concurrent.futures
import concurrent.futures.process
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

import pyoxigraph as ox
import rdflib

from conflict_kg.checks.model import Finding

# Workers for pyshacl; the machine's cores, at most 2 (the target machine's).
WORKERS = min(2, os.cpu_count() or 1)

Encoded = tuple[str, ...]
Job = concurrent.futures.Future[list[Finding]]


def encode(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Encoded:
    if isinstance(term, ox.NamedNode):
        return ("I", term.value)
    if isinstance(term, ox.BlankNode):
        return ("B", term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return ("L", term.value, "", term.language)
        return ("L", term.value, term.datatype.value, "")
    raise ValueError("RDF-star triples are not validated")


def decode(term: Encoded) -> rdflib.term.Node:
    """The rdflib term ``TermMap.to_rdflib`` gives for the same store term."""
    if term[0] == "I":
        return rdflib.URIRef(term[1])
    if term[0] == "B":
        return rdflib.BNode(term[1])
    if term[3]:
        return rdflib.Literal(term[1], lang=term[3])
    return rdflib.Literal(term[1], datatype=rdflib.URIRef(term[2]))


def encode_triples(triples: Iterable[ox.Triple]) -> list[tuple[Encoded, Encoded, Encoded]]:
    return [(encode(t.subject), encode(t.predicate), encode(t.object)) for t in triples]


def decode_graph(triples: Iterable[tuple[Encoded, Encoded, Encoded]]) -> rdflib.Graph:
    graph = rdflib.Graph()
    for s, p, o in triples:
        graph.add((decode(s), decode(p), decode(o)))
    return graph


class Runner:
    """Runs ``fn(*args)`` jobs; their findings are collected in ``findings``."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = WORKERS if workers is None else workers
        self.findings: list[Finding] = []
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._pending: deque[tuple[Job, Callable[..., list[Finding]], tuple[Any, ...]]] = deque()

    def submit(self, fn: Callable[..., list[Finding]], *args: Any, parallel: bool) -> None:
        if self.workers <= 1 or not parallel:
            self.findings += fn(*args)
            return
        if self._pool is None:
            # spawn: the parent holds an open store and pyoxigraph threads.
            context = multiprocessing.get_context("spawn")
            self._pool = concurrent.futures.ProcessPoolExecutor(self.workers, mp_context=context)
        self._pending.append((self._pool.submit(fn, *args), fn, args))
        while len(self._pending) > 2 * self.workers:
            self._collect()

    def _collect(self) -> None:
        future, fn, args = self._pending.popleft()
        try:
            self.findings += future.result()
        except concurrent.futures.process.BrokenProcessPool:
            # A worker could not start (e.g. a caller's script without a
            # ``__main__`` guard, which spawn needs): validate in-process.
            self.workers = 1
            self.findings += fn(*args)

    def close(self) -> list[Finding]:
        while self._pending:
            self._collect()
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        return self.findings
