"""Quality gate on the shared research data (skipped where ../shared is absent): the seed article and
PolNeAR dev must stay above the issue's bars, so a change that loses accuracy fails here."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import SEED, SHARED, needs_shared
from newsprism.quotes import attribution_evaluation as attribution
from newsprism.quotes import evaluation as quotes

SCORERS = SHARED / "scorers"
POLNEAR_DEV = SHARED / "data" / "polnear" / "dev"


@pytest.mark.slow
@needs_shared(SEED)
def test_seed_article_meets_its_hand_annotation(tmp_path):
    out = subprocess.run([sys.executable, "-m", "newsprism.cli", "analyze", str(SEED), "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    check = subprocess.run([sys.executable, str(SCORERS / "check_seed.py"), str(SEED.with_suffix(".gold.json")),
                            "meta", "entities", "quotes"], input=out, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    assert json.loads(out)["article"]["published"] == "2018-04-06"


@needs_shared(POLNEAR_DEV)
@pytest.mark.slow
def test_attribution_spans_on_polnear_dev_beat_the_bars():
    code, result = attribution.run(POLNEAR_DEV, SCORERS)
    assert code == 0 and result["missing_articles"] == 0
    source, cue, content = (result[role]["exact"][2] for role in ("source", "cue", "content"))
    assert source >= 0.55 and cue >= 0.60 and content >= 0.45, result


@needs_shared(POLNEAR_DEV)
@pytest.mark.slow
def test_speech_quotes_on_polnear_dev():
    code, result = quotes.run(POLNEAR_DEV, SCORERS)
    assert code == 0
    assert result["recall"] >= 0.80 and result["speaker_accuracy"] >= 0.80, result


def test_quote_gold_is_speech_by_the_evaluations_own_cues():
    """PolNeAR attributions stand in for quotes when their cue is speech or a statement, by a list of the
    evaluation's own (not the system's lexicon): thoughts, plans and findings are not quotes."""
    assert quotes.is_reporting("said") and quotes.is_reporting("told") and quotes.is_reporting("according to")
    assert not any(quotes.is_reporting(cue) for cue in ("hopes", "shows", "believes", "found", "is expected"))


def test_quote_gold_leaves_out_what_was_not_said_and_matches_whole_words():
    """A negated cue says nothing, a plan with its infinitive is no statement, and a word only matches the
    cue list by its inflections ('noted' is 'note'; 'criticism' is not 'criticize', 'stately' not 'state')."""
    assert not quotes.is_reporting("did not immediately respond to") and not quotes.is_reporting("isn’t saying")
    assert not quotes.is_reporting("is vowing", "to rebuild the bridge")
    assert quotes.is_reporting("vowed", "that no member will be left behind")
    assert quotes.is_reporting("noted") and quotes.is_reporting("adding") and quotes.is_reporting("then pointed out")
    assert quotes.is_reporting("continued:") and not quotes.is_reporting("continued")
    assert not quotes.is_reporting("is drawing criticism") and not quotes.is_reporting("stately")
