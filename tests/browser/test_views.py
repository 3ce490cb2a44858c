"""The analyst's views in a real browser (headless Chromium, the real server process on
the seed article, the demo corpus and two invented wire reports that give one air strike
different tolls): the agreement and event cards, /contested, /network and Browse.

Each test asserts what is drawn, and keeps a screenshot of its view where
``tests/browser/screenshots.py`` says (``$CONFLICT_KG_SCREENSHOT_DIR``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conflict_kg.resources import demo_corpus_dir
from tests.browser import screenshots
from tests.browser.conftest import serve
from tests.conftest import SEED, run_cli

pytestmark = [pytest.mark.needs_shared, pytest.mark.slow]

# Two invented reports of one strike with different tolls (not from any real source).
TOLLS = {
    "toll-a-2019-03-05": ("Strike on market kills eight, monitor says", "Test Wire A",
                          "Syrian government aircraft struck a market in Maarat al-Numan on "
                          "Monday, killing eight civilians, a monitoring group said."),
    "toll-b-2019-03-05": ("Market air strike toll rises to twelve", "Test Wire B",
                          "Syrian government aircraft struck a market in Maarat al-Numan on "
                          "Monday, killing twelve civilians, local officials said."),
}
SOME = re.compile(r"^[1-9][0-9]*$")  # a drawn graph's edge count
STRIKE = "/id/event/air-strike/2019-03-04/syria"
VIOLATIONS = ("window.__violations = [];"
              "document.addEventListener('securitypolicyviolation', e => window.__violations"
              ".push([e.violatedDirective, e.sourceFile].join(' ')));")


def _write_tolls(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for stem, (title, publisher, text) in TOLLS.items():
        (folder / f"{stem}.md").write_text(
            f"---\nid: {stem}\ntitle: {title}\npublisher: {publisher}\npublished: 2019-03-05\n"
            f"language: en\n---\n{text}\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("views")
    tolls = _write_tolls(root / "tolls")
    store = root / "store"
    run_cli("ingest", str(SEED), str(demo_corpus_dir()), str(tolls), store=store, check=True)
    yield from serve(store)


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Path:
    return screenshots.folder(request)


SHOT_WIDTH, SHOT_HEIGHT = 1000, 720  # small enough for docs/img


def _shot(page: Page, shots: Path, name: str, what: str = "main") -> None:  # noqa: F811
    """A PNG of ``what`` (at most SHOT_WIDTH x SHOT_HEIGHT from its top left)."""
    page.set_viewport_size({"width": SHOT_WIDTH + 60, "height": SHOT_HEIGHT})
    page.evaluate("window.scrollTo(0, 0)")
    box = page.locator(what).first.bounding_box()
    assert box is not None, what
    page.screenshot(path=str(shots / name), full_page=True, clip={
        "x": box["x"], "y": box["y"], "width": min(box["width"], SHOT_WIDTH),
        "height": min(box["height"], SHOT_HEIGHT)})


def _no_violations(page: Page) -> None:  # noqa: F811
    assert page.evaluate("window.__violations") == []


def test_agreement_card_shows_deadline_and_width(page: Page, shots: Path) -> None:  # noqa: F811
    page.add_init_script(VIOLATIONS)
    page.goto("/id/agreement/russia/turkey/2018-09")
    card = page.locator("section.agreement-card")
    expect(card).to_be_visible()
    expect(card.locator("dd.parties")).to_contain_text("Russia")
    expect(card.locator("dd.parties")).to_contain_text("Turkey")
    expect(card.locator("dd.signing")).to_contain_text("2018-09-17")
    withdrawal = card.locator("li.provision", has_text="Withdrawal provision")
    expect(withdrawal.locator("dd.provision-date")).to_have_text("2018-10-10")
    expect(withdrawal.locator(".provision-words")).to_contain_text("by 2018-10-10")
    expect(withdrawal.locator("blockquote.evidence-sentence")).to_contain_text("October 10")
    zone = card.locator("li.provision", has_text="Zone provision")
    expect(zone.locator("dd.figure")).to_contain_text("15–20 kilometres")
    _shot(page, shots, "agreement-card.png", "section.agreement-card")
    _no_violations(page)


def test_event_card_and_both_sides_of_a_contested_toll(page: Page, shots: Path) -> None:  # noqa: F811
    page.add_init_script(VIOLATIONS)
    page.goto(STRIKE)
    card = page.locator("section.event-card")
    expect(card.locator(".event-sentence")).to_contain_text("air strike")
    dispute = card.locator(".contested-figure")
    expect(dispute).to_contain_text("Sources disagree: deaths")
    sides = dispute.locator(".side")
    expect(sides).to_have_count(2)
    expect(sides.nth(0)).to_contain_text("8 civilians")
    expect(sides.nth(0)).to_contain_text("Strike on market kills eight")
    expect(sides.nth(1)).to_contain_text("12 civilians")
    expect(sides.nth(1)).to_contain_text("Market air strike toll rises to twelve")
    _shot(page, shots, "event-card.png", "section.event-card")
    _no_violations(page)


def test_contested_page_lists_both_sides(page: Page, shots: Path) -> None:  # noqa: F811
    page.add_init_script(VIOLATIONS)
    page.goto("/contested")
    toll = page.locator(".contested-figure", has=page.locator(f"a[href='{STRIKE}']"))
    expect(toll).to_contain_text("8 civilians")
    expect(toll).to_contain_text("12 civilians")
    expect(toll.locator("blockquote.sentence")).to_have_count(2)
    denial = page.locator(".contested-denial",
                          has=page.locator("a[href='/id/event/shootdown/2018-09-17/russia']"))
    expect(denial.locator(".side-against")).to_contain_text("Vladimir Putin")
    expect(denial.locator(".side-for")).to_contain_text("blames")
    _shot(page, shots, "contested.png")
    _no_violations(page)


def _drawn_edges(page: Page) -> set[tuple[str, str, str]]:  # noqa: F811
    rows = page.evaluate("window.conflictKgNetwork.edges().map(e => "
                         "[e.source().data('label'), e.data('kind'), e.target().data('label')])")
    return {tuple(r) for r in rows}


def test_network_draws_claimant_to_target(page: Page, shots: Path) -> None:  # noqa: F811
    page.add_init_script(VIOLATIONS)
    page.goto("/network")
    graph = page.locator("#network-graph")
    expect(graph).to_have_attribute("data-edges", SOME)
    edges = _drawn_edges(page)
    assert ("Russia", "blames", "Israel") in edges
    assert ("Israel", "blames", "Government of Syria") in edges
    assert any(kind == "agreement" and {a, b} == {"Russia", "Turkey"} for a, kind, b in edges)
    expect(graph.locator("canvas").first).to_be_visible()
    # clicking an edge lists its claims, linked here
    page.evaluate("window.conflictKgNetwork.edges().filter(e => e.data('kind') === 'blames'"
                  " && e.source().data('label') === 'Russia').first().emit('tap')")
    details = page.locator("#network-details")
    expect(details).to_contain_text("Russia blames Israel")
    expect(details.locator("a[href^='/id/claim/']").first).to_be_visible()
    # labels are laid out without overlapping each other
    boxes = page.evaluate("window.conflictKgNetwork.nodes().map(n => n.boundingBox("
                          "{includeLabels: true, includeOverlays: false}))")
    overlaps = sum(1 for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"]
                   and b["y1"] < a["y2"])
    assert overlaps == 0, f"{overlaps} overlapping labels of {len(boxes)}"
    _shot(page, shots, "network.png", ".network-view")
    _no_violations(page)


def test_state_page_has_its_network_section(page: Page, shots: Path) -> None:  # noqa: F811
    page.add_init_script(VIOLATIONS)
    page.goto("/id/state/turkey")
    section = page.locator("section.network-section")
    expect(section).to_be_visible()
    expect(section.locator("#network-graph")).to_have_attribute("data-edges", SOME)
    edges = _drawn_edges(page)
    assert any(kind == "agreement" and "Russia" in (a, b) for a, kind, b in edges)
    _shot(page, shots, "state-network.png", "section.network-section")
    _no_violations(page)


def test_browse_starts_from_the_analysts_classes(page: Page, shots: Path) -> None:  # noqa: F811
    page.add_init_script(VIOLATIONS)
    page.goto("/browse")
    classes = page.locator("ul.analyst-classes li")
    expect(classes.first).to_be_visible()
    titles = classes.locator("a").all_text_contents()
    assert titles[:3] == ["States", "Armed forces", "Armed groups"]
    assert not [t for t in titles if "mention" in t.lower() or "sentence" in t.lower()]
    expect(page.locator("ul.analyst-classes li", has_text="Agreements")
           .locator(".count")).not_to_have_text("0")
    _shot(page, shots, "browse.png")
    page.locator("ul.analyst-classes a", has_text="Events").click()
    expect(page.locator(f"ul.instances a[href='{STRIKE}']")).to_be_visible()
    _no_violations(page)
