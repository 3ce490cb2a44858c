"""Search benchmark: ``/search`` latency, label index build and update, at 1k and 10k documents.

    .venv/bin/python benchmarks/search.py                     # 1,000 and 10,000 documents
    .venv/bin/python benchmarks/search.py --documents 1000 --repeat 200

Each size is a store with the bundled ontology and reference data (about 7,000
labelled reference entities) plus synthetic documents, one named graph each,
shaped like ingest's output: an event labelled after its agent and date, the
agent, the target, a place and a person (drawn from pools, so documents share
them; each with a label and an alternative label), an agreement every fifth
document, and mentions (``itsrdf:taIdentRef``) of each. Queries are a mix an
analyst types: partial names (3-6 characters), whole names, two-word partials,
words of event labels, one- and two-letter prefixes, and names that match nothing.

Latency is measured through the Flask app in this process (routing, the JSON
answer, no network), after the index is built; the build is the first search's
cost after a start. "update" is :meth:`LabelIndex.after_write` for one new
document graph (what the documents API does after an ingest). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from conflict_kg.bundled import ensure_bundled  # noqa: E402
from conflict_kg.namespaces import ITSRDF, NIF, ONTOLOGY, RDF, RDFS, SKOS, DataNamespace  # noqa: E402
from conflict_kg.server import create_app  # noqa: E402
from conflict_kg.settings import load_settings  # noqa: E402
from conflict_kg.store import OxigraphStore  # noqa: E402

NS = DataNamespace("https://w3id.org/conflict-kg/")
SYLLABLES = ["ka", "lo", "mir", "ta", "ven", "dor", "sa", "ri", "bel", "nu", "gor", "an",
             "vo", "les", "tan", "ia", "ush", "ek", "ma", "zin"]
EVENTS = [("AirStrike", "air strike"), ("Shootdown", "shootdown"), ("Patrol", "patrol"),
          ("Withdrawal", "withdrawal"), ("ArmsTransfer", "arms transfer"), ("Talks", "talks")]
FORCES = [("AirForce", "Air Force"), ("ArmedForce", "Armed Forces"),
          ("NonStateArmedGroup", "Brigade")]
A = ox.NamedNode(RDF + "type")
LABEL, ALT, PREF = (ox.NamedNode(RDFS + "label"), ox.NamedNode(SKOS + "altLabel"),
                    ox.NamedNode(SKOS + "prefLabel"))


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


class Pools:
    """Shared entities: forces, places and persons, each with a name of its own."""

    def __init__(self, rng: random.Random) -> None:
        self.forces = [(f"force-{i}", f"{_name(rng)} {FORCES[i % 3][1]}", FORCES[i % 3][0])
                       for i in range(2000)]
        self.places = [(f"place-{i}", _name(rng), "City") for i in range(5000)]
        self.persons = [(f"person-{i}", f"{_name(rng)} {_name(rng)}", "Person")
                        for i in range(3000)]


def _entity(kind: str, entry: tuple[str, str, str]) -> tuple[ox.NamedNode, list[ox.Triple]]:
    slug, label, cls = entry
    node = ox.NamedNode(f"{NS.base}id/{kind}/{slug}")
    short = label.split()[0]
    return node, [ox.Triple(node, A, ox.NamedNode(ONTOLOGY + cls)),
                  ox.Triple(node, PREF, ox.Literal(label, language="en")),
                  ox.Triple(node, ALT, ox.Literal(short, language="en"))]


def document(i: int, rng: random.Random, pools: Pools, events: int = 1) -> list[ox.Triple]:
    doc = ox.NamedNode(f"{NS.base}id/document/synthetic-{i}")
    triples = [ox.Triple(doc, A, ox.NamedNode(ONTOLOGY + "Document"))]
    agent, t = _entity("armed-force", rng.choice(pools.forces))
    target, t2 = _entity("armed-force", rng.choice(pools.forces))
    place, t3 = _entity("place", rng.choice(pools.places))
    person, t4 = _entity("person", rng.choice(pools.persons))
    triples += t + t2 + t3 + t4
    agent_label = next(o.object.value for o in t if o.predicate == PREF)
    for k in range(events):
        cls, words = rng.choice(EVENTS)
        date = f"2018-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        event = ox.NamedNode(f"{NS.base}id/event/{cls.lower()}/synthetic-{i}/{k}")
        triples += [ox.Triple(event, A, ox.NamedNode(ONTOLOGY + cls)),
                    ox.Triple(event, LABEL,
                              ox.Literal(f"{words} by {agent_label} ({date})", language="en")),
                    ox.Triple(event, ox.NamedNode(ONTOLOGY + "agent"), agent),
                    ox.Triple(event, ox.NamedNode(ONTOLOGY + "location"), place)]
    if i % 5 == 0:
        agreement = ox.NamedNode(f"{NS.base}id/agreement/synthetic-{i}")
        target_label = next(o.object.value for o in t2 if o.predicate == PREF)
        triples += [ox.Triple(agreement, A, ox.NamedNode(ONTOLOGY + "Agreement")),
                    ox.Triple(agreement, LABEL, ox.Literal(
                        f"agreement between {agent_label} and {target_label}", language="en"))]
    for k, entity in enumerate((agent, target, place, person)):
        mention = ox.NamedNode(f"{doc.value}#char={k * 10},{k * 10 + 6}")
        triples += [ox.Triple(mention, ox.NamedNode(ITSRDF + "taIdentRef"), entity),
                    ox.Triple(mention, ox.NamedNode(NIF + "referenceContext"), doc)]
    return triples


def build_store(documents: int, seed: int = 7, events: int = 1
                ) -> tuple[OxigraphStore, Pools]:
    store = OxigraphStore.in_memory()
    ensure_bundled(store, NS)
    rng = random.Random(seed)
    pools = Pools(rng)
    batch: list[ox.Quad] = []
    for i in range(documents):
        graph = ox.NamedNode(NS.document_graph(f"synthetic-{i}"))
        batch.extend(ox.Quad(t.subject, t.predicate, t.object, graph)
                     for t in document(i, rng, pools, events))
        if len(batch) > 50_000:
            store.native_quads().add(batch)
            batch = []
    store.native_quads().add(batch)
    return store, pools


def queries(pools: Pools, count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    names = [p[1] for p in pools.forces + pools.places + pools.persons]
    kinds = [
        lambda: rng.choice(names)[: rng.randint(3, 6)],  # partial name
        lambda: rng.choice(names),  # whole name
        lambda: " ".join(w[:3] for w in rng.choice(pools.persons)[1].split()),  # two partials
        lambda: rng.choice(["strike", "air", "patrol by", "agreement", "talks", "russia",
                            "isr", "syria"]),  # words of event labels, reference names
        lambda: rng.choice("abcdefghiklmnoprstv") * rng.randint(1, 2),  # a or aa
        lambda: _name(rng) + "qx",  # nothing
    ]
    return [kinds[i % len(kinds)]() for i in range(count)]


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def measure(documents: int, repeat: int, events: int = 1) -> dict[str, float]:
    started = time.perf_counter()
    store, pools = build_store(documents, events=events)
    load = time.perf_counter() - started
    app = create_app(load_settings({"store": ":memory:"}, environ={}), store=store)
    client = app.test_client()
    index = app.extensions["conflict_kg"].search_index
    started = time.perf_counter()
    index.ensure_built()
    build = time.perf_counter() - started
    names = index._db.execute("SELECT count(*) FROM name").fetchone()[0]  # noqa: SLF001
    times: list[float] = []
    for q in queries(pools, repeat):
        started = time.perf_counter()
        response = client.get("/search", query_string={"q": q, "format": "json"})
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (q, response.data)
    # one more document, as the documents API writes it, and the index follows
    graph = NS.document_graph(f"synthetic-{documents}")
    new = document(documents, random.Random(99), pools, events)
    store.native_quads().add(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph))
                             for t in new)
    started = time.perf_counter()
    index.after_write(added=[graph])
    update = (time.perf_counter() - started) * 1000
    result = {"documents": documents, "quads": store.count(), "entities": index.entities,
              "names": names, "load": load, "build": build, "p50": _pct(times, 50),
              "p95": _pct(times, 95), "max": max(times), "mean": statistics.mean(times),
              "update": update}
    store.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", default="1000,10000",
                        help="comma-separated document counts (default 1000,10000)")
    parser.add_argument("--repeat", type=int, default=600, help="queries per size")
    parser.add_argument("--events", type=int, default=1,
                        help="labelled events per document (ingest mints 5-20 labelled "
                             "entities per news article; default 1)")
    args = parser.parse_args(argv)
    rows = [measure(int(n), args.repeat, args.events) for n in args.documents.split(",")]
    header = ("documents", "quads", "entities", "labels", "index build s",
              "/search p50 ms", "p95 ms", "max ms", "update ms (1 doc)")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for r in rows:
        print(f"| {r['documents']:,} | {r['quads']:,} | {r['entities']:,} | {r['names']:,} | "
              f"{r['build']:.2f} | {r['p50']:.2f} | {r['p95']:.2f} | {r['max']:.1f} | "
              f"{r['update']:.1f} |")
    print(f"\n{args.events} labelled event(s) per document; {args.repeat} queries per size "
          "(partial, whole and two-word names, event words, one/two-letter prefixes, no "
          "match), through the Flask app in process.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
