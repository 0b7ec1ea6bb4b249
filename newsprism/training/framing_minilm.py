"""Fine-tunes the MiniLM span tagger (`newsprism.framing.minilm`) on PTC articles, on the CPU.

Each wordpiece is labelled inside when a merged gold span covers half its characters or more; windows of
whole lines are shuffled with the seed and fed in batches of BATCH for EPOCHS epochs (AdamW, linear warm-up
over the first tenth, then linear decay; the head learns HEAD_LR_FACTOR times faster than the encoder).
About 18 minutes for the 315 training articles on two cores.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import numpy as np

from newsprism.framing import minilm
from newsprism.framing.semeval import merged

EPOCHS, BATCH, LR, HEAD_LR_FACTOR, WEIGHT_DECAY = 4, 16, 1e-4, 20, 0.01


def piece_labels(offsets: list[tuple[int, int]], spans: list[tuple[int, int]], length: int) -> list[int]:
    """1 for a wordpiece half covered (or more) by the merged spans, else 0."""
    cover = np.zeros(length + 1, dtype=bool)
    for s, e in merged(spans):
        cover[s:e] = True
    return [int(e > s and cover[s:e].mean() >= 0.5) for s, e in offsets]


def train_tagger(articles: list[tuple[str, list[tuple[int, int]]]], path: Path, seed: int,
                 log: Callable[[str], None] = lambda _: None):
    """Fine-tunes the tagger on (text, SI spans) pairs, writes it to `path` and returns the torch model."""
    import torch

    torch.manual_seed(seed)
    rng = random.Random(seed)
    rows = []
    for text, spans in articles:
        for ids, offs in minilm.windows(text):
            rows.append((ids, piece_labels(offs, spans, len(text))))
    model = minilm.build_model()
    head = list(model.head.parameters())
    body = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("head.")]
    opt = torch.optim.AdamW([{"params": body, "lr": LR}, {"params": head, "lr": LR * HEAD_LR_FACTOR}],
                            weight_decay=WEIGHT_DECAY)
    steps = EPOCHS * -(-len(rows) // BATCH)
    warm = max(1, int(0.1 * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: s / warm if s < warm else max(0.0, (steps - s) / max(1, steps - warm)))
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    model.train()
    for epoch in range(EPOCHS):
        rng.shuffle(rows)
        total = 0.0
        for k in range(0, len(rows), BATCH):
            chunk = rows[k : k + BATCH]
            ids, mask, lab = minilm.batch([r[0] for r in chunk], [r[1] for r in chunk])
            loss = loss_fn(model(ids, mask).view(-1, 2), lab.view(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(body + head, 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            total += loss.item() * len(chunk)
        log(f"MiniLM epoch {epoch + 1}/{EPOCHS}: loss {total / len(rows):.4f}")
    minilm.save(model, path)
    return model
