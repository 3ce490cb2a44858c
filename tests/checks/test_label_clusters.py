"""``sparql:probable-duplicates`` from the indexes gives the findings of its query."""

from __future__ import annotations

from pathlib import Path

from conflict_kg.checks import sparql
from conflict_kg.checks.label_clusters import key_of, probable_duplicates
from conflict_kg.reasoning import reason
from tests.checks.stores import NS, store_with

# Clusters the check must find and near misses it must not: case, punctuation and
# spaces ignored (a no-break space too, as pyoxigraph reads \s); one
# class per finding; an IRI linked by owl:sameAs left out; a class only the reasoner
# gave (ck:Event above ck:Attack) not a cluster of its own; skos:prefLabel counted;
# a long cluster's members cut at 300 characters.
CLUSTERS = """
GRAPH <http://example.org/graph/document/a> {
  :a1 a ck:Attack ; rdfs:label "Attack on Port-Town" .
  :b1 a ck:State ; skos:prefLabel "Ruritania" .
  :c1 a ck:State ; rdfs:label "Grand\u00a0Fenwick" .
  :d1 a ck:Talks ; rdfs:label "talks (2018)" .
  :s1 a ck:State ; rdfs:label "Syldavia" .
}
GRAPH <http://example.org/graph/document/b> {
  :a2 a ck:Attack ; rdfs:label "attack on port town" .
  :a3 a ck:Withdrawal ; rdfs:label "ATTACK ON PORT TOWN" .
  :b2 a ck:State ; rdfs:label "ruritania" .
  :c2 a ck:State ; rdfs:label "Grand Fenwick" .
  :d2 a ck:Talks ; rdfs:label "Talks 2018" .
  :s2 a ck:State ; rdfs:label "Syldavia" ; owl:sameAs :s3 .
}
""" + "GRAPH <http://example.org/graph/document/c> {\n" + "".join(
    f"  :long-cluster-member-with-a-long-name-{i} a ck:Agreement ; rdfs:label \"Long Pact\" .\n"
    for i in range(12)) + "}\n"


def _order_free(findings: list) -> list[tuple[str, str, object]]:
    rows = []
    for f in findings:
        head, _, members = f.message.partition("): ")
        rows.append((f.resource, head, "cut" if members.endswith(" ...")
                     else tuple(sorted(members.split()))))
    return sorted(rows)


def test_fast_form_equals_the_query(tmp_path: Path) -> None:
    store = store_with(CLUSTERS, tmp_path)
    reason(store, NS)
    check = next(c for c in sparql.load_checks() if c.path.stem == "probable-duplicates")
    fast = list(sparql.run_check(store, NS, check))
    slow = list(sparql.run_check(store, NS, check, fast=False))
    assert _order_free(fast) == _order_free(slow)
    # the embedded store takes the index form (members in IRI order)
    assert {(f.resource, f.message) for f in fast} == probable_duplicates(store, NS)
    found = {(f.resource.rsplit("#", 1)[-1], f.message.split(" labelled ")[0]) for f in fast}
    assert found == {
        ("a1", "one of 2 resources of class Attack"),
        ("b1", "one of 2 resources of class State"),
        ("c1", "one of 2 resources of class State"),
        ("d1", "one of 2 resources of class Talks"),
        ("long-cluster-member-with-a-long-name-0", "one of 12 resources of class Agreement"),
    }, found
    attack = next(f.message for f in fast if f.resource.endswith("#a1"))
    assert '"ATTACK ON PORT TOWN"' not in attack and '"Attack on Port-Town"' in attack
    long = next(f.message for f in fast if "long-cluster" in f.resource)
    assert long.endswith(" ...") and len(long.partition("): ")[2]) == 304


def test_key_ignores_what_the_query_ignores() -> None:
    assert key_of("Port-Town (North); 'A'/\"B\"") == "porttownnorthab"
    assert key_of("Grand\u00a0Fenwick") == "grandfenwick"
    assert key_of(" .-_ ") == ""
