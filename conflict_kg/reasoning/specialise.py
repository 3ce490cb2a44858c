"""Rules with their T-box predicates written in as constants.

A rule such as prp-ifp (``?p a owl:InverseFunctionalProperty . ?x1 ?p ?y .
?x2 ?p ?y``) joins two data atoms on a *predicate variable*.  Some engines
(Virtuoso 7) plan that join over every triple of the store before the T-box
atom narrows ``?p``: with a few hundred thousand reference triples the update
runs past the server's transaction limit.  Written once per property the
T-box names (``?x1 <governmentOf> ?y . ?x2 <governmentOf> ?y``), each update
is an index lookup.  The union of the specialised rules' answers is the
rule's answer, because every solution binds ``?p`` to one of those
properties.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pyoxigraph as ox

from conflict_kg.reasoning.rules import PREFIXES, Rule
from conflict_kg.store.base import GraphStore

# More bindings than this and one generic update is cheaper than many small ones.
MAX_BINDINGS = 32

_VARIABLE = re.compile(r"\?[A-Za-z_][A-Za-z0-9_]*")


def predicate_variables(rule: Rule) -> list[str]:
    """Variables that a schema atom binds and a data atom uses as its predicate."""
    schema_vars = {v for a in rule.schema_atoms for v in _VARIABLE.findall(a)}
    found: list[str] = []
    for i in rule.data:
        tokens = rule.body[i].split()
        if len(tokens) == 3 and tokens[1] in schema_vars and tokens[1] not in found:
            found.append(tokens[1])
    return found


def bindings_query(rule: Rule, variables: list[str]) -> str:
    where = " ".join(f"GRAPH ?g{i} {{ {a} }}" for i, a in enumerate(rule.schema_atoms))
    return (
        f"{PREFIXES}SELECT DISTINCT {' '.join(variables)} {{ {where} }} "
        f"LIMIT {MAX_BINDINGS + 1}"
    )


def substitute(rule: Rule, binding: dict[str, ox.NamedNode]) -> Rule:
    """``rule`` with each variable of ``binding`` replaced by its IRI."""

    def fill(text: str) -> str:
        return _VARIABLE.sub(
            lambda m: str(binding[m.group(0)]) if m.group(0) in binding else m.group(0), text
        )

    return replace(
        rule,
        head=fill(rule.head),
        body=tuple(fill(a) for a in rule.body),
        filters=fill(rule.filters),
    )


def specialise(store: GraphStore, rule: Rule) -> list[Rule]:
    """``rule`` once per T-box binding of its predicate variables, or ``[rule]``.

    The rule is kept whole when it has no predicate variable, when the T-box
    gives more than :data:`MAX_BINDINGS` bindings, or when one is not an IRI.
    An empty list means the T-box gives the rule nothing to match.
    """
    variables = predicate_variables(rule)
    if not variables:
        return [rule]
    rows = list(store.query(bindings_query(rule, variables)))
    if len(rows) > MAX_BINDINGS:
        return [rule]
    out = []
    for row in rows:
        binding = {v: row[v[1:]] for v in variables}
        if not all(isinstance(t, ox.NamedNode) for t in binding.values()):
            return [rule]
        out.append(substitute(rule, binding))
    return out
