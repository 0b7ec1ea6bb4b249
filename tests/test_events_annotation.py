"""The hand-annotated event sentences: document ids of the second set (aeb, html, PTC) read from ../shared,
their seeded train / tune / report split by document, and the units appended without moving existing ids."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from newsprism.events import annotation

SHARED = annotation.SHARED
needs_shared = pytest.mark.skipif(not (SHARED / "data/aeb/ground-truth.json").exists(),
                                  reason=f"{SHARED}/data/aeb is absent: the shared research data is not beside this clone")


def test_second_set_split_is_by_document_and_about_60_20_20():
    names = [f"aeb:{i:064x}" for i in range(3000)]
    parts = Counter(annotation.split_of_new(n) for n in names)
    assert set(parts) == {"train", "tune", "report"}
    assert 0.55 < parts["train"] / 3000 < 0.65 and 0.15 < parts["tune"] / 3000 < 0.25
    assert all(annotation.split_of_new(n) == annotation.split_of_new(n) for n in names[:50])


def test_unknown_document_kind_is_refused():
    with pytest.raises(KeyError):
        annotation.document_text("nyt:123", SHARED)


def _fake_shared(root: Path) -> Path:
    (root / "data/aeb").mkdir(parents=True)
    (root / "data/html/text").mkdir(parents=True)
    (root / "data/ptc/train/articles").mkdir(parents=True)
    english = "Police arrested two men on Tuesday. The council met in the evening and agreed on the budget."
    russian = "Средняя суточная калорийность составляет много. Эта диета пришла к нам из Америки давно."
    (root / "data/aeb/ground-truth.json").write_text(json.dumps(
        {"b" * 64: {"articleBody": english, "url": "u"}, "a" * 64: {"articleBody": russian, "url": "v"}}))
    (root / "data/html/text/paper1.txt").write_text("The mayor criticised the plan. Residents protested outside.")
    (root / "data/ptc/train/articles/article12.txt").write_text("Officials denied the claim. Nobody was hurt.")
    return root


def test_document_text_reads_each_new_kind(tmp_path):
    shared = _fake_shared(tmp_path)
    assert annotation.document_text("aeb:" + "b" * 64, shared).startswith("Police arrested")
    assert annotation.document_text("html:paper1", shared).startswith("The mayor")
    assert annotation.document_text("ptc:12", shared).startswith("Officials denied")
    assert annotation.new_documents(shared) == ["aeb:" + "b" * 64, "html:paper1", "ptc:12"]  # Russian left out


@pytest.mark.slow
def test_extend_appends_units_after_the_last_id_once(tmp_path):
    shared = _fake_shared(tmp_path / "shared")
    folder = tmp_path / "ann"
    folder.mkdir()
    (folder / "sentences.tsv").write_text("sid\tdoc\tstart\tend\tsplit\n0\tvoa:1\t0\t10\ttrain\n4\tvoa:1\t11\t20\tdev\n")
    added = annotation.extend_sentences(folder, shared)
    units = annotation.sentences(folder)
    assert added == len(units) - 2 >= 6 and min(u.sid for u in units.values() if u.doc != "voa:1") == 5
    for u in units.values():
        if u.doc != "voa:1":
            assert u.split == annotation.split_of_new(u.doc)
            assert annotation.document_text(u.doc, shared)[u.start:u.end].strip()
    assert annotation.extend_sentences(folder, shared) == 0


@needs_shared
def test_committed_second_set_units_match_the_shared_texts():
    units = [u for u in annotation.sentences().values() if u.doc.split(":")[0] in ("aeb", "html", "ptc")]
    docs = {u.doc for u in units}
    assert docs == set(annotation.new_documents(SHARED))
    for u in units:
        assert u.split == annotation.split_of_new(u.doc)
        text = annotation.document_text(u.doc, SHARED)
        assert 0 <= u.start < u.end <= len(text) and text[u.start:u.end].strip()
    labelled = annotation.labels()
    for sid in set(labelled) & {u.sid for u in units}:
        assert labelled[sid].label in annotation.LABELS


def _write_units(folder: Path, docs: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sentences.tsv").write_text("sid\tdoc\tstart\tend\tsplit\n"
                                          + "".join(f"{i}\t{d}\t0\t1\ttrain\n" for i, d in enumerate(docs)))


def _write_labels(path: Path, rows: list[tuple[int, str]], annotator: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("sid\tlabel\tsource\ttarget\tannotator\n"
                    + "".join(f"{sid}\t{label}\t\t\t{annotator}\n" for sid, label in rows))


def test_agreement_per_second_pass_file_with_kappa_on_detection_and_type(tmp_path):
    first = [(0, "NONE"), (1, "NONE"), (2, "COERCE"), (3, "DISAPPROVE"), (4, "NONE"), (5, "ASSAULT")]
    second = [(0, "NONE"), (1, "DEMAND"), (2, "COERCE"), (3, "REJECT"), (4, "NONE"), (5, "ASSAULT")]
    _write_labels(tmp_path / "labels-D.tsv", first, "D")
    _write_labels(tmp_path / "second-pass" / "labels-E.tsv", second, "E")
    _write_labels(tmp_path / "second-pass" / "labels-L.tsv", [(9, "NONE")], "L")  # another pass, other sentences
    _write_units(tmp_path, ["aeb:x"] * 3 + ["ptc:1"] * 3 + ["voa:2"] * 4)
    got = annotation.agreement(tmp_path, "labels-E.tsv")
    assert got["sentences"] == 6 and got["events_both"] == 3
    assert got["events_first"] == 3 and got["events_second"] == 4
    # per corpus: aeb (0-2) differs on sentence 1 only, ptc (3-5) on the type of sentence 3
    assert got["by_corpus"]["aeb"]["detection_agreement"] == pytest.approx(2 / 3, abs=1e-4)
    assert got["by_corpus"]["ptc"]["detection_agreement"] == 1.0
    assert got["by_corpus"]["ptc"]["type_agreement"] == pytest.approx(1 / 2, abs=1e-4)
    assert got["detection_agreement"] == pytest.approx(5 / 6, abs=1e-4)
    # event/NONE: first 3/6 events, second 4/6: chance = .5*(4/6) + .5*(2/6) = .5
    assert got["detection_kappa"] == pytest.approx((5 / 6 - 0.5) / 0.5, abs=1e-4)
    assert got["type_agreement"] == pytest.approx(2 / 3, abs=1e-4)
    assert annotation.agreement(tmp_path, "labels-L.tsv") == {"sentences": 0}  # judged none of the same


def test_second_pass_sample_is_seeded_and_drawn_from_the_annotators_sentences(tmp_path):
    _write_labels(tmp_path / "labels-D.tsv", [(i, "NONE") for i in range(100, 200)], "D")
    _write_labels(tmp_path / "labels-A.tsv", [(i, "NONE") for i in range(0, 100)], "A")
    one = annotation.second_pass_sample("D", 30, folder=tmp_path)
    assert one == annotation.second_pass_sample("D", 30, folder=tmp_path) == sorted(one)
    assert len(set(one)) == 30 and all(100 <= s < 200 for s in one)
    assert one != annotation.second_pass_sample("D", 30, seed=5, folder=tmp_path)


def test_counts_by_corpus_split_and_label(tmp_path):
    (tmp_path / "sentences.tsv").write_text("sid\tdoc\tstart\tend\tsplit\n0\taeb:x\t0\t5\ttrain\n1\taeb:x\t6\t9\ttrain\n"
                                            "2\tptc:7\t0\t4\treport\n3\tptc:8\t0\t4\ttune\n")
    _write_labels(tmp_path / "labels-D.tsv", [(0, "NONE"), (1, "COERCE"), (2, "NONE")], "D")
    got = annotation.counts("D", tmp_path)
    assert got["sentences"] == 3 and got["documents"] == 2
    assert got["by_corpus_and_split"] == {"aeb": {"train": 2}, "ptc": {"report": 1}}
    assert got["labels_by_corpus"] == {"aeb": {"NONE": 1, "COERCE": 1}, "ptc": {"NONE": 1}}


def test_second_pass_sample_by_source_takes_an_equal_share_of_each_corpus(tmp_path):
    # 200 aeb, 40 html, 10 ptc units judged by D; A's units (voa) never drawn
    _write_units(tmp_path, ["aeb:x"] * 200 + ["html:y"] * 40 + ["ptc:1"] * 10 + ["voa:2"] * 50)
    _write_labels(tmp_path / "labels-D.tsv", [(i, "NONE") for i in range(250)], "D")
    _write_labels(tmp_path / "labels-A.tsv", [(i, "NONE") for i in range(250, 300)], "A")
    got = annotation.second_pass_sample("D", 61, folder=tmp_path, by_source=True)
    assert got == annotation.second_pass_sample("D", 61, folder=tmp_path, by_source=True) == sorted(got)
    per = Counter("aeb" if s < 200 else "html" if s < 240 else "ptc" for s in got)
    assert per == {"aeb": 21, "html": 20, "ptc": 10}  # ptc gives all it has; aeb takes the remainder
    assert got != annotation.second_pass_sample("D", 61, seed=5, folder=tmp_path, by_source=True)


def test_disagreements_list_only_sentences_both_passes_labelled_differently(tmp_path):
    _write_units(tmp_path, ["aeb:x"] * 6)
    _write_labels(tmp_path / "labels-D.tsv", [(0, "NONE"), (1, "COERCE"), (2, "NONE"), (3, "DEMAND")], "D")
    _write_labels(tmp_path / "second-pass" / "labels-F.tsv", [(0, "NONE"), (1, "ASSAULT"), (2, "DEMAND"), (5, "AID")], "F")
    assert annotation.disagreements("labels-F.tsv", tmp_path) == [(1, "aeb:x", "COERCE", "ASSAULT"),
                                                                  (2, "aeb:x", "NONE", "DEMAND")]


def test_cli_help_and_unknown_command(capsys):
    annotation.main(["--help"])
    assert "disagreements" in capsys.readouterr().out
    with pytest.raises(SystemExit, match="unknown command"):
        annotation.main(["nonsense"])



def test_context_names_a_missing_ids_file(monkeypatch):
    """A missing ids file is named, here or under annotations/events/, without a traceback."""
    monkeypatch.chdir(annotation.ROOT)
    with pytest.raises(SystemExit, match="no ids file second-pass/nope.txt"):
        annotation.main(["context", "second-pass/nope.txt", "0", "1"])


@needs_shared
def test_context_reads_the_ids_file_under_the_annotations_folder_as_the_docstring_writes_it(capsys, monkeypatch):
    """`context second-pass/sample-D.txt ...` works from the repository root, not only from annotations/events/."""
    monkeypatch.chdir(annotation.ROOT)
    annotation.main(["context", "second-pass/sample-D.txt", "0", "1"])
    first = (annotation.ANNOTATIONS / "second-pass/sample-D.txt").read_text().split()[0]
    assert f"=== {first} " in capsys.readouterr().out


def test_event_fields_runs_the_detector_it_is_told(monkeypatch):
    """`newsprism eval events --detector linear` measures places and actors with the linear detector's events,
    not the default's: the pipeline is loaded with the detector named (and with no setting when none is)."""
    from types import SimpleNamespace

    from newsprism import pipeline
    from newsprism.events import evaluation

    monkeypatch.setattr(annotation, "sentences", lambda folder: {0: annotation.Sentence(0, "x:1", 0, 4, "tune")})
    monkeypatch.setattr(annotation, "labels", lambda folder: {0: annotation.Label(0, "NONE", None, None, "A")})
    monkeypatch.setattr(annotation, "document_text", lambda name, shared: "Text")
    loaded = []

    def load(components, config=None):
        loaded.append(config)
        return SimpleNamespace(pipe=lambda texts, batch_size: [SimpleNamespace(_=SimpleNamespace(events=[])) for _ in texts])

    monkeypatch.setattr(pipeline, "load", load)
    assert evaluation.event_fields(Path("."), Path("."), "tune", "linear")["documents"] == 1
    evaluation.event_fields(Path("."), Path("."), "tune")
    assert loaded == [{"newsprism_events": {"detector": "linear"}}, {}]


