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
	@echo
	@echo "The same question over HTTP, once the server below is up:"
	@echo "  http://127.0.0.1:8000/v1/correlations/followed?cause=BROADCAST&cause_affiliation=opposition&effect=OUTAGE&within=P3D&same_place=true"
	@echo "  (API docs: http://127.0.0.1:8000/docs; stop the server with Ctrl-C)"
	$(BIN)/newsgraph serve

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
