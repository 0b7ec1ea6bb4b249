"""Compares decision heads of the encoder event detector on the tuning part, from a cache of what the
training reads, so each try costs seconds to minutes instead of a parse and an encoder pass (~6 minutes).

    .venv/bin/python scripts/events_heads.py cache [--shared ../shared] [--out build/events_cache.joblib]
    .venv/bin/python scripts/events_heads.py compare [--cache build/events_cache.joblib] [--tries mlp,bag,boost,genre]

`cache` parses the annotated train and tune parts and the GSR and CASE 2021 snippets as
`newsprism.events.training` does, and keeps their encoder vectors (every pooling of `encoded.POOLS`) and
linear features; the report part is never kept (the first set's `dev` documents are parsed, as their tune half
lives there, and the report half dropped). `compare` fits the linear detector
as the training does (DETECTOR_GRID chosen on tune, out-of-fold scores stacked), then the logistic head of the
training's chosen pools and C, and prints one JSON line per try: its (average precision, precision at recall
>= 0.5) on tune with the linear mix of each of ENCODER_MIXES, alone and with its logit averaged with the
logistic head's. Tries: `mlp` one perceptron per hidden width and penalty; `bag` five seeds averaged;
`boost` gradient-boosted trees over the vector, the linear logit and the cue columns; `genre` the first
set's (VOA, PolNeAR) train sentences weighted 0.5 and 0.25 against the ordinary-news ones, logistic head.
Single-threaded (set OMP_NUM_THREADS=1); needs the `train` extra.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsprism.events import annotation, detector, encoded, training  # noqa: E402
from newsprism.events.data import ROLES, annotated_units  # noqa: E402

PARTS = ("train", "tune")  # the report part is never read here
FIRST_SET = ("voa", "polnear")  # the first set's sources (annotations/events/GUIDE.md), by document id prefix


def build_cache(shared: Path, out: Path) -> None:
    """Writes the cache: per part (train, tune) labels, document ids, linear features and encoder vectors;
    the same for the GSR and CASE 2021 snippets ('extra', with event flags and types)."""
    import joblib

    units = annotated_units(annotation.ANNOTATIONS, shared, {"train", "tune", "dev"})
    cache: dict = {}
    for role in PARTS:
        part = [u for u in units if u.role == role]
        spans = [u.sent for u in part]
        cache[role] = {"labels": [u.label for u in part], "docs": [u.doc for u in part],
                       "feats": [detector.features(u.sent, u.quoted) for u in part],
                       "vec": training.unit_vectors(spans, keep=False)}
    spans, events, types = training.extra_examples(shared)
    cache["extra"] = {"events": events, "types": types, "vec": training.unit_vectors(spans, keep=False),
                      "feats": [detector.features(s, detector.quoted_ranges(s.doc.text)) for s in spans]}
    out.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(cache, out)


def proba(model, x: np.ndarray) -> np.ndarray:
    return model.predict_proba(x)[:, list(model.classes_).index(True)]


def compare(cache_path: Path, tries: list[str], seed: int = 0) -> None:
    import joblib
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.neural_network import MLPClassifier
    from sklearn.preprocessing import StandardScaler

    c = joblib.load(cache_path)
    gold = {r: [lab != "NONE" for lab in c[r]["labels"]] for r in PARTS}
    events = gold["train"] + list(c["extra"]["events"])
    feats_fit = c["train"]["feats"] + c["extra"]["feats"]
    v_all = np.vstack([c["train"]["vec"], c["extra"]["vec"]])
    first = np.isin([d.split(":")[0] for d in c["train"]["docs"]], FIRST_SET)

    def linear(train_weight: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[float]]:
        best = None
        for st in training.DETECTOR_GRID:
            w = list(train_weight) + [st["extra_weight"]] * len(c["extra"]["feats"])
            m = detector.EventDetector(C=st["C"], seed=seed).fit_decision(feats_fit, events, w)
            tune = np.asarray(m.raw_scores(c["tune"]["feats"]))
            key = training._key(list(tune), gold["tune"])
            if best is None or key > best[0]:
                best = (key, st, w, tune)
        _, st, w, tune = best
        return np.asarray(training.cross_fitted(st, feats_fit, events, w, seed)), tune, w

    def show(name: str, head: np.ndarray, lin_tune: np.ndarray, logistic: np.ndarray | None = None) -> None:
        row = {"try": name}
        for label, p in (("alone", head), ("with logistic", None if logistic is None else
                                          encoded.averaged({"a": head, "b": logistic}, ("a", "b")))):
            if p is not None:
                row[label] = {f"mix {m}": [round(k, 4) for k in training._key(list(encoded.mixed(p, lin_tune, m)),
                                                                                gold["tune"])]
                              for m in training.ENCODER_MIXES}
        print(json.dumps(row), flush=True)

    def heads(train_weight: np.ndarray, pools=("mean", "predicate"), C: float = 0.001):
        stacked, lin_tune, w = linear(train_weight)
        scaler = StandardScaler().fit(training.pooled(v_all, pools))
        x_fit = np.hstack([scaler.transform(training.pooled(v_all, pools)), encoded.logit(stacked)[:, None]])
        x_tune = np.hstack([scaler.transform(training.pooled(c["tune"]["vec"], pools)),
                            encoded.logit(lin_tune)[:, None]])
        logistic = LogisticRegression(C=C, max_iter=encoded.MAX_ITER, random_state=seed).fit(x_fit, events, sample_weight=w)
        return x_fit, x_tune, w, lin_tune, proba(logistic, x_tune)

    warnings.filterwarnings("ignore", category=UserWarning)
    x_fit, x_tune, w, lin_tune, logistic = heads(np.ones(len(first)))
    show("logistic", logistic, lin_tune)
    if "mlp" in tries:
        for hidden in (32, 128):
            for alpha in (0.01, 0.1, 1.0, 3.0):
                m = MLPClassifier((hidden,), alpha=alpha, early_stopping=True, max_iter=300, random_state=seed)
                show(f"mlp {hidden} alpha {alpha}", proba(m.fit(x_fit, events, sample_weight=w), x_tune), lin_tune)
    if "bag" in tries:
        for hidden, alpha in ((32, 1.0), (32, 10.0), (128, 3.0), (128, 10.0)):
            bag = encoded.SeedBag(hidden=hidden, alpha=alpha, seed=seed).fit(x_fit, events, w)
            show(f"bag {hidden} alpha {alpha}", proba(bag, x_tune), lin_tune, logistic)
    if "boost" in tries:
        cues = encoded.cue_columns(feats_fit)
        b_fit = np.hstack([x_fit, cues.transform(feats_fit).toarray()])
        b_tune = np.hstack([x_tune, cues.transform(c["tune"]["feats"]).toarray()])
        for rate, leaves in ((0.05, 15), (0.1, 31)):
            m = HistGradientBoostingClassifier(random_state=seed, **{**encoded.BOOST, "learning_rate": rate,
                                                                     "max_leaf_nodes": leaves})
            show(f"boost rate {rate} leaves {leaves}", proba(m.fit(b_fit, events, sample_weight=w), b_tune), lin_tune,
                 logistic)
    if "genre" in tries:
        for weight in (0.5, 0.25):
            _, _, _, lin_w, logistic_w = heads(np.where(first, weight, 1.0))
            show(f"logistic, first set weighted {weight}", logistic_w, lin_w)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("what", choices=("cache", "compare"))
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--cache", "--out", dest="cache", type=Path, default=ROOT / "build" / "events_cache.joblib")
    ap.add_argument("--tries", default="mlp,bag,boost,genre")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if args.what == "cache":
        build_cache(args.shared.resolve(), args.cache)
    else:
        compare(args.cache, args.tries.split(","), args.seed)


if __name__ == "__main__":
    assert ROLES[:2] == PARTS
    main()
