#!/usr/bin/env bash
# Compiles the hashed lock files from pyproject.toml and requirements-model.txt with uv (`make lock`), or with
# --check fails when they are out of step with those inputs (`make lock-check`, run by CI).
#   requirements-test.lock: the package with its `test` and `docs` extras (`make test`, `make docs`);
#   requirements.lock: the package alone (`make setup`, `make run`), held to the same versions as the test lock.
# Existing pins are kept unless an input asks otherwise, so a check only differs when the inputs changed.
# The `train` extra (PyTorch's CPU build lies on the machines' disk, where uv does not look) stays
# outside the locks: `make setup-train` installs it with pip.
set -euo pipefail
cd "$(dirname "$0")/.."
UV=${UV:-.venv/bin/uv}
check=false
[ "${1:-}" = "--check" ] && check=true

compile() {  # compile OUT ARGS...: the lock OUT from pyproject.toml and the model requirements
    local out=$1; shift
    "$UV" pip compile --quiet pyproject.toml requirements-model.txt "$@" --generate-hashes --python-version 3.11 \
        --python-platform x86_64-unknown-linux-gnu --no-strip-extras --custom-compile-command "make lock" -o "$out"
}

if $check; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    cp pyproject.toml README.md requirements-model.txt requirements-test.lock requirements.lock "$tmp"/
    UV=$(realpath "$(command -v "$UV")")
    (cd "$tmp" && compile requirements-test.lock --extra test --extra docs &&
        compile requirements.lock -c requirements-test.lock)
    for lock in requirements-test.lock requirements.lock; do
        if ! diff -u "$lock" "$tmp/$lock"; then
            echo "lock-check: $lock is out of step with pyproject.toml or requirements-model.txt; run: make lock" >&2
            exit 1
        fi
    done
    echo "lock-check: requirements.lock and requirements-test.lock match pyproject.toml"
else
    compile requirements-test.lock --extra test --extra docs
    compile requirements.lock -c requirements-test.lock
fi
