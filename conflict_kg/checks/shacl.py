"""Layer 2: the SHACL shapes of ``ontology/shapes/*.ttl``, validated with pyshacl.

pyshacl over the whole graph (``run_full``, the reference) costs minutes at
100k triples: it walks rdflib's in-memory copy of everything and re-parses a
SPARQL constraint's query once per focus node.  ``run`` gives pyshacl, shape
by shape and in chunks of focus nodes, only the triples validating those
nodes can read (``shacl_reach``), taken from the store with the inferred
graph (types are materialized, so pyshacl runs without inference).  Only
focus nodes the store says may violate are validated: by the shape's Core
constraints translated into SPARQL (``shacl_prefilter``), by a SPARQL
constraint's own query (``shacl_sparql.candidates``).  Chunks go to two worker
processes (``shacl_pool``).  A shape using a feature whose reach is not derived
here is validated on the whole graph, as before.  The results are the same as
``run_full``'s (tested on the fixtures and the seed graph).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import cast

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, RDFS, SH

from conflict_kg import resources
from conflict_kg.checks import shacl_fast, shacl_pool, shacl_prefilter, shacl_sparql
from conflict_kg.checks.job import CheckJob
from conflict_kg.checks.model import CheckInfo, Finding
from conflict_kg.checks.shacl_reach import SUBCLASS, TARGETS, Reach, UnsupportedShape
from conflict_kg.checks.triples import Term, TripleSource, object_, source_for, subject
from conflict_kg.namespaces import DataNamespace
from conflict_kg.reasoning.owlrl_engine import TermMap, asserted_graph
from conflict_kg.store.base import GraphStore, StoreError

_SEVERITY = {SH.Violation: "error", SH.Warning: "warning", SH.Info: "info"}
# Focus nodes per pyshacl call: large enough that building the shapes is
# amortised, small enough that a chunk's graph stays a few thousand triples.
CHUNK = 2000
# Up to this many suspects are looked up one by one as targets (a few index
# reads each); more (a store full of violations), and all targets are read at once.
TARGET_LOOKUPS = 20_000


def shape_files() -> list[Path]:
    return resources.shape_files()


def _parse(files: list[Path]) -> rdflib.Graph:
    shapes = rdflib.Graph()
    for path in files:
        shapes.parse(path, format="turtle")
    return shapes


def _infos(files: list[Path]) -> list[CheckInfo]:
    return [CheckInfo(f"shacl:{p.stem}", "shacl", f"SHACL shapes in {p.name}", "error")
            for p in files]


def _validate(data: rdflib.Graph, shapes: rdflib.Graph) -> rdflib.Graph:
    import pyshacl
    from pyshacl.rdfutil.stringify import stringify_blank_node

    _conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    # pyshacl caches blank-node strings by id(graph) for ever: a later chunk
    # graph can reuse a freed graph's id and get another graph's strings.
    stringify_blank_node.dict_cache.clear()
    graph: rdflib.Graph = results
    return graph


def run_full(
    store: GraphStore, ns: DataNamespace, files: list[Path] | None = None
) -> tuple[list[CheckInfo], list[Finding], list[str]]:
    """The reference: pyshacl over the whole asserted and inferred graph at once."""
    files = shape_files() if files is None else files
    if not files:
        return [], [], ["no SHACL shapes found in ontology/shapes/: layer skipped"]
    shapes = _parse(files)
    data = asserted_graph(store, ns, TermMap(), include_inferred=True)
    results = _validate(data, shapes)
    return _infos(files), findings_of(results, shapes, None), []


def run(
    store: GraphStore, ns: DataNamespace, files: list[Path] | None = None,
    job: CheckJob | None = None, *, fast: bool = True,
) -> tuple[list[CheckInfo], list[Finding], list[str]]:
    """The shapes validated shape by shape on the nodes that may violate them.

    ``fast``: find those nodes from the embedded store's indexes (``shacl_fast``);
    ``False`` keeps the SPARQL forms every store runs (to compare the two)."""
    files = shape_files() if files is None else files
    if not files:
        return [], [], ["no SHACL shapes found in ontology/shapes/: layer skipped"]
    shapes = _parse(files)
    source = source_for(store)
    terms = TermMap()
    subclass = list(source.every(SUBCLASS))
    unsupported: list[rdflib.term.Node] = []
    runner = shacl_pool.Runner()
    try:
        for shape in _targeted(shapes):
            if job is not None:
                job.step(f"shacl: {_local(shape)}")
            try:
                _run_shape(store, source, runner, files, shapes, shape, subclass, fast)
            except (UnsupportedShape, shacl_sparql.UnsupportedConstraint):
                unsupported.append(shape)
    finally:
        findings = runner.close()
    if unsupported:
        if job is not None:
            job.step("shacl: shapes on the whole graph")
        whole = asserted_graph(store, ns, terms, include_inferred=True)
        for shape in unsupported:
            own = _shapes_for(files, shape, True)
            findings += findings_of(_validate(whole, own), own, None)
    return _infos(files), findings, []


def _targeted(shapes: rdflib.Graph) -> list[rdflib.term.Node]:
    found = {s for p in (*TARGETS, SH.target) for s in shapes.subjects(p, None)}
    found |= {s for s in shapes.subjects(RDF.type, SH.NodeShape)
              if (s, RDF.type, RDFS.Class) in shapes or (s, RDF.type, rdflib.OWL.Class) in shapes}
    return sorted(found, key=str)


def focus_nodes(shapes: rdflib.Graph, shape: rdflib.term.Node, source: TripleSource,
                subclass: list[ox.Triple]) -> list[Term]:
    """The shape's targets in the store, as pyshacl finds them in the whole graph."""
    if not isinstance(shape, rdflib.URIRef) or (shape, SH.target, None) in shapes:
        raise UnsupportedShape("a blank-node shape or a SPARQL-based target")
    found: dict[Term, None] = {}
    for node in shapes.objects(shape, SH.targetNode):
        found[shacl_sparql.as_ox(node)] = None
    classes: list[Term] = [_iri(c) for c in shapes.objects(shape, SH.targetClass)]
    if any((shape, RDF.type, c) in shapes for c in (RDFS.Class, rdflib.OWL.Class)):
        classes.append(ox.NamedNode(str(shape)))
    for cls in _with_subclasses(classes, subclass):
        found.update((subject(t), None) for t in source.into([cls], ox.NamedNode(str(RDF.type))))
    for p in shapes.objects(shape, SH.targetSubjectsOf):
        found.update((subject(t), None) for t in source.every(_iri(p)))
    for p in shapes.objects(shape, SH.targetObjectsOf):
        found.update((object_(t), None) for t in source.every(_iri(p)))
    return sorted(found, key=str)


