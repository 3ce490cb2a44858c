"""The workbench in a real browser: headless Chromium (Debian's package) against the real
server process started from the CLI.

``make test`` installs ``chromium`` with apt when ``/usr/bin/chromium`` is missing;
Playwright drives it through ``executable_path``, so no browser is ever downloaded.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.needs_shared  # the server serves the seed article


@pytest.mark.slow
def test_query_ui_runs_a_query_and_shows_rows(page: Page):
    page.goto("/")
    expect(page.locator(".yasgui .tabsList")).to_be_visible()
    # the analyst library is offered as ready tabs
    expect(page.get_by_role("tab", name="agreement-parties")).to_be_visible()
    page.get_by_role("tab", name="agreement-parties").click()
    panel = page.locator(".tabPanel.active")
    panel.locator(".yasqe_queryButton").click()
    rows = panel.locator(".yasr table.dataTable tbody tr")
    expect(rows.first).to_be_visible()
    assert rows.count() >= 2
    # parties are shown by their labels and link to this server's page
    expect(panel.locator(".yasr")).to_contain_text("Turkey")
    expect(panel.locator(".yasr a[href$='/id/state/turkey']").first).to_be_visible()


@pytest.mark.slow
def test_query_page_works_under_the_content_security_policy(page: Page):
    """The page's policy allows only this service (server/http/security_headers.py): the
    editor loads, runs a query and shows the result table without one violation."""
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation', e => window.__violations.push("
        "[e.violatedDirective, e.sourceFile, e.lineNumber].join(' ')));")
    response = page.goto("/")
    assert response is not None
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.get_by_role("tab", name="agreement-parties").click()
    panel = page.locator(".tabPanel.active")
    panel.locator(".yasqe_queryButton").click()
    expect(panel.locator(".yasr table.dataTable tbody tr").first).to_be_visible()
    assert page.evaluate("window.__violations") == []


@pytest.mark.slow
def test_entity_fact_document_mention(page: Page):
    page.goto("/id/state/russia")
    expect(page.locator("h1")).to_have_text("Russia")
    # follow a fact to another entity: the seed's agreement of Russia and Turkey, on
    # whichever page of the "Referred to by" section it falls (sections are paged; Russia
    # is party to other agreements of the seed too)
    agreement = page.locator("table.facts.incoming a[href^='/id/agreement/russia/turkey/']")
    for offset in range(50, 2000, 50):
        # the page's own fetches (map, graph) are evaluations of this client too: a page
        # over the client's share now waits for one of them (up to query_queue_seconds),
        # but under a loaded CI machine they may outlast that; let them end first
        page.wait_for_load_state("networkidle")
        if agreement.count():
            break
        page.locator("section:has(table.facts.incoming) p.paging a[rel=next]").click()
        expect(page).to_have_url(re.compile(rf"referred={offset}\b"))
    agreement.first.click()
    expect(page).to_have_url(re.compile(r"/id/agreement/"))
    expect(page.locator("table.facts.outgoing")).to_contain_text("Turkey")
    # ... and from there to Turkey, another entity
    page.locator("table.facts.outgoing a[href='/id/state/turkey']").first.click()
    expect(page.locator("h1")).to_have_text("Turkey")
    page.go_back()
    # open the source document at the sentence the fact comes from
    page.locator("blockquote.sentence a").first.click()
    expect(page).to_have_url(re.compile(r"/id/document/il20-sochi-2018-09-18#char=\d+,\d+"))
    mention = page.locator("a.mention[href='/id/state/turkey']").first
    expect(mention).to_be_visible()
    background = mention.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "mention is highlighted"
    # the highlighted mention leads back to the entity
    mention.click()
    expect(page.locator("h1")).to_have_text("Turkey")
