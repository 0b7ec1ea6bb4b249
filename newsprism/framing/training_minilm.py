"""Fine-tunes the MiniLM span tagger (`newsprism.framing.minilm`) on PTC articles, on the CPU, and exports
it to int8 ONNX (needs the `train` extra).

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

from newsprism.encoder import base
from newsprism.errors import FramingWeightsMismatch
from newsprism.framing import minilm
from newsprism.framing.semeval import merged

EPOCHS, BATCH, LR, HEAD_LR_FACTOR, WEIGHT_DECAY = 4, 16, 1e-4, 20, 0.01
FROZEN = "enc.embeddings.word_embeddings.weight"


def piece_labels(offsets: list[tuple[int, int]], spans: list[tuple[int, int]], length: int) -> list[int]:
    """1 for a wordpiece half covered (or more) by the merged spans, else 0."""
    cover = np.zeros(length + 1, dtype=bool)
    for s, e in merged(spans):
        cover[s:e] = True
    return [int(e > s and cover[s:e].mean() >= 0.5) for s, e in offsets]


def build_model():
    """The encoder (packaged weights, word embeddings frozen) with a fresh two-way head."""
    import torch

    from newsprism.encoder.export import base_encoder

    class Tagger(torch.nn.Module):
        """MiniLM encoder + linear head: logits (outside, inside) per wordpiece."""

        def __init__(self) -> None:
            super().__init__()
            self.enc = base_encoder()
            self.head = torch.nn.Linear(self.enc.config.hidden_size, 2)

        def forward(self, ids, mask):
            return self.head(self.enc(input_ids=ids, attention_mask=mask).last_hidden_state)

    return Tagger()


class Exported:
    """What the ONNX file holds: from inputs_embeds, P(inside) per wordpiece and the last layer's states
    (the shared encoder of `newsprism.encoder.run`)."""

    def __new__(cls, tagger):
        import torch

        class Inside(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.tagger = tagger

            def forward(self, inputs_embeds, attention_mask):
                h = self.tagger.enc(inputs_embeds=inputs_embeds, attention_mask=attention_mask).last_hidden_state
                return torch.softmax(self.tagger.head(h), -1)[:, :, 1], h

        return Inside()


def export(model, path: Path) -> None:
    """Writes the trained tagger to `path` as int8 ONNX (`newsprism.encoder.export`)."""
    import torch

    from newsprism.encoder.export import export_int8

    ids, mask = base.pad([[7592, 2088]])
    embeds = model.enc.embeddings.word_embeddings(torch.from_numpy(ids)).detach()
    export_int8(Exported(model), {"inputs_embeds": embeds, "attention_mask": torch.from_numpy(mask)}, ["inside", "hidden"],
                {"inputs_embeds": {0: "batch", 1: "length"}, "attention_mask": {0: "batch", 1: "length"},
                 "inside": {0: "batch", 1: "length"}, "hidden": {0: "batch", 1: "length"}}, path)


def batch(rows: list[list[int]], labels: list[list[int]]):
    """Padded (ids, mask, labels) tensors for windows of wordpiece ids; labels -100 where not scored."""
    import torch

    ids, mask = base.pad(rows)
    lab = np.full(ids.shape, -100, dtype=np.int64)
    for j, r in enumerate(labels):
        lab[j, 1 : 1 + len(r)] = r
    return torch.from_numpy(ids), torch.from_numpy(mask), torch.from_numpy(lab)


def train_tagger(articles: list[tuple[str, list[tuple[int, int]]]], path: Path, seed: int,
                 log: Callable[[str], None] = lambda _: None) -> None:
    """Fine-tunes the tagger on (text, SI spans) pairs and writes it to `path` as int8 ONNX."""
    import torch

    torch.manual_seed(seed)
    rng = random.Random(seed)
    rows = []
    for text, spans in articles:
        for ids, offs in minilm.windows(text):
            rows.append((ids, piece_labels(offs, spans, len(text))))
    model = build_model()
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
            ids, mask, lab = batch([r[0] for r in chunk], [r[1] for r in chunk])
            loss = loss_fn(model(ids, mask).view(-1, 2), lab.view(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(body + head, 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            total += loss.item() * len(chunk)
        log(f"MiniLM epoch {epoch + 1}/{EPOCHS}: loss {total / len(rows):.4f}")
    export(model, path)


def export_weights(weights: Path, path: Path) -> None:
    """Exports a tagger saved as float16 safetensors (its layers and head, as the earlier training wrote
    them) to int8 ONNX: how the shipped `spans-minilm.onnx` was made from the tagger trained before."""
    from safetensors.torch import load_file

    model = build_model()
    state = {k: v.float() for k, v in load_file(str(weights)).items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected or set(missing) - {FROZEN}:
        raise FramingWeightsMismatch(f"{weights} does not fit all-MiniLM-L6-v2: missing {missing[:3]}, "
                                     f"unexpected {unexpected[:3]}; export weights trained from it")
    export(model, path)
