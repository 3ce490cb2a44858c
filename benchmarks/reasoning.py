"""Reasoning and checks benchmark: one run, one table, ratios against owlrl.

    .venv/bin/python benchmarks/reasoning.py            # 10k, 100k (both engines), 1M (rules)
    .venv/bin/python benchmarks/reasoning.py --quick    # 10k only, no LUBM
    .venv/bin/python benchmarks/reasoning.py --sizes 100000 --owlrl-max 0 --disk-max 100000

The data is a synthetic conflict-events graph over the bundled ontology: one
named graph per "document" (~37 triples: its text, content hash and mention
offsets, an event of a random type with agent, place, date and a death toll, a
blame claim with claimant, stance, target and evidence mentions, sometimes an
agreement), entities drawn from pools so that documents share them. LUBM(1)
comes from ../shared/lubm/.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from conflict_kg.bundled import ensure_bundled
from conflict_kg.checks import check
from conflict_kg.namespaces import NIF, ONTOLOGY, RDF, RDFS, XSD, DataNamespace
from conflict_kg.reasoning import reason, replace_and_reason
from conflict_kg.store import OxigraphStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.reasoning.closure_compare import bnode_free, inferred  # noqa: E402

NS = DataNamespace("https://w3id.org/conflict-kg/")
LUBM = Path(__file__).resolve().parents[2] / "shared" / "lubm"
A = ox.NamedNode(RDF + "type")
EVENTS = ["AirStrike", "Shootdown", "Interception", "Incursion", "Offensive", "Patrol",
          "Deployment", "Withdrawal", "ArmsTransfer", "Talks"]
FORCES = ["AirForce", "ArmedForce", "AirDefenceForce", "NonStateArmedGroup"]
PLACES = ["City", "Province", "Region", "Airspace"]


def ck(name: str) -> ox.NamedNode:
    return ox.NamedNode(ONTOLOGY + name)


def _lit(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


def document(i: int, rng: random.Random) -> list[ox.Triple]:
    doc = ox.NamedNode(f"{NS.base}id/document/synthetic-{i}")
    event = ox.NamedNode(f"{NS.base}id/event/synthetic/{i}")
    force = ox.NamedNode(f"{NS.base}id/armed-force/synthetic-{rng.randrange(2000)}")
    target = ox.NamedNode(f"{NS.base}id/armed-force/synthetic-{rng.randrange(2000)}")
    place = ox.NamedNode(f"{NS.base}id/place/synthetic-{rng.randrange(5000)}")
    person = ox.NamedNode(f"{NS.base}id/person/synthetic-{rng.randrange(3000)}")
    claim = ox.NamedNode(f"{NS.base}id/claim/synthetic/{i}")
    toll = ox.NamedNode(f"{NS.base}id/event/synthetic/{i}-deaths")
    # The document carries its text, hash and offsets as ingest writes them, so
    # the check benchmark measures a graph that conforms to the project's shapes.
    text = f"Report {i}: forces struck a position, officials said."
    begin = text.index("struck")
    sentence = ox.NamedNode(f"{doc.value}#char=0,{len(text)}")
    word = ox.NamedNode(f"{doc.value}#char={begin},{begin + 6}")
    date = _lit(f"2018-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}", "date")
    offsets = [
        (doc, ox.NamedNode(NIF + "isString"), ox.Literal(text)),
        (doc, ck("contentHash"), ox.Literal(hashlib.sha256(text.encode()).hexdigest())),
        (sentence, ox.NamedNode(NIF + "beginIndex"), _lit("0", "integer")),
        (sentence, ox.NamedNode(NIF + "endIndex"), _lit(str(len(text)), "integer")),
        (word, ox.NamedNode(NIF + "beginIndex"), _lit(str(begin), "integer")),
        (word, ox.NamedNode(NIF + "endIndex"), _lit(str(begin + 6), "integer")),
        (word, ox.NamedNode(NIF + "referenceContext"), doc),
    ]
    t = [
        (doc, A, ck("Document")),
        (sentence, A, ck("Mention")), (sentence, A, ox.NamedNode(NIF + "Sentence")),
        (sentence, ox.NamedNode(NIF + "anchorOf"), ox.Literal(text)),
        (sentence, ox.NamedNode(NIF + "referenceContext"), doc),
        (word, A, ck("Mention")), (word, ck("sentence"), sentence),
        (word, ox.NamedNode(NIF + "anchorOf"), ox.Literal("struck")),
        (event, A, ck(rng.choice(EVENTS))), (event, ck("agent"), force),
        (event, ck("location"), place), (event, ck("date"), date),
        (event, ck("eventTarget"), target), (event, ck("evidence"), word),
        (event, ck("deaths"), toll), (toll, A, ck("Quantity")),
        (toll, ck("value"), _lit(str(rng.randrange(100)), "decimal")),
        (force, A, ck(rng.choice(FORCES))), (target, A, ck(rng.choice(FORCES))),
        (place, A, ck(rng.choice(PLACES))),
        (person, A, ck("Person")), (person, ox.NamedNode(RDFS + "label"),
                                    ox.Literal(f"Person {person.value[-4:]}", language="en")),
        (claim, A, ck("Claim")), (claim, ck("claimant"), person),
        (claim, ck("stance"), ck("blames")), (claim, ck("target"), target),
        (claim, ck("about"), event), (claim, ck("date"), date), (claim, ck("evidence"), word),
        *offsets,
    ]
    if i % 5 == 0:
        agreement = ox.NamedNode(f"{NS.base}id/agreement/synthetic/{i}")
        t += [(agreement, A, ck("Memorandum")), (agreement, ck("party"), force),
              (agreement, ck("party"), target), (agreement, ck("signingDate"), date),
              (agreement, ck("evidence"), sentence)]
    return [ox.Triple(*x) for x in t]


def synthetic_store(triples: int, seed: int = 7) -> tuple[OxigraphStore, int]:
    store = OxigraphStore.in_memory()
    ensure_bundled(store, NS)
    rng = random.Random(seed)
    i = 0
    total = store.count()  # counting the store is a scan: count as we go
    batch: list[ox.Quad] = []
    while total + len(batch) < triples:
        graph = ox.NamedNode(NS.document_graph(f"synthetic-{i}"))
        batch.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in document(i, rng))
        i += 1
        if len(batch) > 50_000:
            store.native_quads().add(batch)
            total += len(batch)
            batch = []
    store.native_quads().add(batch)
    return store, i


def disk_rows(store: OxigraphStore, rows: list[list[str]]) -> None:
    """``reason`` on an on-disk copy of ``store``: first fill, then a recomputation.

    The report's phases say where the time goes (copy to memory, closure,
    write-back of the difference).
    """
    with tempfile.TemporaryDirectory() as tmp:
        disk = OxigraphStore.open(Path(tmp) / "store")
        disk.native_quads().bulk_add(store.native_quads().match())
        n = disk.count()
        for label in ("first fill", "recomputation"):
            seconds, report = timed(lambda: reason(disk, NS))
            phases = ", ".join(f"{k} {v:.2f}"
                               for k, v in report.phases.items())  # type: ignore[attr-defined]
            rows.append([f"full closure on disk, {label}", f"{n:,}", f"{seconds:.2f}",
                         f"{report.inferred:,}", phases])  # type: ignore[attr-defined]
        disk.close()


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def lubm_row(rows: list[list[str]]) -> None:
    store = OxigraphStore.in_memory()
    with tempfile.TemporaryDirectory() as tmp:
        store.load_file(LUBM / "univ-bench.owl", NS.ontology_graph, fmt=ox.RdfFormat.RDF_XML)
        for source in sorted((LUBM / "U1").glob("*.owl.gz")):
            quads = ox.parse(gzip.decompress(source.read_bytes()), format=ox.RdfFormat.RDF_XML,
                             base_iri="http://www.lehigh.edu/")
            path = Path(tmp) / (source.name.removesuffix(".owl.gz") + ".nt")
            ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads),
                         output=str(path), format=ox.RdfFormat.N_TRIPLES)
            store.load_file(path, NS.document_graph(path.stem))
    size = store.count()
    seconds, report = timed(lambda: reason(store, NS))
    from tests.reasoning.lubm_data import queries, reference_answers

    correct = 0
    for query in queries():
        result = store.query(query.read_text())
        names = [v.value for v in result.variables]
        got = {tuple(r[n].value for n in names) for r in result}
        correct += got == reference_answers(query)
    rows.append([f"LUBM(1) closure, rules ({correct}/14 queries right)", f"{size:,}",
                 f"{seconds:.2f}", f"{report.inferred:,}", ""])  # type: ignore[attr-defined]


class Rows(list[list[str]]):
    """The table's rows; each is echoed to stderr as it is measured."""

    def append(self, row: list[str]) -> None:
        print("  ".join(row), file=sys.stderr, flush=True)
        super().append(row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k only, skip LUBM")
    parser.add_argument("--owlrl-max", type=int, default=100_000,
                        help="largest size to run owlrl on (default 100000)")
    parser.add_argument("--sizes", type=lambda v: [int(x) for x in v.split(",")],
                        help="comma-separated graph sizes (default 10000,100000,1000000)")
    parser.add_argument("--no-lubm", action="store_true", help="skip LUBM(1)")
    parser.add_argument("--disk-max", type=int, default=0,
                        help="also reason on an on-disk copy for sizes up to this (default 0)")
    args = parser.parse_args()
    sizes = args.sizes or ([10_000] if args.quick else [10_000, 100_000, 1_000_000])
    rows: list[list[str]] = Rows()
    for size in sizes:
        store, docs = synthetic_store(size)
        n = store.count()
        if size <= args.disk_max:
            disk_rows(store, rows)
        rules_s, report = timed(lambda store=store: reason(store, NS))
        count = report.inferred  # type: ignore[attr-defined]
        rows.append([f"full closure, rules ({docs:,} docs)", f"{n:,}", f"{rules_s:.2f}",
                     f"{count:,}", ""])
        if size <= args.owlrl_max:
            ours = bnode_free(inferred(store, NS))
            owl_s, owl_report = timed(lambda store=store: reason(store, NS, "owlrl"))
            same = ours == bnode_free(inferred(store, NS))
            rows.append([f"full closure, owlrl (non-trivial closure equal: {same})", f"{n:,}",
                         f"{owl_s:.2f}", f"{owl_report.inferred:,}",  # type: ignore[attr-defined]
                         f"owlrl/rules = {owl_s / rules_s:.1f}x"])
            reason(store, NS)
        if size == sizes[-1]:
            new_doc = NS.document_graph("synthetic-new")
            content = document(10**8, random.Random(99))
            add_s, _ = timed(lambda store=store, g=new_doc, c=content: replace_and_reason(
                store, NS, {g: c}))
            rows.append(["incremental: add one document", f"{n:,}", f"{add_s:.3f}", "", ""])
            rm_s, _ = timed(lambda store=store, g=new_doc: replace_and_reason(store, NS, {g: None}))
            rows.append(["incremental: remove one document", f"{n:,}", f"{rm_s:.3f}", "", ""])
        if size <= 100_000:
            # pyshacl over the whole graph is the slow layer: measured at 10k only
            layers = ("owl", "sparql", "shacl") if size == 10_000 else ("owl", "sparql")
            for layer in layers:
                layer_s, rep = timed(lambda store=store, layer=layer: check(
                    store, NS, reason_first=False, layers=[layer]))
                rows.append([f"check, {layer} layer", f"{n:,}", f"{layer_s:.2f}",
                             f"{len(rep.findings):,} findings", ""])  # type: ignore[attr-defined]
        del store
    if not (args.quick or args.no_lubm):
        lubm_row(rows)
    header = ["measurement", "triples", "seconds", "result", "ratio"]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()
