"""Trains the tone head (`newsprism.tone.model`) on NewsMTSC over the shared encoder's states.

`newsprism train tone --data ../shared/data/newsmtsc --out newsprism/models/tone`: every sentence of
`train.jsonl` goes once through the shared encoder (`newsprism.encoder.run`, as the article pass runs it);
a multinomial logistic regression over [sentence mean state, mention mean state] is fitted for each C of
C_GRID, the one with the best macro F1 on `dev-mt` kept; `dev-rw` (the kind of the held-out test set) is
only reported. Deterministic (lbfgs), so no seed. The record goes to `meta.json` and `README.md`.
"""

from __future__ import annotations

import json
import os
import platform
import time
from collections.abc import Callable
from pathlib import Path

from newsprism.tone.data import items, polarities, read_lines
from newsprism.tone.evaluation import f1_macro, scores
from newsprism.tone.model import HEAD_FILE, POLARITIES, ToneHead, ToneModel

C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0)


def train(data: Path, out: Path, log: Callable[[str], None] = print) -> dict:
    """Encodes, fits, chooses C on dev-mt, writes the head and its record; returns the record."""
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    started = time.monotonic()
    data, out = Path(data), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    model = ToneModel.__new__(ToneModel)
    model.encoder = None
    splits = {}
    for name in ("train", "dev-mt", "dev-rw"):
        rows = read_lines(data / f"{name}.jsonl")
        X = model.sentence_features(items(rows))
        splits[name] = (X, polarities(rows))
        log(f"{name}: {len(rows)} sentences encoded ({time.monotonic() - started:.0f} s)")
    X, y = splits["train"]
    mean, scale = X.mean(0), X.std(0) + 1e-6
    Z = {k: (v[0] - mean) / scale for k, v in splits.items()}
    best = None
    by_c = {}
    for c in C_GRID:
        clf = LogisticRegression(C=c, max_iter=2000)
        with threadpool_limits(1):
            clf.fit(Z["train"], y)
        pred = [int(v) for v in clf.predict(Z["dev-mt"])]
        by_c[str(c)] = f1_macro(splits["dev-mt"][1], pred)
        log(f"C={c}: dev-mt F1m {by_c[str(c)]:.4f}")
        if best is None or by_c[str(c)] > by_c[str(best[0])]:
            best = (c, clf)
    c, clf = best
    order = [list(clf.classes_).index(p) for p in POLARITIES]
    head = ToneHead(mean, scale, clf.coef_.T[:, order].copy(), clf.intercept_[order].copy())
    head.save(out / HEAD_FILE)
    dev = {}
    for name in ("dev-rw", "dev-mt"):
        Xd, yd = splits[name]
        pred = [POLARITIES[k] for k in head.probs(Xd).argmax(-1)]
        dev[name] = scores(yd, pred)
    record = {
        "command": f"newsprism train tone --data {data} --out {out}",
        "encoder": "the shared encoder (all-MiniLM-L6-v2 fine-tuned with the framing span head, int8 ONNX)",
        "features": "mean last-layer state of the sentence's wordpieces and of the mention's (768)",
        "C": c, "dev_mt_f1m_by_C": {k: round(v, 4) for k, v in by_c.items()},
        "train_rows": len(y), "dev": dev, "seconds": round(time.monotonic() - started),
        "machine": f"{platform.machine()} {os.cpu_count()} cpu, python {platform.python_version()}",
    }
    (out / "meta.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    write_readme(out, record)
    log(json.dumps(dev))
    return record


def write_readme(out: Path, record: dict) -> None:
    """A short human-readable record of the head beside it."""
    lines = ["# newsprism tone head (NewsMTSC)", "",
             "Written by `newsprism.tone.training.train`; `meta.json` holds the full record.", "",
             f"- `{HEAD_FILE}`: multinomial logistic regression (C={record['C']}, chosen on dev-mt) over "
             f"{record['features']}, read from {record['encoder']}.", "",
             f"Command: `{record['command']}` ({record['train_rows']} training sentences, {record['seconds']} s "
             f"on {record['machine']}).", "",
             "| split | F1m | accuracy | rows |", "| --- | --- | --- | --- |"]
    for name, s in record["dev"].items():
        note = " (C chosen on this split)" if name == "dev-mt" else ""
        lines.append(f"| {name}{note} | {s['f1m']:.3f} | {s['accuracy']:.3f} | {s['rows']} |")
    (out / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
