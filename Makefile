# dikg: every target bootstraps .venv itself and is idempotent (a second run is fast).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DIKG   := $(BIN)/dikg
OUT    ?= dist
# stamps: reinstall only when the package metadata changes
INSTALLED      := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.test-installed
PY_PATHS := src tests $(wildcard benchmarks)
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet

.DEFAULT_GOAL := help
.PHONY: help demo test lint fmt build validate check-ontology docs publish bench bench-scale clean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "dikg needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(PIP) install --editable .
	@touch $@

$(TEST_INSTALLED): pyproject.toml $(INSTALLED)
	$(PIP) install --editable '.[test]'
	@touch $@

# axe-core (npm registry) for the browser tests; tests/browser.py reads .venv/axe/node_modules/
# axe-core/axe.min.js (or $$DIKG_AXE_JS). Without npm, or offline, the axe checks skip with a reason.
AXE_VERSION   := 4.14.1
AXE_INSTALLED := $(VENV)/.axe-$(AXE_VERSION)-installed
$(AXE_INSTALLED): | $(BIN)/python
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --prefix $(VENV)/axe --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
	    axe-core@$(AXE_VERSION) && touch $@ \
	  || echo "make: npm could not install axe-core: the accessibility checks will skip"; \
	else echo "make: no npm, so no axe-core: the browser tests' accessibility checks will skip"; fi

demo: $(INSTALLED) ## build and validate the graph, then answer a canned question
	$(DIKG) build --out $(OUT)
	$(DIKG) validate
	$(DIKG) query dataset-statistics

build: $(INSTALLED) ## write the graph dumps into dist/
	$(DIKG) build --out $(OUT)

validate: $(INSTALLED) ## check the graph against the SHACL shapes
	$(DIKG) validate

check-ontology: $(INSTALLED) ## quality report of the ontology and vocabularies (ERROR fails)
	$(DIKG) check-ontology

docs: $(INSTALLED) ## write the ontology and vocabulary pages (en, nl) into site/
	$(DIKG) docs --out site

PUBLICATION ?= publication.yaml
publish: $(INSTALLED) ## write a release into site/ (PUBLICATION=file; `dikg publish --metadata-example`)
	$(DIKG) publish --out site --metadata $(PUBLICATION)

bench: $(TEST_INSTALLED) ## by hand, a few minutes: validate vs plain pySHACL; query with/without the store cache; load on dikg serve
	$(BIN)/python benchmarks/bench_validate.py
	$(BIN)/python benchmarks/bench_query.py
	$(BIN)/python benchmarks/bench_serve.py

SIZES ?= 10000,100000
bench-scale: $(TEST_INSTALLED) ## by hand, long: dikg vs Jena, pySHACL and raw pyoxigraph at SIZES triples
	$(BIN)/python benchmarks/bench_scale.py --sizes $(SIZES)

test: $(TEST_INSTALLED) $(AXE_INSTALLED) lint ## lint, then run the whole test suite (it starts an Oxigraph server and a headless Chromium itself)
	$(BIN)/pytest

lint: $(TEST_INSTALLED) ## ruff, and the canonical form of every Turtle file
	$(BIN)/ruff check $(PY_PATHS)
	$(BIN)/ruff format --check $(PY_PATHS)
	$(DIKG) fmt --check
	$(DIKG) check-ontology --no-reasoner

fmt: $(TEST_INSTALLED) ## format Python (ruff) and Turtle (dikg fmt) in place
	$(BIN)/ruff check --fix --quiet $(PY_PATHS)
	$(BIN)/ruff format --quiet $(PY_PATHS)
	$(DIKG) fmt

clean: ## remove the virtual environment and everything generated
	rm -rf $(VENV) dist site build .pytest_cache .ruff_cache .dikg-cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
