"""Experiment (issue 22, session 14; run from the repository root with the `train` extra: `make setup-train`,
then `.venv/bin/python scripts/events_finetune/train_and_tune.py 2`, about an hour on two cores): does a MiniLM
fine-tuned on the events annotation (sentence alone) rank events better on the tune part than the shipped encoder
heads over the shared (framing-tuned) pass? Writes the weights and the tune figures into `common.OUT`; figures
only, nothing shipped. `report.py` then measures the report part."""
import json
import os
import random
import sys
import time
from pathlib import Path

import torch
from common import OUT, Model, best_threshold, ids, scored, training_sentences
from sklearn.metrics import average_precision_score

from newsprism.encoder import base
from newsprism.events import detector, evaluation

SEED, EPOCHS, BATCH, LR = 0, int(sys.argv[1]) if len(sys.argv) > 1 else 2, 32, 5e-5
os.makedirs(OUT, exist_ok=True)
torch.manual_seed(SEED)
rng = random.Random(SEED)
torch.set_num_threads(2)
train, classes = training_sentences()
print(len(train), "train sentences", sum(label != "NONE" for _, label in train), "events", classes, flush=True)
rows = [(ids(t), classes.index(label)) for t, label in train]
model = Model(len(classes))
head = list(model.head.parameters())
body = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("head.")]
opt = torch.optim.AdamW([{"params": body, "lr": LR}, {"params": head, "lr": LR * 20}], weight_decay=0.01)
steps = EPOCHS * -(-len(rows) // BATCH)
warm = max(1, steps // 10)
sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: s / warm if s < warm else max(0.0, (steps - s) / max(1, steps - warm)))
lossf = torch.nn.CrossEntropyLoss()
t0 = time.time()
for ep in range(EPOCHS):
    rng.shuffle(rows)
    model.train()
    tot = 0
    order = sorted(range(0, len(rows), BATCH), key=lambda k: rng.random())
    for n, k in enumerate(order):
        ch = rows[k:k + BATCH]
        i, m = base.pad([r[0] for r in ch])
        loss = lossf(model(torch.from_numpy(i), torch.from_numpy(m)), torch.tensor([r[1] for r in ch]))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(body + head, 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
        tot += loss.item()
        if n % 100 == 0:
            print(f"ep {ep} batch {n}/{len(order)} loss {tot / (n + 1):.4f} {time.time() - t0:.0f}s", flush=True)
torch.save(model.state_dict(), OUT + "/evft.pt")

gold, base_scores, base_types, ft, ft_types = scored("tune", model, classes, detector.load(detector.MODEL_DIR, None))
events = [g != "NONE" for g in gold]


def summary(sc, ty):
    th = best_threshold(sc, events)
    d = evaluation.detection(sc, events, th)
    t = evaluation.typed([k if s >= th else "NONE" for s, k in zip(sc, ty)], gold)
    return {"AP": round(average_precision_score(events, sc), 4), "P@R0.5": d["precision_at_recall_0.5"], "bestF1": d["f1"],
            "P": d["precision"], "R": d["recall"], "typedF1@best": t["f1"]}


out = {"sentences": len(gold), "events": sum(events), "finetuned": summary(ft, ft_types),
       "shipped": summary(base_scores, base_types), "average": summary([(a + b) / 2 for a, b in zip(ft, base_scores)], ft_types),
       "epochs": EPOCHS, "train_seconds": round(time.time() - t0)}
print(json.dumps(out, indent=1))
Path(OUT + "/evft.json").write_text(json.dumps(out, indent=1))
