"""The same input gives the same answer whatever shares its batch: the shared encoder's windows, a
`tone classify` line, and a whole article's JSON (alone, in a shuffled batch, on two workers, through
`newsprism.analyze`); `scripts/check_determinism.py` checks the bar, the seed and 49 others."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from newsprism.framing import minilm
from newsprism.tone.model import HEAD_FILE, MODEL_DIR

needs_model = pytest.mark.skipif(not minilm.available() or not (MODEL_DIR / HEAD_FILE).exists(),
                                 reason="the encoder run time or the tone head is missing (make setup)")

SENTENCES = [
    ("Voters adored the kind and honest governor.", "governor"),
    ("Critics called the corrupt senator a liar and a thief.", "senator"),
    ("The senator will visit Ohio on Tuesday.", "Ohio"),
    ("Rescuers praised the brave firefighters who pulled children from the rubble.", "firefighters"),
    ("The regime butchered innocent protesters, activists said.", "regime"),
    ("Officials of the United Nations met on Tuesday in Geneva to discuss the budget.", "United Nations"),
    ("Trump lashed out at the media again, calling reporters the enemy of the people.", "Trump"),
    ("Merkel thanked Macron for his steady support during the long and difficult talks.", "Macron"),
    ("Hamas said the strike on the crowded market was a war crime.", "Hamas"),
    ("The company reported profits in line with analysts' forecasts.", "company"),
    ("Israel's army said it fired on people who tried to breach the fence.", "Israel"),
    ("A spokesman for the ministry declined to comment.", "ministry"),
]


def lines(rows: list[tuple[str, str]]) -> list[str]:
    return [json.dumps({"id": f"s{k}", "sentence": s, "from": s.index(m), "to": s.index(m) + len(m)})
            for k, (s, m) in rows]


def classify(tmp_path: Path, rows: list[str]) -> dict[str, str]:
    from newsprism.console.cli import app

    path = tmp_path / "lines.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["tone", "classify", str(path)])
    assert res.exit_code == 0, res.output
    return {json.loads(x)["id"]: x for x in res.stdout.splitlines()}


@pytest.mark.slow  # tone classify parses the lines with spaCy's model
@needs_model
def test_tone_classify_gives_each_line_the_same_answer_alone_and_in_a_shuffled_file(tmp_path):
    rows = lines(list(enumerate(SENTENCES)))
    together = classify(tmp_path, rows)
    shuffled = rows[:]
    random.Random(1).shuffle(shuffled)
    assert classify(tmp_path, shuffled) == together
    for row in rows:  # polarity and score, to the printed digit
        assert classify(tmp_path, [row]) == {json.loads(row)["id"]: together[json.loads(row)["id"]]}


@pytest.mark.slow  # the tone head's lines are parsed with spaCy's model
@needs_model
def test_encoder_windows_do_not_depend_on_their_neighbours_or_the_run_size():
    from newsprism.encoder import base
    from newsprism.encoder.run import shared_encoder
    from newsprism.tone import model as tone

    rows = [base.tokenizer().encode(s, add_special_tokens=False).ids for s, _ in SENTENCES]
    enc = shared_encoder()
    together = enc.run_windows(rows)
    for row, (p, h) in zip(rows, together):
        p1, h1 = enc.run_windows([row])[0]
        assert np.array_equal(p, p1) and np.array_equal(h, h1)
    items = [(s, s.index(m), s.index(m) + len(m)) for s, m in SENTENCES]
    model = tone.shipped_model()
    base_answer = model.classify(items)
    assert [model.classify([it])[0] for it in items] == base_answer
    assert model.classify(items[::-1]) == base_answer[::-1]


@needs_model
@pytest.mark.slow  # the whole pipeline, worker processes
def test_an_article_gives_the_same_json_alone_shuffled_on_two_workers_and_through_the_api():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from check_determinism import articles, differences
    from conftest import SEED

    from newsprism.readers import read_paths

    samples = sorted((Path(__file__).resolve().parents[1] / "newsprism" / "samples").glob("*.txt"))
    arts = list(read_paths([str(p) for p in samples]))
    if SEED.exists():
        arts = articles(SEED.parents[1], 1) + arts
    assert len(arts) >= 4
    assert differences(arts) == {"one shuffled batch": [], "2 workers, batches of 3": [], "newsprism.analyze": []}
