"""Score extraction against gold assertions (the evaluation corpus, ``corpus/eval/``).

Each evaluation document ``<stem>.md`` has a gold file beside it,
``<stem>.gold.yaml``: a YAML list of assertions ::

    - kind: entity        # one of KINDS
      expect: hold        # hold (recall) or not-hold (precision)
      note: "Niger is a state"
      ask: |
        ASK { ?s a ck:State ; skos:prefLabel|rdfs:label ?l . FILTER(LCASE(STR(?l)) = "niger") }

:func:`score_document` ingests the document alone into an in-memory store holding
only the bundled ontology and reference data (and their closure), brings the OWL 2
RL closure up to date, then runs each ``ask`` over the union of all graphs with the
prefixes of :data:`conflict_kg.namespaces.PREFIXES` declared in front.

* A ``hold`` assertion passes when its ASK is true. **Recall** is the share of
  hold assertions that pass.
* A ``not-hold`` assertion names an error a careless extractor makes; it is
  *violated* when its ASK is true. **Precision** is the share of not-hold
  assertions that indeed do not hold: ``1 - violated / not-hold total``.

A malformed gold file raises :class:`GoldError` with a ``file:line: problem``
message; every ASK is parsed when the file is loaded, before anything is
ingested, so a query that cannot parse is reported with its file, line and
index.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from conflict_kg.bundled import ensure_bundled
from conflict_kg.ingest import pipeline as ingest
from conflict_kg.ingest.kb import KnowledgeBase
from conflict_kg.ingest.report import IngestReport
from conflict_kg.namespaces import PREFIXES, DataNamespace
from conflict_kg.reasoning import reason, reason_incremental
from conflict_kg.store import OxigraphStore

KINDS: tuple[str, ...] = (
    "entity", "role", "place", "event", "claim", "agreement", "term", "date", "quantity",
    "provenance",
)
EXPECTS: tuple[str, ...] = ("hold", "not-hold")
FIELDS: tuple[str, ...] = ("kind", "expect", "note", "ask")
GOLD_SUFFIX = ".gold.yaml"
DEFAULT_BASE = "https://w3id.org/conflict-kg/"
PREFIX_LINES = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())


class GoldError(ValueError):
    """A gold file (or an evaluation folder) that cannot be scored; the message is
    ``file[:line]: problem``."""


class EvaluationError(RuntimeError):
    """A document of the evaluation corpus that ingest refused."""


@dataclass(frozen=True)
class Assertion:
    """One gold assertion, with where it is written."""

    kind: str
    expect: str
    note: str
    ask: str
    path: Path
    line: int  # 1-based line of the list item in the gold file
    index: int  # 0-based position in the gold file's list

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    @property
    def query(self) -> str:
        """The ASK with the predeclared prefixes in front."""
        return PREFIX_LINES + self.ask


@dataclass(frozen=True)
class Outcome:
    """What an assertion's ASK answered on a document's graph."""

    assertion: Assertion
    answer: bool

    @property
    def passed(self) -> bool:
        """A hold assertion passes when true; a not-hold assertion when false."""
        return self.answer if self.assertion.expect == "hold" else not self.answer


@dataclass
class Tally:
    """Counts of passed hold assertions and violated not-hold assertions."""

    hold_passed: int = 0
    hold_total: int = 0
    not_hold_violated: int = 0
    not_hold_total: int = 0

    def add(self, outcome: Outcome) -> None:
        if outcome.assertion.expect == "hold":
            self.hold_total += 1
            self.hold_passed += outcome.passed
        else:
            self.not_hold_total += 1
            self.not_hold_violated += not outcome.passed

    def __iadd__(self, other: Tally) -> Tally:
        self.hold_passed += other.hold_passed
        self.hold_total += other.hold_total
        self.not_hold_violated += other.not_hold_violated
        self.not_hold_total += other.not_hold_total
        return self

    @property
    def recall(self) -> float | None:
        """Share of hold assertions that hold (None without any)."""
        return self.hold_passed / self.hold_total if self.hold_total else None

    @property
    def precision(self) -> float | None:
        """Share of not-hold assertions that indeed do not hold (None without any)."""
        if not self.not_hold_total:
            return None
        return 1 - self.not_hold_violated / self.not_hold_total

    def as_dict(self) -> dict[str, Any]:
        return {
            "hold_passed": self.hold_passed, "hold_total": self.hold_total,
            "not_hold_violated": self.not_hold_violated, "not_hold_total": self.not_hold_total,
            "recall": self.recall, "precision": self.precision,
        }


def tally(outcomes: Iterable[Outcome]) -> Tally:
    result = Tally()
    for outcome in outcomes:
        result.add(outcome)
    return result


@dataclass
class DocumentScore:
    """The outcomes of one document's gold assertions and the time its ingest took."""

    path: Path
    doc_id: str
    outcomes: list[Outcome]
    ingest_seconds: float  # ingest.run alone (reading, extraction, writing)
    extract_seconds: float  # extraction alone, as the ingest report gives it
    reason_seconds: float
    extract_cpu_seconds: float = 0.0  # extraction's CPU time (its thread), the same report

    @property
    def totals(self) -> Tally:
        return tally(self.outcomes)

    def by_kind(self) -> dict[str, Tally]:
        return _by_kind(self.outcomes)

    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.passed]


