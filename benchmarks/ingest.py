"""Ingest benchmark: extraction documents/s and load triples/s, on one and two workers.

    .venv/bin/python benchmarks/ingest.py [--docs 1000] [--seed 7]
    .venv/bin/python benchmarks/ingest.py --memory [--sizes 0.1,1,5] [--replace]

Generates news-style articles of 500 to 1,000 words (deterministic for a
seed) from sentence templates about states, officials, weapons and places,
then measures:

* extraction: ``ingest.extract`` over all articles, with 1 and with 2 worker
  processes (the pipeline's own pool), in documents per second;
* load: writing the resulting document graphs into a fresh on-disk store the
  way ``ingest.run`` does (batches of graphs bulk-loaded under the journal),
  compared with pyoxigraph's own ``bulk_load`` of the same quads as N-Quads:
  both in this process, on the same bytes, after one warm-up each, alternating,
  median of ``--rounds`` (the machine's disk and other processes make single
  timings vary by half).

Extraction is timed alone (``extract`` per document, no reading or writing);
``benchmarks/scale.py`` times ``ingest.run`` end to end, where loading the
graphs adds to the time per article.  Prints a table; nothing is asserted
(speed is measured, never tested).

``--memory`` measures instead what one large document costs: for a tiny document
(the baseline: interpreter, knowledge base, bundled graphs) and for documents of
0.1, 1 and 5 MB (``benchmarks/large_document.py``: the demo and dev paragraphs in
varied order), ``conflict-kg ingest`` into a fresh on-disk store, each in a fresh
process, with its peak resident set size (``wait4``'s ``ru_maxrss``, as
``/usr/bin/time -v`` reports it) and wall seconds.  ``--replace`` adds, for each
size, the run that replaces the document with a changed version of itself.
``--writes`` adds, for each size, what the server does around an upload and a
deletion, each in a fresh process on a store already reasoned over: the
incremental reasoning after the upload (``reason_incremental`` of the new
graph) and ``DELETE /documents/<id>`` (the journalled drop in bounded
transactions, then incremental reasoning over the removed triples).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))  # large_document

from conflict_kg.bundled import ensure_bundled  # noqa: E402
from conflict_kg.ingest.extract import Extraction, extract  # noqa: E402
from conflict_kg.ingest.kb import KnowledgeBase  # noqa: E402
from conflict_kg.ingest.pipeline import BATCH_DOCUMENTS  # noqa: E402
from conflict_kg.ingest.sources import SourceDocument  # noqa: E402
from conflict_kg.ingest.workers import extractions  # noqa: E402
from conflict_kg.namespaces import DataNamespace  # noqa: E402
from conflict_kg.store import GraphStore, OxigraphStore  # noqa: E402
from conflict_kg.store.journal import as_nquads, write_graphs  # noqa: E402

STATES = [("Russia", "Russian"), ("Turkey", "Turkish"), ("Syria", "Syrian"), ("Israel", "Israeli"),
          ("Iran", "Iranian"), ("Lebanon", "Lebanese"), ("France", "French")]
CAPITALS = ["Moscow", "Ankara", "Damascus", "Tehran", "Washington", "the Kremlin"]
OFFICIALS = [
    ("President", "Vladimir Putin"), ("Defence Minister", "Sergei Shoigu"),
    ("Prime Minister", "Benjamin Netanyahu"), ("President", "Recep Tayyip Erdogan"),
    ("Foreign Minister", "Sergei Lavrov"), ("Foreign Minister", "Mevlut Cavusoglu"),
    ("press secretary", "Dmitry Peskov"), ("Maj. Gen.", "Igor Konashenkov"),
    ("Defense Minister", "Hulusi Akar"), ("spokesman", "Bahram Qassemi"),
]
PLACES = ["Idlib", "Latakia", "Homs", "Hama", "Aleppo", "Deir ez-Zor", "Daraa", "Quneitra",
          "Tartus", "Manbij", "Afrin", "Palmyra"]
MODELS = ["S-300", "S-400", "Su-24", "Su-35", "F-16", "Il-20M", "T-72", "Pantsir-S1", "Mi-24"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "June", "July", "August", "September",
          "October", "November"]

TEMPLATES = [
    "{Dem} jets struck targets near {place} on {day}, the {dem2} military said.",
    "{State} blamed {state2} for the attack and said it would respond.",
    "{title} {person} said on {day} that {state} holds {state2} fully responsible for the "
    "incident.",
    "More than {big} people fled {place} province in the past {n} months, UN officials said.",
    "{Dem} air defences shot down a {dem2} drone over {place} on {day}, killing {small} people.",
    "{capital} announced that {state} would deliver {model} systems to {state2} by {month} {dd}.",
    "{State} has delivered {model} air-defence missile systems to {state2}, officials said.",
    "In a phone call with {person}, {title2} {person2} called on all sides to show restraint.",
    "The agreement {state} reached with {state2} in {place} last month created a "
    "{lo}- to {hi}-kilometer demilitarized zone.",
    "Heavy weapons will be removed by {month} {dd}, and the zone will be patrolled by {dem} and "
    "{dem2} military units.",
    "“We reserve the right to respond,” {person} said, according to the readout.",
    "{Dem} forces withdrew from {place} after talks in {place2} on {day}.",
    "{State} denied that its aircraft had entered {dem2} airspace.",
    "Analysts in {place} said the situation remained tense after {small} days of shelling.",
    "{Dem} warplanes have carried out {big2} airstrikes in {place} in the past {n} weeks.",
    "A {dem} official told reporters that {model} batteries were deployed near {place}.",
    "The {dem} Defence Ministry said {small} servicemen were wounded in the strike.",
    "{title} {person} warned that {state} would not tolerate further incursions.",
    "Residents of {place} reported explosions early on {day}, according to local media.",
    "Security coordination between {state} and {state2} has prevented clashes for the past "
    "{n} years.",
]


@dataclass(frozen=True)
class Vocabulary:
    """The names the templates draw from (``benchmarks/feed.py`` widens them with the
    bundled reference data)."""

    states: list[tuple[str, str]]  # (name, demonym)
    places: list[str]
    models: list[str]


DEFAULT_VOCABULARY = Vocabulary(STATES, PLACES, MODELS)


def _fill(template: str, rng: random.Random, vocab: Vocabulary = DEFAULT_VOCABULARY) -> str:
    (state, dem), (state2, dem2) = rng.sample(vocab.states, 2)
    (title, person), (title2, person2) = rng.sample(OFFICIALS, 2)
    place, place2 = rng.sample(vocab.places, 2)
    lo = rng.randint(5, 15)
    return template.format(
        State=state, state=state, state2=state2, Dem=dem, dem=dem, dem2=dem2,
        title=title, person=person, title2=title2, person2=person2, place=place, place2=place2,
        capital=rng.choice(CAPITALS), model=rng.choice(vocab.models), day=rng.choice(DAYS),
        month=rng.choice(MONTHS), dd=rng.randint(1, 28), small=rng.randint(2, 40),
        big=f"{rng.randint(2, 90)},000", big2=rng.randint(20, 300), n=rng.choice(
            ["two", "three", "18", "six"]), lo=lo, hi=lo + rng.randint(3, 10),
    )


def generate(count: int, seed: int,
             vocab: Vocabulary = DEFAULT_VOCABULARY) -> list[SourceDocument]:
    """``count`` articles of 500 to 1,000 words, the same for the same seed."""
    rng = random.Random(seed)
    docs = []
    for i in range(count):
        target = rng.randint(500, 1000)
        paragraphs: list[str] = []
        words = 0
        while words < target:
            sentence = _fill(rng.choice(TEMPLATES), rng, vocab)
            words += len(sentence.split())
            paragraphs.append(sentence)
        published = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        docs.append(SourceDocument(
            doc_id=f"bench-{i:05d}", text="\n\n".join(paragraphs), origin=f"bench-{i:05d}",
            metadata={"title": f"Benchmark article {i}", "published": published},
        ))
    return docs


def write_markdown(docs: list[SourceDocument], folder: Path) -> None:
    """Each article as ``<id>.md`` with its front matter, as a user's folder holds them."""
    folder.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        head = [f"id: {doc.doc_id}", f"title: {doc.metadata['title']}",
                f"published: {doc.metadata['published'].isoformat()}"]
        if doc.metadata.get("publisher"):
            head.append(f"publisher: {doc.metadata['publisher']}")
        (folder / f"{doc.doc_id}.md").write_text("---\n" + "\n".join(head) + f"\n---\n{doc.text}\n",
                                                encoding="utf-8")


