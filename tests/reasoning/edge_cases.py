"""T-box corner cases shared by the template and specialisation tests."""

from __future__ import annotations

P = (
    "@prefix : <http://example.org/t#> . "
    "@prefix owl: <http://www.w3.org/2002/07/owl#> . "
    "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . "
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . "
)

# Corner cases of the head filters and of T-box triples derived from data.
EDGES = P + """
:name rdfs:range :Named ; rdfs:domain :HasName ; owl:inverseOf :nameOf ;
  rdfs:subPropertyOf :label2 .
:a :name "Alice" .
:knows a owl:SymmetricProperty ; rdfs:subPropertyOf owl:sameAs ; rdfs:range owl:Thing .
:x :knows :x . :x :knows :y .
owl:Thing rdfs:subClassOf :Top .
:t1 a owl:Thing .
:p2 rdfs:domain owl:Thing . :b :p2 :c .
:q rdfs:subPropertyOf _:blankProperty . :d :q :e .
:Solo owl:intersectionOf ( :Member ) . :m a :Member .
_:r a owl:Restriction ; owl:onProperty :has ; owl:someValuesFrom owl:Thing .
_:r rdfs:subClassOf :Haver . :u :has :v .
:meta rdfs:range owl:TransitiveProperty . :z :meta :partOf .
:k1 :partOf :k2 . :k2 :partOf :k3 .
:broader a owl:TransitiveProperty ; rdfs:subPropertyOf rdfs:subClassOf .
:A :broader :B . :B :broader :C . :i a :A .
:sym a owl:SymmetricProperty . :s1 :sym "lit" . :s2 :sym :s2 .
"""
