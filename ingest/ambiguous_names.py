"""Bare names that news uses for two states ("Congo", "Korea"), read within one document.

The gazetteer gives such a name to neither state (gazetteer/states.py, ``AMBIGUOUS``), so
"the presidents of Congo and Rwanda" found one party only. Within a document, the name
means the state that the document also names unambiguously: by a full name ("Democratic
Republic of the Congo"), its capital ("Kinshasa") or its government by metonym. When the
document names both candidates, or neither, the bare name stays unlinked: a wrong state is
worse than none.
"""

from __future__ import annotations

from collections.abc import Sequence

from conflict_kg.gazetteer.states import AMBIGUOUS
from conflict_kg.ingest.kb import Key, KnowledgeBase, ck, label_key

_MEMO = "ambiguous_names"
# The bare names read this way: each is the short name of both of its states. Not
# "Korea", which also names the peninsula and the state before 1948 ("across Korea").
SETTLED_BY_CONTEXT = frozenset({"congo", "the congo"})


def _candidates(kb: KnowledgeBase) -> dict[Key, frozenset[str]]:
    """Each ambiguous name's key → the states with a label that contains it as words."""
    if _MEMO not in kb.memo:
        found: dict[Key, set[str]] = {}
        ambiguous = [k for k in (label_key(n) for n in AMBIGUOUS & SETTLED_BY_CONTEXT)
                     if k]
        for label, entity in kb.names.items():
            if ck("State") not in kb.classes.get(entity, frozenset()):
                continue
            for name in ambiguous:
                if _contains(label, name):
                    found.setdefault(name, set()).add(entity)
        kb.memo[_MEMO] = {k: frozenset(v) for k, v in found.items() if len(v) > 1}
    memo: dict[Key, frozenset[str]] = kb.memo[_MEMO]
    return memo


def _contains(label: Key, name: Key) -> bool:
    n = len(name)
    return len(label) > n and any(label[i:i + n] == name for i in range(len(label) - n + 1))


def resolve(kb: KnowledgeBase, keys: Sequence[str]) -> dict[Key, str]:
    """The ambiguous names of ``keys`` (a document's folded tokens) that this document
    settles, each with its state."""
    candidates = _candidates(kb)
    if not candidates:
        return {}
    wanted = set().union(*candidates.values())
    capital_of = {city: state for state, city in kb.capitals.items() if state in wanted}
    named: set[str] = set()
    first = kb.first_tokens
    i = 0
    while i < len(keys):  # longest match first, as the entity finder reads names
        step = 1
        for length in range(min(first.get(keys[i], 0), len(keys) - i), 0, -1):
            key = tuple(keys[i:i + length])
            entity = kb.names.get(key) or kb.metonyms.get(key)
            if entity is not None:
                state = capital_of.get(entity) or kb.state_of(entity)
                if state in wanted:
                    named.add(state)
                step = length
                break
        i += step
    settled = {}
    for name, states in candidates.items():
        mentioned = states & named
        if len(mentioned) == 1:
            settled[name] = next(iter(mentioned))
    return settled
