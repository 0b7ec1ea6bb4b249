"""`newsprism eval attribution`: source, cue and content spans on a PolNeAR split (score_polnear.py)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from newsprism.evaluate import polnear, runner


def run(split: Path, scorers: Path) -> tuple[int, dict]:
    """Analyses the split and scores it; returns the scorer's exit status and figures."""
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        runner.predict(polnear.articles(split), pred)
        return runner.score(scorers, "score_polnear.py", str(split), str(pred))
