"""The documents API does not list every graph of the store to upload or delete one.

``store.graphs()`` lists every named graph: at 25,000 documents that took 0.1-0.2 s
CPU (0.6 s wall on a busy machine), more than the rest of removing a document.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from conflict_kg.store import OxigraphStore
from tests.support.server import AUTH, make_app

DOC = (b"---\nid: harbour-note\npublished: 2019-03-04\n---\n"
       b"Norway delivered two patrol boats to Chile on Monday, the Norwegian ministry said.\n")


def test_upload_and_delete_look_up_only_their_own_graph(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # the embedded store only: a remote store has no direct look-up of one graph
    store = OxigraphStore.open(tmp_path / "store")
    assert store.capabilities.native_quads
    app = make_app(store)
    client = app.test_client()
    listed: list[int] = []
    real_graphs = type(store).graphs

    def graphs(self: Any) -> list[str]:
        caller = sys._getframe(1).f_code.co_filename
        if caller.endswith(str(Path("documents", "api.py"))):  # ingest's own is not ours
            listed.append(caller)
        return real_graphs(self)

    monkeypatch.setattr(type(store), "graphs", graphs)
    posted = client.post("/documents?name=note.md", data=DOC, headers=AUTH,
                         content_type="text/markdown")
    assert posted.status_code == 201, posted.data
    assert client.delete("/documents/harbour-note", headers=AUTH).status_code == 204
    assert client.delete("/documents/harbour-note", headers=AUTH).status_code == 404
    assert listed == []
