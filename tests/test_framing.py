"""Tests of the framing component: SemEval-2020 Task 11 formats and scoring on hand-made files, the technique
classifier's storage, and the component and CLI library calls on hand-made text with the shipped model."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from newsprism.framing.model import MODEL_DIR, TechniqueClassifier, trim
from newsprism.framing.semeval import (
    article_files,
    merged,
    read_raw,
    read_spans,
    read_techniques,
    si_score,
    tc_score,
    template_groups,
)
from newsprism.framing.techniques import DESCRIPTIONS, TECHNIQUES

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SCORER = SHARED / "scorers" / "score_ptc.py"
HAS_MODEL = all((MODEL_DIR / n).exists() for n in ("spans.crfsuite", "lexicon.json", "techniques.npz"))
needs_model = pytest.mark.skipif(not HAS_MODEL, reason=f"no trained framing model in {MODEL_DIR}")

LOADED = (
    "Title of the piece\n\n"
    "The corrupt, treacherous traitors in the swamp have betrayed our great nation once again.\n"
    "These evil, bloodthirsty thugs will stop at nothing to destroy everything we hold dear.\n"
    "The weather was mild on Tuesday and the council met at noon.\n"
)


def test_fourteen_techniques_each_described():
    assert len(TECHNIQUES) == 14 == len(set(TECHNIQUES))
    assert all(DESCRIPTIONS[t].strip().endswith(".") for t in TECHNIQUES)


def test_merged_joins_overlaps_but_not_touching_spans():
    assert merged([(10, 20), (0, 5), (15, 30), (30, 35)]) == [(0, 5), (10, 30), (30, 35)]
    assert merged([]) == []


def test_si_empty_predictions_score_zero():
    gold = {"1": [(0, 10)]}
    assert si_score(gold, {}) == {"P": 0.0, "R": 0.0, "F1": 0.0}
    assert si_score({}, {"1": [(0, 10)]})["F1"] == 0.0


def test_si_partial_credit_and_overlapping_predictions():
    gold = {"1": [(0, 10), (5, 20)]}  # merged into (0, 20)
    pred = {"1": [(10, 30), (12, 25), (40, 50)]}  # merged into (10, 30) and (40, 50): overlap 10 with (0, 20)
    got = si_score(gold, pred)
    # official measure: precision 10/20 over 2 predicted spans, recall 10/20 over 1 gold span
    assert got["P"] == pytest.approx(0.25) and got["R"] == pytest.approx(0.5)
    inside = si_score({"1": [(0, 100)]}, {"1": [(10, 20)]})  # a prediction inside a long gold span
    assert inside["P"] == pytest.approx(1.0) and inside["R"] == pytest.approx(0.1)
    assert si_score(gold, {"1": [(0, 20)], "unknown": [(0, 5)]})["F1"] == pytest.approx(1.0)


def test_si_ignores_empty_predicted_spans():
    assert si_score({"1": [(0, 4)]}, {"1": [(0, 4), (7, 7)]})["P"] == pytest.approx(1.0)


def test_tc_same_span_twice_counts_each_technique_once():
    gold = [("1", "Loaded_Language", 0, 5), ("1", "Repetition", 0, 5), ("1", "Doubt", 9, 20)]
    pred = [("1", "Loaded_Language", 0, 5), ("1", "Loaded_Language", 0, 5), ("1", "Doubt", 9, 20),
            ("2", "Doubt", 0, 3)]
    got = tc_score(gold, pred)
    assert got["P"] == pytest.approx(2 / 3) and got["R"] == pytest.approx(2 / 3)
    assert tc_score(gold, [])["F1"] == 0.0


@pytest.mark.skipif(not SCORER.exists(), reason=f"shared scorer {SCORER} missing")
def test_scores_match_the_shared_scorer(tmp_path):
    spec = importlib.util.spec_from_file_location("score_ptc", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    (tmp_path / "g3").write_text("1\t0\t10\n1\t5\t20\n2\t3\t9\n", encoding="utf-8")
    (tmp_path / "p3").write_text("1\t10\t30\n1\t12\t25\n2\t0\t4\n2\t8\t8\n", encoding="utf-8")
    (tmp_path / "g4").write_text("1\tDoubt\t0\t5\n1\tRepetition\t0\t5\n2\tSlogans\t3\t9\n", encoding="utf-8")
    (tmp_path / "p4").write_text("1\tDoubt\t0\t5\n1\tDoubt\t0\t5\n2\tSlogans\t3\t9\n", encoding="utf-8")
    ours = si_score(read_spans(tmp_path / "g3"), read_spans(tmp_path / "p3"))
    assert scorer.si(tmp_path / "g3", tmp_path / "p3") == pytest.approx((ours["P"], ours["R"], ours["F1"]))
    g, p = read_techniques(tmp_path / "g4"), read_techniques(tmp_path / "p4")
    ours = tc_score([(a, t, s, e) for a, t, s, e in g], p)
    assert scorer.tc(tmp_path / "g4", tmp_path / "p4") == pytest.approx((ours["P"], ours["R"], ours["F1"]))


def test_label_files_skip_malformed_rows(tmp_path):
    path = tmp_path / "x.labels"
    path.write_text("1\t0\t4\nbroken line\n1\tx\t9\n2\t5\t8\n", encoding="utf-8")
    assert read_spans(path) == {"1": [(0, 4)], "2": [(5, 8)]}


def test_raw_text_keeps_carriage_returns(tmp_path):
    (tmp_path / "article42.txt").write_bytes("Title\r\n\r\nA line.".encode())
    (tmp_path / "notes.txt").write_text("not an article", encoding="utf-8")
    files = article_files(tmp_path)
    assert list(files) == ["42"]
    assert read_raw(files["42"])[9:16] == "A line."


def test_template_groups_number_repeated_spans():
    rows = [("1", "?", 0, 5), ("1", "?", 7, 9), ("1", "?", 0, 5)]
    assert list(template_groups(rows)) == [("1", 0, 5, 0), ("1", 7, 9, 0), ("1", 0, 5, 1)]


def test_trim_follows_ptc_boundaries():
    text = ' "foo bar", baz'
    assert trim(text, 0, 11) == (1, 10)
    assert trim(" ., ", 0, 4)[0] == trim(" ., ", 0, 4)[1]


def test_technique_classifier_round_trip(tmp_path):
    clf = TechniqueClassifier({"w=evil": 0, "bias": 1}, np.array([[2.0, -1.0], [0.0, 0.5]]), np.array([0.0, 0.0]),
                              ["Loaded_Language", "Doubt"])
    clf.save(tmp_path / "t.npz")
    back = TechniqueClassifier.load(tmp_path / "t.npz")
    p = back.proba({"w=evil": 1.0, "bias": 1.0, "unseen": 3.0})
    assert back.classes == clf.classes and p.sum() == pytest.approx(1.0) and p[0] > p[1]


def test_technique_classifier_reads_encoder_vectors_when_it_has_their_weights(tmp_path):
    """The encoder path's classifier: span features and standardised span vectors, saved and loaded whole."""
    clf = TechniqueClassifier({"bias": 0}, np.array([[0.0, 0.0]]), np.array([0.0, 0.0]), ["Loaded_Language", "Doubt"],
                              np.array([[0.0, 3.0], [0.0, 0.0]]), np.array([1.0, 0.0]), np.array([2.0, 1.0]))
    clf.save(tmp_path / "t.npz")
    back = TechniqueClassifier.load(tmp_path / "t.npz")
    assert back.reads_encoder and not TechniqueClassifier({}, np.zeros((0, 2)), np.zeros(2), ["a", "b"]).reads_encoder
    assert back.proba({"bias": 1.0}) == pytest.approx([0.5, 0.5])  # no vector given: the span features alone
    high, low = back.proba({"bias": 1.0}, np.array([5.0, 9.0])), back.proba({"bias": 1.0}, np.array([-3.0, 9.0]))
    assert high[1] == pytest.approx(1 / (1 + np.exp(-6.0))) and low[0] == pytest.approx(1 / (1 + np.exp(-6.0)))


