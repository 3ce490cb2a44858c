"""The ``conflict-kg`` command: thin shells over the library functions.

Exit codes: 0 success, 1 findings or partial failure, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

from conflict_kg import version
from conflict_kg.namespaces import DataNamespace
from conflict_kg.paths import default_docs_dir
from conflict_kg.querying import render_results
from conflict_kg.settings import SETTINGS, Settings, load_settings
from conflict_kg.stats import stats
from conflict_kg.store import GraphStore, StoreError, StoreLockedError, open_configured_store
from conflict_kg.store.select import is_remote
from conflict_kg.store.serving import serving

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

Handler = Callable[[argparse.Namespace, Settings], int]

# The settings each command reads (directly or through the store it opens): its --help
# shows these.  Every command still *accepts* every setting, before or after its name.
REMOTE_STORE = ("store_update_url", "store_graph_store_url", "store_user", "store_password")
_STORE = ("store", "log_level")
_STORE_AND_DATA = ("store", "base_iri", "log_level")
USES: dict[str, tuple[str, ...]] = {
    "ingest": ("store", "base_iri", "max_document_bytes", "log_level"),  # + token for --server
    "load": _STORE_AND_DATA,
    "reason": _STORE_AND_DATA,
    "explain": _STORE_AND_DATA,
    "check": _STORE_AND_DATA,
    "query": _STORE,
    "export": _STORE,
    "stats": _STORE,
    "docs": ("log_level",),
    "serve": tuple(s.name for s in SETTINGS),
    "settings": (),
}
SHOWN_AT_TOP = ("store", "log_level")
METAVARS = {
    "store": "DIR|URL", "store_update_url": "URL", "store_graph_store_url": "URL",
    "store_user": "USER", "store_password": "PASSWORD", "base_iri": "IRI",
    "update_token": "TOKEN", "query_timeout": "SECONDS", "cors_origins": "ORIGINS",
    "log_level": "LEVEL", "threads": "N", "max_document_bytes": "BYTES",
    "background_ingest_bytes": "BYTES", "max_ingest_jobs": "N",
    "max_result_rows": "N", "max_request_bytes": "BYTES", "result_cache_mb": "MB",
    "max_concurrent_queries": "N", "max_queries_per_client": "N", "request_read_timeout": "SECONDS",
    "query_queue_seconds": "SECONDS", "reason_on_write": "BOOL",
    "reason_disk_quads": "N", "federation_allow": "IRIS",
}
ALL_SETTINGS_LINE = "All settings (every command accepts all of them): conflict-kg settings"


def _add_settings(parser: argparse.ArgumentParser, shown: Sequence[str],
                  title: str = "settings used here") -> None:
    """Add every setting's flag to ``parser``; list only those in ``shown`` in its help.

    Defaults are suppressed, so a flag given before the command name is not overwritten
    by the subcommand's parser, and one given after it wins.
    """
    group = parser.add_argument_group(f"{title} (or environment variables CONFLICT_KG_<NAME>)")
    for setting in SETTINGS:
        group.add_argument(
            setting.flag,
            dest=f"setting_{setting.name}",
            default=argparse.SUPPRESS,
            metavar=METAVARS.get(setting.name, setting.name.upper()),
            help=setting.help if setting.name in shown else argparse.SUPPRESS,
        )


def _epilog(command: str) -> str:
    uses = USES[command]
    if command == "settings":
        return "Precedence: flag > environment > default."
    lines = []
    hidden_remote = [n for n in REMOTE_STORE if n not in uses]
    if "store" in uses and hidden_remote:
        extra = ["base_iri"] if "base_iri" not in uses else []
        flags = ", ".join(f"--{n.replace('_', '-')}" for n in [*hidden_remote, *extra])
        lines.append(f"A remote store (--store URL) also reads {flags}.")
    lines.append(ALL_SETTINGS_LINE)
    return "\n".join(textwrap.fill(line, width=79, break_on_hyphens=False) for line in lines)


def _resolve_settings(args: argparse.Namespace) -> Settings:
    overrides = {}
    for setting in SETTINGS:
        raw = getattr(args, f"setting_{setting.name}", None)
        if raw is not None:
            try:
                overrides[setting.name] = setting.parse(raw)
            except ValueError as exc:
                raise UsageError(f"{setting.flag} {raw!r}: {exc}") from exc
    return load_settings(overrides)


class UsageError(Exception):
    pass


def _open(settings: Settings) -> tuple[GraphStore, DataNamespace]:
    return open_configured_store(settings), DataNamespace(settings.base_iri)


def _open_for_reading(settings: Settings) -> tuple[GraphStore, DataNamespace]:
    """The store for a read-only command; while `conflict-kg serve` holds an on-disk store
    (pyoxigraph locks it for one process), the server's SPARQL endpoint instead: the same
    data, read under the server's query limits. Said on stderr, so output stays clean."""
    try:
        return _open(settings)
    except StoreLockedError:
        server = None if is_remote(settings.store) else serving(settings.store)
        if server is None:
            raise
    print(f"conflict-kg: the store at {settings.store} is served by `conflict-kg serve` "
          f"(pid {server.pid}); reading it through {server.sparql}", file=sys.stderr)
    return _open(settings.replace(store=server.sparql))