@dataclass
class SplitScore:
    """The documents of one split (a folder of the evaluation corpus)."""

    name: str
    folder: Path
    documents: list[DocumentScore] = field(default_factory=list)

    @property
    def outcomes(self) -> list[Outcome]:
        return [o for d in self.documents for o in d.outcomes]

    @property
    def totals(self) -> Tally:
        return tally(self.outcomes)

    def by_kind(self) -> dict[str, Tally]:
        return _by_kind(self.outcomes)

    @property
    def ingest_seconds(self) -> float:
        return sum(d.ingest_seconds for d in self.documents)

    @property
    def extract_seconds(self) -> float:
        return sum(d.extract_seconds for d in self.documents)

    @property
    def extract_cpu_seconds(self) -> float:
        return sum(d.extract_cpu_seconds for d in self.documents)

    @property
    def docs_per_second(self) -> float | None:
        """Documents per second of ``ingest.run`` (reasoning and ASKs not counted)."""
        seconds = self.ingest_seconds
        return len(self.documents) / seconds if seconds > 0 else None


def _by_kind(outcomes: Iterable[Outcome]) -> dict[str, Tally]:
    kinds: dict[str, Tally] = {}
    for outcome in outcomes:
        kinds.setdefault(outcome.assertion.kind, Tally()).add(outcome)
    return {k: kinds[k] for k in KINDS if k in kinds}


# --- gold files ---------------------------------------------------------------------------


def gold_path(document: Path) -> Path:
    """``<stem>.gold.yaml`` beside ``<stem>.md``."""
    return document.with_name(document.stem + GOLD_SUFFIX)


def load_gold(path: Path | str) -> list[Assertion]:
    """Read and check a gold file: a non-empty YAML list of mappings with exactly the
    fields kind, expect, note, ask, whose ASK parses (prefixes predeclared).

    Raises :class:`GoldError` (``file:line: problem``) on the first problem.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read the gold file: {exc}") from exc
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise GoldError(f"{path}{line}: not valid YAML: {problem}") from exc
    if root is None:
        raise GoldError(f"{path}:1: empty gold file (expected a list of assertions)")
    if not isinstance(root, yaml.SequenceNode):
        raise GoldError(f"{path}:{_line(root)}: expected a YAML list of assertions, "
                        f"found {_node_kind(root)}")
    if not root.value:
        raise GoldError(f"{path}:{_line(root)}: the list of assertions is empty")
    checker = ox.Store()
    return [_assertion(path, index, item, checker) for index, item in enumerate(root.value)]


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _node_kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"the scalar {str(node.value)[:40]!r}"


def _assertion(path: Path, index: int, node: yaml.Node, checker: ox.Store) -> Assertion:
    where = f"{path}:{_line(node)}: assertion {index}"
    if not isinstance(node, yaml.MappingNode):
        raise GoldError(f"{where}: expected a mapping with {', '.join(FIELDS)}, "
                        f"found {_node_kind(node)}")
    values: dict[str, str] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in FIELDS:
            raise GoldError(f"{path}:{_line(key_node)}: assertion {index}: unknown field "
                            f"{key!r} (expected {', '.join(FIELDS)})")
        if key in values:
            raise GoldError(f"{path}:{_line(key_node)}: assertion {index}: field {key!r} "
                            "given twice")
        if not isinstance(value_node, yaml.ScalarNode) or not str(value_node.value).strip():
            raise GoldError(f"{path}:{_line(value_node)}: assertion {index}: {key!r} must be "
                            "a non-empty string")
        values[str(key)] = str(value_node.value)
    missing = [f for f in FIELDS if f not in values]
    if missing:
        raise GoldError(f"{where}: missing field{'s' if len(missing) > 1 else ''} "
                        f"{', '.join(missing)}")
    if values["kind"] not in KINDS:
        raise GoldError(f"{where}: unknown kind {values['kind']!r} "
                        f"(expected one of {', '.join(KINDS)})")
    if values["expect"] not in EXPECTS:
        raise GoldError(f"{where}: expect must be 'hold' or 'not-hold', "
                        f"not {values['expect']!r}")
    assertion = Assertion(kind=values["kind"], expect=values["expect"], note=values["note"],
                          ask=values["ask"], path=path, line=_line(node), index=index)
    try:  # parsing is what matters; the empty store answers at once
        answer = checker.query(assertion.query)
    except SyntaxError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise GoldError(f"{where} ({values['note'][:60]}): the ASK does not parse: "
                        f"{first}") from exc
    if not isinstance(answer, ox.QueryBoolean):
        raise GoldError(f"{where}: the query is not an ASK query")
    return assertion


def documents(folder: Path | str) -> list[Path]:
    """The evaluation documents of a split folder (``*.md``, sorted); each must have its
    gold file."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GoldError(f"{folder}: no such evaluation folder")
    found = sorted(p for p in folder.glob("*.md") if p.name.lower() != "readme.md")
    for document in found:
        if not gold_path(document).is_file():
            raise GoldError(f"{document}: no gold file ({gold_path(document).name})")
    for gold in sorted(folder.glob("*" + GOLD_SUFFIX)):
        if not gold.with_name(gold.name[: -len(GOLD_SUFFIX)] + ".md").is_file():
            raise GoldError(f"{gold}: gold file without its document")
    return found


