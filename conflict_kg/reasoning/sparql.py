"""Rendering rules into SPARQL updates for each evaluation mode."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import pyoxigraph as ox

from conflict_kg.namespaces import OWL, RDF, RDFS
from conflict_kg.reasoning.rules import PREFIXES, Rule


class Mode(Enum):
    FORWARD = "forward"  # derive new triples into the inferred graph and the next delta
    OVERDELETE = "overdelete"  # DRed: mark inferred triples that used a removed premise
    REDERIVE = "rederive"  # DRed: put back marked triples still derivable


@dataclass(frozen=True)
class Graphs:
    """The graphs an evaluation reads and writes (IRIs without angle brackets)."""

    inferred: str
    delta: str
    new: str
    deleted: str


def _head_filters(rule: Rule) -> list[str]:
    s, p, o = rule.head_terms
    conds = []
    if s.startswith("?"):
        conds.append(f"!isLiteral({s})")
    if p.startswith("?"):
        conds.append(f"isIRI({p})")
    if s.startswith("?") and o.startswith("?"):
        if p.startswith("?"):
            conds.append(f"!(sameTerm({p}, owl:sameAs) && sameTerm({s}, {o}))")
        elif p == "owl:sameAs":
            conds.append(f"!sameTerm({s}, {o})")
    if o.startswith("?"):
        if p.startswith("?"):
            conds.append(f"!(sameTerm({p}, rdf:type) && sameTerm({o}, owl:Thing))")
        elif p == "a":
            conds.append(f"!sameTerm({o}, owl:Thing)")
    return [f"FILTER({c})" for c in conds]


def render(
    rule: Rule,
    mode: Mode,
    graphs: Graphs,
    delta_atom: int | None,
    delta_values: str | None = None,
    first: str | None = None,
) -> str:
    """One SPARQL update applying ``rule`` once.

    ``delta_atom`` is the body atom matched against the delta graph (``None``:
    every atom reads the union of all named graphs, i.e. a naive step).
    ``delta_values``, a ``VALUES`` block binding that atom's variables to the
    delta's matching triples, replaces the graph lookup (a small delta is then
    joined from its own rows, whatever the size of the store).  ``first``: a group
    (e.g. a ``VALUES`` block) put before the atoms.
    """
    body = rule.body
    atoms = []
    order = list(range(len(body)))
    if delta_atom is not None:
        order.remove(delta_atom)
        order.insert(0, delta_atom)
    for i in order:
        if i == delta_atom and delta_values is not None:
            atoms.append(delta_values)
            continue
        graph = f"<{graphs.delta}>" if i == delta_atom else f"?g{i}"
        atoms.append(f"GRAPH {graph} {{ {body[i]} }}")
    head = rule.head
    parts = [*([first] if first else []), *atoms, *_head_filters(rule)]
    if mode is Mode.FORWARD:
        parts.append(f"FILTER NOT EXISTS {{ GRAPH ?gh {{ {head} }} }}")
        insert = f"GRAPH <{graphs.inferred}> {{ {head} }} GRAPH <{graphs.new}> {{ {head} }}"
    elif mode is Mode.OVERDELETE:
        parts.append(f"FILTER EXISTS {{ GRAPH <{graphs.inferred}> {{ {head} }} }}")
        parts.append(f"FILTER NOT EXISTS {{ GRAPH <{graphs.deleted}> {{ {head} }} }}")
        insert = f"GRAPH <{graphs.deleted}> {{ {head} }} GRAPH <{graphs.new}> {{ {head} }}"
    else:
        # Candidates wait in the default graph, which GRAPH ?g never matches.
        parts.insert(0, f"{{ {head} }}")
        parts.append(f"FILTER NOT EXISTS {{ GRAPH ?gh {{ {head} }} }}")
        insert = f"GRAPH <{graphs.inferred}> {{ {head} }} GRAPH <{graphs.new}> {{ {head} }}"
    parts.append(rule.filters)
    where = "\n  ".join(p for p in parts if p)
    return f"{PREFIXES}# {rule.name}\nINSERT {{ {insert} }}\nWHERE {{\n  {where}\n}}"


def render_guard(rule: Rule) -> str | None:
    """An ASK that is false when the T-box gives ``rule`` nothing to work with."""
    atoms = rule.schema_atoms
    if not atoms:
        return None
    where = " ".join(f"GRAPH ?g{i} {{ {a} }}" for i, a in enumerate(atoms))
    return f"{PREFIXES}ASK {{ {where} }}"


def render_rederivable(rule: Rule) -> str:
    """An ASK that holds when ``rule`` derives its head in one step from the named graphs.

    The head's variables are meant to be bound (as substitutions) to one candidate
    triple: the ASK then stops at the first derivation, where an ``INSERT`` over
    every candidate enumerated them all (a class with 25,000 supporting triples
    cost seconds per removal).  The candidate itself must be in no named graph.
    """
    atoms = [f"GRAPH ?g{i} {{ {atom} }}" for i, atom in enumerate(rule.body)]
    parts = [*atoms, *_head_filters(rule), rule.filters]
    where = "\n  ".join(p for p in parts if p)
    return f"{PREFIXES}# {rule.name}\nASK {{\n  {where}\n}}"


Term = ox.NamedNode | ox.BlankNode | ox.Literal


def bind_atom(atom: str, triple: ox.Triple) -> dict[str, Term] | None:
    """The bindings (variable names without ``?``) under which the simple triple
    pattern ``atom`` matches ``triple``, or None when it does not match."""
    tokens = atom.split()
    if len(tokens) != 3:
        raise ValueError(f"not a simple triple pattern: {atom!r}")
    bound: dict[str, Term] = {}
    for token, term in zip(tokens, (triple.subject, triple.predicate, triple.object), strict=True):
        if not token.startswith("?"):
            if _constant(token) != term:
                return None
        elif bound.setdefault(token[1:], term) != term:  # type: ignore[arg-type]
            return None
    return bound


def values_for(atom: str, triples: list[ox.Triple], limit: int = 2000) -> str | None:
    """A VALUES block of ``triples`` matching the simple triple pattern ``atom``.

    ``""`` when none matches; ``None`` when the atom is not a simple pattern,
    a match holds a blank node (not allowed in VALUES) or there are too many.
    """
    return DeltaValues(triples, limit).for_atom(atom)


class DeltaValues:
    """:func:`values_for` over one delta for many atoms.

    A round renders every rule's every data atom against the same delta: the
    triples are grouped by predicate once, and the rows of atoms of the same
    shape (``?x ?p ?y`` in one rule, ``?s ?p ?o`` in another) are built once.
    """

    def __init__(self, triples: list[ox.Triple], limit: int = 2000) -> None:
        self.triples = triples
        self.limit = limit
        self._by_predicate: dict[ox.NamedNode, list[ox.Triple]] | None = None
        self._rows: dict[tuple[object, ...], list[str] | None] = {}

    def _with_predicate(self, predicate: ox.NamedNode) -> list[ox.Triple]:
        if self._by_predicate is None:
            self._by_predicate = {}
            for t in self.triples:
                self._by_predicate.setdefault(t.predicate, []).append(t)  # type: ignore[arg-type]
        return self._by_predicate.get(predicate, [])

    def for_atom(self, atom: str) -> str | None:
        tokens = atom.split()
        if len(tokens) != 3:
            return None
        constants = [_constant(t) for t in tokens]
        variables = list(dict.fromkeys(t for t in tokens if t.startswith("?")))
        # The shape: each position's constant, or the index of its variable.
        shape = tuple(c if c is not None else variables.index(t)
                      for t, c in zip(tokens, constants, strict=True))
        if shape not in self._rows:
            self._rows[shape] = self._matching_rows(shape, len(variables))
        rows = self._rows[shape]
        if rows is None:
            return None
        if not rows:
            return ""
        return f"VALUES ({' '.join(variables)}) {{ {' '.join(rows)} }}"

    def _matching_rows(self, shape: tuple[object, ...], width: int) -> list[str] | None:
        predicate = shape[1]
        triples = (self._with_predicate(predicate) if isinstance(predicate, ox.NamedNode)
                   else self.triples)
        rows: list[str] = []
        for triple in triples:
            terms = (triple.subject, triple.predicate, triple.object)
            bound: list[object] = [None] * width
            ok = True
            for slot, term in zip(shape, terms, strict=True):
                if not isinstance(slot, int):
                    ok = slot == term
                elif bound[slot] is None:
                    bound[slot] = term
                else:
                    ok = bound[slot] == term
                if not ok:
                    break
            if not ok:
                continue
            if any(isinstance(t, ox.BlankNode) for t in bound):
                return None
            rows.append("(" + " ".join(str(t) for t in bound) + ")")
            if len(rows) > self.limit:
                return None
        return rows


def _constant(token: str) -> ox.NamedNode | None:
    if token.startswith("?"):
        return None
    if token == "a":
        return ox.NamedNode(RDF + "type")
    if token.startswith("<") and token.endswith(">"):
        return ox.NamedNode(token[1:-1])
    prefix, _, local = token.partition(":")
    return ox.NamedNode({"rdf": RDF, "rdfs": RDFS, "owl": OWL}[prefix] + local)
