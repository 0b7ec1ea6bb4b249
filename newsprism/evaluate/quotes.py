"""`newsprism eval quotes`: quote F1 and speaker accuracy (score_quotes.py).

The data is the Gender Gap Tracker's JSONL (id, text, quotes with quote and speaker), or a PolNeAR split,
whose attributions with a cue of speech or statement ("said", "told", "wrote", "according to": the tracker's
definition of a quote) stand in for quotes as a proxy (its speakers are the annotated source words, not
resolved names). The cue list is the evaluation's own, written from that definition, never the system's
lexicon: gold chosen by the system's own words would hide what the system wrongly leaves out or puts in.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from newsprism.article import Article
from newsprism.evaluate import polnear, runner

# Lemmas of cues that report what someone said, wrote or stated (not thought, planned or found).
SPEECH_CUES = {
    "say", "tell", "state", "write", "add", "claim", "argue", "explain", "announce", "warn", "insist", "note",
    "according", "ask", "reply", "respond", "answer", "comment", "declare", "assert", "acknowledge", "admit",
    "confirm", "deny", "tweet", "post", "testify", "stress", "emphasize", "emphasise", "urge", "accuse", "allege",
    "complain", "recall", "remark", "reiterate", "repeat", "concede", "contend", "maintain", "mention", "quote",
    "statement", "interview", "call", "describe", "criticize", "criticise", "condemn", "praise", "dismiss",
    "suggest", "predict", "promise", "vow", "pledge", "threaten", "demand", "propose", "recommend", "reveal",
    "disclose", "report", "speak", "talk", "joke", "shout", "yell", "cry", "whisper", "counter", "retort",
}
IRREGULAR = {"said": "say", "told": "tell", "thought": "think", "felt": "feel", "knew": "know", "known": "know",
             "saw": "see", "seen": "see", "found": "find", "wrote": "write", "written": "write", "spoke": "speak"}


def is_reporting(cue: str) -> bool:
    """Whether a gold cue reports speech or a statement (`SPEECH_CUES`), or is a colon or dash before a quote."""
    for word in re.findall(r"[a-z]+", cue.lower()):
        forms = {word, IRREGULAR.get(word, word), word[:-1], word[:-2], word[:-3], word[:-3] + "e", word[:-1] + "e"}
        if word.endswith("ies"):
            forms.add(word[:-3] + "y")
        if forms & SPEECH_CUES:
            return True
    return cue.strip() in {":", "—", "-", "―"}


def ggt_from_polnear(split: Path, out: Path) -> None:
    """Writes a PolNeAR split as Gender Gap Tracker gold: reporting attributions, speaker = source text."""
    with out.open("w", encoding="utf-8") as fh:
        for name, ann in polnear.annotation_files(split).items():
            text = (split / "text" / f"{name}.txt").read_text(encoding="utf-8")
            quotes = []
            for a in polnear.read_ann(ann):
                if a.content and a.cue and is_reporting(text[a.cue[0] : a.cue[1]]):
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
