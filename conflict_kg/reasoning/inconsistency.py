"""OWL 2 RL rules whose head is *false*: each is a SPARQL query over the closure.

Each query returns ``?resource ?message``; run them over the union of the
asserted and inferred graphs after reasoning.  Besides the W3C table
(``eq-diff*``, ``prp-irp``, ``prp-asyp``, ``prp-pdw``, ``prp-adp``,
``prp-npa*``, ``cls-nothing2``, ``cls-com``, ``cls-maxc1``, ``cls-maxqc1/2``,
``cax-dw``, ``cax-adc``) checks cover what OWL 2 RL turns into
``owl:sameAs`` on literals and owlrl never reports: a functional datatype
property, or a max-cardinality-1 restriction, with two different values.
Every property declared ``owl:FunctionalProperty`` is checked (read from the
store, so a new declaration needs no code), dates included. Two values stated
by one source graph are an error (``prp-fp-values``); two values from
different graphs are honest disagreement between sources, a warning naming
the graphs (``prp-fp-sources``), so ``ingest --strict`` accepts a second
source. A value counts under every property it is stated with and their
super-properties; a conflict is reported once, at the most specific
functional property that holds both values.
A functional *object* property with two individuals is a warning: OWL
concludes the two are the same, which is rarely what the text meant.
"""

from __future__ import annotations

from dataclasses import dataclass

from conflict_kg.reasoning.rules import PREFIXES


@dataclass(frozen=True)
class InconsistencyRule:
    name: str
    title: str
    severity: str
    query: str
    # A SELECT of the few bindings that can violate the rule: the rule's query then runs
    # once per row with those values bound.  Left to plan the whole query, pyoxigraph
    # joined a functional property's values pairwise over every resource before the
    # selective GROUP BY (517 s at 400 syndicated documents, for no finding).
    candidates: str | None = None

    def sparql(self, inferred_graph: str) -> str:
        return self.query.replace("?inferred", f"<{inferred_graph}>")

    def candidates_sparql(self, inferred_graph: str) -> str | None:
        if self.candidates is None:
            return None
        return self.candidates.replace("?inferred", f"<{inferred_graph}>")


_MEMBERS = "?l rdf:rest*/rdf:first"
_DIFFERENT_VALUES = (
    "FILTER(isLiteral(?v1) && isLiteral(?v2) && STR(?v1) < STR(?v2) "
    "&& COALESCE(?v1 != ?v2, true))"
)


def _q(body: str) -> str:
    return PREFIXES + "SELECT DISTINCT ?resource ?message WHERE {\n" + body + "\n}"


# A resource with two different literal values of a functional property ?p
# (grouped first: only such resources are paired), reported at the most
# specific functional property that has both values.
_FUNCTIONAL_PAIRS = (
    "{ SELECT ?resource ?p WHERE { ?p a owl:FunctionalProperty . ?resource ?p ?v . "
    "FILTER(isLiteral(?v)) } GROUP BY ?resource ?p HAVING (COUNT(DISTINCT ?v) > 1) } "
    "?resource ?p ?v1 , ?v2 . " + _DIFFERENT_VALUES + " "
    "FILTER NOT EXISTS { ?q a owl:FunctionalProperty ; rdfs:subPropertyOf ?p . "
    "FILTER(?q != ?p) ?resource ?q ?v1 , ?v2 . }"
)
# Resources with two different literal values of one functional property, each pair once.
_FUNCTIONAL_CANDIDATES = PREFIXES + (
    "SELECT ?resource ?p WHERE { ?p a owl:FunctionalProperty . ?resource ?p ?v . "
    "FILTER(isLiteral(?v)) } GROUP BY ?resource ?p HAVING (COUNT(DISTINCT ?v) > 1)"
)
# ?s1, ?s2: the properties the two values are stated with (?p or a sub-property).
_STATED_AS = "?s1 rdfs:subPropertyOf* ?p . ?s2 rdfs:subPropertyOf* ?p . "
_ONE_GRAPH = "GRAPH ?g { ?resource ?s1 ?v1 . ?resource ?s2 ?v2 } FILTER(?g != ?inferred)"
_FUNCTIONAL_SOURCES = PREFIXES + f"""SELECT ?resource ?message WHERE {{
  {{ SELECT ?resource ?p ?v1 ?v2 (GROUP_CONCAT(DISTINCT STR(?g1); separator=", ") AS ?from1)
                                 (GROUP_CONCAT(DISTINCT STR(?g2); separator=", ") AS ?from2)
    WHERE {{
      {_FUNCTIONAL_PAIRS}
      FILTER NOT EXISTS {{ {_STATED_AS} {_ONE_GRAPH} }}
      # ?in1/?in2, not ?s1/?s2: Virtuoso 7 fails ("SQ200: No column") when the
      # OPTIONALs reuse the names of the FILTER NOT EXISTS above.
      OPTIONAL {{ ?in1 rdfs:subPropertyOf* ?p . GRAPH ?g1 {{ ?resource ?in1 ?v1 }}
                 FILTER(?g1 != ?inferred) }}
      OPTIONAL {{ ?in2 rdfs:subPropertyOf* ?p . GRAPH ?g2 {{ ?resource ?in2 ?v2 }}
                 FILTER(?g2 != ?inferred) }}
    }} GROUP BY ?resource ?p ?v1 ?v2 }}
  BIND(CONCAT("has two values for the functional ", STR(?p), ": \\"", STR(?v1), "\\" (",
              IF(COALESCE(?from1, "") = "", "inferred", ?from1), ") and \\"", STR(?v2), "\\" (",
              IF(COALESCE(?from2, "") = "", "inferred", ?from2), "): the sources disagree")
       AS ?message)
}}"""


