"""Tests for the attribution tagger that reads the shared encoder (`newsprism.quotes.encoded`): the head's
numpy run and its cross-fitting, the stacked features, the shipped model, and which tagger the default
analysis and `--fast` run."""

from __future__ import annotations

import importlib.util
import json

import numpy as np
import pytest

from newsprism.quotes import encoded
from newsprism.quotes.encoded import LABELS, RoleHead


needs_torch = pytest.mark.skipif(importlib.util.find_spec("torch") is None,
                                 reason="fitting the role head needs PyTorch: the `train` extra (make setup-train)")
EPOCHS = 60  # the toy articles are a few batches each: more passes than the shipped head's


def states_and_tags(seed: int, cue_dim: int) -> tuple[np.ndarray, list[str]]:
    """An article of 300 tokens: state dimension `cue_dim` high marks the cues (B-Cue), the rest is O."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(300, 8)).astype(np.float32)
    tags = ["O"] * 300
    for i in range(0, 300, 6):
        x[i, cue_dim] += 6.0
        tags[i] = "B-Cue"
    return x, tags


def test_a_hand_built_head_is_a_softmax_survives_saving_and_an_old_head_is_refused(tmp_path):
    w = {k: np.zeros((1,), dtype=np.float32) for k in encoded.WEIGHTS}
    n, dim = encoded.HIDDEN, 8
    w.update(mean=np.zeros(dim), scale=np.ones(dim), w_in=np.zeros((2 * n, dim)), b_in=np.zeros(2 * n),
             w_out=np.zeros((len(LABELS), 4 * n)), b_out=np.log([0.5, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05]))
    for side in ("", "_r"):
        w.update({f"w_ih{side}": np.zeros((3 * n, 2 * n)), f"w_hh{side}": np.zeros((3 * n, n)),
                  f"b_ih{side}": np.zeros(3 * n), f"b_hh{side}": np.zeros(3 * n)})
    head = RoleHead(**w)
    x = np.random.default_rng(0).normal(size=(300, dim)).astype(np.float32)
    p = head.probs(x)  # weights that read nothing: every token gets the output bias's softmax
    assert p.shape == (300, len(LABELS)) and np.allclose(p, [0.5, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05], atol=1e-6)
    assert head.probs(x[:0]).shape == (0, len(LABELS))
    head.save(tmp_path / "h.npz")
    assert np.allclose(RoleHead.load(tmp_path / "h.npz").probs(x), p)
    np.savez(tmp_path / "old.npz", mean=np.zeros(dim), scale=np.ones(dim), coef=np.zeros((7, dim)),
             intercept=np.zeros(7), labels=np.array(LABELS))
    with pytest.raises(ValueError, match="not a GRU role head"):
        RoleHead.load(tmp_path / "old.npz")


@needs_torch
def test_the_numpy_head_reads_as_pytorch_does_across_runs_of_chunk_tokens():
    import torch

    torch.manual_seed(1)
    n = encoded.HIDDEN
    proj, out = torch.nn.Linear(8, 2 * n), torch.nn.Linear(4 * n, len(LABELS))
    gru = torch.nn.GRU(2 * n, n, batch_first=True, bidirectional=True)
    with torch.no_grad():  # weight matrices in float16, as a head keeps them: the two then compute the same sums
        for module in (proj, gru, out):
            for name, p in module.named_parameters():
                if "weight" in name:
                    p.copy_(p.half().float())
    head = RoleHead.from_torch(np.zeros(8), np.ones(8), proj, gru, out)
    for tokens in (1, 100, encoded.CHUNK, 2 * encoded.CHUNK + 88, encoded.BLOCK + 300):  # a last run shorter
        x = np.random.default_rng(tokens).normal(size=(tokens, 8)).astype(np.float32)
        with torch.no_grad():
            runs = []
            for i in range(0, tokens, encoded.CHUNK):
                a = torch.relu(proj(torch.from_numpy(x[i:i + encoded.CHUNK])))[None]
                runs.append(torch.softmax(out(torch.cat([a, gru(a)[0]], -1)), -1)[0])
        assert np.allclose(head.probs(x), torch.cat(runs).numpy(), atol=1e-5)


@pytest.mark.slow  # fits the head twice
@needs_torch
def test_a_fitted_head_finds_what_marks_the_cues_and_never_a_label_unseen():
    articles = [states_and_tags(k, 0) for k in range(8)]
    head = encoded.fit([x for x, _ in articles], [t for _, t in articles], epochs=EPOCHS)
    x, _ = states_and_tags(99, 0)
    p = head.probs(x)
    assert np.allclose(p.sum(1), 1.0, atol=1e-5)
    assert p[::6, LABELS.index("B-Cue")].mean() > 0.5 > p[1::6, LABELS.index("B-Cue")].mean() * 5
    assert p[:, LABELS.index("I-Content")].max() < 1e-6  # a label never seen in training is never given
    again = encoded.fit([x for x, _ in articles], [t for _, t in articles], epochs=EPOCHS)
    assert np.array_equal(again.probs(x), p)  # the same seed, the same head


@pytest.mark.slow  # fits the head three times
@needs_torch
def test_cross_fitting_gives_each_article_the_head_of_the_other_folds():
    # the cues of article a are marked by dimension 0, those of b by dimension 1: a head that saw only the other
    # article cannot find them, one fitted on the article itself can
    (xa, ta), (xb, tb) = states_and_tags(1, 0), states_and_tags(2, 1)
    oof = encoded.cross_fit([xa, xb], [ta, tb], seed=0, epochs=EPOCHS)
    own = encoded.fit([xa], [ta], epochs=EPOCHS).probs(xa)
    cue = LABELS.index("B-Cue")
    assert own[::6, cue].mean() > 0.5 > oof[0][::6, cue].mean()
    with pytest.raises(ValueError, match="two articles"):
        encoded.cross_fit([xa], [ta])


def test_stacked_features_add_the_heads_reading_and_leave_the_plain_ones_unchanged(spacy_model):
    from newsprism.quotes.model import features

    doc = spacy_model("Smith said taxes would rise.")
    plain = features(doc, {"say": 0.5})
    roles = np.zeros((len(doc), len(LABELS)), dtype=np.float32)
    roles[:, 0] = 1.0
    roles[1] = [0.1, 0, 0, 0.9, 0, 0, 0]  # "said": B-Cue
    stacked = features(doc, {"say": 0.5}, roles)
    assert all(isinstance(f, list) for f in plain)
    assert set(stacked[1]) >= set(plain[1]) and all(stacked[1][name] == 1.0 for name in plain[1])
    assert stacked[1]["enc=B-Cue"] == pytest.approx(0.9) and stacked[1]["encmax=B-Cue"] == 1.0
    assert stacked[0]["1encmax=B-Cue"] == 1.0 and stacked[2]["-1encmax=B-Cue"] == 1.0


@pytest.mark.slow  # spaCy's model and the shipped tagger
def test_the_heads_reading_changes_the_shipped_taggers_decision(spacy_model):
    from newsprism.quotes.model import ENCODER_MODEL, load_model

    model = load_model(ENCODER_MODEL)
    assert model.head is not None
    doc = spacy_model("The minister wants new taxes.")
    roles = np.zeros((len(doc), len(LABELS)), dtype=np.float32)
    roles[:, 0] = 1.0  # the head reads every token as outside any attribution: the tagger finds none
    assert model.tag(doc, roles)[0] == ["O"] * len(doc)
    attribution = ["B-Source", "I-Source", "B-Cue", "B-Content", "I-Content"]
    for i, tag in enumerate(attribution):  # the head reads "The minister" "wants" "new taxes" as an attribution
        roles[i] = 0.0
        roles[i, LABELS.index(tag)] = 1.0
    assert model.tag(doc, roles)[0] == attribution + ["O"]  # and the tagger finds it


@pytest.mark.slow  # loads the pipeline twice
def test_the_default_analysis_runs_the_encoder_tagger_on_the_one_pass_and_fast_the_plain_one(monkeypatch):
    from newsprism import pipeline
    from newsprism.article import Article
    from newsprism.encoder.run import SharedEncoder
    from newsprism.quotes.model import DEFAULT_MODEL, ENCODER_MODEL

    calls = []
    real = SharedEncoder.encode
    monkeypatch.setattr(SharedEncoder, "encode", lambda self, text: calls.append(text) or real(self, text))
    text = '"We will win the vote," Jane Smith said on Monday. Jones said that taxes would rise.'
    default = pipeline.load()
    assert default.get_pipe("newsprism_quotes").model.path == ENCODER_MODEL
    [found] = pipeline.analyze(default, [Article(text=text, id="a")])
    assert len(calls) == 1 and found.quotes  # one encoder pass for quotes, framing, tone and events together
    calls.clear()
    quotes_only = pipeline.load(["newsprism_actors", "newsprism_quotes"])
    pipeline.analyze(quotes_only, [Article(text=text, id="a")]).__next__()
    assert len(calls) == 1  # the tagger makes the pass itself where no other head did
    calls.clear()
    fast = pipeline.load(config=pipeline.settings(fast=True))
    tagger = fast.get_pipe("newsprism_quotes").model
    assert tagger.path == DEFAULT_MODEL and tagger.head is None
    [quick] = pipeline.analyze(fast, [Article(text=text, id="a")])
    assert calls == [] and quick.quotes
    assert pipeline.encoder_runs({"newsprism_framing": {"tagger": "crf"}, "newsprism_tone": {"enabled": False},
                                  "newsprism_events": {"detector": "linear"}})["encoder"]  # the tagger reads it


def test_shipped_encoder_tagger_is_small_and_recorded():
    from newsprism.quotes.model import ENCODER_MODEL

    meta = json.loads(ENCODER_MODEL.with_suffix(".json").read_text())
    head = ENCODER_MODEL.with_name(meta["encoder_head"])
    assert ENCODER_MODEL.stat().st_size + head.stat().st_size < 6_000_000
    assert meta["command"].endswith("--encoder") and meta["encoder"]["cross_fit_folds"] == encoded.FOLDS
    assert {"seed", "crf", "cues", "scores", "tuning"} <= set(meta)


def test_without_the_encoder_packages_the_default_is_the_plain_tagger(monkeypatch):
    """A spaCy pipeline installed from requirements.lock alone (no packaged MiniLM) still finds quotes: the plain
    tagger, not a traceback from the encoder tagger (tests/test_plugin_install.py installs so)."""
    from newsprism import pipeline
    from newsprism.encoder import base
    from newsprism.quotes.model import DEFAULT_MODEL, ENCODER_MODEL, default_model

    monkeypatch.setattr(base, "available", lambda: True)
    assert default_model() == ENCODER_MODEL
    monkeypatch.setattr(base, "available", lambda: False)
    assert default_model() == DEFAULT_MODEL
    assert default_model(encoder=False) == DEFAULT_MODEL
    only_quotes = {"newsprism_framing": {"tagger": "crf"}, "newsprism_tone": {"enabled": False},
                   "newsprism_events": {"detector": "linear"}}
    assert pipeline.encoder_runs(only_quotes)["encoder"] is False


def test_training_the_encoder_tagger_without_pytorch_names_the_train_extra(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from newsprism.console.cli import app

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "torch" else real(name, *a))
    result = CliRunner().invoke(app, ["train", "attribution", "--data", str(tmp_path), "--encoder"])
    assert result.exit_code == 2 and "make setup-train" in result.output and "Traceback" not in result.output


@needs_torch
def test_torch_threads_are_restored_even_when_training_fails():
    import torch

    from newsprism import limits

    before = torch.get_num_threads()
    with pytest.raises(RuntimeError, match="fit failed"), limits.torch_threads(1):
        assert torch.get_num_threads() == 1
        raise RuntimeError("fit failed")
    assert torch.get_num_threads() == before