def _extract_all(docs: list[SourceDocument], kb: KnowledgeBase, ns: DataNamespace,
                 workers: int) -> tuple[float, float, list[Extraction]]:
    """Wall seconds, CPU seconds (this process and its finished workers), results."""
    before = os.times()
    start = time.perf_counter()
    if workers == 1:
        results = [extract(doc, kb, ns) for doc in docs]
    else:
        results = [r for r in extractions(docs, kb, ns, workers) if isinstance(r, Extraction)]
        assert len(results) == len(docs), "some generated articles failed to extract"
    after = os.times()
    cpu = (after.user - before.user) + (after.children_user - before.children_user)
    if workers > 1:
        cpu = after.children_user - before.children_user  # the parent only waits and unpickles
    return time.perf_counter() - start, cpu, results


def _settle(store: GraphStore | ox.Store) -> None:
    """Close a store for good before the next measurement: its background compaction
    threads would otherwise run into the next timing."""
    if not isinstance(store, ox.Store):  # pyoxigraph's own has no close
        store.close()
    del store
    gc.collect()


def _load_ours(results: list[Extraction], folder: Path) -> float:
    """Write the graphs as ``ingest.run`` does: batches under the journal, N-Triples to
    N-Quads included in the time."""
    store = OxigraphStore.open(folder)
    start = time.perf_counter()
    existing: set[str] = set()
    for i in range(0, len(results), BATCH_DOCUMENTS):
        batch = {r.graph_iri: r.serialized() for r in results[i : i + BATCH_DOCUMENTS]}
        write_graphs(store, batch, existing)
    store.native_quads().flush()
    elapsed = time.perf_counter() - start
    _settle(store)
    return elapsed


