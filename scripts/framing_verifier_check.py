"""Would a span verifier make the spans shown on ordinary news right more often? The check that led to the shipped
one (`newsprism/framing/verifier.py`, fitted and chosen by `newsprism train framing --ordinary`).

For each tagger of the shipped framing model (the encoder path, and the CRF of `--fast`): its candidate spans on
PTC's training articles (the model's recorded split; a candidate is right when it overlaps a gold span) and on
the ordinary-news training part (annotations/framing, round 5, `ordinary.TRAINING`), each described by the
technique classifier's span features (`span_features`: words, lemmas, valence, shape) and its cues (peak,
article prior, mean probability, words). A binary logistic regression is fitted on them (classes balanced
within each source), from PTC alone and from PTC with the training part weighted up. Then, on the tuning
half of the ordinary-news set only: the average precision of the verifier's score beside the peak's, and
the precision to expect of the showing rule on unseen articles (`newsprism.framing.training.cross_validated`:
50 random halvings of the tuning half, the rule chosen on one part and scored on the other) with the
verifier's score in the peak's place. The reporting half is never read. Writes
annotations/framing/verifier-check.json.

    .venv/bin/python scripts/framing_verifier_check.py      # about 15 minutes on two shared cores
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsprism.framing import ordinary  # noqa: E402
from newsprism.framing.features import span_features  # noqa: E402
from newsprism.framing.model import MODEL_DIR, Decoding, load_model  # noqa: E402
from newsprism.framing.training import FAMILIES, cross_validated, load_ptc, parse  # noqa: E402

PTC = ROOT.parent / "shared" / "data" / "ptc" / "train"
DATA = ROOT.parent / "shared" / "data"
OUT = ordinary.ANNOTATIONS / "verifier-check.json"
C, MIN_DF, PART_WEIGHT = 0.1, 3, 5.0  # regularisation, features seen this often, the training part's weight


def cue_features(feats: dict, p: float, peak: float, prior: float, words: int) -> dict:
    """A candidate's span features and its cues."""
    return {**feats, "cue:peak": peak, "cue:prior": prior, "cue:p": p, "cue:logwords": float(np.log1p(words))}


def ptc_rows(model, docs, arts, dev_ids: set[str]) -> list[tuple[dict, bool]]:
    """(features, right) of every candidate span on PTC's training articles."""
    rows = []
    for doc, (aid, _, spans_gold, _) in zip(docs, arts):
        if aid in dev_ids:
            continue
        found, prior = model.spans_with_peaks(doc)
        feats = span_features(doc, [(s, e) for s, e, _, _ in found]) if found else []
        rows += [(cue_features(f, p, peak, prior, len(doc.text[s:e].split())), ordinary.overlaps((s, e), spans_gold))
                 for (s, e, p, peak), f in zip(found, feats)]
    return rows


def ordinary_rows(model, docs: dict, oset) -> dict[str, tuple[list, float, list]]:
    """Per ordinary document: (cues as `candidate_cues` gives them, prior, [(features, right)])."""
    from newsprism.framing.component import candidate_cues

    out = {}
    for d, doc in docs.items():
        cues, prior = candidate_cues(model, doc, verify=False)  # the tagger's own peak, not the shipped verifier's score
        feats = span_features(doc, [(c[0], c[1]) for c in cues]) if cues else []
        gold = [(s, e) for s, e, _ in oset.gold[d]]
        out[d] = (cues, prior, [(cue_features(f, p, peak, prior, n), ordinary.overlaps((s, e), gold))
                                for (s, e, p, peak, n), f in zip(cues, feats)])
    return out


