"""Walking an entity page's "more" links, shared by the paging tests."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode

import pyoxigraph as ox

from conflict_kg.server import create_app
from conflict_kg.settings import load_settings
from conflict_kg.store import GraphStore
from tests.support.corpus import BASE, html

HUB_PATH = "/id/state/hub"


def app_client(store: GraphStore):  # type: ignore[no-untyped-def]
    """A test client over ``store`` (an app without a store of its own)."""
    return create_app(load_settings({"store": ":memory:"}, environ={}),
                      store=store).test_client()


def node(kind: str, i: int) -> ox.NamedNode:
    return ox.NamedNode(f"{BASE}id/{kind}/n{i:03d}")


def walk(client, section: str, path: str = HUB_PATH) -> list[str]:  # type: ignore[no-untyped-def]
    """Every page of one section, from the first along its "more" links (each link
    carries every section's offset: the one that moves ``section`` on is followed)."""
    pages, at = [], 0
    base = path
    while True:
        page = html(client, path)
        pages.append(page)
        found = None
        for link in re.findall(r'<a rel="next" class="more" href="\?([^"]*)"', page):
            query = dict(parse_qsl(link.replace("&amp;", "&")))
            if int(query.get(section, 0)) > at:
                found = query
        if found is None:
            return pages
        at = int(found[section])
        path = base + "?" + urlencode(found)
