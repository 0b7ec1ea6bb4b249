"""Trains the event detector and the event-type classifiers, seeded, on one core.

Detector (`events/detector.py`): the train split of the hand-annotated sentences (`annotations/events/`,
NONE or a PLOVER type), with the PLOVER GSR and CASE 2021 snippets as extra positives (CASE's natural and
man-made disasters as extra negatives: no actor acts); its settings and default threshold are chosen on
the development split only. Typers: PLOVER on `data/plover/gsr-dev.json` (one sentence per record, its
`event` type) plus the annotated train positives; CASE 2021 on `data/case2021/task2-dev.tsv`
(`id, EventSnippet, SubType`), both measured by k-fold cross-validation on their shared halves.
The models land in `newsprism/models/events_*.joblib`, with `events_models.md` saying how.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from spacy.tokens import Span

from newsprism.events import annotation, classifier, detector
from newsprism.events.classifier import MODEL_DIR, SETTINGS, EventClassifier, model_path, parser
from newsprism.events.data import annotated_units, full_parser, load_data
from newsprism.events.evaluation import cross_validate, curve, detection, evaluate_units

NOT_ACTED = {"NATURAL_DISASTER", "MAN_MADE_DISASTER", "OTHER"}  # CASE 2021 types that no actor does
# The PLOVER type of a CASE 2021 snippet, where one fits, for training the typer on it.
CASE_TO_PLOVER = {
    "ARMED_CLASH": "FIGHT", "AIR_STRIKE": "FIGHT", "ART_MISS_ATTACK": "FIGHT", "GOV_REGAINS_TERIT": "FIGHT",
    "NON_STATE_ACTOR_OVERTAKES_TER": "FIGHT", "PEACE_PROTEST": "PROTEST", "VIOL_DEMONSTR": "PROTEST",
    "PROTEST_WITH_INTER": "PROTEST", "ARREST": "COERCE", "FORCE_AGAINST_PROTEST": "COERCE",
    "DISR_WEAP": "COERCE", "SUIC_BOMB": "ASSAULT", "GRENADE": "ASSAULT", "ATTACK": "ASSAULT",
    "REM_EXPLOS": "ASSAULT", "SEX_VIOL": "ASSAULT", "ABDUCT_DISSAP": "ASSAULT", "MOB_VIOL": "ASSAULT",
    "AGREEMENT": "AGREE", "DIPLO": "CONSULT", "NON_VIOL_TERRIT_TRANSFER": "RETREAT",
}
# Detector settings tried, each judged on the development split: the logistic regressions' C and the
# weight of the GSR and CASE snippets beside the annotated sentences.
DETECTOR_GRID = [{"C": c, "extra_weight": w} for c in (0.05, 0.1, 0.3) for w in (0.5, 1.0)]
# The weight of the GSR and CASE snippets for the typer: set by hand while looking at the development split's
# typed F1 (no search in the repository chooses it again; the detector's DETECTOR_GRID is searched, seeded).
TYPER_EXTRA_WEIGHT = 1.0
PRECISION_FLOOR = 0.75  # the default threshold: the lowest whose development precision reaches this


def train(shared: Path, out: Path = MODEL_DIR, schemes: tuple[str, ...] = ("plover", "case2021"),
          folds: int = 5, seed: int = 0, annotations: Path = annotation.ANNOTATIONS,
          detector_too: bool = True) -> dict:
    """Trains the event detector (see `train_detector`), then cross-validates and trains each scheme's
    snippet classifier on all of its dev half; returns the development and cross-validated figures."""
    import joblib

    out.mkdir(parents=True, exist_ok=True)
    report = {}
    for scheme in schemes:
        _, texts, labels = load_data(shared, scheme)
        docs = list(parser().pipe(texts, batch_size=64))
        report[scheme] = cross_validate(docs, labels, scheme, folds=folds)
        clf = EventClassifier(scheme, seed=seed, **SETTINGS[scheme]).fit(docs, labels)
        for vec in (clf.words, clf.chars):
            vec.stop_words_ = None  # the pruned vocabulary: only for introspection, and most of the file
        clf.svm.coef_ = clf.svm.coef_.astype(np.float32)  # halves the file; scores change below 1e-6
        joblib.dump(clf, model_path(scheme, out), compress=3)
    if detector_too:  # after the snippet classifiers: the typer reads the PLOVER one's scores
        report["detector"] = train_detector(shared, out, annotations, seed)
    write_note(out, report)
    return report


def write_note(out: Path, report: dict) -> None:
    """Writes `events_models.md`: what the models are, what they were trained on, how well they did."""
    lines = ["# Event models", "",
             "Made by `newsprism.events.training.train(shared)` (`newsprism train events`), seeded, one core.", ""]
    if "detector" in report:
        d = report["detector"]
        det, typ = d["dev"]["detection"], d["dev"]["typed"]
        lines += ["## Detector and typer (`events_detector.joblib`)", "",
                  "Two logistic regressions over the sentence features of `newsprism/events/detector.py`: event "
                  "or NONE, and the PLOVER type (with the PLOVER snippet classifier's scores as features; FIGHT "
                  "and ASSAULT then told apart by the CASE 2021 classifier, battles against one-sided violence). "
                  f"Annotation: {d['labelled']} sentences labelled, {d['labelled_events']} of them events. "
                  f"Trained on the train split ({d['train_sentences']} sentences) plus {d['extra_snippets']} GSR "
                  "and CASE 2021 snippets; settings and threshold chosen on the development split "
                  f"({det['sentences']} sentences, {det['events']} events): {d['setting']}.", "",
                  "| on the development split | precision | recall | F1 |", "| --- | --- | --- | --- |",
                  f"| detection at the default threshold {det['threshold']} | {det['precision']} | "
                  f"{det['recall']} | {det['f1']} |",
                  f"| typed (right PLOVER type) | {typ['precision']} | {typ['recall']} | {typ['f1']} |", "",
                  f"Best precision at recall >= 0.5: {det['precision_at_recall_0.5']}. The threshold was chosen "
                  "on these sentences, so read the figures as optimistic.", ""]
    lines += ["## Snippet classifiers (`events_plover.joblib`, `events_case2021.joblib`)", "",
              "Linear SVM (scikit-learn) over TF-IDF n-grams plus the cue features of `newsprism/events/cues.py`; "
              "`newsprism events classify` uses them.",
              "", "| scheme | trained on | cross-validated score |", "| --- | --- | --- |"]
    source = {"plover": "PLOVER gsr-dev.json", "case2021": "CASE 2021 task2-dev.tsv"}
    for scheme, r in report.items():
        if scheme == "detector":
            continue
        lines.append(f"| {scheme} | {source[scheme]} ({r['n']}) | {r['metric']} {r['mean']} "
                     f"({r['repeats']}x{r['folds']}-fold, {r['min']}-{r['max']}) |")
    lines += ["", "The PLOVER cue lexicon was written from the PLOVER manual and CAMEO mapping with the dev "
              "sentences in view, so cross-validation does not hide them from it: read PLOVER's figure as "
              "optimistic. The classifiers' settings (`SETTINGS` in `newsprism/events/classifier.py`) were set "
              "by hand while looking at these cross-validated scores, chosen on this data: no search in the "
              "repository chooses them again, so read both figures as optimistic.",
              "Pickles are tied to the scikit-learn version: retrain after upgrading it."]
    (out / "events_models.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def extra_examples(shared: Path) -> tuple[list[Span], list[bool], list[str]]:
    """The GSR and CASE 2021 snippets as (span, is_event, PLOVER type or '') for the detector and typer:
    each GSR sentence an event of its type; each CASE snippet an event, except natural and man-made
    disasters and OTHER, which are not done by an actor."""
    _, gsr_texts, gsr_labels = load_data(shared, "plover")
    _, case_texts, case_labels = load_data(shared, "case2021")
    docs = list(full_parser().pipe(gsr_texts + case_texts, batch_size=64))
    spans = [d[:] for d in docs]
    events = [True] * len(gsr_texts) + [lab not in NOT_ACTED for lab in case_labels]
    return spans, events, gsr_labels + [CASE_TO_PLOVER.get(lab, "") for lab in case_labels]


def choose_threshold(scores: list[float], gold: list[bool], floor: float = PRECISION_FLOOR) -> float:
    """The lowest threshold whose precision reaches `floor` at recall >= 0.5; failing that, the one of best
    precision at recall >= 0.5; failing that, the detector's default."""
    points = [(th, p) for th, p, r in curve(scores, gold) if r >= 0.5]
    reaching = [th for th, p in points if p >= floor]
    if reaching:
        return round(min(reaching), 4)
    return round(max(points, key=lambda x: x[1])[0], 4) if points else detector.DEFAULT_THRESHOLD


