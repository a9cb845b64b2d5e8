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
dev: $(DEVSTAMP)

run: $(STAMP)
	$(BIN)/newsgraph ingest samples/
	$(BIN)/newsgraph query followed --cause BROADCAST --cause-affiliation opposition \
		--effect OUTAGE --within 3d --same-place

test: $(DEVSTAMP)
	$(BIN)/ruff check .
	bash tests/neo4j/build.sh
	$(BIN)/python -m pytest

lint: $(DEVSTAMP)
	$(BIN)/ruff check .

bench: $(DEVSTAMP)
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/ingest_speed.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
