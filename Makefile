# newsgraph: two commands matter, `make run` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: run test lint venv dev bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP) $@

venv: $(STAMP)
dev: $(DEVSTAMP) ui

run: $(STAMP) ui
	$(BIN)/newsgraph ingest samples/
	$(BIN)/newsgraph query followed --cause BROADCAST --cause-affiliation opposition \
		--effect OUTAGE --within 3d --same-place
	@echo
	@echo "The same question over HTTP, once the server below is up:"
	@echo "  http://127.0.0.1:8000/v1/correlations/followed?cause=BROADCAST&cause_affiliation=opposition&effect=OUTAGE&within=P3D&same_place=true"
	@echo "  (API docs: http://127.0.0.1:8000/docs; stop the server with Ctrl-C)"
	$(BIN)/newsgraph serve

test: $(DEVSTAMP) ui chromium
	$(BIN)/ruff check .
	bash tests/neo4j/build.sh
	$(BIN)/python -m pytest

lint: $(DEVSTAMP)
	$(BIN)/ruff check .

bench: $(DEVSTAMP)
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/ingest_speed.py

# -- web UI (docs/ui.md): the pinned npm libraries and the UI's files, built into
# api/web/ui/dist/ (git-ignored); served at / by `newsgraph serve`, no CDN at runtime.
.PHONY: ui chromium
UI := api/web/ui
UI_SOURCES := $(UI)/index.html $(UI)/styles.css $(UI)/app.js $(UI)/build.mjs \
	$(wildcard $(UI)/modules/*.js)

$(UI)/dist/build.json: $(UI)/package.json $(UI)/package-lock.json $(UI_SOURCES)
	cd $(UI) && npm ci --prefer-offline --no-audit --no-fund --silent && node build.mjs

ui: $(UI)/dist/build.json

# Debian's chromium for tests/test_ui_e2e.py (installed once, as root as in CI; without it
# the test skips locally and fails in CI).
chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium) \
		|| { echo "chromium could not be installed: tests/test_ui_e2e.py will skip"; [ -z "$$CI" ]; }

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
