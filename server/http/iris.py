"""Mapping between request paths and the IRIs they dereference, and back to links.

The data namespace is ``<base_iri>id/...`` (base from the settings), the
ontology namespace is fixed.  A request for ``/id/state/russia`` names
``<base_iri>id/state/russia`` whatever host served it, so the same server
works on localhost and behind a w3id redirect.

>>> m = IriMapper("https://w3id.org/conflict-kg/")
>>> m.data_iri("state/russia")
'https://w3id.org/conflict-kg/id/state/russia'
>>> m.href("https://w3id.org/conflict-kg/id/document/d1#char=0,6")
'/id/document/d1#char=0,6'
>>> m.href("https://w3id.org/conflict-kg/ontology#State")
'/ontology#State'
>>> m.href("https://w3id.org/conflict-kg/ontology/core")
'/ontology/core'
>>> m.href("http://www.w3.org/2002/07/owl#Class")
'http://www.w3.org/2002/07/owl#Class'
>>> m.href("javascript:alert(1)") is None
True
"""

from __future__ import annotations

from dataclasses import dataclass

from conflict_kg.namespaces import ONTOLOGY_BASE

#: Suffix twins of every resource page, by format key.
SUFFIXES = ("ttl", "jsonld", "nt", "rdf", "trig", "html")


@dataclass(frozen=True)
class IriMapper:
    base: str
    prefix: str = ""  # the app's script root, for links

    @property
    def data_base(self) -> str:
        return self.base + "id/"

    def data_iri(self, rest: str) -> str:
        return self.data_base + rest

    @staticmethod
    def ontology_iri(rest: str = "") -> str:
        return ONTOLOGY_BASE + (("/" + rest) if rest else "")

    def local_path(self, iri: str) -> str | None:
        """The path of this server that dereferences ``iri``, fragment kept, or None."""
        if iri.startswith(self.data_base):
            return self.prefix + "/id/" + iri[len(self.data_base):]
        if iri == ONTOLOGY_BASE or iri.startswith((ONTOLOGY_BASE + "#", ONTOLOGY_BASE + "/")):
            return self.prefix + "/ontology" + iri[len(ONTOLOGY_BASE):]
        return None

    def href(self, iri: str) -> str | None:
        """Where a link to ``iri`` should point: here if we serve it, else http(s) only."""
        local = self.local_path(iri)
        if local is not None:
            return local
        if iri.startswith(("http://", "https://")):
            return iri
        return None

    def twin(self, iri: str, suffix: str) -> str | None:
        """The path of the ``.ttl``/``.jsonld``/... twin of a resource we serve."""
        local = self.local_path(iri.split("#", 1)[0])
        if local is None:
            return None
        if local.rstrip("/").endswith("/ontology") or local == self.prefix + "/ontology":
            return f"{self.prefix}/ontology.{suffix}"
        return f"{local}.{suffix}"
