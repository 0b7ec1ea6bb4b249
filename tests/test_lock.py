"""The hashed locks that `make setup` installs stay in step with pyproject.toml (offline; `make lock-check`,
run by CI, re-resolves them with uv)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^ \\;]+)")


def pins(lock: Path) -> dict[str, tuple[Version, list[str]]]:
    """Each pinned package of a lock file: its version and its hashes."""
    found: dict[str, tuple[Version, list[str]]] = {}
    name = None
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            name = canonicalize_name(match[1])
            found[name] = (Version(match[3]), [])
        elif name and line.strip().startswith("--hash=sha256:"):
            found[name][1].append(line.strip().removeprefix("--hash=sha256:").rstrip(" \\"))
    return found


def wanted(extras: list[str]) -> list[Requirement]:
    """The requirements of the project and of the named extras that apply on this machine."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = list(project["dependencies"])
    for extra in extras:
        lines += project["optional-dependencies"][extra]
    lines += [line.split("--hash")[0].strip() for line in (ROOT / "requirements-model.txt").read_text().splitlines()
              if line.strip() and not line.startswith("#")]
    reqs = [Requirement(line) for line in lines]
    return [r for r in reqs if r.marker is None or r.marker.evaluate()]


def check(lock: Path, extras: list[str]) -> list[str]:
    """What of pyproject.toml the lock does not satisfy, in words."""
    locked = pins(lock)
    problems = []
    for req in wanted(extras):
        name = canonicalize_name(req.name)
        if name not in locked:
            problems.append(f"{req} is not in {lock.name}")
        elif not req.specifier.contains(locked[name][0], prereleases=True):
            problems.append(f"{req} does not admit {name}=={locked[name][0]} of {lock.name}")
    problems += [f"{name} has no hash in {lock.name}" for name, (_, hashes) in locked.items() if not hashes]
    return problems


def test_runtime_lock_satisfies_pyproject():
    assert check(ROOT / "requirements.lock", []) == [], "run: make lock"


def test_test_lock_satisfies_pyproject_with_test_and_docs_extras():
    assert check(ROOT / "requirements-test.lock", ["test", "docs"]) == [], "run: make lock"


def test_test_lock_holds_the_runtime_versions():
    runtime, test = pins(ROOT / "requirements.lock"), pins(ROOT / "requirements-test.lock")
    assert {n: v for n, (v, _) in runtime.items() if test.get(n, (None,))[0] != v} == {}


def test_model_package_is_pinned_to_its_recorded_hash():
    recorded = re.search(r"^(\S+)==(\S+) --hash=sha256:(\w+)", (ROOT / "requirements-model.txt").read_text(), re.M)
    version, hashes = pins(ROOT / "requirements.lock")[canonicalize_name(recorded[1])]
    assert str(version) == recorded[2] and recorded[3] in hashes


def test_check_names_what_is_missing(tmp_path):
    lock = tmp_path / "requirements.lock"
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    lock.write_text(re.sub(r"^spacy==3\.8\.\d+", "spacy==3.7.0", text, flags=re.M), encoding="utf-8")
    assert any("spacy" in p and "does not admit" in p for p in check(lock, []))
