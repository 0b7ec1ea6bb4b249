"""Technique classification (TC) from the shared encoder's pass, measured against the shipped feature model.

For each gold span of the PTC train folder: the encoder's mean state over the span's wordpieces and over its
line (PTC: one sentence a line), and its length; a multinomial logistic regression (standardised features, C
chosen by 3-fold cross-validation on the training articles, grouped by article) fitted on the framing
model's training articles and scored on its development split (the record's `dev_ids`; TC was not chosen on
it), alone and averaged half and half with the feature model's probabilities. Writes the figures to the
framing model's `meta.json` under `tc_encoder` (the issue's rule: the encoder classifies techniques only
where it measures better than the feature model on a reporting split).

    .venv/bin/python scripts/framing_tc_encoder.py [--data ../shared/data/ptc/train]

About 7 minutes on two busy cores (the encoder pass over 371 articles).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler

from newsprism.encoder.run import shared_encoder
from newsprism.framing.evaluation import _docs
from newsprism.framing.model import MODEL_DIR, shipped_model
from newsprism.framing.semeval import tc_score
from newsprism.framing.training import load_ptc

C_GRID = (0.003, 0.01, 0.03, 0.1)


def span_vector(text: str, enc, start: int, end: int) -> np.ndarray:
    """Mean state of the span's wordpieces, of its line's, and two length features."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    zero = np.zeros(384, dtype=np.float32)
    span = enc.mean_state(start, end)
    line = enc.mean_state(line_start, len(text) if line_end < 0 else line_end)
    return np.concatenate([zero if span is None else span, zero if line is None else line,
                           [np.log1p(end - start) / 5, text[start:end].count(" ") / 10]])


def ranked_choice(rows: list[tuple[str, str, int, int]], probs: np.ndarray, classes: list[str]) -> list:
    """TC predictions: the k-th listing of a span gets its k-th most likely technique."""
    seen: dict[tuple, int] = {}
    out = []
    for (a, _, s, e), p in zip(rows, probs):
        k = seen.get((a, s, e), 0)
        seen[(a, s, e)] = k + 1
        out.append((a, classes[int(np.argsort(-p)[min(k, len(p) - 1)])], s, e))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data/ptc/train"))
    args = ap.parse_args()
    started = time.time()
    record = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    dev_ids = set(record["articles"]["dev_ids"])
    enc = shared_encoder()
    X: dict[str, list] = {"train": [], "dev": []}
    y: dict[str, list] = {"train": [], "dev": []}
    groups, dev_rows, dev_texts = [], [], {}
    for aid, text, _, techs in load_ptc(args.data):
        part = "dev" if aid in dev_ids else "train"
        e = enc.encode(text)
        for tech, s, t in techs:
            X[part].append(span_vector(text, e, s, t))
            y[part].append(tech)
            if part == "train":
                groups.append(aid)
            else:
                dev_rows.append((aid, tech, s, t))
        if part == "dev":
            dev_texts[aid] = text
    scaler = StandardScaler().fit(np.array(X["train"]))
    xtr, xdv, ytr = scaler.transform(np.array(X["train"])), scaler.transform(np.array(X["dev"])), np.array(y["train"])
    cv = {}
    for c in C_GRID:
        hits = 0
        for fit, held in GroupKFold(3).split(xtr, ytr, groups):
            hits += int((LogisticRegression(C=c, max_iter=2000).fit(xtr[fit], ytr[fit]).predict(xtr[held])
                         == ytr[held]).sum())
        cv[str(c)] = round(hits / len(ytr), 4)
    best_c = float(max(cv, key=cv.get))
    lr = LogisticRegression(C=best_c, max_iter=2000).fit(xtr, ytr)
    classes = list(lr.classes_)
    p_enc = lr.predict_proba(xdv)
    features = shipped_model(None, "crf")
    p_feat = np.zeros_like(p_enc)
    by_article: dict[str, list[int]] = {}
    for i, row in enumerate(dev_rows):
        by_article.setdefault(row[0], []).append(i)
    ids = list(by_article)
    for aid, doc in zip(ids, _docs(dev_texts[a] for a in ids)):
        idx = by_article[aid]
        for i, techs in zip(idx, features.techniques(doc, [(dev_rows[i][2], dev_rows[i][3]) for i in idx])):
            for tech, p in techs:
                p_feat[i, classes.index(tech)] = p
    score = {name: {k: round(v, 4) for k, v in tc_score(dev_rows, ranked_choice(dev_rows, p, classes)).items()}
             for name, p in (("encoder", p_enc), ("features", p_feat), ("average", (p_enc + p_feat) / 2))}
    record["tc_encoder"] = {
        "command": f"scripts/framing_tc_encoder.py --data {args.data}",
        "spans": {"train": len(ytr), "dev": len(dev_rows)},
        "C_by_cv_accuracy (chosen on the training articles)": cv, "C": best_c,
        "dev_TC (reporting split)": score,
        "kept": "features" if score["features"]["F1"] >= score["encoder"]["F1"] else "encoder",
        "seconds": round(time.time() - started, 1),
    }
    (MODEL_DIR / "meta.json").write_text(json.dumps(record, indent=2), encoding="utf-8")
    print(json.dumps(record["tc_encoder"], indent=1))


if __name__ == "__main__":
    main()
