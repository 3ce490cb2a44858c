"""What the service reads from query text before running it."""

from __future__ import annotations

import pytest

from conflict_kg.server.sparql.text import UsingConflict, add_using, analyze


@pytest.mark.parametrize(("text", "form", "dataset", "relative"), [
    ("SELECT * { ?s ?p ?o }", "SELECT", False, False),
    ("prefix x: <http://x/> ask { ?s x:p ?o }", "ASK", False, False),
    ("CONSTRUCT { <s> <p> 1 } WHERE {}", "CONSTRUCT", False, True),
    ("DESCRIBE <http://a>", "DESCRIBE", False, False),
    ("SELECT * FROM <http://g> { ?s ?p ?o }", "SELECT", True, False),
    ("SELECT * { ?s ?p ?o FILTER(?o<?p) }", "SELECT", False, False),
    ("SELECT * { { SELECT * { ?s ?p ?o } } }", "SELECT", False, False),
    ("# SELECT\nASK { ?s ?p 'FROM <x>' }", "ASK", False, False),
])
def test_analyze(text, form, dataset, relative):
    result = analyze(text)
    assert (result.form, result.has_dataset_clause, result.has_relative_iris) == \
        (form, dataset, relative)


@pytest.mark.parametrize(("text", "services", "dynamic"), [
    ("SELECT * { SERVICE <http://e/sparql> { ?s ?p ?o } }", ["http://e/sparql"], False),
    ("BASE <http://e/> SELECT * { SERVICE <sparql> { ?s ?p ?o } }", ["http://e/sparql"], False),
    ("PREFIX : <http://e/> SELECT * { SERVICE SILENT :s { ?s ?p ?o } }", ["http://e/s"], False),
    ("SELECT * { SERVICE ?x { ?s ?p ?o } }", [], True),
    ("SELECT * { SERVICE undeclared:x { ?s ?p ?o } }", [], True),
    ("SELECT * { ?service ?p 'SERVICE <http://x>' } # SERVICE <http://y>", [], False),
    ('SELECT * { ?s ?p """a\nSERVICE <http://x>""" }', [], False),
    ("SELECT * { ?s <http://e/#SERVICE> ?o }", [], False),
])
def test_services(text, services, dynamic):
    result = analyze(text)
    assert (result.services, result.dynamic_service) == (services, dynamic)


def test_add_using_everywhere_and_conflicts():
    update = ("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o } ; "
              "INSERT { ?s a <http://c> } WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }")
    out = add_using(update, ["http://g"], ["http://n"])
    assert out.count("USING <http://g> USING NAMED <http://n> WHERE") == 2
    assert "SELECT ?s WHERE" in out  # the subquery's WHERE is left alone
    with pytest.raises(UsingConflict):
        add_using("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", ["http://h"], [])
    assert add_using("CLEAR ALL", [], []) == "CLEAR ALL"