def _all_nquads(results: list[Extraction]) -> bytes:
    return as_nquads({r.graph_iri: r.serialized() for r in results})


def _load_bulk(results: list[Extraction], folder: Path, quads: bytes | None = None) -> float:
    """pyoxigraph's own bulk load of the same quads, prepared outside the timing."""
    data = quads if quads is not None else _all_nquads(results)
    store = ox.Store(str(folder))
    start = time.perf_counter()
    store.bulk_load(data, ox.RdfFormat.N_QUADS)
    store.flush()
    elapsed = time.perf_counter() - start
    _settle(store)
    return elapsed


@dataclass
class LoadComparison:
    ours: list[float]
    bulk: list[float]

    @property
    def ours_median(self) -> float:
        return statistics.median(self.ours)

    @property
    def bulk_median(self) -> float:
        return statistics.median(self.bulk)

    @property
    def ratio(self) -> float:
        """Median of our load time over the median of bulk_load's."""
        return self.ours_median / self.bulk_median

    @property
    def round_ratios(self) -> list[float]:
        return [o / b for o, b in zip(self.ours, self.bulk, strict=True)]


def compare_loads(results: list[Extraction], tmp: Path, rounds: int = 3) -> LoadComparison:
    """Time both loads ``rounds`` times in this process on the same data, after one
    unmeasured warm-up of each; the order alternates between rounds (the disk, the page
    cache and the other processes on the machine are shared), each load goes into a
    fresh store that is closed before the next one starts."""
    quads = _all_nquads(results)
    comparison = LoadComparison([], [])
    for i in range(rounds + 1):
        order = ("ours", "bulk") if i % 2 == 0 else ("bulk", "ours")
        for side in order:
            folder = tmp / f"{side}-{i}"
            if side == "ours":
                seconds = _load_ours(results, folder)
            else:
                seconds = _load_bulk(results, folder, quads)
            shutil.rmtree(folder, ignore_errors=True)
            if i > 0:  # round 0 warms both sides alike
                (comparison.ours if side == "ours" else comparison.bulk).append(seconds)
    return comparison


@dataclass
class MemoryRun:
    name: str
    text_bytes: int
    seconds: float
    peak_mb: float
    summary: str


