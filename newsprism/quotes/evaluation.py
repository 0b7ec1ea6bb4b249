"""`newsprism eval quotes`: quote F1 and speaker accuracy (score_quotes.py).

The data is the Gender Gap Tracker's JSONL (id, text, quotes with quote and speaker), or a PolNeAR split,
whose attributions with a cue of speech or statement ("said", "told", "wrote", "according to": the tracker's
definition of a quote) stand in for quotes as a proxy (its speakers are the annotated source words, not
resolved names); negated cues ('did not respond') and plans with their infinitive ('vowed to') are left out,
as the tracker's definition leaves them out. The cue list is the evaluation's own, written from that definition, never the system's
lexicon: gold chosen by the system's own words would hide what the system wrongly leaves out or puts in.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from newsprism.article import Article
from newsprism import evaluation as runner
from newsprism.quotes import polnear

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


# Speech verbs that name a plan: a quote with what was stated ('vowed that ...'), not an intention ('vowed to').
PLAN_CUES = {"promise", "vow", "pledge", "threaten"}
NEGATION = {"not", "never", "no", "isn", "doesn", "didn", "haven", "hasn", "won", "wasn", "aren", "don"}
# Speech only with the word after: 'pointed out', 'as she put it', 'continued:'.
PHRASES = (("point", "out"), ("put", "it"))


def lemmas(word: str) -> set[str]:
    """The dictionary forms a word may be of ('said' -> say, 'adding' -> add, 'calls' -> call, 'noted' -> note,
    'urges' -> urge): irregular forms, then -s, -es, -ies, -ed, -d, -ing with a doubled consonant or an e
    restored. Only whole inflections are stripped, so 'stately' or 'criticism' match nothing."""
    forms = {word, IRREGULAR.get(word, word)}
    for suffix in ("s", "es", "ed", "d", "ing"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            forms |= {stem, stem + "e"}
            if len(stem) > 2 and stem[-1] == stem[-2]:
                forms.add(stem[:-1])
    if word.endswith(("ies", "ied")):
        forms.add(word[:-3] + "y")
    return forms


def is_reporting(cue: str, content: str = "") -> bool:
    """Whether a gold cue reports speech or a statement (`SPEECH_CUES`), or is a colon or dash before a quote.

    Not when the cue is negated ('did not respond', "isn't saying": nothing was said) or it names a plan
    with its infinitive ('vowed to rebuild', 'is promising to'): the tracker's definition counts neither."""
    words = re.findall(r"[a-z]+", cue.lower().replace("’", "'"))
    if set(words) & NEGATION or "n't" in cue.lower().replace("’", "'"):
        return False
    for k, word in enumerate(words):
        forms = lemmas(word)
        following = words[k + 1] if k + 1 < len(words) else ""
        if any(verb in forms and following == nxt for verb, nxt in PHRASES):
            return True
        if "continue" in forms and cue.rstrip().endswith(":"):
            return True
        if forms & SPEECH_CUES:
            return not (forms & PLAN_CUES and content.lstrip("\"“‘' ").lower().startswith("to "))
    return cue.strip() in {":", "—", "-", "―"}


def ggt_from_polnear(split: Path, out: Path) -> None:
    """Writes a PolNeAR split as Gender Gap Tracker gold: reporting attributions, speaker = source text."""
    with out.open("w", encoding="utf-8") as fh:
        for name, ann in polnear.annotation_files(split).items():
            text = (split / "text" / f"{name}.txt").read_text(encoding="utf-8")
            quotes = []
            for a in polnear.read_ann(ann):
                if a.content and a.cue and is_reporting(text[a.cue[0] : a.cue[1]], text[a.content[0] : a.content[1]]):
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
