"""The encoder's reading of attribution roles: P(B-/I- Source, Cue, Content or O) for each token, from the
shared encoder's pass over the article (`newsprism.encoder`, the MiniLM the framing, tone and events heads read),
for the attribution tagger to stack.

The CRF sees a token, its neighbours two either side and its parse; the encoder's states have read the whole
window of lines around it. A small head, a logistic regression over each token's state (the mean of its
wordpieces' last-layer states, `newsprism.encoder.run.token_states`), gives each token's role probabilities,
and the tagger takes them as features (`newsprism.quotes.model.features`). In training the head's outputs on
the articles the CRF is fitted on come from heads fitted on the other folds (`cross_fit`), so the CRF learns how
far to trust the head on articles it did not see. At run time it reads the pass the pipeline already made
(`doc._.encoding`): never a second one. scikit-learn fits it; numpy runs it.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

LABELS = ("O", "B-Source", "I-Source", "B-Cue", "I-Cue", "B-Content", "I-Content")
HEAD_C = 0.1  # the logistic regression's inverse L2 weight (fixed, not tuned)
MAX_ITER = 300
FOLDS = 5  # cross-fitting folds of the articles the CRF is fitted on
MAX_ROWS = 250_000  # tokens a head is fitted on at most (a seeded sample beyond: the fit's time and memory)


class RoleHead:
    """Standardise a token's state, then a softmax over LABELS: what `fit` learnt, in numpy."""

    def __init__(self, mean: np.ndarray, scale: np.ndarray, coef: np.ndarray, intercept: np.ndarray) -> None:
        self.mean, self.scale = mean.astype(np.float32), scale.astype(np.float32)
        self.coef, self.intercept = coef.astype(np.float32), intercept.astype(np.float32)

    def probs(self, states: np.ndarray) -> np.ndarray:
        """(tokens, len(LABELS)) probabilities for (tokens, 384) states."""
        z = ((states.astype(np.float32) - self.mean) / self.scale) @ self.coef.T + self.intercept
        z -= z.max(1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(1, keepdims=True)

    def save(self, path: Path) -> None:
        np.savez(path, mean=self.mean, scale=self.scale, coef=self.coef, intercept=self.intercept,
                 labels=np.array(LABELS))

    @classmethod
    def load(cls, path: Path) -> "RoleHead":
        with np.load(path) as f:
            if tuple(f["labels"].tolist()) != LABELS:
                raise ValueError(f"{path} was trained for labels {f['labels'].tolist()}, not {list(LABELS)}")
            return cls(f["mean"], f["scale"], f["coef"], f["intercept"])


def doc_states(doc: Doc, encoding) -> np.ndarray:
    """(tokens, 384) float32: each token's state from the encoder's pass `encoding` over `doc`'s text."""
    from newsprism.encoder.run import token_states

    starts = np.fromiter((t.idx for t in doc), dtype=np.int64, count=len(doc))
    ends = np.fromiter((t.idx + len(t.text) for t in doc), dtype=np.int64, count=len(doc))
    return token_states(encoding, starts, ends)


def doc_probs(doc: Doc, head: RoleHead) -> np.ndarray:
    """The head's role probabilities for each token of `doc`, from the Doc's one encoder pass
    (`doc._.encoding`, made here where no other head made it yet) and its token states, which the framing span
    head reads too (`newsprism.encoder.doc.token_states_of`)."""
    from newsprism.encoder.doc import token_states_of
    from newsprism.encoder.run import shared_encoder

    return head.probs(token_states_of(doc, shared_encoder()))


def fit(states: list[np.ndarray], tags: list[list[str]], seed: int = 0) -> RoleHead:
    """A head fitted on the tokens of some articles (`states` and BIO `tags` per article; whitespace tokens
    and tokens without a wordpiece left out), at most MAX_ROWS of them, sampled with `seed`."""
    from sklearn.linear_model import LogisticRegression

    x = np.concatenate(states).astype(np.float32)
    y = np.array([LABELS.index(t) for seq in tags for t in seq])
    keep = np.flatnonzero(np.abs(x).sum(1) > 0)
    if len(keep) > MAX_ROWS:
        keep = np.sort(np.random.default_rng(seed).choice(keep, MAX_ROWS, replace=False))
    x, y = x[keep], y[keep]
    mean, scale = x.mean(0), x.std(0) + 1e-6
    lr = LogisticRegression(C=HEAD_C, max_iter=MAX_ITER, random_state=seed)
    lr.fit((x - mean) / scale, y)
    coef = np.zeros((len(LABELS), x.shape[1]), dtype=np.float32)
    intercept = np.full(len(LABELS), -30.0, dtype=np.float32)  # a label never seen: never predicted
    if len(lr.classes_) == 2:  # one row of weights, for the second class against the first
        intercept[lr.classes_[0]] = 0.0
        coef[lr.classes_[1]], intercept[lr.classes_[1]] = lr.coef_[0], lr.intercept_[0]
    else:
        coef[lr.classes_], intercept[lr.classes_] = lr.coef_, lr.intercept_
    return RoleHead(mean, scale, coef, intercept)


def cross_fit(states: list[np.ndarray], tags: list[list[str]], seed: int = 0,
              folds: int = FOLDS) -> list[np.ndarray]:
    """Out-of-fold role probabilities for each article: the articles are dealt into `folds` seeded folds, and
    each fold's probabilities come from a head fitted on the other folds."""
    if len(states) < 2:
        raise ValueError("cross-fitting the encoder head needs at least two articles")
    folds = min(folds, len(states))
    order = list(range(len(states)))
    random.Random(seed).shuffle(order)
    out: list[np.ndarray] = [np.zeros((0, len(LABELS)))] * len(states)
    for k in range(folds):
        held = order[k::folds]
        rest = sorted(set(order) - set(held))
        head = fit([states[i] for i in rest], [tags[i] for i in rest], seed)
        for i in held:
            out[i] = head.probs(states[i])
    return out
