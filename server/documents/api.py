"""Documents API: ``POST /documents`` ingests into the running service,
``DELETE /documents/<id>`` removes a document's graph and its inferences.

Both need the bearer token.  Uploads are read in memory (never written to
disk) under their sanitized file name, whose suffix chooses the reader as on
the command line, and ingested with ``ingest.run_documents``.  An upload larger than
``background_ingest_bytes`` is ingested by a background job (202 and a status
URL, see :mod:`conflict_kg.server.documents.jobs`); smaller ones are answered when
they are in.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Flask, Response, jsonify, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.utils import secure_filename

from conflict_kg.ingest import run_documents
from conflict_kg.ingest.sources import DocumentError, SourceDocument, documents_in
from conflict_kg.server import context, state
from conflict_kg.server.documents.jobs import KEEP_FINISHED, IngestJobs, Upload
from conflict_kg.server.http import protocol
from conflict_kg.server.http.protocol import ProtocolError, problem
from conflict_kg.server.ops.metrics import metrics
from conflict_kg.server.sparql.writes import refresh_inferences
from conflict_kg.store.journal import drop_graph_journalled

bp = Blueprint("documents", __name__)
RETRY_AFTER_SECONDS = 30

_SUFFIX_BY_TYPE = {
    "text/markdown": ".md",
    "text/x-markdown": ".md",
    "text/plain": ".txt",
    "text/html": ".html",
    "application/jsonl": ".jsonl",
    "application/x-ndjson": ".jsonl",
    "application/jsonlines": ".jsonl",
}


def _uploads() -> list[Upload]:
    """(file name, content) of each uploaded document."""
    if request.mimetype == "multipart/form-data":
        files = [(f.filename or "", f.read()) for f in request.files.getlist("file")]
        files += [(f.filename or "", f.read()) for name, f in request.files.items(multi=True)
                  if name != "file"]
        if not files:
            raise ProtocolError(400, "multipart upload without a file part")
        return files
    suffix = _SUFFIX_BY_TYPE.get(request.mimetype)
    name = request.args.get("name", "")
    if not name:
        if suffix is None:
            raise ProtocolError(415, "send a document as multipart/form-data, or as the body with "
                                     "Content-Type " + ", ".join(_SUFFIX_BY_TYPE) + " and ?name=")
        data = request.get_data()
        name = hashlib.sha256(data).hexdigest()[:16] + suffix
        return [(name, data)]
    return [(name, request.get_data())]


def _content(graph: str) -> list[ox.Triple]:
    rows = context.store().query("SELECT * { GRAPH ?g { ?s ?p ?o } }",
                                 substitutions={"g": ox.NamedNode(graph)},
                                 union_default_graph=False)
    return [ox.Triple(r["s"], r["p"], r["o"]) for r in rows]


def _exists(graph: str) -> bool:
    """Whether the named graph exists: one index look-up on the embedded store, not a
    listing of every graph (0.1-0.2 s CPU at 25,000 documents)."""
    store = context.store()
    if store.capabilities.native_quads:
        return store.native_quads().has_graph(ox.NamedNode(graph))
    return graph in store.graphs()


def _read(uploads: list[Upload], defaults: dict[str, Any] | None,
          max_bytes: int) -> list[SourceDocument | DocumentError]:
    """The documents of the uploads, each read by its sanitized name's suffix."""
    return [document for index, (name, data) in enumerate(uploads)
            for document in documents_in(data, _safe_name(name, index), max_bytes=max_bytes,
                                         defaults=defaults)]


def _safe_name(name: str, index: int) -> str:
    safe = secure_filename(Path(name).name) or f"document-{index}.txt"
    return safe if "." in safe else safe + ".txt"


