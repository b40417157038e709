# The two commands: `make run` (the app on SQLite with demo data) and `make test` (the whole
# suite on SQLite and on a throwaway PostgreSQL). Everything else here serves those two.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export DJANGO_DEBUG ?= 1

.PHONY: run test test-sqlite test-postgres lint install install-test static migrate seed chromium bench bench-report clean

run: install static migrate seed
	$(PY) manage.py runserver 127.0.0.1:8000

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

# One sass run writes the web pages', the PDF reports' and the PDF charts' stylesheets: a grouped target.
static/css/igov.css static/css/pdf.css static/css/pdf-charts.css &: node_modules/.package-lock.json $(wildcard frontend/*.scss)
	npm run build --silent

static: static/css/igov.css static/css/pdf.css static/css/pdf-charts.css

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

lint: install-test
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run

# Debian's Chromium for the browser tests (never `playwright install`: it downloads browsers).
chromium:
	@command -v /usr/bin/chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

test: install-test static chromium lint test-sqlite test-postgres

test-sqlite: install-test static
	$(PY) -m pytest -q -n 2 $(PYTEST_ARGS)

test-postgres: install-test static
	scripts/with-postgres $(PY) -m pytest -q -n 2 $(PYTEST_ARGS)

# The benchmark (issue 16, not part of `make test`): a throwaway PostgreSQL loaded at a large council's size
# and at ten times it, the app under gunicorn (2 workers) on loopback, every page's p50/p95, ×floor and
# query count, the PDF and imports against bare WeasyPrint and openpyxl, 20 users editing and reading for
# 2 minutes. Prints the table, writes bench/results.json. BENCH_ARGS passes options, e.g.
# BENCH_ARGS="--load-seconds 30 --requests 10". `manage.py bench_import` runs the training import alone.
bench: install static
	PY=$(PY) scripts/bench $(BENCH_ARGS)

# The committee report benchmark (issue 12) on a throwaway PostgreSQL: the demo at scale 10 topped up to
# 500,000 history rows, then the draft report page against the action list and its PDF against bare
# WeasyPrint (not part of `make test`). BENCH_ARGS passes options, e.g. BENCH_ARGS="--repeat 3 --explain".
bench-report: install
	scripts/with-postgres bash -c '$(PY) manage.py migrate --noinput -v0 && $(PY) manage.py seed_demo --scale 10 && $(PY) manage.py bench_report $(BENCH_ARGS)'

clean:
	rm -rf $(VENV) node_modules static/css static/govuk staticfiles db.sqlite3*
