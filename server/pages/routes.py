"""HTML pages of the workbench: query UI, entity, document, ontology and checks pages.

Templates live in ``server/templates`` and are autoescaped; nothing from the
store or the request is marked safe.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    jsonify,
    render_template,
    request,
    send_from_directory,
)
from flask.typing import ResponseReturnValue

from conflict_kg import resources
from conflict_kg.checks.job import CheckJob
from conflict_kg.namespaces import DCTERMS, ONTOLOGY, ONTOLOGY_BASE
from conflict_kg.query_catalog import library
from conflict_kg.server import context, state
from conflict_kg.server.http import protocol
from conflict_kg.server.http.iris import IriMapper
from conflict_kg.server.http.protocol import problem
from conflict_kg.server.linked_data.describe import is_document
from conflict_kg.server.linked_data.formats import FORMATS
from conflict_kg.server.ops.summaries import Summary, cancel, summary
from conflict_kg.server.pages import checks, views
from conflict_kg.server.pages.checks import PER_PAGE, checks_view
from conflict_kg.server.pages.data import Linker
from conflict_kg.server.pages.document import DocumentView, document_view
from conflict_kg.server.pages.entity import SECTIONS, EntityView, entity_view
from conflict_kg.server.pages.hierarchy import Hierarchy, analyst_class_counts
from conflict_kg.server.pages.ontology import module_terms, ontology_terms, term_counts, term_docs
from conflict_kg.server.pages.queries import PageQueryError, within_deadline
from conflict_kg.server.pages.svg import HEIGHT, WIDTH, layout
from conflict_kg.server.pages.unavailable import unavailable
from conflict_kg.server.pages.views import CardViews, card_views
from conflict_kg.store import GraphStore

bp = Blueprint("pages", __name__)

YASGUI_FILES = ("yasgui.min.js", "yasgui.min.css", "yasgui.min.js.map")

_DOCUMENTS = f"""SELECT ?doc ?title ?issued WHERE {{
  ?doc a <{ONTOLOGY}Document> .
  OPTIONAL {{ ?doc <{DCTERMS}title> ?title }}
  OPTIONAL {{ ?doc <{DCTERMS}issued> ?issued }}
}} ORDER BY DESC(?issued) ?doc LIMIT 500"""


def yasgui_dir() -> Path:
    return resources.yasgui_dir()


def _mapper() -> IriMapper:
    return IriMapper(context.settings().base_iri, request.script_root)


def _linker() -> Linker:
    return Linker(context.store(), context.namespace(), _mapper())


def _twins(iri: str) -> list[tuple[str, str, str]]:
    """(suffix, path, media type) of each machine twin of a page."""
    m = _mapper()
    out = []
    for fmt in FORMATS:
        twin = m.twin(iri, fmt.suffix)
        if twin and fmt.suffix != "html":
            out.append((fmt.suffix, twin, fmt.media_type))
    return out


def _offsets() -> dict[str, int]:
    """Where each section of an entity page starts (``?facts=50``): bad values count as 0."""
    out = {}
    for name in SECTIONS:
        raw = request.args.get(name, "0")
        out[name] = max(int(raw), 0) if raw.isdigit() else 0
    return out


def render_resource(iri: str) -> str:
    """The HTML page of a resource, built on the query runner (raises PageQueryError)."""
    ns, mapper, offsets = context.namespace(), _mapper(), _offsets()

    def build(store: GraphStore) -> tuple[DocumentView | EntityView, CardViews | None]:
        linker = Linker(store, ns, mapper)
        if is_document(store, iri):
            doc = document_view(linker, iri)
            if doc is not None:
                return doc, None
        return entity_view(linker, iri, offsets), card_views(linker, iri)

    view, cards = within_deadline(build)
    if isinstance(view, DocumentView):
        return render_template("document.html", doc=view, twins=_twins(iri))
    return render_template("entity.html", e=view, twins=_twins(iri), offsets=offsets,
                           picture=layout(view.neighbours), width=WIDTH, height=HEIGHT,
                           cards=cards.cards if cards else None,
                           contested=cards.contested if cards else None)


COUNTS_WAIT_SECONDS = 3.0  # past it, pages show their terms without counts, and say so


def _term_counts() -> Summary:
    """Instance and use counts of the ontology's terms (full scans: background, see summaries)."""
    store = context.store()
    return summary("term-counts", lambda: term_counts(store), wait=COUNTS_WAIT_SECONDS)


def render_ontology(quads: list[ox.Quad]) -> str:
    linker = _linker()
    modules, _ = module_terms()
    counts = _term_counts()
    terms = ontology_terms(linker, quads, counts.value)
    return render_template("ontology.html", modules=modules, terms=terms, counts=counts,
                           docs=term_docs(state.current().term_docs, linker.mapper),
                           twins=_twins(IriMapper.ontology_iri()))


def render_module(name: str, iri: str, quads: list[ox.Quad]) -> str:
    linker = _linker()
    modules, _ = module_terms()
    module = next(m for m in modules if m.name == name)
    wanted = set(module.terms)
    counts = _term_counts()
    terms = [t for t in ontology_terms(linker, quads, counts.value) if t.iri in wanted]
    return render_template("module.html", module=module, terms=terms, iri=iri, counts=counts,
                           docs=term_docs(state.current().term_docs, linker.mapper),
                           twins=_twins(iri))


def not_found(iri: str) -> Response:
    html = render_template("not_found.html", iri=iri)
    return Response(html, status=404, mimetype="text/html", headers={"Vary": "Accept"})


