"""Terms written as N-Triples text must be exactly what pyoxigraph writes and reads back."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from conflict_kg.ingest.rdf import GraphBuilder, checked_iri, int_literal, iri, literal
from conflict_kg.ingest.text import Span

XSD = "http://www.w3.org/2001/XMLSchema#"
# every control and ASCII character, quotes, backslash, and some beyond ASCII
TEXTS = ["".join(chr(c) for c in range(0, 0x80)), 'a "quoted" \\ word', "é ü ğ “curly” ’ \u2028",
         "tab\tnew\nline\rcr", "", "\U0001f600 emoji"]


@pytest.mark.parametrize("text", TEXTS)
def test_literals_match_pyoxigraph(text: str) -> None:
    assert literal(text) == str(ox.Literal(text))
    assert literal(text, language="en") == str(ox.Literal(text, language="en"))
    typed = ox.Literal(text, datatype=ox.NamedNode(XSD + "date"))
    assert literal(text, datatype=XSD + "date") == str(typed)
    assert literal(text, datatype=XSD + "string") == str(ox.Literal(text))


def test_numbers_and_iris_match_pyoxigraph() -> None:
    assert int_literal(42) == str(ox.Literal("42", datatype=ox.NamedNode(
        XSD + "nonNegativeInteger")))
    assert iri("https://example.org/a#b") == str(ox.NamedNode("https://example.org/a#b"))
    with pytest.raises(ValueError):
        checked_iri("not an iri")


def test_graph_text_parses_to_the_same_triples() -> None:
    g = GraphBuilder("https://example.org/doc")
    sentence = g.sentence(Span(0, 12, 'He said "no"'))
    g.mention(Span(3, 7, "said"), sentence)
    g.mention(Span(3, 7, "said"), sentence)  # a second mention of the same span adds nothing
    added = len(g)
    parsed = list(ox.parse(g.take_ntriples(), ox.RdfFormat.N_TRIPLES))
    assert len(parsed) == added
    assert len(g) == 0  # taken: the line table is freed before the next section is read
    anchors = {q.object.value for q in parsed if q.predicate.value.endswith("anchorOf")}
    assert anchors == {'He said "no"', "said"}
