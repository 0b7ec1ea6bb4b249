"""Writes predictions in the scorers' format (one analysis per line) and runs a shared scorer on them."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from newsprism import pipeline
from newsprism.article import Article


def predict(articles: Iterable[Article], out: Path) -> int:
    """Analyses the articles into a JSONL file, one `Analysis` a line; returns how many."""
    nlp = pipeline.load()
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for analysis in pipeline.analyze(nlp, articles):
            fh.write(analysis.model_dump_json() + "\n")
            n += 1
    return n


def score(scorers: Path, script: str, *args: str) -> int:
    """Runs `scorers/script` with `args`, its output passed through; returns 2 where the scorer is missing."""
    path = scorers / script
    if not path.exists():
        print(f"newsprism: scorer {path} not found (pass --scorers DIR)", file=sys.stderr)
        return 2
    done = subprocess.run([sys.executable, str(path), *args])
    return done.returncode
