"""The ontology's class hierarchy as the pages need it: every subclass of a class.

Read from the store (the ontology graph is always loaded), closed in Python:
the store need not be reasoned, and Virtuoso 7 mis-evaluates ``rdfs:subClassOf*``
paths joined with other patterns (see pages_entity).
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from conflict_kg.namespaces import ONTOLOGY, RDF, RDFS

TYPE = RDF + "type"
_SUBCLASSES = f"SELECT ?a ?b WHERE {{ ?a <{RDFS}subClassOf> ?b . FILTER(isIRI(?a) && isIRI(?b)) }}"


class Hierarchy:
    """Subclass closure of the ontology's classes (one query per page)."""

    def __init__(self, store: Any) -> None:
        self._down: dict[str, set[str]] = {}
        for row in store.query(_SUBCLASSES):
            self._down.setdefault(row["b"].value, set()).add(row["a"].value)

    def below(self, cls: str) -> set[str]:
        """``cls`` and every class under it."""
        seen = {cls}
        todo = [cls]
        while todo:
            for sub in self._down.get(todo.pop(), ()):
                if sub not in seen:
                    seen.add(sub)
                    todo.append(sub)
        return seen

    def is_a(self, types: set[str], cls: str) -> bool:
        return bool(types & self.below(cls))


def ck(name: str) -> str:
    return ONTOLOGY + name


def most_specific(h: Hierarchy, types: set[str]) -> list[str]:
    """The ``ck:`` types of ``types`` that no other of them is a subclass of."""
    mine = {t for t in types if t.startswith(ONTOLOGY)}
    return sorted(t for t in mine if not any(o != t and o in h.below(t) for o in mine))


#: Browse starts from these (title, class); each counts its subclasses' instances too.
ANALYST_CLASSES = (
    ("States", ONTOLOGY + "State"), ("Armed forces", ONTOLOGY + "ArmedForce"),
    ("Armed groups", ONTOLOGY + "NonStateArmedGroup"), ("Persons", ONTOLOGY + "Person"),
    ("Weapon systems", ONTOLOGY + "WeaponSystem"), ("Weapon models", ONTOLOGY + "WeaponModel"),
    ("Events", ONTOLOGY + "Event"), ("Agreements", ONTOLOGY + "Agreement"),
    ("Claims", ONTOLOGY + "Claim"), ("Documents", ONTOLOGY + "Document"),
)


def analyst_class_counts(store: Any) -> list[tuple[str, str, int]]:
    """(title, class, distinct instances of it or a subclass) for each analyst class.

    The subclasses are IRIs of the loaded ontology, written into VALUES as N-Triples
    terms (``str(NamedNode)``, which escapes), never request text. One query per class.
    """
    h = Hierarchy(store)
    out = []
    for title, cls in ANALYST_CLASSES:
        values = " ".join(str(ox.NamedNode(c)) for c in sorted(h.below(cls)))
        query = (f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES ?c {{ {values} }} "
                 f"?x <{TYPE}> ?c . FILTER(isIRI(?x)) }}")
        n = next((int(r["n"].value) for r in store.query(query)), 0)
        out.append((title, cls, n))
    return out
