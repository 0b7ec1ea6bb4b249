"""`newsprism eval attribution`: source, cue and content spans on a PolNeAR split (score_polnear.py).

It scores every attribution the quotes component finds, by PolNeAR's definition (beliefs, plans and findings
included), not the analysis's `quotes`, which keep only what was said, written or stated."""

from __future__ import annotations

import tempfile
from pathlib import Path

from newsprism import evaluation as runner
from newsprism.quotes import polnear


def run(split: Path, scorers: Path) -> tuple[int, dict]:
    """Analyses the split and scores it; returns the scorer's exit status and figures."""
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        runner.predict(polnear.articles(split), pred, config={"newsprism_quotes": {"definition": "attribution"}})
        return runner.score(scorers, "score_polnear.py", str(split), str(pred))
