"""The OWL 2 RL rules, written as SPARQL graph patterns.

Each :class:`Rule` has one head triple pattern and a body of *atoms*; an atom
is a group graph pattern that is matched inside one named graph (so an
``owl:Restriction`` or an RDF list must sit in one graph, as it does when it
comes from one file).  *Data atoms* are the atoms that can match newly derived
facts; semi-naive evaluation puts each data atom in turn on the delta graph.
The remaining *schema atoms* read the T-box, which the engine closes first
(:data:`SCHEMA_RULES`) and re-closes whenever a round derives a T-box triple.

Names follow the tables of the OWL 2 RL profile
(https://www.w3.org/TR/owl2-profiles/#OWL_2_RL), section 4.3.  Deliberately
not materialized, because they only add triples that hold for every
resource and that every consumer can assume: ``eq-ref`` (``x owl:sameAs x``),
``scm-cls``/``scm-op``/``scm-dp`` (reflexive ``subClassOf``, ``subPropertyOf``,
``equivalentClass``, ``equivalentProperty``, ``subClassOf owl:Thing``,
``owl:Nothing subClassOf``), ``cls-thing``/``cls-nothing1``, ``prp-ap`` and
the datatype rules ``dt-*``.  The rules whose head is *false* (inconsistency
rules) are in :mod:`conflict_kg.reasoning.inconsistency`.
"""

from __future__ import annotations

from dataclasses import dataclass

from conflict_kg.namespaces import OWL, RDF, RDFS

PREFIXES = (
    f"PREFIX rdf: <{RDF}>\nPREFIX rdfs: <{RDFS}>\nPREFIX owl: <{OWL}>\n"
)


@dataclass(frozen=True)
class Rule:
    """``head`` holds when every atom of ``body`` holds (and ``filters`` pass)."""

    name: str
    head: str
    body: tuple[str, ...]
    data: tuple[int, ...] = ()
    filters: str = ""
    naive: bool = True  # False: only needed in semi-naive rounds (another rule covers naive)

    @property
    def schema_atoms(self) -> tuple[str, ...]:
        """The atoms that only match T-box triples (all atoms for a schema rule)."""
        return tuple(a for i, a in enumerate(self.body) if i not in self.data)

    @property
    def head_terms(self) -> tuple[str, str, str]:
        s, p, o = self.head.split()
        return s, p, o


def _rule(
    name: str,
    head: str,
    *body: str,
    data: tuple[int, ...] = (),
    filters: str = "",
    naive: bool = True,
) -> Rule:
    return Rule(name, head, tuple(body), data, filters, naive)


