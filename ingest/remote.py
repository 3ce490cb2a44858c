"""Send documents to a running service (``conflict-kg ingest --server URL``).

Only one process can hold the embedded store; while ``conflict-kg serve``
runs, documents go through its ``POST /documents`` endpoint instead.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from conflict_kg.ingest.sources import discover


@dataclass
class RemoteReport:
    lines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _multipart(path: Path) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    name = path.name.replace('"', "").replace("\r", "").replace("\n", "")
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n").encode()
    body = head + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def send_documents(
    paths: list[Path], server: str, token: str, published: str | None = None,
    timeout: float = 300.0,
) -> RemoteReport:
    """POST each document to ``<server>/documents``; one report line per document."""
    url = server.rstrip("/") + "/documents"
    if published:
        url += "?" + urllib.parse.urlencode({"published": published})
    report = RemoteReport()
    for path in discover(paths):
        body, content_type = _multipart(path)
        request = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": content_type, "Authorization": f"Bearer {token}",
            "Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                answer = json.load(response)
                location = response.headers.get("Location") if response.status == 202 else None
            if location:  # a large upload: ingested by a job, followed until it ends
                answer = _follow_job(urllib.parse.urljoin(url, location), token, timeout)
        except urllib.error.HTTPError as exc:
            try:
                answer = json.load(exc)
            except ValueError:
                answer = {"error": f"HTTP {exc.code}"}
            problems = answer.get("errors") or [answer.get("error", f"HTTP {exc.code}")]
            report.errors += [f"{path}: {p}" for p in problems]
            continue
        except urllib.error.URLError as exc:
            report.errors.append(f"{path}: cannot reach {server}: {exc.reason}")
            continue
        if answer.get("state") == "failed":
            problems = answer.get("errors") or [answer.get("error", "the ingest job failed")]
            report.errors += [f"{path}: {p}" for p in problems]
            continue
        for doc in answer.get("documents", []):
            report.lines.append(f"{path}: {doc['status']} {doc['iri']}")
        report.errors += [f"{path}: {p}" for p in answer.get("errors", [])]
    return report


def _follow_job(status_url: str, token: str, timeout: float,
                poll_seconds: float = 1.0) -> dict[str, object]:
    """Poll a background ingest job's status URL until it is done or failed."""
    deadline = time.monotonic() + max(timeout, 3600.0)
    while True:
        request = urllib.request.Request(status_url, headers={
            "Authorization": f"Bearer {token}", "Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            status: dict[str, object] = json.load(response)
        if status.get("state") in ("done", "failed"):
            return status
        if time.monotonic() > deadline:
            return {"state": "failed", "error": f"the ingest job did not end ({status_url})"}
        time.sleep(poll_seconds)
