"""Human documentation generated from the ontology modules: HTML pages and a term index.

``build_docs(out_dir)`` writes ``index.html``, one page per class
(``classes/<Name>.html``) and one per property (``properties/<name>.html``).
``render_term(ontology, iri)`` returns one term's HTML fragment, for the
server's ontology pages.  Every piece of text taken from the ontology is
escaped; nothing is built at import time.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, SKOS
from rdflib.term import Node

from conflict_kg import resources
from conflict_kg.namespaces import ONTOLOGY, PREFIXES

CLASS = "class"
OBJECT_PROPERTY = "object property"
DATATYPE_PROPERTY = "datatype property"
ANNOTATION_PROPERTY = "annotation property"
INDIVIDUAL = "individual"
_KIND_ORDER = [CLASS, OBJECT_PROPERTY, DATATYPE_PROPERTY, ANNOTATION_PROPERTY, INDIVIDUAL]
_CHARACTERISTICS = [
    (OWL.FunctionalProperty, "functional"),
    (OWL.InverseFunctionalProperty, "inverse functional"),
    (OWL.TransitiveProperty, "transitive"),
    (OWL.SymmetricProperty, "symmetric"),
    (OWL.AsymmetricProperty, "asymmetric"),
    (OWL.IrreflexiveProperty, "irreflexive"),
]
_EXTRA_PREFIXES = {
    "time": "http://www.w3.org/2006/time#",
    "schema": "https://schema.org/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
}


@dataclass(frozen=True)
class Term:
    iri: str
    kind: str
    label: str
    definition: str
    module: str

    @property
    def local_name(self) -> str:
        return self.iri[len(ONTOLOGY) :]

    @property
    def is_property(self) -> bool:
        return self.kind in (OBJECT_PROPERTY, DATATYPE_PROPERTY, ANNOTATION_PROPERTY)


@dataclass
class Ontology:
    """The merged modules plus which module declares each term."""

    graph: Graph
    modules: dict[str, Graph]

    def module_of(self, iri: URIRef) -> str:
        for name, g in self.modules.items():
            if (iri, RDF.type, None) in g:
                return name
        return ""


def load_ontology(paths: list[Path] | None = None) -> Ontology:
    """Parse the ontology modules (default: the bundled ``ontology/*.ttl``)."""
    merged = Graph()
    modules: dict[str, Graph] = {}
    for path in paths if paths is not None else resources.ontology_modules():
        g = Graph().parse(path, format="turtle")
        modules[path.stem] = g
        merged += g
    for prefix, ns in {**PREFIXES, **_EXTRA_PREFIXES}.items():
        merged.bind(prefix, ns)
    return Ontology(merged, modules)


def _kind(g: Graph, iri: URIRef) -> str:
    types = set(g.objects(iri, RDF.type))
    if OWL.Class in types:
        return CLASS
    if OWL.ObjectProperty in types:
        return OBJECT_PROPERTY
    if OWL.DatatypeProperty in types:
        return DATATYPE_PROPERTY
    if OWL.AnnotationProperty in types:
        return ANNOTATION_PROPERTY
    return INDIVIDUAL


def _text(g: Graph, iri: Node, prop: URIRef) -> str:
    values = [v for v in g.objects(iri, prop) if isinstance(v, Literal)]
    english = [v for v in values if v.language in (None, "en")]
    return str((english or values)[0]) if values else ""


def ontology_terms(ontology: Ontology) -> list[Term]:
    """Every ck: term declared in the modules, sorted by kind then name."""
    g = ontology.graph
    iris = {
        s for s in g.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(ONTOLOGY)
    }
    terms = [
        Term(
            str(i),
            _kind(g, i),
            _text(g, i, RDFS.label),
            _text(g, i, SKOS.definition),
            ontology.module_of(i),
        )
        for i in iris
    ]
    return sorted(terms, key=lambda t: (_KIND_ORDER.index(t.kind), t.local_name))


def static_href(iri: str, g: Graph, base: str = "") -> str:
    """Link target inside the static docs; external IRIs link to themselves."""
    if not iri.startswith(ONTOLOGY):
        return iri
    kind = _kind(g, URIRef(iri))
    local = iri[len(ONTOLOGY) :]
    if kind == CLASS:
        return f"{base}classes/{local}.html"
    if kind == INDIVIDUAL:
        classes = sorted(
            str(c) for c in g.objects(URIRef(iri), RDF.type) if str(c).startswith(ONTOLOGY)
        )
        if classes:
            return f"{base}classes/{str(classes[0])[len(ONTOLOGY) :]}.html#{local}"
        return f"{base}index.html#{local}"
    return f"{base}properties/{local}.html"


def _qname(g: Graph, node: URIRef) -> str:
    try:
        return g.namespace_manager.normalizeUri(str(node))
    except Exception:  # rdflib raises on IRIs it cannot split
        return f"<{node}>"


def _describe(g: Graph, node: Node, link: Callable[[str], str]) -> str:
    """HTML for a class expression or term reference, escaped."""
    if isinstance(node, URIRef):
        href = html.escape(link(str(node)))
        return f'<a href="{href}"><code>{html.escape(_qname(g, node))}</code></a>'
    if isinstance(node, Literal):
        return f"<code>{html.escape(str(node))}</code>"
    if isinstance(node, BNode):
        prop = g.value(node, OWL.onProperty)
        for pred, word in (
            (OWL.someValuesFrom, "some"),
            (OWL.allValuesFrom, "only"),
            (OWL.hasValue, "value"),
        ):
            filler = g.value(node, pred)
            if prop is not None and filler is not None:
                return f"({_describe(g, prop, link)} {word} {_describe(g, filler, link)})"
        for pred, word in ((OWL.intersectionOf, " and "), (OWL.unionOf, " or ")):
            lst = g.value(node, pred)
            if lst is not None:
                return "(" + word.join(_describe(g, m, link) for m in Collection(g, lst)) + ")"
    return "<em>anonymous expression</em>"


def _row(name: str, values: list[str]) -> str:
    if not values:
        return ""
    return f"<dt>{html.escape(name)}</dt><dd>{', '.join(values)}</dd>\n"


def render_term(ontology: Ontology, iri: str, link: Callable[[str], str] | None = None) -> str:
    """One term's HTML fragment (a ``<section>``); ``link`` maps an IRI to its href."""
    g = ontology.graph
    node = URIRef(iri)
    href = link or (lambda target: static_href(target, g, "../"))
    kind = _kind(g, node)
    local = iri[len(ONTOLOGY) :] if iri.startswith(ONTOLOGY) else iri

    def refs(nodes: list[Node]) -> list[str]:
        return [_describe(g, n, href) for n in sorted(nodes, key=str)]

    rows = [
        _row("IRI", [f"<code>{html.escape(iri)}</code>"]),
        _row("module", [html.escape(ontology.module_of(node))] if ontology.module_of(node) else []),
        _row("alternative labels", [html.escape(str(v)) for v in g.objects(node, SKOS.altLabel)]),
        _row("scope note", [html.escape(str(v)) for v in g.objects(node, SKOS.scopeNote)]),
    ]
    if kind == CLASS:
        subclasses = [s for s in g.subjects(RDFS.subClassOf, node)]
        rows += [
            _row("subclass of", refs(list(g.objects(node, RDFS.subClassOf)))),
            _row("subclasses", refs(subclasses)),
            _row("disjoint with", refs(_disjoint_with(g, node))),
            _row("domain of", refs(list(g.subjects(RDFS.domain, node)))),
            _row("range of", refs(list(g.subjects(RDFS.range, node)))),
            _row("members", refs([i for i in g.subjects(RDF.type, node) if isinstance(i, URIRef)])),
        ]
    elif kind == INDIVIDUAL:
        rows += [
            _row("type", refs([t for t in g.objects(node, RDF.type) if t != OWL.NamedIndividual])),
            _row("broader", refs(list(g.objects(node, SKOS.broader)))),
        ]
    else:
        characteristics = [w for t, w in _CHARACTERISTICS if (node, RDF.type, t) in g]
        chains = [
            " o ".join(_describe(g, m, href) for m in Collection(g, chain))
            for chain in g.objects(node, OWL.propertyChainAxiom)
        ]
        rows += [
            _row("kind", [html.escape(kind)]),
            _row("characteristics", [html.escape(c) for c in characteristics]),
            _row("domain", refs(list(g.objects(node, RDFS.domain)))),
            _row("range", refs(list(g.objects(node, RDFS.range)))),
            _row("sub-property of", refs(list(g.objects(node, RDFS.subPropertyOf)))),
            _row("sub-properties", refs(list(g.subjects(RDFS.subPropertyOf, node)))),
            _row(
                "inverse",
                refs(list(g.objects(node, OWL.inverseOf)) + list(g.subjects(OWL.inverseOf, node))),
            ),
            _row("implied by chain", chains),
        ]
    label = _text(g, node, RDFS.label) or local
    return (
        f'<section class="term" id="{html.escape(local)}">\n'
        f"<h2>{html.escape(label)} <small><code>ck:{html.escape(local)}</code></small></h2>\n"
        f'<p class="definition">{html.escape(_text(g, node, SKOS.definition))}</p>\n'
        f"<dl>\n{''.join(rows)}</dl>\n</section>\n"
    )


def _disjoint_with(g: Graph, node: URIRef) -> list[Node]:
    found: set[Node] = set(g.objects(node, OWL.disjointWith)) | set(
        g.subjects(OWL.disjointWith, node)
    )
    for axiom in g.subjects(RDF.type, OWL.AllDisjointClasses):
        for lst in g.objects(axiom, OWL.members):
            members = list(Collection(g, lst))
            if node in members:
                found |= {m for m in members if m != node}
    return sorted(found, key=str)


def _page(title: str, body: str, css_href: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n"
        f'<link rel="stylesheet" href="{html.escape(css_href)}">\n</head>\n<body>\n'
        f"{body}</body>\n</html>\n"
    )


_CSS = """\
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
body{line-height:1.45}
dt{font-weight:600;margin-top:.4rem}dd{margin-left:1.5rem}code{font-size:.92em}
table{border-collapse:collapse}
td,th{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
"""


def _index(ontology: Ontology, terms: list[Term]) -> str:
    g = ontology.graph
    parts = ["<h1>conflict-kg ontology</h1>\n<h2>Modules</h2>\n<table>\n"]
    parts.append("<tr><th>module</th><th>IRI</th><th>version</th><th>description</th></tr>\n")
    for name, mg in ontology.modules.items():
        for onto in mg.subjects(RDF.type, OWL.Ontology):
            parts.append(
                f"<tr><td>{html.escape(name)}</td><td><code>{html.escape(str(onto))}</code></td>"
                f"<td><code>{html.escape(str(mg.value(onto, OWL.versionIRI) or ''))}</code></td>"
                f"<td>{html.escape(_text(mg, onto, URIRef('http://purl.org/dc/terms/description')))}</td></tr>\n"
            )
    parts.append("</table>\n")
    for kind in _KIND_ORDER:
        group = [t for t in terms if t.kind == kind]
        if not group:
            continue
        parts.append(f"<h2>{html.escape(kind.capitalize())}s</h2>\n<ul>\n")
        for t in group:
            href = static_href(t.iri, g)
            parts.append(
                f'<li id="{html.escape(t.local_name)}"><a href="{html.escape(href)}"><code>ck:'
                f"{html.escape(t.local_name)}</code></a> — {html.escape(t.definition)}</li>\n"
            )
        parts.append("</ul>\n")
    return "".join(parts)


def build_docs(out_dir: Path, ontology: Ontology | None = None) -> list[Path]:
    """Write the HTML documentation into ``out_dir``; return the files written."""
    onto = ontology or load_ontology()
    terms = ontology_terms(onto)
    written: list[Path] = []
    (out_dir / "classes").mkdir(parents=True, exist_ok=True)
    (out_dir / "properties").mkdir(parents=True, exist_ok=True)

    def write(path: Path, text: str) -> None:
        path.write_text(text, encoding="utf-8")
        written.append(path)

    write(out_dir / "style.css", _CSS)
    write(out_dir / "index.html", _page("conflict-kg ontology", _index(onto, terms), "style.css"))
    for t in terms:
        if t.kind == INDIVIDUAL:
            continue
        folder = "classes" if t.kind == CLASS else "properties"
        body = '<p><a href="../index.html">conflict-kg ontology</a></p>\n' + render_term(
            onto, t.iri
        )
        if t.kind == CLASS:
            members = [
                m for m in terms if m.kind == INDIVIDUAL and _has_type(onto.graph, m.iri, t.iri)
            ]
            body += "".join(render_term(onto, m.iri) for m in members)
        write(
            out_dir / folder / f"{t.local_name}.html",
            _page(f"ck:{t.local_name}", body, "../style.css"),
        )
    return written


def _has_type(g: Graph, iri: str, cls: str) -> bool:
    return (URIRef(iri), RDF.type, URIRef(cls)) in g


def missing_from_docs(out_dir: Path, ontology: Ontology | None = None) -> list[str]:
    """Terms with no page (classes, properties) or no section (individuals) in ``out_dir``."""
    onto = ontology or load_ontology()
    missing = []
    index = (
        (out_dir / "index.html").read_text(encoding="utf-8")
        if (out_dir / "index.html").exists()
        else ""
    )
    for t in ontology_terms(onto):
        if t.kind == INDIVIDUAL:
            href = static_href(t.iri, onto.graph)
            page = out_dir / href.split("#")[0]
            if not page.exists() or f'id="{t.local_name}"' not in page.read_text(encoding="utf-8"):
                missing.append(t.iri)
            continue
        folder = "classes" if t.kind == CLASS else "properties"
        page = out_dir / folder / f"{t.local_name}.html"
        if not page.exists() or f'id="{t.local_name}"' not in page.read_text(encoding="utf-8"):
            missing.append(t.iri)
        elif f'id="{t.local_name}"' not in index:
            missing.append(t.iri)
    return missing


def term_index_markdown(ontology: Ontology | None = None) -> str:
    """The README's term index: one line per term, grouped by module."""
    onto = ontology or load_ontology()
    terms = ontology_terms(onto)
    lines: list[str] = []
    for module in onto.modules:
        group = [t for t in terms if t.module == module]
        if not group:
            continue
        lines += ["", f"### {module}", ""]
        lines += [f"- `ck:{t.local_name}` ({t.kind}) — {t.definition}" for t in group]
    return "\n".join(lines) + "\n"


README_START = "<!-- term-index:start -->"
README_END = "<!-- term-index:end -->"


def update_readme_index(readme: Path | None = None, ontology: Ontology | None = None) -> bool:
    """Rewrite the term index between the markers of ontology/README.md; return whether changed."""
    path = readme or resources.ontology_dir() / "README.md"
    text = path.read_text(encoding="utf-8")
    start = text.index(README_START) + len(README_START)
    end = text.index(README_END)
    new = text[:start] + term_index_markdown(ontology) + text[end:]
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text