# --- scoring ------------------------------------------------------------------------------


def score_document(path: Path | str, *, base: str = DEFAULT_BASE,
                   gold: Sequence[Assertion] | None = None) -> DocumentScore:
    """Ingest ``path`` alone into a store holding only the bundled graphs and their
    closure, reason, and run its gold ASKs (the store is then put back as it was).

    The gold file is loaded (and every ASK parsed) before anything is ingested.
    """

    path = Path(path)
    assertions = list(gold) if gold is not None else load_gold(gold_path(path))
    with ingested_alone(path, base=base) as done:
        outcomes = [Outcome(a, _ask(done.store, a)) for a in assertions]
    return DocumentScore(
        path=path, doc_id=done.report.ingested[0].rsplit("/", 1)[-1], outcomes=outcomes,
        ingest_seconds=done.ingest_seconds, extract_seconds=done.report.extract_seconds,
        reason_seconds=done.reason_seconds,
        extract_cpu_seconds=done.report.extract_cpu_seconds,
    )


@dataclass(frozen=True)
class Ingested:
    """A document ingested alone and reasoned over, in a store lent by :func:`ingested_alone`."""

    store: OxigraphStore
    ns: DataNamespace
    report: IngestReport
    ingest_seconds: float  # ingest.run alone
    reason_seconds: float


@contextmanager
def ingested_alone(path: Path | str, *, base: str = DEFAULT_BASE) -> Iterator[Ingested]:
    """Ingest ``path`` alone into a store holding only the bundled graphs and their
    closure, and bring the closure up to date; the store is lent for the ``with`` block
    and put back as it was when it ends. Raises :class:`EvaluationError` when ingest
    refuses the document."""

    clean = _clean_store(base)
    with clean.lend() as store:
        started = time.perf_counter()
        report = ingest.run([Path(path)], store, clean.ns, kb=bundled_kb(base))
        ingested = time.perf_counter()
        if not report.ok or not report.ingested:
            problems = "; ".join(report.errors) or "nothing was ingested"
            raise EvaluationError(f"{path}: ingest failed: {problems}")
        reason_incremental(store, clean.ns, added=clean.new_graphs())
        yield Ingested(store, clean.ns, report, ingested - started,
                       time.perf_counter() - ingested)


@dataclass(frozen=True)
class BatchRate:
    """One ``ingest.run`` over every document of a split, as a user ingests a folder."""

    documents: int
    ingest_seconds: float  # the whole run: reading, extraction, writing
    extract_seconds: float  # extraction alone (one worker), from the ingest report
    extract_cpu_seconds: float = 0.0  # its CPU time (the extracting thread)

    @property
    def docs_per_second(self) -> float | None:
        return self.documents / self.ingest_seconds if self.ingest_seconds > 0 else None

    @property
    def extract_docs_per_second(self) -> float | None:
        return self.documents / self.extract_seconds if self.extract_seconds > 0 else None


def batch_rate(folder: Path | str, *, base: str = DEFAULT_BASE) -> BatchRate:
    """Ingest all documents of a split in one run into a fresh in-memory store (one worker).

    Scoring ingests each document alone, so every document pays for a new store and a
    cold lexicon; this is the rate of the usual case, a folder ingested at once.
    """

    paths = documents(folder)
    store, ns = OxigraphStore.in_memory(), DataNamespace(base)
    ingest.run(paths[:1], store, ns)  # store set-up and first-use caches, not timed
    store, ns = OxigraphStore.in_memory(), DataNamespace(base)
    started = time.perf_counter()
    report = ingest.run(paths, store, ns)
    seconds = time.perf_counter() - started
    if not report.ok:
        raise EvaluationError(f"{folder}: ingest failed: {'; '.join(report.errors)}")
    return BatchRate(len(report.ingested), seconds, report.extract_seconds,
                     report.extract_cpu_seconds)


