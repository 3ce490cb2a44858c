"""The source sentences behind a resource (its ``ck:evidence`` mentions)."""

from __future__ import annotations

import pyoxigraph as ox

from conflict_kg.namespaces import PREFIXES
from conflict_kg.store.base import GraphStore

_SENTENCES = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items()) + """
SELECT DISTINCT ?r ?text WHERE {
  VALUES ?r { %s }
  ?r ck:evidence ?m .
  OPTIONAL { ?m ck:sentence ?s . ?s nif:anchorOf ?st }
  OPTIONAL { ?m nif:anchorOf ?mt }
  BIND(COALESCE(?st, ?mt) AS ?text)
  FILTER(BOUND(?text))
}
"""


def sentences(store: GraphStore, resources: list[str], limit: int = 3) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    iris = sorted({r for r in resources if _is_iri(r)})
    for start in range(0, len(iris), 200):
        values = " ".join(f"<{iri}>" for iri in iris[start : start + 200])
        for row in store.query(_SENTENCES % values):
            texts = out.setdefault(row["r"].value, [])
            if len(texts) < limit and row["text"].value not in texts:
                texts.append(row["text"].value)
    return out


def _is_iri(value: str) -> bool:
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return "://" in value or value.startswith("urn:")