def test_encoder_span_vectors_pool_the_span_and_its_line():
    from newsprism.encoder.run import Encoding
    from newsprism.framing.features import ENCODER_DIM, encoder_span_vectors

    text = "one two\nthree four five"
    offsets = np.array([[0, 3], [4, 7], [8, 13], [14, 18], [19, 23]])
    hidden = np.arange(5, dtype=np.float16)[:, None] * np.ones((5, ENCODER_DIM), dtype=np.float16)
    v = encoder_span_vectors(text, Encoding(offsets, np.zeros(5, dtype=np.float32), hidden, np.zeros(5, dtype=np.int64)),
                             [(14, 23), (3, 4)])
    assert v.shape == (2, 3 * ENCODER_DIM + 2)
    assert v[0, 0] == 3.5 and v[0, ENCODER_DIM] == 4 and v[0, 2 * ENCODER_DIM] == 3  # mean, max; line 2's mean
    assert not v[1, : 2 * ENCODER_DIM].any() and v[1, 2 * ENCODER_DIM] == 0.5  # no wordpiece in the span; line 1


def test_fit_stacked_learns_from_both_kinds_of_features():
    from newsprism.framing.training import fit_stacked

    feats = [{"bias": 1.0, "w=evil": 1.0}] * 10 + [{"bias": 1.0}] * 10
    dense = np.array([[0.0, 1.0]] * 10 + [[0.0, -1.0]] * 5 + [[5.0, -1.0]] * 5)
    y = ["Loaded_Language"] * 10 + ["Doubt"] * 5 + ["Repetition"] * 5
    clf = fit_stacked(feats, dense, y, alpha=1.0, C=10.0, seed=0)
    assert clf.reads_encoder and set(clf.index) == {"bias", "w=evil"}
    best = [clf.classes[int(np.argmax(clf.proba(f, d)))] for f, d in zip(feats, dense)]
    assert best == y  # Doubt and Repetition differ only in the encoder's vector