def fit(rows_by_source: list[tuple[list[tuple[dict, bool]], float]]):
    """A balanced binary logistic regression over the rows of each (rows, weight) source: `score(features)`."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    feats, y, w = [], [], []
    for rows, weight in rows_by_source:
        pos = sum(r for _, r in rows) / max(1, len(rows))
        for f, r in rows:
            feats.append(f)
            y.append(int(r))
            w.append(weight * (0.5 / pos if r else 0.5 / (1 - pos)))
    df = Counter(k for f in feats for k in f)
    vec = DictVectorizer()
    X = vec.fit_transform([{k: v for k, v in f.items() if df[k] >= MIN_DF} for f in feats])
    with threadpool_limits(1):
        clf = LogisticRegression(C=C, max_iter=3000, random_state=0).fit(X, y, sample_weight=w)
    return lambda rows: clf.predict_proba(vec.transform([f for f, _ in rows]))[:, 1]


def main() -> None:
    from sklearn.metrics import average_precision_score

    from newsprism.framing.evaluation import _pipeline_before_framing

    started = time.time()
    record = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    dev_ids = set(record["articles"]["dev_ids"])
    arts = load_ptc(PTC)
    ptc_docs = parse([a[1] for a in arts])
    oset = ordinary.load(ordinary.ANNOTATIONS, DATA)
    tune, _ = oset.halves()  # the reporting half is never read
    part = ordinary.load(ordinary.ANNOTATIONS, DATA, labels=ordinary.TRAINING[1], documents=ordinary.TRAINING[0])
    texts = {**{d: oset.texts[d] for d in tune}, **part.texts}
    docs = dict(zip(texts, _pipeline_before_framing().pipe(texts.values(), batch_size=8)))
    both = ordinary.OrdinarySet(texts, {**{d: oset.gold[d] for d in tune}, **part.gold})
    result = {"command": "python scripts/framing_verifier_check.py", "C": C, "min_df": MIN_DF,
              "training_part_weight": PART_WEIGHT,
              "documents": {"tuning": len(tune), "training_part": len(part.texts)}}
    for name in ("minilm", "crf"):
        model = load_model(MODEL_DIR, use_minilm=name == "minilm")
        dec = Decoding(**asdict_of(model.settings))
        ptc = ptc_rows(model, ptc_docs, arts, dev_ids)
        rows = ordinary_rows(model, docs, both)
        part_rows = [r for d in part.texts for r in rows[d][2]]
        tune_rows = [r for d in tune for r in rows[d][2]]
        y = np.array([r for _, r in tune_rows], dtype=int)
        peak = [c[3] for d in tune for c in rows[d][0]]
        out: dict = {"candidates": {"PTC train": [len(ptc), sum(r for _, r in ptc)],
                                    "training part": [len(part_rows), sum(r for _, r in part_rows)],
                                    "tuning half": [len(tune_rows), int(y.sum())]},
                     "tuning_average_precision": {"peak": round(float(average_precision_score(y, peak)), 4)}}
        found = {d: (rows[d][0], rows[d][1]) for d in tune}
        out["tuning_cross_validated"] = {"peak (the shipped family)": cross_validated(
            oset, tune, found, dec, ordinary.SEED, FAMILIES["peak, prior"])}
        for label, sources in (("verifier, PTC train", [(ptc, 1.0)]),
                               ("verifier, PTC train + training part", [(ptc, 1.0), (part_rows, PART_WEIGHT)])):
            score = fit(sources)
            s = score(tune_rows)
            out["tuning_average_precision"][label] = round(float(average_precision_score(y, s)), 4)
            k, scored = 0, {}
            for d in tune:  # the verifier's score in the peak's place (an added span keeps its peak of 1)
                cues = []
                for c in rows[d][0]:
                    cues.append((*c[:3], c[3] if c[3] >= 1.0 else round(float(s[k]), 4), c[4]))
                    k += 1
                scored[d] = (cues, rows[d][1])
            out["tuning_cross_validated"][label] = cross_validated(oset, tune, scored, dec, ordinary.SEED,
                                                                   FAMILIES["peak, prior"])
        result[name] = out
        print(name, json.dumps(out), file=sys.stderr)
    result["seconds"] = round(time.time() - started, 1)
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


def asdict_of(dec: Decoding) -> dict:
    """The decoding settings as a dict, the ordinary-news rule reset (the check chooses its own)."""
    from dataclasses import asdict

    return asdict(replace(dec, shown_min=0.0, doc_min=0.0, min_words=1, verifier=False))


if __name__ == "__main__":
    main()