def targets_among(shapes: rdflib.Graph, shape: rdflib.term.Node, source: TripleSource,
                  subclass: list[ox.Triple], nodes: Iterable[object]) -> list[Term]:
    """The nodes that ``focus_nodes`` would list, looked up one by one (few nodes)."""
    if not isinstance(shape, rdflib.URIRef) or (shape, SH.target, None) in shapes:
        raise UnsupportedShape("a blank-node shape or a SPARQL-based target")
    named = {shacl_sparql.as_ox(n) for n in shapes.objects(shape, SH.targetNode)}
    classes: list[Term] = [_iri(c) for c in shapes.objects(shape, SH.targetClass)]
    if any((shape, RDF.type, c) in shapes for c in (RDFS.Class, rdflib.OWL.Class)):
        classes.append(ox.NamedNode(str(shape)))
    types = set(_with_subclasses(classes, subclass))
    subjects_of = [_iri(p) for p in shapes.objects(shape, SH.targetSubjectsOf)]
    objects_of = [_iri(p) for p in shapes.objects(shape, SH.targetObjectsOf)]
    rdf_type = ox.NamedNode(str(RDF.type))

    def target(node: Term) -> bool:
        return (node in named
                or bool(types) and any(object_(t) in types for t in source.out([node], rdf_type))
                or any(next(source.out([node], p), None) is not None for p in subjects_of)
                or any(next(source.into([node], p), None) is not None for p in objects_of))

    terms = [n for n in nodes if isinstance(n, ox.NamedNode | ox.BlankNode | ox.Literal)]
    return sorted((n for n in terms if target(n)), key=str)


