"""The documentation keeps up with the code: every command, option and REST route is documented, the generated
references are current (`make docs-reference`), the site builds with --strict, and the README's sample output is
what the tool prints."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from newsprism.console.cli import app

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
REGENERATE = "run: make docs-reference"


def _reference_module():
    """scripts/docs_reference.py, the generator of the references."""
    spec = importlib.util.spec_from_file_location("docs_reference", ROOT / "scripts" / "docs_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


reference = _reference_module()


def commands() -> list[tuple[list[str], object]]:
    """Every command of `newsprism` with its full name."""
    return reference._commands(typer.main.get_command(app), ["newsprism"])


def feature_pages() -> str:
    """The hand-written pages, the references left out."""
    return "\n".join(p.read_text(encoding="utf-8") for p in DOCS.glob("*.md"))


def documented_options(text: str, command: str) -> set[str]:
    """The options that the CLI reference lists under one command's heading."""
    match = re.search(rf"^#+ `{re.escape(command)}`\n(.*?)(?=^#+ `|\Z)", text, re.S | re.M)
    return set(re.findall(r"`(--?[\w-]+)`", match[1])) if match else set()


def test_every_cli_option_is_in_the_cli_reference():
    text = (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
    missing = []
    for path, command in commands():
        listed = documented_options(text, " ".join(path))
        for param in command.params:
            for opt in [*getattr(param, "opts", []), *getattr(param, "secondary_opts", [])]:
                if opt.startswith("-") and opt not in listed:
                    missing.append(f"{' '.join(path)} {opt}")
    assert missing == [], f"options missing from docs/reference/cli.md; {REGENERATE}"


def test_every_command_has_a_feature_page():
    text = feature_pages()
    missing = [" ".join(path) for path, _ in commands() if len(path) == 2 and " ".join(path) not in text]
    assert missing == [], "commands no page of docs/ mentions (add them to the page of their feature)"


def test_every_rest_route_is_in_the_rest_reference(tmp_path):
    from newsprism.web import create_app

    text = (DOCS / "reference" / "rest.md").read_text(encoding="utf-8")
    spec = create_app(str(tmp_path / "docs.db")).openapi()
    routes = [f"{method.upper()} {path}" for path, ops in spec["paths"].items() for method in ops]
    assert routes, "the app has no routes"
    assert [r for r in routes if f"## `{r}`" not in text] == [], f"routes missing from docs/reference/rest.md; {REGENERATE}"


def test_cli_reference_is_current():
    assert (DOCS / "reference" / "cli.md").read_text(encoding="utf-8") == reference.cli_reference(), REGENERATE


def test_rest_reference_is_current():
    assert (DOCS / "reference" / "rest.md").read_text(encoding="utf-8") == reference.rest_reference(), REGENERATE


def test_a_removed_option_is_caught():
    text = (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
    assert "--max-chars" in documented_options(text, "newsprism")
    cut = text.replace("- `--max-chars`", "- `--max-characters`")
    assert "--max-chars" not in documented_options(cut, "newsprism")


def test_every_page_is_in_the_navigation():
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    pages = [str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md")]
    assert [p for p in pages if p not in nav] == []


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("mkdocs", path=str(Path(sys.executable).parent)) is None,
                    reason="mkdocs is not installed (the docs extra: make setup-test)")
def test_site_builds_strict(tmp_path):
    mkdocs = shutil.which("mkdocs", path=str(Path(sys.executable).parent))
    result = subprocess.run([mkdocs, "build", "--strict", "--quiet", "--site-dir", str(tmp_path / "site")],
                            cwd=ROOT, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "reference" / "cli.html").is_file()


@pytest.mark.slow
@pytest.mark.skipif(not reference.SAMPLE.is_file(), reason=f"{reference.SAMPLE} is absent (../shared)")
def test_readme_sample_is_what_the_tool_prints():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert reference.SAMPLE_BLOCK.search(readme), "the README has no sample block"
    assert readme == reference.readme_with_samples(readme), REGENERATE