def _ingest(uploads: list[Upload], defaults: dict[str, Any] | None) -> tuple[int, dict[str, Any]]:
    """Ingest uploaded documents under the write lock; (HTTP status, JSON body)."""
    store, ns, settings = context.store(), context.namespace(), context.settings()
    read = _read(uploads, defaults, settings.max_document_bytes)
    with protocol.write_lock():
        targets = [ns.document_graph(d.doc_id) for d in read
                   if isinstance(d, SourceDocument)]
        # Not ``store.graphs()``: listing 25,000 document graphs took longer than
        # the rest of a one-document upload (an absent graph has no content).
        old = [t for g in targets for t in _content(g)]
        report = run_documents(read, store, ns)
        changed = [ns.document_graph(iri.rstrip("/").rsplit("/", 1)[-1])
                   for iri in report.ingested]
        if not report.ingested:
            inferences = "unchanged"
        elif not set(changed) <= set(targets):
            # could not tell beforehand which graphs would be replaced
            inferences = refresh_inferences(store, ns, full=True)
        else:
            inferences = refresh_inferences(store, ns, added=changed, removed=old)
    status = 201 if report.ingested else (200 if report.unchanged else 422)
    documents = (
        [{"iri": iri, "status": "ingested",
          "graph": ns.document_graph(iri.rstrip("/").rsplit("/", 1)[-1])}
         for iri in report.ingested]
        + [{"iri": iri, "status": "unchanged",
            "graph": ns.document_graph(iri.rstrip("/").rsplit("/", 1)[-1])}
           for iri in report.unchanged]
    )
    errors = list(report.errors)
    if status == 422:
        return status, {"title": "No document could be ingested", "detail": "; ".join(errors),
                        "errors": errors}
    return status, {"documents": documents, "errors": errors, "triples": report.triples,
                    "summary": report.summary(), "inferences": inferences}


def _jobs() -> IngestJobs:
    return state.current().ingest_jobs


@bp.post("/documents")
def upload() -> ResponseReturnValue:
    protocol.require_token()
    started = time.perf_counter()
    settings = context.settings()
    defaults = {"published": request.args["published"]} if "published" in request.args else None
    uploads = _uploads()
    size = sum(len(data) for _name, data in uploads)
    background = size > settings.background_ingest_bytes
    if background and _jobs().active() >= _jobs().max_jobs:
        metrics().observe("documents", 503, time.perf_counter() - started)
        raise ProtocolError(503, f"{_jobs().max_jobs} ingest jobs are already waiting or "
                                 "running (max_ingest_jobs); try again later",
                            {"Retry-After": str(RETRY_AFTER_SECONDS)})
    if background:
        job = _jobs().submit(uploads, defaults, size)
        if job is None:  # filled up since the check above
            raise ProtocolError(503, "too many ingest jobs (max_ingest_jobs); try again "
                                     "later", {"Retry-After": str(RETRY_AFTER_SECONDS)})
        status_url = url_for("documents.job_status", job_id=job.id)
        body = jsonify({**job.status(), "href": status_url})
        body.status_code = 202
        body.headers["Location"] = status_url
        body.headers["Retry-After"] = "1"
        metrics().observe("documents", 202, time.perf_counter() - started)
        return body
    status, answer = _ingest(uploads, defaults)
    metrics().observe("documents", status, time.perf_counter() - started)
    if status == 422:
        # Nothing could be ingested: an RFC 9457 problem naming each document's problem.
        return problem(422, answer["title"], answer["detail"], errors=answer["errors"])
    response = jsonify(**answer)
    response.status_code = status
    documents = answer["documents"]
    if len(documents) == 1 and status == 201:
        response.headers["Location"] = documents[0]["iri"]
    return response


@bp.get("/documents/jobs/<job_id>")
def job_status(job_id: str) -> ResponseReturnValue:
    """A background ingest job: queued, running, done (with the result) or failed."""
    protocol.require_token()
    job = _jobs().get(job_id)
    if job is None:
        raise ProtocolError(404, f"no ingest job {job_id!r} (finished jobs are kept until "
                                 f"{KEEP_FINISHED} newer ones have finished, or a restart)")
    response = jsonify(job.status())
    if job.state in ("queued", "running"):
        response.headers["Retry-After"] = "1"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.delete("/documents/<doc_id>")
def delete(doc_id: str) -> ResponseReturnValue:
    protocol.require_token()
    store, ns = context.store(), context.namespace()
    try:
        graph = ns.document_graph(doc_id)
    except ValueError as exc:
        raise ProtocolError(400, str(exc)) from exc
    with protocol.write_lock():
        if not _exists(graph):
            raise ProtocolError(404, f"no document {doc_id!r} (graph <{graph}>)")
        old = _content(graph)
        drop_graph_journalled(store, graph)
        refresh_inferences(store, ns, removed=old)
    return Response(status=204)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    settings = state.of(app).settings
    state.of(app).ingest_jobs = IngestJobs(app, _ingest, settings.max_ingest_jobs)
