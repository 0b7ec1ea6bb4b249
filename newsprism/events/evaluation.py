"""Scores event-type labels the way `shared/scorers/score_events.py` does, and evaluates the shipped
classifiers on the shared dev halves: in-sample (they were trained there) and by k-fold cross-validation,
the figure that says how they do on unseen text.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

from newsprism.errors import EventsModelMissing
from newsprism.events import calibration, classifier, detector
from newsprism.events.classifier import SETTINGS, EventClassifier
from newsprism.events.data import SPLITS_OF_ROLE, annotated_units, load_data

BARS = {"plover": ("macro", 0.60), "case2021": ("weighted", 0.72)}  # issue 12: held-out GSR and CASE halves


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


# The figure each scheme is judged by (the shared scorers' own).
METRIC = {scheme: metric for scheme, (metric, _) in BARS.items()}


def score_files(gold: Path, pred: Path) -> dict:
    """`score` of two `id<TAB>label` files, as the shared scorer reads them."""
    return score(read_labels(gold), read_labels(pred))


def cross_validate(docs: list, labels: list[str], scheme: str, folds: int = 5, repeats: int = 3) -> dict:
    """Mean and spread of the scheme's metric over `repeats` seeded stratified k-fold splits."""
    y = np.array(labels)
    scores = []
    for seed in range(repeats):
        pred = np.empty(len(y), dtype=object)
        for tr, te in StratifiedKFold(folds, shuffle=True, random_state=seed).split(np.zeros(len(y)), y):
            clf = EventClassifier(scheme, seed=seed, **SETTINGS[scheme]).fit([docs[i] for i in tr], list(y[tr]))
            pred[te] = clf.predict([docs[i] for i in te])
        scores.append(f1_score(y, list(pred), average=METRIC[scheme]))
    return {"metric": f"{METRIC[scheme]} F1", "folds": folds, "repeats": repeats,
            "mean": round(float(np.mean(scores)), 3), "min": round(float(min(scores)), 3),
            "max": round(float(max(scores)), 3), "n": len(y)}


def evaluate(shared: Path, schemes: tuple[str, ...] = classifier.SCHEMES, folds: int = 5) -> dict:
    """Per scheme: the shipped model's in-sample score on the dev half, the k-fold cross-validated score
    of the same recipe, and the bar it is held to (metric, minimum) on the held-out half."""
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


def curve(scores: list[float], gold: list[bool]) -> list[tuple[float, float, float]]:
    """(threshold, precision, recall) of `score >= threshold` at each distinct score, highest first."""
    pairs = sorted(zip(scores, gold), key=lambda p: -p[0])
    total = sum(gold)
    out, tp, n = [], 0, 0
    for i, (score, g) in enumerate(pairs):
        tp, n = tp + g, n + 1
        if i + 1 == len(pairs) or pairs[i + 1][0] != score:
            out.append((score, tp / n, tp / total if total else 0.0))
    return out


def detection(scores: list[float], gold: list[bool], threshold: float) -> dict:
    """Sentence-level detection at `threshold`: precision, recall and F1 of `score >= threshold` against
    the gold decisions, and the best precision reached at recall >= 0.5 (with its threshold)."""
    tp = sum(1 for s, g in zip(scores, gold) if s >= threshold and g)
    n_pred, n_gold = sum(1 for s in scores if s >= threshold), sum(gold)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    best = max(((prec, th) for th, prec, rec in curve(scores, gold) if rec >= 0.5), default=(0.0, None))
    return {"threshold": threshold, "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "precision_at_recall_0.5": round(best[0], 3),
            "its_threshold": round(best[1], 4) if best[1] is not None else None,
            "sentences": len(gold), "events": n_gold}


def typed(pred: list[str], gold: list[str]) -> dict:
    """Sentence-level typed F1: a sentence counts as found when its predicted PLOVER type is the gold one
    (NONE: no event); precision over the sentences given a type, recall over those that hold one."""
    tp = sum(1 for p, g in zip(pred, gold) if p != "NONE" and p == g)
    n_pred = sum(1 for p in pred if p != "NONE")
    n_gold = sum(1 for g in gold if g != "NONE")
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    return {"precision": round(prec, 3), "recall": round(rec, 3),
            "f1": round(2 * prec * rec / (prec + rec), 3) if prec + rec else 0.0, "correct": tp}


