"""The ordinary-news framing set (annotations/framing): its files, split, figures and agreement script, the
choice of the threshold for showing spans, page furniture kept out of framing, and its evaluation."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHARED, needs_shared
from newsprism.errors import FramingInputError
from newsprism.framing import ordinary
from newsprism.framing.component import prose
from newsprism.framing.techniques import TECHNIQUES
from newsprism.framing.training import SHOWN_MIN_COUNT, SHOWN_TARGET, choose_shown_min

ROOT = Path(__file__).resolve().parents[1]
DATA = SHARED / "data"


def fake_set(tmp_path: Path, labels: str) -> tuple[Path, Path]:
    """An annotation folder and a shared data folder with two aeb pages of hand-made text."""
    data, folder = tmp_path / "data", tmp_path / "ann"
    (data / "aeb").mkdir(parents=True)
    folder.mkdir()
    pages = {"a1": {"articleBody": "The brutal thugs wrecked the town. Officials met on Tuesday.", "url": "u"},
             "b2": {"articleBody": "The council met at noon and approved the budget.", "url": "u"}}
    (data / "aeb" / "ground-truth.json").write_text(json.dumps(pages), encoding="utf-8")
    (folder / "documents.tsv").write_text("doc\toutlet\naeb:a1\tx\naeb:b2\ty\n", encoding="utf-8")
    (folder / "labels.tsv").write_text("doc\tstart\tend\ttechnique\n" + labels, encoding="utf-8")
    return folder, data


def test_load_reads_ids_and_offsets_into_the_shared_texts(tmp_path):
    folder, data = fake_set(tmp_path, "aeb:a1\t4\t17\tLoaded_Language\n")
    oset = ordinary.load(folder, data)
    assert oset.texts["aeb:a1"][4:17] == "brutal thugs "[:13]
    assert oset.gold == {"aeb:a1": [(4, 17, "Loaded_Language")], "aeb:b2": []}
    assert oset.words(["aeb:b2"]) == 9


def test_load_names_a_label_outside_its_document(tmp_path):
    folder, data = fake_set(tmp_path, "aeb:b2\t40\t400\tLoaded_Language\n")
    with pytest.raises(FramingInputError, match="aeb:b2 40-400"):
        ordinary.load(folder, data)
    with pytest.raises(FramingInputError, match="aeb is missing"):
        ordinary.load(folder, tmp_path / "nowhere")


def test_split_is_seeded_disjoint_and_whole():
    ids = [f"aeb:{k:02d}" for k in range(31)]
    tune, report = ordinary.split(ids)
    assert (tune, report) == ordinary.split(list(reversed(ids)))
    assert not set(tune) & set(report) and sorted(tune + report) == ids and len(tune) == 15
    assert ordinary.split(ids, seed=1) != (tune, report)
    assert len(ordinary.sample(ids)) == ordinary.SAMPLE and set(ordinary.sample(ids)) <= set(ids)


def test_a_later_round_is_split_on_its_own_and_leaves_the_earlier_halves_alone():
    first = [f"aeb:{k:02d}" for k in range(31)]
    later = [f"html:{k:02d}" for k in range(16)]
    batches = {**{d: 1 for d in first}, **{d: 2 for d in later}}
    tune, report = ordinary.split(first + later, batches=batches)
    tune1, report1 = ordinary.split(first)
    assert set(tune1) <= set(tune) and set(report1) <= set(report)
    assert len(set(tune) & set(later)) == 8 and not set(tune) & set(report)
    assert ordinary.split(first + later) != (tune, report)  # one shuffle of all would move round-1 documents
    assert ordinary.sample(first + later, batches=batches) == ordinary.sample(first)
    assert set(ordinary.sample(first + later, 8, batches=batches, batch=2)) <= set(later)


def test_figures_count_a_shown_span_right_when_it_overlaps_a_gold_span():
    gold = {"a": [(0, 10), (50, 60)], "b": []}
    pred = {"a": [(5, 8), (20, 30)], "b": [(0, 4)]}
    f = ordinary.figures(gold, pred, words=2000)
    assert (f["shown"], f["right"], f["precision"]) == (3, 1, 0.3333)
    assert (f["gold"], f["gold_found"], f["recall"]) == (2, 1, 0.5)
    assert f["shown_per_1000_words"] == 1.5 and f["gold_per_1000_words"] == 1.0
    assert ordinary.figures(gold, {}, words=2000)["precision"] is None


def test_a_precision_from_few_shown_spans_says_it_is_too_few_with_its_counts_and_interval():
    gold = {"a": [(0, 10)]}
    few = ordinary.figures(gold, {"a": [(0, 4), (20, 30)]}, words=1000)
    assert few["precision_interval_95"] == [0.0945, 0.9055] and few["enough_to_estimate"] is False
    assert ordinary.precision_text(few) == "0.500 [0.09, 0.91], 1 of 2 right: too few to estimate"
    assert ordinary.precision_text(ordinary.figures(gold, {}, words=1000)) == "-, none shown"
    many = {"a": [(k, k + 1) for k in range(0, 2 * ordinary.ESTIMATE_MIN, 2)]}  # the first five of ten right
    f = ordinary.figures(gold, many, words=1000)
    assert (f["shown"], f["right"], f["enough_to_estimate"]) == (ordinary.ESTIMATE_MIN, 5, True)
    assert ordinary.precision_text(f) == "0.500 [0.24, 0.76]"
    assert ordinary.wilson(6, 11) == [0.2801, 0.7873]  # the textbook Wilson interval of 6 in 11


def test_prose_lines_reach_framing_and_page_furniture_does_not():
    text = ("Stay\nself-isolation\nHostage swap\nThe weather was mild and the council met at noon today.\n"
            "He called it a sham.\nShare this: Share")
    assert not prose(text, 0, 4)  # a heading
    assert not prose(text, 5, 19)  # a link rail's item
    assert not prose(text, 20, 32)
    assert prose(text, text.index("council"), text.index("council") + 7)  # eight words or more
    assert prose(text, text.index("sham"), text.index("sham") + 4)  # ends a sentence
    assert not prose(text, text.index("Share"), len(text))


def row(precision, shown):
    return {"precision": precision, "shown": shown}


def test_the_shown_threshold_is_the_lowest_that_holds_the_target_above_it():
    table = {0.0: row(0.1, 50), 0.5: row(SHOWN_TARGET, 20), 0.6: row(0.5, 15), 0.7: row(0.7, 12),
             0.8: row(0.9, SHOWN_MIN_COUNT), 0.9: row(0.0, SHOWN_MIN_COUNT - 1)}
    assert choose_shown_min(table) == 0.7  # 0.5 reaches the target but 0.6 above it does not; 0.9 too few
    table[0.6] = row(0.65, 15)
    assert choose_shown_min(table) == 0.5


def test_without_the_target_the_best_counted_precision_wins():
    table = {0.0: row(0.1, 50), 0.4: row(0.3, 20), 0.8: row(0.35, 11), 0.9: row(1.0, 2)}
    assert choose_shown_min(table) == 0.8


@needs_shared(DATA / "aeb")
def test_the_shipped_set_is_ordinary_news_with_labels_inside_its_texts():
    oset = ordinary.load(ordinary.ANNOTATIONS, DATA)
    assert len(oset.texts) >= 25
    spans = [sp for v in oset.gold.values() for sp in v]
    assert all(t in TECHNIQUES for _, _, t in spans)
    assert all(oset.texts[d][s:e] == oset.texts[d][s:e].strip() for d, v in oset.gold.items() for s, e, _ in v)
    assert sum(1 for v in oset.gold.values() if not v) >= len(oset.texts) // 3  # most news holds little
    tune, report = oset.halves()
    assert any(oset.gold[d] for d in tune) and any(oset.gold[d] for d in report)
    assert set(oset.batches.values()) == {1, 2, 3, 4, 6, 7}  # round 5 is the training part
    first_round = [d for d in oset.texts if oset.batches[d] == 1]  # a later round never moves a document
    assert (set(tune) & set(first_round), set(report) & set(first_round)) == tuple(map(set, ordinary.split(first_round)))
    second = ordinary.load(ordinary.ANNOTATIONS, DATA, labels="second-pass.tsv")
    rounds = ordinary.samples(list(oset.texts), oset.batches)
    assert rounds[1] == ordinary.sample(first_round)  # round 1's sample is the one its second pass labelled
    assert all(oset.batches[d] == r for r, ids in rounds.items() for d in ids)
    labelled = {d for d, v in second.gold.items() if v}
    assert labelled <= set().union(*rounds.values()) and all(labelled & set(rounds[r]) for r in (2, 6, 7))


@needs_shared(DATA / "aeb")
def test_the_training_part_is_labelled_news_kept_apart_from_both_halves():
    """Round 5 (GUIDE.md): its own documents and labels, none of them in the set that is split into halves."""
    oset = ordinary.load(ordinary.ANNOTATIONS, DATA)
    part = ordinary.load(ordinary.ANNOTATIONS, DATA, labels=ordinary.TRAINING[1], documents=ordinary.TRAINING[0])
    assert len(part.texts) >= 30 and not set(part.texts) & set(oset.texts)
    assert set(part.batches.values()) == {5}
    spans = [(d, s, e, t) for d, v in part.gold.items() for s, e, t in v]
    assert spans and all(t in TECHNIQUES for *_, t in spans)
    assert all(part.texts[d][s:e] == part.texts[d][s:e].strip() for d, s, e, _ in spans)
    assert sum(1 for v in part.gold.values() if not v) >= len(part.texts) // 2  # most news holds little


@needs_shared(DATA / "aeb")
def test_agreement_script_scores_the_second_pass_against_the_first(tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "framing_agreement.py"), "--data", str(DATA)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    got = json.loads(out.stdout)
    assert {r: v["documents"] for r, v in got["rounds"].items()} == {str(r): n for r, n in ordinary.SAMPLES.items()}
    for block in (*got["rounds"].values(), got["all"]):
        assert 0 <= block["word_kappa"] <= 1 and 0 < block["span_overlap_f1"] <= 1 and block["spans_first"] > 0
    assert got["all"]["documents"] == sum(ordinary.SAMPLES.values())
    second = ordinary.read_tsv(ordinary.ANNOTATIONS / "training-second-pass.tsv")
    assert got["training"]["documents"] == 8 and got["training"]["spans_second"] == len(second)
    assert 0 <= got["training"]["documents_alike"] <= 8


def agreement_script():
    import importlib.util
    spec = importlib.util.spec_from_file_location("framing_agreement", ROOT / "scripts" / "framing_agreement.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_training_second_pass_is_scored_on_the_first_documents_of_the_part(tmp_path, monkeypatch):
    """The training part's blind second pass covers the first TRAINING_SAMPLE documents of
    training-documents.tsv (in its order, not sorted); a span on a later document is refused, not scored."""
    script = agreement_script()
    folder, data = fake_set(tmp_path, "")
    (folder / "training-documents.tsv").write_text("doc\toutlet\tbatch\naeb:b2\ty\t5\naeb:a1\tx\t5\n", encoding="utf-8")
    (folder / "training-labels.tsv").write_text("doc\tstart\tend\ttechnique\naeb:a1\t4\t10\tLoaded_Language\n", encoding="utf-8")
    (folder / "training-second-pass.tsv").write_text("doc\tstart\tend\ttechnique\n", encoding="utf-8")
    monkeypatch.setattr(script, "TRAINING_SAMPLE", 1)
    got = script.training_agreement(data, folder)
    assert got["sample"] == ["aeb:b2"] and got["spans_first"] == 0 and got["documents_alike"] == 1
    monkeypatch.setattr(script, "TRAINING_SAMPLE", 2)
    got = script.training_agreement(data, folder)
    assert got["spans_first"] == 1 and got["spans_second"] == 0 and got["documents_alike"] == 1
    (folder / "training-second-pass.tsv").write_text("doc\tstart\tend\ttechnique\naeb:a1\t4\t17\tLoaded_Language\n", encoding="utf-8")
    got = script.training_agreement(data, folder)
    assert got["span_overlap_f1"] == 1.0 and got["documents_alike"] == 2 and got["matched_same_technique"] == 1.0
    monkeypatch.setattr(script, "TRAINING_SAMPLE", 1)
    with pytest.raises(SystemExit, match="outside the first 1"):
        script.training_agreement(data, folder)


@pytest.mark.slow
def test_furniture_lines_get_no_framing_span():
    from newsprism import pipeline

    text = ("Evil thugs\n"
            "The corrupt, treacherous regime butchered innocent children, the brutal and evil tyrants said.\n")
    nlp = pipeline.load(components=["newsprism_actors", "newsprism_quotes", "newsprism_framing"],
                        config={"newsprism_framing": {"tagger": "crf"}})
    from newsprism.framing.component import candidate_spans

    doc = nlp(text)
    cands, _ = candidate_spans(nlp.get_pipe("newsprism_framing").model, doc)
    assert cands and all(s > text.index("\n") for s, _, _, _ in cands)
    assert all(f.start > text.index("\n") for f in doc._.framing)


@pytest.mark.slow
def test_ordinary_evaluation_reports_the_reporting_half(tmp_path):
    from newsprism.framing.evaluation import evaluate_ordinary

    folder, data = fake_set(tmp_path, "aeb:a1\t4\t17\tLoaded_Language\n")
    got = evaluate_ordinary(folder, data, tagger="crf")
    assert got["split"].startswith("reporting half (1 documents")
    for when in ("before", "shown"):
        assert got[when]["documents"] == 1 and got[when]["shown"] >= 0
    assert got["shown"]["shown"] <= got["before"]["shown"]


def test_a_span_is_shown_when_its_peak_and_its_article_prior_reach_the_rule():
    from newsprism.framing.model import Decoding

    st = Decoding(weight=0.5, shown_min=0.6, doc_min=0.05)
    assert st.mix(0.2, 1.0) == pytest.approx(0.6)  # what both taggers make of a token, as the decoder reads it
    assert st.shows(0.6, 0.05) and st.shows(1.0, 0.2)
    assert not st.shows(0.59, 0.5)  # a weak span in a propaganda-like article
    assert not st.shows(0.99, 0.04)  # a strong span in an article the taggers find plain


def test_the_rule_is_the_prior_whose_threshold_meets_the_target_showing_most():
    from newsprism.framing.training import choose_rule

    n = SHOWN_MIN_COUNT
    tables = {0.0: {0.5: row(0.3, 40), 0.8: row(0.5, n + 2)},  # never meets the target
              0.03: {0.5: row(0.4, 30), 0.8: row(SHOWN_TARGET, n + 4)},
              0.05: {0.5: row(0.7, n + 1), 0.8: row(0.9, n)}}
    assert choose_rule(tables) == (0.03, 0.8)  # n + 4 shown beat n + 1
    del tables[0.03]
    assert choose_rule(tables) == (0.05, 0.5)
    assert choose_rule({0.0: tables[0.0]}) == (0.0, 0.8)  # none meets it: the best precision


@pytest.mark.slow
@pytest.mark.parametrize("tagger", ["minilm", "crf"])
def test_the_seed_keeps_its_must_find_spans_in_the_right_voices(tagger):
    """The seed (a propaganda article: its prior passes the ordinary-news rule) with the components framing reads:
    every phrase the seed's gold must find, "martyring" (the verb its death toll hangs from) in the author's voice
    and each span inside Khamenei's quotes his."""
    from conftest import SEED
    from newsprism import pipeline

    if not SEED.exists():
        pytest.skip(f"seed article {SEED} missing")
    nlp = pipeline.load(components=["newsprism_actors", "newsprism_quotes", "newsprism_events", "newsprism_framing"],
                        config={"newsprism_framing": {"tagger": tagger}})
    text = SEED.read_text(encoding="utf-8")
    found = nlp(text)._.framing
    gold = json.loads(SEED.with_suffix(".gold.json").read_text(encoding="utf-8"))["framing_must_find"]
    for g in gold:
        s = text.index(g["text"])
        assert any(f.start < s + len(g["text"]) and s < f.end for f in found), g["text"]
    martyring = [f for f in found if f.text == "martyring"]
    assert martyring and martyring[0].voice.kind == "author" and martyring[0].technique == "Loaded_Language"
    quoted = [f for f in found if "deceitful" in f.text or "global arrogance" in f.text]
    assert quoted and all(f.voice.kind == "quote" and f.voice.speaker_name == "Khamenei" for f in quoted)


