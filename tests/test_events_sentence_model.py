"""The events sentence model (`newsprism.events.sentence_model`) and the encoder detector's stage over it
(`EncoderEventDetector.with_sentence_model`): which sentences it reads, how its score and types enter."""

from __future__ import annotations

import numpy as np
import pytest
import spacy

from newsprism.encoder import base
from newsprism.events import detector, encoded, sentence_model

TEXT = "Police arrested twelve protesters. The weather was mild. Rebels attacked a convoy."


class Fixed:
    """A sentence model answering fixed probabilities per sentence text, recording what it was asked."""

    classes = ["NONE", "COERCE", "FIGHT"]

    def __init__(self, rows: dict[str, list[float]]) -> None:
        self.rows, self.read = rows, []

    def probabilities(self, texts):
        self.read += texts
        return np.array([self.rows[t] for t in texts], dtype=np.float32)


@pytest.fixture
def sents():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return list(nlp(TEXT).sents)


def stage_detector(gate: float, type_weight: float) -> encoded.EncoderEventDetector:
    enc = encoded.EncoderEventDetector()
    enc.typer.classes_ = np.array(["ASSAULT", "COERCE", "FIGHT"])
    enc.sentence_stage = {"gate": gate, "type_weight": type_weight}
    enc.stage_calibrator = lambda raw: np.asarray(raw, dtype=float)  # the average itself, to read it
    return enc


def test_stage_averages_scores_from_the_gate_and_reads_no_sentence_below_it(sents, monkeypatch):
    model = Fixed({sents[0].text: [0.2, 0.7, 0.1], sents[2].text: [0.4, 0.0, 0.6]})
    monkeypatch.setattr(sentence_model, "load", lambda path: model)
    scores, probs = stage_detector(0.3, 1.0).with_sentence_model(sents, [0.6, 0.1, 0.5], detector.MODEL_DIR)
    assert model.read == [sents[0].text, sents[2].text]  # the weather sentence, below the gate, is not read
    assert scores == pytest.approx([(0.6 + 0.8) / 2, 0.1, (0.5 + 0.6) / 2])
    assert np.isnan(probs[1]).all()
    # its types over the typer's classes, NONE left out and renormalised; a class it lacks (ASSAULT) at 0
    assert probs[0] == pytest.approx([0.0, 0.875, 0.125])
    assert probs[2] == pytest.approx([0.0, 0.0, 1.0])


@pytest.mark.parametrize("weight, expected", [(0.0, ["ASSAULT", "ASSAULT"]), (1.0, ["COERCE", "ASSAULT"])])
def test_type_weight_mixes_the_sentence_models_types(weight, expected, monkeypatch):
    enc = stage_detector(0.3, weight)
    monkeypatch.setattr(enc, "type_probabilities", lambda v, s, i=None: np.array([[0.6, 0.3, 0.1], [0.6, 0.3, 0.1]]))
    sentence = np.array([[0.0, 0.9, 0.1], [np.nan] * 3])  # the second sentence was not read: the typer's type
    assert enc.types(np.zeros((2, 4)), np.zeros((2, 1)), sentence_probs=sentence) == expected


shipped = pytest.mark.skipif(not (base.available() and sentence_model.model_path(detector.MODEL_DIR).exists()),
                             reason="the encoder's run-time pieces (make setup) or the shipped sentence model are missing")


@pytest.mark.slow
@shipped
def test_shipped_sentence_model_tells_an_event_from_none_and_reads_each_sentence_alone():
    model = sentence_model.load(sentence_model.model_path(detector.MODEL_DIR))
    texts = ["Police arrested twelve protesters outside the parliament in Cairo on Monday.",
             "The weather in the capital was mild for the time of year."]
    probs = model.probabilities(texts)
    assert model.classes[0] == "NONE" and probs.shape == (2, len(model.classes))
    assert probs[0, 0] < 0.5 < probs[1, 0]
    assert model.classes[int(probs[0, 1:].argmax()) + 1] == "COERCE"
    assert np.array_equal(model.probabilities(texts[1:])[0], probs[1])  # the same answer alone as after another
