"""Each shipped model's record says what the code gives now: every model is evaluated again on the
development data its record names, and its recorded figures must equal what the evaluation gives (as
spaCy's `meta.json` performance is written only by `spacy train`/`evaluate`). A record that drifted is
written again by the code: `newsprism train ...`, or `newsprism [--fast] eval attribution --record`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
NEWSMTSC = SHARED / "data" / "newsmtsc"
PTC = SHARED / "data" / "ptc" / "train"
POLNEAR_DEV = SHARED / "data" / "polnear" / "dev"
SCORERS = SHARED / "scorers"

pytestmark = pytest.mark.slow  # each re-evaluates a model on real data


def needs(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared research data (../shared beside the clone) is needed")


def test_tone_record_is_what_the_head_gives_on_newsmtsc_dev():
    needs(NEWSMTSC)
    from newsprism.tone.evaluation import evaluate
    from newsprism.tone.model import read_record, shipped_model

    record = read_record()
    for split, got in evaluate(shipped_model(), NEWSMTSC).items():
        assert got == record["dev"][split], split


def test_framing_record_is_what_the_model_gives_on_its_dev_split():
    needs(PTC)
    from newsprism.framing.evaluation import evaluate, recorded_dev_split

    with recorded_dev_split(PTC) as (record, split):
        for tagger, recorded in record["dev"].items():
            got = evaluate(split, tagger=tagger)
            assert {task: {k: round(v, 4) for k, v in got[task].items()} for task in recorded} == recorded, tagger


@pytest.mark.parametrize("tagger", ["minilm", "crf"])
def test_framing_ordinary_record_is_what_the_model_shows_on_the_reporting_half(tagger):
    """The record of `newsprism train framing --ordinary` (the rule, and the span verifier where it reads it):
    the spans shown on the reporting half of the ordinary-news set are those `newsprism eval framing` shows."""
    needs(SHARED / "data" / "aeb")
    from newsprism.framing.evaluation import evaluate_ordinary
    from newsprism.framing.model import MODEL_DIR

    record = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))["ordinary"][tagger]
    got = evaluate_ordinary(data=SHARED / "data", tagger=tagger)
    assert got["rule"] == record["rule"]
    assert (got["before"], got["shown"]) == (record["reporting"]["before"], record["reporting"]["shown"])


@pytest.mark.parametrize("fast", [True, False], ids=["plain", "encoder"])
def test_attribution_record_is_what_the_tagger_and_the_component_give_on_polnear_dev(fast):
    needs(POLNEAR_DEV)
    from newsprism.quotes import attribution_evaluation
    from newsprism.quotes.model import default_model, load_model
    from newsprism.quotes.training import evaluate

    path = default_model(encoder=not fast)  # the tagger --fast runs, and the one the default analysis runs
    record = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert evaluate(load_model(path), POLNEAR_DEV) == record["scores"]["dev"]  # the CRF alone
    code, got = attribution_evaluation.run(POLNEAR_DEV, SCORERS, fast=fast)  # the quotes component users run
    assert code == 0 and got == record["scores"]["component_dev"]