def _open_with_ontology(settings: Settings) -> tuple[GraphStore, DataNamespace]:
    """The store with the bundled ontology and reference graphs current (reasoning needs them)."""
    # start-up time: ~50 ms (the gazetteer's generators), for the commands that write
    from conflict_kg.bundled import ensure_bundled

    store, ns = _open(settings)
    try:
        ensure_bundled(store, ns)
    except BaseException:
        store.close()
        raise
    return store, ns


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    if args.published:
        import datetime as dt

        try:
            dt.date.fromisoformat(args.published)
        except ValueError as exc:
            raise UsageError(f"--published {args.published!r}: not a date ({exc})") from exc
    if args.server:
        # start-up time: the ingest package costs ~0.35 s; only `ingest` needs it
        from conflict_kg.ingest.remote import send_documents

        if not settings.update_token:
            raise UsageError("--server needs the service's token: set --update-token "
                             "or CONFLICT_KG_UPDATE_TOKEN")
        remote = send_documents([Path(p) for p in args.paths], args.server,
                                settings.update_token, args.published)
        for line in remote.lines:
            print(line)
        for error in remote.errors:
            print(f"error: {error}", file=sys.stderr)
        return EXIT_OK if remote.ok else EXIT_FINDINGS
    # start-up time: the ingest package costs ~0.35 s; only `ingest` needs it
    from conflict_kg import ingest
    from conflict_kg.ingest.progress import ProgressBar  # start-up time, as above
    from conflict_kg.ingest.sources import JSONL_SUFFIXES, discover  # start-up time, as above

    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    defaults = {"published": args.published} if args.published else None
    paths = [Path(p) for p in args.paths]
    files = list(discover(paths))
    progress = ProgressBar(
        total=None if any(f.suffix.lower() in JSONL_SUFFIXES for f in files) else len(files)
    )
    store, ns = _open(settings)
    try:
        report = ingest.run(
            paths,
            store,
            ns,
            max_bytes=settings.max_document_bytes,
            defaults=defaults,
            on_document=progress,
            workers=args.workers,
            strict=args.strict,
        )
    finally:
        progress.close()
        store.close()
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    print(report.summary())
    return EXIT_OK if report.ok else EXIT_FINDINGS


def cmd_load(args: argparse.Namespace, settings: Settings) -> int:
    from conflict_kg.store.rdf_input import read_rdf_file  # startup time: only load parses RDF

    store, ns = _open_with_ontology(settings)
    failed = 0
    try:
        existing = set(store.graphs())
        for name in args.files:
            path = Path(name)
            graph = args.graph or ns.curated_graph(path.stem)
            try:
                by_graph = read_rdf_file(path, graph, keep_graphs=args.keep_graphs)
            except StoreError as exc:
                print(f"error: {exc}", file=sys.stderr)
                failed += 1
                continue
            # What will be replaced, before anything is written.
            for target, triples in sorted(by_graph.items()):
                verb = "replacing" if target in existing else "creating"
                print(f"{path}: {verb} <{target}> with {len(triples)} triples")
            try:
                store.replace_graphs(by_graph)
            except StoreError as exc:
                print(f"error: {path}: {exc}", file=sys.stderr)
                failed += 1
                continue
            existing.update(by_graph)
            count = sum(len(t) for t in by_graph.values())
            print(f"{path}: {count} triples into {len(by_graph)} graph(s)")
    finally:
        store.close()
    return EXIT_FINDINGS if failed else EXIT_OK


