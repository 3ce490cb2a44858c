"""The search box in a real browser (headless Chromium, the real server process with the
seed article and the demo corpus): "/" focuses it, a partial name brings suggestions
with their class, the keyboard opens one here; Enter alone opens the results page.
No asset comes from elsewhere and the Content Security Policy holds."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.needs_shared, pytest.mark.slow]

VIOLATIONS = ("window.__violations = [];"
              "document.addEventListener('securitypolicyviolation', e => window.__violations"
              ".push([e.violatedDirective, e.sourceFile].join(' ')));")


def test_keyboard_search_opens_the_entity_page_here(page: Page) -> None:  # noqa: F811
    page.add_init_script(VIOLATIONS)
    page.goto("/browse")
    page.keyboard.press("/")
    box = page.locator("#site-search-q")
    expect(box).to_be_focused()
    box.press_sequentially("shoig", delay=30)
    options = page.locator("#site-search-list [role=option]")
    expect(options.first).to_be_visible()
    expect(options.first).to_contain_text("Sergei Shoigu")
    expect(options.first.locator(".badge")).not_to_be_empty()
    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/id/person/sergei-shoigu$"))
    expect(page.locator("h1")).to_contain_text("Sergei Shoigu")
    assert page.evaluate("window.__violations") == []


def test_enter_without_a_choice_shows_the_results_page(page: Page) -> None:  # noqa: F811
    page.add_init_script(VIOLATIONS)
    page.goto("/queries")
    box = page.locator("#site-search-q")
    box.fill("isra")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=isra$"))
    hits = page.locator("ol.search-hits li")
    expect(hits.first).to_be_visible()
    expect(hits.first.locator("a")).to_have_attribute("href", "/id/state/israel")
    expect(hits.first.locator(".badge")).not_to_be_empty()
    assert page.evaluate("window.__violations") == []
