"""The SHACL prefilters read from the indexes (``shacl_fast``) agree with the SPARQL forms.

Fixtures break mentions on purpose (offsets outside the text, a text that is
not the slice, missing and repeated properties, wrong datatypes, a wrong name,
characters outside the Basic Multilingual Plane before a mention) and every
other shape of the project's files; the index reads must keep every node the
queries keep, and the layer must report the same findings either way.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import SH

from conflict_kg.checks import shacl, shacl_fast, shacl_sparql
from conflict_kg.checks.model import Finding
from conflict_kg.checks.shacl_reach import SUBCLASS
from conflict_kg.checks.triples import source_for
from conflict_kg.store import OxigraphStore
from tests.checks.cases import CASES, SHAPE_FAULTS
from tests.checks.stores import SHACL_NS as NS
from tests.checks.stores import shacl_store as _store

CKSHAPE = "https://w3id.org/conflict-kg/shapes#"
DOC = "http://example.org/doc/"
# Characters beyond U+FFFF count once in STRLEN and SUBSTR, as in Python: the
# mention after them names code-point offsets, not UTF-16 or UTF-8 ones.
WIDE = "Crews at 🚀🚀 Tromsø saw drones."


def _mention(doc: str, begin: object, end: object, anchor: str | None, name: str | None = None,
             extra: str = "") -> str:
    iri = name or f"<{DOC}{doc}#char={begin},{end}>"
    text = f" ; nif:anchorOf {anchor}" if anchor is not None else ""
    return (f"{iri} a ck:Mention ; nif:referenceContext <{DOC}{doc}> ; "
            f"nif:beginIndex {begin} ; nif:endIndex {end}{text}{extra} .\n")


def _document(doc: str, text: str) -> str:
    return f'<{DOC}{doc}> a ck:Document ; nif:isString "{text}" ; ck:contentHash "{"a" * 64}" .\n'


def mention_faults(decimal: bool = True) -> str:
    """``decimal``: with a decimal offset, which rdflib's SUBSTR fails on (pyshacl over the
    whole graph, ``run_full``, evaluates every document and raises)."""
    wide_begin = WIDE.index("Tromsø")
    parts = [
        _document("ok", "Tanks crossed the river."),
        _mention("ok", 0, 5, '"Tanks"'),
        _mention("ok", 18, 23, '"river"@en'),  # STR drops the language tag
        _document("wide", WIDE),
        _mention("wide", wide_begin, wide_begin + 6, '"Tromsø"'),
        _document("utf16", WIDE),  # offsets counted in UTF-16 units: one too far
        _mention("utf16", wide_begin + 2, wide_begin + 8, '"Tromsø"'),
        _document("reversed", "Boats left the bay."),
        _mention("reversed", 6, 2, '"le"'),
        _document("beyond", "Boats left."),
        _mention("beyond", 6, 40, '"left."'),
        _document("slice", "Boats left the bay."),
        _mention("slice", 0, 5, '"Ships"'),
        _document("noanchor", "Boats left the bay."),
        _mention("noanchor", 0, 5, None),
        _document("twoanchors", "Boats left the bay."),
        _mention("twoanchors", 0, 5, '"Boats" , "boats"'),
        _document("twobegins", "Boats left the bay."),
        _mention("twobegins", "0 , 1", 5, '"Boats"', name=f"<{DOC}twobegins#char=0,5>"),
        _document("stringbegin", "Boats left the bay."),
        _mention("stringbegin", '"0"', 5, '"Boats"', name=f"<{DOC}stringbegin#char=0,5>"),
        *([_document("decimal", "Boats left the bay."),
           _mention("decimal", "0.0", 5, '"Boats"', name=f"<{DOC}decimal#char=0,5>")]
          if decimal else []),
        _document("negative", "Boats left the bay."),
        _mention("negative", -1, 5, '"Boats"'),
        _document("padded", "Boats left the bay."),
        _mention("padded", '"00"^^xsd:integer', 5, '"Boats"', name=f"<{DOC}padded#char=0,5>"),
        _document("nonneg", "Boats left the bay."),
        _mention("nonneg", '"0"^^xsd:nonNegativeInteger', 5, '"Boats"',
                 name=f"<{DOC}nonneg#char=0,5>"),
        _document("badname", "Boats left the bay."),
        _mention("badname", 0, 5, '"Boats"', name=f"<{DOC}badname#char=0,4>"),
        _document("blankname", "Boats left the bay."),
        _mention("blankname", 0, 5, '"Boats"', name="_:blank"),
        f'<{DOC}langtext> a ck:Document ; nif:isString "Boats left."@en ; '
        f'ck:contentHash "{"b" * 64}" .\n',
        _mention("langtext", 0, 5, '"Boats"'),
        _document("twocontexts", "Boats left the bay."),
        _document("other", "Boats sailed."),  # the slice is right, the name is not its
        _mention("twocontexts", 0, 5, '"Boats"', extra=f" ; nif:referenceContext <{DOC}other>"),
        # A mention of something that is no document (no text, no ck:Document).
        _mention("nodocument", 0, 5, '"Boats"'),
        _document("nobegin", "Boats left the bay."),
        f"<{DOC}nobegin#char=0,5> a ck:Mention ; nif:referenceContext <{DOC}nobegin> ; "
        f'nif:endIndex 5 ; nif:anchorOf "Boats" .\n',
        # A second source graph gives a mention of a clean document a second end.
        _document("split", "Boats left the bay."),
        _mention("split", 0, 5, '"Boats"'),
        f"<http://example.org/graph/other> {{ <{DOC}split#char=0,5> nif:endIndex 6 . }}\n",
        # ... and restates another's mention word for word: one value each, as before.
        _document("copied", "Boats left the bay."),
        _mention("copied", 0, 5, '"Boats"'),
        "<http://example.org/graph/other> { " + _mention("copied", 0, 5, '"Boats"') + " }\n",
    ]
    return "".join(parts)


# Mentions whose row Python does not decide (an offset that is not a
# canonical xsd:integer, a text with a language tag, a blank node whose STR is
# an error): the constraint's own query is asked for that mention.
UNDECIDED = {f"{DOC}{d}" for d in ("stringbegin", "decimal", "langtext", "blankname")}
# The documents the offsets constraint must flag (the query and the index reads).
OFFSET_FAULTS = {f"{DOC}{d}" for d in ("utf16", "reversed", "beyond", "slice", "twoanchors",
                                       "twobegins",
                                       "split")}
NAME_FAULTS = {f"{DOC}{d}" for d in ("badname", "twobegins", "split", "other")}


def _sorted(findings: list[Finding]) -> list[tuple[str, ...]]:
    return sorted(
        (f.check, f.severity, f.resource, f.message, f.path or "", f.value or "") for f in findings
    )


def _core(store: OxigraphStore, shape: rdflib.term.Node, fast: bool) -> set[object] | None:
    """The shape's Core suspects that are targets (what the layer validates)."""
    shapes = shacl._parse(shacl.shape_files())
    source = source_for(store)
    subclass = list(source.every(SUBCLASS))
    found = shacl._core_suspects(store, shapes, shape, subclass, fast)
    if found is None:
        return None
    return set(shacl.targets_among(shapes, shape, source, subclass, found))