def cmd_reason(args: argparse.Namespace, settings: Settings) -> int:
    from conflict_kg.reasoning import reason  # start-up time: ~30 ms, only reason needs it

    store, ns = _open_with_ontology(settings)
    try:
        report = reason(store, ns, engine=args.engine, closure=args.closure,
                        disk_quads=settings.reason_disk_quads)
    finally:
        store.close()
    print(report)
    return EXIT_OK


def cmd_explain(args: argparse.Namespace, settings: Settings) -> int:
    from conflict_kg.reasoning.explain import explain  # start-up time: ~30 ms, as reason

    store, ns = _open(settings)
    try:
        try:
            explanation = explain(store, ns, args.subject, args.predicate, args.object)
        except (SyntaxError, ValueError) as exc:
            raise UsageError(f"cannot read the triple: {exc}") from exc
    finally:
        store.close()
    print(explanation.render())
    return EXIT_OK if explanation.found else EXIT_FINDINGS


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    # start-up time: ~0.34 s (rdflib and its SPARQL parser); only check needs it
    from conflict_kg.checks import check, render_report

    store, ns = _open_with_ontology(settings)
    try:
        report = check(store, ns)
    finally:
        store.close()
    print(render_report(report.limited(args.max_findings), args.format))
    return EXIT_FINDINGS if report.has_errors else EXIT_OK


def cmd_query(args: argparse.Namespace, settings: Settings) -> int:
    if args.file:
        sparql = Path(args.file).read_text(encoding="utf-8")
    elif args.sparql:
        sparql = args.sparql
    else:
        raise UsageError("give a query as an argument or with --file")
    store, _ = _open_for_reading(settings)
    try:
        try:
            results = store.query(sparql)
            print(render_results(results, args.format))
        except SyntaxError as exc:
            raise UsageError(f"invalid SPARQL: {exc}") from exc
    finally:
        store.close()
    return EXIT_OK


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    import pyoxigraph as ox

    fmt = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}[args.format]
    store, _ = _open_for_reading(settings)
    try:
        if args.output:
            with open(args.output, "wb") as out:
                store.dump(out, fmt, graph=args.graph)
        else:
            store.dump(sys.stdout.buffer, fmt, graph=args.graph)
    finally:
        store.close()
    return EXIT_OK


def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    store, _ = _open_for_reading(settings)
    try:
        result = stats(store)
    finally:
        store.close()
    print(json.dumps(result.as_dict(), indent=2) if args.json else result.render())
    return EXIT_OK


def cmd_docs(args: argparse.Namespace, settings: Settings) -> int:
    from conflict_kg.ontology_docs import build_docs  # start-up time: ~0.1 s, only docs

    out = Path(args.out).expanduser() if args.out else default_docs_dir()
    pages = build_docs(out)
    print(f"{len(pages)} pages written to {out}")
    return EXIT_OK


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = ",".join(str(v) for v in value)
    return str(value) if value != "" else "(empty)"


def cmd_settings(args: argparse.Namespace, settings: Settings) -> int:
    """Every setting: name, flag, environment variable, default, current value and its
    source, help.  A secret's value is never printed, only whether it is set."""
    rows = []
    for setting in SETTINGS:
        if getattr(args, f"setting_{setting.name}", None) is not None:
            source = "flag"
        elif setting.env_var in os.environ:
            source = "environment"
        else:
            source = "default"
        value = getattr(settings, setting.name)
        row: dict[str, object] = {
            "name": setting.name, "flag": setting.flag, "env": setting.env_var,
            "default": setting.default(), "value": value, "source": source,
            "secret": setting.secret, "help": setting.help,
        }
        if setting.secret:
            row["value"] = None
            row["set"] = bool(value)
        rows.append(row)
    if args.json:
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    for setting, row in zip(SETTINGS, rows, strict=True):
        if setting.secret:
            current = "(set, not shown)" if row["set"] else "(empty)"
        else:
            current = _shown(row["value"])
        print(f"{setting.name}  {setting.flag}  {setting.env_var}")
        print(f"    default: {_shown(row['default'])}")
        print(f"    value:   {current} ({row['source']})")
        print(textwrap.fill(setting.help, width=88, initial_indent="    ",
                            subsequent_indent="    "))
    print("\nPrecedence: flag > environment > default. Every command accepts every flag,\n"
          "before or after the command name.")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from conflict_kg.server.wsgi import serve  # start-up time: Flask and the app, ~1.2 s

    serve(settings)
    return EXIT_OK