def test_event_fields_score_an_events_source_and_target_against_the_annotated_words(monkeypatch):
    """A found event in an annotated event sentence has its source right when its mention overlaps the annotated
    source words, its target right when both are empty; an event in a NONE sentence is not scored."""
    from types import SimpleNamespace

    from newsprism import pipeline
    from newsprism.events import evaluation
    from newsprism.schema import Actor, Span

    text = "Police arrested two men. The weather was fine."
    monkeypatch.setattr(annotation, "sentences", lambda folder: {0: annotation.Sentence(0, "x:1", 0, 24, "tune"),
                                                                 1: annotation.Sentence(1, "x:1", 25, 46, "tune")})
    monkeypatch.setattr(annotation, "labels", lambda folder: {0: annotation.Label(0, "COERCE", (0, 6), None, "A"),
                                                              1: annotation.Label(1, "NONE", None, None, "A")})
    monkeypatch.setattr(annotation, "document_text", lambda name, shared: text)
    events = [SimpleNamespace(evidence=Span(start=0, end=24, text=text[:24]), location=None,
                              source=Actor(text="Police", start=0, end=6), target=Actor(text="two men", start=16, end=23)),
              SimpleNamespace(evidence=Span(start=25, end=46, text=text[25:]), location=None, source=None, target=None)]
    monkeypatch.setattr(pipeline, "load", lambda components, config=None: SimpleNamespace(
        pipe=lambda texts, batch_size: [SimpleNamespace(_=SimpleNamespace(events=events)) for _ in texts]))
    fields = evaluation.event_fields(Path("."), Path("."), "tune")
    assert fields["places"] == {"events": 2, "with_place": 0.0, "with_coordinates": 0.0}
    assert fields["actors"]["source"] == {"events_scored": 1, "right": 1.0, "given_where_annotated": 1.0}
    assert fields["actors"]["target"] == {"events_scored": 1, "right": 0.0, "given_where_annotated": 0.0}
