"""The encoder event detector: does a sentence report an event, and of which PLOVER type, read from the
shared encoder's pass over the whole article (`newsprism.encoder`, the MiniLM the framing and tone heads
read), so the decision sees the sentence's words in their context, not only cue features.

A sentence's vector is the mean of the encoder's last-layer states over its wordpieces (the pass runs over
windows of whole lines of the article, so each state has read its neighbours). Two small heads, logistic
regressions (scikit-learn, numpy at run time; no PyTorch): event or NONE over the standardised vector and,
where `stack` is set, the linear detector's logit (cross-fitted in training, so the head learns how far
to trust it); and the PLOVER type over the vector and the PLOVER snippet classifier's scores. Trained and
compared with the linear detector by `newsprism.events.training`; the score is calibrated on the tuning
split like the linear one's.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from spacy.tokens import Doc, Span

from newsprism.events import classifier, detector

MAX_ITER = 3000
DIM = 384  # the encoder's hidden size


def sentence_vectors(doc: Doc, sents: list[Span]) -> np.ndarray:
    """(len(sents), 384) float32: the mean encoder state over each sentence's wordpieces (zeros where it has
    none), from the Doc's one encoder pass (`doc._.encoding`, made here where no head made it yet)."""
    from newsprism.encoder.doc import encoding_of
    from newsprism.encoder.run import shared_encoder

    enc = encoding_of(doc, shared_encoder())
    out = np.zeros((len(sents), DIM), dtype=np.float32)
    for i, s in enumerate(sents):
        v = enc.mean_state(s.start_char, s.end_char)
        if v is not None:
            out[i] = v
    return out


def logit(p) -> np.ndarray:
    """log(p / (1 - p)), clipped away from 0 and 1."""
    q = np.clip(np.asarray(p, dtype=float), 1e-4, 1 - 1e-4)
    return np.log(q / (1 - q))


def snippet_scores(spans: list[Span], snippet_model) -> np.ndarray:
    """The PLOVER snippet classifier's score for each type, one row per span."""
    if not spans:
        return np.zeros((0, len(snippet_model.svm.classes_)))
    return np.atleast_2d(snippet_model.svm.decision_function(snippet_model._matrix(spans, fit=False)))


class EncoderEventDetector:
    """Sentence vectors (and the linear detector's logit) -> P(event); vectors and snippet scores -> type."""

    kind = "encoder"
    calibrator = None

    def __init__(self, C: float = 0.1, type_C: float = 0.3, stack: bool = True,
                 threshold: float = detector.DEFAULT_THRESHOLD, seed: int = 0) -> None:
        self.scaler = StandardScaler()
        self.model = LogisticRegression(C=C, max_iter=MAX_ITER, random_state=seed)
        self.typer = LogisticRegression(C=type_C, max_iter=MAX_ITER, random_state=seed)
        self.stack = stack
        self.threshold = threshold
        self.linear = None  # the linear detector whose logit is stacked (not stored: loaded beside this one)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["linear"] = None
        return state

    def matrix(self, vectors: np.ndarray, linear_scores: list[float] | None) -> np.ndarray:
        """The decision head's input: standardised vectors, and the linear detector's logit where stacked."""
        x = self.scaler.transform(vectors)
        return np.hstack([x, logit(linear_scores).reshape(-1, 1)]) if self.stack else x

    def fit_decision(self, vectors: np.ndarray, linear_scores: list[float] | None, is_event: list[bool],
                     weights: list[float]) -> "EncoderEventDetector":
        self.scaler.fit(vectors)
        self.model.fit(self.matrix(vectors, linear_scores), is_event, sample_weight=weights)
        return self

    def fit_typer(self, vectors: np.ndarray, snippet: np.ndarray, types: list[str],
                  weights: list[float]) -> "EncoderEventDetector":
        self.typer.fit(np.hstack([self.scaler.transform(vectors), snippet]), types, sample_weight=weights)
        return self

    def raw_scores(self, vectors: np.ndarray, linear_scores: list[float] | None) -> list[float]:
        if not len(vectors):
            return []
        column = list(self.model.classes_).index(True)
        return [float(p) for p in self.model.predict_proba(self.matrix(vectors, linear_scores))[:, column]]

    def scores(self, vectors: np.ndarray, linear_scores: list[float] | None) -> list[float]:
        """P(event) per sentence: calibrated where a calibrator was fitted."""
        raw = self.raw_scores(vectors, linear_scores)
        return [float(p) for p in self.calibrator(raw)] if self.calibrator is not None and raw else raw

    def types(self, vectors: np.ndarray, snippet: np.ndarray) -> list[str]:
        if not len(vectors):
            return []
        return [str(t) for t in self.typer.predict(np.hstack([self.scaler.transform(vectors), snippet]))]

    def linear_scores(self, doc: Doc, sents: list[Span], model_dir: Path) -> list[float] | None:
        """The linear detector's raw scores of `sents`, where this head stacks them."""
        if not self.stack:
            return None
        linear = self.linear or detector.load(model_dir, "linear")
        quoted = detector.quoted_ranges(doc.text)
        feats = [detector.features(s, quoted, e) for s, e in zip(sents, detector.ents_by_sentence(doc, sents))]
        return linear.raw_scores(feats)

    def decide(self, doc: Doc, sents: list[Span], floor: float,
               model_dir: Path = detector.MODEL_DIR) -> list[tuple[float, str | None]]:
        """(score, PLOVER type) for each of `sents`, sentences of `doc`; the type only where the score
        reaches `floor` (None elsewhere)."""
        if not sents:
            return []
        vectors = sentence_vectors(doc, sents)
        scores = self.scores(vectors, self.linear_scores(doc, sents, model_dir))
        keep = [i for i, sc in enumerate(scores) if sc >= floor]
        snippet = snippet_scores([sents[i] for i in keep], classifier.load("plover", model_dir))
        kinds = self.types(vectors[keep], snippet) if keep else []
        out: list[tuple[float, str | None]] = [(sc, None) for sc in scores]
        for i, kind in zip(keep, kinds):
            out[i] = (scores[i], kind)
        return out
