"""The seed article against its hand annotation (skipped where ../shared is absent), and the quote
evaluation's gold. The figures of every evaluation are gated in `tests/eval_gate.py` against
`tests/baselines.json`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import SEED, SHARED, needs_shared
from newsprism.quotes import evaluation as quotes

SCORERS = SHARED / "scorers"


@pytest.mark.slow
@needs_shared(SEED)
def test_seed_article_meets_its_hand_annotation(tmp_path):
    out = subprocess.run([sys.executable, "-m", "newsprism.cli", "analyze", str(SEED), "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    check = subprocess.run([sys.executable, str(SCORERS / "check_seed.py"), str(SEED.with_suffix(".gold.json")),
                            "meta", "entities", "quotes"], input=out, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    assert json.loads(out)["article"]["published"] == "2018-04-06"


def test_quote_gold_is_every_polnear_attribution_with_content(tmp_path):
    """No word list chooses the quote gold (the system's quotes would agree with it by construction): beliefs
    and findings stay in; the direct subset is what the text itself puts in quotation marks."""
    text = 'Polls show he leads. "We will win," Smith said. Jones believes the race is close.'
    split = tmp_path / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "a.txt").write_text(text, encoding="utf-8")
    relations = [("Polls", "show", "he leads"), ("Smith", "said", "We will win"),
                 ("Jones", "believes", "the race is close")]
    lines, k = [], 0
    for n, roles in enumerate(relations, 1):
        ids = []
        for role, words in zip(("Source", "Cue", "Content"), roles):
            k += 1
            lines.append(f"T{k}\t{role} {text.index(words)} {text.index(words) + len(words)}\t{words}")
            ids.append(f"T{k}")
        lines.append(f"E{n}\tAttribution:{ids[1]} Source:{ids[0]} Cue:{ids[1]} Content:{ids[2]}")
    (split / "attributions" / "a_x.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert quotes.ggt_from_polnear(split, tmp_path / "all.jsonl") == 3
    gold = json.loads((tmp_path / "all.jsonl").read_text(encoding="utf-8"))["quotes"]
    assert [q["quote"] for q in gold] == ["he leads", "We will win", "the race is close"]
    assert quotes.ggt_from_polnear(split, tmp_path / "direct.jsonl", direct=True) == 1
    assert json.loads((tmp_path / "direct.jsonl").read_text(encoding="utf-8"))["quotes"] == [
        {"quote": "We will win", "speaker": "Smith"}]
