"""Compares tone heads the way the shipped one's tree distance and width were chosen, without dev-rw: heads
fitted (`newsprism.tone.training.fit_member`) on 85% of NewsMTSC train's articles, scored (macro F1) on the
other 15% (the tuning slice) and on dev-mt. dev-rw is never read here, so `newsprism eval tone`'s dev-rw figure
stays apart from these choices (NewsMTSC's test split is never read anywhere).

    .venv/bin/python scripts/tone_options.py [--data ../shared/data/newsmtsc] [--seeds 3] [--members 2]
        [--options plain-64,tree-64,plain-128,tree-128] [--limit N]

Options: `plain-D` a head of width D without the tree-distance embedding (every wordpiece given OTHER: one
constant vector, which the projection's bias absorbs), `tree-D` with it. Prints one JSON line per option and
number of members: the mean over seeds of one head's F1m, and the F1m of the first `members` seeds' heads
averaged (as `newsprism train tone` averages MEMBERS heads). Needs the `train` extra; single-threaded.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import newsprism.tone.training as training  # noqa: E402
from newsprism.tone.data import items, polarities, read_lines  # noqa: E402
from newsprism.tone.evaluation import f1_macro  # noqa: E402
from newsprism.tone.model import POLARITIES, Item, ToneHead, ToneModel  # noqa: E402
from newsprism.encoder.syntax import OTHER  # noqa: E402

TUNE_SHARE = 0.15  # of train's articles, held out of the fits to score them
SPLIT_SEED = 1234


def article(row_id: str) -> str:
    """The article a NewsMTSC row comes from: its id's first three fields (outlet, and two numbers)."""
    return "_".join(row_id.split("_")[:3])


def tuning_slice(rows: list[dict]) -> tuple[list[int], list[int]]:
    """(fit rows, tuning rows) of train: TUNE_SHARE of its articles, drawn with SPLIT_SEED, all their rows."""
    names = sorted({article(r["id"]) for r in rows})
    np.random.default_rng(SPLIT_SEED).shuffle(names)
    tune = set(names[: int(len(names) * TUNE_SHARE)])
    return ([j for j, r in enumerate(rows) if article(r["id"]) not in tune],
            [j for j, r in enumerate(rows) if article(r["id"]) in tune])


def probabilities(head: ToneHead, found: list[Item]) -> np.ndarray:
    """Each item's class probabilities (n, 3) from one head."""
    out = []
    for it in found:
        z = head.logits(head.project(it.states)[:, None], it.inside[None], it.syntax[None])[0, 0]
        z = np.exp(z - z.max())
        out.append(z / z.sum())
    return np.array(out)


def f1(gold: list[int], probs: np.ndarray) -> float:
    return round(f1_macro(gold, [POLARITIES[k] for k in probs.argmax(-1)]), 4)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "newsmtsc")
    ap.add_argument("--options", default="plain-64,tree-64,plain-128,tree-128")
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--members", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="only the first N rows of each file (a quick check)")
    args = ap.parse_args()
    import torch

    torch.set_num_threads(1)
    model = ToneModel.__new__(ToneModel)
    model.encoder = None
    data = {}
    for name in ("train", "dev-mt"):
        rows = read_lines(args.data / f"{name}.jsonl")[: args.limit or None]
        found = model.items(items(rows))
        if name == "train":  # float16 as in training: half the memory
            found = [Item(it.states.astype(np.float16), it.inside, it.syntax) for it in found]
        data[name] = (rows, found, polarities(rows))
    rows, found, gold = data["train"]
    fit, tune = tuning_slice(rows)
    parts = {"tune": ([found[j] for j in tune], [gold[j] for j in tune]), "dev-mt": data["dev-mt"][1:]}
    for option in args.options.split(","):
        kind, width = option.split("-")
        training.DIM = int(width)

        def seen(it: Item) -> Item:
            return it if kind == "tree" else Item(it.states, it.inside, np.full(len(it.inside), OTHER))

        probs: dict[str, list[np.ndarray]] = {part: [] for part in parts}
        for seed in range(args.seeds):
            params = training.fit_member([seen(found[j]) for j in fit], [gold[j] for j in fit], seed)
            head = ToneHead({k: v[None] for k, v in params.items()})
            for part, (its, _) in parts.items():
                probs[part].append(probabilities(head, [seen(it) for it in its]))
        out = {"option": option, "seeds": args.seeds, "fit_rows": len(fit)}
        for part, (its, g) in parts.items():
            out[f"{part}_f1m_one_head_mean"] = round(float(np.mean([f1(g, p) for p in probs[part]])), 4)
            out[f"{part}_f1m_{args.members}_heads"] = f1(g, np.mean(probs[part][: args.members], 0))
            out[f"{part}_rows"] = len(g)
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