def _fixture_stores(tmp_path: Path) -> list[OxigraphStore]:
    cases = "\n".join(shared + "\n" + fault for shared, fault, _r in CASES.values())
    stores = []
    for n, turtle in enumerate((mention_faults(), SHAPE_FAULTS, cases)):
        folder = tmp_path / str(n)
        folder.mkdir()
        stores.append(_store(turtle, folder))
    return stores


def test_core_suspects_are_the_querys(tmp_path: Path) -> None:
    """Every project shape: the same suspects from the index reads as from the query."""
    shapes = shacl._parse(shacl.shape_files())
    for store in _fixture_stores(tmp_path):
        for shape in shacl._targeted(shapes):
            fast = _core(store, shape, True)
            assert fast is not None, shape  # every project shape is read from the indexes
            assert fast == _core(store, shape, False), shape


def test_mention_shape_suspects(tmp_path: Path) -> None:
    store = _store(mention_faults(), tmp_path)
    found = {t.value for t in _core(store, rdflib.URIRef(CKSHAPE + "MentionShape"), True) or ()
             if isinstance(t, ox.NamedNode)}
    assert {f"{DOC}noanchor#char=0,5", f"{DOC}twoanchors#char=0,5", f"{DOC}twobegins#char=0,5",
            f"{DOC}stringbegin#char=0,5", f"{DOC}decimal#char=0,5", f"{DOC}negative#char=-1,5",
            f"{DOC}twocontexts#char=0,5", f"{DOC}nodocument#char=0,5",
            f"{DOC}nobegin#char=0,5", f"{DOC}split#char=0,5"} <= found
    assert f"{DOC}ok#char=0,5" not in found and f"{DOC}wide#char=9,15" not in found
    assert f"{DOC}copied#char=0,5" not in found  # two graphs, the same values


def _candidates(store: OxigraphStore) -> list[tuple[set[object] | None, set[object]]]:
    """(the index reads' candidates, the query's) for each MentionOffsetsShape constraint."""
    shapes = shacl._parse(shacl.shape_files())
    shape = rdflib.URIRef(CKSHAPE + "MentionOffsetsShape")
    reads = [shacl_sparql.read_constraint(shapes, c) for c in shapes.objects(shape, SH.sparql)]
    fast = shacl_fast.sparql_candidates(store, reads)
    return [(fast.get(r.node), shacl_sparql.candidates(store, r) or set()) for r in reads]


def test_offsets_candidates_are_the_querys(tmp_path: Path) -> None:
    store = _store(mention_faults(), tmp_path)
    pairs = _candidates(store)
    assert len(pairs) == 2
    flagged = []
    for fast, query in pairs:
        assert fast is not None, "both constraints are read from the indexes"
        assert fast == query
        flagged.append({t.value for t in fast if isinstance(t, ox.NamedNode)})
    offsets, names = flagged
    assert offsets == OFFSET_FAULTS | {f"{DOC}langtext"}  # a tagged slice is not the anchor
    assert names == NAME_FAULTS
    assert not UNDECIDED - {f"{DOC}langtext"} & (offsets | names)


