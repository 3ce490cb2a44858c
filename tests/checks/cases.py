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


# Turtle that trips every shape file in some way, beside nodes that conform.
SHAPE_FAULTS = """
:m1 a ck:Memorandum ; ck:party :syria .
:m2 a ck:Agreement ; ck:party :syria , :latakia . :latakia a ck:City .
:m3 a ck:Agreement ; ck:party :syria , :russia ; ck:provision :p1 , :p3 .
:m4 a ck:Agreement ; ck:party "Syria" , :russia ; ck:provision :p1 .
:p1 a ck:Provision . :p2 a ck:Provision . :p3 a ck:Provision .
:c1 a ck:Claim ; ck:stance ck:blames , ck:denies ; ck:claimant "someone" .
:c2 a ck:Claim ; ck:claimant :russia ; ck:evidence :c2m ; ck:stance :notAStance .
:c3 a ck:Claim ; ck:claimant :russia ; ck:evidence :c3m ; ck:certainty ck:likely .
:e1 ck:date "2018-13-40"^^xsd:date ; ck:startDate "2018-09-17"^^xsd:date ,
    "2018-09-16"^^xsd:date .
:e2 ck:startDate "2018-09-17"^^xsd:date ; ck:endDate "2018-09-10"^^xsd:date .
:e3 ck:startDate "2018"^^xsd:gYear ; ck:endDate "2019-01"^^xsd:gYearMonth .
:e4 ck:signingDate "17 September 2018" ; ck:deadline "2018-10-15"^^xsd:date .
<http://example.org/doc/d1> a ck:Document ; nif:isString "Ships fired at the port." ;
    ck:contentHash "xyz" ;
    ck:sourceUrl "http://example.org/not-an-iri" .
<http://example.org/doc/d1#char=0,5> a ck:Mention ;
    nif:referenceContext <http://example.org/doc/d1> ;
    nif:beginIndex 0 ; nif:endIndex 5 ; nif:anchorOf "Ships" .
<http://example.org/doc/d1#char=6,11> a ck:Mention ;
    nif:referenceContext <http://example.org/doc/d1> ;
    nif:beginIndex 6 ; nif:endIndex 11 ; nif:anchorOf "shot" .
:badname a ck:Mention ;
    nif:referenceContext <http://example.org/doc/d1> ; nif:beginIndex 12 ; nif:endIndex 14 ;
    nif:anchorOf "at" .
<http://example.org/doc/d1#char=20,90> a ck:Mention ;
    nif:referenceContext <http://example.org/doc/d1> ;
    nif:beginIndex 20 ; nif:endIndex 90 .
:c2m a ck:Mention ; nif:beginIndex -1 .
:pos1 a ck:Position ; ck:holder :russia ; ck:positionIn :ministry , :army ; ck:role ck:minister .
:q1 a ck:Quantity .
:q2 a ck:Quantity ; ck:lowerBound 10 ; ck:upperBound 5 .
:e5 ck:deaths [ a ck:Quantity ; ck:value 3 , 4 ] , [ a ck:Quantity ; ck:lowerBound 2 ] .
"""