def train_detector(shared: Path, out: Path = MODEL_DIR, folder: Path = annotation.ANNOTATIONS,
                   seed: int = 0) -> dict:
    """Trains the event detector on the annotated train split plus the extra snippets, with each setting of
    DETECTOR_GRID, keeps the best on the development split (precision at recall >= 0.5, then average
    precision), sets its threshold there, saves it, and returns its development figures."""
    import joblib
    from sklearn.metrics import average_precision_score

    units = annotated_units(folder, shared)
    train_units = [u for u in units if u.split == "train"]
    dev_units = [u for u in units if u.split == "dev"]
    spans, extra_events, extra_types = extra_examples(shared)
    f_train = [detector.features(u.sent, u.quoted) for u in train_units]
    f_extra = [detector.features(s, detector.quoted_ranges(s.doc.text)) for s in spans]
    f_dev = [detector.features(u.sent, u.quoted) for u in dev_units]
    gold = [u.label != "NONE" for u in dev_units]
    best = None
    for setting in DETECTOR_GRID:
        model = detector.EventDetector(C=setting["C"], seed=seed).fit_decision(
            f_train + f_extra, [u.label != "NONE" for u in train_units] + extra_events,
            [1.0] * len(f_train) + [setting["extra_weight"]] * len(f_extra))
        scores = model.scores(f_dev)
        key = (detection(scores, gold, 0.5)["precision_at_recall_0.5"], average_precision_score(gold, scores))
        if best is None or key > best[0]:
            best = (key, setting, model, scores)
    _, setting, model, scores = best
    snippet_model = joblib.load(model_path("plover", out))
    typed_examples = [(f, u.sent, u.label) for f, u in zip(f_train, train_units) if u.label != "NONE"]
    typed_examples += [(f, sp, t) for f, sp, t in zip(f_extra, spans, extra_types) if t]
    merged = detector.snippet_features([sp for _, sp, _ in typed_examples], snippet_model)
    model.fit_typer([{**f, **g} for (f, _, _), g in zip(typed_examples, merged)], [t for _, _, t in typed_examples],
                    [1.0] * sum(1 for u in train_units if u.label != "NONE")
                    + [TYPER_EXTRA_WEIGHT] * sum(1 for t in extra_types if t))
    model.threshold = choose_threshold(scores, gold)
    model.model.coef_ = model.model.coef_.astype(np.float32)
    model.typer.coef_ = model.typer.coef_.astype(np.float32)
    joblib.dump(model, detector.model_path(out), compress=3)
    detector.load.cache_clear()
    classifier.load.cache_clear()
    return {"setting": setting, "labelled": len(units), "labelled_events": sum(u.label != "NONE" for u in units),
            "train_sentences": len(train_units), "extra_snippets": len(spans),
            "dev": evaluate_units(dev_units, model)}