def decided_by_document(units: list, model) -> list[tuple[list, list]]:
    """(units of one document, their (score, type) as the events component decides) per document."""
    from newsprism.events.component import decide

    by_doc: dict[int, list] = {}
    for u in units:
        by_doc.setdefault(id(u.sent.doc), []).append(u)
    return [(group, decide(group[0].sent.doc, [u.sent for u in group], 0.0, model)) for group in by_doc.values()]


def unit_scores(units: list, model) -> list[float]:
    """The model's event score of each annotated sentence, in the order of `units` grouped by document."""
    return [score for group, decided in decided_by_document(units, model) for score, _ in decided]


def evaluate_units(units: list, model) -> dict:
    """Detection by sentence at the model's threshold (and the best precision at recall >= 0.5) and typed
    F1 of annotated sentences (`data.Unit`), decided as the events component decides."""
    scores, types, gold = [], [], []
    for group, decided in decided_by_document(units, model):
        for u, (score, kind) in zip(group, decided):
            scores.append(score)
            types.append(kind if score >= model.threshold and kind else "NONE")
            gold.append(u.label)
    by_doc = {id(u.sent.doc) for u in units}
    is_event = [g != "NONE" for g in gold]
    return {"detection": detection(scores, is_event, model.threshold), "typed": typed(types, gold),
            "documents": len(by_doc), "calibration": {"ece": calibration.ece(scores, is_event),
                                                      "table": calibration.reliability(scores, is_event)}}


def evaluate_annotated(folder: Path, shared: Path, role: str = "report", kind: str | None = None) -> dict:
    """The shipped detector of `kind` (None: the default) and its typer on the annotated sentences of `role`
    (the report part unless told: nothing was chosen there) in `folder`."""
    model = detector.load(detector.MODEL_DIR, kind)
    if model is None:
        raise EventsModelMissing(f"no event detector at {detector.model_path(detector.MODEL_DIR, kind or 'linear')}; "
                                 "run `newsprism train events`")
    return {"role": role, "detector": model.kind,
            **evaluate_units([u for u in annotated_units(Path(folder), Path(shared), SPLITS_OF_ROLE[role])
                             if u.role == role], model)}


def event_fields(folder: Path, shared: Path, role: str = "tune", kind: str | None = None) -> dict:
    """What newsprism gives the events it finds (actors and events components, events by the detector `kind`,
    None: the default) in the annotated documents of `role`: how many have a place, and how many of those have
    coordinates (a town the gazetteer knows) (`places`); and, for the events found in a sentence the annotation
    holds an event in, how often their source and their target are right (`actors`: the annotated words and the
    event's actor mention overlap, or both are empty), beside how often the source or target is given when the
    annotation has one."""
    from newsprism import pipeline
    from newsprism.events import annotation
    from newsprism.events.data import role_of

    units, labels = annotation.sentences(Path(folder)), annotation.labels(Path(folder))
    gold: dict[str, list] = {}
    for sid, label in labels.items():
        if sid in units and role_of(units[sid].split, units[sid].doc) == role:
            gold.setdefault(units[sid].doc, []).append((units[sid], label))
    names = sorted(gold)
    nlp = pipeline.load(["newsprism_actors", "newsprism_events"], pipeline.settings(events_detector=kind))
    found = placed = located = 0
    right = {"source": [0, 0, 0, 0], "target": [0, 0, 0, 0]}  # right, scored, given where annotated, annotated
    for name, doc in zip(names, nlp.pipe((annotation.document_text(n, Path(shared)) for n in names), batch_size=8)):
        for ev in doc._.events:
            found += 1
            placed += ev.location is not None
            located += ev.location is not None and ev.location.lat is not None
            at = [lab for unit, lab in gold[name] if lab.label != "NONE"
                  and unit.start < ev.evidence.end and ev.evidence.start < unit.end]
            if not at:
                continue
            for role_name, want in (("source", at[0].source), ("target", at[0].target)):
                actor = getattr(ev, role_name)
                got = (actor.start, actor.end) if actor is not None and actor.start is not None else None
                tally = right[role_name]
                tally[0] += (got is None and want is None) or (got is not None and want is not None
                                                                and got[0] < want[1] and want[0] < got[1])
                tally[1] += 1
                tally[2] += want is not None and got is not None
                tally[3] += want is not None
    return {"role": role, "documents": len(names),
            "places": {"events": found, "with_place": round(placed / found, 3) if found else 0.0,
                       "with_coordinates": round(located / found, 3) if found else 0.0},
            "actors": {r: {"events_scored": t[1], "right": round(t[0] / t[1], 3) if t[1] else 0.0,
                           "given_where_annotated": round(t[2] / t[3], 3) if t[3] else 0.0}
                       for r, t in right.items()}}