def test_fast_forms_match_the_project_shapes() -> None:
    """An edited constraint query runs as itself: the forms here must follow the shapes."""
    shapes = shacl._parse(shacl.shape_files())
    queries = {shacl_fast._words(shacl_sparql.read_constraint(shapes, c).query)
               for c in shapes.objects(None, SH.sparql)}
    for query in (shacl_fast.OFFSETS_QUERY, shacl_fast.NAMES_QUERY):
        assert shacl_fast._words(query) in queries


@pytest.mark.parametrize("fixture", ["mentions", "shape-faults"])
def test_layer_findings_are_the_same(tmp_path: Path, fixture: str) -> None:
    turtle = mention_faults(decimal=False) if fixture == "mentions" else SHAPE_FAULTS
    store = _store(turtle, tmp_path)
    _i, fast, _n = shacl.run(store, NS)
    _i, slow, _n = shacl.run(store, NS, fast=False)
    assert _sorted(fast) == _sorted(slow)
    if fixture == "shape-faults":
        # (On the mentions pyshacl over the whole graph also reports a string offset
        # and a blank mention, which rdflib's SPARQL evaluates where the store's errs;
        # the prefilter queries, slow or fast, leave them out alike.)
        _i, full, _n = shacl.run_full(store, NS)
        assert _sorted(fast) == _sorted(full)
    if fixture == "mentions":
        flagged = {f.resource for f in fast if f.check == "shacl:MentionOffsetsShape"}
        assert OFFSET_FAULTS | NAME_FAULTS <= flagged


def test_many_suspects_read_the_targets_at_once(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shacl, "TARGET_LOOKUPS", 0)
    store = _store(SHAPE_FAULTS, tmp_path)
    _i, fast, _n = shacl.run(store, NS)
    _i, slow, _n = shacl.run(store, NS, fast=False)
    assert _sorted(fast) == _sorted(slow)


def test_the_embedded_store_runs_no_per_row_query(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The queries whose cost grows with NOT EXISTS and SUBSTR per mention are not run."""
    store = _store(mention_faults(decimal=False), tmp_path)
    asked: list[tuple[str, object]] = []
    query = store.query

    def recording(sparql: str, **kwargs: object) -> object:
        asked.append((sparql, kwargs.get("substitutions")))
        return query(sparql, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "query", recording)
    shacl.run(store, NS)
    assert asked
    # The offsets query runs only for a mention Python does not decide, bound to it.
    assert not [q for q, bound in asked if "SUBSTR" in q and not bound or "NOT EXISTS" in q]


def _below(cls: object, subclass: list[ox.Triple]) -> list[object]:
    return list(shacl._with_subclasses([cls], subclass))  # type: ignore[list-item]


def test_focus_nodes_are_the_index_readers(tmp_path: Path) -> None:
    """The targets as one query are the targets read quad by quad, for every shape."""
    shapes = shacl._parse(shacl.shape_files())
    for store in _fixture_stores(tmp_path):
        source = source_for(store)
        subclass = list(source.every(SUBCLASS))
        for shape in shacl._targeted(shapes):
            fast = shacl_fast.focus_nodes(store, shapes, shape, functools.partial(
                _below, subclass=subclass))
            assert fast == shacl.focus_nodes(shapes, shape, source, subclass), shape


def test_targets_among_nodes_are_the_focus_nodes(tmp_path: Path) -> None:
    shapes = shacl._parse(shacl.shape_files())
    for store in _fixture_stores(tmp_path):
        source = source_for(store)
        subclass = list(source.every(SUBCLASS))
        nodes = {q.subject for q in store.native_quads().match(None, None, None, None)}
        nodes |= {q.object for q in store.native_quads().match(None, None, None, None)}
        for shape in shacl._targeted(shapes):
            focus = shacl.focus_nodes(shapes, shape, source, subclass)
            assert shacl.targets_among(shapes, shape, source, subclass, nodes) == focus, shape


def test_a_staging_graph_keeps_the_quad_readers(tmp_path: Path) -> None:
    """Staged triples are in the union default graph but no check reads them."""
    from conflict_kg.store.base import STAGING_PREFIX

    store = _store(mention_faults(decimal=False), tmp_path)
    shapes = shacl._parse(shacl.shape_files())
    store.native_quads().add([ox.Quad(ox.NamedNode(f"{DOC}staged#char=0,1"),
                                      ox.NamedNode(str(rdflib.RDF.type)),
                                      ox.NamedNode("https://w3id.org/conflict-kg/ontology#Mention"),
                                      ox.NamedNode(STAGING_PREFIX + "x"))])
    shape = rdflib.URIRef(CKSHAPE + "MentionShape")
    assert shacl_fast.focus_nodes(store, shapes, shape, lambda c: [c]) is None
    _i, fast, _n = shacl.run(store, NS)
    assert not [f for f in fast if "staged" in f.resource]
