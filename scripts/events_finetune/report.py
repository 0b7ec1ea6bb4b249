"""Step two of the experiment (`.venv/bin/python scripts/events_finetune/report.py` after train_and_tune.py):
the fine-tuned sentence model (`common.OUT`/evft.pt), the shipped encoder detector and their average on the report
part, each at the threshold of its best detection F1 on the tune part; figures only."""
import json

import torch
from common import OUT, Model, best_threshold, scored, training_sentences
from sklearn.metrics import average_precision_score

from newsprism.events import detector, evaluation

_, classes = training_sentences()
model = Model(len(classes))
model.load_state_dict(torch.load(OUT + "/evft.pt"))
shipped = detector.load(detector.MODEL_DIR, None)


def scorers(role):
    """Gold labels and, per scorer, (scores, types) on the annotated part `role`."""
    gold, bs, bt, ft, ftt = scored(role, model, classes, shipped)
    return gold, {"shipped": (bs, bt), "finetuned": (ft, ftt), "average": ([(a + b) / 2 for a, b in zip(bs, ft)], ftt)}


tune_gold, tune = scorers("tune")
th = {k: best_threshold(sc, [g != "NONE" for g in tune_gold]) for k, (sc, _) in tune.items()}
gold, report = scorers("report")
events = [g != "NONE" for g in gold]
out = {}
for k, (sc, ty) in report.items():
    d = evaluation.detection(sc, events, th[k])
    t = evaluation.typed([y if s >= th[k] else "NONE" for s, y in zip(sc, ty)], gold)
    out[k] = {"threshold (chosen on tune)": round(float(th[k]), 4), "AP": round(float(average_precision_score(events, sc)), 4),
              "P": d["precision"], "R": d["recall"], "F1": d["f1"], "P@R0.5": d["precision_at_recall_0.5"], "typedF1": t["f1"]}
out["report sentences"] = len(gold)
out["report events"] = sum(events)
print(json.dumps(out, indent=1))
open(OUT + "/evft_report.json", "w").write(json.dumps(out, indent=1))
