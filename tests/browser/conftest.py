"""Browser fixtures: the real server process and headless Chromium (Debian's package).

``make test`` installs ``chromium`` with apt when ``/usr/bin/chromium`` is missing;
Playwright drives it through ``executable_path``, so no browser is ever downloaded.
A test module that needs its own store defines its own ``server`` fixture with
:func:`serve`.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from conflict_kg.resources import demo_corpus_dir
from tests.conftest import CLI, SEED, free_port, run_cli, wait_for_server

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