def _count(text: str) -> int:
    """A count of zero or more (argparse type): a clear error for anything else."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more: {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="conflict-kg",
        description="Build, check and serve the conflict knowledge graph.",
        epilog="`conflict-kg COMMAND --help` shows a command's options and the settings it "
               "uses. " + ALL_SETTINGS_LINE,
    )
    parser.add_argument("--version", action="version", version=f"conflict-kg {version()}")
    _add_settings(parser, SHOWN_AT_TOP, "common settings")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text,
                           epilog=_epilog(name),
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        _add_settings(p, USES[name])
        p.set_defaults(handler=handler)
        return p

    p = add("ingest", cmd_ingest, "Extract facts from documents (files or folders) into the store.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="documents or folders of documents")
    p.add_argument("--published", metavar="DATE",
                   help="publication date (YYYY-MM-DD) for documents that give none")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="extract in N worker processes (writes stay in one process; default 1)")
    p.add_argument("--strict", action="store_true",
                   help="refuse any document that would add an error-severity finding of "
                        "`conflict-kg check` (reasons as it goes)")
    p.add_argument("--server", metavar="URL",
                   help="send the documents to a running service (POST URL/documents) "
                        "instead of the store; needs the service's --update-token")

    p = add("load", cmd_load, "Load curated RDF files, each into its own named graph.")
    p.add_argument("files", nargs="+", metavar="FILE", help=".ttl, .nt, .nq, .trig, .jsonld, .rdf")
    p.add_argument("--graph", help="target graph IRI (default: <base>graph/curated/<file stem>)")
    p.add_argument("--keep-graphs", action="store_true",
                   help="an N-Quads/TriG file's own named graphs replace the graphs of those "
                        "names (listed before writing); without it such a file is refused")

    p = add("reason", cmd_reason, "Compute the OWL 2 RL closure into the inferred graph.")
    p.add_argument("--engine", choices=("rules", "owlrl"), default="rules",
                   help="rules: in-store SPARQL rules (default); owlrl: reference implementation")
    p.add_argument("--closure", choices=("auto", "memory", "disk"), default="auto",
                   help="on-disk stores: memory computes the closure on an in-memory copy of "
                        "what the rules read (fast, memory grows with the store); disk runs "
                        "chunked rounds on the store itself (bounded memory, slower); auto "
                        "(default): disk above --reason-disk-quads quads")

    p = add("explain", cmd_explain,
            "Show how a triple was inferred: rule and premises, down to source sentences.")
    p.add_argument("subject", help="IRI (<…>, bare, or prefixed like ck:State)")
    p.add_argument("predicate", help="IRI, or 'a' for rdf:type")
    p.add_argument("object", help='IRI or literal (e.g. \'"15"^^xsd:decimal\')')

    p = add("check", cmd_check, "Run consistency checks; exit 1 when an error is found.")
    p.add_argument("--format", choices=("text", "json", "turtle"), default="text")
    p.add_argument("--max-findings", type=_count, default=100, metavar="N",
                   help="findings shown per check (the first N by resource; the counts and "
                        "the exit status are the whole run's; 0: all); default 100")

    p = add("query", cmd_query, "Run a SPARQL query over the union of all graphs.")
    p.add_argument("sparql", nargs="?", help="the query text")
    p.add_argument("--file", "-f", help="read the query from this file")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")

    p = add("export", cmd_export, "Dump the whole store, or one graph, as N-Quads or TriG.")
    p.add_argument("--graph", help="only this named graph")
    p.add_argument("--format", choices=("nquads", "trig"), default="nquads")
    p.add_argument("--output", "-o", help="file to write (default: standard output)")

    p = add("stats", cmd_stats,
            "Show named graphs, quad counts and distinct resources by class in the store.")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = add("docs", cmd_docs, "Generate the ontology's HTML documentation.")
    p.add_argument("--out",
                   help="output folder (default: $XDG_DATA_HOME/conflict-kg/ontology-docs)")

    add("serve", cmd_serve, "Serve SPARQL and linked data over HTTP (production WSGI server).")

    p = add("settings", cmd_settings,
            "List every setting: flag, environment variable, default, current value, help.")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = _resolve_settings(args)
        logging.basicConfig(level=settings.log_level, format="%(levelname)s %(name)s: %(message)s")
        handler: Handler = args.handler
        return handler(args, settings)
    except UsageError as exc:
        parser.error(str(exc))  # exits with code 2
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FINDINGS
    except BrokenPipeError:
        # The reader went away (`conflict-kg export | head`): not an error of ours.
        sys.stderr.close()
        return EXIT_OK
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, ValueError) else EXIT_FINDINGS
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