RULES: tuple[InconsistencyRule, ...] = (
    InconsistencyRule("cls-nothing2", "Member of owl:Nothing", "error", _q(
        "?resource a owl:Nothing . BIND('is a member of owl:Nothing' AS ?message)")),
    InconsistencyRule("cax-dw", "Member of disjoint classes", "error", _q(
        "?c1 owl:disjointWith ?c2 . ?resource a ?c1 , ?c2 . "
        "BIND(CONCAT('is both a ', STR(?c1), ' and a ', STR(?c2), ', which are disjoint') "
        "AS ?message)")),
    InconsistencyRule("cax-adc", "Member of disjoint classes", "error", _q(
        f"?d a owl:AllDisjointClasses ; owl:members ?l . {_MEMBERS} ?c1 . {_MEMBERS} ?c2 . "
        "FILTER(STR(?c1) < STR(?c2)) ?resource a ?c1 , ?c2 . "
        "BIND(CONCAT('is both a ', STR(?c1), ' and a ', STR(?c2), ', which are disjoint') "
        "AS ?message)")),
    InconsistencyRule("cls-com", "Member of a class and its complement", "error", _q(
        "?c1 owl:complementOf ?c2 . ?resource a ?c1 , ?c2 . "
        "BIND(CONCAT('is both ', STR(?c2), ' and its complement') AS ?message)")),
    InconsistencyRule("prp-irp", "Irreflexive property used reflexively", "error", _q(
        "?p a owl:IrreflexiveProperty . ?resource ?p ?resource . "
        "BIND(CONCAT('is related to itself by the irreflexive ', STR(?p)) AS ?message)")),
    InconsistencyRule("prp-asyp", "Asymmetric property used both ways", "error", _q(
        "?p a owl:AsymmetricProperty . ?resource ?p ?y . ?y ?p ?resource . "
        "BIND(CONCAT('and ', STR(?y), ' are related both ways by the asymmetric ', STR(?p)) "
        "AS ?message)")),
    InconsistencyRule("prp-pdw", "Disjoint properties share a pair", "error", _q(
        "?p1 owl:propertyDisjointWith ?p2 . ?resource ?p1 ?y ; ?p2 ?y . "
        "BIND(CONCAT('has ', STR(?y), ' as both ', STR(?p1), ' and ', STR(?p2), "
        "', which are disjoint') AS ?message)")),
    InconsistencyRule("prp-adp", "Disjoint properties share a pair", "error", _q(
        f"?d a owl:AllDisjointProperties ; owl:members ?l . {_MEMBERS} ?p1 . {_MEMBERS} ?p2 . "
        "FILTER(STR(?p1) < STR(?p2)) ?resource ?p1 ?y ; ?p2 ?y . "
        "BIND(CONCAT('has ', STR(?y), ' as both ', STR(?p1), ' and ', STR(?p2), "
        "', which are disjoint') AS ?message)")),
    InconsistencyRule("eq-diff1", "Same and different", "error", _q(
        "?resource owl:sameAs ?y . { ?resource owl:differentFrom ?y } UNION "
        "{ ?y owl:differentFrom ?resource } FILTER(STR(?resource) < STR(?y)) "
        "BIND(CONCAT('is stated different from ', STR(?y), ' but inferred the same') "
        "AS ?message)")),
    InconsistencyRule("eq-diff2", "Same and different", "error", _q(
        "?d a owl:AllDifferent . { ?d owl:members ?l } UNION { ?d owl:distinctMembers ?l } "
        f"{_MEMBERS} ?resource . {_MEMBERS} ?y . FILTER(STR(?resource) < STR(?y)) "
        "{ ?resource owl:sameAs ?y } UNION { ?y owl:sameAs ?resource } "
        "BIND(CONCAT('is declared different from ', STR(?y), ' but inferred the same') "
        "AS ?message)")),
    InconsistencyRule("prp-npa1", "Negative property assertion violated", "error", _q(
        "?n owl:sourceIndividual ?resource ; owl:assertionProperty ?p ; "
        "owl:targetIndividual ?y . ?resource ?p ?y . "
        "BIND(CONCAT('has ', STR(?p), ' ', STR(?y), ', which is asserted not to hold') "
        "AS ?message)")),
    InconsistencyRule("prp-npa2", "Negative property assertion violated", "error", _q(
        "?n owl:sourceIndividual ?resource ; owl:assertionProperty ?p ; "
        "owl:targetValue ?v . ?resource ?p ?v . "
        "BIND(CONCAT('has ', STR(?p), ' \"', STR(?v), '\", which is asserted not to hold') "
        "AS ?message)")),
    InconsistencyRule("cls-maxc1", "Max cardinality 0 exceeded", "error", _q(
        "?c owl:maxCardinality ?n ; owl:onProperty ?p . FILTER(?n = 0) "
        "?resource a ?c ; ?p ?y . "
        "BIND(CONCAT('has a ', STR(?p), ' but may have none') AS ?message)")),
    InconsistencyRule("cls-maxqc1", "Max qualified cardinality 0 exceeded", "error", _q(
        "?c owl:maxQualifiedCardinality ?n ; owl:onProperty ?p ; owl:onClass ?k . "
        "FILTER(?n = 0) ?resource a ?c ; ?p ?y . "
        "{ ?y a ?k } UNION { FILTER(?k = owl:Thing) } "
        "BIND(CONCAT('has a ', STR(?p), ' of class ', STR(?k), ' but may have none') "
        "AS ?message)")),
    InconsistencyRule("prp-fp-values", "Functional property with two values in one source",
                      "error", _q(_FUNCTIONAL_PAIRS + " " + _STATED_AS + _ONE_GRAPH +
        " BIND(CONCAT('has two values for the functional ', STR(?p), ': \"', STR(?v1), "
        "'\" and \"', STR(?v2), '\" (both in ', STR(?g), ')') AS ?message)"),
        _FUNCTIONAL_CANDIDATES),
    InconsistencyRule("prp-fp-sources", "Functional property with values from two sources",
                      "warning", _FUNCTIONAL_SOURCES, _FUNCTIONAL_CANDIDATES),
    InconsistencyRule("cls-maxc2-values", "Max cardinality 1 with two values", "error", _q(
        "?c owl:maxCardinality ?n ; owl:onProperty ?p . FILTER(?n = 1) "
        "?resource a ?c ; ?p ?v1 , ?v2 . " + _DIFFERENT_VALUES +
        " BIND(CONCAT('may have one ', STR(?p), ' but has \"', STR(?v1), "
        "'\" and \"', STR(?v2), '\"') AS ?message)")),
    InconsistencyRule("prp-fp-individuals", "Functional property with two individuals",
                      "warning", _q(
        "?p a owl:FunctionalProperty . ?resource ?p ?y1 , ?y2 . "
        "FILTER(!isLiteral(?y1) && !isLiteral(?y2) && STR(?y1) < STR(?y2)) "
        "FILTER NOT EXISTS { GRAPH ?g { ?y1 owl:sameAs ?y2 } FILTER(?g != ?inferred) } "
        "FILTER NOT EXISTS { GRAPH ?g2 { ?y2 owl:sameAs ?y1 } FILTER(?g2 != ?inferred) } "
        "BIND(CONCAT('has two values for the functional ', STR(?p), ': ', STR(?y1), ' and ', "
        "STR(?y2), ' (OWL concludes they are the same individual)') AS ?message)")),
)
