"""Measures the ways of running the shared encoder (`newsprism.encoder.run`) that were weighed to make its
answers independent of what shares a batch: accuracy on tone dev (NewsMTSC dev-rw, dev-mt macro F1, each
sentence its own window) and framing SI dev (the MiniLM tagger with the CRF on the 56 PTC dev articles the
framing record names), the encoder's seconds over both, and whether a row's output changes with its batch.

    .venv/bin/python scripts/encoder_options.py [--shared ../shared] [--options per-row,padded-4,...]

Options (each a way to turn windows of wordpiece ids into outputs):
  per-row      one window per run, no padding (what newsprism does: int8 dynamic quantization takes its
               activation scales over the tensor, so one row alone is its own tensor)
  padded-N     N windows of like length per run, padded to the longest (newsprism before)
  equal-N      up to N windows of exactly equal length per run, no padding (the scales still span the rows)
  float32-row  the same weights de-quantized to float32, one window per run (needs the `onnx` package)
Prints one JSON line per option.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsprism.encoder import base  # noqa: E402
from newsprism.encoder.run import MODEL_FILE, SharedEncoder  # noqa: E402


def padded_runner(session, size: int):
    """Windows sorted by length, `size` per run, padded to the longest."""
    def run(rows):
        out = [None] * len(rows)
        order = sorted(range(len(rows)), key=lambda j: len(rows[j]))
        for k in range(0, len(order), size):
            chunk = order[k : k + size]
            ids, mask = base.pad([rows[j] for j in chunk])
            inside, hidden = session.run(["inside", "hidden"], {"inputs_embeds": base.embed(ids), "attention_mask": mask})
            for j, p, h in zip(chunk, inside, hidden):
                n = len(rows[j])
                out[j] = (p[1 : 1 + n], h[1 : 1 + n].astype(np.float16))
        return out
    return run


def equal_runner(session, size: int):
    """Windows of exactly equal length, up to `size` per run, no padding."""
    def run(rows):
        out = [None] * len(rows)
        groups: dict[int, list[int]] = {}
        for j, r in enumerate(rows):
            groups.setdefault(len(r), []).append(j)
        for js in groups.values():
            for k in range(0, len(js), size):
                chunk = js[k : k + size]
                ids, mask = base.pad([rows[j] for j in chunk])
                inside, hidden = session.run(["inside", "hidden"], {"inputs_embeds": base.embed(ids), "attention_mask": mask})
                for j, p, h in zip(chunk, inside, hidden):
                    n = len(rows[j])
                    out[j] = (p[1 : 1 + n], h[1 : 1 + n].astype(np.float16))
        return out
    return run


def dequantized(path: Path, out: Path) -> Path:
    """The int8 graph with every dynamically quantized MatMul replaced by a float32 MatMul over the
    de-quantized weights (same weights, float activations)."""
    import onnx
    from onnx import helper, numpy_helper

    m = onnx.load(str(path))
    g = m.graph
    inits = {i.name: i for i in g.initializer}
    producers = {o: n for n in g.node for o in n.output}
    consumers: dict[str, list] = {}
    for n in g.node:
        for i in n.input:
            consumers.setdefault(i, []).append(n)
    drop, add = [], []
    for n in list(g.node):
        if n.op_type != "MatMulInteger":
            continue
        dq = producers[n.input[0]]
        assert dq.op_type == "DynamicQuantizeLinear"
        wq = numpy_helper.to_array(inits[n.input[1]]).astype(np.float32)
        wzp = numpy_helper.to_array(inits[n.input[3]]).astype(np.float32) if len(n.input) > 3 and n.input[3] else 0
        cast = consumers[n.output[0]][0]
        mul = consumers[cast.output[0]][0]  # int32 result * (x_scale * w_scale)
        scale_in = [i for i in mul.input if i != cast.output[0]][0]
        scale_mul = producers[scale_in]  # x_scale * w_scale
        w_scale = [i for i in scale_mul.input if i in inits][0]
        ws = numpy_helper.to_array(inits[w_scale]).astype(np.float32)
        wf = (wq - wzp) * ws
        name = n.input[1] + "_f32"
        g.initializer.append(numpy_helper.from_array(wf, name))
        add.append(helper.make_node("MatMul", [dq.input[0], name], [mul.output[0]], name=n.name + "_f32"))
        drop += [n, cast, mul]
    for n in drop:
        g.node.remove(n)
    g.node.extend(add)
    # remove now-dangling nodes (quantizers and scale products) by pruning what feeds no output
    needed = {o.name for o in g.output}
    keep = []
    for n in reversed(list(_topo(g))):
        if any(o in needed for o in n.output):
            keep.append(n)
            needed.update(n.input)
    del g.node[:]
    g.node.extend(reversed(keep))
    onnx.save(m, str(out))
    return out


def _topo(g):
    """Nodes in topological order."""
    ready = {i.name for i in g.input} | {i.name for i in g.initializer} | {""}
    todo, out = list(g.node), []
    while todo:
        rest = []
        for n in todo:
            if all(i in ready for i in n.input):
                out.append(n)
                ready.update(n.output)
            else:
                rest.append(n)
        if len(rest) == len(todo):
            raise RuntimeError("graph has a cycle")
        todo = rest
    return out


def tone_figures(shared: Path, enc: SharedEncoder) -> dict:
    from newsprism.tone.evaluation import evaluate
    from newsprism.tone.model import ToneModel

    got = evaluate(ToneModel(encoder=enc), shared / "data" / "newsmtsc")
    return {f"tone_{split}_f1m": s["f1m"] for split, s in got.items()}


def framing_docs(shared: Path):
    from newsprism.framing.model import MODEL_DIR
    from newsprism.framing.semeval import read_raw, read_spans
    from newsprism.parse import load_parser

    ptc = shared / "data" / "ptc" / "train"
    ids = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))["articles"]["dev_ids"]
    texts = [read_raw(ptc / "articles" / f"article{a}.txt") for a in ids]
    gold = {a: v for a, v in read_spans(ptc / "spans.labels").items() if a in set(ids)}
    return ids, list(load_parser().pipe(texts, batch_size=8)), gold


def si_figures(docs, enc: SharedEncoder) -> dict:
    from newsprism.framing.model import load_model
    from newsprism.framing.semeval import si_score

    ids, parsed, gold = docs
    model = load_model(use_minilm=True)
    model.minilm.encoder = enc
    pred = {}
    for a, doc in zip(ids, parsed):
        doc._.encoding = None
        pred[a] = [(s, e) for s, e, _ in model.spans(doc)]
    return {"si_dev_f1": round(si_score(gold, pred)["F1"], 4)}


def batch_independent(enc: SharedEncoder, docs) -> bool:
    """Whether each window of the first dev articles gets the same output alone as in one call with the rest."""
    from newsprism.encoder.run import windows

    rows = [w[0] for d in docs[1][:4] for w in windows(d.text)]
    together = enc.run_windows(rows)
    return all(np.array_equal(together[j][1], enc.run_windows([r])[0][1]) for j, r in enumerate(rows))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--options", default="per-row,padded-4,padded-16,equal-16,float32-row")
    args = ap.parse_args()
    docs = framing_docs(args.shared)
    tmp = Path(tempfile.mkdtemp())
    for option in args.options.split(","):
        path = MODEL_FILE
        if option.startswith("float32"):
            try:
                path = dequantized(MODEL_FILE, tmp / "float32.onnx")
            except ImportError:
                print(json.dumps({"option": option, "skipped": "needs the onnx package"}))
                continue
        enc = SharedEncoder(path)
        kind, _, n = option.partition("-")
        if kind == "padded":
            enc.run_windows = padded_runner(enc.session, int(n))
        elif kind == "equal":
            enc.run_windows = equal_runner(enc.session, int(n))
        else:
            enc.run_windows = padded_runner(enc.session, 1)
        started = time.process_time()
        row = {"option": option} | tone_figures(args.shared, enc)
        tone_s = time.process_time() - started
        started = time.process_time()
        row |= si_figures(docs, enc)
        si_s = time.process_time() - started
        row |= {"tone_cpu_s": round(tone_s, 1), "si_cpu_s": round(si_s, 1),
                "batch_independent": batch_independent(enc, docs)}
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
