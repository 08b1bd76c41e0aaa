# The two set-up commands of the README, and the steps they are made of.
#   make run [PORT=5000]   install, migrate, load the demo if the database is empty, serve
#   make test              install test dependencies (Chromium too), lint, type-check, test

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app matchmaker
PORT ?= 5000
CHROMIUM := /usr/bin/chromium

.PHONY: run test install install-test browser lint migrate demo serve bench clean

run: install migrate demo serve

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test browser

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

migrate: install
	$(FLASK) db upgrade

demo: install
	$(FLASK) demo --if-empty

serve: install
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: install-test lint
	$(BIN)/pytest

bench: install
	$(BIN)/python -m solver bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