def test_furniture_inside_a_line_of_prose_never_reaches_framing():
    text = ("The referee waved play on, and the crowd booed the brutal foul for a full minute. (RELATED: Forget "
            "ISIS, Flopping Is Threatening To Destroy America)\n"
            "Dec 27, 2014; Louisville, KY, USA; the forward posts up against the guard. Mandatory Credit: Jamie "
            "Rhodes-USA TODAY Sports\n"
            "Share this story on Facebook and Twitter with your friends.\n"
            "The fans called it a disgrace.")
    assert not prose(text, text.index("Destroy"), text.index("Destroy") + 7)  # a link to another story
    assert prose(text, text.index("brutal foul"), text.index("brutal foul") + 11)  # the paragraph itself
    assert not prose(text, text.index("forward posts"), text.index("forward posts") + 13)  # a photo's caption
    assert not prose(text, text.index("Facebook"), text.index("Facebook") + 8)  # a share line of eight words
    assert prose(text, text.index("disgrace"), text.index("disgrace") + 8)
    heading = "Seven questions ahead of the debate.\nWILL THEY BASH THE BILLIONAIRES?\nNever before has wealth been attacked."
    assert not prose(heading, heading.index("BASH"), heading.index("BASH") + 4)  # a section heading in capitals
    assert prose(heading, heading.index("wealth"), heading.index("wealth") + 6)
    assert prose("The UN said NATO and the EU met.", 4, 6)  # capitals inside a line of prose


