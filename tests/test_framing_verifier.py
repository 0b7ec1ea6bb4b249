"""The span verifier of ordinary news (newsprism/framing/verifier.py): its fit, its stored file, its score in
the peak's place, and the choice between it and the tagger's peak, made on the tuning half alone."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from newsprism.errors import FramingInputError, FramingModelMissing
from newsprism.framing import ordinary
from newsprism.framing.model import MODEL_DIR, Decoding
from newsprism.framing.verifier import FILES, Verifier, cue_features, fit


def rows() -> list[tuple[dict, bool]]:
    """Candidates where a loaded word makes a span right, whatever its peak."""
    out = []
    for k in range(40):
        loaded = k % 2 == 0
        feats = {"w=brutal" if loaded else "w=tuesday": 1.0, "bias": 1.0}
        out.append((cue_features(feats, 0.5, 0.6 + 0.01 * (k % 5), 0.05, 2), loaded))
    return out


def test_the_verifier_scores_what_it_learned_and_its_file_scores_the_same(tmp_path):
    verifier = fit(rows())
    right = cue_features({"w=brutal": 1.0, "bias": 1.0}, 0.5, 0.6, 0.05, 2)
    wrong = cue_features({"w=tuesday": 1.0, "bias": 1.0}, 0.5, 0.6, 0.05, 2)
    assert verifier.score(right) > 0.6 > 0.4 > verifier.score(wrong)
    verifier.save(tmp_path / "v.npz")
    again = Verifier.load(tmp_path / "v.npz")
    assert [again.score(f) for f, _ in rows()] == [verifier.score(f) for f, _ in rows()]


def test_rescored_puts_the_score_in_the_peaks_place_and_an_added_span_keeps_its_peak_of_one():
    verifier = fit(rows())
    feats = {"w=brutal": 1.0, "bias": 1.0}
    cues = [(0, 6, 0.5, 0.7, 1), (10, 20, 0.9, 1.0, 2)]  # a tagger's span, then an actor's label (peak 1)
    got = verifier.rescored(cues, [cue_features(feats, 0.5, 0.7, 0.05, 1), cue_features(feats, 0.9, 1.0, 0.05, 2)])
    assert got[0][:3] == cues[0][:3] and got[0][4] == 1 and got[0][3] == verifier.score(
        cue_features(feats, 0.5, 0.7, 0.05, 1)) != 0.7
    assert got[1] == cues[1]


def cue(start: int, peak: float, words: int = 3) -> tuple:
    return (start, start + 5 * words, 0.5, peak, words)


def halves_set() -> tuple[ordinary.OrdinarySet, list[str], list[str]]:
    """Twenty-four documents of 200 words, each with one gold span at 0..20; the first twelve the tuning half."""
    ids = [f"aeb:{k:02d}" for k in range(24)]
    oset = ordinary.OrdinarySet({d: "word " * 200 for d in ids}, {d: [(0, 20, "Loaded_Language")] for d in ids})
    return oset, ids[:12], ids[12:]


def scored_for(ids_peak_good: list[str], ids_verifier_good: list[str], ids: list[str]) -> dict:
    """Per document a right candidate (at 0) and two wrong ones: the peak ranks the right one first in
    `ids_peak_good` (else all alike), the verifier's score in `ids_verifier_good`."""
    def found(good: list[str]) -> dict:
        return {d: ([cue(0, 0.9 if d in good else 0.7), cue(100, 0.7), cue(200, 0.7)], 0.06) for d in ids}
    return {"peak": found(ids_peak_good), "verifier": found(ids_verifier_good)}


