"""LUBM(1) from ../shared/lubm, as files the store's loader reads."""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

import pyoxigraph as ox

from conflict_kg.namespaces import DataNamespace
from conflict_kg.store import OxigraphStore
from tests.support.paths import LUBM  # in ../shared: may be absent

BASE = "http://www.lehigh.edu/"


def as_ntriples(source: Path, target_dir: Path) -> Path:
    """The gzipped RDF/XML of one university department, as N-Triples.

    The generator writes ``rdf:about=""`` (a relative IRI), so the files need a
    base IRI, which the store's file loader does not take.
    """
    quads = ox.parse(gzip.decompress(source.read_bytes()), format=ox.RdfFormat.RDF_XML,
                     base_iri=BASE)
    target = target_dir / (source.name.removesuffix(".owl.gz") + ".nt")
    ox.serialize(
        (ox.Triple(q.subject, q.predicate, q.object) for q in quads),
        output=str(target),
        format=ox.RdfFormat.N_TRIPLES,
    )
    return target


def load_lubm(store: OxigraphStore, ns: DataNamespace, workdir: Path) -> None:
    store.load_file(LUBM / "univ-bench.owl", ns.ontology_graph, fmt=ox.RdfFormat.RDF_XML)
    for source in sorted((LUBM / "U1").glob("*.owl.gz")):
        path = as_ntriples(source, workdir)
        store.load_file(path, ns.document_graph(path.stem))


def queries() -> list[Path]:
    """The 14 queries; none if ../shared is absent (``needs_shared`` tests are skipped)."""
    return sorted((LUBM / "queries").glob("q*.rq"))


def reference_answers(query: Path) -> set[tuple[str, ...]]:
    number = int(query.stem[1:])
    path = LUBM / "reference-answers" / f"answers_query{number}.csv.gz"
    lines = gzip.decompress(path.read_bytes()).decode()
    rows = list(csv.reader(io.StringIO(lines)))
    if not rows or rows[0][0].startswith("NO ANSWERS"):
        return set()
    return {tuple(row) for row in rows[1:] if row}
