"""The naive step of ``prp-fp`` and ``prp-ifp``, joined only where it can derive.

``prp-fp`` joins every ``?x ?p ?y1`` of a functional property with every ``?x ?p
?y2``, across graphs: a node whose value is repeated in N document graphs gives N²
pairs, all filtered out (``?y1 = ?y2``).  Each document graph holds its ingest run's
``ck:startedAt``, so one run of N documents made that N² (10^6 at 1,000 documents:
most of a full closure on disk).  Only a node with two distinct values can derive a
``owl:sameAs``: those are found first with one aggregate (linear), and the rule runs
with them bound (``VALUES``), a block of them at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pyoxigraph as ox

from conflict_kg.reasoning.rules import PREFIXES, Rule

# rule -> (the variables that must be shared, the one that must differ)
_SHARED = {"prp-fp": ("?x", "?p", "?y1"), "prp-ifp": ("?p", "?y", "?x1")}
BLOCK = 500


def bound_groups(rule: Rule, query: Callable[[str], Iterable[Any]]) -> Iterator[str] | None:
    """``VALUES`` blocks of the nodes ``rule`` can derive from (nothing: no block), or
    None when the rule is not one of these or a node is a blank node (then run it whole).

    ``query``: the store's ``query`` method.
    """
    if rule.name not in _SHARED:
        return None
    *keys, varying = _SHARED[rule.name]
    schema, data = rule.body[0], rule.body[rule.data[0]]
    if 0 in rule.data or any(v not in data.split() for v in (*keys, varying)):
        return None  # a specialised form (see specialise.py): run it as it is
    sparql = (f"{PREFIXES}SELECT {' '.join(keys)} WHERE {{ GRAPH ?gs {{ {schema} }} "
              f"GRAPH ?gd {{ {data} }} }} GROUP BY {' '.join(keys)} "
              f"HAVING (COUNT(DISTINCT {varying}) > 1)")
    rows = [[r[k[1:]] for k in keys] for r in query(sparql)]
    if any(isinstance(t, ox.BlankNode) for row in rows for t in row):
        return None
    return (f"VALUES ({' '.join(keys)}) {{ "
            + " ".join("(" + " ".join(str(t) for t in row) + ")"
                       for row in rows[start:start + BLOCK]) + " }"
            for start in range(0, len(rows), BLOCK))