def test_the_verifier_rule_is_chosen_on_the_tuning_half_only():
    from newsprism.framing.training import choose_ordinary_rule

    oset, tune, report = halves_set()
    every = tune + report
    # the verifier separates right from wrong on the tuning half, the peak on the reporting half only
    family, cv, _, dec = choose_ordinary_rule(oset, tune, scored_for(report, tune, every), Decoding(), 0)
    assert family.startswith("verifier") and dec.verifier and dec.shown_min > 0.7
    assert cv[family]["precision"] == 1.0 and cv["peak, prior"]["precision"] < 0.5
    # the reporting half turned upside down (its gold and its candidates) changes nothing
    flipped = ordinary.OrdinarySet(oset.texts, {**oset.gold, **{d: [(300, 320, "Doubt")] for d in report}})
    again = choose_ordinary_rule(flipped, tune, scored_for([], tune + report, every), Decoding(), 0)
    assert (again[0], again[1], again[3]) == (family, cv, dec)
    # and where the peak is the better on the tuning half, the peak's rule is kept
    family, _, _, dec = choose_ordinary_rule(oset, tune, scored_for(tune, report, every), Decoding(), 0)
    assert family.startswith("peak") and not dec.verifier


def test_without_the_verifiers_scores_only_the_peaks_families_are_tried():
    from newsprism.framing.training import FAMILIES, choose_ordinary_rule

    oset, tune, _ = halves_set()
    family, cv, _, dec = choose_ordinary_rule(oset, tune, {"peak": scored_for(tune, [], tune)["peak"]}, Decoding(), 0)
    assert set(cv) == set(FAMILIES) and not dec.verifier and family in FAMILIES


def test_a_rule_that_reads_the_verifier_needs_its_file(tmp_path):
    from newsprism.framing.model import load_model

    model = tmp_path / "model"
    shutil.copytree(MODEL_DIR, model, ignore=shutil.ignore_patterns("*.onnx", "verifier-*.npz"))
    lex = json.loads((model / "lexicon.json").read_text(encoding="utf-8"))
    lex["decoding"]["crf"]["verifier"] = True
    (model / "lexicon.json").write_text(json.dumps(lex), encoding="utf-8")
    with pytest.raises(FramingModelMissing, match="verifier-crf.npz is missing"):
        load_model(model)
    fit(rows()).save(model / FILES["crf"])
    assert load_model(model).verifier is not None
    lex["decoding"]["crf"]["verifier"] = False
    (model / "lexicon.json").write_text(json.dumps(lex), encoding="utf-8")
    assert load_model(model).verifier is None  # a file the rule does not read is not loaded


def test_choosing_the_rule_without_ptc_training_articles_says_where_the_verifier_is_fitted(tmp_path):
    from conftest import SHARED
    from test_framing_ordinary import fake_set

    from newsprism.framing.training import tune_ordinary

    folder, data = fake_set(tmp_path, "aeb:a1\t4\t17\tLoaded_Language\n")
    model = tmp_path / "model"
    model.mkdir()
    for name in ("lexicon.json", "meta.json"):
        shutil.copy(MODEL_DIR / name, model / name)
    with pytest.raises(FramingInputError, match="no PTC training articles under .*nowhere"):
        tune_ordinary(model, folder, data, ptc=tmp_path / "nowhere")
    assert SHARED  # the fake set needs none of it


@pytest.mark.parametrize("tagger", ["minilm", "crf"])
def test_the_shipped_verifier_is_there_exactly_where_the_rule_reads_it(tagger):
    lex = json.loads((MODEL_DIR / "lexicon.json").read_text(encoding="utf-8"))
    record = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))["ordinary"][tagger]
    from newsprism.framing.training import VERIFIED_TAGGERS

    reads = lex["decoding"][tagger].get("verifier", False)
    assert (MODEL_DIR / FILES[tagger]).exists() == reads == record["verifier"]
    assert (record["span_verifier"] is not None) == (tagger in VERIFIED_TAGGERS)
    assert record["family"].startswith("verifier") == reads
    if reads:
        verifier = Verifier.load(MODEL_DIR / FILES[tagger])
        assert verifier.weights.shape == (len(verifier.index),) and np.isfinite(verifier.bias)
        assert record["rule"].startswith("verifier >= ")
