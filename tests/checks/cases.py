"""Fixtures for every check: Turtle that must trip it, and a clean variant that must not."""

from __future__ import annotations

PREFIXES = """
@prefix : <http://example.org/c#> .
@prefix ck: <https://w3id.org/conflict-kg/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
"""

# The date-order declarations of the ontology that the fixtures rely on.
ORDER_RULES = """
ck:signingDate rdfs:subPropertyOf ck:date .
ck:effectiveFrom ck:notBefore ck:date .
ck:deadline ck:notBefore ck:date , ck:effectiveFrom .
ck:endDate ck:notBefore ck:startDate , ck:date .
ck:provision ck:sharesTimeline true .
"""

# check id -> (shared triples, triples that trip it, resource expected in the finding);
# loaded as TriG: the default graph is one document graph, GRAPH blocks are others.
CASES: dict[str, tuple[str, str, str]] = {
    "owl:cls-nothing2": (
        ":Ghost rdfs:subClassOf owl:Nothing .", ":g a :Ghost .", ":g"),
    "owl:cax-dw": (
        ":Agent owl:disjointWith :Place . :State rdfs:subClassOf :Agent . :s a :State .",
        ":s a :Place .", ":s"),
    "owl:cax-adc": (
        "[] a owl:AllDisjointClasses ; owl:members ( :Agent :Place :Event ) . :e a :Event .",
        ":e a :Agent .", ":e"),
    "owl:cls-com": (
        ":Civilian owl:complementOf :Combatant . :x a :Civilian .", ":x a :Combatant .", ":x"),
    "owl:prp-irp": (
        ":attacked a owl:IrreflexiveProperty . :a :attacked :b .", ":a :attacked :a .", ":a"),
    "owl:prp-asyp": (
        ":commands a owl:AsymmetricProperty . :a :commands :b .", ":b :commands :a .", ":a"),
    "owl:prp-pdw": (
        ":allyOf owl:propertyDisjointWith :enemyOf . :a :allyOf :b .", ":a :enemyOf :b .", ":a"),
    "owl:prp-adp": (
        "[] a owl:AllDisjointProperties ; owl:members ( :allyOf :enemyOf ) . :a :allyOf :b .",
        ":a :enemyOf :b .", ":a"),
    "owl:eq-diff1": (
        ":a owl:differentFrom :b . :id a owl:InverseFunctionalProperty . :a :id \"1\" .",
        ":b :id \"1\" .", ":a"),
    "owl:eq-diff2": (
        "[] a owl:AllDifferent ; owl:distinctMembers ( :a :b ) .", ":a owl:sameAs :b .", ":a"),
    "owl:prp-npa1": (
        "[] owl:sourceIndividual :a ; owl:assertionProperty :blamed ; owl:targetIndividual :b .",
        ":a :blamed :b .", ":a"),
    "owl:prp-npa2": (
        "[] owl:sourceIndividual :a ; owl:assertionProperty :code ; owl:targetValue \"X\" .",
        ":a :code \"X\" .", ":a"),
    "owl:cls-maxc1": (
        ":Neutral owl:onProperty :allyOf ; owl:maxCardinality 0 . :n a :Neutral .",
        ":n :allyOf :x .", ":n"),
    "owl:cls-maxqc1": (
        ":Unarmed owl:onProperty :has ; owl:maxQualifiedCardinality 0 ; owl:onClass :Weapon . "
        ":u a :Unarmed ; :has :radio . :gun a :Weapon .",
        ":u :has :gun .", ":u"),
    "owl:prp-fp-values": (
        "ck:value a owl:FunctionalProperty . :q ck:value 15 .", ":q ck:value 16 .", ":q"),
    "owl:cls-maxc2-values": (
        ":OneDate owl:onProperty :date ; owl:maxCardinality 1 . :e a :OneDate ; "
        ":date \"2018-09-17\"^^xsd:date .",
        ":e :date \"2018-09-18\"^^xsd:date .", ":e"),
    "owl:prp-fp-individuals": (
        ":seat a owl:FunctionalProperty . :gov :seat :moscow .", ":gov :seat :kremlin .", ":gov"),
    "owl:prp-fp-sources": (
        "ck:value a owl:FunctionalProperty . :q ck:value 15 .",
        "GRAPH <http://example.org/graph/document/other> { :q ck:value 16 . }", ":q"),
    "sparql:dates-out-of-order": (
        # The order rules are declarations (as in ontology/core.ttl and agreements.ttl).
        ORDER_RULES + ":m a ck:Agreement ; ck:signingDate \"2018-09-17\"^^xsd:date ; "
        "ck:provision :p . :p ck:deadline \"2018-10-10\"^^xsd:date .",
        ":p ck:effectiveFrom \"2018-09-01\"^^xsd:date .", ":p"),
    "sparql:conflicting-counts": (
        "ck:deaths rdfs:subPropertyOf ck:quantity . :e ck:deaths [ ck:value 15 ] .",
        ":e ck:deaths [ ck:value 20 ] .", ":e"),
    "sparql:claim-without-claimant-or-source": (
        ":c a ck:Claim ; ck:claimant :moscow ; ck:evidence :m . "
        ":m nif:anchorOf \"Moscow blamed Israel.\" .",
        ":c2 a ck:Claim ; ck:claimant :moscow .", ":c2"),
    "sparql:fact-without-source": (
        ":e a ck:Event ; ck:evidence :m . :m nif:anchorOf \"A strike hit the port.\" .",
        ":e2 a ck:Event .", ":e2"),
    "sparql:probable-duplicates": (
        ":a a ck:State ; rdfs:label \"Syria\" . :b a ck:Place ; rdfs:label \"Syria\" .",
        ":c a ck:State ; skos:prefLabel \"SYRIA \" .", ":a"),
    "sparql:contested-attribution": (
        # The ontology's stance hierarchy and the SKOS axioms it restates: the check reads
        # the closure the reasoner materializes (skos:broaderTransitive).
        "ck:holdsResponsible skos:broader ck:blames . "
        "skos:broader rdfs:subPropertyOf skos:broaderTransitive . "
        "skos:broaderTransitive a owl:TransitiveProperty . "
        ":c1 a ck:Claim ; ck:stance ck:blames ; ck:about :e ; ck:target :israel .",
        ":c2 a ck:Claim ; ck:stance ck:holdsResponsible ; ck:about :e ; ck:target :syria .",
        ":e"),
}
EXPECTED_SEVERITY = {
    "owl:prp-fp-individuals": "warning",
    "sparql:conflicting-counts": "warning",
    "owl:prp-fp-sources": "warning",
    "sparql:fact-without-source": "warning",
    "sparql:probable-duplicates": "warning",
    "sparql:contested-attribution": "info",
}