def test_technique_counts_lists_all_techniques():
    from newsprism.framing.evaluation import technique_counts
    from newsprism.schema import FramingSpan

    spans = [FramingSpan(technique="Doubt", start=0, end=3, text="abc", score=0.5),
             {"technique": "Doubt", "start": 5, "end": 6, "text": "x", "score": 0.1},
             {"technique": "Slogans", "start": 7, "end": 9, "text": "yz", "score": 0.2}]
    counts = technique_counts(spans)
    assert list(counts)[:14] == TECHNIQUES
    assert counts["Doubt"] == 2 and counts["Slogans"] == 1 and counts["Repetition"] == 0
    assert technique_counts([]) == {t: 0 for t in TECHNIQUES}


@pytest.fixture(scope="module")
def framing_nlp():
    """spaCy's pipeline with the framing component, loaded once for this file."""
    import spacy

    import newsprism.framing.component  # noqa: F401  registers the factory
    from newsprism.parse import SPACY_MODEL

    nlp = spacy.load(SPACY_MODEL)
    nlp.add_pipe("newsprism_framing")
    return nlp


@pytest.mark.slow  # parses with spaCy's model
@needs_model
def test_component_marks_loaded_language_with_exact_offsets():
    """Every span the tagger finds (`shown_min` 0: the ordinary-news rule, tested in test_framing_ordinary.py,
    hides this text's whole-sentence spans on the encoder path, whose verifier scores them under its bar)."""
    import spacy

    import newsprism.framing.component  # noqa: F401  registers the factory
    from newsprism.parse import SPACY_MODEL

    nlp = spacy.load(SPACY_MODEL)
    nlp.add_pipe("newsprism_framing", config={"shown_min": 0.0})
    doc = nlp(LOADED)
    found = doc._.framing
    assert found, "no framing span on a text full of loaded words"
    for f in found:
        assert doc.text[f.start : f.end] == f.text and f.technique in TECHNIQUES and 0 <= f.score <= 1
    spans = doc.spans["newsprism_framing"]  # the same spans in spaCy's terms, widened to whole tokens
    assert len(spans) == len(found) and all(sp.label_ == f.technique for sp, f in zip(spans, found))
    quiet = [f for f in found if f.start >= LOADED.index("The weather")]
    assert len(quiet) < len(found)


