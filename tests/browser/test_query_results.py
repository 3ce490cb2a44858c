"""The query UI's results in a real browser (headless Chromium, the real server process with
the seed article, the demo corpus and a few invented resources with hostile labels):

- the Table shows a resource of this dataset by its label, links it to this server's page
  in the same tab, with the IRI on hover; another IRI keeps its own link;
- the Chart view draws a bar per month of a date column and a bar per row of a number
  column, with the counts and values of the query's result;
- the Map view puts a marker at each row's coordinates (lat/long columns, or rows of
  ck:latitude/ck:longitude values), where Leaflet projects them;
- both are offered only when the result has the columns they need;
- labels with markup stay text; nothing breaks the Content Security Policy; nothing is
  fetched from elsewhere (the ``page`` fixture). Each view is kept as a screenshot.
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections import Counter
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from playwright.sync_api import Page, expect

from conflict_kg.namespaces import ONTOLOGY, RDF, RDFS, XSD
from conflict_kg.resources import demo_corpus_dir
from tests.browser.conftest import serve
from tests.browser.screenshots import save
from tests.conftest import BASE, SEED, run_cli

pytestmark = [pytest.mark.needs_shared, pytest.mark.slow]

ID = BASE + "id/"
RUSSIA = ID + "state/russia"
OWL_CLASS = "http://www.w3.org/2002/07/owl#Class"
SCRIPT_IRI = "javascript:alert(1)"
EVIL = '<img src="x" class="injected" onerror="window.__xss = 1">strike on "Badville" & co'
PLACE_EVIL = "<b class='injected'>Bad</b>ville"
PREFIXES = (f"PREFIX ck: <{ONTOLOGY}>\nPREFIX rdfs: <{RDFS}>\n"
            f"PREFIX xsd: <{XSD}>\n")
VIOLATIONS = ("window.__violations = [];"
              "document.addEventListener('securitypolicyviolation', e => window.__violations"
              ".push([e.violatedDirective, e.sourceFile].join(' ')));")

# Runs a query in the active tab and resolves, once YASR has drawn it, with its bindings.
RUN_JS = """q => new Promise((resolve, reject) => {
  const tab = window.conflictKgYasgui.getTab();
  tab.getYasqe().setValue(q);
  const yasr = tab.getYasr();
  yasr.once('drawn', () => {
    const r = yasr.results;
    if (!r || r.hasError()) { reject(new Error('query failed')); return; }
    resolve({vars: r.getVariables(), rows: r.getBindings()});
  });
  tab.query();
})"""

# Each marker of the query map: its data attributes, the centre of its drawn circle and
# where Leaflet projects its coordinates, in the map container's pixels.
MARKERS_JS = """el => Array.from(el.querySelectorAll('path.ck-marker')).map(p => {
  const box = p.getBoundingClientRect(), frame = el.getBoundingClientRect();
  const lat = Number(p.dataset.lat), lon = Number(p.dataset.lon);
  const at = el.ckMap.latLngToContainerPoint([lat, lon]);
  return {row: Number(p.dataset.row), lat, lon,
          cx: box.left + box.width / 2 - frame.left, cy: box.top + box.height / 2 - frame.top,
          px: at.x, py: at.y};
})"""


def _triples() -> list[ox.Triple]:
    def t(s: str, p: str, o: ox.NamedNode | ox.Literal) -> ox.Triple:
        return ox.Triple(ox.NamedNode(ID + s), ox.NamedNode(p), o)

    dec = ox.NamedNode(XSD + "decimal")
    return [
        t("place/badville", RDF + "type", ox.NamedNode(ONTOLOGY + "City")),
        t("place/badville", RDFS + "label", ox.Literal(PLACE_EVIL)),
        t("place/badville", ONTOLOGY + "latitude", ox.Literal("-12.25", datatype=dec)),
        t("place/badville", ONTOLOGY + "longitude", ox.Literal("-45.5", datatype=dec)),
        t("event/evil-strike", RDF + "type", ox.NamedNode(ONTOLOGY + "AirStrike")),
        t("event/evil-strike", RDFS + "label", ox.Literal(EVIL)),
        t("event/evil-strike", ONTOLOGY + "location", ox.NamedNode(ID + "place/badville")),
    ]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("query-results")
    store, data = folder / "store", folder / "hostile.nt"
    run_cli("ingest", str(SEED), str(demo_corpus_dir()), store=store, check=True)
    data.write_text("".join(f"{t} .\n" for t in _triples()), encoding="utf-8")
    run_cli("load", str(data), store=store, check=True)
    yield from serve(store)


def _labels(base: str, iris: list[str]) -> dict[str, str]:
    request = urllib.request.Request(base + "/labels", data=json.dumps({"iris": iris}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)["labels"]  # type: ignore[no-any-return]


def _open(page: Page) -> None:
    page.add_init_script(VIOLATIONS)
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto("/")
    expect(page.locator(".yasgui .tabsList")).to_be_visible()


def _run(page: Page, query: str) -> dict:
    result = page.evaluate(RUN_JS, PREFIXES + query)
    assert result["rows"], "the query returned no row"
    return result  # type: ignore[no-any-return]


def _view(page: Page, name: str) -> None:
    button = page.locator(f".tabPanel.active .yasr .select_{name}")
    expect(button).not_to_have_class(re.compile(r"\bdisabled\b"))
    button.click()
    expect(button).to_have_class(re.compile(r"\bselected\b"))


def _no_harm(page: Page) -> None:
    assert page.locator(".injected").count() == 0
    assert page.evaluate("window.__xss") is None
    assert page.evaluate("window.__violations") == []


def test_table_shows_labels_and_links_here_in_the_same_tab(page: Page, request) -> None:
    _open(page)
    _run(page, f"SELECT ?entity ?kind WHERE {{ VALUES (?entity ?kind) {{ "
               f"(<{RUSSIA}> ck:State) (<{OWL_CLASS}> ck:State) (<{SCRIPT_IRI}> ck:State) }} }}")
    table = page.locator(".tabPanel.active .yasr table.dataTable")
    russia = table.locator(f"a.iri[title='{RUSSIA}']")
    expect(russia).to_have_text("Russia")
    assert russia.get_attribute("href") == "/id/state/russia"
    assert russia.get_attribute("target") in (None, "_self")
    # an ontology class links to the ontology page here, by its label
    state = table.locator(f"a.iri[title='{ONTOLOGY}State']").first
    expect(state).to_have_attribute("href", "/ontology#State")
    assert state.inner_text() != "ck:State"
    # another IRI keeps its link, in a new tab without an opener
    other = table.locator(f"a.iri[title='{OWL_CLASS}']")
    expect(other).to_have_attribute("href", OWL_CLASS)
    expect(other).to_have_attribute("target", "_blank")
    expect(other).to_have_attribute("rel", "noopener noreferrer")
    # an IRI that is not http(s) is shown, never linked
    script = table.locator(f"a.iri[title='{SCRIPT_IRI}']")
    expect(script).to_have_count(1)
    assert script.get_attribute("href") is None
    # no date or number column, no coordinates: Chart and Map are not offered, and say why
    chart = page.locator(".tabPanel.active .yasr .select_chart")
    expect(chart).to_have_class(re.compile(r"\bdisabled\b"))
    expect(chart).to_have_attribute("title", re.compile("date or a number column"))
    expect(page.locator(".tabPanel.active .yasr .select_geo")).to_have_class(
        re.compile(r"\bdisabled\b"))
    save(request, page.locator(".tabPanel.active .yasr"), "query-results-table")
    _no_harm(page)
    pages = len(page.context.pages)
    russia.click()
    expect(page).to_have_url(re.compile(r"/id/state/russia$"))
    expect(page.locator("h1")).to_have_text("Russia")
    assert len(page.context.pages) == pages, "the link opened another tab"


def test_hostile_labels_stay_text(page: Page) -> None:
    _open(page)
    _run(page, "SELECT ?event ?place ?lat ?long WHERE { "
               f"VALUES ?event {{ <{ID}event/evil-strike> }}"
               f" ?event ck:location ?place . ?place ck:latitude ?lat ; ck:longitude ?long }}")
    table = page.locator(".tabPanel.active .yasr table.dataTable")
    expect(table.locator("a.iri.ck-labelled").first).to_be_visible()
    expect(table.locator(f"a.iri[title='{ID}event/evil-strike']")).to_have_text(EVIL)
    expect(table.locator(f"a.iri[title='{ID}place/badville']")).to_have_text(PLACE_EVIL)
    _no_harm(page)
    _view(page, "geo")
    marker = page.locator(".tabPanel.active .ck-query-map path.ck-marker")
    expect(marker).to_have_count(1)
    marker.hover(force=True)
    expect(page.locator(".leaflet-tooltip")).to_have_text(EVIL)
    marker.click(force=True)
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text(EVIL)
    expect(popup).to_contain_text(PLACE_EVIL)
    _no_harm(page)
    _run(page, f"SELECT ?event (3 AS ?n) WHERE {{ VALUES ?event {{ <{ID}event/evil-strike> }} }}")
    _view(page, "chart")
    expect(page.locator(".tabPanel.active svg.ck-bars .ck-bar-name")).to_have_count(1)
    (name,) = _bar_names(page)
    assert name.endswith("…") and EVIL.startswith(name[:-1])
    _no_harm(page)


def _bar_names(page: Page) -> list[str]:
    """The bars' names as drawn (the text node; the full name is in its <title>)."""
    return page.locator(".tabPanel.active svg.ck-bars .ck-bar-name").evaluate_all(  # type: ignore[no-any-return]
        "ts => ts.map(t => t.firstChild.nodeValue)")