def _iri(term: rdflib.term.Node) -> ox.NamedNode:
    if not isinstance(term, rdflib.URIRef):
        raise UnsupportedShape(f"{term!r} where an IRI was expected")
    return ox.NamedNode(str(term))


def _with_subclasses(classes: list[Term], subclass: list[ox.Triple]) -> list[Term]:
    below: dict[Term, list[Term]] = {}
    for t in subclass:
        below.setdefault(object_(t), []).append(subject(t))
    seen = dict.fromkeys(classes)
    todo = list(classes)
    while todo:
        for sub in below.get(todo.pop(), []):
            if sub not in seen:
                seen[sub] = None
                todo.append(sub)
    return list(seen)


def _core_suspects(store: GraphStore, shapes: rdflib.Graph, shape: rdflib.term.Node,
                   subclass: list[ox.Triple], fast: bool = True) -> set[object] | None:
    """The targets that may fail a Core constraint (``None``: any of them may).

    On the embedded store read by scans (``shacl_fast``: other nodes may come
    with them), else one query."""
    def subclasses(cls: Term) -> list[Term]:
        return _with_subclasses([cls], subclass)

    try:
        query = shacl_prefilter.suspects_query(shapes, shape, subclasses)
    except shacl_prefilter.Untranslatable:
        return None
    if fast:
        found = shacl_fast.core_suspects(store, shapes, shape, subclasses)
        if found is not None:
            return set(found)
    try:
        return {row["this"] for row in store.query(query)}
    except (StoreError, SyntaxError):
        # An engine that cannot evaluate the prefilter (Virtuoso 7 rejects nested
        # EXISTS in COALESCE): every target goes to pyshacl, slower but the same answer.
        return None


def _shapes_for(files: list[Path], shape: rdflib.term.Node, with_sparql: bool) -> rdflib.Graph:
    """The shapes with only ``shape`` targeting anything (and without its SPARQL constraints).

    pyshacl's own ``use_shapes`` option would do the first, but it loses
    shapes referenced by ``sh:node``; parsing again keeps the prefixes that
    messages are written with.
    """
    graph = _parse(files)
    for other in _targeted(graph):
        if other != shape:
            for p in (*TARGETS, SH.target):
                graph.remove((other, p, None))
            for c in (RDFS.Class, rdflib.OWL.Class):
                graph.remove((other, RDF.type, c))
    if not with_sparql:
        graph.remove((shape, SH.sparql, None))
    return graph


def _run_shape(store: GraphStore, source: TripleSource, runner: shacl_pool.Runner,
               files: list[Path], shapes: rdflib.Graph, shape: rdflib.term.Node,
               subclass: list[ox.Triple], fast: bool = True) -> None:
    if not fast or not store.capabilities.native_quads:
        focus: list[Term] | None = focus_nodes(shapes, shape, source, subclass)
        if not focus:
            return
    else:
        # The suspects first: when every constraint narrowed them to a few, only
        # they are looked up as targets (not the 325,000 mentions of a
        # 1,000-document feed), in the store's indexes.
        focus = None
    core_suspects = _core_suspects(store, shapes, shape, subclass, fast)
    suspects: set[object] | None = set()
    reads = [shacl_sparql.read_constraint(shapes, c) for c in shapes.objects(shape, SH.sparql)]
    read_fast = shacl_fast.sparql_candidates(store, reads) if fast else {}
    for read in reads:
        found = read_fast.get(read.node)
        if found is None:
            found = shacl_sparql.candidates(store, read)
        if found is None:
            suspects = None
            break
        assert suspects is not None
        suspects |= found
    if (focus is None and core_suspects is not None and suspects is not None
            and len(core_suspects | suspects) <= TARGET_LOOKUPS):
        focus = targets_among(shapes, shape, source, subclass, core_suspects | suspects)
    elif focus is None:
        focus = shacl_fast.focus_nodes(store, shapes, shape, lambda c: _with_subclasses(
            [c], subclass))
        if focus is None:
            focus = focus_nodes(shapes, shape, source, subclass)
    if suspects is None:
        suspects = set(focus)
    # Nodes that may fail a SPARQL constraint get every constraint; nodes that
    # may only fail Core constraints get those; the rest conform.
    groups = (([f for f in focus if f in suspects], True),
              ([f for f in focus if f not in suspects
                and (core_suspects is None or f in core_suspects)], False))
    for nodes, with_sparql in groups:
        for start in range(0, len(nodes), CHUNK):
            chunk = nodes[start : start + CHUNK]
            reach = Reach(shapes, source, shape, with_sparql)
            reach.targets(shape, chunk)
            reach.shape(shape, chunk)
            reach.describe_blank_nodes()
            runner.submit(validate_chunk, [str(f) for f in files], str(shape), with_sparql,
                          shacl_pool.encode_triples([*reach.triples, *subclass]),
                          [shacl_pool.encode(f) for f in chunk], parallel=len(nodes) > CHUNK)


