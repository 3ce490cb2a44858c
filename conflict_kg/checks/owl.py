"""Layer 1: the OWL 2 RL inconsistency rules over the asserted and inferred graphs.

Each rule is the SPARQL query of ``conflict_kg.reasoning.inconsistency``,
except where ``_FAST`` has an equivalent written against the store's indexes
(tested equal to the query on the fixtures).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pyoxigraph as ox

from conflict_kg.checks.job import CheckJob
from conflict_kg.checks.model import CheckInfo, Finding
from conflict_kg.checks.owl_sources import functional_sources
from conflict_kg.checks.triples import scan_source, source_for, subject
from conflict_kg.namespaces import DataNamespace
from conflict_kg.reasoning.inconsistency import RULES, InconsistencyRule
from conflict_kg.reasoning.rules import PREFIXES
from conflict_kg.store.base import GraphStore

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def rules() -> tuple[InconsistencyRule, ...]:
    return RULES


def info(rule: InconsistencyRule) -> CheckInfo:
    return CheckInfo(f"owl:{rule.name}", "owl", rule.title, rule.severity)


def run_rule(store: GraphStore, ns: DataNamespace, rule: InconsistencyRule,
             *, fast: bool = True) -> Iterator[Finding]:
    check = info(rule)
    if fast and rule.name in _FAST and (rule.name not in _NATIVE
                                        or store.capabilities.native_quads):
        for resource, message in sorted(_FAST[rule.name](store, ns)):
            yield Finding(check=check.id, layer="owl", title=rule.title, severity=rule.severity,
                          resource=resource, message=message)
        return
    candidates = rule.candidates_sparql(ns.inferred_graph)
    if candidates is None:
        bindings: list[dict[str, Any] | None] = [None]
    else:
        rows = store.query(candidates)
        names = [variable.value for variable in rows.variables]
        bindings = [{name: row[name] for name in names} for row in rows]
    seen: set[tuple[str, str]] = set()
    for bound in bindings:
        for finding in _findings(store, ns, rule, check, bound):
            if (finding.resource, finding.message) not in seen:
                seen.add((finding.resource, finding.message))
                yield finding


def _findings(store: GraphStore, ns: DataNamespace, rule: InconsistencyRule, check: CheckInfo,
              bound: dict[str, Any] | None) -> Iterator[Finding]:
    for row in store.query(rule.sparql(ns.inferred_graph), substitutions=bound):
        yield Finding(
            check=check.id,
            layer="owl",
            title=rule.title,
            severity=rule.severity,
            resource=_term(row["resource"]),
            message=row["message"].value,
        )


def run(store: GraphStore, ns: DataNamespace,
        job: CheckJob | None = None) -> tuple[list[CheckInfo], list[Finding]]:
    infos: list[CheckInfo] = []
    findings: list[Finding] = []
    for rule in rules():
        if job is not None:
            job.step(f"owl: {rule.name}")
        infos.append(info(rule))
        findings.extend(run_rule(store, ns, rule))
    return infos, findings


def _term(term: object) -> str:
    value = getattr(term, "value", None)
    return str(value) if value is not None else str(term)


_LIST_MEMBERS = PREFIXES + """
SELECT DISTINCT ?d ?c WHERE { ?d a owl:AllDisjointClasses ; owl:members ?l .
                              ?l rdf:rest*/rdf:first ?c . FILTER(isIRI(?c)) }
"""


def _all_disjoint_classes(store: GraphStore, _ns: DataNamespace) -> set[tuple[str, str]]:
    """cax-adc: members of two classes of one owl:AllDisjointClasses.

    The query form joins ``?resource a ?c1 , ?c2`` once per pair of classes,
    re-reading a large class's members for every pair it is in (8 s at 100k
    triples); here each class's members are read once and intersected.
    """
    groups: dict[str, set[str]] = {}
    for row in store.query(_LIST_MEMBERS):
        groups.setdefault(str(row["d"]), set()).add(row["c"].value)
    pairs = {(a, b) for members in groups.values() for a in members for b in members if a < b}
    source = scan_source(store)
    members: dict[str, set[str]] = {}

    def of(cls: str) -> set[str]:
        if cls not in members:
            members[cls] = {_term(subject(t)) for t in source.into([ox.NamedNode(cls)], RDF_TYPE)}
        return members[cls]

    return {
        (resource, f"is both a {a} and a {b}, which are disjoint")
        for a, b in pairs
        for resource in of(a) & of(b)
    }


_FUNCTIONAL = PREFIXES + """
SELECT DISTINCT ?p WHERE { ?p a owl:FunctionalProperty . FILTER(isIRI(?p)) }
"""
_TWO_IRI_VALUES = """
SELECT ?x WHERE { ?x ?p ?y FILTER(isIRI(?y)) } GROUP BY ?x HAVING (COUNT(DISTINCT ?y) > 1)
"""
_STATED_SAME = PREFIXES + """
SELECT ?a ?b WHERE { GRAPH ?g { ?a owl:sameAs ?b } FILTER(?g != ?inferred) } LIMIT 1
"""


def _functional_individuals(store: GraphStore, ns: DataNamespace) -> set[tuple[str, str]]:
    """prp-fp-individuals: two IRIs as values of a functional property, not stated the same.

    The query form pairs every value of every functional property with every
    other (12 s at 1M triples); here values are grouped by subject first and
    only subjects with two IRI values are paired.  Blank nodes are left out,
    as ``STR`` leaves them out of the query form.
    """
    source = source_for(store)
    found = set()
    for row in store.query(_FUNCTIONAL):
        p = row["p"]
        values: dict[str, set[str]] = {}
        # Only the subjects with two IRI values, found by the engine's GROUP BY: reading
        # every triple of every functional property into Python (dates, figures,
        # stances: one each per document) took 2.1 s CPU at 1M quads for no finding.
        two = [r["x"] for r in store.query(_TWO_IRI_VALUES, substitutions={"p": p})]
        for t in source.out(two, p):
            if isinstance(t.object, ox.NamedNode):
                values.setdefault(_term(subject(t)), set()).add(t.object.value)
        for resource, objects in values.items():
            for y1 in objects:
                for y2 in objects:
                    if y1 < y2 and not _stated_same(store, ns, y1, y2):
                        found.add((resource, f"has two values for the functional {p.value}: "
                                             f"{y1} and {y2} (OWL concludes they are the same "
                                             "individual)"))
    return found


def _stated_same(store: GraphStore, ns: DataNamespace, y1: str, y2: str) -> bool:
    query = _STATED_SAME.replace("?inferred", f"<{ns.inferred_graph}>")
    for a, b in ((y1, y2), (y2, y1)):
        if list(store.query(query, substitutions={"a": ox.NamedNode(a), "b": ox.NamedNode(b)})):
            return True
    return False


# Fast forms that read quads with their graphs: the embedded store only (the
# others read through ``source_for``, which also answers over SPARQL).
_NATIVE = {"prp-fp-sources"}
_FAST: dict[str, Callable[[GraphStore, DataNamespace], set[tuple[str, str]]]] = {
    "cax-adc": _all_disjoint_classes,
    "prp-fp-individuals": _functional_individuals,
    "prp-fp-sources": functional_sources,
}
