"""A structural checker for the OWL 2 RL profile, over the RDF form of an ontology.

OWL 2 RL restricts *where* each class constructor may appear (OWL 2 Profiles,
section 4.2): existentials and unions only on the left of SubClassOf,
universals and complements only on the right, max cardinality 0/1 only on the
right, and no min/exact cardinality, self restriction, disjoint union,
reflexive property or datatype restriction anywhere; and, as in OWL 2 DL, a
transitive or chain-defined property cannot be functional, irreflexive,
asymmetric, disjoint or counted.  Staying inside it keeps owlrl's closure
complete.  This checker walks every position a class expression can take and
reports what is outside the profile.

A test helper, not a runtime module: the ontology ships with the package and
``bundled.py`` keeps the store's copy equal to it, so staying inside the profile
is a property of ``ontology/*.ttl``, checked by ``tests/ontology/test_profile.py``
before a release (issue #18: it had no runtime caller).

>>> from rdflib import Graph
>>> g = Graph().parse(format="turtle", data='''
...   @prefix owl: <http://www.w3.org/2002/07/owl#> .
...   @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
...   <urn:A> rdfs:subClassOf [ owl:unionOf ( <urn:B> <urn:C> ) ] .''')
>>> check_owl2rl(g)
['superclass position: owl:unionOf is not allowed (class <urn:A> rdfs:subClassOf ...)']
"""

from __future__ import annotations

from enum import Enum

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib import namespace as rdflib_namespace
from rdflib.collection import Collection
from rdflib.namespace import OWL
from rdflib.term import Node


class Position(Enum):
    SUB = "subclass"
    SUPER = "superclass"
    EQUIV = "equivalent-class"


# OWL 2 RL datatypes (Profiles, 4.2: the datatype map minus owl:real's
# extensions is kept; xsd:date/gYear are not in OWL 2 at all).
RL_DATATYPES: frozenset[URIRef] = frozenset(
    [
        RDF.PlainLiteral,
        RDF.XMLLiteral,
        RDFS.Literal,
        OWL.real,
        OWL.rational,
        *(
            rdflib_namespace.XSD[n]
            for n in (
                "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger "
                "negativeInteger long int short byte unsignedLong unsignedInt unsignedShort "
                "unsignedByte double float string normalizedString token language Name "
                "NCName NMTOKEN boolean hexBinary base64Binary anyURI dateTime "
                "dateTimeStamp"
            ).split()
        ),
    ]
)

_NEVER = {
    OWL.minCardinality: "owl:minCardinality",
    OWL.cardinality: "owl:cardinality",
    OWL.minQualifiedCardinality: "owl:minQualifiedCardinality",
    OWL.qualifiedCardinality: "owl:qualifiedCardinality",
    OWL.hasSelf: "owl:hasSelf",
}
_MAX = (OWL.maxCardinality, OWL.maxQualifiedCardinality)


def _name(node: Node) -> str:
    return f"<{node}>" if isinstance(node, URIRef) else "a blank node"