def _bucket(value: str) -> str:
    return value[:7]  # YYYY-MM of an xsd:date, dateTime or gYearMonth


def test_chart_counts_rows_per_month_of_a_date_column(page: Page, request) -> None:
    _open(page)
    result = _run(page, "SELECT ?event ?date WHERE { ?event ck:date ?date . "
                        "FILTER(DATATYPE(?date) IN (xsd:date, xsd:dateTime, xsd:gYearMonth)) }")
    _view(page, "chart")
    chart = page.locator(".tabPanel.active .ck-chart[data-drawn]")
    expect(chart).to_be_visible()
    counts = Counter(_bucket(row["date"]["value"]) for row in result["rows"])
    bars = chart.locator("svg.ck-buckets rect.ck-bar").evaluate_all(
        "rs => rs.map(r => [r.dataset.key, Number(r.dataset.count), r.getBBox().height])")
    drawn = {key: n for key, n, _ in bars}
    # a bar per month from the first to the last, each with its rows; empty months flat
    first, last = min(counts), max(counts)
    months = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:]) - int(first[5:]) + 1
    assert len(bars) == months and bars[0][0] == first and bars[-1][0] == last
    assert {k: n for k, n in drawn.items() if n} == dict(counts)
    assert sum(drawn.values()) == len(result["rows"])
    top = max(counts.values())
    for key, n, height in bars:
        assert height == pytest.approx(220 * n / top, abs=0.5), key
    expect(chart.locator(".ck-view-status")).to_contain_text(f"{len(result['rows'])} rows in")
    save(request, page.locator(".tabPanel.active .yasr"), "query-results-chart-months")
    _no_harm(page)