@pytest.mark.slow  # parses with spaCy's model
@needs_model
def test_semeval_formats_round_trip(tmp_path):
    from newsprism.framing.evaluation import classify_spans, classify_template, predict_spans, spans_for_dir

    (tmp_path / "article7.txt").write_bytes(LOADED.replace("\n", "\r\n").encode())
    lines = list(spans_for_dir(tmp_path))
    text = read_raw(tmp_path / "article7.txt")
    assert lines
    for line in lines:
        aid, s, e = line.split("\t")
        assert aid == "7" and 0 <= int(s) < int(e) <= len(text) and text[int(s)] not in " \r\n.,"
    start = text.index("corrupt")
    (tmp_path / "t.out").write_text(f"7\t?\t{start}\t{start + 7}\n7\t?\t0\t5\n7\t?\t{start}\t{start + 7}\n",
                                    encoding="utf-8")
    rows = [line.split("\t") for line in classify_template(tmp_path, tmp_path / "t.out")]
    assert [(r[0], r[2], r[3]) for r in rows] == [("7", str(start), str(start + 7)), ("7", "0", "5"),
                                                  ("7", str(start), str(start + 7))]
    assert all(r[1] in TECHNIQUES for r in rows) and rows[0][1] != rows[2][1]
    assert [s for s, _, _ in predict_spans(LOADED)] == sorted(s for s, _, _ in predict_spans(LOADED))
    assert classify_spans(LOADED, []) == []


@needs_model
def test_bad_inputs_raise_framing_input_errors(tmp_path):
    from newsprism.framing.evaluation import FramingInputError, classify_spans, classify_template, spans_for_dir

    with pytest.raises(FramingInputError):
        list(spans_for_dir(tmp_path))
    (tmp_path / "article1.txt").write_text("Short text.", encoding="utf-8")
    (tmp_path / "t.out").write_text("2\t?\t0\t4\n", encoding="utf-8")
    with pytest.raises(FramingInputError):
        list(classify_template(tmp_path, tmp_path / "t.out"))
    (tmp_path / "t.out").write_text("1\t?\t3\t400\n", encoding="utf-8")
    with pytest.raises(FramingInputError):
        list(classify_template(tmp_path, tmp_path / "t.out"))
    with pytest.raises(FramingInputError):
        classify_spans("abc", [(2, 1)])


@pytest.mark.slow  # parses with spaCy's model
@needs_model
def test_evaluate_scores_a_hand_made_split(tmp_path):
    from newsprism.framing.evaluation import FramingInputError, evaluate

    with pytest.raises(FramingInputError):
        evaluate(tmp_path)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "article5.txt").write_text(LOADED, encoding="utf-8")
    s = LOADED.index("corrupt")
    (tmp_path / "spans.labels").write_text(f"5\t{s}\t{s + 7}\n", encoding="utf-8")
    (tmp_path / "techniques.labels").write_text(f"5\tLoaded_Language\t{s}\t{s + 7}\n", encoding="utf-8")
    got = evaluate(tmp_path)
    assert got["articles"] == 1
    assert all(0.0 <= got[task][k] <= 1.0 for task in ("SI", "TC") for k in ("P", "R", "F1"))
    assert got["SI"]["R"] > 0, "the loaded word 'corrupt' was not covered at all"
    every, shown = got["spans"].values()  # the ordinary-news figures on PTC: every span, and those shown
    assert every["words"] == len(LOADED.split()) and every["gold"] == 1 and every["gold_found"] == 1
    assert every["SI"]["R"] == round(got["SI"]["R"], 4) and shown["shown"] <= every["shown"]


