"""The span verifier for ordinary news: a binary logistic regression that scores how likely a candidate span
(one the tagger found, on a line of prose) is a propaganda span, from the technique classifier's span features
(`span_features`: words, lemmas, valence, shape) and the tagger's cues (its peak, mean probability, the
article's prior, the span's words).

The tagger's peak alone tells a loaded phrase from a plain one poorly on ordinary news (PTC's articles were
chosen for their propaganda); the verifier reads what the span says as well. It is fitted on the tagger's
candidate spans on PTC's training articles (a candidate is right when it overlaps a gold span; classes
balanced), and `newsprism train framing --ordinary` keeps it, for each tagger it is offered to
(`training.VERIFIED_TAGGERS`: the encoder path), only where its score in the peak's place in the ordinary-news
rule (`Decoding.shows`, with `Decoding.verifier` set) was right more often on the tuning half of the
ordinary-news set, cross-validated, than the peak's. Stored as plain arrays (`FILES`: feature names, weights,
bias), read with numpy alone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from newsprism.framing.features import span_features

# The verifier's file in a model folder, per tagger ("minilm": the encoder path; "crf": --fast).
FILES = {"minilm": "verifier-minilm.npz", "crf": "verifier-crf.npz"}
# Regularisation, and the fewest candidates a feature must occur in to be read (scripts/framing_verifier_check.py
# tried these; annotations/framing/verifier-check.json).
C, MIN_DF = 0.1, 3

Cue = tuple[int, int, float, float, int]  # (start, end, P(span), peak, words), as `candidate_cues` gives them


def cue_features(feats: dict[str, float], p: float, peak: float, prior: float, words: int) -> dict[str, float]:
    """A candidate's span features (`span_features`) and its cues: the tagger's peak and mean probability,
    the article's prior and the span's length in words."""
    return {**feats, "cue:peak": peak, "cue:prior": prior, "cue:p": p, "cue:logwords": float(np.log1p(words))}


def candidate_features(doc: Doc, cues: list[Cue], prior: float) -> list[dict[str, float]]:
    """`cue_features` of each candidate of `cues` in `doc` (its article's `prior`)."""
    feats = span_features(doc, [(c[0], c[1]) for c in cues]) if cues else []
    return [cue_features(f, p, peak, prior, n) for (_, _, p, peak, n), f in zip(cues, feats)]


@dataclass
class Verifier:
    """The fitted verifier: feature name -> column, one weight per column, and the bias."""

    index: dict[str, int]
    weights: np.ndarray  # (features,)
    bias: float

    def score(self, feats: dict[str, float]) -> float:
        """P(right) of one candidate's features (`cue_features`), rounded to four places."""
        z = float(self.bias)
        for name, value in feats.items():
            j = self.index.get(name)
            if j is not None:
                z += float(value) * float(self.weights[j])
        return round(1.0 / (1.0 + np.exp(-z)), 4)

    def rescored(self, cues: list[Cue], feats: list[dict[str, float]]) -> list[Cue]:
        """`cues` with the verifier's score of their features (`candidate_features`) in the peak's place; a
        span added with a peak of 1 (an actor's label or an event's verb: it passed its own bar) keeps it."""
        scores = [self.score(f) for f in feats]
        return [(s, e, p, peak if peak >= 1.0 else v, n) for (s, e, p, peak, n), v in zip(cues, scores)]

    def save(self, path: Path) -> None:
        """Writes the names, weights and bias to one .npz file."""
        names = sorted(self.index, key=self.index.get)
        np.savez_compressed(path, names=np.array(names), weights=self.weights.astype(np.float32),
                            bias=np.array([self.bias], dtype=np.float32))

    @classmethod
    def load(cls, path: Path) -> "Verifier":
        """Reads what `save` wrote."""
        with np.load(path, allow_pickle=False) as z:
            return cls({str(n): i for i, n in enumerate(z["names"])}, z["weights"].astype(np.float64),
                       float(z["bias"][0]))


def fit(rows: list[tuple[dict[str, float], bool]], seed: int = 0) -> Verifier:
    """A logistic regression (C, features seen in MIN_DF candidates or more) over (features, right) rows, the
    two classes weighted to count alike; as stored (float32), so what it scores is what the saved file scores."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    pos = sum(r for _, r in rows) / max(1, len(rows))
    weight = [0.5 / pos if r else 0.5 / (1 - pos) for _, r in rows]
    df = Counter(k for f, _ in rows for k in f)
    vec = DictVectorizer()
    X = vec.fit_transform([{k: v for k, v in f.items() if df[k] >= MIN_DF} for f, _ in rows])
    with threadpool_limits(1):  # one core: the machine is shared
        clf = LogisticRegression(C=C, max_iter=3000, random_state=seed).fit(X, [int(r) for _, r in rows],
                                                                           sample_weight=weight)
    index = {str(n): i for i, n in enumerate(vec.get_feature_names_out())}
    return Verifier(index, clf.coef_[0].astype(np.float32).astype(np.float64),
                    float(np.float32(clf.intercept_[0])))
