"""``GET /metrics`` in the Prometheus text exposition format (version 0.0.4).

Counters live in one :class:`Metrics` object per app (the app state), never at
module level. Other wings add their gauges by registering a collector (a function
returning exposition lines) with :meth:`Metrics.register` in their ``init_app``,
so this module imports no sibling: it knows the registry, not what is counted.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable

from flask import Blueprint, Flask, Response
from flask.typing import ResponseReturnValue

from conflict_kg.server import state

bp = Blueprint("metrics", __name__)
_START: float | None = None  # set on first use, never at import
BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
           60.0)


class Metrics:
    """Thread-safe counters and one latency histogram per operation kind."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: dict[tuple[str, str], int] = defaultdict(int)
        self._buckets: dict[str, list[int]] = defaultdict(lambda: [0] * len(BUCKETS))
        self._sum: dict[str, float] = defaultdict(float)
        self._count: dict[str, int] = defaultdict(int)
        self._collectors: list[Callable[[], list[str]]] = []

    def register(self, collector: Callable[[], list[str]]) -> None:
        """Add a collector: called on each scrape, its lines follow the counters."""
        self._collectors.append(collector)

    def collected(self) -> list[str]:
        return [line for collector in self._collectors for line in collector()]

    def observe(self, kind: str, status: int | str, seconds: float) -> None:
        """Count one operation (``select``, ``ask``, ``construct``, ``describe``, ``update``,
        ``gsp``, ``documents``...) with its HTTP status (or ``aborted``) and duration."""
        with self._lock:
            self.requests[(kind, str(status))] += 1
            buckets = self._buckets[kind]
            for i, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    buckets[i] += 1
            self._sum[kind] += seconds
            self._count[kind] += 1

    def render(self, extra: list[str]) -> str:
        lines = [
            "# HELP conflict_kg_sparql_requests_total SPARQL and store operations by kind "
            "and HTTP status.",
            "# TYPE conflict_kg_sparql_requests_total counter",
        ]
        with self._lock:
            for (kind, status), n in sorted(self.requests.items()):
                lines.append(
                    f'conflict_kg_sparql_requests_total{{kind="{kind}",status="{status}"}} {n}')
            lines += [
                "# HELP conflict_kg_sparql_duration_seconds Time from request to last byte.",
                "# TYPE conflict_kg_sparql_duration_seconds histogram",
            ]
            for kind in sorted(self._count):
                for bound, n in zip(BUCKETS, self._buckets[kind], strict=True):
                    lines.append(f'conflict_kg_sparql_duration_seconds_bucket{{kind="{kind}",'
                                 f'le="{bound:g}"}} {n}')
                lines.append(f'conflict_kg_sparql_duration_seconds_bucket{{kind="{kind}",'
                             f'le="+Inf"}} {self._count[kind]}')
                lines.append(
                    f'conflict_kg_sparql_duration_seconds_sum{{kind="{kind}"}} {self._sum[kind]}')
                lines.append(
                    f'conflict_kg_sparql_duration_seconds_count{{kind="{kind}"}} '
                    f"{self._count[kind]}")
        return "\n".join(lines + extra) + "\n"


def _process_start() -> float:
    try:  # Linux: the process's own start time, so it changes when the worker is recycled
        import os

        ticks = int(open(f"/proc/{os.getpid()}/stat").read().rsplit(")", 1)[1].split()[19])
        boot = next(float(line.split()[1]) for line in open("/proc/stat")
                    if line.startswith("btime"))
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, StopIteration, IndexError):
        return time.time()


def metrics() -> Metrics:
    return state.current().metrics


@bp.get("/metrics")
def show() -> ResponseReturnValue:
    app_state = state.current()
    store = app_state.store
    guard = app_state.write_guard
    global _START
    if _START is None:
        _START = _process_start()
    extra = [
        "# HELP process_start_time_seconds Start time of the serving process (Unix epoch).",
        "# TYPE process_start_time_seconds gauge",
        f"process_start_time_seconds {_START}",
        "# HELP conflict_kg_store_graphs Named graphs in the store.",
        "# TYPE conflict_kg_store_graphs gauge",
        f"conflict_kg_store_graphs {guard.cached('graphs', lambda: len(store.graphs()))}",
        *metrics().collected(),
    ]
    return Response(metrics().render(extra), mimetype="text/plain",
                    headers={"Content-Type": "text/plain; version=0.0.4; charset=utf-8"})


def init_app(app: Flask) -> None:
    state.of(app).metrics = Metrics()
    app.register_blueprint(bp)
