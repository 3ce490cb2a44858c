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

.PHONY: run test setup setup-dev lint typecheck pytest demo-store docs clean assets browser virtuoso bench-tools dist

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

# Front-end assets (YASGUI; Leaflet, topojson-client and world-atlas's country outlines
# for the offline maps; Cytoscape.js for the network view) from npm, copied into the package (server/static/vendor/, not in
# git) so the app serves them itself, no CDN; setup.py does the same for builds.
YASGUI_VENDOR := server/static/vendor/yasgui
MAP_VENDOR := server/static/vendor/leaflet/leaflet.js server/static/vendor/topojson/topojson-client.min.js \
	server/static/vendor/worldatlas/countries-110m.json
CYTOSCAPE_VENDOR := server/static/vendor/cytoscape
assets: $(YASGUI_VENDOR)/yasgui.min.js $(MAP_VENDOR) $(CYTOSCAPE_VENDOR)/cytoscape.min.js
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@
$(YASGUI_VENDOR)/yasgui.min.js: node_modules/.package-lock.json
	mkdir -p $(YASGUI_VENDOR)
	cp node_modules/@zazuko/yasgui/build/yasgui.min.js node_modules/@zazuko/yasgui/build/yasgui.min.css \
	   node_modules/@zazuko/yasgui/build/yasgui.min.js.map $(YASGUI_VENDOR)/
server/static/vendor/leaflet/leaflet.js: node_modules/.package-lock.json
	mkdir -p $(@D)
	cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css \
	   node_modules/leaflet/dist/leaflet.js.map node_modules/leaflet/LICENSE $(@D)/
server/static/vendor/topojson/topojson-client.min.js: node_modules/.package-lock.json
	mkdir -p $(@D)
	cp node_modules/topojson-client/dist/topojson-client.min.js node_modules/topojson-client/LICENSE $(@D)/
server/static/vendor/worldatlas/countries-110m.json: node_modules/.package-lock.json
	mkdir -p $(@D)
	cp node_modules/world-atlas/countries-110m.json node_modules/world-atlas/LICENSE $(@D)/
# Cytoscape.js draws the /network graph (server/static/network.js).
$(CYTOSCAPE_VENDOR)/cytoscape.min.js: node_modules/.package-lock.json
	mkdir -p $(CYTOSCAPE_VENDOR)
	cp node_modules/cytoscape/dist/cytoscape.min.js $(CYTOSCAPE_VENDOR)/

# The sdist and the wheel (the wheel built from the sdist), into dist/.
dist: setup-dev assets
	rm -rf dist
	$(BIN)/python -m build --outdir dist .
	$(BIN)/python -m twine check --strict dist/*

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
	$(BIN)/pytest -n 2 -q --durations=30

test: lint typecheck pytest

clean:
	rm -rf $(VENV) var dist build $(YASGUI_VENDOR) $(dir $(MAP_VENDOR))
