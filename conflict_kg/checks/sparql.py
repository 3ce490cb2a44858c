"""Layer 3: analyst checks, one ``queries/checks/*.rq`` file each.

A check file starts with a header of ``#+ key: value`` lines, read as YAML
like the analyst queries' headers (``title``, ``description``, ``severity``:
``error``, ``warning`` or ``info``) and selects ``?resource ?message``.
``?inferredGraph`` in the query stands for the inferred graph's IRI.

An optional ``for_each`` is a small SELECT (over the same store): the check
then runs once per solution of it, with that solution's values bound as
substitutions.  A check whose rules are data (read from the ontology) uses it
so that the engine plans each run with its predicates known: with the rules
joined inside one query, pyoxigraph planned patterns whose predicate is a
variable first and joined every dated value with every other, a cost quadratic
in the number of documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from conflict_kg import resources
from conflict_kg.checks import label_clusters
from conflict_kg.checks.job import CheckJob
from conflict_kg.checks.model import SEVERITIES, CheckInfo, Finding
from conflict_kg.namespaces import DataNamespace
from conflict_kg.store.base import GraphStore

_HEADER_LINE = re.compile(r"^#\+ ?(.*)$")
_PREFIX_LINE = re.compile(r"^PREFIX\s.*$", re.MULTILINE | re.IGNORECASE)  # for for_each


class CheckFileError(ValueError):
    """A check file is missing a header field or has a bad severity."""


@dataclass(frozen=True)
class SparqlCheck:
    info: CheckInfo
    query: str
    path: Path
    for_each: str | None = None


def checks_dir() -> Path:
    return resources.queries_dir() / "checks"


def parse_check(path: Path) -> SparqlCheck:
    text = path.read_text(encoding="utf-8")
    block = []
    for line in text.splitlines():
        match = _HEADER_LINE.match(line)
        if match:
            block.append(match.group(1))
    try:
        loaded = yaml.safe_load("\n".join(block)) if block else {}
    except yaml.YAMLError as exc:
        raise CheckFileError(f"{path.name}: unreadable header ({exc})") from exc
    if not isinstance(loaded, dict):
        raise CheckFileError(f"{path.name}: the header must be '#+ key: value' lines")
    header = {str(k).lower(): str(v).strip() for k, v in loaded.items() if v is not None}
    missing = [k for k in ("title", "description", "severity") if not header.get(k)]
    if missing:
        raise CheckFileError(f"{path.name}: header lacks {', '.join(missing)}")
    if header["severity"] not in SEVERITIES:
        raise CheckFileError(f"{path.name}: severity must be one of {', '.join(SEVERITIES)}")
    info = CheckInfo(
        id=f"sparql:{path.stem}",
        layer="sparql",
        title=header["title"],
        severity=header["severity"],
        description=header["description"],
    )
    return SparqlCheck(info, text, path, header.get("for_each") or None)


def load_checks(directory: Path | None = None) -> list[SparqlCheck]:
    return [parse_check(p) for p in sorted((directory or checks_dir()).glob("*.rq"))]


def _bindings(store: GraphStore, check: SparqlCheck) -> Iterator[dict[str, Any] | None]:
    if check.for_each is None:
        yield None
        return
    prefixes = "".join(line + "\n" for line in _PREFIX_LINE.findall(check.query))
    solutions = store.query(prefixes + check.for_each)
    names = [variable.value for variable in solutions.variables]
    for row in solutions:
        yield {name: row[name] for name in names if row[name] is not None}


# Checks the embedded store answers from its indexes, by file name: their queries
# are planned badly by pyoxigraph (see each module); remote stores run the query.
_FAST: dict[str, Callable[[GraphStore, DataNamespace], set[tuple[str, str]]]] = {
    "probable-duplicates": label_clusters.probable_duplicates,
}


def run_check(store: GraphStore, ns: DataNamespace, check: SparqlCheck,
              *, fast: bool = True) -> Iterator[Finding]:
    answer = _FAST.get(check.path.stem) if fast and store.capabilities.native_quads else None
    if answer is not None:
        for resource, message in sorted(answer(store, ns)):
            yield Finding(check=check.info.id, layer="sparql", title=check.info.title,
                          severity=check.info.severity, resource=resource, message=message)
        return
    query = check.query.replace("?inferredGraph", f"<{ns.inferred_graph}>")
    seen: set[tuple[str, str]] = set()  # runs for two rules may find one fault twice
    for bound in list(_bindings(store, check)):
        for finding in _findings(store, query, check, bound):
            if (finding.resource, finding.message) not in seen:
                seen.add((finding.resource, finding.message))
                yield finding


def _findings(store: GraphStore, query: str, check: SparqlCheck,
              bound: dict[str, Any] | None) -> Iterator[Finding]:
    for row in store.query(query, substitutions=bound):
        resource = row["resource"]
        message = row["message"]
        yield Finding(
            check=check.info.id,
            layer="sparql",
            title=check.info.title,
            severity=check.info.severity,
            resource=str(getattr(resource, "value", resource)),
            message=str(getattr(message, "value", message)),
        )


def run(
    store: GraphStore, ns: DataNamespace, directory: Path | None = None,
    job: CheckJob | None = None,
) -> tuple[list[CheckInfo], list[Finding]]:
    infos: list[CheckInfo] = []
    findings: list[Finding] = []
    for check in load_checks(directory):
        if job is not None:
            job.step(f"sparql: {check.info.id}")
        infos.append(check.info)
        findings.extend(run_check(store, ns, check))
    return infos, findings