SEED = SHARED / "examples" / "gaza-2018-04-06.txt"


@needs_model
@pytest.mark.skipif(not SEED.exists(), reason=f"seed article {SEED} missing")
def test_seed_article_marks_most_must_find_phrases(framing_nlp):
    import json

    text = SEED.read_text(encoding="utf-8").split("\n\n", 1)[1]
    gold = json.loads(SEED.with_name("gaza-2018-04-06.gold.json").read_text(encoding="utf-8"))["framing_must_find"]
    found = framing_nlp(text)._.framing
    hits = 0
    for g in gold:
        s = text.find(g["text"])
        hits += any(min(f.end, s + len(g["text"])) > max(f.start, s) for f in found)
    assert hits >= 5, f"only {hits} of {len(gold)} seed phrases marked"


def test_training_labels_and_lexicon_on_hand_made_doc():
    import spacy

    from newsprism.framing.training import lexicon, split, token_labels

    doc = spacy.blank("en")("The evil regime lies. The evil plan.")
    labels = token_labels(doc, [(4, 15), (9, 20)])  # overlapping gold spans merge into 'evil regime lies'
    assert [labels[t.i] for t in doc] == ["O", "B", "I", "I", "O", "O", "O", "O", "O"]
    lex, prior = lexicon([doc], [labels])
    assert prior == pytest.approx(3 / 9, abs=1e-3)
    assert lex["evil"] > prior > lex["the"]
    train_ids, dev_ids = split([str(i) for i in range(20)], 0.15, seed=3)
    assert len(dev_ids) == 3 and not train_ids & dev_ids
    assert split([str(i) for i in range(20)], 0.15, seed=3) == (train_ids, dev_ids)


@pytest.mark.slow  # trains, parsing with spaCy's model
def test_train_writes_a_loadable_model(tmp_path, hand_made_ptc):
    from newsprism.framing.model import load_model
    from newsprism.framing.training import train

    data = hand_made_ptc
    record = train(data, tmp_path / "model", seed=1, dev_share=0.34)
    assert record["articles"]["train"] == 4 and record["articles"]["dev"] == 2
    assert (tmp_path / "model" / "README.md").read_text(encoding="utf-8").count("SI") >= 1
    model = load_model(tmp_path / "model")
    assert set(model.classifier.classes) == {"Loaded_Language", "Doubt"}


def test_decoding_check_parts_add_up_to_the_official_measure():
    """scripts/framing_decoding_check.py resamples articles from per-article parts of the SI measure: summed,
    they give `si_score`'s F1, and a resample that wins must win on the same figures."""
    script = Path(__file__).resolve().parents[1] / "scripts" / "framing_decoding_check.py"
    spec = importlib.util.spec_from_file_location("framing_decoding_check", script)
    check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check)
    gold = {"a": [(0, 10), (5, 12), (30, 40)], "b": [(3, 9)], "c": [(0, 4)]}
    pred = {"a": [(2, 11), (33, 35), (50, 60)], "b": [(0, 2)], "x": [(0, 5)]}
    parts = check.si_parts(gold, pred)
    assert check.f1_of(sum(parts.values())) == pytest.approx(si_score(gold, pred)["F1"])
    assert check.resamples_won(["a", "b", "c"], parts, parts) == 0.0  # ties are no win
    better = check.si_parts(gold, {**pred, "b": [(3, 9)]})
    assert check.resamples_won(["a", "b", "c"], better, parts) > 0.5
