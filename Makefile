# make run: set up and serve on the demo database; make test: the whole suite (what CI runs).
VENV := .venv
PYTHON := $(VENV)/bin/python
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.bench-installed

.PHONY: install run test lint bench demo-db clean

install: $(STAMP)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: install
	$(VENV)/bin/stv-dashboard serve

test: install lint
	$(PYTHON) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

$(BENCH_STAMP): $(STAMP) pyproject.toml
	$(PYTHON) -m pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

# Queries and views, exports, then pages in Chromium against the served app (about 15 min) and 50 users (about 3).
bench: install $(BENCH_STAMP)
	$(PYTHON) -m benchmarks
	$(PYTHON) -m benchmarks.exports
	$(PYTHON) -m benchmarks.browser
	$(PYTHON) -m benchmarks.load

demo-db: install
	$(VENV)/bin/stv-dashboard demo-db

clean:
	rm -rf $(VENV) var .pytest_cache