def _ingest_in_fresh_process(name: str, path: Path, store: Path) -> MemoryRun:
    """``conflict-kg ingest`` of one document in a new process: wall time and peak RSS."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "conflict_kg.cli", "ingest", "--store", str(store),
               "--max-document-bytes", str(max(path.stat().st_size, 5_000_000)), str(path)]
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # wait4 gives this child's own peak (RUSAGE_CHILDREN would be the largest of all)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    assert proc.stdout is not None and proc.stderr is not None
    out, err = proc.stdout.read().decode(), proc.stderr.read().decode()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{name}: ingest failed ({proc.returncode}): {err or out}")
    return MemoryRun(name, len(path.read_text(encoding="utf-8").encode()), seconds,
                     usage.ru_maxrss / 1024, out.splitlines()[0] if out else "")


# What the server runs after an upload and for a deletion (server/documents/api.py).
_WRITE_PHASE = """
import sys
import pyoxigraph as ox
from conflict_kg import reasoning
from conflict_kg.store.journal import drop_graph_journalled
from conflict_kg.namespaces import DataNamespace
from conflict_kg.store import OxigraphStore
phase, location, doc_id = sys.argv[1:4]
store = OxigraphStore.open(location)
ns = DataNamespace("https://w3id.org/conflict-kg/")
graph = ns.document_graph(doc_id)
if phase == "reason":
    report = reasoning.reason_incremental(store, ns, added=[graph])
else:
    rows = store.query("SELECT * { GRAPH ?g { ?s ?p ?o } }",
                       substitutions={"g": ox.NamedNode(graph)}, union_default_graph=False)
    old = [ox.Triple(r["s"], r["p"], r["o"]) for r in rows]
    drop_graph_journalled(store, graph)
    report = reasoning.reason_incremental(store, ns, removed=old)
