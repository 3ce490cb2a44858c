"""IRIs: the fixed ontology namespace and the configurable data namespace.

Resources live under ``<base>id/<kind>/<slug>``, named graphs under
``<base>graph/...``.  Slugs are deterministic, so the same thing mentioned
in two documents gets the same IRI.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

ONTOLOGY = "https://w3id.org/conflict-kg/ontology#"
ONTOLOGY_BASE = "https://w3id.org/conflict-kg/ontology"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
ITSRDF = "http://www.w3.org/2005/11/its/rdf#"
PROV = "http://www.w3.org/ns/prov#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"

PREFIXES: dict[str, str] = {
    "ck": ONTOLOGY,
    "nif": NIF,
    "itsrdf": ITSRDF,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
}

_SLUG_INVALID = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Readable, deterministic slug: ASCII, lower case, hyphens.

    >>> slugify("Recep Tayyip Erdoğan")
    'recep-tayyip-erdogan'
    >>> slugify("  Il-20M ")
    'il-20m'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG_INVALID.sub("-", ascii_text.lower()).strip("-")
    if not slug:
        raise ValueError(f"cannot make an identifier from {text!r}")
    return slug


@dataclass(frozen=True)
class DataNamespace:
    """The data namespace of one deployment (see the ``base_iri`` setting)."""

    base: str

    def __post_init__(self) -> None:
        if not re.match(r"^https?://[^\s<>\"{}|\\^`]+/$", self.base):
            raise ValueError(f"base IRI must be an http(s) IRI ending in '/': {self.base!r}")

    def resource(self, kind: str, *parts: str) -> str:
        """IRI of a resource: ``<base>id/<kind>/<slug>[/<slug>...]``."""
        return self.base + "id/" + "/".join([slugify(kind), *(slugify(p) for p in parts)])

    def graph(self, *parts: str) -> str:
        return self.base + "graph/" + "/".join(slugify(p) for p in parts)

    @property
    def ontology_graph(self) -> str:
        return self.graph("ontology")

    @property
    def reference_graph(self) -> str:
        return self.graph("reference")

    @property
    def inferred_graph(self) -> str:
        return self.graph("inferred")

    def document_graph(self, doc_id: str) -> str:
        return self.graph("document", doc_id)

    def curated_graph(self, name: str) -> str:
        return self.graph("curated", name)
