"""The map and the timeline in a real browser (headless Chromium, the real server process
with the seed article and the demo corpus; fixtures of test_workbench): markers are drawn
where the store's ck:latitude/ck:longitude put them, timeline bars where their ck:date
puts them; the country outlines and Leaflet come from this server (the `page` fixture
fails a test on any request elsewhere) under the Content Security Policy. Each view is
kept as a screenshot (tests/browser/screenshots.py)."""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from tests.browser.screenshots import save

pytestmark = [pytest.mark.needs_shared, pytest.mark.slow]

CK = "https://w3id.org/conflict-kg/ontology#"
VIOLATIONS = ("window.__violations = [];"
              "document.addEventListener('securitypolicyviolation', e => window.__violations"
              ".push([e.violatedDirective, e.sourceFile].join(' ')));")

# Each marker: its data attributes, the centre of its drawn circle and where Leaflet
# projects its coordinates, both in the map container's pixels.
MARKERS_JS = """el => Array.from(el.querySelectorAll('path.ck-marker')).map(p => {
  const box = p.getBoundingClientRect(), frame = el.getBoundingClientRect();
  const lat = Number(p.dataset.lat), lon = Number(p.dataset.lon);
  const at = el.ckMap.latLngToContainerPoint([lat, lon]);
  return {iri: p.dataset.iri, kind: p.dataset.kind, lat, lon,
          cx: box.left + box.width / 2 - frame.left, cy: box.top + box.height / 2 - frame.top,
          px: at.x, py: at.y};
})"""


def _select(base: str, query: str) -> list[dict]:
    url = base + "/sparql?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)["results"]["bindings"]  # type: ignore[no-any-return]


def _coordinates(base: str, iri: str) -> tuple[float, float]:
    """The store's coordinates of an event's place (or of the place itself)."""
    rows = _select(base, f"""PREFIX ck: <{CK}> SELECT ?lat ?lon WHERE {{
      {{ <{iri}> ck:location ?p }} UNION {{ BIND(<{iri}> AS ?p) }}
      ?p ck:latitude ?lat ; ck:longitude ?lon }}""")
    assert rows, iri
    return float(rows[0]["lat"]["value"]), float(rows[0]["lon"]["value"])


def _check_markers(pg: Page, base: str, selector: str) -> list[dict]:
    el = pg.locator(selector)
    markers = el.evaluate(MARKERS_JS)
    assert markers, "no marker drawn"
    for m in markers:
        assert (m["lat"], m["lon"]) == pytest.approx(_coordinates(base, m["iri"])), m["iri"]
        # drawn where the map projects the store's coordinates (Leaflet rounds to pixels)
        assert abs(m["cx"] - m["px"]) < 2.5 and abs(m["cy"] - m["py"]) < 2.5, m  # whole pixels
    return markers


def _wait_for_markers(pg: Page, selector: str) -> None:
    expect(pg.locator(selector)).to_have_attribute("data-markers", re.compile(r"^[1-9]"))


def test_map_page_draws_events_at_their_coordinates(page: Page, server: str,  # noqa: F811
                                                    request: pytest.FixtureRequest) -> None:
    page.add_init_script(VIOLATIONS)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/map")
    _wait_for_markers(page, ".ck-map")
    markers = _check_markers(page, server, ".ck-map")
    iris = {m["iri"] for m in markers}
    assert "https://w3id.org/conflict-kg/id/event/talks/2018-09-17/recep-tayyip-erdogan/" \
           "vladimir-putin" in iris  # at Sochi (seed)
    # the offline basemap: country outlines drawn as vector paths, no tile image
    assert page.locator(".ck-map path:not(.ck-marker)").count() > 100
    assert page.locator(".ck-map img.leaflet-tile").count() == 0
    # a marker's popup links to this server's page of the event
    page.locator("path.ck-marker").first.click(force=True)
    link = page.locator(".leaflet-popup-content a").first
    expect(link).to_have_attribute("href", re.compile(r"^/id/"))
    save(request, page, "map")
    save(request, page.locator(".ck-map"), "map-view")
    assert page.evaluate("window.__violations") == []


def _dated_placed_event_class(base: str, classes: list[str]) -> tuple[str, str]:
    """A class of the filter's choices (not ck:Event itself) with an event that has a date
    and a place with coordinates, and that event's month: read from the store, so the test
    follows what extraction finds in the seed and demo documents."""
    for cls in classes:
        if cls == CK + "Event":
            continue
        rows = _select(base, f"""PREFIX ck: <{CK}> SELECT ?d WHERE {{
          ?e a <{cls}> ; ck:date ?d ; ck:location ?p . ?p ck:latitude ?lat ; ck:longitude ?lon
        }} ORDER BY ?d LIMIT 1""")
        if rows:
            return cls, rows[0]["d"]["value"][:7]
    raise AssertionError("no dated event with coordinates in the seed and demo documents")