def _ask(store: Any, assertion: Assertion) -> bool:
    try:
        answer = store.query(assertion.query)
    except SyntaxError as exc:  # load_gold parses every ASK; kept for gold passed in directly
        raise GoldError(f"{assertion.where}: assertion {assertion.index}: the ASK does not "
                        f"parse: {str(exc).splitlines()[0] if str(exc) else exc}") from exc
    if not isinstance(answer, ox.QueryBoolean):
        raise GoldError(f"{assertion.where}: assertion {assertion.index}: the query is not "
                        "an ASK query")
    return bool(answer)


@lru_cache(maxsize=2)
def bundled_kb(base: str = DEFAULT_BASE) -> KnowledgeBase:
    """The knowledge base of a fresh store holding only the bundled graphs, built once per
    process and base. Every scored document is ingested into such a store, so its KB is
    this one; reading it from each store again took about half of a document's score time.
    The bundled files are hashed into the graphs they fill, and an edit of them is seen by
    a new process (the benchmark, a test run), not by this cache."""
    store, ns = OxigraphStore.in_memory(), DataNamespace(base)
    ensure_bundled(store, ns)
    return KnowledgeBase.from_store(store, [ns.ontology_graph, ns.reference_graph])


class _CleanStore:
    """An in-memory store holding the bundled graphs and their closure, lent to one scored
    document at a time and put back as it was after it.

    A fresh store per document spent most of a score loading the bundled graphs (~54,000
    triples) and reasoning over them again; the document's own graphs and the inferences
    they add are all that change. Its closure is brought up to date incrementally, which
    gives the full closure's triples (tests/ingest/test_extraction_floors.py holds them
    equal). Not thread-safe: one document at a time, as :func:`iter_scores` goes.
    """

    def __init__(self, base: str) -> None:
        self.ns = DataNamespace(base)
        self._quads = self._bundled_closure()
        self.store = self._fresh()
        self._graphs = frozenset(self.store.graphs())
        self._inferred = frozenset(self.store.native_quads().match(
            graph=ox.NamedNode(self.ns.inferred_graph)))

    def _bundled_closure(self) -> list[ox.Quad]:
        store = OxigraphStore.in_memory()
        ensure_bundled(store, self.ns)
        reason(store, self.ns)
        return list(store.native_quads().match())

    def _fresh(self) -> OxigraphStore:
        store = OxigraphStore.in_memory()
        store.native_quads().bulk_add(self._quads)
        return store

    def new_graphs(self) -> list[str]:
        """The graphs the lent store holds beyond the bundled ones: the document's."""
        return [g for g in self.store.graphs() if g not in self._graphs]

    @contextmanager
    def lend(self) -> Iterator[OxigraphStore]:
        try:
            yield self.store
        finally:
            self._put_back()

    def _put_back(self) -> None:
        quads = self.store.native_quads()
        for graph in self.new_graphs():
            self.store.drop_graph(graph)
        inferred = ox.NamedNode(self.ns.inferred_graph)
        added = [q for q in quads.match(graph=inferred) if q not in self._inferred]
        for quad in added:
            quads.remove(quad)
        if quads.count() != len(self._quads) or set(self.store.graphs()) != self._graphs:
            # Something else changed (nothing in ingest does today): start over rather
            # than score the next document against a store that is not clean.
            self.store = self._fresh()


@lru_cache(maxsize=2)
def _clean_store(base: str) -> _CleanStore:
    return _CleanStore(base)


def warm_up(base: str = DEFAULT_BASE) -> None:
    """Load the bundled graphs into a throwaway store once, so that generating the
    reference cache (after a package upgrade or a curated edit) is not timed as the
    first document's ingest."""

    ensure_bundled(OxigraphStore.in_memory(), DataNamespace(base))


def iter_scores(folder: Path | str, *, base: str = DEFAULT_BASE) -> Iterator[DocumentScore]:
    """Score the documents of a split one by one (every gold file is checked first)."""
    paths = documents(folder)
    golds = {p: load_gold(gold_path(p)) for p in paths}
    for path in paths:
        yield score_document(path, base=base, gold=golds[path])


def score_split(folder: Path | str, *, name: str | None = None,
                base: str = DEFAULT_BASE) -> SplitScore:
    """Score every document of a split folder (``corpus/eval/dev``, ``corpus/eval/heldout``)."""
    folder = Path(folder)
    split = SplitScore(name=name or folder.name, folder=folder)
    split.documents.extend(iter_scores(folder, base=base))
    return split
