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
    tokens = atom.split()
    if len(tokens) != 3:
        return None
    constants = [_constant(t) for t in tokens]
    rows: list[str] = []
    variables = list(dict.fromkeys(t for t in tokens if t.startswith("?")))
    for triple in triples:
        terms = (triple.subject, triple.predicate, triple.object)
        bound: dict[str, object] = {}
        ok = True
        for token, constant, term in zip(tokens, constants, terms, strict=True):
            if constant is not None:
                ok = constant == term
            elif token in bound:
                ok = bound[token] == term
            else:
                bound[token] = term
            if not ok:
                break
        if not ok:
            continue
        if any(isinstance(t, ox.BlankNode) for t in bound.values()):
            return None
        rows.append("(" + " ".join(str(bound[v]) for v in variables) + ")")
        if len(rows) > limit:
            return None
    if not rows:
        return ""
    return f"VALUES ({' '.join(variables)}) {{ {' '.join(rows)} }}"


def _constant(token: str) -> ox.NamedNode | None:
    if token.startswith("?"):
        return None
    if token == "a":
        return ox.NamedNode(RDF + "type")
    if token.startswith("<") and token.endswith(">"):
        return ox.NamedNode(token[1:-1])
    prefix, _, local = token.partition(":")
    return ox.NamedNode({"rdf": RDF, "rdfs": RDFS, "owl": OWL}[prefix] + local)
