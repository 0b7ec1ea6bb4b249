"""Tests for the attribution tagger: the shipped model on hand-made sentences, and training end to end on a
tiny hand-made brat corpus."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from newsprism.quotes.model import DEFAULT_MODEL, Attribution, load_model
from newsprism.quotes.training import SCORER, bio_tags, choose_c1, evaluate, load_split, read_ann, train

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="module")
def nlp(spacy_model):
    return spacy_model  # spaCy's model alone, loaded once for the session (conftest)


@pytest.mark.parametrize(
    "text, cue, content, source",
    [
        ('"We will win," Smith said.', "said", "We will win", "Smith"),
        ("Smith said that taxes would rise.", "said", "that taxes would rise", "Smith"),
        ("According to the police, two men were arrested.", "According to", "two men were arrested", "the police"),
    ],
)
def test_shipped_model_finds_cue_and_content(nlp, text, cue, content, source):
    attributions = load_model().predict(nlp(text))
    assert attributions, f"no attribution found in {text!r}"
    att = max(attributions, key=lambda a: a.score)
    assert isinstance(att, Attribution)
    assert att.cue is not None and text[att.cue[0]:att.cue[1]] == cue
    assert content in text[att.content[0]:att.content[1]]
    assert text[att.content[0]:att.content[1]].strip("\"“”,. ") == content.strip()
    assert att.source is not None and text[att.source[0]:att.source[1]] == source
    assert 0.0 < att.score <= 1.0


def test_shipped_model_is_small_and_recorded():
    assert DEFAULT_MODEL.stat().st_size < 5_000_000
    meta = json.loads(DEFAULT_MODEL.with_suffix(".json").read_text())
    assert {"seed", "crf", "cues", "scores", "command"} <= set(meta)
    assert "say" in meta["cues"]


def test_no_attribution_in_plain_text(nlp):
    assert load_model().predict(nlp("")) == []
    doc = nlp("The bridge is 40 metres long.")
    assert all(a.cue is None or doc.text[a.cue[0]:a.cue[1]] != "bridge" for a in load_model().predict(doc))


ARTICLES = {
    "a": (
        '"We will win the vote," Jane Smith said on Monday.\n\nJones said that taxes would rise. '
        "The bridge is old.",
        [("Content", "We will win the vote"), ("Cue", "said on"), ("Source", "Jane Smith"),
         ("Source", "Jones"), ("Cue", "said that"), ("Content", "that taxes would rise")],
    ),
    "b": (
        "According to the police, two men were arrested. Brown told reporters the plan had failed.",
        [("Cue", "According to"), ("Source", "the police"), ("Content", "two men were arrested"),
         ("Source", "Brown"), ("Cue", "told"), ("Content", "the plan had failed")],
    ),
}


def offsets(text: str, spans: list[tuple[str, str]]) -> list[tuple[str, int, int]]:
    """(role, start, end) of each (role, words) pair; a cue written 'said on' means 'said' before 'on'."""
    out = []
    for role, words in spans:
        start = text.index(words)
        word = words.split()[0] if role == "Cue" and words.startswith("said") else words
        out.append((role, start, start + len(word)))
    return out


def write_corpus(root: Path) -> Path:
    """A two-article brat split under `root/train`, each attribution an E line over its T spans."""
    split = root / "train"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    for name, (text, words) in ARTICLES.items():
        spans = offsets(text, words)
        (split / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        lines = [f"T{k + 1}\t{role} {s} {e}\t{text[s:e]}" for k, (role, s, e) in enumerate(spans)]
        for j in range(0, len(spans), 3):
            roles = " ".join(f"{spans[k][0]}:T{k + 1}" for k in range(j, j + 3))
            lines.append(f"E{j // 3 + 1}\tAttribution:T{j + 1} {roles}")
        (split / "attributions" / f"{name}_x1.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return split


def test_fixture_offsets_match_text():
    for text, words in ARTICLES.values():
        for (role, s, e), (_, w) in zip(offsets(text, words), words):
            assert w.startswith(text[s:e]) and text[s:e].strip() == text[s:e], (role, text[s:e])


def test_read_ann_and_bio_tags(tmp_path, nlp):
    split = write_corpus(tmp_path)
    gold = read_ann(split / "attributions" / "b_x1.ann")
    text = ARTICLES["b"][0]
    assert [text[s:e] for s, e in gold["Cue"]] == ["According to", "told"]
    name, text, gold = load_split(split)[1]
    tags = bio_tags(nlp(text), gold)
    assert tags[:4] == ["B-Cue", "I-Cue", "B-Source", "I-Source"]


@pytest.mark.slow  # trains the tagger and parses with spaCy's model
def test_train_end_to_end(tmp_path, nlp):
    split = write_corpus(tmp_path)
    out = tmp_path / "m.crfsuite"
    scores = train(tmp_path, out, seed=0, params={"max_iterations": 30, "c1": 0.0})
    assert out.exists() and out.with_suffix(".json").exists()
    assert scores == {}  # two articles: no holdout, no dev split, nothing to choose c1 on (one c1 given)
    meta = json.loads(out.with_suffix(".json").read_text())
    assert meta["seed"] == 0 and meta["articles"] == 2
    model = load_model(out)
    text = ARTICLES["b"][0]
    found = model.predict(nlp(text))
    assert any(a.cue and text[a.cue[0]:a.cue[1]] == "told" for a in found)
    if not SCORER.exists():
        pytest.skip(f"PolNeAR scorer not found at {SCORER}")
    result = evaluate(model, split, pred_out=tmp_path / "pred.jsonl")
    assert result["cue"]["exact"][2] > 0.5
    first = json.loads((tmp_path / "pred.jsonl").read_text().splitlines()[0])
    assert first["article"]["id"] == "a" and first["quotes"]


@pytest.mark.slow  # trains the tagger, runs the shared encoder and parses with spaCy's model
@pytest.mark.skipif(importlib.util.find_spec("torch") is None,
                    reason="fitting the role head needs PyTorch: the `train` extra (make setup-train)")
def test_train_the_tagger_reading_the_encoder_end_to_end(tmp_path, nlp):
    write_corpus(tmp_path)
    out = tmp_path / "m.crfsuite"
    train(tmp_path, out, seed=0, params={"max_iterations": 30, "c1": 0.0}, encoder=True, cache_dir=tmp_path / "c")
    meta = json.loads(out.with_suffix(".json").read_text())
    assert meta["encoder_head"] == "m.npz" and (tmp_path / "m.npz").exists() and meta["command"].endswith("--encoder")
    assert len(list((tmp_path / "c").glob("polnear-states-*.npz"))) == 1  # the encoder's states, cached
    model = load_model(out)
    assert model.head is not None
    text = ARTICLES["b"][0]
    assert any(a.cue and text[a.cue[0]:a.cue[1]] == "told" for a in model.predict(nlp(text)))
    again = tmp_path / "again.crfsuite"  # from the cached states: the same tagger
    train(tmp_path, again, seed=0, params={"max_iterations": 30, "c1": 0.0}, encoder=True, cache_dir=tmp_path / "c")
    assert again.read_bytes() == out.read_bytes()


def test_choose_c1_keeps_the_smaller_c1_unless_a_larger_beats_it_by_more_than_the_margin():
    assert choose_c1({1.0: 0.6927, 2.0: 0.6931}) == 1.0  # 0.0004 better: within the margin
    assert choose_c1({2.0: 0.6931, 1.0: 0.6927}) == 1.0  # whatever the order tried
    assert choose_c1({1.0: 0.6900, 2.0: 0.6915}) == 2.0
    assert choose_c1({1.0: 0.70, 2.0: 0.69}) == 1.0
    assert choose_c1({0.5: 0.690, 1.0: 0.6905, 2.0: 0.692}) == 2.0  # beats 0.5, kept so far, by 0.002
    assert choose_c1({0.5: 0.690, 1.0: 0.6915, 2.0: 0.692}) == 1.0  # 2.0 beats 1.0 by 0.0005 only


@pytest.mark.slow  # trains the tagger twice and parses with spaCy's model
@pytest.mark.skipif(not SCORER.exists(), reason=f"PolNeAR scorer not found at {SCORER}: choosing c1 scores with it")
def test_train_chooses_c1_on_a_tuning_part_never_on_the_holdout(tmp_path):
    split = write_corpus(tmp_path)
    for k in range(5):  # 12 articles: one held out, one to tune c1 on, ten fitted on
        for name in ARTICLES:
            for sub, ext in (("text", ".txt"), ("attributions", "_x1.ann")):
                (split / sub / f"{name}{k}{ext}").write_text((split / sub / f"{name}{ext}").read_text())
    out = tmp_path / "m.crfsuite"
    scores = train(tmp_path, out, seed=0, params={"max_iterations": 30}, c1_grid=(0.0, 100.0))
    meta = json.loads(out.with_suffix(".json").read_text())
    tuning = meta["tuning"]
    assert set(tuning["c1_tried"]) == {"0.0", "100.0"} and set(scores["tuning"]) == {"0.0", "100.0"}
    tried = tuning["c1_tried"]  # the quotes component's figures with each tagger on the tuning article
    assert tuning["chosen_c1"] == choose_c1({float(c): v for c, v in tried.items()}) == meta["crf"]["c1"]
    assert scores["tuning"]["0.0"]["cue"]["exact"][2] > 0.5
    assert len(tuning["tune_articles"]) == 1 and len(meta["holdout_articles"]) == 1 and meta["articles"] == 10
    assert not set(tuning["tune_articles"]) & set(meta["holdout_articles"])
    assert "holdout" in scores and sorted(p.name for p in tmp_path.glob("m*")) == ["m.crfsuite", "m.json"]
    with pytest.raises(ValueError, match="too few articles to choose c1"):
        train(write_corpus(tmp_path / "small"), tmp_path / "n.crfsuite", params={"max_iterations": 5},
              c1_grid=(0.0, 1.0))


@pytest.mark.skipif(not (SHARED / "data" / "polnear" / "dev").exists(), reason="PolNeAR not in ../shared")
def test_polnear_dev_split_loads():
    articles = load_split(SHARED / "data" / "polnear" / "dev")
    assert len(articles) == 84 and all(gold["Cue"] for _, _, gold in articles[:5])


def test_unparsed_doc_and_empty_split_are_refused(nlp, tmp_path):
    with pytest.raises(ValueError, match="parsed Doc"):
        load_model().predict(nlp.make_doc("Smith said so."))
    with pytest.raises(ValueError, match="no annotated articles"):
        evaluate(None, tmp_path)


def test_train_names_a_missing_scorer_before_it_fits(tmp_path, monkeypatch):
    from newsprism.quotes import training

    monkeypatch.setattr(training, "SCORER", tmp_path / "score_polnear.py")
    with pytest.raises(FileNotFoundError, match="score_polnear.py is missing"):
        train(tmp_path, tmp_path / "m.crfsuite")  # no articles either: the scorer is named first
