"""Tone's figures: macro F1 over the three polarities (as the shared `score_tone.py` computes it) and accuracy,
of the tone head on NewsMTSC's development files. Training records `scores`; `newsprism eval tone`, the gate
and the records test measure the shipped head with `evaluate`."""

from __future__ import annotations

from pathlib import Path

from newsprism.tone.data import items, polarities, read_lines
from newsprism.tone.model import POLARITIES, ToneModel

DEV_SPLITS = ("dev-rw", "dev-mt")  # dev-rw is the kind of the held-out (real-world) test set


def f1_macro(gold: list[int], pred: list[int]) -> float:
    """Macro F1 over the three polarities, as `score_tone.py` computes it."""
    f1s = []
    for c in POLARITIES:
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        npred, ngold = pred.count(c), gold.count(c)
        prec, rec = (tp / npred if npred else 0.0), (tp / ngold if ngold else 0.0)
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / 3


def scores(gold: list[int], pred: list[int]) -> dict:
    """Macro F1, accuracy and size."""
    return {"f1m": round(f1_macro(gold, pred), 4),
            "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / len(gold), 4), "rows": len(gold)}


def evaluate(model: ToneModel, data: Path, splits: tuple[str, ...] = DEV_SPLITS) -> dict[str, dict]:
    """`scores` of `model` on each NewsMTSC split file (`data/{split}.jsonl`)."""
    out = {}
    for split in splits:
        rows = read_lines(Path(data) / f"{split}.jsonl")
        pred = [p for p, _ in model.classify(items(rows))]
        out[split] = scores(polarities(rows), pred)
    return out
