"""Documents API: ``POST /documents`` ingests into the running service,
``DELETE /documents/<id>`` removes a document's graph and its inferences.

Both need the bearer token.  Uploads are written to a private temporary
directory under their (sanitized) file name, so that ``ingest.run`` sees the
same name and suffix it would see on the command line.
"""

from __future__ import annotations

import hashlib
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from flask import Blueprint, Flask, Response, jsonify, request
from flask.typing import ResponseReturnValue
from werkzeug.utils import secure_filename

from conflict_kg.server import context, protocol
from conflict_kg.server.metrics import metrics
from conflict_kg.server.protocol import ProtocolError, problem
from conflict_kg.server.writes import refresh_inferences

bp = Blueprint("documents", __name__)

_SUFFIX_BY_TYPE = {
    "text/markdown": ".md",
    "text/x-markdown": ".md",
    "text/plain": ".txt",
    "text/html": ".html",
    "application/jsonl": ".jsonl",
    "application/x-ndjson": ".jsonl",
    "application/jsonlines": ".jsonl",
}


def _uploads() -> list[tuple[str, bytes]]:
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


def _graph_of(path: Path) -> str | None:
    """The graph ingest will write for ``path`` (None if it cannot tell)."""
    try:
        from conflict_kg.ingest.sources import read_text_document

        doc = read_text_document(path, max_bytes=context.settings().max_document_bytes)
    except Exception:  # the ingest run reports the problem itself
        return None
    return context.namespace().document_graph(doc.doc_id)


def _content(graph: str) -> list[ox.Triple]:
    rows = context.store().query("SELECT * { GRAPH ?g { ?s ?p ?o } }",
                                 substitutions={"g": ox.NamedNode(graph)},
                                 union_default_graph=False)
    return [ox.Triple(r["s"], r["p"], r["o"]) for r in rows]


@bp.post("/documents")
def upload() -> ResponseReturnValue:
    from conflict_kg import ingest

    protocol.require_token()
    started = time.perf_counter()
    store, ns, settings = context.store(), context.namespace(), context.settings()
    defaults = {"published": request.args["published"]} if "published" in request.args else None
    with tempfile.TemporaryDirectory(prefix="conflict-kg-upload-") as tmp:
        paths: list[Path] = []
        for index, (name, data) in enumerate(_uploads()):
            safe = secure_filename(Path(name).name) or f"document-{index}.txt"
            if "." not in safe:
                safe += ".txt"
            path = Path(tmp) / safe
            path.write_bytes(data)
            paths.append(path)
        with protocol.write_lock():
            targets = [_graph_of(p) for p in paths]
            existing = set(store.graphs())
            old = [t for g in targets if g is not None and g in existing for t in _content(g)]
            report = ingest.run(paths, store, ns, max_bytes=settings.max_document_bytes,
                                defaults=defaults)
            changed = [ns.document_graph(iri.rstrip("/").rsplit("/", 1)[-1])
                       for iri in report.ingested]
            if not report.ingested:
                inferences = "unchanged"
            elif None in targets or not set(changed) <= set(targets):
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
    errors = [e.replace(tmp + "/", "") for e in report.errors]
    if status == 422:
        # Nothing could be ingested: an RFC 9457 problem naming each document's problem.
        metrics().observe("documents", status, time.perf_counter() - started)
        return problem(422, "No document could be ingested", "; ".join(errors), errors=errors)
    body = jsonify(documents=documents, errors=errors,
                   triples=report.triples, summary=report.summary(), inferences=inferences)
    body.status_code = status
    if len(documents) == 1 and status == 201:
        body.headers["Location"] = documents[0]["iri"]
    metrics().observe("documents", status, time.perf_counter() - started)
    return body


@bp.delete("/documents/<doc_id>")
def delete(doc_id: str) -> ResponseReturnValue:
    protocol.require_token()
    store, ns = context.store(), context.namespace()
    try:
        graph = ns.document_graph(doc_id)
    except ValueError as exc:
        raise ProtocolError(400, str(exc)) from exc
    with protocol.write_lock():
        if graph not in store.graphs():
            raise ProtocolError(404, f"no document {doc_id!r} (graph <{graph}>)")
        old = _content(graph)
        store.drop_graph(graph)
        refresh_inferences(store, ns, removed=old)
    return Response(status=204)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
