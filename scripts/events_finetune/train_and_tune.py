"""Experiment (issue 22, session 14; run from the repository root with the `train` extra: `make setup-train`,
then `.venv/bin/python scripts/events_finetune/train_and_tune.py 2`, about an hour on two cores): does a MiniLM fine-tuned on the events annotation (sentence alone) rank events better on the tune
part than the shipped encoder heads over the shared (framing-tuned) pass?  Figures only; nothing shipped."""
import json, random, sys, time
import os
OUT = os.environ.get("EVENTS_FINETUNE_OUT", "/tmp/events_finetune"); os.makedirs(OUT, exist_ok=True)
from pathlib import Path
import numpy as np
import torch
from sklearn.metrics import average_precision_score
from newsprism.events import annotation, data, evaluation, detector
from newsprism.encoder import base
from newsprism.encoder.export import base_encoder

SEED, EPOCHS, BATCH, LR, MAXP = 0, int(sys.argv[1]) if len(sys.argv) > 1 else 2, 32, 5e-5, 80
torch.manual_seed(SEED); rng = random.Random(SEED); torch.set_num_threads(2)
sents, labs = annotation.sentences(), annotation.labels()
texts = {}
def text(doc):
    if doc not in texts: texts[doc] = annotation.document_text(doc)
    return texts[doc]
train = [(text(sents[s].doc)[sents[s].start:sents[s].end], labs[s].label) for s in labs if s in sents and sents[s].split == "train"]
types = sorted({l for _, l in train} - {"NONE"}); classes = ["NONE"] + types
print(len(train), "train sentences", sum(l != "NONE" for _, l in train), "events", classes, flush=True)
tok = base.tokenizer()
def ids(t): return tok.encode(t).ids[:MAXP]
rows = [(ids(t), classes.index(l)) for t, l in train]

class M(torch.nn.Module):
    def __init__(s):
        super().__init__(); s.enc = base_encoder(); s.head = torch.nn.Linear(384, len(classes))
    def forward(s, i, m):
        h = s.enc(input_ids=i, attention_mask=m).last_hidden_state
        w = m.unsqueeze(-1).float(); return s.head((h * w).sum(1) / w.sum(1))
model = M()
head = list(model.head.parameters()); body = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("head.")]
opt = torch.optim.AdamW([{"params": body, "lr": LR}, {"params": head, "lr": LR * 20}], weight_decay=0.01)
steps = EPOCHS * -(-len(rows) // BATCH); warm = max(1, steps // 10)
sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: s / warm if s < warm else max(0.0, (steps - s) / max(1, steps - warm)))
lossf = torch.nn.CrossEntropyLoss()
t0 = time.time()
for ep in range(EPOCHS):
    rng.shuffle(rows); model.train(); tot = 0
    order = sorted(range(0, len(rows), BATCH), key=lambda k: rng.random())
    for n, k in enumerate(order):
        ch = rows[k:k + BATCH]; i, m = base.pad([r[0] for r in ch])
        y = torch.tensor([r[1] for r in ch])
        loss = lossf(model(torch.from_numpy(i), torch.from_numpy(m)), y); loss.backward()
        torch.nn.utils.clip_grad_norm_(body + head, 1.0); opt.step(); sched.step(); opt.zero_grad(); tot += loss.item()
        if n % 100 == 0: print(f"ep {ep} batch {n}/{len(order)} loss {tot/(n+1):.4f} {time.time()-t0:.0f}s", flush=True)
torch.save(model.state_dict(), OUT + "/evft.pt")
# tune part, as the shipped evaluation reads it
units = [u for u in data.annotated_units(splits=data.SPLITS_OF_ROLE["tune"]) if u.role == "tune"]
model.eval(); probs = []
with torch.no_grad():
    for k in range(0, len(units), 64):
        ch = units[k:k + 64]; i, m = base.pad([ids(u.sent.text) for u in ch])
        probs.append(torch.softmax(model(torch.from_numpy(i), torch.from_numpy(m)), -1).numpy())
P = np.concatenate(probs); ft = 1 - P[:, 0]; fttype = [classes[1 + j] for j in P[:, 1:].argmax(1)]
gold = [u.label for u in units]; ev = [g != "NONE" for g in gold]
shipped = detector.load(detector.MODEL_DIR, None)
base_scores, base_types = [], []
for group, decided in evaluation._decided(units, shipped):
    for u, (s, kind) in zip(group, decided): base_scores.append(s); base_types.append(kind or "NONE")
order_ids = [u.sid for group, _ in evaluation._decided(units, shipped) for u in group]
pos = {sid: j for j, sid in enumerate(u.sid for u in units)}
ft_o = [ft[pos[s]] for s in order_ids]; ftt_o = [fttype[pos[s]] for s in order_ids]; gold_o = [gold[pos[s]] for s in order_ids]; ev_o = [g != "NONE" for g in gold_o]
def summary(sc, ty):
    best = max(((2*p*r/(p+r) if p+r else 0, th) for th, p, r in evaluation.curve(sc, ev_o)))
    d = evaluation.detection(sc, ev_o, best[1]); t = evaluation.typed([k if s >= best[1] else "NONE" for s, k in zip(sc, ty)], gold_o)
    return {"AP": round(average_precision_score(ev_o, sc), 4), "P@R0.5": d["precision_at_recall_0.5"], "bestF1": d["f1"], "P": d["precision"], "R": d["recall"], "typedF1@best": t["f1"]}
avg = [(a + b) / 2 for a, b in zip(ft_o, base_scores)]
out = {"sentences": len(gold_o), "events": sum(ev_o), "finetuned": summary(ft_o, ftt_o), "shipped": summary(base_scores, base_types),
       "average": summary(avg, ftt_o), "epochs": EPOCHS, "train_seconds": round(time.time() - t0)}
print(json.dumps(out, indent=1)); Path(OUT + "/evft.json").write_text(json.dumps(out, indent=1))