_SHAPES_CACHE: dict[tuple[object, ...], rdflib.Graph] = {}


def validate_chunk(files: list[str], shape: str, with_sparql: bool,
                   triples: list[tuple[shacl_pool.Encoded, shacl_pool.Encoded, shacl_pool.Encoded]],
                   focus: list[shacl_pool.Encoded]) -> list[Finding]:
    """pyshacl on one chunk's triples; the findings for its focus nodes (run in a worker)."""
    paths = [Path(f) for f in files]
    key = (tuple((p, p.stat().st_mtime_ns) for p in paths), shape, with_sparql)
    if key not in _SHAPES_CACHE:
        _SHAPES_CACHE[key] = _shapes_for(paths, rdflib.URIRef(shape), with_sparql)
    shapes_graph = _SHAPES_CACHE[key]
    data = shacl_pool.decode_graph(triples)
    results = _validate(data, shapes_graph)
    return findings_of(results, shapes_graph, {shacl_pool.decode(f) for f in focus})


def _graph(terms: TermMap, triples: Iterable[ox.Triple]) -> rdflib.Graph:
    graph = rdflib.Graph()
    for t in triples:
        graph.add((terms.to_rdflib(subject(t)), terms.to_rdflib(t.predicate),
                   terms.to_rdflib(object_(t))))
    return graph


def findings_of(results: rdflib.Graph, shapes: rdflib.Graph,
                keep: set[rdflib.term.Node] | None) -> list[Finding]:
    """pyshacl's validation results as findings (only for focus nodes in ``keep``).

    A result's nested results (``sh:detail``, e.g. why a value fails
    ``sh:node``) are kept with it whatever their focus node.
    """
    findings = []
    todo = [r for r in results.objects(None, SH.result)
            if keep is None or results.value(r, SH.focusNode) in keep]
    seen: set[rdflib.term.Node] = set()
    while todo:
        result = todo.pop()
        if result in seen:
            continue
        seen.add(result)
        todo.extend(results.objects(result, SH.detail))
        focus = results.value(result, SH.focusNode)
        severity = _SEVERITY.get(cast(rdflib.URIRef, results.value(result, SH.resultSeverity)),
                                 "error")
        shape = results.value(result, SH.sourceShape)
        message = results.value(result, SH.resultMessage)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        component = results.value(result, SH.sourceConstraintComponent)
        if not isinstance(shape, rdflib.URIRef):
            shape = shapes.value(None, SH.property, shape)
        shape_name = shape if isinstance(shape, rdflib.URIRef) else None
        findings.append(
            Finding(
                check=f"shacl:{_local(shape_name) if shape_name else 'shape'}",
                layer="shacl",
                title=f"SHACL {_local(component) if component else 'constraint'}",
                severity=severity,
                resource=str(focus),
                message=str(message) if message else f"violates {_local(component)}",
                path=str(path) if isinstance(path, rdflib.URIRef) else None,
                value=str(value) if value is not None else None,
            )
        )
    return findings


def _local(term: object) -> str:
    text = str(term)
    for sep in ("#", "/"):
        if sep in text:
            text = text.rsplit(sep, 1)[1]
    return text
