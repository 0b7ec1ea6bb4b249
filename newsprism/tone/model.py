"""The tone head: for a sentence and a mention in it, negative, neutral or positive (-1, 0, 1) with its
probability, read from the shared encoder's pass (`newsprism.encoder.run`), trained on NewsMTSC by
`newsprism train tone` (`newsprism.tone.training`). No PyTorch: numpy over the encoder's onnxruntime output.

What it reads of a sentence: its wordpieces' last-layer states beside their frozen word embeddings (the
base model's, which the encoder's input already looks up), each told whether it lies in the mention, how
far from it (a signed distance in wordpieces, cut at MAX_DISTANCE) and how far from it in spaCy's
dependency tree (`newsprism.encoder.syntax`). Each member of a small ensemble
projects the states (layer norm, linear), adds those three embeddings, and pools three vectors: the mention's
mean, the sentence's mean, and what the mention attends to in the sentence (a query made of the first two,
ATTENTION_HEADS heads); a small MLP on the three gives the classes' scores. The members' probabilities are
averaged and the likeliest class taken.

The wordpieces of an article's sentences that mention someone are projected in one matrix product and its
mentions judged in padded batches (`ToneModel.judge`); a NewsMTSC line is computed alone
(`ToneModel.classify`). Either way an answer depends on that article or line only, whatever else is analysed
with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsprism import limits
from newsprism.encoder import base
from newsprism.encoder.attention import (ATTENTION_HEADS, INPUT, MAX_DISTANCE, PARAMS, WIDTH, AttentionHead, Item,  # noqa: F401
                                         gelu, marks_of, pieces_of, positions, states_of)
from newsprism.encoder.run import MAX_PIECES, Encoding, SharedEncoder, shared_encoder
from newsprism.encoder.syntax import OTHER, Tree, parse_lines
from newsprism.errors import EncoderHeadMissing, ToneInputError

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "tone"
HEAD_FILE = "tone-head.npz"
POLARITIES = (-1, 0, 1)  # the order of the head's outputs
MENTIONS_PER_BATCH = 32  # an article's mentions judged together (memory: members x 32 x wordpieces x width floats)


class ToneHead(AttentionHead):
    """The tone head: an attention head (`newsprism.encoder.attention`) whose three outputs score the
    polarities, saved and loaded as one .npz file."""

    def verdicts(self, projected: np.ndarray, marks: np.ndarray, syntax: np.ndarray,
                 real: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(polarity, its probability) for each mention (`logits`' arguments): the likeliest class, the
        members' probabilities averaged."""
        z = self.logits(projected, marks, syntax, real)
        z = np.exp(z - z.max(-1, keepdims=True))
        probs = (z / z.sum(-1, keepdims=True)).mean(0)
        return [(POLARITIES[int(np.argmax(row))], round(float(row.max()), 4)) for row in probs]

    def judge(self, item: Item) -> tuple[int, float]:
        """(polarity, its probability) for one item."""
        return self.verdicts(self.project(item.states)[:, None], item.inside[None], item.syntax[None])[0]

    def save(self, path: Path) -> None:
        """Writes the arrays to one .npz file (float16 weights: the head as shipped is what was measured)."""
        np.savez_compressed(path, **{k: v.astype(np.float16) for k, v in self.params.items()})

    @classmethod
    def load(cls, path: Path) -> "ToneHead":
        """Reads what `save` wrote."""
        if not Path(path).is_file():
            raise EncoderHeadMissing(f"{path} is missing: train it with "
                                     "`newsprism train tone --data ../shared/data/newsmtsc`")
        with np.load(path, allow_pickle=False) as z:
            missing = [k for k in PARAMS if k not in z.files]
            if missing:
                raise EncoderHeadMissing(f"{path} is not a tone head of this version (no {', '.join(missing)}): "
                                         "train it again with `newsprism train tone`")
            return cls({k: z[k].astype(np.float32) for k in PARAMS})