# Schema (T-box) rules: all atoms read the T-box; evaluated naively to a fixpoint.
SCHEMA_RULES: tuple[Rule, ...] = (
    _rule("scm-sco", "?c1 rdfs:subClassOf ?c3",
          "?c1 rdfs:subClassOf ?c2", "?c2 rdfs:subClassOf ?c3", filters="FILTER(?c1 != ?c3)"),
    _rule("scm-eqc1", "?c1 rdfs:subClassOf ?c2",
          "?c1 owl:equivalentClass ?c2", filters="FILTER(?c1 != ?c2)"),
    _rule("scm-eqc1", "?c2 rdfs:subClassOf ?c1",
          "?c1 owl:equivalentClass ?c2", filters="FILTER(?c1 != ?c2)"),
    _rule("scm-eqc2", "?c1 owl:equivalentClass ?c2",
          "?c1 rdfs:subClassOf ?c2", "?c2 rdfs:subClassOf ?c1", filters="FILTER(?c1 != ?c2)"),
    _rule("scm-spo", "?p1 rdfs:subPropertyOf ?p3",
          "?p1 rdfs:subPropertyOf ?p2", "?p2 rdfs:subPropertyOf ?p3",
          filters="FILTER(?p1 != ?p3)"),
    _rule("scm-eqp1", "?p1 rdfs:subPropertyOf ?p2",
          "?p1 owl:equivalentProperty ?p2", filters="FILTER(?p1 != ?p2)"),
    _rule("scm-eqp1", "?p2 rdfs:subPropertyOf ?p1",
          "?p1 owl:equivalentProperty ?p2", filters="FILTER(?p1 != ?p2)"),
    _rule("scm-eqp2", "?p1 owl:equivalentProperty ?p2",
          "?p1 rdfs:subPropertyOf ?p2", "?p2 rdfs:subPropertyOf ?p1",
          filters="FILTER(?p1 != ?p2)"),
    _rule("scm-dom1", "?p rdfs:domain ?c2", "?p rdfs:domain ?c1", "?c1 rdfs:subClassOf ?c2"),
    _rule("scm-dom2", "?p1 rdfs:domain ?c", "?p2 rdfs:domain ?c", "?p1 rdfs:subPropertyOf ?p2"),
    _rule("scm-rng1", "?p rdfs:range ?c2", "?p rdfs:range ?c1", "?c1 rdfs:subClassOf ?c2"),
    _rule("scm-rng2", "?p1 rdfs:range ?c", "?p2 rdfs:range ?c", "?p1 rdfs:subPropertyOf ?p2"),
    _rule("scm-hv", "?c1 rdfs:subClassOf ?c2",
          "?c1 owl:hasValue ?i ; owl:onProperty ?p1", "?c2 owl:hasValue ?i ; owl:onProperty ?p2",
          "?p1 rdfs:subPropertyOf ?p2"),
    _rule("scm-hv", "?c1 rdfs:subClassOf ?c2",
          "?c1 owl:hasValue ?i ; owl:onProperty ?p", "?c2 owl:hasValue ?i ; owl:onProperty ?p",
          filters="FILTER(?c1 != ?c2)"),
    _rule("scm-svf1", "?c1 rdfs:subClassOf ?c2",
          "?c1 owl:someValuesFrom ?y1 ; owl:onProperty ?p",
          "?c2 owl:someValuesFrom ?y2 ; owl:onProperty ?p", "?y1 rdfs:subClassOf ?y2"),
    _rule("scm-svf1", "?c1 rdfs:subClassOf ?c2",
          "?c1 owl:someValuesFrom ?y ; owl:onProperty ?p",
          "?c2 owl:someValuesFrom ?y ; owl:onProperty ?p", filters="FILTER(?c1 != ?c2)"),
    _rule("scm-svf2", "?c1 rdfs:subClassOf ?c2",
          "?c1 owl:someValuesFrom ?y ; owl:onProperty ?p1",
          "?c2 owl:someValuesFrom ?y ; owl:onProperty ?p2", "?p1 rdfs:subPropertyOf ?p2"),
    _rule("scm-avf1", "?c1 rdfs:subClassOf ?c2",
          "?c1 owl:allValuesFrom ?y1 ; owl:onProperty ?p",
          "?c2 owl:allValuesFrom ?y2 ; owl:onProperty ?p", "?y1 rdfs:subClassOf ?y2"),
    _rule("scm-avf1", "?c1 rdfs:subClassOf ?c2",
          "?c1 owl:allValuesFrom ?y ; owl:onProperty ?p",
          "?c2 owl:allValuesFrom ?y ; owl:onProperty ?p", filters="FILTER(?c1 != ?c2)"),
    _rule("scm-avf2", "?c2 rdfs:subClassOf ?c1",
          "?c1 owl:allValuesFrom ?y ; owl:onProperty ?p1",
          "?c2 owl:allValuesFrom ?y ; owl:onProperty ?p2", "?p1 rdfs:subPropertyOf ?p2"),
    _rule("scm-int", "?c rdfs:subClassOf ?ci",
          "?c owl:intersectionOf ?l . ?l rdf:rest*/rdf:first ?ci", filters="FILTER(?c != ?ci)"),
    _rule("scm-uni", "?ci rdfs:subClassOf ?c",
          "?c owl:unionOf ?l . ?l rdf:rest*/rdf:first ?ci", filters="FILTER(?c != ?ci)"),
)

_CHAIN2 = (
    "?p owl:propertyChainAxiom ?l . ?l rdf:first ?p1 ; rdf:rest ?l2 . "
    "?l2 rdf:first ?p2 ; rdf:rest rdf:nil"
)
_CHAIN3 = (
    "?p owl:propertyChainAxiom ?l . ?l rdf:first ?p1 ; rdf:rest ?l2 . "
    "?l2 rdf:first ?p2 ; rdf:rest ?l3 . ?l3 rdf:first ?p3 ; rdf:rest rdf:nil"
)