@bp.get("/")
def query_ui() -> ResponseReturnValue:
    queries = [
        {"name": q.name, "summary": q.summary, "sparql": q.sparql}
        for q in library().values()
    ]
    ns, mapper = context.namespace(), _mapper()

    def listing(store: GraphStore) -> list[tuple[Any, str, str]]:
        linker = Linker(store, ns, mapper)
        return [(linker.node(r["doc"]), r["title"].value if r["title"] else r["doc"].value,
                 r["issued"].value if r["issued"] else "")
                for r in store.query(_DOCUMENTS)]

    try:
        documents = within_deadline(listing)
    except PageQueryError as exc:
        return unavailable(exc)
    have_assets = (yasgui_dir() / "yasgui.min.js").is_file()
    # the result views link this dataset's IRIs (and the ontology's) to this server's pages
    return render_template("index.html", queries=queries, documents=documents,
                           have_assets=have_assets, data_base=mapper.data_base,
                           ontology_base=ONTOLOGY_BASE)


@bp.get("/assets/yasgui/<name>")
def yasgui_asset(name: str) -> ResponseReturnValue:
    """YASGUI's build, installed by ``make assets`` (npm), served from here: no CDN."""
    if name not in YASGUI_FILES:
        abort(404)
    return send_from_directory(yasgui_dir(), name, max_age=3600)


CHECKS_WAIT_SECONDS = 5.0  # longer runs answer "still running" and the page reloads itself


@bp.get("/checks")
def checks_page() -> ResponseReturnValue:

    store, ns = context.store(), context.namespace()
    only = request.args.get("check") or None
    try:
        offset = max(int(request.args.get("offset", "0")), 0)
    except ValueError:
        abort(400, "offset must be a whole number")
    job = CheckJob()
    report = summary("checks", lambda: checks.run_checks(store, ns, job), wait=CHECKS_WAIT_SECONDS,
                     job=job, restart=request.args.get("run") == "again")
    if report.value is None:
        html = render_template("checks.html", view=None, report=report, per_page=PER_PAGE)
        if report.cancelled:  # nothing to show until asked to run again
            return Response(html, status=200, mimetype="text/html")
        if report.computing_since is None:  # failed, and nothing older to show
            return Response(html, status=500, mimetype="text/html")
        return Response(html, status=202, mimetype="text/html", headers={"Retry-After": "5"})
    view = checks_view(report.value, _linker(), only=only, offset=offset)
    if only is not None and not view.groups:
        abort(404, f"no check {only!r} in the report")
    return render_template("checks.html", view=view, report=report, per_page=PER_PAGE)


@bp.post("/checks/cancel")
def cancel_checks() -> ResponseReturnValue:
    """Stop the running checks at their next step (a rule, shape or query): the
    computation is the service's, so this takes the update token like a write."""
    protocol.require_token()
    if not cancel("checks"):
        return problem(409, "No checks are running", "there is no run of the checks to cancel")
    return jsonify(cancelled=True), 202


def _utc_time(seconds: float) -> str:
    return time.strftime("%H:%M:%S UTC", time.gmtime(seconds))


def init_app(app: Flask) -> None:
    app.add_template_filter(_utc_time, "utc_time")
    app.register_blueprint(bp)
    views.init_app(app)


_INSTANCES = """SELECT DISTINCT ?class ?x WHERE { ?x a ?class . FILTER(isIRI(?x)) }
ORDER BY ?x LIMIT 1001"""

_CLASS_COUNTS = f"""SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {{
  ?x a ?class . FILTER(STRSTARTS(STR(?class), "{ONTOLOGY}"))
  FILTER(?class NOT IN (<{ONTOLOGY}Mention>, <{ONTOLOGY}SentenceMention>))
}} GROUP BY ?class ORDER BY DESC(?n) ?class"""


@bp.get("/browse")
def browse() -> ResponseReturnValue:
    """Instances of a class and its subclasses (``?class=<IRI>``), or the analyst's classes
    with their instance counts (and every other class, folded)."""
    linker = _linker()
    raw = request.args.get("class", "")
    if not raw:
        store = context.store()
        counts = summary("class-counts", lambda: [(r["class"], int(r["n"].value))
                                                  for r in store.query(_CLASS_COUNTS)],
                         wait=COUNTS_WAIT_SECONDS)
        analyst = summary("analyst-class-counts", lambda: analyst_class_counts(store),
                          wait=COUNTS_WAIT_SECONDS)
        classes = [(linker.node(c), n) for c, n in counts.value or []]
        groups = [(title, linker.node(ox.NamedNode(iri)), n)
                  for title, iri, n in analyst.value or []]
        return render_template("browse.html", cls=None, classes=classes, items=[], more=False,
                               counts=counts, groups=groups, group_counts=analyst)
    try:
        cls = ox.NamedNode(raw)
    except ValueError:
        abort(404)
    ns, mapper = linker.ns, linker.mapper

    def instances(store: GraphStore) -> tuple[Any, list[Any], bool]:
        paged = Linker(store, ns, mapper)
        found: dict[str, Any] = {}
        for sub in sorted(Hierarchy(store).below(cls.value)):
            for r in store.query(_INSTANCES, substitutions={"class": ox.NamedNode(sub)}):
                found.setdefault(r["x"].value, r["x"])
            if len(found) > 1000:
                break
        kept = sorted(found)[:1000]
        items = sorted((paged.node(found[k]) for k in kept), key=lambda n: n.text.lower())
        return paged.node(cls), items, len(found) > 1000

    try:
        shown, items, more = within_deadline(instances)
    except PageQueryError as exc:
        return unavailable(exc)
    return render_template("browse.html", cls=shown, classes=[], items=items, more=more)
