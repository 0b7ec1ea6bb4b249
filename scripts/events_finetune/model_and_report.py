"""Read by report.py (exec, in its namespace): the experiment's model rebuilt from train_and_tune.py's weights, the shipped
encoder detector beside it, both scored on the tune part (thresholds: best detection F1 there) and the report part."""

sents, labs = annotation.sentences(), annotation.labels()
texts = {}
def text(doc):
    if doc not in texts: texts[doc] = annotation.document_text(doc)
    return texts[doc]
train = [(text(sents[s].doc)[sents[s].start:sents[s].end], labs[s].label) for s in labs if s in sents and sents[s].split == "train"]
types = sorted({l for _, l in train} - {"NONE"}); classes = ["NONE"] + types
MAXP = 80
from newsprism.encoder.export import base_encoder
tok = base.tokenizer()
def ids(t): return tok.encode(t).ids[:MAXP]

class M(torch.nn.Module):
    def __init__(s):
        super().__init__(); s.enc = base_encoder(); s.head = torch.nn.Linear(384, len(classes))
    def forward(s, i, m):
        h = s.enc(input_ids=i, attention_mask=m).last_hidden_state
        w = m.unsqueeze(-1).float(); return s.head((h * w).sum(1) / w.sum(1))
model = M()

model.load_state_dict(torch.load(OUT + "/evft.pt")); model.eval()
shipped = detector.load(detector.MODEL_DIR, None)
def scores(role):
    units = [u for u in data.annotated_units(splits=data.SPLITS_OF_ROLE[role]) if u.role == role]
    dec = evaluation._decided(units, shipped)
    us = [u for g, _ in dec for u in g]; bs = [s for _, d in dec for s, _ in d]; bt = [k or "NONE" for _, d in dec for _, k in d]
    P = []
    with torch.no_grad():
        for k in range(0, len(us), 64):
            i, m = base.pad([ids(u.sent.text) for u in us[k:k+64]])
            P.append(torch.softmax(model(torch.from_numpy(i), torch.from_numpy(m)), -1).numpy())
    P = np.concatenate(P)
    ft = list(1 - P[:, 0]); ftt = [classes[1 + j] for j in P[:, 1:].argmax(1)]
    return [u.label for u in us], bs, bt, ft, ftt
def best_threshold(sc, ev):
    return max(((2*p*r/(p+r) if p+r else 0, th) for th, p, r in evaluation.curve(sc, ev)))[1]
out = {}
tg, tbs, tbt, tft, tftt = scores("tune")
tev = [g != "NONE" for g in tg]
combos = {"shipped": (tbs, tbt), "finetuned": (tft, tftt), "average": ([(a+b)/2 for a, b in zip(tbs, tft)], tftt)}
th = {k: best_threshold(v[0], tev) for k, v in combos.items()}
rg, rbs, rbt, rft, rftt = scores("report")
rev = [g != "NONE" for g in rg]
rep = {"shipped": (rbs, rbt), "finetuned": (rft, rftt), "average": ([(a+b)/2 for a, b in zip(rbs, rft)], rftt)}
for k, (sc, ty) in rep.items():
    d = evaluation.detection(sc, rev, th[k]); t = evaluation.typed([y if s >= th[k] else "NONE" for s, y in zip(sc, ty)], rg)
    out[k] = {"threshold (chosen on tune)": round(float(th[k]), 4), "AP": round(float(average_precision_score(rev, sc)), 4), "P": d["precision"], "R": d["recall"], "F1": d["f1"],
              "P@R0.5": d["precision_at_recall_0.5"], "typedF1": t["f1"]}
out["report sentences"] = len(rg); out["report events"] = sum(rev)
print(json.dumps(out, indent=1)); open(OUT + "/evft_report.json", "w").write(json.dumps(out, indent=1))
