"""`newsprism eval quotes`: quote F1 and speaker accuracy (score_quotes.py).

The data is the Gender Gap Tracker's JSONL (id, text, quotes with quote and speaker), or a PolNeAR split.
PolNeAR marks no kind of attribution (its brat files hold Source, Cue and Content spans, nothing that tells
speech from belief), so on a PolNeAR split the gold is every attribution with a content span, as the corpus
defines them ("an article cites statements, or describes the internal state of some person or group"), its
speaker the annotated source words. No word list chooses the gold: a list of speech cues, however written,
would agree with the system's own definition of a quote by construction and hide what it wrongly leaves out
or puts in. Held views, plans and findings are therefore in the gold while the analysis's `quotes` keep only
what was said, written or stated, so recall here is a lower bound by design. A second score, `direct`, takes
the gold attributions whose content the article itself puts in quotation marks (the text's own marks choose
them, not a lexicon): their recall and speaker accuracy against every predicted quote.

The runner (`predict`, `score`) writes the analyses in the shared scorers' format and runs a scorer on them;
`newsprism eval attribution` (`attribution_evaluation`) and the gate use it too.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from newsprism import lexicons, pipeline
from newsprism.article import Article, Refusal
from newsprism.quotes import polnear

# ---- the runner: predictions in the scorers' format, and a shared scorer run on them ----

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


# ---- the gold ----

# The quotation-mark table's marks for the gold (newsprism/lexicons/quote_marks.json, "quote_gold").
OPENING = frozenset(lexicons.load("quote_marks")["quote_gold"]["open"])
CLOSING = frozenset(lexicons.load("quote_marks")["quote_gold"]["close"])


def in_quotation_marks(text: str, start: int, end: int) -> bool:
    """Whether the article puts the span in quotation marks: an opening mark at its first character or just
    before it, and a closing one at its last character, just after it, or after one comma or stop."""
    opens = text[start : start + 1] in OPENING or text[start - 1 : start] in OPENING
    after = text[end : end + 2]
    closes = (text[end - 1 : end] in CLOSING or after[:1] in CLOSING
              or (after[:1] in {",", ".", "?", "!"} and after[1:2] in CLOSING))
    return start > 0 and opens and closes


def ggt_from_polnear(split: Path, out: Path, direct: bool = False) -> int:
    """Writes a PolNeAR split as Gender Gap Tracker gold: every attribution with content (with `direct`, only
    those whose content is in quotation marks), speaker = source text; returns how many quotes."""
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for name, ann in polnear.annotation_files(split).items():
            text = polnear.article_text(split, name)
            quotes = []
            for a in polnear.read_ann(ann):
                if a.content and (not direct or in_quotation_marks(text, *a.content)):
                    quotes.append({"quote": text[a.content[0] : a.content[1]],
                                   "speaker": text[a.source[0] : a.source[1]] if a.source else ""})
            n += len(quotes)
            fh.write(json.dumps({"id": name, "text": text, "quotes": quotes}) + "\n")
    return n


def run(data: Path, scorers: Path, holdout: bool = False) -> tuple[int, dict]:
    """Analyses the gold articles and scores them; returns the scorer's exit status and figures (on a PolNeAR
    split with the recall and speaker accuracy of the quotes in quotation marks under `direct`). With
    `holdout`, `data` is PolNeAR's folder and the split scored is the tagger's held-out tenth of train
    (`polnear.holdout_split`), which no rule was tuned on."""
    with tempfile.TemporaryDirectory() as tmp:
        if holdout:
            data = polnear.holdout_split(data, Path(tmp) / "holdout")
        gold = Path(tmp) / "gold.jsonl"
        polnear_split = data.is_dir()
        if polnear_split:
            ggt_from_polnear(data, gold)
        else:
            gold = data
        records = [json.loads(line) for line in gold.open(encoding="utf-8") if line.strip()]
        pred = Path(tmp) / "pred.jsonl"
        predict((Article(text=r["text"], id=str(r["id"])) for r in records), pred, components=QUOTE_COMPONENTS)
        code, result = score(scorers, "score_quotes.py", str(gold), str(pred))
        if polnear_split and result:
            print("quotes in quotation marks (gold attributions whose content the text marks; recall and speaker "
                  "accuracy, precision is not theirs):", file=sys.stderr)
            ggt_from_polnear(data, Path(tmp) / "gold-direct.jsonl", direct=True)
            _, direct = score(scorers, "score_quotes.py", str(Path(tmp) / "gold-direct.jsonl"), str(pred))
            result["direct"] = {k: direct[k] for k in ("gold_quotes", "recall", "speaker_accuracy") if k in direct}
        return code, result
