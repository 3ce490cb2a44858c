"""Reported figures (``ck:quantity`` and its subproperties: deaths, width...) as pages show them.

Each distinct figure of a kind for a thing is one row with the number of graphs
that state it (``GROUP BY``): N syndicated copies of a report are one figure
with N sources, never N rows. Used by the cards and by /contested.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from conflict_kg.namespaces import RDFS
from conflict_kg.server.pages.data import Linker
from conflict_kg.server.pages.hierarchy import ck

MAX_SOURCES = 3  # sources looked up per figure

Props = dict[str, list[Any]]  # property IRI -> values

# Each distinct figure of a kind for a thing once, with the number of graphs that state it.
_FIGURES = f"""SELECT ?resource ?kind ?v ?low ?high (COUNT(DISTINCT ?g) AS ?n)
  (SAMPLE(?what) AS ?countOf) (SAMPLE(?measure) AS ?unit) WHERE {{
  ?kind <{RDFS}subPropertyOf> <{ck("quantity")}> .
  GRAPH ?g {{ ?resource ?kind ?q }}
  FILTER(?g != ?inferred)
  OPTIONAL {{ ?q <{ck("value")}> ?v }}
  OPTIONAL {{ ?q <{ck("lowerBound")}> ?low }}
  OPTIONAL {{ ?q <{ck("upperBound")}> ?high }}
  FILTER(BOUND(?v) || BOUND(?low) || BOUND(?high))
  OPTIONAL {{ ?q <{ck("countOf")}> ?what }}
  OPTIONAL {{ ?q <{ck("unit")}> ?measure }}
}} GROUP BY ?resource ?kind ?v ?low ?high ORDER BY ?resource ?kind"""

# The same for one bound kind, any property (a provision's plain ck:quantity too).
_FIGURES_OF_KIND = _FIGURES.replace(
    f"?kind <{RDFS}subPropertyOf> <{ck('quantity')}> .", "")

# The graphs (and figure nodes) that state one figure: looked up per side, capped.
_FIGURE_SOURCES = f"""SELECT DISTINCT ?g ?q WHERE {{
  GRAPH ?g {{ ?resource ?kind ?q }} FILTER(?g != ?inferred)
  OPTIONAL {{ ?q <{ck("value")}> ?v0 }}
  OPTIONAL {{ ?q <{ck("lowerBound")}> ?low0 }}
  OPTIONAL {{ ?q <{ck("upperBound")}> ?high0 }}
  FILTER(COALESCE(STR(?v0), "") = ?v && COALESCE(STR(?low0), "") = ?low
         && COALESCE(STR(?high0), "") = ?high)
}} LIMIT 20"""

def iris_of(values: Iterable[Any]) -> list[ox.NamedNode]:
    return [v for v in values if isinstance(v, ox.NamedNode)]


def texts_of(values: Iterable[Any]) -> list[str]:
    return sorted({v.value for v in values if isinstance(v, ox.Literal)})


def _number(text: str) -> str:
    """``15.0`` as ``15``; anything else as it is."""
    try:
        f = float(text)
    except ValueError:
        return text
    return str(int(f)) if f.is_integer() else text


def quantity_text(linker: Linker, q: Props) -> str:
    """A figure in words: ``15–20 kilometres``, ``about 30 people``, ``at least 4``."""
    value = texts_of(q.get(ck("value"), []))
    low, high = texts_of(q.get(ck("lowerBound"), [])), texts_of(q.get(ck("upperBound"), []))
    if value:
        amount = " / ".join(_number(v) for v in value)
    elif low and high:
        amount = f"{_number(low[0])}–{_number(high[0])}"
    elif low:
        amount = f"at least {_number(low[0])}"
    elif high:
        amount = f"at most {_number(high[0])}"
    else:
        amount = "an unstated number of"
    if any(v.value == "true" for v in q.get(ck("approximate"), []) if isinstance(v, ox.Literal)):
        amount = "about " + amount
    unit = [linker.label(u.value) for u in iris_of(q.get(ck("unit"), []))]
    what = unit or texts_of(q.get(ck("countOf"), []))
    if what:
        noun = what[0]
        plural = not (value and value[0] in ("1", "1.0")) and not noun.endswith("s")
        if plural and unit:
            noun += "s"
        return f"{amount} {noun}"
    return amount


def figure_text(linker: Linker, row: Any) -> str:
    q: dict[str, list[Any]] = {}
    for key, prop in (("v", "value"), ("low", "lowerBound"), ("high", "upperBound"),
                      ("countOf", "countOf"), ("unit", "unit")):
        if row[key] is not None:
            q[ck(prop)] = [row[key]]
    return quantity_text(linker, q)



def distinct_figures(linker: Linker, resource: str | None = None, kind: str | None = None
                     ) -> list[Any]:
    """The grouped figure rows (resource, kind, v, low, high, n, countOf, unit)."""
    subs: dict[str, ox.NamedNode] = {"inferred": ox.NamedNode(linker.ns.inferred_graph)}
    if resource is not None:
        subs["resource"] = ox.NamedNode(resource)
    if kind is not None:
        subs["kind"] = ox.NamedNode(kind)
        return list(linker.store.query(_FIGURES_OF_KIND, substitutions=subs))
    return list(linker.store.query(_FIGURES, substitutions=subs))


def figure_sources(linker: Linker, subject: str, kind: str, row: Any,
                   limit: int = MAX_SOURCES) -> list[tuple[str, str]]:
    """(graph, figure node) of up to ``limit`` graphs that state the figure of ``row``."""
    subs: dict[str, ox.NamedNode | ox.Literal] = {
        "resource": ox.NamedNode(subject), "kind": ox.NamedNode(kind),
        "inferred": ox.NamedNode(linker.ns.inferred_graph)}
    for key in ("v", "low", "high"):
        subs[key] = ox.Literal(row[key].value if row[key] is not None else "")
    rows = linker.store.query(_FIGURE_SOURCES, substitutions=subs)
    return [(found["g"].value, found["q"].value) for found in rows][:limit]


