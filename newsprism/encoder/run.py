"""One pass of the shared encoder over an article, serving every head that needs it.

The shared encoder is all-MiniLM-L6-v2 as fine-tuned with the framing span head (`newsprism train framing
--minilm`), exported to int8 ONNX with two outputs: `inside` (the span head's P(inside a propaganda span)
per wordpiece) and `hidden` (the last layer's states, which the tone head reads). Text is cut into windows
of whole lines (at most MAX_PIECES wordpieces; a longer line is cut), the same way in training and
prediction.

Each window runs alone, unpadded: the int8 graph is quantized dynamically, so every MatMul takes its
activation scale over the whole input tensor, and a window batched with others (or padded to their length)
would get answers that depend on its neighbours. Alone, a window's output depends on its own wordpieces only,
so an article, a sentence or a NewsMTSC line gets the same answer whatever else is analysed with it. Measured
against batching (scripts/encoder_options.py): no slower on one thread, as no padding is computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsprism.encoder import base

MODEL_FILE = Path(__file__).resolve().parents[1] / "models" / "framing" / "spans-minilm.onnx"
MAX_PIECES = 254  # wordpieces per window, [CLS] and [SEP] aside


@dataclass
class Encoding:
    """The encoder's output for one text, wordpiece by wordpiece in text order: character offsets
    (n, 2), the span head's P(inside) (n,), the last layer's states (n, 384, float16) and the wordpieces'
    ids (n,; the tone head reads their frozen embeddings beside the states)."""

    offsets: np.ndarray
    inside: np.ndarray
    hidden: np.ndarray
    ids: np.ndarray

    def char_probs(self, length: int) -> np.ndarray:
        """P(inside a span) for every character of a text of `length` (0 where no wordpiece lies)."""
        probs = np.zeros(length, dtype=np.float32)
        for (s, e), q in zip(self.offsets.tolist(), self.inside.tolist()):
            probs[s:e] = q
        return probs

    def mean_state(self, start: int, end: int) -> np.ndarray | None:
        """The mean state of the wordpieces overlapping characters start..end, or None when none does."""
        sel = (self.offsets[:, 0] < end) & (self.offsets[:, 1] > start)
        return self.hidden[sel].astype(np.float32).mean(0) if sel.any() else None


def token_states(encoding, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """(tokens, 384) float32: the mean last-layer state of the wordpieces overlapping each token [start, end)
    (zeros where none does), from the encoder's pass (`newsprism.encoder.run.Encoding`); a wordpiece counts for
    the token holding its first character and the one holding its last (a piece spans two tokens at most)."""
    dim = encoding.hidden.shape[1]
    out = np.zeros((len(starts), dim), dtype=np.float32)
    if not len(starts) or not len(encoding.offsets):
        return out
    count = np.zeros(len(starts), dtype=np.float32)
    order = np.argsort(starts, kind="stable")
    s_sorted, e_sorted = starts[order], ends[order]
    hidden = encoding.hidden.astype(np.float32)
    first, last = encoding.offsets[:, 0], encoding.offsets[:, 1] - 1
    ti = np.searchsorted(s_sorted, first, side="right") - 1
    tj = np.searchsorted(s_sorted, last, side="right") - 1
    for t, ch, extra in ((ti, first, None), (tj, last, ti)):
        ok = (t >= 0) & (e_sorted[np.maximum(t, 0)] > ch)
        if extra is not None:
            ok &= t != extra
        np.add.at(out, order[t[ok]], hidden[ok])
        np.add.at(count, order[t[ok]], 1.0)
    seen = count > 0
    out[seen] /= count[seen, None]
    return out


def windows(text: str) -> list[tuple[list[int], list[tuple[int, int]]]]:
    """(wordpiece ids, character offsets) per window: whole lines packed up to MAX_PIECES pieces."""
    enc = base.tokenizer().encode(text, add_special_tokens=False)
    ids, offs = enc.ids, enc.offsets
    newlines = np.flatnonzero(np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32) == ord("\n"))
    line_of = np.searchsorted(newlines, [s for s, _ in offs], side="right")  # the line each piece starts on
    lines: dict[int, list[int]] = {}
    for k, line in enumerate(line_of.tolist()):
        lines.setdefault(line, []).append(k)
    out, cur = [], []
    for ks in lines.values():
        while len(ks) > MAX_PIECES:
            if cur:
                out.append(cur)
                cur = []
            out.append(ks[:MAX_PIECES])
            ks = ks[MAX_PIECES:]
        if len(cur) + len(ks) > MAX_PIECES:
            out.append(cur)
            cur = []
        cur = cur + ks
    if cur:
        out.append(cur)
    return [([ids[k] for k in w], [tuple(offs[k]) for k in w]) for w in out]


class SharedEncoder:
    """The exported encoder: `encode(text)` -> `Encoding`, one pass per text."""

    def __init__(self, path: Path | None = None) -> None:
        self.session = base.session(Path(path) if path else MODEL_FILE)

    def run_window(self, row: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """(P(inside), states) per wordpiece of one window, run alone (see the module's docstring)."""
        ids, mask = base.pad([row])
        inside, hidden = self.session.run(["inside", "hidden"], {"inputs_embeds": base.embed(ids), "attention_mask": mask})
        n = len(row)
        return inside[0, 1 : 1 + n], hidden[0, 1 : 1 + n].astype(np.float16)

    def run_windows(self, rows: list[list[int]]) -> list[tuple[np.ndarray, np.ndarray]]:
        """(P(inside), states) per wordpiece of each window, each run alone."""
        return [self.run_window(row) for row in rows]

    def encode(self, text: str) -> Encoding:
        """The encoder's pass over `text`, its windows joined back in text order."""
        wins = windows(text)
        if not wins:
            return Encoding(np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.float32),
                            np.zeros((0, 384), dtype=np.float16), np.zeros(0, dtype=np.int64))
        res = self.run_windows([w[0] for w in wins])
        return Encoding(np.array([o for w in wins for o in w[1]], dtype=np.int64).reshape(-1, 2),
                        np.concatenate([p for p, _ in res]).astype(np.float32),
                        np.concatenate([h for _, h in res]),
                        np.array([i for w in wins for i in w[0]], dtype=np.int64))


def shared_encoder(path: Path | None = None) -> SharedEncoder:
    """The encoder of `path` (default: the shipped one), one per process whichever heads use it."""
    return _encoder_at(Path(path or MODEL_FILE).resolve())


@lru_cache(maxsize=2)
def _encoder_at(path: Path) -> SharedEncoder:
    """One `SharedEncoder` per resolved file."""
    return SharedEncoder(path)
