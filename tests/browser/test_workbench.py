"""The workbench in a real browser: headless Chromium (Debian's package) against the real
server process started from the CLI.

``make test`` installs ``chromium`` with apt when ``/usr/bin/chromium`` is missing;
Playwright drives it through ``executable_path``, so no browser is ever downloaded.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from conflict_kg.resources import demo_corpus_dir
from tests.conftest import CLI, SEED, free_port, run_cli, wait_for_server

pytestmark = pytest.mark.needs_shared  # the server serves the seed article

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    store = tmp_path_factory.mktemp("browser") / "store"
    run_cli("ingest", str(SEED), str(demo_corpus_dir()), store=store, check=True)
    yield from serve(store)


def serve(store: Path) -> Iterator[str]:
    """The real server (``conflict-kg serve``) on ``store`` at a free port: its base URL."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONFLICT_KG_")}
    proc = subprocess.Popen([*CLI, "--store", str(store), "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(base + "/healthz", proc)
        yield base
    finally:
        proc.terminate()
        proc.communicate(timeout=15)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "headless Chromium missing: `make browser` installs it"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=server)
    outside: list[str] = []
    context.route(re.compile(r"^(?!" + re.escape(server) + r").*"),
                  lambda route: (outside.append(route.request.url), route.abort()))
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    try:
        yield pg
    finally:
        context.close()
    assert not [u for u in outside if not u.startswith("data:")], \
        f"the page fetched from elsewhere: {outside}"


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
    expect(panel.locator(".yasr")).to_contain_text("turkey")


@pytest.mark.slow
def test_query_page_works_under_the_content_security_policy(page: Page):
    """The page's policy allows only this service (server/security_headers.py): the
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
    # follow a fact to another entity: the agreement Russia is party to, on whichever
    # page of the "Referred to by" section it falls (sections are paged)
    agreement = page.locator("table.facts.incoming a[href^='/id/agreement/']")
    for offset in range(50, 2000, 50):
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
