# Two commands do all set-up: `make serve` previews the site, `make test` runs every test.
# Both create the virtual environment in .venv on first use and reuse it afterwards.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.requirements-installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build chart clean

serve: $(READY)
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

test: $(READY)
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

clean:
	rm -rf $(VENV) site docs/assets/chart includes/chart .pytest_cache
