"""The span decoding shared by both taggers, and the MiniLM tagger (int8 ONNX, no PyTorch at run time)."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass

import numpy as np
import pytest

from newsprism.encoder import base, run
from newsprism.framing import minilm
from newsprism.framing.model import Decoding, decode
from newsprism.framing.training_minilm import piece_labels

needs_runtime = pytest.mark.skipif(not minilm.available(), reason="onnxruntime, tokenizers or the packaged "
                                   "all-MiniLM-L6-v2 is missing (make setup)")
needs_train = pytest.mark.skipif(importlib.util.find_spec("torch") is None or not minilm.available(),
                                 reason="the train extra is not installed (pip install -e '.[train]')")


@dataclass
class Tok:
    """The two attributes `decode` reads of a spaCy token."""

    idx: int
    text: str
    pos_: str = "NOUN"


def tokens_with(text: str, crf: list[float], lm: list[float] | None = None) -> list[tuple[Tok, float, float]]:
    """(token, CRF probability, MiniLM probability) for the space-separated words of `text`."""
    out, at = [], 0
    lm = lm or [0.0] * len(crf)
    for word, p, q in zip(text.split(), crf, lm, strict=True):
        at = text.index(word, at)
        out.append((Tok(at, word), p, q))
        at += len(word)
    return out


def test_decode_joins_runs_over_short_gaps_only():
    text = "the brutal and evil regime said so"
    probs = tokens_with(text, [0.0, 0.9, 0.1, 0.8, 0.7, 0.0, 0.0])
    assert decode(text, probs, Decoding(threshold=0.5, gap=0)) == [(4, 10, 0.9), (15, 26, 0.75)]
    assert decode(text, probs, Decoding(threshold=0.5, gap=1)) == [(4, 26, 0.8)]


def test_decode_never_crosses_a_line_and_drops_short_spans():
    text = "evil plan\nwicked men"
    probs = tokens_with(text, [0.9, 0.9, 0.9, 0.9])
    assert [s[:2] for s in decode(text, probs, Decoding(threshold=0.5, gap=3))] == [(0, 9), (10, 20)]
    assert decode(text, probs, Decoding(threshold=0.5, min_chars=10)) == [(10, 20, 0.9)]


def test_decode_does_not_end_on_function_words():
    text = "their epic fight , the end"
    probs = [(Tok(0, "their", "PRON"), 0.9, 0), (Tok(6, "epic", "ADJ"), 0.9, 0), (Tok(11, "fight"), 0.9, 0),
             (Tok(17, ",", "PUNCT"), 0.9, 0), (Tok(19, "the", "DET"), 0.9, 0), (Tok(23, "end"), 0.0, 0)]
    assert decode(text, probs, Decoding(threshold=0.5)) == [(0, 16, 0.9)]
    probs = [(Tok(17, ",", "PUNCT"), 0.9, 0), (Tok(19, "the", "DET"), 0.9, 0), (Tok(23, "end"), 0.9, 0)]
    assert decode(text, probs, Decoding(threshold=0.5)) == [(19, 26, 0.9)]


def test_decode_weighs_minilm_against_crf_and_trims_punctuation():
    text = "they are traitors, he said"
    probs = tokens_with(text, [0.0, 0.2, 0.2, 0.0, 0.0], [0.0, 0.9, 0.9, 0.0, 0.0])
    assert decode(text, probs, Decoding(weight=0.0, threshold=0.5)) == []
    assert decode(text, probs, Decoding(weight=0.5, threshold=0.5)) == [(5, 17, 0.55)]


def test_piece_labels_follow_merged_gold_spans():
    offsets = [(0, 3), (4, 8), (8, 11), (12, 15)]
    assert piece_labels(offsets, [(4, 9), (5, 11)], 15) == [0, 1, 1, 0]
    assert piece_labels(offsets, [(9, 13)], 15) == [0, 0, 1, 0]  # (8, 11) two thirds covered; (12, 15) a third


@needs_runtime
def test_windows_pack_whole_lines_and_keep_offsets(monkeypatch):
    text = "First line here.\nSecond line, longer than the first one.\n\nThird."
    wins = minilm.windows(text)
    assert len(wins) == 1
    ids, offs = wins[0]
    assert len(ids) == len(offs) and text[offs[0][0] : offs[0][1]].lower() == "first"
    monkeypatch.setattr(run, "MAX_PIECES", 10)
    wins = minilm.windows(text)
    assert all(len(w[0]) <= 10 for w in wins) and len(wins) >= 3
    first_line_end = text.index("\n")
    assert all(s < first_line_end for s, _ in wins[0][1])  # the first window holds the first line only
    assert sum(len(w[0]) for w in wins) == len(base.tokenizer().encode(text, add_special_tokens=False).ids)


@needs_runtime
def test_shipped_minilm_tagger_scores_every_character():
    from newsprism.framing.model import MODEL_DIR

    path = MODEL_DIR / minilm.ONNX_FILE
    if not path.exists():
        pytest.skip(f"no {minilm.ONNX_FILE} in {MODEL_DIR}: train one with `newsprism train framing --minilm`")
    text = "The corrupt, treacherous regime butchered innocent children.\nOfficials met on Tuesday."
    probs = minilm.MiniLMTagger(path).char_probs(text)
    assert probs.shape == (len(text),) and ((probs >= 0) & (probs <= 1)).all()
    loaded, plain = text.index("corrupt"), text.index("Officials met")
    assert probs[loaded : loaded + 7].mean() > probs[plain : plain + 13].mean()


def test_minilm_tagger_only_when_asked(monkeypatch):
    from newsprism.errors import EncoderMissing
    from newsprism.framing.model import MODEL_DIR, load_model

    monkeypatch.setenv("NEWSPRISM_FRAMING_TAGGER", "minilm")  # the component's config chooses, not the environment
    assert load_model().minilm is None
    if not minilm.available():
        with pytest.raises(EncoderMissing, match="onnxruntime"):
            load_model(use_minilm=True)
    elif (MODEL_DIR / minilm.ONNX_FILE).exists():
        model = load_model(use_minilm=True)
        assert model.minilm is not None and model.settings is model.decoding["minilm"]


@pytest.mark.slow
@needs_train
def test_train_with_minilm_writes_weights_that_load(tmp_path, monkeypatch, hand_made_ptc):
    import newsprism.framing.training_minilm as fm
    from newsprism.framing.model import load_model
    from newsprism.framing.training import train

    monkeypatch.setattr(fm, "EPOCHS", 1)
    data = hand_made_ptc
    record = train(data, tmp_path / "model", seed=1, dev_share=0.34, with_minilm=True)
    assert record["command"].endswith("--minilm") and set(record["dev"]) == {"crf", "minilm"}
    assert 0 <= record["decoding"]["minilm"]["weight"] <= 1
    assert load_model(tmp_path / "model").minilm is None  # the CRF unless the MiniLM tagger is asked for
    model = load_model(tmp_path / "model", use_minilm=True)
    probs = model.minilm.char_probs("The corrupt traitors lied.")
    assert isinstance(probs, np.ndarray) and probs.shape == (26,)
    train(data, tmp_path / "model", seed=1, dev_share=0.34)  # retrained without: the stale weights go
    assert not (tmp_path / "model" / minilm.ONNX_FILE).exists()


@needs_runtime
@pytest.mark.slow
def test_analyze_runs_the_encoder_without_torch(tmp_path):
    """`newsprism analyze`, with the shared encoder as by default (MiniLM tagger and tone, no flag), imports no
    PyTorch, even where the train extra installed it (spaCy's thinc would import it: `newsprism.notorch`),
    and gives tone and framing's output (this short text's spans, whole loaded sentences, are under the
    span verifier's bar of the ordinary-news rule since it shipped: which spans are shown is tested in
    test_framing_ordinary.py and on the seed)."""
    import json
    import subprocess
    import sys

    article = tmp_path / "a.txt"
    # "and evil": the ordinary-news rule (peak 0.65 or more from round 3 of the set, 0.8 since round 6) hid the
    # sentence without it (its peak 0.63); with it the span peaks at 0.81, just over the bar
    article.write_text("The corrupt, treacherous and evil regime of Bashar al-Assad butchered innocent children, "
                       "John Smith said.\n\nOfficials of the United Nations met on Tuesday and praised the "
                       "brave rescuers.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from newsprism.console.cli import app\n"
        f"sys.argv = ['newsprism', 'analyze', {str(article)!r}, '--workers', '1']\n"
        "try:\n"
        "    app()\n"
        "except SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('torch', 'transformers')], 'torch imported'\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    analysis = json.loads(out.stdout)
    assert isinstance(analysis["framing"], list) and analysis["tone"] and analysis["actor_tone"]


@pytest.mark.slow  # trains, parsing with spaCy's model
def test_retune_chooses_decoding_again_on_the_recorded_dev_split(tmp_path, hand_made_ptc):
    import json

    from newsprism.framing.training import retune, train

    train(hand_made_ptc, tmp_path / "model", seed=1, dev_share=0.34)
    lexicon = tmp_path / "model" / "lexicon.json"
    before = json.loads(lexicon.read_text(encoding="utf-8"))
    before["decoding"]["crf"]["threshold"] = 0.99  # a setting no search would keep
    lexicon.write_text(json.dumps(before), encoding="utf-8")
    record = retune(hand_made_ptc, tmp_path / "model")
    assert record["decoding_command"].endswith("--retune") and set(record["dev"]) == {"crf"}
    after = json.loads(lexicon.read_text(encoding="utf-8"))
    assert after["decoding"]["crf"]["threshold"] < 0.99 and after["lexicon"] == before["lexicon"]
    assert "--retune" in (tmp_path / "model" / "README.md").read_text(encoding="utf-8")


def model_with_encoder(out, ptc, decoding: Decoding):
    """A model trained on the hand-made PTC corpus into `out`, with the shipped encoder beside it (as a --minilm
    run has one) and `decoding` as its MiniLM decoding."""
    import json
    import shutil

    from newsprism.framing.model import MODEL_DIR
    from newsprism.framing.training import train

    train(ptc, out, seed=1, dev_share=0.34)
    shutil.copy(MODEL_DIR / minilm.ONNX_FILE, out / minilm.ONNX_FILE)
    lexicon = json.loads((out / "lexicon.json").read_text(encoding="utf-8"))
    lexicon["decoding"]["minilm"] = vars(decoding)
    (out / "lexicon.json").write_text(json.dumps(lexicon), encoding="utf-8")
    return out


@needs_runtime
@pytest.mark.slow  # trains, parsing with spaCy's model, and runs the encoder
def test_encoder_techniques_are_chosen_on_one_dev_half_and_kept_only_if_better_on_the_other(tmp_path, hand_made_ptc):
    import json

    from newsprism.framing.model import ENCODER_TECHNIQUES, Decoding, load_model
    from newsprism.framing.training import dev_halves, train_encoder_techniques

    out = model_with_encoder(tmp_path / "model", hand_made_ptc, Decoding(weight=0.5))
    result = train_encoder_techniques(hand_made_ptc, out)
    record = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    tune, report = dev_halves(record["articles"]["dev_ids"], 1)
    assert len(tune) == len(report) == 1 and not set(tune) & set(report)
    scores = result["TC"]
    better = scores["encoder (span features and span vectors)"]["reporting"]["F1"] > scores["features"]["reporting"]["F1"]
    assert result["kept"] == ("encoder" if better else "features")
    assert (out / ENCODER_TECHNIQUES).exists() == better
    assert (load_model(out, use_minilm=True).encoder_classifier is not None) == better
    assert load_model(out).encoder_classifier is None  # --fast: the feature classifier
    assert record["techniques_encoder"] == result and "--techniques-encoder" in (out / "README.md").read_text()


@needs_runtime
@pytest.mark.slow  # loads the shared encoder
def test_saved_encoder_pipeline_carries_its_technique_classifier(tmp_path):
    from newsprism.framing.component import FramingComponent
    from newsprism.framing.model import ENCODER_TECHNIQUES, MODEL_DIR, shipped_model

    assert (MODEL_DIR / ENCODER_TECHNIQUES).is_file()  # kept by the shipped model's record ("techniques_encoder")
    FramingComponent(shipped_model(None, "minilm"), tagger="minilm").to_disk(tmp_path)
    assert (tmp_path / ENCODER_TECHNIQUES).is_file()
    back = FramingComponent(shipped_model(), folder=MODEL_DIR).from_disk(tmp_path)
    assert back.tagger == "minilm" and back.model.encoder_classifier.reads_encoder
    if back.model.settings.verifier:  # the span verifier its ordinary-news rule reads goes with it
        assert (tmp_path / "verifier-minilm.npz").is_file() and back.model.verifier is not None


def test_decode_keeps_a_run_only_where_a_token_reaches_peak_min():
    text = "They are evil traitors and liars today"
    probs = tokens_with(text, [0.0] * 7, [0.1, 0.1, 0.5, 0.3, 0.1, 0.3, 0.1])
    both = decode(text, probs, Decoding(weight=1.0, threshold=0.25))
    assert [text[s:e] for s, e, _ in both] == ["evil traitors", "liars"]
    kept = decode(text, probs, Decoding(weight=1.0, threshold=0.25, peak_min=0.4))
    assert [text[s:e] for s, e, _ in kept] == ["evil traitors"]  # "liars" never reaches 0.4


def test_token_states_average_the_wordpieces_of_each_token():
    from newsprism.encoder.run import Encoding
    from newsprism.encoder.run import token_states

    # "unbelievable lies": wordpieces un|believ|able|lies; tokens [0, 12) and [13, 17)
    offsets = np.array([[0, 2], [2, 8], [8, 12], [13, 17]])
    hidden = np.array([[1, 0], [3, 0], [5, 0], [0, 7]], dtype=np.float16)
    enc = Encoding(offsets, np.zeros(4, dtype=np.float32), hidden, np.zeros(4, dtype=np.int64))
    states = token_states(enc, np.array([13, 0]), np.array([17, 12]))  # tokens in any order
    assert states.tolist() == [[0.0, 7.0], [3.0, 0.0]]
    assert token_states(enc, np.array([20]), np.array([25])).tolist() == [[0.0, 0.0]]  # no wordpiece: zeros


def test_span_head_reads_its_neighbours_within_its_width_only(tmp_path):
    from newsprism.framing.span_head import WIDTH, SpanHead

    dim, half = 3, WIDTH // 2
    w1 = np.zeros((1, dim, WIDTH), dtype=np.float32)
    w1[0, 0, :] = 1.0  # sums feature 0 over the window
    head = SpanHead(w1, np.zeros(1), np.full((1, 1, WIDTH), 0.0, dtype=np.float32), np.zeros(1))
    head.w2[0, 0, half] = 1.0  # the hidden value at the token itself
    states = np.zeros((12, dim), dtype=np.float32)
    states[6, 0] = 4.0
    p = head.probs(states)
    near = [k for k in range(12) if p[k] > 0.5 + 1e-6]
    assert near == list(range(6 - half, 7 + half))  # the tokens whose window holds token 6
    head.save(tmp_path / "h.npz")
    assert np.allclose(SpanHead.load(tmp_path / "h.npz").probs(states), p)
    assert head.probs(np.zeros((0, dim))).shape == (0,)


@needs_train
@pytest.mark.slow  # trains, parsing with spaCy's model, and runs the encoder
def test_span_head_is_chosen_on_one_dev_half_and_kept_only_if_better_on_the_other(tmp_path, hand_made_ptc):
    import json

    from newsprism.framing.model import Decoding, load_model
    from newsprism.framing.span_head import HEAD_FILE
    from newsprism.framing.training import train_span_head

    out = model_with_encoder(tmp_path / "model", hand_made_ptc, Decoding(weight=0.5, shown_min=0.42))
    result = train_span_head(hand_made_ptc, out)
    record = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    scores = list(result["SI (chosen on the tuning half)"].values())
    with_head, without = scores[0], scores[1]
    kept = with_head["reporting"]["F1"] > without["reporting"]["F1"]
    assert result["kept"] == ("head" if kept else "no head") and (out / HEAD_FILE).exists() == kept
    dec = json.loads((out / "lexicon.json").read_text(encoding="utf-8"))["decoding"]["minilm"]
    assert (dec["head"] > 0) == kept and dec["shown_min"] == 0.42  # the ordinary-news rule left as it was
    assert record["span_head"] == result and record["dev"]["minilm"]["SI"] == (with_head if kept else without)["all"]
    assert (load_model(out, use_minilm=True).head is not None) == kept
    assert load_model(out).head is None  # --fast: no encoder, no head
    assert "--span-head" in (out / "README.md").read_text(encoding="utf-8")
