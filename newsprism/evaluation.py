"""Writes predictions in the scorers' format (one analysis per line) and runs a shared scorer on them."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from newsprism import pipeline
from newsprism.article import Article, Refusal


QUOTE_COMPONENTS = ["newsprism_actors", "newsprism_quotes"]  # all that quotes read: no later component, no encoder


def predict(articles: Iterable[Article], out: Path, config: dict[str, dict] | None = None,
            components: list[str] | None = None) -> int:
    """Analyses the articles into a JSONL file, one `Analysis` a line; returns how many. `config` and
    `components` (default: all) as `pipeline.load` takes them: an evaluation of quotes needs only the
    components up to quotes, not the shared encoder the later ones read."""
    nlp = pipeline.load(components, config=config)
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for analysis in pipeline.analyze(nlp, articles):
            if isinstance(analysis, Refusal):  # scored as an article with nothing found
                print(f"newsprism: skipped {analysis.origin}: {analysis.reason}", file=sys.stderr)
                continue
            fh.write(analysis.model_dump_json() + "\n")
            n += 1
    return n


def score(scorers: Path, script: str, *args: str) -> tuple[int, dict]:
    """Runs `scorers/script` with `args` and prints what it says; returns its exit status and its JSON line."""
    path = scorers / script
    if not path.exists():
        print(f"newsprism: scorer {path} not found (pass --scorers DIR)", file=sys.stderr)
        return 2, {}
    done = subprocess.run([sys.executable, str(path), *args], capture_output=True, text=True)
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    result = next((json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")), {})
    return done.returncode, result