def test_map_filters_narrow_the_markers(page: Page, server: str) -> None:  # noqa: F811
    page.goto("/map")
    choices = page.locator("select[name=class] option").evaluate_all(
        "os => os.map(o => o.value).filter(v => v)")
    cls, month = _dated_placed_event_class(server, choices)
    page.locator("select[name=class]").select_option(cls)
    page.locator("input[name=from]").fill(month)
    page.locator("input[name=to]").fill(month)
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/map?*")
    _wait_for_markers(page, ".ck-map")
    markers = _check_markers(page, server, ".ck-map")
    for m in markers:  # every marker is of the class and dated in the month
        rows = _select(server, f"SELECT ?d WHERE {{ <{m['iri']}> a <{cls}> ; <{CK}date> ?d }}")
        assert rows and all(r["d"]["value"].startswith(month) for r in rows), (m["iri"], cls)


def test_timeline_bars_sit_at_their_dates(page: Page, server: str,  # noqa: F811
                                          request: pytest.FixtureRequest) -> None:
    page.add_init_script(VIOLATIONS)
    page.goto("/timeline")
    svg = page.locator("svg.ck-timeline")
    expect(svg).to_be_visible()
    axis = svg.evaluate("s => ({first: s.dataset.first, last: s.dataset.last, "
                        "x0: Number(s.dataset.x0), x1: Number(s.dataset.x1)})")
    first, last = date.fromisoformat(axis["first"]), date.fromisoformat(axis["last"])
    total = (last - first).days + 1
    bars = svg.evaluate("""s => Array.from(s.querySelectorAll('g.tl-item')).map(g => ({
      iri: g.dataset.iri, date: g.dataset.date, start: g.dataset.start,
      x: g.querySelector('rect').x.baseVal.value}))""")
    assert len(bars) >= 5
    for bar in bars:
        expected = axis["x0"] + (date.fromisoformat(bar["start"]) - first).days / total * (
            axis["x1"] - axis["x0"])
        assert bar["x"] == pytest.approx(expected, abs=0.05), bar
        rows = _select(server, f"SELECT ?d WHERE {{ <{bar['iri']}> <{CK}date> ?d }}")
        if rows:  # else dated by a start/end date: the join of both
            assert bar["date"] == rows[0]["d"]["value"], bar
    # undated events are listed apart, never drawn
    undated = page.locator("section.undated li a").evaluate_all("as => as.map(a => a.href)")
    drawn = {b["iri"].split("/id/", 1)[1] for b in bars}
    assert not {u.split("/id/", 1)[1] for u in undated} & drawn
    save(request, page, "timeline")
    save(request, svg, "timeline-view")
    assert page.evaluate("window.__violations") == []


def test_agreement_page_shows_its_map_and_dates(page: Page, server: str,  # noqa: F811
                                                request: pytest.FixtureRequest) -> None:
    page.add_init_script(VIOLATIONS)
    page.goto("/id/agreement/russia/turkey/2018-09")
    _wait_for_markers(page, ".ck-map-small")
    _check_markers(page, server, ".ck-map-small")
    milestones = page.locator("svg.ck-timeline g.tl-milestone")
    dates = milestones.evaluate_all("gs => gs.map(g => g.dataset.date)")
    rows = _select(server, f"""SELECT ?d WHERE {{
      <https://w3id.org/conflict-kg/id/agreement/russia/turkey/2018-09> <{CK}signingDate> ?d }}""")
    assert rows and rows[0]["d"]["value"] in dates
    expect(page.locator("ul.tl-milestones")).to_contain_text("deadline")
    save(request, page.locator("section.events-map"), "agreement-map")
    save(request, page.locator("section.events-over-time"), "agreement-timeline")
    assert page.evaluate("window.__violations") == []


def test_document_page_maps_its_events(page: Page, server: str,  # noqa: F811
                                       request: pytest.FixtureRequest) -> None:
    page.add_init_script(VIOLATIONS)
    page.goto("/id/document/il20-sochi-2018-09-18")
    _wait_for_markers(page, ".ck-map-small")
    markers = _check_markers(page, server, ".ck-map-small")
    assert any("/event/talks/" in m["iri"] for m in markers)
    expect(page.locator("section.events-over-time svg g.tl-item").first).to_be_visible()
    save(request, page.locator("section.events-map"), "document-map")
    assert page.evaluate("window.__violations") == []
