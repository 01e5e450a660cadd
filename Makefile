# cpmo — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000
# two pytest-xdist workers (this machine has two cores); a test file stays on one worker
PYTEST_ARGS ?= -n 2 --dist loadfile

.PHONY: install run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Create the environment, migrate and seed the embedded SQLite database, serve on :5000.
run: install
	$(BIN)/cpmo db upgrade
	$(BIN)/cpmo seed
	$(BIN)/cpmo serve --host $(HOST) --port $(PORT)

## Same set-up, then lint, the import contracts and the whole test suite.
test: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install
	$(BIN)/python -m cpmo_tools.bench.bench_graph
	$(BIN)/python -m cpmo_tools.bench.bench_prioritisation
	$(BIN)/python -m cpmo_tools.bench.bench_reports

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
