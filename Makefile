# Learning City Platform — the two commands are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The suite runs on every core (pytest-xdist). Tests are handed out one by one in pytest-django's
# order, so each worker runs its transactional tests (which empty the database) after the
# others; a module that builds one world for all its cases is an xdist_group, kept on one worker.
PYTEST_ARGS ?= -n auto --dist loadgroup
export LEARNINGCITY_DATA_DIR ?= $(CURDIR)/var

.PHONY: demo test check lint format messages compile-messages system-deps install clean bench

# The virtualenv is rebuilt whenever the declared or locked dependencies change.
$(BIN)/.installed: pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	@touch $@

install: $(BIN)/.installed

## Run the demo: embedded SQLite, demo data, Arabic interface, on 127.0.0.1:$(PORT).
# Credentials, calendars, open data and QR codes carry absolute addresses (core/addresses.py):
# in the demo they point where it serves.
demo: export PLATFORM_BASE_URL ?= http://127.0.0.1:$(PORT)
# Sign-in with the national single sign-on and with an organisation's accounts, against the
# local OpenID Connect provider (identity_provider/) started beside the web server on IDP_PORT.
# README, "Signing in with an identity provider", says how to point these at a real provider.
IDP_PORT ?= 8021
demo: export OIDC_PROVIDERS ?= national,organisation
demo: export OIDC_NATIONAL_KIND ?= national
demo: export OIDC_NATIONAL_DISCOVERY_URL ?= http://127.0.0.1:$(IDP_PORT)/o/.well-known/openid-configuration
demo: export OIDC_NATIONAL_CLIENT_ID ?= learningcity-national
demo: export OIDC_NATIONAL_CLIENT_SECRET ?= national-client-secret
demo: export OIDC_NATIONAL_SCOPES ?= openid profile email phone national_id
demo: export OIDC_ORGANISATION_KIND ?= organisation
demo: export OIDC_ORGANISATION_DISCOVERY_URL ?= http://127.0.0.1:$(IDP_PORT)/o/.well-known/openid-configuration
demo: export OIDC_ORGANISATION_CLIENT_ID ?= learningcity-staff
demo: export OIDC_ORGANISATION_CLIENT_SECRET ?= organisation-client-secret
demo: export OIDC_ORGANISATION_EMAIL_DOMAINS ?= gae.example.sa
demo: install
	@mkdir -p "$(LEARNINGCITY_DATA_DIR)"
	$(BIN)/learningcity migrate --no-input -v 0
	$(BIN)/learningcity load_demo
	@echo "Serving the Learning City Platform on http://127.0.0.1:$(PORT)/ar/  (Ctrl-C stops it)"
	@# The background-job worker (imports, exports, webhooks) and the demo identity provider
	@# run beside the web server and stop with it.
	@$(BIN)/learningcity worker & worker=$$!; \
	$(BIN)/python -m identity_provider --port $(IDP_PORT) --data-dir "$(LEARNINGCITY_DATA_DIR)/identity-provider" \
		--rp "$(PLATFORM_BASE_URL)" --rp http://localhost:$(PORT) & provider=$$!; \
	trap "kill $$worker $$provider 2>/dev/null" EXIT INT TERM; \
	$(BIN)/learningcity runserver 127.0.0.1:$(PORT) --noreload

## Install what the tests need (Chromium and Arabic fonts included) and run every test.
test: system-deps install
	$(BIN)/pytest $(PYTEST_ARGS)

## Static checks run by CI besides the tests.
check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/learningcity makemigrations --check --dry-run
	$(BIN)/python scripts/check_translations.py

lint: check

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## Extract interface strings into the ar and en catalogues (then translate, then compile).
messages: install
	cd learningcity && ../$(BIN)/learningcity makemessages --locale ar --locale en --no-obsolete --no-location --ignore "static/*"

compile-messages: install
	cd learningcity && ../$(BIN)/learningcity compilemessages

## Run every benchmark under bench/ on the scale data set (seeded once with `learningcity
## seed_scale --size regional`, or BENCH_SIZE=small), on SQLite and, when a server answers on
## 127.0.0.1:5432, on PostgreSQL; figures beside same-run baselines go to bench/RESULTS.md.
BENCH_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/learningcity_bench
bench: install
	@for script in bench/bench_*.py; do echo "== $$script (SQLite)"; BENCH_DATABASE_URL= $(BIN)/python $$script || exit 1; done
	@if $(BIN)/python -c "import socket; socket.create_connection(('127.0.0.1', 5432), 3).close()" 2>/dev/null; then \
	  for script in bench/bench_*.py; do echo "== $$script (PostgreSQL)"; BENCH_DATABASE_URL=$(BENCH_POSTGRES_URL) $(BIN)/python $$script || exit 1; done; \
	else echo "== PostgreSQL not reachable on 127.0.0.1:5432: SQLite only"; fi

system-deps:
	@scripts/install_system_deps.sh

clean:
	rm -rf $(VENV) var
