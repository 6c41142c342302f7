# Meldpunt: `make serve` to try it, `make test` for the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
export MELDPUNT_HOME ?= $(CURDIR)/var
# PostgreSQL for the second test run: DATABASE_URL when set, else the local server when it answers.
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: install serve test lint typecheck pytest pytest-sqlite pytest-postgres bench messages clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $@

serve: install
	$(BIN)/meldpunt migrate --no-input
	$(BIN)/meldpunt collectstatic --no-input --verbosity 0
	$(BIN)/meldpunt demo --synthetic 300
	$(BIN)/gunicorn meldpunt.wsgi:application --config python:meldpunt.gunicorn_conf

test: install lint typecheck pytest

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install
	$(BIN)/mypy

pytest: pytest-sqlite pytest-postgres

pytest-sqlite: install
	env -u DATABASE_URL $(BIN)/pytest

pytest-postgres: install
	@url="$${DATABASE_URL:-}"; \
	if [ -z "$$url" ] && $(BIN)/python -c "import socket; socket.create_connection(('127.0.0.1', 5432), 2)" 2>/dev/null; then url="$(PG_TEST_URL)"; fi; \
	if [ -z "$$url" ]; then echo "PostgreSQL: no DATABASE_URL and no server on 127.0.0.1:5432; suite ran on SQLite only"; \
	else echo "PostgreSQL: running the suite against $$url"; DATABASE_URL="$$url" $(BIN)/pytest; fi

bench: install
	$(BIN)/python -m bench.intake
	$(BIN)/python -m bench.correlate
	$(BIN)/python -m bench.ingest
	$(BIN)/python -m bench.insight

messages: install
	cd src/meldpunt && ../../$(BIN)/meldpunt makemessages --all --no-obsolete --no-location --ignore 'crypto/*'
	cd src/meldpunt && ../../$(BIN)/meldpunt compilemessages

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
