"""``/map.json``, ``/timeline.json``, ``/map``, ``/timeline`` and the map and timeline
sections of entity pages, over a small invented graph on each backend: coordinates,
date precision (a month-precision event spans its month), the filters, their ``400``
messages, agreement dates on the axis, and escaping of untrusted labels."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date

import markupsafe
import pyoxigraph as ox
import pytest

from conflict_kg.bundled import ensure_bundled
from conflict_kg.namespaces import ONTOLOGY, RDF, RDFS, XSD, DataNamespace
from conflict_kg.server import create_app
from conflict_kg.settings import load_settings
from tests.conftest import BACKENDS, backend_store
from tests.support.corpus import BASE

CK = ONTOLOGY
TIME = "http://www.w3.org/2006/time#"
ID = BASE + "id/"
GRAPH = BASE + "graph/curated/map-test"
EVIL = '<script>alert("x")</script> Front'


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _triples() -> list[ox.Triple]:
    out: list[ox.Triple] = []

    def add(s: str, p: str, o: ox.NamedNode | ox.Literal) -> None:
        out.append(ox.Triple(_n(s), _n(p), o))

    def typed(s: str, cls: str, label: str) -> None:
        add(s, RDF + "type", _n(CK + cls))
        add(s, RDFS + "label", ox.Literal(label, language="en"))

    def lit(value: str, dt: str) -> ox.Literal:
        return ox.Literal(value, datatype=_n(XSD + dt))

    typed(ID + "place/testville", "City", "Testville")
    add(ID + "place/testville", CK + "latitude", lit("10.5", "decimal"))
    add(ID + "place/testville", CK + "longitude", lit("20.25", "decimal"))
    typed(ID + "place/nowhere-province", "Province", "Nowhere Province")
    typed(ID + "state/ruritania", "State", "Ruritania")
    typed(ID + "armed-group/evil", "NonStateArmedGroup", EVIL)
    # a day-, a month- and a year-precision event, and an undated one
    typed(ID + "event/e1", "AirStrike", "strike on Testville")
    add(ID + "event/e1", CK + "agent", _n(ID + "state/ruritania"))
    add(ID + "event/e1", CK + "location", _n(ID + "place/testville"))
    add(ID + "event/e1", CK + "date", lit("2020-03-05", "date"))
    add(ID + "event/e1", CK + "datePrecision", _n(TIME + "unitDay"))
    typed(ID + "event/e2", "Shootdown", '<b>downing</b> & "quotes"')
    add(ID + "event/e2", CK + "agent", _n(ID + "armed-group/evil"))
    add(ID + "event/e2", CK + "location", _n(ID + "place/nowhere-province"))
    add(ID + "event/e2", CK + "date", lit("2020-04", "gYearMonth"))
    add(ID + "event/e2", CK + "datePrecision", _n(TIME + "unitMonth"))
    typed(ID + "event/e3", "Talks", "talks in Testville")
    add(ID + "event/e3", CK + "participant", _n(ID + "state/ruritania"))
    add(ID + "event/e3", CK + "location", _n(ID + "place/testville"))
    add(ID + "event/e3", CK + "date", lit("2019", "gYear"))
    typed(ID + "event/e4", "Patrol", "patrol near Testville")
    add(ID + "event/e4", CK + "agent", _n(ID + "state/ruritania"))
    add(ID + "event/e4", CK + "location", _n(ID + "place/testville"))
    # an agreement: signed at Testville, a deadline, a zone in force from a date
    ag = ID + "agreement/test-accord"
    typed(ag, "Agreement", "Testville accord")
    add(ag, CK + "party", _n(ID + "state/ruritania"))
    add(ag, CK + "signingDate", lit("2020-02-01", "date"))
    add(ag, CK + "signingPlace", _n(ID + "place/testville"))
    add(ag, CK + "provision", _n(ag + "/provision-1"))
    typed(ag + "/provision-1", "WithdrawalProvision", "withdrawal from the hills")
    add(ag + "/provision-1", CK + "deadline", lit("2020-06-30", "date"))
    add(ag, CK + "zone", _n(ag + "/zone"))
    typed(ag + "/zone", "DemilitarisedZone", "buffer zone")
    add(ag + "/zone", CK + "locatedIn", _n(ID + "place/testville"))
    add(ag + "/zone", CK + "effectiveFrom", lit("2020-07-01", "date"))
    return out


@pytest.fixture(scope="module", params=BACKENDS)
def client(request: pytest.FixtureRequest) -> Iterator[object]:
    with backend_store(request, request.param, holder=__name__) as store:
        ensure_bundled(store, DataNamespace(BASE))  # the ontology: which classes are events
        store.add_to_graph(GRAPH, _triples())
        app = create_app(load_settings({"store": ":memory:"}, environ={}), store=store)
        yield app.test_client()


def _json(client, path: str, status: int = 200) -> dict:
    response = client.get(path)
    assert response.status_code == status, (path, response.get_data(as_text=True)[:500])
    return json.loads(response.get_data(as_text=True))


def _by_iri(rows: list[dict]) -> dict[str, dict]:
    return {r["iri"]: r for r in rows}


def test_markers_are_at_their_places_coordinates(client) -> None:
    body = _json(client, "/map.json")
    markers = _by_iri(body["markers"])
    for event in ("e1", "e3", "e4"):
        m = markers[ID + f"event/{event}"]
        assert (m["lat"], m["lon"]) == (10.5, 20.25)
        assert m["href"] == f"/id/event/{event}" and m["place"]["label"] == "Testville"
    assert markers[ID + "event/e1"]["class"]["label"] == "air strike"
    assert markers[ID + "event/e1"]["date"] == "2020-03-05"
    # the agreement's zone lies in Testville: a marker there
    zone = markers[ID + "agreement/test-accord/zone"]
    assert zone["kind"] == "zone" and (zone["lat"], zone["lon"]) == (10.5, 20.25)
    # a province without coordinates: listed, not drawn anywhere
    assert ID + "event/e2" not in markers
    assert ID + "event/e2" in _by_iri(body["unplaced"])


def test_a_month_precision_event_spans_its_month(client) -> None:
    body = _json(client, "/timeline.json?from=2020-04-20&to=2020-04-21")
    items = _by_iri(body["items"])
    assert set(items) == {ID + "event/e2"}
    e2 = items[ID + "event/e2"]
    assert (e2["start"], e2["end"], e2["precision"]) == ("2020-04-01", "2020-04-30", "month")
    assert body["undated"] == []  # an undated event cannot be said to fall in a window
    year = _by_iri(_json(client, "/timeline.json?from=2019-07")["items"])
    # from July 2019 on: the year-precision talks of 2019 overlap it
    assert (year[ID + "event/e3"]["start"], year[ID + "event/e3"]["end"]) == (
        "2019-01-01", "2019-12-31")


def test_undated_events_only_in_the_undated_list(client) -> None:
    body = _json(client, "/timeline.json")
    dated, undated = _by_iri(body["items"]), _by_iri(body["undated"])
    assert ID + "event/e4" in undated and ID + "event/e4" not in dated
    assert {ID + f"event/{e}" for e in ("e1", "e2", "e3")} <= set(dated)
    assert not set(dated) & set(undated)
    starts = [r["start"] for r in body["items"]]
    assert starts == sorted(starts)


def test_class_and_actor_filters(client) -> None:
    only = _by_iri(_json(client, "/map.json?class=AirStrike")["markers"])
    assert set(only) == {ID + "event/e1"}
    same = _json(client, "/map.json?class=" + CK.replace("#", "%23") + "AirStrike")
    assert set(_by_iri(same["markers"])) == {ID + "event/e1"}
    by_name = _json(client, "/timeline.json?actor=Ruritania")
    assert by_name["filters"]["actor"] == ID + "state/ruritania"
    events = set(_by_iri(by_name["items"])) | set(_by_iri(by_name["undated"]))
    assert events == {ID + f"event/{e}" for e in ("e1", "e3", "e4")}
    by_iri = _json(client, "/map.json?actor=" + ID + "armed-group/evil")
    assert set(_by_iri(by_iri["unplaced"])) == {ID + "event/e2"}


@pytest.mark.parametrize(("query", "message"), [
    ("from=2020-13", "from: '2020-13' is not a date"),
    ("to=yesterday", "to: 'yesterday' is not a date"),
    ("from=2020-05&to=2020-04", "from (2020-05) is after to (2020-04)"),
    ("class=State", "class: 'State' is not an event class"),
    ("class=AirStrike>%20}%20UNION%20{", "is not an event class"),
    ("actor=no%20such%20entity%20xyz", "actor: no entity is named"),
    ("actor=" + "x" * 400, "actor: at most 300 characters"),
    ("actor=https://example.org/a%3E%20%7D", "actor:"),
])
def test_bad_filters_are_400_with_a_message(client, query: str, message: str) -> None:
    for path in ("/map.json", "/timeline.json"):
        assert message in _json(client, f"{path}?{query}", 400)["error"]
    page = client.get(f"/map?{query}")
    assert page.status_code == 400
    assert str(markupsafe.escape(message)) in page.get_data(as_text=True)


def test_timeline_bars_are_drawn_at_their_dates(client) -> None:
    page = client.get("/timeline").get_data(as_text=True)
    svg = re.search(r'<svg class="ck-timeline"[^>]*>', page)
    assert svg is not None
    attrs = dict(re.findall(r'(data-[a-z0-9]+)="([^"]*)"', svg.group(0)))
    first, last = date.fromisoformat(attrs["data-first"]), date.fromisoformat(attrs["data-last"])
    x0, x1 = float(attrs["data-x0"]), float(attrs["data-x1"])
    total = (last - first).days + 1
    items = re.findall(r'<g class="tl-item[^"]*" data-iri="([^"]+)"[^>]*data-start="([^"]+)"'
                       r'[^>]*data-end="([^"]+)".*?<rect class="tl-bar" x="([\d.]+)" y="[\d.]+" '
                       r'width="([\d.]+)"', page, re.S)
    assert len(items) == 3
    for iri, start, end, x, width in items:
        d0, d1 = date.fromisoformat(start), date.fromisoformat(end)
        assert float(x) == pytest.approx(x0 + (d0 - first).days / total * (x1 - x0), abs=0.02)
        span = ((d1 - d0).days + 1) / total * (x1 - x0)
        assert float(width) == pytest.approx(max(span, 3.0), abs=0.03), iri


def test_agreement_page_has_its_dates_and_places(client) -> None:
    page = client.get("/id/agreement/test-accord").get_data(as_text=True)
    assert "Events over time" in page
    milestones = re.findall(r'<g class="tl-milestone" data-date="([^"]+)"', page)
    assert milestones == ["2020-02-01", "2020-06-30", "2020-07-01"]
    assert "deadline: withdrawal from the hills" in page
    assert "enters into force: buffer zone" in page
    block = re.search(r'<script type="application/json" id="ck-map-data">(.*?)</script>', page,
                      re.S)
    assert block is not None
    markers = _by_iri(json.loads(block.group(1))["markers"])
    assert (markers[ID + "place/testville"]["lat"], markers[ID + "place/testville"]["lon"]) == (
        10.5, 20.25)
    assert ID + "agreement/test-accord/zone" in markers


def test_untrusted_labels_are_escaped(client) -> None:
    for path in ("/timeline", "/map", "/id/armed-group/evil", "/id/event/e2"):
        page = client.get(path).get_data(as_text=True)
        assert "<script>alert" not in page and "<b>downing" not in page, path
    timeline = client.get("/timeline").get_data(as_text=True)
    assert "&lt;b&gt;downing&lt;/b&gt; &amp; &#34;quotes&#34;" in timeline
    entity = client.get("/id/armed-group/evil").get_data(as_text=True)
    assert "&lt;script&gt;" in entity
    block = re.search(r'id="ck-map-data">(.*?)</script>', client.get(
        "/id/place/testville").get_data(as_text=True), re.S)
    assert block is not None and "<" not in block.group(1)
    assert _json(client, "/map.json?actor=" + ID + "armed-group/evil")["unplaced"][0][
        "label"] == '<b>downing</b> & "quotes"'  # JSON carries the text; the page script
    # puts it in as text (server/static/map.js: textContent only)


def test_pages_name_their_filters_and_links(client) -> None:
    page = client.get("/map?from=2020&class=AirStrike").get_data(as_text=True)
    assert 'data-src="/map.json?from=2020&amp;class=AirStrike"' in page
    assert '<option value="' + CK + 'AirStrike" selected>' in page
    assert "/static/vendor/leaflet/leaflet.js" in page
    assert "/static/vendor/worldatlas/countries-110m.json" in page


def test_an_entity_page_looks_at_a_bounded_number_of_events_and_says_so(
        client, monkeypatch) -> None:
    """Ruritania takes part in three events (e1, e3, e4): with the page's bound at two,
    its map and chart say that only two were looked at and link to all of them."""
    from conflict_kg.server.pages import maps

    whole = client.get("/id/state/ruritania").get_data(as_text=True)
    assert "looked at" not in whole and "open on the map page" in whole
    monkeypatch.setattr(maps, "PAGE_EVENTS", 2)
    page = client.get("/id/state/ruritania").get_data(as_text=True)
    assert "only 2 of its events looked at here" in page
    assert "all of them on the map page" in page and "all of them on the timeline page" in page
    # The map page itself is not bounded by the entity page's limit.
    assert len(_json(client, "/map.json?actor=" + ID + "state/ruritania")["markers"]) == 3