# cls-int1: every member type must hold; the atom on the delta is any member.
_ALL_MEMBERS = (
    "FILTER NOT EXISTS { GRAPH ?gl { ?rest rdf:rest*/rdf:first ?ci } "
    "FILTER NOT EXISTS { GRAPH ?gt { ?x a ?ci } } }"
)

# Data (A-box) rules, evaluated semi-naively.
DATA_RULES: tuple[Rule, ...] = (
    _rule("eq-sym", "?y owl:sameAs ?x", "?x owl:sameAs ?y", data=(0,)),
    _rule("eq-trans", "?x owl:sameAs ?z",
          "?x owl:sameAs ?y", "?y owl:sameAs ?z", data=(0, 1)),
    _rule("eq-rep-s", "?s2 ?p ?o", "?s owl:sameAs ?s2", "?s ?p ?o", data=(0, 1),
          filters="FILTER(!sameTerm(?s, ?s2))"),
    _rule("eq-rep-p", "?s ?p2 ?o", "?p owl:sameAs ?p2", "?s ?p ?o", data=(0, 1),
          filters="FILTER(!sameTerm(?p, ?p2))"),
    _rule("eq-rep-o", "?s ?p ?o2", "?o owl:sameAs ?o2", "?s ?p ?o", data=(0, 1),
          filters="FILTER(!sameTerm(?o, ?o2))"),
    _rule("prp-dom", "?x a ?c", "?p rdfs:domain ?c", "?x ?p ?y", data=(1,)),
    _rule("prp-rng", "?y a ?c", "?p rdfs:range ?c", "?x ?p ?y", data=(1,)),
    _rule("prp-fp", "?y1 owl:sameAs ?y2",
          "?p a owl:FunctionalProperty", "?x ?p ?y1", "?x ?p ?y2", data=(1, 2),
          filters="FILTER(!sameTerm(?y1, ?y2))"),
    _rule("prp-ifp", "?x1 owl:sameAs ?x2",
          "?p a owl:InverseFunctionalProperty", "?x1 ?p ?y", "?x2 ?p ?y", data=(1, 2),
          filters="FILTER(!sameTerm(?x1, ?x2))"),
    _rule("prp-symp", "?y ?p ?x", "?p a owl:SymmetricProperty", "?x ?p ?y", data=(1,)),
    _rule("prp-trp", "?x ?p ?z",
          "?p a owl:TransitiveProperty", "?x ?p ?y", "?y ?p ?z", data=(1, 2)),
    _rule("prp-spo1", "?x ?p2 ?y", "?p1 rdfs:subPropertyOf ?p2", "?x ?p1 ?y", data=(1,)),
    _rule("prp-spo2", "?x ?p ?z", _CHAIN2, "?x ?p1 ?y", "?y ?p2 ?z", data=(1, 2)),
    _rule("prp-spo2", "?x ?p ?z", _CHAIN3, "?x ?p1 ?y1", "?y1 ?p2 ?y2", "?y2 ?p3 ?z",
          data=(1, 2, 3)),
    _rule("prp-inv1", "?y ?p2 ?x", "?p1 owl:inverseOf ?p2", "?x ?p1 ?y", data=(1,)),
    _rule("prp-inv2", "?y ?p1 ?x", "?p1 owl:inverseOf ?p2", "?x ?p2 ?y", data=(1,)),
    _rule("prp-key", "?x owl:sameAs ?y",
          "?c owl:hasKey ?l . ?l rdf:first ?p ; rdf:rest rdf:nil",
          "?x a ?c", "?y a ?c", "?x ?p ?z", "?y ?p ?z", data=(1, 2, 3, 4),
          filters="FILTER(!sameTerm(?x, ?y))"),
    # cls-int1 joins the first two members, then checks the rest of the list;
    # a new type for a third or later member is caught by the semi-naive variant.
    _rule("cls-int1", "?x a ?c",
          "?c owl:intersectionOf ?l . ?l rdf:first ?c1 ; rdf:rest ?r . ?r rdf:first ?c2 ; "
          "rdf:rest ?rest", "?x a ?c1", "?x a ?c2", data=(1, 2), filters=_ALL_MEMBERS),
    _rule("cls-int1", "?x a ?c",
          "?c owl:intersectionOf ?l . ?l rdf:rest/rdf:rest ?r . "
          "?r rdf:rest*/rdf:first ?cm", "?x a ?cm", data=(1,),
          filters=_ALL_MEMBERS.replace("?rest", "?l"), naive=False),
    _rule("cls-int1", "?x a ?c",
          "?c owl:intersectionOf ?l . ?l rdf:first ?c1 ; rdf:rest rdf:nil", "?x a ?c1",
          data=(1,)),
    _rule("cls-svf1", "?u a ?c",
          "?c owl:someValuesFrom ?y ; owl:onProperty ?p", "?u ?p ?v", "?v a ?y", data=(1, 2)),
    _rule("cls-svf2", "?u a ?c",
          "?c owl:someValuesFrom owl:Thing ; owl:onProperty ?p", "?u ?p ?v", data=(1,)),
    _rule("cls-avf", "?v a ?y",
          "?c owl:allValuesFrom ?y ; owl:onProperty ?p", "?u a ?c", "?u ?p ?v", data=(1, 2)),
    _rule("cls-hv1", "?u ?p ?y",
          "?c owl:hasValue ?y ; owl:onProperty ?p", "?u a ?c", data=(1,)),
    _rule("cls-hv2", "?u a ?c",
          "?c owl:hasValue ?y ; owl:onProperty ?p", "?u ?p ?y", data=(1,)),
    _rule("cls-maxc2", "?y1 owl:sameAs ?y2",
          "?c owl:maxCardinality ?n ; owl:onProperty ?p FILTER(?n = 1)",
          "?u a ?c", "?u ?p ?y1", "?u ?p ?y2", data=(1, 2, 3),
          filters="FILTER(!sameTerm(?y1, ?y2))"),
    _rule("cls-maxqc3", "?y1 owl:sameAs ?y2",
          "?c owl:maxQualifiedCardinality ?n ; owl:onProperty ?p ; owl:onClass ?k FILTER(?n = 1)",
          "?u a ?c", "?u ?p ?y1", "?y1 a ?k", "?u ?p ?y2", "?y2 a ?k", data=(1, 2, 3, 4, 5),
          filters="FILTER(!sameTerm(?y1, ?y2) && ?k != owl:Thing)"),
    _rule("cls-maxqc4", "?y1 owl:sameAs ?y2",
          "?c owl:maxQualifiedCardinality ?n ; owl:onProperty ?p ; owl:onClass owl:Thing "
          "FILTER(?n = 1)",
          "?u a ?c", "?u ?p ?y1", "?u ?p ?y2", data=(1, 2, 3),
          filters="FILTER(!sameTerm(?y1, ?y2))"),
    _rule("cls-oo", "?y a ?c", "?c owl:oneOf ?l . ?l rdf:rest*/rdf:first ?y"),
    _rule("cax-sco", "?x a ?c2", "?c1 rdfs:subClassOf ?c2", "?x a ?c1", data=(1,)),
)

# A derived triple in the delta with one of these predicates (or an rdf:type
# with one of these objects) changes the T-box: the engine then re-closes the
# schema and runs a naive round instead of a semi-naive one.
SCHEMA_PREDICATES: tuple[str, ...] = tuple(
    RDFS + n for n in ("subClassOf", "subPropertyOf", "domain", "range")
) + tuple(
    OWL + n
    for n in (
        "equivalentClass", "equivalentProperty", "inverseOf", "propertyChainAxiom",
        "intersectionOf", "unionOf", "oneOf", "someValuesFrom", "allValuesFrom", "hasValue",
        "onProperty", "onClass", "maxCardinality", "maxQualifiedCardinality", "hasKey",
    )
) + (RDF + "first", RDF + "rest")

SCHEMA_TYPES: tuple[str, ...] = tuple(
    OWL + n
    for n in (
        "FunctionalProperty", "InverseFunctionalProperty", "SymmetricProperty",
        "TransitiveProperty",
    )
)
