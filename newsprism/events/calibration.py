"""Scores that mean what they say: an event scored 0.8 should be one about 80% of the time.

A detector's raw probability is mapped to a calibrated one by a monotone map fitted on the tuning split
(never on the reporting split): isotonic regression or Platt scaling (a logistic regression on the raw
score's logit), whichever gives the lower expected calibration error in k-fold cross-validation within the
tuning split. The isotonic map is drawn through the centres of its steps (each step's mean raw score and its
share of events) and read between them by straight lines, so it rises strictly: a step function gives
whole runs of sentences one score and throws away the detector's order among them, which costs precision
at a given recall (the steps' ties are broken by nothing that knows events). `reliability` and `ece` measure the result on any split; `table` prints it.
"""

from __future__ import annotations

import math

import numpy as np

BINS = 10  # equal-width score bins of the reliability table and the ECE
FOLDS = 5  # cross-validation folds within the tuning split when choosing the method
METHODS = ("isotonic", "platt")
FLOOR = 0.001  # calibrated scores stay this far from 0 and 1 (a `min_score` of 1.0 then keeps nothing)


def _logit(scores) -> np.ndarray:
    p = np.clip(np.asarray(scores, dtype=float), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p)).reshape(-1, 1)


def centred_knots(x: np.ndarray, fitted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(raw, calibrated) knots of a strictly rising map through the isotonic fit's steps: each run of equal
    fitted values becomes one knot at its mean raw score, with (0, 0) and (1, 1) at the ends (a step at 0
    or 1 itself moved there)."""
    order = np.argsort(x, kind="stable")
    xs, fs = x[order], fitted[order]
    starts = np.r_[0, np.flatnonzero(np.diff(fs)) + 1]
    kx = np.add.reduceat(xs, starts) / np.diff(np.r_[starts, len(xs)])
    ky = fs[starts]
    kx, ky = kx.astype(float), ky.astype(float)
    if ky[0] <= 0.0:  # a lowest step at 0: its knot moves to raw 0, so the map still rises above it
        kx[0] = 0.0
    elif kx[0] > 0.0:
        kx, ky = np.r_[0.0, kx], np.r_[0.0, ky]
    if ky[-1] >= 1.0:
        kx[-1] = 1.0
    elif kx[-1] < 1.0:
        kx, ky = np.r_[kx, 1.0], np.r_[ky, 1.0]
    return kx, ky


class Calibrator:
    """A monotone map from raw score to calibrated probability, fitted on (score, is an event) pairs."""

    def __init__(self, method: str = "isotonic") -> None:
        if method not in METHODS:
            raise ValueError(f"unknown calibration {method!r}; use one of {METHODS}")
        self.method = method
        self.model = None
        self.knots = None  # isotonic: the (raw, calibrated) knots of `centred_knots`

    def fit(self, scores: list[float], gold: list[bool]) -> "Calibrator":
        y = np.asarray(gold, dtype=int)
        if self.method == "isotonic":
            from sklearn.isotonic import IsotonicRegression

            x = np.asarray(scores, dtype=float)
            self.model = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(x, y)
            self.knots = centred_knots(x, self.model.predict(x))
        else:
            from sklearn.linear_model import LogisticRegression

            self.model = LogisticRegression(C=1e4).fit(_logit(scores), y)
        return self

    def __call__(self, scores) -> np.ndarray:
        """Calibrated probabilities of raw `scores`, kept within [FLOOR, 1 - FLOOR]: no sentence is certain."""
        s = np.asarray(scores, dtype=float)
        if not len(s):
            return s
        if self.method == "isotonic" and getattr(self, "knots", None) is not None:
            out = np.interp(s, *self.knots)
        elif self.method == "isotonic":  # a calibrator pickled before the centred knots: its steps
            out = np.asarray(self.model.predict(s), dtype=float)
        else:
            out = self.model.predict_proba(_logit(s))[:, 1]
        return np.clip(out, FLOOR, 1 - FLOOR)


def reliability(scores: list[float], gold: list[bool], bins: int = BINS) -> list[dict]:
    """One row per non-empty score bin: its range, how many scores fell in it, their mean score and the
    share of them that are events."""
    s, g = np.asarray(scores, dtype=float), np.asarray(gold, dtype=float)
    idx = np.minimum((s * bins).astype(int), bins - 1)
    rows = []
    for b in range(bins):
        sel = idx == b
        if sel.any():
            rows.append({"bin": f"{b / bins:.1f}-{(b + 1) / bins:.1f}", "n": int(sel.sum()),
                         "mean_score": round(float(s[sel].mean()), 3), "share_events": round(float(g[sel].mean()), 3)})
    return rows


def ece(scores: list[float], gold: list[bool], bins: int = BINS) -> float:
    """Expected calibration error: the mean gap between score and share of events over the bins,
    weighted by how many scores each holds."""
    n = len(scores)
    if not n:
        return 0.0
    return round(sum(r["n"] / n * abs(r["mean_score"] - r["share_events"]) for r in reliability(scores, gold, bins)), 4)


def choose(scores: list[float], gold: list[bool], folds: int = FOLDS, seed: int = 0) -> tuple[Calibrator, dict]:
    """The calibration method of lower cross-validated ECE within (scores, gold), the tuning split, refitted
    on all of it; with each method's cross-validated ECE."""
    from sklearn.model_selection import StratifiedKFold

    s, g = np.asarray(scores, dtype=float), np.asarray(gold, dtype=bool)
    k = max(2, min(folds, int(g.sum()), int((~g).sum())))
    errors = {}
    for method in METHODS:
        out = np.zeros(len(s))
        for tr, te in StratifiedKFold(k, shuffle=True, random_state=seed).split(s.reshape(-1, 1), g):
            out[te] = Calibrator(method).fit(list(s[tr]), list(g[tr]))(s[te])
        errors[method] = ece(list(out), list(g))
    best = min(METHODS, key=lambda m: (errors[m], m))
    return Calibrator(best).fit(list(s), list(g)), {"method": best, "cross_validated_ece": errors}


def table(rows: list[dict], error: float, title: str) -> str:
    """The reliability rows as a plain-text table, with the ECE below."""
    lines = [title, f"{'score bin':<10} {'n':>5} {'mean score':>11} {'share events':>13}"]
    for r in rows:
        lines.append(f"{r['bin']:<10} {r['n']:>5} {r['mean_score']:>11.3f} {r['share_events']:>13.3f}")
    lines.append(f"ECE {error:.4f}" + ("" if math.isfinite(error) else " (no scores)"))
    return "\n".join(lines)
