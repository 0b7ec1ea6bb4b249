"""Scores event-type labels the way `shared/scorers/score_events.py` does, and evaluates the shipped
classifiers on the shared dev halves: in-sample (they were trained there) and by k-fold cross-validation,
the figure that says how they do on unseen text.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from newsprism.events import classifier

BARS = {"plover": ("macro", 0.55), "case2021": ("weighted", 0.65)}


def read_labels(path: Path) -> dict[str, str]:
    """id -> label of an `id<TAB>...<TAB>label` file; a header row (id 'id') is skipped."""
    out = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0] != "id":
            out[parts[0]] = parts[-1].strip().upper()
    return out


def score(gold: dict[str, str], pred: dict[str, str]) -> dict:
    """Accuracy, macro and weighted F1 over the gold labels, and how many gold ids went unanswered."""
    labels = sorted(set(gold.values()))
    tp, fp, fn = Counter(), Counter(), Counter()
    for k, g in gold.items():
        p = pred.get(k, "")
        if p == g:
            tp[g] += 1
        else:
            fn[g] += 1
            if p:
                fp[p] += 1
    f1 = {}
    for lab in labels:
        prec = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
        rec = tp[lab] / (tp[lab] + fn[lab]) if tp[lab] + fn[lab] else 0.0
        f1[lab] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    support = Counter(gold.values())
    n = max(1, len(gold))
    return {"accuracy": round(sum(tp.values()) / n, 3),
            "macro": round(sum(f1.values()) / max(1, len(labels)), 3),
            "weighted": round(sum(f1[lab] * support[lab] for lab in labels) / n, 3),
            "unanswered": sum(1 for k in gold if k not in pred), "n": len(gold)}


def score_files(gold: Path, pred: Path) -> dict:
    """`score` of two `id<TAB>label` files, as the shared scorer reads them."""
    return score(read_labels(gold), read_labels(pred))


def evaluate(shared: Path, schemes: tuple[str, ...] = classifier.SCHEMES, folds: int = 5) -> dict:
    """Per scheme: the shipped model's in-sample score on the dev half, the k-fold cross-validated score
    of the same recipe, and the bar it is held to (metric, minimum) on the held-out half."""
    from newsprism.training.events import cross_validate, load_data

    out = {}
    for scheme in schemes:
        ids, texts, labels = load_data(Path(shared), scheme)
        docs = list(classifier.parser().pipe(texts, batch_size=64))
        pred = classifier.load(scheme).predict(docs)
        metric, minimum = BARS[scheme]
        cv = cross_validate(docs, labels, scheme, folds=folds)
        out[scheme] = {"in_sample": score(dict(zip(ids, labels)), dict(zip(ids, pred))),
                       "cross_validated": cv, "bar": {"metric": f"{metric} F1", "min": minimum},
                       "passes_bar_cv": cv["mean"] >= minimum}
    return out
