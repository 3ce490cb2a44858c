"""Settings, declared once.

Each setting has a default and help text; it can be overridden by an
environment variable ``CONFLICT_KG_<NAME>`` and by the CLI flag
``--<name-with-dashes>``.  Precedence: CLI flag > environment > default.
These names are a public interface: keep them stable.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from conflict_kg.paths import default_store_dir

ENV_PREFIX = "CONFLICT_KG_"


def _default_store() -> str:
    return str(default_store_dir())


def _str_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _positive_float(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise ValueError("must be a number of seconds greater than 0")
    return number


@dataclass(frozen=True)
class Setting:
    name: str
    default: Callable[[], Any]
    help: str
    parse: Callable[[str], Any] = str
    secret: bool = False

    @property
    def env_var(self) -> str:
        return ENV_PREFIX + self.name.upper()

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "store",
        _default_store,
        "Directory of the embedded pyoxigraph store (created if missing), "
        "':memory:' for a throw-away in-memory store, or the http(s) URL of a remote "
        "SPARQL 1.1 query endpoint.",
    ),
    Setting(
        "store_update_url",
        lambda: "",
        "Remote store only: SPARQL 1.1 Update endpoint (default: the query URL).",
    ),
    Setting(
        "store_graph_store_url",
        lambda: "",
        "Remote store only: Graph Store HTTP Protocol endpoint, used to replace a "
        "graph in one request (default: none, graphs are replaced with SPARQL Update).",
    ),
    Setting("store_user", lambda: "", "Remote store only: user name for HTTP authentication."),
    Setting(
        "store_password",
        lambda: "",
        "Remote store only: password for HTTP authentication.",
        secret=True,
    ),
    Setting(
        "store_timeout",
        lambda: 120.0,
        "Remote store only: seconds to wait for the remote endpoint's answer to one request "
        "before the command fails with 'cannot reach ...: timed out'.",
        _positive_float,
    ),
    Setting(
        "base_iri",
        lambda: "https://w3id.org/conflict-kg/",
        "Base of the data namespace: resources are minted under <base>id/, "
        "named graphs under <base>graph/. The ontology namespace is fixed.",
    ),
    Setting("host", lambda: "127.0.0.1", "Interface the server listens on."),
    Setting("port", lambda: 8000, "TCP port the server listens on.", int),
    Setting(
        "update_token",
        lambda: "",
        "Bearer token required for every write over HTTP. Empty: the service is read-only.",
        secret=True,
    ),
    Setting(
        "query_timeout",
        lambda: 30.0,
        "Seconds a SPARQL query may run before the client gets a timeout error.",
        float,
    ),
    Setting(
        "cors_origins",
        lambda: [],
        "Comma-separated origins allowed to read the SPARQL endpoint cross-site ('*' for any).",
        _str_list,
    ),
    Setting(
        "log_level",
        lambda: "INFO",
        "Logging level: DEBUG, INFO, WARNING, ERROR.",
        lambda v: v.upper(),
    ),
    Setting(
        "threads",
        lambda: 8,
        "Worker threads of the server process (one process owns the embedded store).",
        int,
    ),
    Setting(
        "max_document_bytes",
        lambda: 5_000_000,
        "Largest source document ingest accepts, in bytes.",
        int,
    ),
    Setting(
        "background_ingest_bytes",
        lambda: 262_144,
        "Uploads to POST /documents larger than this many bytes (all files together) are "
        "ingested by a background job: the answer is 202 with the job's status URL. "
        "0: every upload.",
        int,
    ),
    Setting(
        "max_ingest_jobs",
        lambda: 4,
        "Most background ingest jobs waiting or running at once (they run one at a time); "
        "beyond that an upload gets 503 with Retry-After.",
        int,
    ),
    Setting(
        "max_result_rows",
        lambda: 100_000,
        "Most rows (SELECT) or triples (CONSTRUCT/DESCRIBE) one SPARQL response carries; "
        "longer results are cut and marked as truncated. 0: no cap.",
        int,
    ),
    Setting(
        "max_request_bytes",
        lambda: 10_000_000,
        "Largest HTTP request body the server accepts (queries, updates, uploads), in bytes.",
        int,
    ),
    Setting(
        "result_cache_mb",
        lambda: 64.0,
        "Memory for complete answers of recent queries, served again until the next write "
        "(embedded store opened by the service only). 0: off.",
        float,
    ),
    Setting(
        "max_concurrent_queries",
        lambda: 4,
        "Most SPARQL evaluations running at once; beyond that a request waits up to "
        "query_queue_seconds for one to end, then gets 503.",
        int,
    ),
    Setting(
        "request_read_timeout",
        lambda: 10.0,
        "Seconds a client has to send a whole request head (and a body up to 64 KiB) once it "
        "connects or starts its next request; slower connections are closed without holding "
        "a server thread. A larger body must keep arriving: no pause longer than this.",
        float,
    ),
    Setting(
        "max_queries_per_client",
        lambda: 2,
        "Most SPARQL evaluations one client (one remote address) runs at once; beyond that "
        "it gets 429 at once (pages wait up to query_queue_seconds for one of its own to end "
        "first), so one client's slow queries never take every slot. 0: no limit.",
        int,
    ),
    Setting(
        "query_queue_seconds",
        lambda: 2.0,
        "Seconds a query waits for a free evaluation slot before 503 (first come, first served).",
        float,
    ),
    Setting(
        "max_query_bytes",
        lambda: 1_000_000,
        "Largest SPARQL query or update text, in bytes (UTF-8); longer ones get 400.",
        int,
    ),
    Setting(
        "max_query_depth",
        lambda: 64,
        "Deepest nesting of { } ( ) [ ] in a SPARQL query or update; deeper ones get 400 "
        "(the store's parser recurses on nesting).",
        int,
    ),
    Setting(
        "max_query_patterns",
        lambda: 256,
        "Most triple patterns, path steps, operators and FILTER/OPTIONAL/UNION/MINUS/BIND/"
        "GRAPH/SERVICE/EXISTS clauses in one SPARQL query or update; more get 400 (planning "
        "time grows faster than linearly with them).",
        int,
    ),
    Setting(
        "reason_on_write",
        lambda: True,
        "Bring the inferred graph up to date after each write over HTTP, before answering. "
        "Off: writes answer at once and `conflict-kg reason` is run separately.",
        lambda v: v.strip().lower() in ("1", "true", "yes", "on"),
    ),
    Setting(
        "reason_disk_quads",
        lambda: 0,
        "`conflict-kg reason` on an on-disk store with more quads than this computes the "
        "closure on disk in chunks (memory bounded, 15-19x slower) instead of on an "
        "in-memory copy of what the rules read (memory ~0.6 kB a quad, see docs/reasoning.md); "
        "0, the default: never. `reason --closure memory|disk` chooses for one run.",
        int,
    ),
    Setting(
        "federation_allow",
        lambda: [],
        "Comma-separated SPARQL endpoint IRIs a query may call with SERVICE. "
        "Empty: SERVICE is refused and the server makes no outbound request.",
        _str_list,
    ),
)

SETTINGS_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    """Resolved settings; build with :func:`load_settings`."""

    values: Mapping[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    def replace(self, **overrides: Any) -> Settings:
        unknown = set(overrides) - set(SETTINGS_BY_NAME)
        if unknown:
            raise KeyError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return Settings({**self.values, **overrides})


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Resolve every setting from overrides (CLI), then the environment, then defaults.

    >>> load_settings({"port": 9000}, environ={"CONFLICT_KG_HOST": "0.0.0.0"}).port
    9000
    >>> load_settings(environ={"CONFLICT_KG_HOST": "0.0.0.0"}).host
    '0.0.0.0'
    """
    environ = os.environ if environ is None else environ
    overrides = overrides or {}
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        if overrides.get(setting.name) is not None:
            values[setting.name] = overrides[setting.name]
        elif setting.env_var in environ:
            raw = environ[setting.env_var]
            try:
                values[setting.name] = setting.parse(raw)
            except ValueError as exc:
                raise ValueError(f"{setting.env_var}={raw!r}: {exc}") from exc
        else:
            values[setting.name] = setting.default()
    return Settings(values)