def test_a_tagger_span_needs_the_rules_words_and_an_added_span_passed_its_own_bar():
    from newsprism.framing.model import Decoding

    st = Decoding(shown_min=0.6, doc_min=0.05, min_words=3)
    assert st.shows(0.7, 0.1, words=3) and not st.shows(0.7, 0.1, words=2)  # "violence" alone is not shown
    assert st.shows(1.0, 0.1, words=1)  # an actor's label or an event's verb ("martyring"), peak 1
    assert not st.shows(1.0, 0.04, words=1)  # ... still only in an article whose prior reaches doc_min
    assert Decoding(shown_min=0.6).shows(0.7, 0.0)  # min_words 1: the rule of peak and prior alone


def cue(start: int, words: int, peak: float) -> tuple:
    return (start, start + 5 * words, 0.5, peak, words)


def test_rule_tables_count_each_rule_and_choose_rule_returns_prior_words_and_threshold():
    from newsprism.framing.model import Decoding
    from newsprism.framing.training import choose_rule, rule_tables

    # twelve long spans right, twelve single words wrong, all of peak 0.7, in articles of prior 0.06
    cands = [(cue(0, 4, 0.7), 0.06, True)] * 12 + [(cue(0, 1, 0.7), 0.06, False)] * 12
    tables = rule_tables(cands, Decoding(), combos=(1, 2))
    assert tables[(0.06, 1)][0.7] == {"shown": 24, "right": 12, "precision": 0.5}
    assert tables[(0.06, 2)][0.7] == {"shown": 12, "right": 12, "precision": 1.0}
    assert tables[(0.07, 1)][0.0]["shown"] == 0
    assert choose_rule(tables) == (0.0, 2, 0.0)  # the words rule meets the target; lowest prior and threshold
    assert choose_rule(rule_tables(cands, Decoding(), combos=(1,)))[1] == 1


