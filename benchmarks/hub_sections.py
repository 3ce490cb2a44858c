"""A synthetic hub's entity sections, exact against bounded (issue 19).

    PYTHONPATH=. .venv/bin/python benchmarks/hub_sections.py --links 1000,10000,100000

For each N, an in-memory store where one state has N of each: facts referring to it
(three properties, a fifth of them repeated by a second graph), mentions (three in
each of N/3 document graphs), events it is the agent of (dated), claims it made; plus the event
and claim vocabulary. Each section of its entity page (``entity_view``'s parts and the
page map's candidates) is timed with ``COUNT_CAP`` as shipped (bounded) and with the
cap past N (exact: the sections as before). p50 of ``--repeat`` calls, ms. Nothing is
asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from conflict_kg.namespaces import ONTOLOGY, RDF, RDFS, DataNamespace  # noqa: E402
from conflict_kg.server.http.iris import IriMapper  # noqa: E402
from conflict_kg.server.pages import entity  # noqa: E402
from conflict_kg.server.pages.data import Linker  # noqa: E402
from conflict_kg.server.pages.events import Filters, collect  # noqa: E402
from conflict_kg.store import OxigraphStore  # noqa: E402

BASE = "https://example.org/kg/"
HUB = ox.NamedNode(BASE + "id/state/hub")
TYPE = ox.NamedNode(RDF + "type")
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")


def ck(name: str) -> ox.NamedNode:
    return ox.NamedNode(ONTOLOGY + name)


def node(kind: str, i: int) -> ox.NamedNode:
    return ox.NamedNode(f"{BASE}id/{kind}/n{i:06d}")


def build(n: int) -> OxigraphStore:
    store = OxigraphStore.in_memory()
    ns = DataNamespace(BASE)
    store.add_to_graph(BASE + "graph/curated/vocabulary", [
        ox.Triple(ck("participant"), ox.NamedNode(RDFS + "domain"), ck("Event")),
        ox.Triple(ck("agent"), ox.NamedNode(RDFS + "subPropertyOf"), ck("participant")),
        ox.Triple(ck("Attack"), ox.NamedNode(RDFS + "subClassOf"), ck("Event")),
        ox.Triple(ck("claimant"), ox.NamedNode(RDFS + "domain"), ck("Claim"))])
    facts = [ox.Triple(node(p.lower(), i), ck(p), HUB)
             for i in range(n) for p in ("supports", "opposes", "partyState")[i % 3:i % 3 + 1]]
    store.add_to_graph(BASE + "graph/curated/a", facts)
    store.add_to_graph(BASE + "graph/curated/b", facts[: n // 5])
    for d in range(max(n // 3, 1)):  # three mentions in each document's graph
        doc = ox.NamedNode(f"{BASE}id/document/d{d:06d}")
        quads = [ox.Triple(doc, TYPE, ck("Document"))]
        for k in range(3):
            m = ox.NamedNode(f"{doc.value}#char={40 * k},{40 * k + 4}")
            quads += [ox.Triple(m, ox.NamedNode("http://www.w3.org/2005/11/its/rdf#taIdentRef"),
                                HUB),
                      ox.Triple(m, ox.NamedNode(NIF + "referenceContext"), doc),
                      ox.Triple(m, ox.NamedNode(NIF + "beginIndex"), ox.Literal(str(40 * k)))]
        store.add_to_graph(ns.document_graph(f"d{d:06d}"), quads)
    told = []
    for i in range(n):
        told += [ox.Triple(node("event", i), ck("agent"), HUB),
                 ox.Triple(node("event", i), TYPE, ck("Attack")),
                 ox.Triple(node("event", i), ck("date"), ox.Literal(
                     f"20{10 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}", datatype=XSD_DATE)),
                 ox.Triple(node("claim", i), TYPE, ck("Claim")),
                 ox.Triple(node("claim", i), ck("claimant"), HUB),
                 ox.Triple(node("claim", i), ck("stance"), ck("denies"))]
    store.add_to_graph(BASE + "graph/curated/told", told)
    return store


def timed(call: Callable[[], Any], repeat: int) -> float:
    call()
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        call()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--links", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    shipped = entity.COUNT_CAP
    sections: dict[str, Callable[[Linker], Any]] = {
        "referred to by": lambda lk: entity.fact_section(lk, HUB, False, 0),
        "claims": lambda lk: entity.claims(lk, HUB, 0),
        "timeline": lambda lk: entity.timeline(lk, HUB, 0),
        "mentioned in": lambda lk: entity.mentioned_in(lk, HUB, 0),
        "map candidates (200)": lambda lk: collect(lk, Filters(actor=HUB.value), limit=200,
                                                   sample=bounded),
    }
    print("| section | N | exact ms | bounded ms |\n|---|---:|---:|---:|")
    for n in (int(x) for x in args.links.split(",") if x):
        store = build(n)
        for name, section in sections.items():
            out = []
            for bounded in (False, True):
                entity.COUNT_CAP = shipped if bounded else 10 ** 9
                linker = Linker(store, DataNamespace(BASE), IriMapper(BASE, ""))
                out.append(timed(lambda: section(linker), args.repeat))  # noqa: B023
            print(f"| {name} | {n:,} | {out[0]:.1f} | {out[1]:.1f} |", flush=True)
        entity.COUNT_CAP = shipped
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
