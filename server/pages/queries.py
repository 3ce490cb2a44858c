"""SELECT queries behind HTML pages, under the same limits as ``/sparql``.

A page needs the solutions as terms (to link and label them), not a serialised
stream; the evaluation still runs on the query runner, so the timeout, the
concurrency slots and the metrics apply, and the rows are capped for display.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import pyoxigraph as ox

from conflict_kg.server import context
from conflict_kg.server.ops.metrics import metrics
from conflict_kg.server.sparql.engine import runner
from conflict_kg.server.sparql.execution import Busy, Execution, QueryTimeout
from conflict_kg.store import GraphStore, StoreError

T = TypeVar("T")

PAGE_ROWS = 1000  # an HTML table longer than this is for a download, not a page


class PageQueryError(Exception):
    """The query could not be answered for the page; ``status`` is the HTTP status."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Solutions:
    variables: list[str]
    rows: list[list[ox.NamedNode | ox.BlankNode | ox.Literal | None]]
    truncated: bool  # more rows than were kept


def select_for_page(
    text: str,
    substitutions: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
    *,
    max_rows: int = PAGE_ROWS,
) -> Solutions:
    """Evaluate a SELECT on the runner; raise :class:`PageQueryError` on failure."""
    store = context.store()
    started = time.perf_counter()
    limit = runner().max_rows  # the service's row cap (0: none)
    cap = min(max_rows, limit) if limit else max_rows
    found = Solutions([], [], False)

    def produce(run: Execution) -> None:
        results = store.query(text, substitutions=substitutions)
        if not isinstance(results, ox.QuerySolutions):
            raise PageQueryError(400, "only a SELECT query can be shown as a table")
        found.variables = [v.value for v in results.variables]
        for solution in results:
            run.check()  # the deadline, between rows
            if len(found.rows) >= cap:
                found.truncated = True
                return
            found.rows.append([solution[v] for v in found.variables])

    def fail(status: int | str, error: PageQueryError) -> PageQueryError:
        metrics().observe("select", status, time.perf_counter() - started)
        return error

    try:
        run = runner().start(produce, client=context.client_address(), queue_share=True)
    except Busy as exc:
        raise fail(exc.status, PageQueryError(exc.status, str(exc))) from None
    try:
        run.first(1)  # nothing is written: this waits for the end, or the deadline
    except QueryTimeout as exc:
        runner().abandon(run)
        raise fail(503, PageQueryError(503, str(exc))) from None
    except PageQueryError as exc:
        raise fail(exc.status, exc) from None
    except SyntaxError as exc:
        raise fail(400, PageQueryError(400, f"malformed query: {exc}")) from None
    except StoreError as exc:
        raise fail(502, PageQueryError(502, f"the store failed: {exc}")) from None
    metrics().observe("select", 200, time.perf_counter() - started)
    return found


class _Checked:
    """A store whose every query first checks the evaluation's deadline.

    A page is built from many small queries: between two of them is where a page
    past its deadline stops (a single query is not interrupted: see execution).
    """

    def __init__(self, store: GraphStore, run: Execution) -> None:
        self._store = store
        self._run = run

    def query(self, sparql: str, **kwargs: Any) -> Any:
        self._run.check()
        return self._store.query(sparql, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def within_deadline(build: Callable[[GraphStore], T], kind: str = "page") -> T:
    """``build(store)`` on the query runner: the query timeout, the concurrency
    slots and the metrics apply to pages as to ``/sparql``.

    Raises :class:`PageQueryError` (503 past the deadline or with every slot
    taken; 429 over the client's share; 502 when a remote store fails).
    ``build`` must consume every result it asks for (they stay on the worker).
    """
    store = context.store()
    started = time.perf_counter()
    made: list[T] = []

    def produce(run: Execution) -> None:
        made.append(build(_Checked(store, run)))  # type: ignore[arg-type]

    def fail(status: int, message: str) -> PageQueryError:
        metrics().observe(kind, status, time.perf_counter() - started)
        return PageQueryError(status, message)

    try:
        run = runner().start(produce, client=context.client_address(), queue_share=True)
    except Busy as exc:
        raise fail(exc.status, str(exc)) from None
    try:
        run.first(1)
    except QueryTimeout as exc:
        runner().abandon(run)
        raise fail(503, f"this page took too long to build: {exc}") from None
    except StoreError as exc:
        raise fail(502, f"the store failed: {exc}") from None
    metrics().observe(kind, 200, time.perf_counter() - started)
    return made[0]
