"""The generated HTML documents every term and escapes what it prints."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDFS, Literal, URIRef

from conflict_kg.namespaces import ONTOLOGY
from conflict_kg.ontology_docs import (
    Ontology,
    build_docs,
    load_ontology,
    missing_from_docs,
    ontology_terms,
    render_term,
)


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory, ontology: Ontology) -> Path:
    out = tmp_path_factory.mktemp("docs")
    build_docs(out, ontology)
    return out


def test_every_class_and_property_has_a_page(docs: Path, ontology: Ontology) -> None:
    assert missing_from_docs(docs, ontology) == []
    for term in ontology_terms(ontology):
        if term.kind == "class":
            assert (docs / "classes" / f"{term.local_name}.html").is_file()
        elif term.is_property:
            assert (docs / "properties" / f"{term.local_name}.html").is_file()


def test_a_missing_page_is_reported(docs: Path, ontology: Ontology, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    build_docs(out, ontology)
    (out / "classes" / "Claim.html").unlink()
    text = (out / "properties" / "claimant.html").read_text(encoding="utf-8")
    (out / "properties" / "claimant.html").write_text(
        text.replace('id="claimant"', ""), encoding="utf-8"
    )
    assert set(missing_from_docs(out, ontology)) == {ONTOLOGY + "Claim", ONTOLOGY + "claimant"}


def test_build_docs_returns_what_it_wrote(tmp_path: Path, ontology: Ontology) -> None:
    written = build_docs(tmp_path, ontology)
    assert tmp_path / "index.html" in written
    assert all(p.is_file() for p in written)


def test_term_fragment_shows_axioms(ontology: Ontology) -> None:
    fragment = render_term(ontology, ONTOLOGY + "attributedTo")
    assert fragment.startswith('<section class="term" id="attributedTo">')
    assert "ck:speaksFor" in fragment and "prov:wasAttributedTo" in fragment
    located = render_term(ontology, ONTOLOGY + "locatedIn", link=lambda iri: "/ontology#x")
    assert "transitive" in located and 'href="/ontology#x"' in located


def test_text_is_escaped() -> None:
    onto = load_ontology()
    iri = URIRef(ONTOLOGY + "Claim")
    onto.graph.remove((iri, RDFS.label, None))
    onto.graph.add((iri, RDFS.label, Literal("<script>alert(1)</script>", lang="en")))
    fragment = render_term(onto, str(iri))
    assert "<script>" not in fragment and "&lt;script&gt;" in fragment