class _Checker:
    def __init__(self, graph: Graph) -> None:
        self.g = graph
        self.errors: list[str] = []

    def error(self, position: Position, message: str, where: str) -> None:
        self.errors.append(f"{position.value} position: {message} ({where})")

    def members(self, node: Node) -> list[Node]:
        return list(Collection(self.g, node))  # type: ignore[arg-type]

    def is_data_property(self, prop: Node) -> bool:
        return (prop, RDF.type, OWL.DatatypeProperty) in self.g

    def datarange(self, node: Node, where: str) -> None:
        if isinstance(node, URIRef):
            if node not in RL_DATATYPES and (node, RDF.type, OWL.Class) not in self.g:
                self.errors.append(f"datatype {node} is not in the OWL 2 RL datatype map ({where})")
            return
        if (node, OWL.withRestrictions, None) in self.g:
            self.errors.append(f"datatype restrictions are not allowed in OWL 2 RL ({where})")
        for kind in (OWL.unionOf, OWL.complementOf, OWL.datatypeComplementOf, OWL.oneOf):
            if (node, kind, None) in self.g:
                self.errors.append(f"data range {self.g.qname(kind)} is not allowed ({where})")
        for inner in self.g.objects(node, OWL.intersectionOf):
            for member in self.members(inner):
                self.datarange(member, where)

    def expression(self, node: Node, pos: Position, where: str) -> None:
        """Check one class expression in the given position."""
        if isinstance(node, URIRef):
            if node == OWL.Thing and pos is not Position.SUB:
                self.error(pos, "owl:Thing is not allowed", where)
            return
        if isinstance(node, Literal):
            self.error(pos, f"a literal {node!r} is not a class expression", where)
            return
        g = self.g
        for inner in g.objects(node, OWL.intersectionOf):
            for member in self.members(inner):
                self.expression(member, pos, where)
        for inner in g.objects(node, OWL.unionOf):
            if pos is not Position.SUB:
                self.error(pos, "owl:unionOf is not allowed", where)
            for member in self.members(inner):
                self.expression(member, Position.SUB, where)
        for inner in g.objects(node, OWL.complementOf):
            if pos is not Position.SUPER:
                self.error(pos, "owl:complementOf is not allowed", where)
            self.expression(inner, Position.SUB, where)
        if (node, OWL.oneOf, None) in g and pos is not Position.SUB:
            self.error(pos, "owl:oneOf is not allowed", where)
        if (node, OWL.onProperty, None) in g:
            self.restriction(node, pos, where)

    def restriction(self, node: Node, pos: Position, where: str) -> None:
        g = self.g
        prop = g.value(node, OWL.onProperty)
        data = prop is not None and self.is_data_property(prop)
        for predicate, label in _NEVER.items():
            if (node, predicate, None) in g:
                self.error(pos, f"{label} is not allowed", where)
        for filler in g.objects(node, OWL.someValuesFrom):
            if pos is not Position.SUB:
                self.error(pos, "owl:someValuesFrom (existential) is not allowed", where)
            if data:
                self.datarange(filler, where)
            elif filler != OWL.Thing:
                self.expression(filler, Position.SUB, where)
        for filler in g.objects(node, OWL.allValuesFrom):
            if pos is not Position.SUPER:
                self.error(pos, "owl:allValuesFrom (universal) is not allowed", where)
            if data:
                self.datarange(filler, where)
            else:
                self.expression(filler, Position.SUPER, where)
        for predicate in _MAX:
            for value in g.objects(node, predicate):
                if pos is not Position.SUPER:
                    self.error(pos, "max cardinality is not allowed", where)
                if not (isinstance(value, Literal) and str(value) in ("0", "1")):
                    self.error(pos, f"max cardinality {value} (only 0 or 1)", where)
        for filler in g.objects(node, OWL.onClass):
            if filler != OWL.Thing:
                self.expression(filler, Position.SUB, where)
        for filler in g.objects(node, OWL.onDataRange):
            self.datarange(filler, where)

    def non_simple_properties(self) -> set[Node]:
        """Transitive or chain-defined properties, their inverses and super-properties."""
        g = self.g
        found: set[Node] = set(g.subjects(OWL.propertyChainAxiom, None))
        found |= set(g.subjects(RDF.type, OWL.TransitiveProperty))
        changed = True
        while changed:
            before = len(found)
            for sub, sup in g.subject_objects(RDFS.subPropertyOf):
                if sub in found:
                    found.add(sup)
            for a, b in g.subject_objects(OWL.inverseOf):
                if a in found or b in found:
                    found |= {a, b}
            changed = len(found) != before
        return found

    def global_restrictions(self) -> None:
        """OWL 2 DL's restriction on simple properties, which OWL 2 RL inherits."""
        g = self.g
        non_simple = self.non_simple_properties()
        simple_only = [
            (OWL.FunctionalProperty, "functional"),
            (OWL.InverseFunctionalProperty, "inverse functional"),
            (OWL.IrreflexiveProperty, "irreflexive"),
            (OWL.AsymmetricProperty, "asymmetric"),
        ]
        for prop in sorted(non_simple, key=str):
            for kind, word in simple_only:
                if (prop, RDF.type, kind) in g:
                    self.errors.append(
                        f"{_name(prop)} is transitive or defined by a property chain, "
                        f"so it cannot be {word}"
                    )
            if (prop, OWL.propertyDisjointWith, None) in g or (
                None,
                OWL.propertyDisjointWith,
                prop,
            ) in g:
                self.errors.append(f"{_name(prop)} is not simple and cannot be disjoint")
            for restriction in g.subjects(OWL.onProperty, prop):
                if any((restriction, p, None) in g for p in (*_MAX, OWL.hasSelf)):
                    self.errors.append(f"{_name(prop)} is not simple and cannot take a cardinality")

    def run(self) -> list[str]:
        g = self.g
        self.global_restrictions()
        for s, o in g.subject_objects(RDFS.subClassOf):
            where = f"class {_name(s)} rdfs:subClassOf ..."
            self.expression(s, Position.SUB, where)
            self.expression(o, Position.SUPER, where)
        for s, o in g.subject_objects(OWL.equivalentClass):
            where = f"{_name(s)} owl:equivalentClass ..."
            self.expression(s, Position.EQUIV, where)
            self.expression(o, Position.EQUIV, where)
        for s, o in g.subject_objects(OWL.disjointWith):
            where = f"{_name(s)} owl:disjointWith ..."
            self.expression(s, Position.SUB, where)
            self.expression(o, Position.SUB, where)
        for s in g.subjects(RDF.type, OWL.AllDisjointClasses):
            for members in g.objects(s, OWL.members):
                for member in self.members(members):
                    self.expression(member, Position.SUB, "owl:AllDisjointClasses")
        for prop, cls in g.subject_objects(RDFS.domain):
            self.expression(cls, Position.SUPER, f"rdfs:domain of {_name(prop)}")
        for prop, cls in g.subject_objects(RDFS.range):
            where = f"rdfs:range of {_name(prop)}"
            if self.is_data_property(prop):
                self.datarange(cls, where)
            else:
                self.expression(cls, Position.SUPER, where)
        for ind, cls in g.subject_objects(RDF.type):
            if isinstance(cls, BNode):
                self.expression(cls, Position.SUPER, f"class assertion of {_name(ind)}")
        for cls in g.subjects(OWL.hasKey, None):
            self.expression(cls, Position.SUB, f"owl:hasKey on {_name(cls)}")
        for s in g.subjects(OWL.disjointUnionOf, None):
            self.errors.append(f"owl:disjointUnionOf is not allowed in OWL 2 RL ({_name(s)})")
        for s in g.subjects(RDF.type, OWL.ReflexiveProperty):
            self.errors.append(f"owl:ReflexiveProperty is not allowed in OWL 2 RL ({_name(s)})")
        for s in g.subjects(OWL.hasSelf, None):
            if not any(True for _ in g.subjects(None, s)):
                self.errors.append("owl:hasSelf is not allowed in OWL 2 RL (unused restriction)")
        return sorted(set(self.errors))


def check_owl2rl(graph: Graph) -> list[str]:
    """Return one message per construct outside OWL 2 RL; empty when the graph is inside."""
    return _Checker(graph).run()