def piece_window(offsets: list[tuple[int, int]], start: int, end: int) -> slice:
    """The MAX_PIECES wordpieces of a sentence the encoder reads: all of them, or for a longer sentence the
    window centred on the mention start..end."""
    n = len(offsets)
    if n <= MAX_PIECES:
        return slice(0, n)
    inside = [k for k, (s, e) in enumerate(offsets) if s < end and e > start] or [0]
    first = min(max(0, (inside[0] + inside[-1]) // 2 - MAX_PIECES // 2), n - MAX_PIECES)
    return slice(first, first + MAX_PIECES)


class ToneModel:
    """The tone head with the shared encoder: `classify` for single sentences (NewsMTSC lines), `judge` for
    the mentions of an article already encoded."""

    def __init__(self, folder: Path | None = None, encoder: SharedEncoder | None = None) -> None:
        self.head = ToneHead.load((Path(folder) if folder else MODEL_DIR) / HEAD_FILE)
        self.encoder = encoder

    def items(self, rows: list[tuple[str, int, int]]) -> list[Item]:
        """What the head reads of each (sentence, mention start, mention end), each sentence encoded and
        parsed alone (a sentence longer than one window: the window around the mention)."""
        if self.encoder is None:
            self.encoder = shared_encoder()
        for sentence, start, end in rows:
            if not 0 <= start < end <= len(sentence):
                raise ToneInputError(f"mention {start}-{end} is empty or outside its sentence "
                                     f"of {len(sentence)} characters; give character offsets inside it")
        trees = parse_lines([sentence for sentence, _, _ in rows])
        out = []
        for sentence, start, end in rows:
            e = base.tokenizer().encode(sentence, add_special_tokens=False)
            cut = piece_window(e.offsets, start, end)
            ids, offs = e.ids[cut], np.array(e.offsets[cut], dtype=np.int64).reshape(-1, 2)
            if not ids:  # no wordpiece at all (blank or control characters): nothing for the mention to mark
                out.append(Item(np.zeros((1, INPUT), np.float32), np.zeros(1, bool), np.full(1, OTHER)))
                continue
            probs, hidden = self.encoder.run_window(ids)
            out.append(Item(states_of(Encoding(offs, probs, hidden, np.array(ids, dtype=np.int64))),
                            marks_of(offs, (start, end)), trees[sentence].piece_distances(offs, (start, end))))
        return out

    def classify(self, rows: list[tuple[str, int, int]]) -> list[tuple[int, float]]:
        """(polarity, its probability) for each (sentence, mention start, mention end)."""
        found = self.items(rows)
        with limits.one_blas_thread():
            return [self.head.judge(item) for item in found]

    def judge(self, enc: Encoding, pairs: list[tuple[tuple[int, int], tuple[int, int]]],
              tree: Tree) -> list[tuple[int, float] | None]:
        """(polarity, probability) for each (sentence span, mention span) of an encoded article whose parse
        is `tree`; None where the mention covers no wordpiece. Only the wordpieces of sentences with a mention are projected, in one
        matrix product (the projection is most of the head's arithmetic); the mentions are then judged
        MENTIONS_PER_BATCH at a time, those of like sentence length together, each sentence padded to the
        longest (few numpy calls per article rather than per sentence)."""
        out: list[tuple[int, float] | None] = [None] * len(pairs)
        if not pairs or not len(enc.offsets):
            return out
        cuts = {sentence: pieces_of(enc.offsets, sentence) for sentence, _ in pairs}
        starts, at = {}, 0
        for sentence, cut in cuts.items():  # where each sentence's wordpieces lie among those projected
            starts[sentence] = at
            at += cut.stop - cut.start
        found = []  # (j, first projected row, wordpieces, marks, syntax) of each mention covering a wordpiece
        for j, (sentence, mention) in enumerate(pairs):
            marks = marks_of(enc.offsets[cuts[sentence]], mention)
            if marks.any():
                found.append((j, starts[sentence], len(marks), marks,
                              tree.piece_distances(enc.offsets[cuts[sentence]], mention)))
        if not found:
            return out
        found.sort(key=lambda f: f[2])
        rows = np.concatenate([np.arange(c.start, c.stop) for c in cuts.values()])
        with limits.one_blas_thread():
            projected = self.head.project(states_of(enc, rows))
            for b in range(0, len(found), MENTIONS_PER_BATCH):
                batch = found[b : b + MENTIONS_PER_BATCH]
                n = batch[-1][2]
                index, syntax = np.zeros((len(batch), n), np.int64), np.full((len(batch), n), OTHER)
                marks, real = np.zeros((len(batch), n), bool), np.zeros((len(batch), n), bool)
                for i, (_, first, length, mark, syn) in enumerate(batch):
                    index[i, :length], marks[i, :length] = np.arange(first, first + length), mark
                    syntax[i, :length], real[i, :length] = syn, True
                for (j, *_), verdict in zip(batch, self.head.verdicts(projected[:, index], marks, syntax, real)):
                    out[j] = verdict
        return out


@lru_cache(maxsize=2)
def shipped_model(folder: str | None = None) -> ToneModel:
    """The tone head of `folder` (default: the shipped one) with the shared encoder, loaded once per process."""
    return ToneModel(Path(folder) if folder else None)


def read_record(folder: Path | None = None) -> dict:
    """The training record beside the head (`meta.json`), or {} when there is none."""
    path = (Path(folder) if folder else MODEL_DIR) / "meta.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
