"""Why does the graph hold a triple? The rule and premises, down to asserted sentences.

``explain(store, ns, s, p, o)`` looks the triple up: if a graph other than the
inferred one asserts it, that graph (and the sentence behind its subject) is
the answer; if only the inferred graph holds it, the first rule instance that
derives it from premises not already on the path is returned, with each
premise explained in turn.  T-box premises written as group patterns (RDF
lists, restrictions) are shown as text and not explained further.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from conflict_kg.namespaces import PREFIXES, RDF, DataNamespace
from conflict_kg.reasoning.rules import DATA_RULES, SCHEMA_RULES, Rule
from conflict_kg.store.base import GraphStore
from conflict_kg.store.oxigraph import STAGING_PREFIX

Term = ox.NamedNode | ox.BlankNode | ox.Literal
_SIMPLE = re.compile(r"^\s*(\S+)\s+(\S+)\s+(\S+)\s*$")
_PREFIX_LINES = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


@dataclass
class Explanation:
    triple: tuple[str, str, str]
    asserted_in: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    rule: str | None = None
    premises: list[Explanation] = field(default_factory=list)
    schema: list[str] = field(default_factory=list)  # T-box premises shown as text
    found: bool = True

    @property
    def asserted(self) -> bool:
        return bool(self.asserted_in)

    def render(self, indent: int = 0) -> str:
        pad = "  " * indent
        s, p, o = self.triple
        lines = [f"{pad}{s} {p} {o}"]
        if not self.found:
            lines.append(f"{pad}  (not in the graph)")
        for graph in self.asserted_in:
            lines.append(f"{pad}  asserted in {graph}")
        for sentence in self.sentences:
            lines.append(f'{pad}  sentence: "{sentence}"')
        if self.rule:
            lines.append(f"{pad}  inferred by {self.rule} from:")
            for text in self.schema:
                lines.append(f"{pad}    {text}")
            for premise in self.premises:
                lines.append(premise.render(indent + 2))
        return "\n".join(lines)


def parse_term(text: str) -> Term:
    """An IRI (``<...>`` or bare), a prefixed name, ``a``, ``_:b`` or an N-Triples literal."""
    text = text.strip()
    if text == "a":
        return ox.NamedNode(RDF + "type")
    if text.startswith("<") and text.endswith(">"):
        return ox.NamedNode(text[1:-1])
    if text.startswith("_:"):
        return ox.BlankNode(text[2:])
    if text.startswith('"'):
        head = _PREFIX_LINES.replace("PREFIX ", "@prefix ").replace(">\n", "> .\n")
        (quad,) = ox.parse(f"{head}<x:s> <x:p> {text} .".encode(), format=ox.RdfFormat.TURTLE)
        assert isinstance(quad.object, ox.Literal)
        return quad.object
    prefix, _, local = text.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        return ox.NamedNode(PREFIXES[prefix] + local)
    return ox.NamedNode(text)


def _show(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        for prefix, iri in PREFIXES.items():
            if term.value.startswith(iri) and re.match(r"^[\w-]*$", term.value[len(iri):]):
                return f"{prefix}:{term.value[len(iri):]}"
    return str(term)


def _expand(token: str) -> Term | None:
    """A constant token of a rule pattern, or None for a variable."""
    if token.startswith("?"):
        return None
    return parse_term(token)


class _Explainer:
    def __init__(self, store: GraphStore, ns: DataNamespace, max_depth: int) -> None:
        self.store = store
        self.ns = ns
        self.max_depth = max_depth

    def graphs_holding(self, s: Term, p: Term, o: Term) -> list[str]:
        rows = self.store.query(
            "SELECT * { GRAPH ?g { ?s ?p ?o } }", substitutions={"s": s, "p": p, "o": o}
        )
        return sorted(
            {r["g"].value for r in rows if not r["g"].value.startswith(STAGING_PREFIX)}
        )

    def sentences(self, subject: Term) -> list[str]:
        if isinstance(subject, ox.Literal):
            return []
        rows = self.store.query(
            _PREFIX_LINES + "SELECT DISTINCT * { ?s ck:evidence ?m . "
            "OPTIONAL { ?m ck:sentence/nif:anchorOf ?st } OPTIONAL { ?m nif:anchorOf ?mt } "
            "BIND(COALESCE(?st, ?mt) AS ?text) FILTER(BOUND(?text)) } LIMIT 3",
            substitutions={"s": subject},
        )
        return [r["text"].value for r in rows]

    def explain(self, s: Term, p: Term, o: Term, path: frozenset[tuple[Term, Term, Term]],
                depth: int) -> Explanation:
        node = Explanation((_show(s), _show(p), _show(o)))
        graphs = self.graphs_holding(s, p, o)
        asserted = [g for g in graphs if g != self.ns.inferred_graph]
        if asserted:
            node.asserted_in = asserted
            node.sentences = self.sentences(s)
            return node
        if not graphs:
            node.found = False
            return node
        if depth >= self.max_depth:
            node.rule = "(explanation depth limit reached)"
            return node
        best: tuple[float, str, list[tuple[Term, Term, Term]], list[str]] | None = None
        for rule in _PREFERRED:
            for premises, schema in self._instances(rule, s, p, o, path | {(s, p, o)}):
                direct = sum(1 for t in premises if self._asserted(*t))
                score = direct / len(premises) if premises else 1.0
                if best is None or score > best[0]:
                    best = (score, rule.name, premises, schema)
                if score == 1.0:
                    break
            if best is not None and best[0] == 1.0:
                break
        if best is None:
            node.rule = "(no single rule instance found: run `reason` again?)"
            return node
        _score, node.rule, premises, node.schema = best
        node.premises = [self.explain(*t, path | {(s, p, o)}, depth + 1) for t in premises]
        return node

    def _asserted(self, s: Term, p: Term, o: Term) -> bool:
        return any(g != self.ns.inferred_graph for g in self.graphs_holding(s, p, o))

    def _instances(self, rule: Rule, s: Term, p: Term, o: Term,
                   path: frozenset[tuple[Term, Term, Term]]
                   ) -> list[tuple[list[tuple[Term, Term, Term]], list[str]]]:
        bindings: dict[str, Term] = {}
        for token, value in zip(rule.head_terms, (s, p, o), strict=True):
            constant = _expand(token)
            if constant is None:
                if bindings.get(token[1:], value) != value:
                    return []
                bindings[token[1:]] = value
            elif constant != value:
                return []
        atoms = " ".join(f"GRAPH ?g{i} {{ {a} }}" for i, a in enumerate(rule.body))
        query = f"{_PREFIX_LINES}SELECT * WHERE {{ {atoms} {rule.filters} }} LIMIT 10"
        out = []
        for row in self.store.query(query, substitutions=bindings):
            solution = {**bindings, **{v.value: row[v] for v in row_vars(row, query)}}
            premises: list[tuple[Term, Term, Term]] = []
            schema: list[str] = []
            loop = False
            for atom in rule.body:
                simple = _SIMPLE.match(atom)
                if simple is None:
                    schema.append(_instantiate(atom, solution))
                    continue
                terms = []
                for token in simple.groups():
                    constant = _expand(token)
                    terms.append(constant if constant is not None else solution[token[1:]])
                triple = (terms[0], terms[1], terms[2])
                if triple in path:
                    loop = True
                    break
                premises.append(triple)
            if not loop:
                out.append((premises, schema))
        return out


# Shorter explanations first: class and property hierarchies before domains and ranges.
_FIRST = ("cax-sco", "prp-spo1", "prp-inv1", "prp-inv2", "prp-symp", "prp-trp", "scm-sco",
          "scm-spo", "scm-eqc1", "scm-eqp1")
_PREFERRED = sorted((*DATA_RULES, *SCHEMA_RULES),
                    key=lambda r: _FIRST.index(r.name) if r.name in _FIRST else len(_FIRST))


def row_vars(row: ox.QuerySolution, query: str) -> list[ox.Variable]:
    names = set(re.findall(r"\?(\w+)", query))
    out = []
    for name in names:
        try:
            if row[name] is not None:
                out.append(ox.Variable(name))
        except (KeyError, IndexError):
            continue
    return out


def _instantiate(atom: str, solution: dict[str, Term]) -> str:
    return re.sub(
        r"\?(\w+)",
        lambda m: _show(solution[m.group(1)]) if m.group(1) in solution else m.group(0),
        atom,
    )


def explain(
    store: GraphStore,
    ns: DataNamespace,
    s: str | Term,
    p: str | Term,
    o: str | Term,
    *,
    max_depth: int = 12,
) -> Explanation:
    """Explain the triple (terms as pyoxigraph terms or text, see :func:`parse_term`)."""
    terms = [parse_term(t) if isinstance(t, str) else t for t in (s, p, o)]
    return _Explainer(store, ns, max_depth).explain(
        terms[0], terms[1], terms[2], frozenset(), 0
    )