def test_the_family_chosen_is_the_one_cross_validation_finds_right_most_often():
    from newsprism.framing.model import Decoding
    from newsprism.framing.training import FAMILIES, choose_family, cross_validated

    ids = [f"aeb:{k:02d}" for k in range(12)]
    texts = {d: "word " * 200 for d in ids}
    gold = {d: [(0, 20, "Loaded_Language")] for d in ids}
    oset = ordinary.OrdinarySet(texts, gold)
    # per article: a long span over the gold one and two single words elsewhere, all equally peaked
    found = {d: ([cue(0, 4, 0.8), cue(100, 1, 0.8), cue(200, 1, 0.8)], 0.06) for d in ids}
    cv = {fam: cross_validated(oset, ids, found, Decoding(), 0, combos) for fam, combos in FAMILIES.items()}
    assert cv["peak, prior"]["precision"] == pytest.approx(1 / 3, abs=0.01)
    assert cv["peak, prior, words"]["precision"] == 1.0
    assert choose_family(cv) == "peak, prior, words"
    assert choose_family({fam: {"precision": 0.4} for fam in FAMILIES}) == "peak, prior"  # ties: the simpler
    assert choose_family({fam: {"precision": None} for fam in FAMILIES}) == "peak, prior"


def test_the_shipped_rule_is_the_one_its_record_chose():
    from newsprism.framing.model import MODEL_DIR
    from newsprism.framing.training import FAMILIES, RULE_FAMILIES, VERIFIED_TAGGERS

    record = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    decoding = json.loads((MODEL_DIR / "lexicon.json").read_text(encoding="utf-8"))["decoding"]
    for name, dec in decoding.items():
        got = record["ordinary"][name]
        assert (dec["doc_min"], dec["shown_min"], dec.get("min_words", 1), dec.get("verifier", False)) == (
            got["doc_min"], got["shown_min"], got["min_words"], got["verifier"])
        cv = got["tuning_cross_validated_by_family"]
        assert set(cv) == set(RULE_FAMILIES if name in VERIFIED_TAGGERS else FAMILIES) and got["family"] in cv
        assert cv[got["family"]]["precision"] == max(v["precision"] for v in cv.values())
        assert got["min_words"] in RULE_FAMILIES[got["family"]]
        tuned = got["tuning (chosen on this split)"]["shown"]
        assert got["target_met_on_tuning"] == (tuned["shown"] >= SHOWN_MIN_COUNT and tuned["precision"] >= SHOWN_TARGET)
