# The two set-up commands of the README, and the steps they are made of.
#   make run [PORT=5000]   install, migrate, load the demo if the database is empty, serve
#   make test              install test dependencies (Chromium too), lint, type-check, test

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app matchmaker
PORT ?= 5000
CHROMIUM := /usr/bin/chromium

ICALJS := tests/web/calendars/icaljs

.PHONY: run test install install-test install-server browser icaljs lint migrate demo serve bench bench-web load-tool clean translations catalogues

run: install translations migrate demo serve

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test browser icaljs

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --editable .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet --editable '.[test]'
	touch $@

browser:
	@test -x $(CHROMIUM) || { echo "Installing Debian's Chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# Mozilla's ical.js, the second independent parser the calendar tests read every .ics with.
icaljs: $(ICALJS)/node_modules/.package-lock.json

$(ICALJS)/node_modules/.package-lock.json: $(ICALJS)/package-lock.json
	@command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq nodejs npm; }
	npm ci --prefix $(ICALJS) --no-audit --no-fund --loglevel=error

# The compiled catalogues the app reads (the tests compile them too).
translations: install
	$(BIN)/python -m matchmaker.catalogues compile

# After changing user-facing text: extract it and merge it into every language's catalogue;
# new messages arrive empty for the translators (the tests list them until they are filled).
catalogues: install
	$(BIN)/python -m matchmaker.catalogues update

migrate: install
	$(FLASK) db upgrade

demo: install
	$(FLASK) demo --if-empty

serve: install
	$(FLASK) serve --host 127.0.0.1 --port $(PORT)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: install-test lint
	$(BIN)/pytest

bench: install
	$(BIN)/python -m solver bench
	$(FLASK) bench-replan

install-server: $(VENV)/.installed-server

$(VENV)/.installed-server: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet --editable '.[server]'
	touch $@

# The web pages of a 2,000-person event under 20 clients (gunicorn + PostgreSQL, then SQLite).
# BENCH_POSTGRES_URL names the server (default postgresql+psycopg://postgres@127.0.0.1:5432).
bench-web: install-server load-tool
	$(BIN)/python -m benchmarks.web

# Debian's wrk, the benchmark's load generator (C: it leaves the two cores to the server).
load-tool:
	@command -v wrk >/dev/null || { echo "Installing Debian's wrk for the web benchmark"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