store.close()
print(report)
"""


def _in_fresh_process(name: str, command: list[str], text_bytes: int) -> MemoryRun:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    assert proc.stdout is not None and proc.stderr is not None
    out, err = proc.stdout.read().decode(), proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{name}: failed: {err or out}")
    return MemoryRun(name, text_bytes, seconds, usage.ru_maxrss / 1024,
                     out.splitlines()[0] if out else "")


def _server_writes(label: str, path: Path, store: Path) -> list[MemoryRun]:
    """Reasoning after an upload of ``path`` (already ingested) and its deletion."""
    size = len(path.read_text(encoding="utf-8").encode())
    doc_id = path.stem
    return [_in_fresh_process(f"{label}, {phase}", [sys.executable, "-c", _WRITE_PHASE,
                                                    phase, str(store), doc_id], size)
            for phase in ("reason", "delete")]


class _Rows(list[MemoryRun]):
    """The runs so far, each row printed as soon as it is measured (a 5 MB run with
    ``--writes`` takes most of an hour on a shared machine)."""

    def append(self, run: MemoryRun) -> None:
        if not self:
            print(f"{'document':<18} {'text MB':>8} {'seconds':>8} {'peak RSS MB':>12} "
                  f"{'over baseline':>14}  summary", flush=True)
        super().append(run)
        over = "" if len(self) == 1 else f"{run.peak_mb - self[0].peak_mb:+10.0f} MB"
        print(f"{run.name:<18} {run.text_bytes / 1e6:8.2f} {run.seconds:8.1f} "
              f"{run.peak_mb:12.0f} {over:>14}  {run.summary}", flush=True)

    def __iadd__(self, runs: object) -> _Rows:
        for run in runs:  # type: ignore[attr-defined]
            self.append(run)
        return self


def memory_table(sizes: list[float], seed: int, replace: bool,
                 writes: bool = False) -> list[MemoryRun]:
    from large_document import generate

    runs = _Rows()
    with tempfile.TemporaryDirectory(prefix="conflict-kg-memory-") as tmp:
        folder = Path(tmp)
        tiny = folder / "tiny.md"
        tiny.write_text(generate(2_000, seed, "tiny"), encoding="utf-8")
        runs.append(_ingest_in_fresh_process("tiny (baseline)", tiny, folder / "store-tiny"))
        for mb in sizes:
            label = f"{mb:g} MB"
            path = folder / f"doc-{mb:g}mb.md"
            path.write_text(generate(int(mb * 1_000_000), seed, f"doc-{mb:g}mb"),
                            encoding="utf-8")
            store = folder / f"store-{mb:g}"
            if writes:  # the server's store: bundled data, reasoned over, before the upload
                reason = [sys.executable, "-m", "conflict_kg.cli", "reason", "--store", str(store)]
                _ingest_in_fresh_process("tiny", tiny, store)
                _in_fresh_process("reason", reason, 0)
            runs.append(_ingest_in_fresh_process(label, path, store))
            if writes:
                runs += _server_writes(label, path, store)
            if replace:
                text = path.read_text(encoding="utf-8")
                path.write_text(text.replace("published: 2020-06-15", "published: 2020-06-16"),
                                encoding="utf-8")
                runs.append(_ingest_in_fresh_process(f"{label}, changed", path, store))
            shutil.rmtree(store, ignore_errors=True)
    return runs


def print_memory_table(runs: list[MemoryRun]) -> None:
    """The rows are printed as they are measured; the machine's load last."""
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="articles to generate")
    parser.add_argument("--seed", type=int, default=7, help="random seed of the generator")
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds of each load")
    parser.add_argument("--memory", action="store_true",
                        help="peak RSS and seconds of ingesting one large document instead")
    parser.add_argument("--sizes", default="0.1,1,5",
                        help="document sizes in MB for --memory (default 0.1,1,5)")
    parser.add_argument("--replace", action="store_true",
                        help="with --memory: also replace each document with a changed one")
    parser.add_argument("--writes", action="store_true",
                        help="with --memory: also reasoning after the upload, and the deletion")
    args = parser.parse_args(argv)
    if args.memory:
        print_memory_table(memory_table([float(x) for x in args.sizes.split(",")], args.seed,
                                        args.replace, args.writes))
        return 0

    ns = DataNamespace("https://w3id.org/conflict-kg/")
    reference = OxigraphStore.in_memory()
    ensure_bundled(reference, ns)
    kb = KnowledgeBase.from_store(reference, [ns.ontology_graph, ns.reference_graph])
    docs = generate(args.docs, args.seed)
    words = sum(len(d.text.split()) for d in docs)
    extract(docs[0], kb, ns)  # warm the caches (patterns built once per knowledge base)

    rows = []
    results: list[Extraction] = []
    for workers in (1, 2):
        seconds, cpu, results = _extract_all(docs, kb, ns, workers)
        rate = len(docs) / seconds
        cpu_rate = f"{len(docs) / cpu:6.1f} docs/cpu-s" if cpu > 0 else ""
        rows.append((f"extract, {workers} worker{'s' if workers > 1 else ''}", seconds,
                     f"{rate:8.1f} docs/s", f"{rate / workers:6.1f}/worker", cpu_rate))
    triples = sum(r.serialized().count(b"\n") for r in results)
    with tempfile.TemporaryDirectory() as tmp:
        loads = compare_loads(results, Path(tmp), args.rounds)
    label = f"median of {args.rounds}"
    rows.append((f"load, ingest batches ({label})", loads.ours_median,
                 f"{triples / loads.ours_median:8.0f} triples/s", "", ""))
    rows.append((f"load, bulk_load ({label})", loads.bulk_median,
                 f"{triples / loads.bulk_median:8.0f} triples/s", "", ""))

    print(f"{len(docs)} generated articles, {words / len(docs):.0f} words on average, "
          f"{triples} triples in {len(results)} document graphs")
    print(f"{'step':<36} {'seconds':>9}  {'rate':>20}  {'':>14}  {'':>18}")
    for name, seconds, shown_rate, per_worker, extra in rows:
        print(f"{name:<36} {seconds:9.2f}  {shown_rate:>20}  {per_worker:>14}  {extra:>18}")
    by_round = ", ".join(f"{r:.2f}" for r in loads.round_ratios)
    print(f"load time ratio (ours / bulk_load): {loads.ratio:.2f}x median  (target <= 1.5x; "
          f"round by round {by_round})")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end "
          "(other processes share the CPUs: compare docs/cpu-s when it is high)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
