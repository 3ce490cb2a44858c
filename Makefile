# Two entry points, both safe to run on a fresh machine (see README.md).
#   make run   set up, ingest the demo corpus, reason, serve on http://127.0.0.1:8000
#   make test  set up with test tools, then lint, type-check and run the whole suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := $(CURDIR)/.venv
BIN := $(VENV)/bin
STORE ?= $(CURDIR)/var/demo-store
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev

.PHONY: run test setup setup-dev lint typecheck pytest demo-store docs clean assets browser virtuoso bench-tools

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(STAMP_DEV): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@ $(STAMP_RUN)

setup: $(STAMP_RUN)
setup-dev: $(STAMP_DEV)

demo-store: setup
	$(BIN)/conflict-kg --store $(STORE) ingest corpus/demo
	$(BIN)/conflict-kg --store $(STORE) reason

# Front-end assets (YASGUI) from npm into node_modules/, served by the app (no CDN).
assets: node_modules/.package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Headless Chromium for the browser tests (Debian's package; no browser downloads).
browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# Virtuoso Open Source 7 (Debian's package) for the remote-store tests; the tests
# start it on loopback with a temporary database and stop it afterwards.
virtuoso:
	@command -v virtuoso-t >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource; }

# wrk (Debian's package): the HTTP load generator of benchmarks/sparql_service.py.
bench-tools: setup-dev
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

run: demo-store assets
	$(BIN)/conflict-kg --store $(STORE) serve --host 127.0.0.1 --port 8000

lint: setup-dev
	$(BIN)/ruff check .

typecheck: setup-dev
	$(BIN)/mypy

pytest: setup-dev assets browser virtuoso
	$(BIN)/pytest -n 2 -q

test: lint typecheck pytest

clean:
	rm -rf $(VENV) var
