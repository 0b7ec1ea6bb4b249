"""newsprism's components as spaCy-native components: `nlp.evaluate(examples)` scores them from gold `Doc`s
(`score`, scorers registered with `@registry.scorers`), and `nlp.to_disk(path)` then `spacy.load(path)` gives
the same analysis with the models read from the saved pipeline (`to_disk`/`from_disk`).

The quick tests build their `Doc`s with a blank English pipeline and load only the small model files; the slow
ones save and load the whole pipeline and compare with `newsprism analyze` on the seed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc
from spacy.training import Example

from newsprism import native

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "examples" / "gaza-2018-04-06.txt"
needs_seed = pytest.mark.skipif(not SEED.exists(), reason=f"the seed article is missing: {SEED}")


def example(words: list[str], gold: dict[str, list[tuple[int, int, str]]],
            found: dict[str, list[tuple[int, int, str]]]) -> Example:
    """An Example whose gold and predicted Docs carry token spans (start, end, label) under each key."""
    vocab = spacy.blank("en").vocab
    ref, pred = Doc(vocab, words=words), Doc(vocab, words=words)
    for doc, spans in ((ref, gold), (pred, found)):
        for key, items in spans.items():
            doc.spans[key] = [doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label=lab)
                              for s, e, lab in items]
    return Example(pred, ref)


WORDS = "He said that the regime is a big mistake and they marched on the border".split()


def test_quotes_scorer_counts_content_whatever_its_kind():
    from newsprism.quotes.component import quotes_score

    eg = example(WORDS, {"newsprism_quotes": [(3, 9, "indirect")]},
                 {"newsprism_quotes": [(3, 9, "mixed"), (10, 14, "indirect")]})
    scores = quotes_score([eg])
    assert scores["spans_newsprism_quotes_p"] == pytest.approx(0.5)
    assert scores["spans_newsprism_quotes_r"] == pytest.approx(1.0)
    per = scores["spans_newsprism_quotes_per_type"]  # per kind, the kind must match
    assert per["indirect"]["r"] == 0.0 and per["mixed"]["p"] == 0.0


def test_framing_and_events_scorers_need_the_label():
    from newsprism.events.component import events_score
    from newsprism.framing.component import framing_score

    eg = example(WORDS, {"newsprism_framing": [(6, 9, "Loaded_Language")], "newsprism_events": [(10, 14, "PROTEST")]},
                 {"newsprism_framing": [(6, 9, "Doubt")], "newsprism_events": [(10, 14, "PROTEST")]})
    assert framing_score([eg])["spans_newsprism_framing_f"] == 0.0
    assert events_score([eg])["spans_newsprism_events_f"] == 1.0


def test_a_gold_doc_without_the_key_is_not_scored():
    from newsprism.framing.component import framing_score

    scored = example(WORDS, {"newsprism_framing": [(6, 9, "Doubt")]}, {"newsprism_framing": [(6, 9, "Doubt")]})
    unannotated = example(WORDS, {}, {"newsprism_framing": [(0, 2, "Doubt")]})
    assert framing_score([scored, unannotated])["spans_newsprism_framing_p"] == 1.0


def test_scorers_are_registered_the_spacy_way():
    from spacy.util import registry

    import newsprism.events.component  # noqa: F401 - registers the scorers
    import newsprism.framing.component  # noqa: F401
    import newsprism.quotes.component  # noqa: F401

    for name in ("quotes", "events", "framing"):
        assert callable(registry.scorers.get(f"newsprism.{name}_scorer.v1")())


def test_save_files_refuses_a_missing_model(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.crfsuite"):
        native.save_files(tmp_path / "out", [tmp_path / "nope.crfsuite"])


def test_quotes_tagger_travels_with_the_component(tmp_path):
    from newsprism.quotes.component import Quotes
    from newsprism.quotes.model import load_model

    Quotes(load_model(), "quote").to_disk(tmp_path / "q")
    back = Quotes(None).from_disk(tmp_path / "q")
    assert back.model.path == tmp_path / "q" / "attribution.crfsuite"
    assert back.model.cues == load_model().cues  # the cue lexicon came along in its record
    off = tmp_path / "off"
    Quotes(None).to_disk(off)
    assert Quotes(load_model()).from_disk(off).model is None  # saved without the tagger: loads without it


def test_framing_model_travels_with_the_component(tmp_path):
    from newsprism.framing.component import FramingComponent
    from newsprism.framing.model import MODEL_DIR, shipped_model

    FramingComponent(shipped_model(), tagger="crf").to_disk(tmp_path)
    assert {p.name for p in tmp_path.iterdir()} >= {"spans.crfsuite", "lexicon.json", "techniques.npz"}
    back = FramingComponent(shipped_model(), folder=MODEL_DIR).from_disk(tmp_path)
    assert back.folder == tmp_path and back.tagger == "crf"
    assert back.model is shipped_model(str(tmp_path))


def test_events_models_travel_with_the_component(tmp_path):
    from newsprism.events.component import Events

    Events().to_disk(tmp_path)
    assert (tmp_path / "events_detector.joblib").is_file() and (tmp_path / "events_plover.joblib").is_file()
    assert Events().from_disk(tmp_path).model_dir == tmp_path


@pytest.fixture(scope="module")
def saved(nlp, tmp_path_factory):
    """The default pipeline saved with `nlp.to_disk` and loaded back with `spacy.load`."""
    path = tmp_path_factory.mktemp("pipeline")
    nlp.to_disk(path)
    return path, spacy.load(path)


@needs_seed
def test_a_saved_pipeline_gives_the_seed_analysis_of_newsprism_analyze(saved):
    from newsprism import pipeline
    from newsprism.article import Article

    path, loaded = saved
    out = subprocess.run([str(Path(sys.executable).parent / "newsprism"), "analyze", str(SEED), "--format", "jsonl",
                          "--workers", "1"], capture_output=True, text=True, check=True, cwd=ROOT)
    expected = json.loads(out.stdout)
    meta = expected["article"]
    article = Article(text=meta["text"], id=meta["id"], title=meta["title"], published=meta["published"],
                      source=meta["source"], url=meta["url"])
    got = json.loads(next(pipeline.analyze(loaded, [article])).model_dump_json())
    assert got == expected
    assert expected["quotes"] and expected["events"] and expected["framing"]  # a comparison of something
    # the models came from the saved pipeline, not the package
    assert loaded.get_pipe("newsprism_quotes").model.path.parent == path / "newsprism_quotes"
    assert loaded.get_pipe("newsprism_events").model_dir == path / "newsprism_events"
    assert loaded.get_pipe("newsprism_framing").folder == path / "newsprism_framing"
    assert loaded.get_pipe("newsprism_tone").folder == path / "newsprism_tone"
    assert expected["tone"]  # the tone head read from there judged the seed


@needs_seed
def test_nlp_evaluate_scores_newsprisms_components(saved, nlp):
    """Gold quotes, events and framing on the seed: the predicted spans minus one for quotes and framing,
    plus one false gold event; `nlp.evaluate` reports what those differences give."""
    _, loaded = saved
    text = SEED.read_text(encoding="utf-8")
    found = nlp(text)
    gold = nlp.make_doc(text)
    quotes, framing, events = (list(found.spans[k]) for k in ("newsprism_quotes", "newsprism_framing",
                                                               "newsprism_events"))
    assert len(quotes) > 1 and len(framing) > 1 and events
    gold.spans["newsprism_quotes"] = [gold[s.start : s.end] for s in quotes[1:]]
    gold.spans["newsprism_framing"] = [gold.char_span(s.start_char, s.end_char, label=s.label_) for s in framing[1:]]
    gold.spans["newsprism_events"] = [gold.char_span(s.start_char, s.end_char, label=s.label_) for s in events]
    gold.spans["newsprism_events"].append(gold.char_span(0, len(gold[0]), label="PROTEST"))
    scores = loaded.evaluate([Example(loaded.make_doc(text), gold)])

    def share(part, whole):
        return len(part & whole) / len(whole)

    found_q, gold_q = ({(s.start, s.end) for s in spans} for spans in (quotes, gold.spans["newsprism_quotes"]))
    found_f, gold_f, found_e, gold_e = ({(s.label_, s.start, s.end) for s in spans} for spans in (
        framing, gold.spans["newsprism_framing"], events, gold.spans["newsprism_events"]))
    assert share(gold_q, found_q) < 1 and share(gold_f, found_f) < 1 and share(found_e, gold_e) < 1
    assert scores["spans_newsprism_quotes_p"] == pytest.approx(share(gold_q, found_q))
    assert scores["spans_newsprism_quotes_r"] == 1.0
    assert scores["spans_newsprism_framing_p"] == pytest.approx(share(gold_f, found_f))
    assert scores["spans_newsprism_events_p"] == 1.0
    assert scores["spans_newsprism_events_r"] == pytest.approx(share(found_e, gold_e))
