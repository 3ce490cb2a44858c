"""Untrusted labels on the map, in a real browser: markup in an event's or a place's
label reaches the popup, the tooltip and the "not on the map" list as text, never as
elements (server/static/map.js uses textContent only). The server runs on a store of
its own with an invented event whose label is an HTML injection."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from playwright.sync_api import Page, expect

from conflict_kg.namespaces import ONTOLOGY, RDF, RDFS, XSD
from tests.browser.conftest import serve
from tests.conftest import BASE, run_cli

pytestmark = [pytest.mark.slow]

EVIL = '<img src="x" class="injected" onerror="window.__xss = 1">strike'
PLACE_EVIL = "<b class='injected'>Bad</b>ville"


def _triples() -> list[ox.Triple]:
    def t(s: str, p: str, o: ox.NamedNode | ox.Literal) -> ox.Triple:
        return ox.Triple(ox.NamedNode(BASE + "id/" + s), ox.NamedNode(p), o)

    dec = ox.NamedNode(XSD + "decimal")
    return [
        t("place/badville", RDF + "type", ox.NamedNode(ONTOLOGY + "City")),
        t("place/badville", RDFS + "label", ox.Literal(PLACE_EVIL)),
        t("place/badville", ONTOLOGY + "latitude", ox.Literal("-12.25", datatype=dec)),
        t("place/badville", ONTOLOGY + "longitude", ox.Literal("-45.5", datatype=dec)),
        t("place/plain-province", RDF + "type", ox.NamedNode(ONTOLOGY + "Province")),
        t("place/plain-province", RDFS + "label", ox.Literal("Plain Province")),
        t("event/evil", RDF + "type", ox.NamedNode(ONTOLOGY + "AirStrike")),
        t("event/evil", RDFS + "label", ox.Literal(EVIL)),
        t("event/evil", ONTOLOGY + "location", ox.NamedNode(BASE + "id/place/badville")),
        t("event/evil", ONTOLOGY + "date", ox.Literal("2021-05-02", datatype=ox.NamedNode(
            XSD + "date"))),
        t("event/unplaced", RDF + "type", ox.NamedNode(ONTOLOGY + "Shootdown")),
        t("event/unplaced", RDFS + "label", ox.Literal(EVIL)),
        t("event/unplaced", ONTOLOGY + "location",
          ox.NamedNode(BASE + "id/place/plain-province")),
    ]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("map-escaping")
    path, data = folder / "store", folder / "escaping.nt"
    data.write_text("".join(f"{t} .\n" for t in _triples()), encoding="utf-8")
    run_cli("load", str(data), store=path, check=True)
    yield from serve(path)


def test_labels_with_markup_stay_text_on_the_map(page: Page) -> None:  # noqa: F811
    page.goto("/map")
    el = page.locator(".ck-map")
    expect(el).to_have_attribute("data-markers", "1")
    marker = page.locator("path.ck-marker")
    expect(marker).to_have_attribute("data-lat", "-12.25")
    expect(marker).to_have_attribute("data-lon", "-45.5")
    marker.hover(force=True)
    expect(page.locator(".leaflet-tooltip")).to_contain_text(EVIL)
    marker.click(force=True)
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text(EVIL)
    expect(popup).to_contain_text(PLACE_EVIL)
    listed = page.locator("#ck-unplaced li")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text(EVIL)
    assert page.locator(".injected").count() == 0
    assert page.evaluate("window.__xss") is None


def test_entity_page_map_keeps_markup_as_text(page: Page) -> None:  # noqa: F811
    page.goto("/id/event/evil")
    expect(page.locator(".ck-map-small")).to_have_attribute("data-markers", re.compile("^1$"))
    page.locator("path.ck-marker").click(force=True)
    expect(page.locator(".leaflet-popup-content")).to_contain_text(EVIL)
    assert page.locator(".injected").count() == 0
    assert page.evaluate("window.__xss") is None
