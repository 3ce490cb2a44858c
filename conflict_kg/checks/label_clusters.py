"""``sparql:probable-duplicates`` read from the store's indexes (the embedded store).

The check's query (``queries/checks/probable-duplicates.rq``) joins the keys that
two IRIs share back to every label of the store, which pyoxigraph evaluates
once per key: 3,683 keys by 60,750 labels on a 1,000-document feed ran for
more than 17 minutes.  Here the labels are read once, grouped by key in a
dict, and only the IRIs of shared keys have their stated classes looked up.
Same findings as the query (``tests/checks/test_label_clusters.py``), but the
members of a cluster are listed in IRI order (the query's GROUP_CONCAT order
is the engine's).
"""

from __future__ import annotations

import re
from collections import defaultdict

import pyoxigraph as ox

from conflict_kg.checks.triples import kept_quad
from conflict_kg.namespaces import DataNamespace
from conflict_kg.store.base import GraphStore
from conflict_kg.store.native import NativeQuads

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_LABELS = (ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
           ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"))
_SAME_AS = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
_OWL = "http://www.w3.org/2002/07/owl#"
_NOT_CLASSES = {_OWL + name for name in ("Thing", "NamedIndividual", "Class", "ObjectProperty",
                                         "DatatypeProperty", "AnnotationProperty")}
# The query's REPLACE pattern; \s as pyoxigraph reads it (Unicode white space, as
# Python does: a no-break space is ignored too).
_IGNORED = re.compile(r"[-_.,;:'\"/()\s]+")
_MEMBERS_SHOWN = 300



def key_of(label: str) -> str:
    """The check's key: the label without punctuation and spaces, lower-cased."""
    return _IGNORED.sub("", label).lower()


def probable_duplicates(store: GraphStore, ns: DataNamespace) -> set[tuple[str, str]]:
    quads = store.native_quads()
    # key -> IRI -> the labels of that IRI with that key
    by_key: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for predicate in _LABELS:
        for quad in quads.match(None, predicate, None, None):
            if (kept_quad(quad) and isinstance(quad.subject, ox.NamedNode)
                    and not isinstance(quad.object, ox.Triple | ox.BlankNode)):
                label = quad.object.value  # STR() of a literal or an IRI
                key = key_of(label)
                if key:
                    by_key[key][quad.subject.value].add(label)
    inferred = ns.inferred_graph
    classes: dict[str, set[str]] = {}
    found = set()
    for labelled in by_key.values():
        if len(labelled) < 2:
            continue
        clusters: dict[str, list[str]] = defaultdict(list)
        for iri in labelled:
            if iri not in classes:
                classes[iri] = _stated_classes(quads, iri, inferred)
            for cls in classes[iri]:
                clusters[cls].append(iri)
        for cls, members in clusters.items():
            if len(members) > 1:
                found.add(_finding(cls, sorted(members), labelled))
    return found


def _stated_classes(quads: NativeQuads, iri: str, inferred: str) -> set[str]:
    node, inferred_graph = ox.NamedNode(iri), ox.NamedNode(inferred)
    if any(kept_quad(q) and q.object != node for q in quads.match(node, _SAME_AS, None, None)):
        return set()  # linked by owl:sameAs: not reported
    return {q.object.value for q in quads.match(node, _RDF_TYPE, None, None)
            if kept_quad(q) and q.graph_name != inferred_graph
            and isinstance(q.object, ox.NamedNode) and q.object.value not in _NOT_CLASSES}


def _finding(cls: str, members: list[str], labelled: dict[str, set[str]]) -> tuple[str, str]:
    shown = min(label for iri in members for label in labelled[iri])
    listed = " ".join(members)
    if len(listed) > _MEMBERS_SHOWN:
        listed = listed[:_MEMBERS_SHOWN] + " ..."
    name = re.sub(r"^.*[#/]", "", cls)
    return members[0], (f"one of {len(members)} resources of class {name} labelled "
                        f"\"{shown}\" (not linked by owl:sameAs): {listed}")
