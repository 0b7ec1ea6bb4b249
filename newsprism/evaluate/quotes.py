"""`newsprism eval quotes`: quote F1 and speaker accuracy (score_quotes.py).

The data is the Gender Gap Tracker's JSONL (id, text, quotes with quote and speaker), or a PolNeAR split,
whose attributions with a speech cue ("said", "told", "according to") stand in for quotes as a proxy.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from newsprism.article import Article
from newsprism.evaluate import polnear, runner

SPEECH_CUE = re.compile(
    r"\b(said|says|say|saying|told|tells|tell|telling|add(ed|s|ing)|according to|wrote|writes|noted|noting|"
    r"stated|declared|explained|argued|insisted|warned|announced|claimed|asked|tweeted|stressed)\b|^:$",
    re.I,
)


def ggt_from_polnear(split: Path, out: Path) -> None:
    """Writes a PolNeAR split as Gender Gap Tracker gold: speech-cued attributions, speaker = source text."""
    with out.open("w", encoding="utf-8") as fh:
        for name, ann in polnear.annotation_files(split).items():
            text = (split / "text" / f"{name}.txt").read_text(encoding="utf-8")
            quotes = []
            for a in polnear.read_ann(ann):
                if a.content and a.cue and SPEECH_CUE.search(text[a.cue[0] : a.cue[1]]):
                    quotes.append({"quote": text[a.content[0] : a.content[1]],
                                   "speaker": text[a.source[0] : a.source[1]] if a.source else ""})
            fh.write(json.dumps({"id": name, "text": text, "quotes": quotes}) + "\n")


def run(data: Path, scorers: Path) -> tuple[int, dict]:
    """Analyses the gold articles and scores them; returns the scorer's exit status and figures."""
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "gold.jsonl"
        if data.is_dir():
            ggt_from_polnear(data, gold)
        else:
            gold = data
        records = [json.loads(line) for line in gold.open(encoding="utf-8") if line.strip()]
        pred = Path(tmp) / "pred.jsonl"
        runner.predict((Article(text=r["text"], id=str(r["id"])) for r in records), pred)
        return runner.score(scorers, "score_quotes.py", str(gold), str(pred))