def test_chart_draws_a_bar_per_row_of_a_number_column(page: Page, server: str,
                                                      request) -> None:
    _open(page)
    result = _run(page, "SELECT ?type (COUNT(DISTINCT ?e) AS ?events) WHERE { ?e a ?type . "
                        "?type rdfs:subClassOf* ck:Event . FILTER(?type != ck:Event) } "
                        "GROUP BY ?type ORDER BY DESC(?events) ?type")
    _view(page, "chart")
    chart = page.locator(".tabPanel.active .ck-chart[data-drawn]")
    bars = chart.locator("svg.ck-bars rect.ck-bar").evaluate_all(
        "rs => rs.map(r => [Number(r.dataset.row), Number(r.dataset.value), r.getBBox().width])")
    rows = result["rows"]
    assert len(bars) == len(rows)
    top = max(int(r["events"]["value"]) for r in rows)
    for (row, value, width), expected in zip(bars, rows, strict=True):
        assert value == int(expected["events"]["value"]) == int(rows[row]["events"]["value"])
        assert width == pytest.approx(560 * value / top, abs=0.5)
    # each bar is named by its row's type, by label, linked to the class's page here
    labels = _labels(server, [r["type"]["value"] for r in rows])
    assert _bar_names(page) == [labels[r["type"]["value"]] for r in rows]
    links = chart.locator("svg.ck-bars a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert links == ["/ontology#" + r["type"]["value"].split("#")[1] for r in rows]
    save(request, page.locator(".tabPanel.active .yasr"), "query-results-chart-bars")
    _no_harm(page)


def _check_markers(page: Page, rows: list[dict], lat: str, lon: str) -> None:
    el = page.locator(".tabPanel.active .ck-query-map")
    expect(el).to_have_attribute("data-markers", str(len(rows)))
    markers = el.evaluate(MARKERS_JS)
    assert sorted(m["row"] for m in markers) == list(range(len(rows)))
    for m in markers:
        row = rows[m["row"]]
        assert (m["lat"], m["lon"]) == pytest.approx(
            (float(row[lat]["value"]), float(row[lon]["value"])))
        # drawn where the map projects the row's coordinates (Leaflet rounds to pixels)
        assert abs(m["cx"] - m["px"]) < 2.5 and abs(m["cy"] - m["py"]) < 2.5, m


def test_map_puts_markers_at_the_rows_coordinates(page: Page, request) -> None:
    _open(page)
    result = _run(page, "SELECT DISTINCT ?event ?latitude ?longitude WHERE { "
                        "?event a/rdfs:subClassOf* ck:Event ; ck:location ?place . "
                        "?place ck:latitude ?latitude ; ck:longitude ?longitude } ORDER BY ?event")
    _view(page, "geo")
    _check_markers(page, result["rows"], "latitude", "longitude")
    expect(page.locator(".tabPanel.active .ck-map-status")).to_contain_text(
        f"{len(result['rows'])} on the map")
    save(request, page.locator(".tabPanel.active .yasr"), "query-results-map")
    _no_harm(page)


def test_map_reads_rows_of_latitude_and_longitude_values(page: Page) -> None:
    _open(page)
    result = _run(page, f"SELECT ?place ?p ?o WHERE {{ VALUES ?place {{ <{ID}place/badville> }}"
                        " ?place ?p ?o . VALUES ?p { ck:latitude ck:longitude } }")
    assert len(result["rows"]) == 2
    _view(page, "geo")
    el = page.locator(".tabPanel.active .ck-query-map")
    expect(el).to_have_attribute("data-markers", "1")
    marker = el.evaluate(MARKERS_JS)[0]
    assert (marker["lat"], marker["lon"]) == (-12.25, -45.5)
    assert abs(marker["cx"] - marker["px"]) < 2.5 and abs(marker["cy"] - marker["py"]) < 2.5
    _no_harm(page)


def test_every_table_page_gets_labels_and_local_links(page: Page) -> None:
    _open(page)
    result = _run(page, "SELECT DISTINCT ?event WHERE { ?event ck:date ?date } ORDER BY ?event")
    assert len(result["rows"]) > 50, "needs a second page of 50 rows"
    table = page.locator(".tabPanel.active .yasr table.dataTable")
    page.locator(".tabPanel.active .yasr .dt-paging-button.next").click()
    expect(table.locator("tbody tr").first.locator(".rowNumber")).to_have_text("51")
    links = table.locator("a.iri")
    expect(links.first).to_have_class(re.compile(r"\bck-labelled\b"))
    shown = links.evaluate_all(
        "as => as.map(a => [a.title, a.getAttribute('href'), a.textContent])")
    assert len(shown) == len(result["rows"]) - 50
    for (iri, href, text), row in zip(shown, result["rows"][50:], strict=True):
        assert iri == row["event"]["value"] and href == "/id/" + iri[len(ID):]
        assert text and text != iri
    _no_harm(page)
